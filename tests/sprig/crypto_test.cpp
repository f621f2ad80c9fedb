// Sprig crypto functions. Deterministic results (derivePassword, decryptAES
// of Helm's ciphertext, error texts) are what Helm 3.17.3 prints; random ones
// are checked for shape by parsing them back with OpenSSL.
#include <gtest/gtest.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "core/openssl_ptr.h"
#include "templating/sprig/crypto.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

class Crypto : public ::testing::Test {
 protected:
  Crypto() { registerCryptoFunctions(table); }
  Value call(const std::string& name, std::vector<Value> args) { return callFunction(table, name, std::move(args)); }
  std::string text(const std::string& name, std::vector<Value> args) { return call(name, std::move(args)).asString(); }
  FunctionTable table;
};

struct ParsedCert {
  std::string subjectCN, issuerCN, altNames;
  bool isCA = false;
  long long validSeconds = 0;
};

ParsedCert parseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EXPECT_NE(x, nullptr);
  ParsedCert parsed;
  if (x == nullptr) return parsed;
  char buffer[256];
  X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, buffer, sizeof buffer);
  parsed.subjectCN = buffer;
  X509_NAME_get_text_by_NID(X509_get_issuer_name(x), NID_commonName, buffer, sizeof buffer);
  parsed.issuerCN = buffer;
  parsed.isCA = X509_check_ca(x) != 0;
  int days = 0, seconds = 0;
  ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(x), X509_get0_notAfter(x));
  parsed.validSeconds = days * 86400LL + seconds;
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      parsed.altNames += "DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.dNSName))) + " ";
    } else if (name->type == GEN_IPADD) {
      parsed.altNames += "IP:" + std::to_string(ASN1_STRING_length(name->d.iPAddress)) + "bytes ";
    }
  }
  GENERAL_NAMES_free(names);
  X509_free(x);
  return parsed;
}

TEST_F(Crypto, DerivePasswordMatchesMasterPassword) {
  EXPECT_EQ(text("derivePassword", {goInt(1), goStr("long"), goStr("password"), goStr("user"), goStr("example.com")}),
            "ZedaFaxcZaso9*");
  EXPECT_EQ(text("derivePassword", {goInt(2), goStr("maximum"), goStr("pw"), goStr("u"), goStr("site")}),
            "w2.W)8^z^jXOpKNv@aZf");
  EXPECT_EQ(text("derivePassword", {goInt(1), goStr("pin"), goStr("a"), goStr("b"), goStr("c")}), "9016");
  EXPECT_EQ(text("derivePassword", {goInt(1), goStr("nope"), goStr("a"), goStr("b"), goStr("c")}),
            "cannot find password template nope");
}

TEST_F(Crypto, AesRoundTripsAndReadsHelmCiphertext) {
  EXPECT_EQ(text("decryptAES", {goStr("secretkey"), goStr("uM3kaLwj9srJx2q0xMMHmGai3QU1pRITpD+/t54X4xg=")}),
            "plaintext");
  const std::string sealed = text("encryptAES", {goStr("secretkey"), goStr("hello world")});
  EXPECT_EQ(sealed.size(), 44u);
  EXPECT_EQ(text("decryptAES", {goStr("secretkey"), goStr(sealed)}), "hello world");
  EXPECT_EQ(text("encryptAES", {goStr("k"), goStr("")}), "");
  EXPECT_EQ(callFailure(table, "decryptAES", {goStr("k"), goStr("!!")}), "illegal base64 data at input byte 0");
}

TEST_F(Crypto, BcryptAndHtpasswd) {
  const std::string hash = text("bcrypt", {goStr("x")});
  EXPECT_EQ(hash.size(), 60u);
  EXPECT_EQ(hash.substr(0, 7), "$2a$10$");
  EXPECT_EQ(text("htpasswd", {goStr("user"), goStr("pw")}).substr(0, 12), "user:$2a$10$");
  EXPECT_EQ(text("htpasswd", {goStr("a:b"), goStr("x")}), "invalid username: a:b");
  EXPECT_EQ(text("bcrypt", {goStr(std::string(73, '0'))}),
            "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
}

TEST_F(Crypto, RandBytesIsBase64) { EXPECT_EQ(text("randBytes", {goInt(4)}).size(), 8u); }

TEST_F(Crypto, PrivateKeysUseGoPemTypes) {
  const std::string ec = text("genPrivateKey", {goStr("ecdsa")});
  EXPECT_EQ(ec.substr(0, 40), "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI");
  EXPECT_EQ(ec.size(), 227u);
  const std::string ed = text("genPrivateKey", {goStr("ed25519")});
  EXPECT_EQ(ed.substr(0, 40), "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYD");
  EXPECT_EQ(ed.size(), 119u);
  EXPECT_EQ(text("genPrivateKey", {goStr("rsa")}).substr(0, 31), "-----BEGIN RSA PRIVATE KEY-----");
  EXPECT_EQ(text("genPrivateKey", {goStr("nope")}), "Unknown type nope");
}

TEST_F(Crypto, CertificateAuthorityAndSignedCertificate) {
  Value ca = call("genCA", {goStr("my-ca"), goInt(365)});
  EXPECT_EQ(ca.typeName(), "sprig.certificate");
  EXPECT_EQ(ca.kindName(), "struct");
  const ParsedCert caCert = parseCert(ca.asObject().field("Cert")->asString());
  EXPECT_EQ(caCert.subjectCN, "my-ca");
  EXPECT_TRUE(caCert.isCA);
  EXPECT_EQ(caCert.validSeconds, 365 * 86400LL);
  EXPECT_EQ(ca.asObject().field("Key")->asString().substr(0, 31), "-----BEGIN RSA PRIVATE KEY-----");

  Value leaf = call("genSignedCert", {goStr("svc"), goList({goStr("10.0.0.1")}), goList({goStr("a.com")}), goInt(3), ca});
  const ParsedCert leafCert = parseCert(leaf.asObject().field("Cert")->asString());
  EXPECT_EQ(leafCert.subjectCN, "svc");
  EXPECT_EQ(leafCert.issuerCN, "my-ca");
  EXPECT_FALSE(leafCert.isCA);
  EXPECT_EQ(leafCert.altNames, "DNS:a.com IP:4bytes ");
  EXPECT_EQ(leafCert.validSeconds, 3 * 86400LL);
}

// Whether `leafPem` was issued and signed by the certificate in `caPem`.
bool issuedBy(const std::string& leafPem, const std::string& caPem) {
  auto read = [](const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return X509Ptr(x);
  };
  X509Ptr leaf = read(leafPem), ca = read(caPem);
  return leaf && ca && X509_check_issued(ca.get(), leaf.get()) == X509_V_OK &&
         X509_verify(leaf.get(), X509_get0_pubkey(ca.get())) == 1;
}

// Whether the certificate in `certPem` certifies the private key in `keyPem`.
bool certifiesKey(const std::string& certPem, const std::string& keyPem) {
  BIO* certBio = BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size()));
  X509Ptr cert(PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr));
  BIO_free(certBio);
  BIO* keyBio = BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size()));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr));
  BIO_free(keyBio);
  return cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
}

