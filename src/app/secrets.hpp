#pragma once
// Secrets (API keys; later SMTP passwords and webhook URLs) come from environment variables
// only, named in config.json, and are looked up here and nowhere else. main passes getenv; tests
// pass a map. A secret is never logged, written to a file or put in an error message.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arxiv_digest/config.hpp"

namespace arxiv_digest::app {

// Looks up an environment variable.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The provider's key from the variable named by ai_summary.api_key_env; nullopt when unset or
// empty (or when there is no environment at all).
std::optional<std::string> provider_api_key(const AiSummaryConfig& config, const EnvLookup& env);

// The value of the variable `name`; nullopt when unset or empty (or when there is no
// environment at all).
std::optional<std::string> secret_from(const EnvLookup& env, const std::string& name);

// `text` with every occurrence of each non-empty secret replaced by "[REDACTED]": what every
// message that might quote a request (a URL, a header, a library's error) passes through.
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace arxiv_digest::app
