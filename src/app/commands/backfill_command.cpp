#include "app/commands/backfill_command.hpp"

#include <spdlog/spdlog.h>

#include "app/backfill/backfill_job.hpp"
#include "app/backfill/oai_backfill.hpp"
#include "arxiv_digest/oai_pmh.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

std::optional<std::string> check_dates(const BackfillOptions& options) {
  for (const auto& [flag, value] :
       {std::pair{"--since", options.since}, std::pair{"--until", options.until}}) {
    if (!value.empty() && !is_iso_date(value)) {
      return std::string(flag) + " " + value + ": expected a date as YYYY-MM-DD";
    }
  }
  if (!options.until.empty() && options.since.empty()) {
    return "--until needs --since";
  }
  if (!options.until.empty() && options.since > options.until) {
    return "--since " + options.since + " is after --until " + options.until;
  }
  return std::nullopt;
}

// The backfill to do: the saved one when it is unfinished and the options ask for it (or for
// nothing in particular), else a new one; an Error (usage) when they ask for another range.
Result<BackfillState> choose_backfill(const BackfillOptions& options,
                                      const std::optional<BackfillState>& saved,
                                      const Workspace& workspace, const std::string& path,
                                      Clock& clock) {
  const std::vector<std::string> sets = options.set.empty() ? oai_sets(workspace.config.categories)
                                                            : std::vector<std::string>{options.set};
  if (unfinished(saved)) {
    const bool same =
        options.since.empty() ||
        (options.since == saved->since && options.until == saved->until && sets == saved->sets);
    if (!same) {
      return Error{ErrorCode::invalid_config,
                   "an unfinished backfill of " + backfill_range_text(*saved) + " is saved in " +
                       path +
                       ": run `arxiv-digest backfill` to finish it, or delete the file to "
                       "start another"};
    }
    BackfillState state = *saved;
    state.summarize = state.summarize || options.summarize;
    spdlog::info("continuing the backfill of {} after {} pages", backfill_range_text(state),
                 state.pages);
    return state;
  }
  if (options.since.empty()) {
    return Error{ErrorCode::invalid_config,
                 "--since is required: there is no unfinished backfill in " + path};
  }
  if (sets.empty()) {
    return Error{ErrorCode::invalid_config, "no categories in config.json to harvest"};
  }
  return new_backfill(workspace.config, options.since, options.until,
                      options.set.empty() ? std::vector<std::string>{} : sets, options.summarize,
                      clock);
}

}  // namespace

ExitCode backfill(const BackfillOptions& options, Ports& ports, std::ostream& out) {
  if (auto problem = check_dates(options)) {
    spdlog::error("{}", *problem);
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  const std::string path = backfill_state_path(*workspace);
  auto saved = load_backfill_state(ports.fs, path);
  if (!saved) {
    spdlog::error("{}", saved.error().message);
    return ExitCode::failed;
  }
  auto state = choose_backfill(options, *saved, *workspace, path, ports.clock);
  if (!state) {
    spdlog::error("{}", state.error().message);
    return ExitCode::usage;
  }
  if (state->summarize) {
    if (auto problem = backfill_summaries_problem(*workspace, options.env)) {
      spdlog::error("{}", *problem);
      return ExitCode::usage;
    }
  }
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failed;
  }
  const BackfillSummaries summaries{options.env, options.batch_limits, options.summary_timeout};
  return finish_backfill(*state, path, *workspace, *history, ports, summaries, true, &out);
}

}  // namespace arxiv_digest::app
