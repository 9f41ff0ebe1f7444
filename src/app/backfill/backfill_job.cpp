#include "app/backfill/backfill_job.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <sstream>

#include "app/backfill/oai_backfill.hpp"
#include "app/pipeline/summary_stage.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest::app {

std::string backfill_range_text(const BackfillState& state) {
  return state.since + ".." + state.last_day() + " (sets " + join(state.sets, ", ") + ")";
}

bool unfinished(const std::optional<BackfillState>& saved) {
  return saved && (!saved->harvested() || saved->summarize);
}

std::optional<std::string> backfill_summaries_problem(const Workspace& workspace,
                                                      const EnvLookup& env) {
  const AiSummaryConfig& ai = workspace.config.ai_summary;
  if (!ai.enabled) {
    return "--summarize: summaries are disabled (ai_summary.enabled is false)";
  }
  if (ai.input != SummaryInput::abstract) {
    return "--summarize goes through the Batch API, which takes abstracts only "
           "(ai_summary.input is \"" +
           std::string(to_string(ai.input)) + "\")";
  }
  if (!provider_api_key(ai, env)) {
    return "--summarize: set " + ai.api_key_env + " to the API key (ai_summary.api_key_env)";
  }
  return std::nullopt;
}

namespace {

std::string harvest_sentence(const BackfillState& state, const Harvest& harvest) {
  std::ostringstream text;
  text << "backfill " << backfill_range_text(state) << ": " << harvest.pages << " pages, "
       << harvest.records << " records, " << harvest.papers << " candidates filed into "
       << harvest.days_written.size() << " days";
  if (!harvest.days_kept.empty()) {
    text << "; already in the archive, left as they were: " << join(harvest.days_kept, ", ");
  }
  for (const auto& note : harvest.notes) {
    text << "\n  note: " << note;
  }
  return text.str();
}

// The new summaries `records` got from the cache (of other days): stored on `day` at once.
std::map<std::string, Summary> newly_cached(const std::vector<ArchiveRecord>& before,
                                            const std::vector<ArchiveRecord>& after) {
  std::map<std::string, Summary> out;
  for (std::size_t i = 0; i < after.size() && i < before.size(); ++i) {
    if (after[i].summary && !before[i].summary) {
      out.emplace(versioned_id(after[i].paper), *after[i].summary);
    }
  }
  return out;
}

// Submits the top papers of every day the backfill wrote to the Batch API, without waiting.
// Returns the sentence for the user; `ok` false when a day could not be read or submitted.
std::string submit_summaries(const BackfillState& state, const Workspace& workspace,
                             HistoryStore& history, Ports& ports, const BackfillSummaries& options,
                             bool& ok) {
  Workspace batch = workspace;
  AiSummaryConfig& ai = batch.config.ai_summary;
  ai.mode = SummaryMode::batch;
  ai.batch_fallback_to_sync = false;  // a failed line waits for the next batch, never sync
  const auto key = provider_api_key(ai, options.env);
  SummaryStats total;
  bool first = options.poll_pending;
  for (const auto& day : state.days) {
    auto records = history.day_records(day);
    if (!records) {
      ok = false;
      return "summaries stopped: " + records.error().message;
    }
    if (records->empty()) {
      continue;
    }
    const SummaryRequest request{day,  key, options.summary_timeout, false, options.batch_limits,
                                 first};
    first = false;
    const std::vector<ArchiveRecord> before = *records;
    Summaries got = summarize_digest(std::move(records.value()), request, batch, history, ports);
    if (auto cached = newly_cached(before, got.records); !cached.empty()) {
      if (auto stored = history.store_summaries(day, cached); !stored) {
        ok = false;
        return "summaries stopped: " + stored.error().message;
      }
    }
    total.cached += got.stats.cached;
    total.batch.submitted += got.stats.batch.submitted;
    total.batch.pending += got.stats.batch.pending;
    const std::size_t lost = got.stats.not_summarized.size() - got.stats.batch.pending;
    if (lost > 0) {
      ok = false;
      spdlog::warn("summaries for {}: {}", day, got.sentence);
    }
  }
  return "summaries: " + std::to_string(total.batch.pending) + " papers in " +
         std::to_string(total.batch.submitted) + " batches submitted, " +
         std::to_string(total.cached) +
         " cached; `arxiv-digest batch collect` (or the next run, in batch mode) collects them";
}

}  // namespace

ExitCode finish_backfill(BackfillState& state, const std::string& path, const Workspace& workspace,
                         HistoryStore& history, Ports& ports, const BackfillSummaries& options,
                         bool submit, std::ostream* out) {
  const Harvest harvest = harvest_oai(state, path, workspace, history, ports);
  const std::string sentence = harvest_sentence(state, harvest);
  spdlog::info("{}", sentence);
  if (out != nullptr) {
    *out << sentence << "\n";
  }
  if (harvest.failure) {
    const bool some_done = state.pages > 0;
    spdlog::error("backfill stopped: {}", harvest.failure->message);
    if (some_done) {
      spdlog::error(
          "pages done: {}, saved in {}; `arxiv-digest backfill` (or the next run) continues "
          "from there",
          state.pages, path);
    }
    return some_done ? ExitCode::partial : ExitCode::failed;
  }
  if (!state.summarize || !submit) {
    return ExitCode::ok;
  }
  bool ok = true;
  const std::string summaries = submit_summaries(state, workspace, history, ports, options, ok);
  spdlog::info("{}", summaries);
  if (out != nullptr) {
    *out << summaries << "\n";
  }
  if (!ok) {
    return ExitCode::partial;  // the state still asks for summaries: the next backfill retries
  }
  state.summarize = false;
  state.updated_at = iso8601_utc(ports.clock.now());
  if (auto saved = ports.fs.write_atomic(path, write_backfill_state(state)); !saved) {
    spdlog::error("{}", saved.error().message);
    return ExitCode::partial;
  }
  return ExitCode::ok;
}

ExitCode continue_saved_backfill(const Workspace& workspace, HistoryStore& history, Ports& ports,
                                 const BackfillSummaries& options) {
  const std::string path = backfill_state_path(workspace);
  auto saved = load_backfill_state(ports.fs, path);
  if (!saved) {
    spdlog::error("{}", saved.error().message);
    return ExitCode::partial;
  }
  if (!unfinished(*saved)) {
    return ExitCode::ok;
  }
  BackfillState state = **saved;
  // Without a key (or with PDF input) the harvest goes on and the summaries wait for a backfill.
  const bool submit = !backfill_summaries_problem(workspace, options.env);
  spdlog::info("continuing the backfill of {} after {} pages", backfill_range_text(state),
               state.pages);
  const ExitCode code =
      finish_backfill(state, path, workspace, history, ports, options, submit, nullptr);
  return code == ExitCode::failed ? ExitCode::partial : code;
}

}  // namespace arxiv_digest::app
