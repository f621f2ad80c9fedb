// Key generation, PEM encoding and certificate signing on OpenSSL.
#include "templating/sprig/pki.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <optional>
#include <string_view>

namespace ho::tmpl {

namespace {

using Bio = BioPtr;
using Certificate = X509Ptr;
using KeyContext = EvpPkeyCtxPtr;

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Bio readOnly(const std::string& text) { return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size()))); }

PrivateKey generateDsaKey() {
  KeyContext paramContext(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr));
  EVP_PKEY* params = nullptr;
  if (!paramContext || EVP_PKEY_paramgen_init(paramContext.get()) <= 0 ||
      EVP_PKEY_CTX_set_dsa_paramgen_bits(paramContext.get(), 2048) <= 0 ||
      EVP_PKEY_CTX_set_dsa_paramgen_q_bits(paramContext.get(), 256) <= 0 ||
      EVP_PKEY_paramgen(paramContext.get(), &params) <= 0) {
    return nullptr;
  }
  PrivateKey parameters(params);
  KeyContext keyContext(EVP_PKEY_CTX_new(parameters.get(), nullptr));
  EVP_PKEY* key = nullptr;
  if (!keyContext || EVP_PKEY_keygen_init(keyContext.get()) <= 0 || EVP_PKEY_keygen(keyContext.get(), &key) <= 0) {
    return nullptr;
  }
  return PrivateKey(key);
}

// The "TYPE" of the first "-----BEGIN TYPE-----" line, if any.
std::optional<std::string> pemType(const std::string& pem) {
  const std::string begin = "-----BEGIN ";
  const auto at = pem.find(begin);
  if (at == std::string::npos) return std::nullopt;
  const auto end = pem.find("-----", at + begin.size());
  if (end == std::string::npos) return std::nullopt;
  return pem.substr(at + begin.size(), end - at - begin.size());
}

bool printable(const std::string& s) {
  for (unsigned char c : s) {
    const bool ok = std::isalnum(c) || std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

X509_NAME* commonNameOnly(const std::string& cn) {
  X509_NAME* name = X509_NAME_new();
  X509_NAME_add_entry_by_NID(name, NID_commonName, printable(cn) ? V_ASN1_PRINTABLESTRING : MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.data()), static_cast<int>(cn.size()), -1, 0);
  return name;
}

bool addExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

bool randomSerial(X509* cert) {
  BIGNUM* serial = BN_new();
  BIGNUM* bound = BN_new();
  BN_set_bit(bound, 128);
  const bool ok = BN_rand_range(serial, bound) == 1 &&
                  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert)) != nullptr;
  BN_free(serial);
  BN_free(bound);
  return ok;
}

// The certificate's SubjectPublicKeyInfo for `key`. An RSA key's is set from
// its modulus and exponent (RSAPublicKey ::= SEQUENCE { modulus INTEGER,
// publicExponent INTEGER }, RFC 8017) because X509_set_pubkey takes a provider
// key through OpenSSL 3's encoder and back through its decoder, ~0.3 ms a
// certificate; other keys go through X509_set_pubkey.
bool setPublicKey(X509* cert, EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) return X509_set_pubkey(cert, key) == 1;
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  ASN1_INTEGER* modulus = nullptr;
  ASN1_INTEGER* exponent = nullptr;
  bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
            EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e) == 1 &&
            (modulus = BN_to_ASN1_INTEGER(n, nullptr)) != nullptr &&
            (exponent = BN_to_ASN1_INTEGER(e, nullptr)) != nullptr;
  if (ok) {
    const int content = i2d_ASN1_INTEGER(modulus, nullptr) + i2d_ASN1_INTEGER(exponent, nullptr);
    const int total = ASN1_object_size(1, content, V_ASN1_SEQUENCE);
    auto* der = static_cast<unsigned char*>(OPENSSL_malloc(static_cast<std::size_t>(total)));
    unsigned char* out = der;
    ok = der != nullptr;
    if (ok) {
      ASN1_put_object(&out, 1, content, V_ASN1_SEQUENCE, V_ASN1_UNIVERSAL);
      i2d_ASN1_INTEGER(modulus, &out);
      i2d_ASN1_INTEGER(exponent, &out);
      // The key info takes the encoding on success.
      ok = X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert), OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr, der,
                                  total) == 1;
      if (!ok) OPENSSL_free(der);
    }
  }
  ASN1_INTEGER_free(modulus);
  ASN1_INTEGER_free(exponent);
  BN_free(n);
  BN_free(e);
  return ok;
}

bool supportedForX509(EVP_PKEY* key) {
  const int id = EVP_PKEY_get_base_id(key);
  return id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_ED25519;
}

}  // namespace

