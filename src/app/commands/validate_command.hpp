#pragma once
// `arxiv-digest validate`: check config.json without touching the network.

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct ValidateOptions {
  std::string config_path = "config.json";
};

ExitCode validate(const ValidateOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
