#include "app/version.hpp"

namespace arxiv_digest::app {

std::string_view version() { return ARXIV_DIGEST_VERSION; }
std::string_view git_commit() { return ARXIV_DIGEST_GIT_COMMIT; }
std::string_view project_url() { return "https://github.com/arxiv-digest/arxiv-digest"; }

}  // namespace arxiv_digest::app
