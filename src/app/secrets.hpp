#pragma once
// Secrets (API keys; later SMTP passwords and webhook URLs) come from environment variables
// only, named in config.json, and are looked up here and nowhere else. main passes getenv; tests
// pass a map. A secret is never logged, written to a file or put in an error message.

#include <functional>
#include <optional>
#include <string>

#include "arxiv_digest/config.hpp"

namespace arxiv_digest::app {

// Looks up an environment variable.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The provider's key from the variable named by ai_summary.api_key_env; nullopt when unset or
// empty (or when there is no environment at all).
std::optional<std::string> provider_api_key(const AiSummaryConfig& config, const EnvLookup& env);

}  // namespace arxiv_digest::app
