// Parsing Bearer challenges and asking the token service for a token.
#include "chart/repo/oci_token_auth.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "templating/text_escapers.h"

namespace ho::chart::repo {
namespace {

std::string lowerCase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

void skipSpaces(std::string_view& text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == ',')) text.remove_prefix(1);
}

// Reads one `name=value` or `name="quoted \" value"` pair from the front of `text`.
std::optional<std::pair<std::string, std::string>> nextParameter(std::string_view& text) {
  skipSpaces(text);
  const auto equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) return std::nullopt;
  std::string name = lowerCase(text.substr(0, equals));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  text.remove_prefix(equals + 1);
  std::string value;
  if (!text.empty() && text.front() == '"') {
    text.remove_prefix(1);
    while (!text.empty() && text.front() != '"') {
      if (text.front() == '\\' && text.size() > 1) text.remove_prefix(1);
      value.push_back(text.front());
      text.remove_prefix(1);
    }
    if (!text.empty()) text.remove_prefix(1);
  } else {
    const auto end = text.find(',');
    value = std::string(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end);
  }
  return std::make_pair(std::move(name), std::move(value));
}

}  // namespace

std::optional<BearerChallenge> parseBearerChallenge(std::string_view header) {
  skipSpaces(header);
  if (header.size() < 7 || lowerCase(header.substr(0, 7)) != "bearer ") return std::nullopt;
  header.remove_prefix(7);
  BearerChallenge challenge;
  while (auto parameter = nextParameter(header)) {
    if (parameter->first == "realm") challenge.realm = std::move(parameter->second);
    if (parameter->first == "service") challenge.service = std::move(parameter->second);
    if (parameter->first == "scope") challenge.scope = std::move(parameter->second);
  }
  if (challenge.realm.empty()) return std::nullopt;
  return challenge;
}

RepoResult<std::string> requestBearerToken(const BearerChallenge& challenge, const HttpOptions& credentials) {
  std::string url = challenge.realm;
  char separator = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : {std::pair{"service", &challenge.service}, std::pair{"scope", &challenge.scope}}) {
    if (value->empty()) continue;
    url += separator + std::string(name) + "=" + tmpl::urlQueryEscape(*value);
    separator = '&';
  }
  HttpOptions options = credentials;
  options.bearerToken.clear();
  auto response = httpGet(url, options);
  if (!response) {
    RepoError error = response.error();
    error.message = "getting a registry token from " + challenge.realm + ": " + error.message;
    return error;
  }
  const auto answer = nlohmann::json::parse(response->body, nullptr, false);
  if (answer.is_object()) {
    for (const char* field : {"token", "access_token"}) {
      auto found = answer.find(field);
      if (found != answer.end() && found->is_string() && !found->get<std::string>().empty()) {
        return found->get<std::string>();
      }
    }
  }
  return RepoError{RepoErrorKind::Unauthorized, "the registry token service " + challenge.realm +
                                                    " answered without a token"};
}

}  // namespace ho::chart::repo
