#pragma once
// Turning nlohmann's exceptions into Errors at the call into the library (STYLE rule 5), and the
// checks every JSON we did not write this run needs: a depth limit and integers that fit.

#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

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

// Documents nested deeper are refused while they are parsed: nlohmann's dump and the readers
// recurse once per level, so a hostile file or reply nested 100,000 deep would overflow the
// stack. Nothing we read comes near it (a config is 4 levels deep, a chat reply 4).
inline constexpr int kMaxJsonDepth = 64;

// `text` as a document of type Json (nlohmann::json, or ordered_json for the config), with
// nlohmann's exceptions for a syntax error and a JsonShapeError for a document nested deeper
// than kMaxJsonDepth. Every JSON we did not write this run is parsed through here.
template <typename Json = nlohmann::json>
Json parse_json_text(std::string_view text) {
  using Event = typename Json::parse_event_t;
  // The depth given is the number of enclosing arrays and objects; the parse stops at the first
  // container past the limit, before the document grows any deeper.
  const auto limit_depth = [](int depth, Event event, const Json&) {
    if (depth >= kMaxJsonDepth && (event == Event::object_start || event == Event::array_start)) {
      throw JsonShapeError("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    return true;
  };
  return Json::parse(text, limit_depth);
}

// `text` (BOM skipped) as JSON, or a discarded value when it is not JSON or is nested too deep:
// for provider bodies that may be anything (an HTML error page, a truncated line).
inline nlohmann::json parse_json_or_discarded(std::string_view text) {
  try {
    return parse_json_text(strip_bom(text));
  } catch (const nlohmann::json::exception&) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  } catch (const JsonShapeError&) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
}

// `value` as an integer, or nullopt when it is not a number with an integer value that fits in a
// long long. A float without a fraction (30.0, 1e3) counts, as JSON Schema counts it.
// nlohmann's get<int>() would instead truncate 3.7 and convert 1e10 or -1e300 with undefined
// behaviour, so numbers from outside are read through here and never with get<>().
template <typename Json>
std::optional<long long> json_integer(const Json& value) {
  if (value.is_number_unsigned()) {
    const auto u = value.template get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
      return std::nullopt;
    }
    return static_cast<long long>(u);
  }
  if (value.is_number_integer()) {
    return value.template get<std::int64_t>();
  }
  if (value.is_number_float()) {
    const double d = value.template get<double>();
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    if (!std::isfinite(d) || std::floor(d) != d || d < -9223372036854775808.0 ||
        d >= 9223372036854775808.0) {
      return std::nullopt;
    }
    return static_cast<long long>(d);
  }
  return std::nullopt;
}

// "an integer 1–64", "an integer ≥ 0": what an integer check expected, in words.
inline std::string integer_range_phrase(long long min, long long max) {
  if (max == std::numeric_limits<long long>::max()) {
    return "an integer ≥ " + std::to_string(min);
  }
  return "an integer " + std::to_string(min) + "–" + std::to_string(max);
}

// What a rejected integer was, for a message: a scalar as written, a string or container by its
// type (it may be long).
template <typename Json>
std::string integer_problem(std::string_view field, const Json& value, long long min,
                            long long max) {
  const std::string got = value.is_primitive() && !value.is_string()
                              ? value.dump()
                              : json_type_phrase(value.type_name());
  return "\"" + std::string(field) + "\": expected " + integer_range_phrase(min, max) + ", got " +
         got;
}

// `value`, the member `key`, as an Int in [min, max], else a JsonShapeError naming it.
template <std::integral Int, typename Json>
Int checked_integer(const Json& value, std::string_view key, Int min, Int max) {
  constexpr auto kLongMax = static_cast<std::uintmax_t>(std::numeric_limits<long long>::max());
  const auto low = static_cast<long long>(min);
  const auto high = std::cmp_greater(max, kLongMax) ? std::numeric_limits<long long>::max()
                                                    : static_cast<long long>(max);
  const std::optional<long long> number = json_integer(value);
  if (!number || *number < low || *number > high) {
    throw JsonShapeError(integer_problem(key, value, low, high));
  }
  return static_cast<Int>(*number);
}

// The member `key` of `object` as an Int in [min, max]; nullopt when it is missing or null (or
// `object` is not an object), and a JsonShapeError naming it when it is anything else, so a bad
// number is reported instead of read.
template <std::integral Int, typename Json>
std::optional<Int> optional_integer_member(const Json& object, std::string_view key, Int min,
                                           Int max) {
  if (!object.is_object()) {
    return std::nullopt;
  }
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  return checked_integer(*it, key, min, max);
}

// The same for a member that must be there: a missing one is a JsonShapeError too.
template <std::integral Int, typename Json>
Int integer_member(const Json& object, std::string_view key, Int min, Int max) {
  const auto it = object.is_object() ? object.find(key) : object.end();
  if (it == object.end()) {
    throw JsonShapeError("missing field \"" + std::string(key) + "\"");
  }
  return checked_integer(*it, key, min, max);
}

// Parses `text` and hands the document to `read`, which may use .at()/.get<>() freely and throw
// JsonShapeError: a syntax error becomes "SOURCE: byte N: not valid JSON", a missing or
// mistyped field "SOURCE: missing field "rank"", a document nested too deep "SOURCE: JSON
// nested deeper than 64 levels" and the like; never the library's own text.
template <typename T, typename Reader>
Result<T> parse_json_document(std::string_view text, std::string_view source_name, Reader read) {
  try {
    return read(parse_json_text(text));
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