PrivateKey generatePrivateKey(const std::string& type) {
  if (type.empty() || type == "rsa") return generateRsaKey(4096);
  if (type == "dsa") return generateDsaKey();
  if (type == "ecdsa") return PrivateKey(EVP_EC_gen("P-256"));
  if (type == "ed25519") return PrivateKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  return nullptr;
}

std::string privateKeyPem(EVP_PKEY* key) {
  Bio out(BIO_new(BIO_s_mem()));
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519) {
    PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PrivateKey_traditional(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  }
  return drain(out.get());
}

Result<PrivateKey> parsePrivateKeyPem(const std::string& pem) {
  const auto type = pemType(pem);
  if (!type) return Error{"no PEM data in input"};
  const std::string suffix = " PRIVATE KEY";
  const bool pkcs8 = *type == "PRIVATE KEY";
  if (!pkcs8 && (type->size() <= suffix.size() || !type->ends_with(suffix))) {
    return Error{"no private key data in PEM block of type " + *type};
  }
  const std::string kind = pkcs8 ? "" : type->substr(0, type->size() - suffix.size());
  if (!pkcs8 && kind != "RSA" && kind != "EC" && kind != "DSA") return Error{"invalid private key type " + *type};
  Bio in = readOnly(pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) {
    if (pkcs8) return Error{"decoding PEM as PKCS#8: asn1: structure error"};
    return Error{"parsing " + kind + " private key from PEM: asn1: structure error"};
  }
  return PrivateKey(key);
}

Result<SharedCertificate> parseCertificatePem(const std::string& pem, const std::string& what) {
  if (!pemType(pem)) return Error{"unable to decode certificate"};
  Bio in = readOnly(pem);
  Certificate cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  if (!cert) return Error{"error parsing certificate: " + what + ": x509: malformed certificate"};
  return SharedCertificate(std::move(cert));
}

Result<PemPair> createCertificate(const CertificateRequest& request, SharedKey subjectKey, X509* signer,
                                  EVP_PKEY* signerKey) {
  if (!supportedForX509(signerKey)) {
    return Error{"error creating certificate: x509: only RSA, ECDSA and Ed25519 keys supported"};
  }
  if (!supportedForX509(subjectKey.get())) {
    return Error{"error creating certificate: x509: unsupported public key type: *dsa.PublicKey"};
  }
  Certificate cert(X509_new());
  X509_set_version(cert.get(), 2);
  if (!randomSerial(cert.get())) return Error{"error creating certificate: no serial number"};
  X509_NAME* subject = commonNameOnly(request.commonName);
  X509_set_subject_name(cert.get(), subject);
  X509_set_issuer_name(cert.get(), signer ? X509_get_subject_name(signer) : subject);
  X509_NAME_free(subject);
  const std::time_t now = std::time(nullptr);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), now);
  ASN1_TIME_adj(X509_getm_notAfter(cert.get()), now, static_cast<int>(request.daysValid), 0);
  if (!setPublicKey(cert.get(), subjectKey.get())) return Error{"error creating certificate: bad public key"};

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, signer ? signer : cert.get(), cert.get(), nullptr, nullptr, 0);
  std::string usage = "critical,digitalSignature,keyEncipherment";
  if (request.isCA) usage += ",keyCertSign";
  bool ok = addExtension(cert.get(), &ctx, NID_key_usage, usage) &&
            addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth,clientAuth") &&
            addExtension(cert.get(), &ctx, NID_basic_constraints, request.isCA ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (ok && request.isCA) ok = addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  if (ok && signer && X509_get0_subject_key_id(signer) != nullptr) {
    ok = addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  }
  std::string alternativeNames;
  for (const std::string& dns : request.dnsNames) alternativeNames += (alternativeNames.empty() ? "DNS:" : ",DNS:") + dns;
  for (const std::string& ip : request.ipAddresses) alternativeNames += (alternativeNames.empty() ? "IP:" : ",IP:") + ip;
  if (ok && !alternativeNames.empty()) ok = addExtension(cert.get(), &ctx, NID_subject_alt_name, alternativeNames);
  if (!ok) return Error{"error creating certificate: bad extension"};

  const EVP_MD* digest = EVP_PKEY_get_base_id(signerKey) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  if (X509_sign(cert.get(), signerKey, digest) <= 0) return Error{"error creating certificate: signing failed"};
  Bio out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert.get());
  std::string certPem = drain(out.get()), keyPem = privateKeyPem(subjectKey.get());
  return PemPair{std::move(certPem), std::move(keyPem), SharedCertificate(std::move(cert)), std::move(subjectKey)};
}

}  // namespace ho::tmpl
