// Sprig crypto functions (sprig v3.3 crypto.go) on OpenSSL and libxcrypt.
#include "templating/sprig/crypto.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <array>
#include <map>

#include "templating/go_cast.h"
#include "templating/go_format.h"
#include "templating/sprig/bcrypt_hash.h"
#include "templating/sprig/pki.h"
#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using sprig::Args;
using sprig::kAny;
using sprig::kInt;
using sprig::kString;

// sprig's certificate struct: {Cert, Key}.
class CertificateObject final : public Object {
 public:
  explicit CertificateObject(PemPair pair) : pair_(std::move(pair)) {}
  const PemPair& pair() const { return pair_; }

  std::string typeName() const override { return "sprig.certificate"; }
  std::string kindName() const override { return "struct"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Cert") return Value::string(pair_.cert);
    if (name == "Key") return Value::string(pair_.key);
    return std::nullopt;
  }
  std::string format() const override { return "{" + pair_.cert + " " + pair_.key + "}"; }
  Value toData() const override {
    return Value::map(Map{{"Cert", Value::string(pair_.cert)}, {"Key", Value::string(pair_.key)}});
  }

 private:
  PemPair pair_;
};

Value certificateValue(PemPair pair) { return Value::object(std::make_shared<CertificateObject>(std::move(pair))); }

template <class T>
T orFail(Result<T> result, const std::string& context = "") {
  if (!result) throw Failure(context + result.error().message);
  return std::move(result.value());
}

// --- base64 (Go's StdEncoding) ---

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                  static_cast<int>(bytes.size()));
  return out;
}

Result<std::string> base64Decode(std::string_view text) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool isPad = c == '=' && i + 2 >= text.size() && i >= text.size() - 2 && text.size() % 4 == 0;
    if (isPad) {
      ++padding;
    } else if (kAlphabet.find(c) == std::string_view::npos || padding > 0) {
      return Error{"illegal base64 data at input byte " + std::to_string(i)};
    }
  }
  if (text.size() % 4 != 0) return Error{"illegal base64 data at input byte " + std::to_string(text.size() / 4 * 4)};
  std::string out(text.size() / 4 * 3, '\0');
  EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                  static_cast<int>(text.size()));
  out.resize(out.size() - padding);
  return out;
}

std::string randomBytes(std::size_t count) {
  std::string bytes(count, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count));
  return bytes;
}

// --- AES-256-CBC with the password zero-padded (or cut) to 32 bytes ---

std::array<unsigned char, 32> aesKey(const std::string& password) {
  std::array<unsigned char, 32> key{};
  std::copy_n(password.begin(), std::min(password.size(), key.size()), key.begin());
  return key;
}

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

std::string aesCbc(bool encrypt, const std::string& password, const std::string& iv, std::string_view input) {
  const auto key = aesKey(password);
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.data(),
                    reinterpret_cast<const unsigned char*>(iv.data()), encrypt ? 1 : 0);
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  std::string out(input.size(), '\0');
  int written = 0;
  EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                   reinterpret_cast<const unsigned char*>(input.data()), static_cast<int>(input.size()));
  return out;
}

Value encryptAES(Args a) {
  const std::string& plaintext = a[1].asString();
  if (plaintext.empty()) return Value::string("");
  const std::size_t padding = 16 - plaintext.size() % 16;
  const std::string padded = plaintext + std::string(padding, static_cast<char>(padding));
  const std::string iv = randomBytes(16);
  return Value::string(base64Encode(iv + aesCbc(true, a[0].asString(), iv, padded)));
}

Value decryptAES(Args a) {
  if (a[1].asString().empty()) return Value::string("");
  const std::string data = orFail(base64Decode(a[1].asString()));
  if (data.size() < 16) {
    throw Failure("runtime error: slice bounds out of range [:16] with capacity " + std::to_string(data.size()));
  }
  const std::string_view body = std::string_view(data).substr(16);
  if (body.size() % 16 != 0) throw Failure("crypto/cipher: input not full blocks");
  const std::string plain = aesCbc(false, a[0].asString(), data.substr(0, 16), body);
  if (plain.empty()) throw Failure("runtime error: index out of range [-1]");
  const auto padding = static_cast<unsigned char>(plain.back());
  if (padding > plain.size()) {
    throw Failure("runtime error: slice bounds out of range [:" +
                  std::to_string(static_cast<long long>(plain.size()) - padding) + "]");
  }
  return Value::string(plain.substr(0, plain.size() - padding));
}

