// Private keys and X.509 certificates the way sprig's crypto.go makes them
// with Go's crypto/x509: PEM key encodings per key type, and certificates
// with Go's template (random 128-bit serial, CN-only subject, key usage,
// server+client auth, basic constraints, SANs: DNS names then IPs).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "core/error.h"
#include "core/openssl_ptr.h"

namespace ho::tmpl {

using PrivateKey = EvpPkeyPtr;

// "rsa" (or ""), "dsa", "ecdsa", "ed25519"; nullptr for another name.
PrivateKey generatePrivateKey(const std::string& type);
// How RSA's prime search weeds out composites: the fastest way this CPU has
// (see rsa_keygen.cpp), or Miller-Rabin pairs alone, as CPUs without AVX-512
// IFMA do (for tests on CPUs with it).
enum class PrimeSearch { fastest, pairsOnly };
PrivateKey generateRsaKey(int bits, PrimeSearch search = PrimeSearch::fastest);
// PEM as Go writes it: RSA/EC/DSA PRIVATE KEY, or PKCS#8 PRIVATE KEY for ed25519.
std::string privateKeyPem(EVP_PKEY* key);
// sprig's parsePrivateKeyPEM, with its error texts.
Result<PrivateKey> parsePrivateKeyPem(const std::string& pem);

struct CertificateRequest {
  std::string commonName;
  std::vector<std::string> ipAddresses;  // already validated
  std::vector<std::string> dnsNames;
  long long daysValid = 0;
  bool isCA = false;
};

using SharedKey = std::shared_ptr<EVP_PKEY>;
using SharedCertificate = std::shared_ptr<X509>;

// A certificate and its private key as PEM, with the OpenSSL objects the
// texts encode (made by createCertificate, or parsed from the texts by
// buildCustomCert): signing with the pair as a CA then parses neither again
// (OpenSSL 3's decoders take ~0.5 ms for the two).
struct PemPair {
  std::string cert;
  std::string key;
  SharedCertificate certificate;
  SharedKey privateKey;
};

// Signs `request` for `subjectKey` with `signerKey`; self-signed when `signer` is null.
Result<PemPair> createCertificate(const CertificateRequest& request, SharedKey subjectKey, X509* signer,
                                  EVP_PKEY* signerKey);

// The certificate in `pem`; the error reads like Go's.
Result<SharedCertificate> parseCertificatePem(const std::string& pem, const std::string& what);

}  // namespace ho::tmpl