std::string base64(const std::string& text) {
  std::string out(4 * ((text.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                  static_cast<int>(text.size()));
  return out;
}

// genSignedCert signs with the CA it is given, whether the CA holds the
// objects it was made from (genCA) or was parsed from text (buildCustomCert),
// and genSignedCertWithKey certifies the key it is given.
TEST_F(Crypto, SignedCertificatesVerifyWithTheirCa) {
  Value ca = call("genCA", {goStr("my-ca"), goInt(365)});
  const std::string caCert = ca.asObject().field("Cert")->asString(), caKey = ca.asObject().field("Key")->asString();
  Value leaf = call("genSignedCert", {goStr("a"), Value::nil(), goList({goStr("a.com")}), goInt(3), ca});
  EXPECT_TRUE(issuedBy(leaf.asObject().field("Cert")->asString(), caCert));
  EXPECT_TRUE(certifiesKey(caCert, caKey));
  EXPECT_TRUE(certifiesKey(leaf.asObject().field("Cert")->asString(), leaf.asObject().field("Key")->asString()));
  EXPECT_FALSE(certifiesKey(leaf.asObject().field("Cert")->asString(), caKey));

  Value custom = call("buildCustomCert", {goStr(base64(caCert)), goStr(base64(caKey))});
  Value second = call("genSignedCert", {goStr("b"), Value::nil(), Value::nil(), goInt(3), custom});
  EXPECT_TRUE(issuedBy(second.asObject().field("Cert")->asString(), caCert));
  EXPECT_EQ(parseCert(second.asObject().field("Cert")->asString()).issuerCN, "my-ca");

  const Value key = call("genPrivateKey", {goStr("ecdsa")});
  Value withKey = call("genSignedCertWithKey", {goStr("c"), Value::nil(), Value::nil(), goInt(3), ca, key});
  EXPECT_TRUE(issuedBy(withKey.asObject().field("Cert")->asString(), caCert));
  EXPECT_EQ(withKey.asObject().field("Key")->asString(), key.asString());
  EXPECT_TRUE(certifiesKey(withKey.asObject().field("Cert")->asString(), key.asString()));
  EXPECT_FALSE(issuedBy(withKey.asObject().field("Cert")->asString(), leaf.asObject().field("Cert")->asString()));
}

TEST_F(Crypto, SelfSignedWithGivenKey) {
  const Value key = call("genPrivateKey", {goStr("ecdsa")});
  Value cert = call("genSelfSignedCertWithKey", {goStr("x"), Value::nil(), goList({goStr("b.org")}), goInt(1), key});
  EXPECT_EQ(cert.asObject().field("Key")->asString(), key.asString());
  EXPECT_EQ(parseCert(cert.asObject().field("Cert")->asString()).altNames, "DNS:b.org ");
}

TEST_F(Crypto, ErrorsReadLikeSprig) {
  EXPECT_EQ(callFailure(table, "genSelfSignedCertWithKey", {goStr("x"), Value::nil(), Value::nil(), goInt(1), goStr("bad")}),
            "parsing private key: no PEM data in input");
  EXPECT_EQ(callFailure(table, "genSelfSignedCert", {goStr("x"), goList({goInt(1)}), Value::nil(), goInt(1)}),
            "error parsing ip: 1 is not a string");
  EXPECT_EQ(callFailure(table, "genSelfSignedCert", {goStr("x"), goList({goStr("1.2.3")}), Value::nil(), goInt(1)}),
            "error parsing ip: 1.2.3");
  EXPECT_EQ(callFailure(table, "buildCustomCert", {goStr("bad"), goStr("bad")}), "unable to decode base64 certificate");
}

}  // namespace
}  // namespace ho::tmpl