// --- Master Password (derivePassword) ---

const std::map<std::string, std::vector<std::string>, std::less<>>& passwordTemplates() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> templates{
      {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
      {"long", {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                "CvccCvcvCvccno"}},
      {"medium", {"CvcnoCvc", "CvcCvcno"}},
      {"short", {"Cvcn"}},
      {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
      {"pin", {"nnnn"}},
  };
  return templates;
}

std::string_view templateCharacters(char kind) {
  switch (kind) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    default: return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";  // 'x'
  }
}

std::string bigEndian32(std::uint32_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8), static_cast<char>(n)};
}

Value derivePassword(Args a) {
  const auto counter = static_cast<std::uint32_t>(castToInt64(a[0]));  // Go's uint32 parameter
  const std::string& type = a[1].asString();
  const std::string& password = a[2].asString();
  const std::string& user = a[3].asString();
  const std::string& site = a[4].asString();
  auto templates = passwordTemplates().find(type);
  if (templates == passwordTemplates().end()) return Value::string("cannot find password template " + type);
  const std::string seed = "com.lyndir.masterpassword";
  const std::string salt = seed + bigEndian32(static_cast<std::uint32_t>(user.size())) + user;
  std::array<unsigned char, 64> key{};
  if (EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                     salt.size(), 32768, 8, 2, 1ULL << 30, key.data(), key.size()) != 1) {
    return Value::string("failed to derive password: scrypt failed");
  }
  const std::string message =
      seed + bigEndian32(static_cast<std::uint32_t>(site.size())) + site + bigEndian32(counter);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digestLength = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest.data(), &digestLength);
  const std::string& pattern = templates->second[digest[0] % templates->second.size()];
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string_view characters = templateCharacters(pattern[i]);
    out += characters[digest[i + 1] % characters.size()];
  }
  return Value::string(out);
}

// --- bcrypt ---

std::string bcryptOrMessage(const std::string& password) {
  auto hash = bcryptHash(password);
  return hash ? *hash : "failed to encrypt string with bcrypt: " + hash.error().message;
}

// --- certificates ---

std::vector<std::string> ipList(const Value& v) {
  std::vector<std::string> ips;
  if (!v.isList()) return ips;
  for (const Value& item : v.asList()) {
    if (!item.isString()) throw Failure("error parsing ip: " + formatValue(item) + " is not a string");
    std::array<unsigned char, 16> buffer{};
    const std::string& text = item.asString();
    const int family = text.find(':') != std::string::npos ? AF_INET6 : AF_INET;
    const bool valid = inet_pton(family, text.c_str(), buffer.data()) == 1;
    if (!valid) throw Failure("error parsing ip: " + text);
    ips.push_back(text);
  }
  return ips;
}

std::vector<std::string> dnsList(const Value& v) {
  std::vector<std::string> names;
  if (!v.isList()) return names;
  for (const Value& item : v.asList()) {
    if (!item.isString()) {
      throw Failure("error processing alternate dns name: " + formatValue(item) + " is not a string");
    }
    names.push_back(item.asString());
  }
  return names;
}

CertificateRequest request(Args a, std::size_t daysAt, bool withNames) {
  CertificateRequest r;
  r.commonName = a[0].asString();
  if (withNames) {
    r.ipAddresses = ipList(a[1]);
    r.dnsNames = dnsList(a[2]);
  }
  r.daysValid = a[daysAt].asInt();
  return r;
}

PrivateKey freshRsaKey() {
  PrivateKey key = generateRsaKey(2048);
  if (!key) throw Failure("error generating rsa key: generation failed");
  return key;
}

PrivateKey keyFromPem(const Value& pem) { return orFail(parsePrivateKeyPem(pem.asString()), "parsing private key: "); }

const PemPair& signerOf(const Value& v) {
  const auto* ca = v.isObject() ? dynamic_cast<const CertificateObject*>(&v.asObject()) : nullptr;
  if (ca == nullptr) throw Failure("wrong type for value; expected sprig.certificate; got " + v.typeName());
  return ca->pair();
}

