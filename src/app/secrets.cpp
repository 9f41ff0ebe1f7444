#include "app/secrets.hpp"

namespace arxiv_digest::app {

std::optional<std::string> provider_api_key(const AiSummaryConfig& config, const EnvLookup& env) {
  return secret_from(env, config.api_key_env);
}

std::optional<std::string> secret_from(const EnvLookup& env, const std::string& name) {
  auto value = env ? env(name) : std::nullopt;
  return value && !value->empty() ? value : std::nullopt;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  constexpr std::string_view kMarker = "[REDACTED]";
  for (const std::string& secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    // Search on after the marker: a secret that occurs in it would otherwise be found forever.
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMarker.size())) {
      text.replace(at, secret.size(), kMarker);
    }
  }
  return text;
}

}  // namespace arxiv_digest::app
