#pragma once

#include <string_view>

namespace arxiv_digest::app {

std::string_view version();      // "0.1.0"
std::string_view git_commit();   // short hash of the build's checkout, or "unknown"
std::string_view project_url();  // where users find docs; part of the default User-Agent

}  // namespace arxiv_digest::app
