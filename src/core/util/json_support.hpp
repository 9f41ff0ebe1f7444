#pragma once
// Turning nlohmann's exceptions into Errors at the call into the library (STYLE rule 5).

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// `text` without a leading UTF-8 byte order mark (some providers' files start with one).
inline std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) {
    text.remove_prefix(kBom.size());
  }
  return text;
}

// `text` (BOM skipped) as JSON, or a discarded value when it is not JSON: for provider bodies
// that may be anything (an HTML error page, a truncated line).
inline nlohmann::json parse_json_or_discarded(std::string_view text) {
  return nlohmann::json::parse(strip_bom(text), nullptr, /*allow_exceptions=*/false);
}

// Lenient member reads for provider payloads, whose optional fields come and go: a string as it
// is, a number or boolean dumped, null, missing or a non-object as "".
inline std::string member_text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) {
    return "";
  }
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return "";
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// An integer member, or 0 when missing or not an integer.
inline long long member_integer(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) {
    return 0;
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

// Thrown by a document reader (below) for a document of the wrong shape; the message says what
// was expected, without the source name, which the caller adds.
class JsonShapeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "a number", "an object": nlohmann's type names with their article.
inline std::string json_type_phrase(const std::string& type) {
  return (type == "array" || type == "object" ? "an " : "a ") + type;
}

// nlohmann's message for a missing or mistyped field ("[json.exception.type_error.302] type
// must be string, but is number") in words for the user: what was expected and what was found.
inline std::string json_shape_problem(const nlohmann::json::exception& e) {
  std::string what = e.what();
  if (const auto bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);
  }
  if (const auto key = what.find("key '"); key != std::string::npos) {  // out_of_range.403
    const auto end = what.find('\'', key + 5);
    return "missing field \"" + what.substr(key + 5, end - key - 5) + "\"";
  }
  if (const auto must = what.find("type must be "); must != std::string::npos) {  // 302
    const auto but = what.find(", but is ", must);
    if (but != std::string::npos) {
      return "a value is " + json_type_phrase(what.substr(but + 9)) + " where " +
             json_type_phrase(what.substr(must + 13, but - must - 13)) + " was expected";
    }
  }
  if (const auto with = what.find("() with "); with != std::string::npos) {  // 304, 306
    return "found " + json_type_phrase(what.substr(with + 8)) + " where an object was expected";
  }
  return "unexpected JSON structure";
}

// Parses `text` and hands the document to `read`, which may use .at()/.get<>() freely and throw
// JsonShapeError: a syntax error becomes "SOURCE: byte N: not valid JSON", a missing or
// mistyped field "SOURCE: missing field "rank"" and the like; never the library's own text.
template <typename T, typename Reader>
Result<T> parse_json_document(std::string_view text, std::string_view source_name, Reader read) {
  try {
    return read(nlohmann::json::parse(text));
  } catch (const nlohmann::json::parse_error& e) {
    return Error{ErrorCode::malformed_input, std::string(source_name) + ": byte " +
                                                 std::to_string(e.byte) + ": not valid JSON"};
  } catch (const nlohmann::json::exception& e) {
    return Error{ErrorCode::malformed_input,
                 std::string(source_name) + ": " + json_shape_problem(e)};
  } catch (const JsonShapeError& e) {
    return Error{ErrorCode::malformed_input, std::string(source_name) + ": " + e.what()};
  }
}

}  // namespace arxiv_digest
