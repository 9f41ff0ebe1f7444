#pragma once
// What `validate` says about the delivery section: for each configured channel, whether its
// secrets are set and look right. Values are never shown: they are secrets.

#include <string>
#include <vector>

#include "app/secrets.hpp"
#include "arxiv_digest/config.hpp"

namespace arxiv_digest::app {

struct DeliveryCheck {
  std::string line;    // "delivery.slack: SLACK_WEBHOOK_URL is set"
  bool error = false;  // a value that cannot work (not a URL); an unset one is only a note
};

std::vector<DeliveryCheck> check_delivery(const DeliveryConfig& delivery, const EnvLookup& env);

}  // namespace arxiv_digest::app
