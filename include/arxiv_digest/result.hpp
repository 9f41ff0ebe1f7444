#pragma once
// Result<T>: a value or a typed Error, with std::expected's names so moving to C++23 is a rename.
// Core functions return it instead of throwing; app decides to retry, report or fail.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace arxiv_digest {

// The code answers the program (retry? skip? which exit code?); the message answers the user.
enum class ErrorCode {
  invalid_config,      // config.json or a CLI value is wrong: exit 2
  malformed_input,     // bytes we were given do not parse (XML, JSON, feed layout)
  unsupported_format,  // well-formed but a format we deliberately do not read (RSS 1.0/RDF)
  feed_error,          // arXiv answered with an error document (bad category, API Error entry)
  io,                  // filesystem
  network,             // connection refused/reset/dropped
  timeout,             // no answer in time
  http_status,         // an HTTP status we do not accept
  quota,               // provider says we are out of money
  unauthorized,        // provider rejected the API key (HTTP 401)
  not_found,
  interrupted,  // the user asked the process to stop (StopRequest); never retried
};

// Message: what failed, where (file, JSON path, byte offset, URL without secrets), what is valid.
struct Error {
  ErrorCode code = ErrorCode::malformed_input;
  std::string message;
  bool operator==(const Error&) const = default;
};

std::string_view to_string(ErrorCode code);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(data_); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace arxiv_digest
