#include "app/delivery/delivery_check.hpp"

namespace arxiv_digest::app {
namespace {

bool is_web_url(const std::string& value) {
  return value.starts_with("https://") || value.starts_with("http://");
}

// A variable that must hold a URL (`url`) or any non-empty secret.
DeliveryCheck check_variable(const std::string& channel, const std::string& variable, bool url,
                             const EnvLookup& env) {
  const std::string prefix = "delivery." + channel + ": " + variable;
  const auto value = secret_from(env, variable);
  if (!value) {
    return {prefix + " is not set: the channel will be skipped (add it as a repository secret)",
            false};
  }
  if (url && !is_web_url(*value)) {
    return {prefix + " is set but is not an http(s):// URL (value not shown)", true};
  }
  return {prefix + " is set", false};
}

}  // namespace

std::vector<DeliveryCheck> check_delivery(const DeliveryConfig& d, const EnvLookup& env) {
  std::vector<DeliveryCheck> checks;
  if (d.email) {
    const EmailDelivery& e = *d.email;
    std::string line = "delivery.email: " + e.smtp_url + ", from " + e.from + " to " +
                       std::to_string(e.to.size()) + (e.to.size() == 1 ? " address" : " addresses");
    if (!e.require_tls && e.smtp_url.starts_with("smtp://")) {
      line += ", plain SMTP (loopback only)";
    }
    checks.push_back({line, false});
    if (!e.username.empty()) {
      checks.push_back(check_variable("email", e.password_env, false, env));
    }
  }
  if (d.slack) {
    checks.push_back(check_variable("slack", d.slack->webhook_env, true, env));
  }
  if (d.discord) {
    checks.push_back(check_variable("discord", d.discord->webhook_env, true, env));
  }
  if (d.telegram) {
    checks.push_back(check_variable("telegram", d.telegram->bot_token_env, false, env));
    checks.push_back({"delivery.telegram: chat " + d.telegram->chat_id, false});
  }
  if (d.feishu) {
    checks.push_back(check_variable("feishu", d.feishu->webhook_env, true, env));
    if (!d.feishu->secret_env.empty()) {
      checks.push_back(check_variable("feishu", d.feishu->secret_env, false, env));
    }
  }
  if (d.webhook) {
    checks.push_back(check_variable("webhook", d.webhook->url_env, true, env));
  }
  return checks;
}

}  // namespace arxiv_digest::app
