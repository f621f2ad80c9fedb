// known_hosts lines: host fields (plain, [host]:port, hashed), markers and keys.
#include "chart/git/known_hosts.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>
#include <sstream>
#include <vector>

namespace ho::chart::git {
namespace {

constexpr std::string_view kHashedPrefix = "|1|";

std::string base64Encode(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(written));
  return text;
}

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string bytes(3 * text.size() / 4, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(written);
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) --size;  // the decoder counts padding as zeros
  bytes.resize(size);
  return bytes;
}

// "|1|SALT|HASH" names `name` when HASH is HMAC-SHA1(key = SALT, data = name).
bool hashedEntryMatches(std::string_view entry, std::string_view name) {
  entry.remove_prefix(kHashedPrefix.size());
  const auto bar = entry.find('|');
  if (bar == std::string_view::npos) return false;
  const std::optional<std::string> salt = base64Decode(entry.substr(0, bar));
  if (!salt) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digestSize = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(name.data());
  if (HMAC(EVP_sha1(), salt->data(), static_cast<int>(salt->size()), data, name.size(), digest, &digestSize) ==
      nullptr) {
    return false;
  }
  return base64Encode(std::string_view(reinterpret_cast<const char*>(digest), digestSize)) == entry.substr(bar + 1);
}

bool hostFieldMatches(std::string_view field, std::string_view name) {
  while (!field.empty()) {
    const auto comma = field.find(',');
    if (hostEntryMatches(field.substr(0, comma), name)) return true;
    if (comma == std::string_view::npos) break;
    field.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::string knownHostsName(std::string_view host, int port) {
  if (port == 22) return std::string(host);
  return "[" + std::string(host) + "]:" + std::to_string(port);
}

int sshPortOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return 22;  // user@host:path
  std::string_view authority = url.substr(scheme + 3);
  authority = authority.substr(0, authority.find('/'));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) {  // [IPv6]:port
    const auto close = authority.find(']');
    authority = close == std::string_view::npos ? std::string_view() : authority.substr(close + 1);
  }
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == authority.size()) return 22;
  int port = 0;
  for (char digit : authority.substr(colon + 1)) {
    if (digit < '0' || digit > '9') return 22;
    port = port * 10 + (digit - '0');
    if (port > 65535) return 22;
  }
  return port;
}

bool hostEntryMatches(std::string_view entry, std::string_view name) {
  if (entry.starts_with(kHashedPrefix)) return hashedEntryMatches(entry, name);
  return entry == name;
}

bool knownHostsAccept(std::string_view knownHosts, std::string_view host, int port, std::string_view keyBlob) {
  const std::string name = knownHostsName(host, port);
  const std::string key = base64Encode(keyBlob);
  bool listed = false;
  std::istringstream lines{std::string(knownHosts)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string marker, hosts, type, lineKey;
    if (!(fields >> hosts) || hosts.starts_with('#')) continue;
    if (hosts.starts_with('@')) {
      marker = hosts;
      if (!(fields >> hosts)) continue;
    }
    if (!(fields >> type >> lineKey) || lineKey != key || !hostFieldMatches(hosts, name)) continue;
    if (marker == "@revoked") return false;
    if (marker.empty()) listed = true;
  }
  return listed;
}

}  // namespace ho::chart::git
