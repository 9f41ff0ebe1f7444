#pragma once
// `arxiv-digest validate`: check config.json without touching the network.

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "app/secrets.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct ValidateOptions {
  std::string config_path = "config.json";
  EnvLookup env = nullptr;  // to say whether the delivery secrets are set
};

// Exit codes: ok, or usage when config.json has a problem or a delivery secret that is set
// cannot work (a webhook variable that holds no URL). An unset secret is only reported: its
// channel is skipped.

ExitCode validate(const ValidateOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
