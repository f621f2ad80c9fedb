// Typed reading of a JSON object's fields for the HelmRelease parsers: every
// getter knows the field's full path (`spec.rollback.timeout`) and names it
// in its error. Errors are thrown as ho::Failure inside the parsers and
// turned into Result errors at their public boundary.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ho::controller {

class FieldReader {
 public:
  // `object` must outlive the reader; `path` is "" for the top level.
  FieldReader(const nlohmann::json& object, std::string path);

  const std::string& path() const { return path_; }
  std::string pathOf(std::string_view key) const;
  // The field, or nullptr when absent or null.
  const nlohmann::json* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }

  // "" when absent.
  std::string string(std::string_view key) const;
  // Fails with "<path>.<key>: required" when absent or empty.
  std::string requiredString(std::string_view key) const;
  // false when absent.
  bool boolean(std::string_view key) const;
  std::optional<bool> optionalBoolean(std::string_view key) const;
  // A whole number >= 0 (a JSON integer, or a float with no fraction).
  std::optional<std::int64_t> count(std::string_view key) const;
  // Like count, but the error says "an integer number of seconds".
  std::optional<std::int64_t> seconds(std::string_view key) const;
  // A nested object; nullopt when absent.
  std::optional<FieldReader> object(std::string_view key) const;
  // A list whose items are all objects; empty when absent.
  std::vector<FieldReader> objectList(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, std::string_view message) const;
  [[noreturn]] void failExpected(std::string_view key, std::string_view expected, const nlohmann::json& got) const;

 private:
  // `noun` is "integer" or "integer number of seconds".
  std::optional<std::int64_t> nonNegativeInteger(std::string_view key, std::string_view noun) const;

  const nlohmann::json& object_;
  std::string path_;
};

// Reads a JSON object at `path` (the whole object when `path` is ""), failing
// with "<path>: expected an object, got ..." when it is something else.
FieldReader readObject(const nlohmann::json& value, const std::string& path);

}  // namespace ho::controller
