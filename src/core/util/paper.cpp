#include "arxiv_digest/paper.hpp"

#include <limits>

namespace arxiv_digest {

std::string versioned_id(const Paper& paper) {
  return paper.id + "v" + std::to_string(paper.version);
}

long long add_tokens(long long total, long long more) {
  constexpr long long kMost = std::numeric_limits<long long>::max();
  total = total < 0 ? 0 : total;
  more = more < 0 ? 0 : more;
  return more > kMost - total ? kMost : total + more;
}

void add_usage(Usage& total, const Usage& more) {
  total.prompt_tokens = add_tokens(total.prompt_tokens, more.prompt_tokens);
  total.completion_tokens = add_tokens(total.completion_tokens, more.completion_tokens);
}

}  // namespace arxiv_digest
