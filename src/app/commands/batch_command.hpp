#pragma once
// `arxiv-digest batch status|collect|cancel ID`: look at and act on the
// batches listed in state/batches.json without running the pipeline.
//
// - status: GET each pending batch and print one line per batch (id, status, counts, papers,
//   the run that submitted it). Nothing is written.
// - collect: poll each pending batch once; finished ones are collected (summaries into the
//   archive file of the run that submitted them, where the next run's cache finds them) and
//   removed from the state. Nothing is submitted and no sync request is made.
// - cancel ID: POST /batches/ID/cancel. The batch stays in the state, so a later collect or
//   run picks up its partial output and sends the rest again.

#include <iosfwd>
#include <string>

#include "app/exit_code.hpp"
#include "app/secrets.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct BatchCommandOptions {
  std::string config_path = "config.json";
  std::string action;  // status | collect | cancel
  std::string id;      // the batch to cancel
  EnvLookup env;
};

ExitCode batch_command(const BatchCommandOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
