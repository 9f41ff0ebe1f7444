#pragma once
// `arxiv-digest deliver`: the delivery stage alone, for an archived day (the newest, or
// --date): the digest sent to each configured channel that has not had it yet, or with
// --dry-run printed, per channel, exactly as it would be sent.

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "app/secrets.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct DeliverOptions {
  std::string config_path = "config.json";
  std::string date;     // the archive day; "" = the newest
  std::string channel;  // "" = every configured channel
  bool dry_run = false;
  EnvLookup env;
  std::string smtp_ca_file;  // tests
};

// Exit codes: ok (also when everything was already delivered or nothing is configured),
// partial when a channel failed, failed when the archive day cannot be read, usage for bad
// options or config.
ExitCode deliver(const DeliverOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
