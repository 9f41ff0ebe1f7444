#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_config:
      return "invalid_config";
    case ErrorCode::malformed_input:
      return "malformed_input";
    case ErrorCode::unsupported_format:
      return "unsupported_format";
    case ErrorCode::feed_error:
      return "feed_error";
    case ErrorCode::io:
      return "io";
    case ErrorCode::network:
      return "network";
    case ErrorCode::timeout:
      return "timeout";
    case ErrorCode::http_status:
      return "http_status";
    case ErrorCode::quota:
      return "quota";
    case ErrorCode::interrupted:
      return "interrupted";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::not_found:
      return "not_found";
  }
  return "unknown";
}

}  // namespace arxiv_digest
