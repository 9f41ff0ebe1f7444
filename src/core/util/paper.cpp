#include "arxiv_digest/paper.hpp"

namespace arxiv_digest {

std::string versioned_id(const Paper& paper) {
  return paper.id + "v" + std::to_string(paper.version);
}

}  // namespace arxiv_digest
