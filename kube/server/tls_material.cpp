// Self-signed CA, serving certificate and token generation (OpenSSL 3).
#include "kube/server/tls_material.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>
#include <vector>

#include "core/file_bytes.h"
#include "core/openssl_ptr.h"

namespace ho::kube {
namespace {

namespace fs = std::filesystem;

using Key = EvpPkeyPtr;
using Certificate = X509Ptr;
using Bio = BioPtr;

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string pemOf(X509* certificate) {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), certificate);
  return bioText(bio.get());
}

std::string pemOf(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return bioText(bio.get());
}

Key keyFromPem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

Certificate certificateFromPem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool addExtension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  if (!extension) return false;
  const bool added = X509_add_ext(certificate, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  return added;
}

// A certificate for `key` named `commonName`, signed by the issuer (itself when null).
Certificate makeCertificate(EVP_PKEY* key, const std::string& commonName, X509* issuer, EVP_PKEY* issuerKey,
                            const std::vector<std::pair<int, std::string>>& extensions) {
  Certificate certificate(X509_new());
  X509_set_version(certificate.get(), 2);
  uint64_t serial = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate.get()), serial >> 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(certificate.get(), key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
  X509* signer = issuer ? issuer : certificate.get();
  X509_set_issuer_name(certificate.get(), X509_get_subject_name(signer));
  for (const auto& [nid, value] : extensions) {
    if (!addExtension(certificate.get(), signer, nid, value)) return nullptr;
  }
  if (X509_sign(certificate.get(), issuerKey ? issuerKey : key, EVP_sha256()) == 0) return nullptr;
  return certificate;
}

std::string randomToken() {
  unsigned char bytes[24];
  RAND_bytes(bytes, sizeof bytes);
  static const char* hex = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += hex[byte >> 4];
    token += hex[byte & 15];
  }
  return token;
}

// A file's bytes, empty when it cannot be read (then the checks below refuse it).
std::string readFile(const fs::path& path) {
  auto bytes = readFileBytes(path.string());
  return bytes ? std::move(*bytes) : std::string();
}

Result<TlsMaterial> generate(const std::string& host) {
  const Key caKey(EVP_EC_gen("P-256"));
  const Key servingKey(EVP_EC_gen("P-256"));
  if (!caKey || !servingKey) return Error{"tls: cannot generate keys"};
  const Certificate ca = makeCertificate(caKey.get(), "helm-operator-ca", nullptr, nullptr,
                                         {{NID_basic_constraints, "critical,CA:TRUE"},
                                          {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
                                          {NID_subject_key_identifier, "hash"}});
  std::string names = "DNS:localhost,IP:127.0.0.1";
  if (!host.empty() && host != "127.0.0.1" && host != "localhost") {
    const bool numeric = host.find_first_not_of("0123456789.:") == std::string::npos;
    names += (numeric ? ",IP:" : ",DNS:") + host;
  }
  if (!ca) return Error{"tls: cannot create the CA certificate"};
  const Certificate serving = makeCertificate(servingKey.get(), "helm-operator-apiserver", ca.get(), caKey.get(),
                                              {{NID_basic_constraints, "critical,CA:FALSE"},
                                               {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                               {NID_ext_key_usage, "serverAuth"},
                                               {NID_subject_alt_name, names}});
  if (!serving) return Error{"tls: cannot create the serving certificate"};
  return TlsMaterial{pemOf(ca.get()), pemOf(serving.get()), pemOf(servingKey.get()), randomToken()};
}

}  // namespace

Result<TlsMaterial> loadOrCreateTlsMaterial(const std::string& directory, const std::string& host) {
  const fs::path dir = directory;
  const std::vector<fs::path> files = {dir / "ca.crt", dir / "tls.crt", dir / "tls.key", dir / "token"};
  bool complete = !directory.empty();
  for (const fs::path& file : files) complete = complete && fs::exists(file);
  if (complete) {
    TlsMaterial material{readFile(files[0]), readFile(files[1]), readFile(files[2]), readFile(files[3])};
    while (!material.token.empty() && std::isspace(static_cast<unsigned char>(material.token.back()))) {
      material.token.pop_back();
    }
    if (!certificateFromPem(material.certificatePem) || !keyFromPem(material.privateKeyPem)) {
      return Error{"tls: unreadable certificate or key in " + directory};
    }
    return material;
  }
  Result<TlsMaterial> material = generate(host);
  if (!material.ok() || directory.empty()) return material;
  std::error_code error;
  fs::create_directories(dir, error);
  const std::vector<const std::string*> contents = {&material.value().caCertificatePem,
                                                    &material.value().certificatePem,
                                                    &material.value().privateKeyPem, &material.value().token};
  for (size_t i = 0; i < files.size(); ++i) {
    std::ofstream out(files[i], std::ios::binary | std::ios::trunc);
    out << *contents[i];
    if (!out) return Error{"tls: cannot write " + files[i].string()};
    if (i >= 2) fs::permissions(files[i], fs::perms::owner_read | fs::perms::owner_write, error);
  }
  return material;
}

}  // namespace ho::kube
