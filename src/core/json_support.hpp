#pragma once
// Turning nlohmann's exceptions into Errors at the call into the library (STYLE rule 5).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// Parses `text` and hands the document to `read`, which may use .at()/.get<>() freely: a syntax
// error becomes "SOURCE: byte N: ..." and a missing or mistyped field "SOURCE: <what>".
template <typename T, typename Reader>
Result<T> parse_json_document(std::string_view text, std::string_view source_name, Reader read) {
  try {
    return read(nlohmann::json::parse(text));
  } catch (const nlohmann::json::parse_error& e) {
    return Error{ErrorCode::malformed_input, std::string(source_name) + ": byte " +
                                                 std::to_string(e.byte) + ": not valid JSON"};
  } catch (const nlohmann::json::exception& e) {
    // e.what() reads like "[json.exception.out_of_range.403] key 'rank' not found".
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    return Error{ErrorCode::malformed_input, std::string(source_name) + ": " + what};
  }
}

}  // namespace arxiv_digest
