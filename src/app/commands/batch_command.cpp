#include "app/commands/batch_command.hpp"

#include <spdlog/spdlog.h>

#include <ostream>

#include "app/batch/batch_collect.hpp"
#include "app/history/history_store.hpp"
#include "app/secrets.hpp"
#include "app/workspace.hpp"

namespace arxiv_digest::app {
namespace {

// What every action needs: the config, the provider and the state.
struct BatchContext {
  Workspace workspace;
  HistoryStore history;
  CallTally tally;
  ProviderClient provider;
  BatchClient client;
  BatchStore store;

  BatchContext(Workspace ws, HistoryStore archive, Ports& ports, const std::string& key)
      : workspace(std::move(ws)),
        history(std::move(archive)),
        provider(ports.http, ports.clock,
                 ProviderOptions{workspace.config.ai_summary.base_url, key,
                                 workspace.config.ai_summary.api_key_env}),
        client(provider, tally),
        store(ports.fs, workspace.resolve(workspace.config.output.state_dir) + "/batches.json",
              history) {}
  BatchContext(const BatchContext&) = delete;
  BatchContext& operator=(const BatchContext&) = delete;
};

std::string describe(const PendingBatch& pending, const Batch& batch) {
  const auto& counts = batch.request_counts;
  return pending.id + "  " + batch.status_text + "  " + std::to_string(counts.completed) + "/" +
         std::to_string(counts.total) + " done, " + std::to_string(counts.failed) + " failed  " +
         std::to_string(pending.custom_ids.size()) + " papers  run " + pending.run +
         "  submitted " + pending.created_at;
}

ExitCode status(BatchContext& ctx, const std::vector<PendingBatch>& state, std::ostream& out) {
  if (state.empty()) {
    out << "no pending batches in " << ctx.store.state_path() << "\n";
    return ExitCode::ok;
  }
  ExitCode code = ExitCode::ok;
  for (const auto& pending : state) {
    auto batch = ctx.client.get(pending.id);
    if (!batch) {
      out << pending.id << "  ?  " << batch.error().message << "\n";
      code = ExitCode::failed;
      continue;
    }
    out << describe(pending, *batch) << "\n";
  }
  return code;
}

void print_outcome(const Batch& batch, const BatchOutcome& outcome, std::ostream& out) {
  out << batch.id << "  " << batch.status_text << ": " << outcome.summaries.size()
      << " summarized, " << outcome.failed.size() << " failed (" << outcome.usage.prompt_tokens
      << " tokens in, " << outcome.usage.completion_tokens << " out)\n";
  for (const auto& paper : outcome.failed) {
    out << "  " << paper.id << ": " << paper.reason << "\n";
  }
  for (const auto& note : outcome.notes) {
    out << "  note: " << note << "\n";
  }
}

ExitCode collect(BatchContext& ctx, Ports& ports, std::vector<PendingBatch> state,
                 std::ostream& out) {
  CollectContext collect{
      ctx.client, ctx.store, ports.clock, ctx.workspace.config.ai_summary.keep_files,
      "",         "",        nullptr};
  ExitCode code = ExitCode::ok;
  for (std::size_t i = 0; i < state.size();) {
    auto batch = ctx.client.get(state[i].id);
    Result<BatchOutcome> outcome = batch ? Result<BatchOutcome>(BatchOutcome{}) : batch.error();
    if (batch && !is_terminal(batch->status)) {
      out << describe(state[i], *batch) << "  (still running)\n";
      ++i;
      continue;
    }
    if (batch) {
      outcome = collect_batch(collect, state[i], *batch);
    }
    if (!outcome) {
      out << state[i].id << "  ?  " << outcome.error().message << "\n";
      code = ExitCode::failed;
      ++i;
      continue;
    }
    print_outcome(*batch, *outcome, out);
    state.erase(state.begin() + static_cast<std::ptrdiff_t>(i));
    if (auto saved = ctx.store.save(state); !saved) {
      spdlog::error("{}", saved.error().message);
      return ExitCode::failed;
    }
  }
  return code;
}

ExitCode cancel(BatchContext& ctx, const std::string& id, std::ostream& out) {
  auto batch = ctx.client.cancel(id);
  if (!batch) {
    spdlog::error("{}", batch.error().message);
    return ExitCode::failed;
  }
  out << batch->id << "  " << batch->status_text
      << "  (collected by the next run or `arxiv-digest batch collect`)\n";
  return ExitCode::ok;
}

}  // namespace

ExitCode batch_command(const BatchCommandOptions& options, Ports& ports, std::ostream& out) {
  if (options.action != "status" && options.action != "collect" && options.action != "cancel") {
    spdlog::error("batch needs an action: status, collect or cancel ID (got \"{}\")",
                  options.action);
    return ExitCode::usage;
  }
  if (options.action == "cancel" && options.id.empty()) {
    spdlog::error("batch cancel needs the batch id, e.g. arxiv-digest batch cancel batch_abc123");
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  const auto key = provider_api_key(workspace->config.ai_summary, options.env);
  if (!key) {
    spdlog::error("set {} to the provider's API key", workspace->config.ai_summary.api_key_env);
    return ExitCode::usage;
  }
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failed;
  }
  BatchContext ctx(std::move(workspace.value()), std::move(history.value()), ports, *key);
  if (options.action == "cancel") {
    return cancel(ctx, options.id, out);
  }
  auto state = ctx.store.load();
  if (!state) {
    spdlog::error("{}", state.error().message);
    return ExitCode::failed;
  }
  return options.action == "status" ? status(ctx, *state, out)
                                    : collect(ctx, ports, std::move(state.value()), out);
}

}  // namespace arxiv_digest::app
