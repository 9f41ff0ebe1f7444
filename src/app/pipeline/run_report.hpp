#pragma once
// What a run did, assembled once from the stages' results: the run status (state/last_run.json,
// the README's status line, the log's last line) and the exit code.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

// The stages' results a run status is made from.
struct RunFacts {
  std::chrono::system_clock::time_point started;
  std::string day;
  bool reads_sources = true;          // `summarize` reads no feed
  std::vector<SourceStatus> sources;  // sources stage
  SelectionStats selection;           // selection stage
  std::string summaries;              // summaries stage: its sentence
  SummaryStats summary_stats;
  std::vector<std::string> warnings;       // history store
  std::vector<DeliveryStatus> deliveries;  // delivery stage
  std::string weekly;                      // output stage: the roll-up's sentence, if written
  std::optional<Error> failure;            // the error that stopped the run, if one did
};

// The status of a run with `facts`, `now` ending it. Outcome: failed when something stopped it,
// else partial when a source or a delivery failed, else nothing when no paper was selected,
// else ok.
RunStatus run_status(const RunFacts& facts, std::chrono::system_clock::time_point now);

// Why the digest is empty, for the status message.
std::string empty_reason(const SelectionStats& stats);

// Writes state/last_run.json (`state_dir` resolved), logs how the run ended (the status line, or
// the failure and which files it had already replaced) and returns the exit code: 0 ok or
// nothing new, 1 failed (also when last_run.json could not be written), 3 partial (some
// sources failed).
ExitCode report(const RunStatus& status, const std::vector<std::string>& written,
                const std::string& state_dir, FileSystem& fs);

// A command that ends in a run status (run, summarize): its facts, which the stages fill in, and
// the two ways it ends, both through report().
class RunReport {
 public:
  RunReport(const Workspace& workspace, Ports& ports);

  RunFacts facts;  // started: when the report was made

  // The status as the facts stand now (the README's status line is written before the end).
  RunStatus status() const;
  // Stops the command with `error`: only state/last_run.json is written.
  ExitCode fail(Error error);
  // Ends the command, which replaced the files `written` (and failed, if facts.failure is set).
  ExitCode finish(const std::vector<std::string>& written) const;

 private:
  Ports& ports_;
  std::string state_dir_;
};

}  // namespace arxiv_digest::app
