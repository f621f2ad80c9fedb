// Errors as values: an Error carries a message that already names where it
// happened (file, template, line, field); Result<T> is a value or an Error.
// Modules with typed errors (repository fetches, API calls) use Result<T, E>.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace ho {

struct Error {
  std::string message;
};

// Thrown only inside a module (like Go's panic inside text/template) and turned
// into an Error at the module's public boundary; never crosses one.
class Failure : public std::runtime_error {
 public:
  explicit Failure(const std::string& message) : std::runtime_error(message) {}
};

template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(E error) : data_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, E> data_;
};

template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const E& error() const { return error_; }

 private:
  E error_;
  bool failed_ = false;
};

}  // namespace ho