Value selfSigned(const CertificateRequest& r, PrivateKey key) {
  EVP_PKEY* signer = key.get();
  return certificateValue(orFail(createCertificate(r, SharedKey(std::move(key)), nullptr, signer)));
}

// Signed by `ca`, with the certificate and key objects its pair holds.
Value signedBy(const CertificateRequest& r, const PemPair& ca, PrivateKey key) {
  return certificateValue(
      orFail(createCertificate(r, SharedKey(std::move(key)), ca.certificate.get(), ca.privateKey.get())));
}

Value buildCustomCert(Args a) {
  auto cert = base64Decode(a[0].asString());
  if (!cert) throw Failure("unable to decode base64 certificate");
  auto key = base64Decode(a[1].asString());
  if (!key) throw Failure("unable to decode base64 private key");
  SharedCertificate certificate = orFail(parseCertificatePem(*cert, "decodedCert.Bytes"));
  SharedKey privateKey = orFail(parsePrivateKeyPem(*key), "error parsing private key: ");
  return certificateValue(PemPair{*cert, *key, std::move(certificate), std::move(privateKey)});
}

}  // namespace

void registerCryptoFunctions(FunctionTable& table) {
  using sprig::fixed;
  table.add("genPrivateKey", fixed({kString}, [](Args a) {
              PrivateKey key = generatePrivateKey(a[0].asString());
              if (!key) return Value::string("Unknown type " + a[0].asString());
              return Value::string(privateKeyPem(key.get()));
            }));
  table.add("genCA", fixed({kString, kInt}, [](Args a) {
              CertificateRequest r = request(a, 1, false);
              r.isCA = true;
              return selfSigned(r, freshRsaKey());
            }));
  table.add("genCAWithKey", fixed({kString, kInt, kString}, [](Args a) {
              CertificateRequest r = request(a, 1, false);
              r.isCA = true;
              return selfSigned(r, keyFromPem(a[2]));
            }));
  table.add("genSelfSignedCert", fixed({kString, ParamType::List, ParamType::List, kInt},
                                       [](Args a) { return selfSigned(request(a, 3, true), freshRsaKey()); }));
  table.add("genSelfSignedCertWithKey", fixed({kString, ParamType::List, ParamType::List, kInt, kString}, [](Args a) {
              const CertificateRequest r = request(a, 3, true);
              return selfSigned(r, keyFromPem(a[4]));
            }));
  table.add("genSignedCert", fixed({kString, ParamType::List, ParamType::List, kInt, kAny}, [](Args a) {
              const CertificateRequest r = request(a, 3, true);
              return signedBy(r, signerOf(a[4]), freshRsaKey());
            }));
  table.add("genSignedCertWithKey",
            fixed({kString, ParamType::List, ParamType::List, kInt, kAny, kString}, [](Args a) {
              const CertificateRequest r = request(a, 3, true);
              const PemPair& ca = signerOf(a[4]);
              return signedBy(r, ca, keyFromPem(a[5]));
            }));
  table.add("buildCustomCert", fixed({kString, kString}, buildCustomCert));
  table.add("derivePassword", fixed({ParamType::Any, kString, kString, kString, kString}, derivePassword));
  table.add("bcrypt", fixed({kString}, [](Args a) { return Value::string(bcryptOrMessage(a[0].asString())); }));
  table.add("htpasswd", fixed({kString, kString}, [](Args a) {
              const std::string& user = a[0].asString();
              if (user.find(':') != std::string::npos) return Value::string("invalid username: " + user);
              return Value::string(user + ":" + bcryptOrMessage(a[1].asString()));
            }));
  table.add("encryptAES", fixed({kString, kString}, encryptAES));
  table.add("decryptAES", fixed({kString, kString}, decryptAES));
  table.add("randBytes", fixed({kInt}, [](Args a) {
              if (a[0].asInt() < 0) throw Failure("runtime error: makeslice: len out of range");
              return Value::string(base64Encode(randomBytes(static_cast<std::size_t>(a[0].asInt()))));
            }));
}

}  // namespace ho::tmpl
