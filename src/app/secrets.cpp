#include "app/secrets.hpp"

namespace arxiv_digest::app {

std::optional<std::string> provider_api_key(const AiSummaryConfig& config, const EnvLookup& env) {
  auto key = env ? env(config.api_key_env) : std::nullopt;
  return key && !key->empty() ? key : std::nullopt;
}

}  // namespace arxiv_digest::app
