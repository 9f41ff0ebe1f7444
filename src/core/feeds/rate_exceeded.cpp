// is_rate_exceeded_body: arXiv's throttle answer, recognised the same way by the HTTP client that
// retries it, the feed cache that must never store it and the parser that explains it.

#include "arxiv_digest/feed.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {

bool is_rate_exceeded_body(std::string_view body) {
  const std::string_view text = trim(body);
  return text == "Rate exceeded." || text == "Rate exceeded";
}

}  // namespace arxiv_digest
