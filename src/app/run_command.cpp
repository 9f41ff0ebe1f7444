#include "app/run_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "app/api_source.hpp"
#include "app/batch_summarizer.hpp"
#include "app/candidates.hpp"
#include "app/feed_cache.hpp"
#include "app/live_source.hpp"
#include "app/offline_source.hpp"
#include "app/polite_http_client.hpp"
#include "app/summarizer.hpp"
#include "app/template_loader.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/readme.hpp"
#include "arxiv_digest/run_status.hpp"
#include "arxiv_digest/summary_prompt.hpp"
#include "core/date.hpp"

namespace arxiv_digest::app {
namespace {

using Clock = std::chrono::system_clock;

struct RunContext {
  const RunOptions& options;
  Ports& ports;
  Workspace workspace;
  RunStatus status;
  Clock::time_point started;
};

std::string archive_path(const RunContext& ctx, const std::string& date) {
  return ctx.workspace.resolve(ctx.workspace.config.output.archive_dir) + "/" + date + ".jsonl";
}

// "URL: reason" for each failed source, joined.
std::string failures(const FeedSet& feeds) {
  std::string out;
  for (const auto& source : feeds.sources) {
    if (!source.error.empty()) {
      out += (out.empty() ? "" : "; ") + source.error;
    }
  }
  return out;
}

// Papers ranked in digests of earlier days (DESIGN difference 10), and the records already
// written today (a same-day rerun reuses their summaries).
struct History {
  ShownHistory shown;
  std::vector<ArchiveRecord> today;
  std::vector<ArchiveRecord> summarized_earlier;  // the summary cache from earlier days
};

Result<History> load_history(RunContext& ctx, const std::string& today) {
  History history;
  const std::string dir = ctx.workspace.resolve(ctx.workspace.config.output.archive_dir);
  if (!ctx.ports.fs.exists(dir)) {
    return history;
  }
  auto files = ctx.ports.fs.list(dir, ".jsonl");
  if (!files) {
    return files.error();
  }
  for (const auto& path : *files) {
    const std::string date = std::filesystem::path(path).stem().string();
    if (!is_iso_date(date) || date > today) {
      continue;
    }
    auto text = ctx.ports.fs.read(path);
    if (!text) {
      return text.error();
    }
    auto records = parse_archive(*text, path);
    if (!records) {
      return records.error();
    }
    if (date == today) {
      history.today = std::move(records.value());
    } else {
      add_shown(*records, history.shown);
      for (auto& record : *records) {
        if (record.summary) {
          history.summarized_earlier.push_back(std::move(record));
        }
      }
    }
  }
  return history;
}

// Summaries already in today's archive (same id and version) are kept, so a rerun costs nothing.
void carry_over_summaries(const std::vector<ArchiveRecord>& previous,
                          std::vector<ArchiveRecord>& records) {
  for (auto& record : records) {
    for (const auto& old : previous) {
      if (old.summary && old.paper.id == record.paper.id &&
          old.paper.version == record.paper.version) {
        record.summary = old.summary;
      }
    }
  }
}

std::string summaries_status(const RunContext& ctx) {
  const auto& ai = ctx.workspace.config.ai_summary;
  if (!ai.enabled) {
    return "summaries disabled (ai_summary.enabled is false)";
  }
  const auto key = ctx.options.env ? ctx.options.env(ai.api_key_env) : std::nullopt;
  if (!key || key->empty()) {
    return "summaries skipped: set " + ai.api_key_env + " to summarize";
  }
  return "summaries: nothing new to summarize";
}

// Batch mode (issue 6). PDF input needs a file upload per paper, which the Batch API's JSONL
// cannot carry, so it stays in sync mode (summarize_digest).
void summarize_in_batches(RunContext& ctx, std::vector<ArchiveRecord>& records,
                          const std::vector<ArchiveRecord>& cache, SummarizerOptions options) {
  const OutputConfig& output = ctx.workspace.config.output;
  BatchSummarizerOptions batch;
  batch.sync = std::move(options);
  batch.run = ctx.status.digest_date;
  batch.wait = !ctx.options.no_wait;
  batch.limits = ctx.options.batch_limits;
  batch.state_path = ctx.workspace.resolve(output.state_dir) + "/batches.json";
  batch.archive_dir = ctx.workspace.resolve(output.archive_dir);
  ctx.status.summary_stats = summarize_records_in_batches(records, cache, ctx.ports, batch);
  ctx.status.summaries = batch_summary_sentence(ctx.status.summary_stats);
}

// Summarizes the top of the digest when enabled and the key is set (summaries_status says why
// not otherwise); cached summaries come from today's and earlier archive records.
void summarize_digest(RunContext& ctx, std::vector<ArchiveRecord>& records,
                      const History& history) {
  const auto& ai = ctx.workspace.config.ai_summary;
  const auto key = ctx.options.env ? ctx.options.env(ai.api_key_env) : std::nullopt;
  if (!ai.enabled || !key || key->empty()) {
    return;
  }
  SummarizerOptions options;
  options.config = ai;
  options.api_key = *key;
  options.timeout = ctx.options.summary_timeout.count() > 0 ? ctx.options.summary_timeout
                                                            : std::chrono::seconds(ai.timeout_s);
  options.max_retries = ai.max_retries;
  options.pdf_politeness = arxiv_politeness(ctx.workspace.config.source);
  options.arxiv_hosts = arxiv_hosts(ctx.workspace.config.source.base_url);
  auto source = ai.prompt_file.empty()
                    ? load_template(ctx.ports.fs, ctx.workspace, prompt_template_name(ai.format))
                    : ctx.ports.fs.read(ctx.workspace.resolve(ai.prompt_file));
  if (!source) {
    ctx.status.summaries = "summaries failed: " + source.error().message;
    return;
  }
  options.template_source = std::move(source.value());
  std::vector<ArchiveRecord> cache = history.today;
  cache.insert(cache.end(), history.summarized_earlier.begin(), history.summarized_earlier.end());
  if (ai.mode == "batch" && ai.input == "abstract") {
    summarize_in_batches(ctx, records, cache, options);
    return;
  }
  if (ai.mode == "batch") {
    spdlog::warn(
        "ai_summary.input \"{}\" cannot go through the Batch API; summarizing in sync "
        "mode",
        ai.input);
  }
  ctx.status.summary_stats =
      summarize_records(records, cache, ctx.ports.http, ctx.ports.clock, options);
  ctx.status.summaries = summary_sentence(ctx.status.summary_stats);
}

Result<void> write_status(RunContext& ctx) {
  ctx.status.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(ctx.ports.clock.now() - ctx.started)
          .count();
  const std::string path =
      ctx.workspace.resolve(ctx.workspace.config.output.state_dir) + "/last_run.json";
  return ctx.ports.fs.write_atomic(path, write_run_status(ctx.status));
}

std::string readme_path(const RunContext& ctx) {
  return ctx.options.output.empty() ? ctx.workspace.resolve(ctx.workspace.config.output.readme)
                                    : ctx.options.output;
}

// The page around the papers; entries are added by the caller.
ReadmeView readme_view(const RunContext& ctx) {
  ReadmeView view;
  view.last_updated = utc_timestamp(ctx.started);
  view.digest_date = ctx.status.digest_date;
  view.categories = ctx.workspace.config.categories;
  for (const auto& keyword : ctx.workspace.config.keywords) {
    view.keywords.push_back(keyword.term);
  }
  view.status_line = status_line(ctx.status);
  return view;
}

// Nothing new: keep the previous digest, refresh only its status line (difference 9).
Result<void> keep_previous_readme(RunContext& ctx, const ReadmeTemplates& templates) {
  const std::string path = readme_path(ctx);
  if (!ctx.ports.fs.exists(path)) {
    auto text = render_readme(readme_view(ctx), templates);
    if (!text) {
      return text.error();
    }
    return ctx.ports.fs.write_atomic(path, *text);
  }
  auto previous = ctx.ports.fs.read(path);
  if (!previous) {
    return previous.error();
  }
  auto updated = replace_status_line(*previous, status_line(ctx.status));
  if (!updated) {
    spdlog::warn("{}: left unchanged: {}", path, updated.error().message);
    return {};
  }
  return ctx.ports.fs.write_atomic(path, *updated);
}

Result<void> write_digest(RunContext& ctx, const std::vector<ArchiveRecord>& records,
                          const ReadmeTemplates& templates) {
  ReadmeView view = readme_view(ctx);
  for (const auto& record : records) {
    if (record.rank) {
      view.entries.push_back(make_digest_entry(record.paper, *record.rank, record.summary));
    }
  }
  auto text = render_readme(view, templates);
  if (!text) {
    return text.error();
  }
  if (auto written = ctx.ports.fs.write_atomic(archive_path(ctx, ctx.status.digest_date),
                                               write_archive(records));
      !written) {
    return written;
  }
  const std::string path = readme_path(ctx);
  if (ctx.ports.fs.exists(path)) {
    auto previous = ctx.ports.fs.read(path);
    if (previous && same_digest(*previous, *text, view.last_updated)) {
      spdlog::info("{}: the digest is unchanged; left as it was", path);
      return {};
    }
  }
  return ctx.ports.fs.write_atomic(path, *text);
}

ExitCode fail(RunContext& ctx, const Error& error) {
  spdlog::error("{}", error.message);
  ctx.status.outcome = RunOutcome::failed;
  ctx.status.message = error.message;
  if (auto written = write_status(ctx); !written) {
    spdlog::error("{}", written.error().message);
  }
  spdlog::error("run failed; README and archive were left as they were");
  return ExitCode::failed;
}

std::string state_dir(const RunContext& ctx) {
  return ctx.workspace.resolve(ctx.workspace.config.output.state_dir);
}

// Offline: every *.xml in the folder, all or nothing. Live: arXiv's feed, politely; failed
// sources are recorded and the run goes on with the others unless every one failed.
Result<FeedSet> read_feeds(RunContext& ctx) {
  const Config& config = ctx.workspace.config;
  if (!ctx.options.offline_dir.empty()) {
    return read_offline_feeds(ctx.ports.fs, ctx.options.offline_dir, config.categories);
  }
  PoliteHttpClient polite(ctx.ports.http, ctx.ports.clock, arxiv_politeness(config.source));
  FeedCache cache(ctx.ports.fs, state_dir(ctx));
  FeedSet feeds = fetch_announcements(config, polite, cache);
  if (feeds.failed_sources() == feeds.sources.size()) {
    ctx.status.sources = feeds.sources;
    return Error{feeds.sources.empty() ? ErrorCode::network : ErrorCode::http_status,
                 "no feed could be read: " + failures(feeds)};
  }
  return feeds;
}

std::string empty_reason(const SelectionStats& stats) {
  if (stats.announcements == 0) {
    return "arXiv announced nothing for this day (no announcements on weekends and holidays); "
           "the previous digest was kept";
  }
  if (stats.already_shown > 0 && stats.candidates == 0) {
    return "every matching paper was shown on an earlier day (arXiv re-served an old list); "
           "the previous digest was kept";
  }
  return "no new papers matched; the previous digest was kept";
}

// What a run found before writing anything: the ranked candidates and the history they were
// ranked against.
struct Gathered {
  Selection selection;
  History history;
  std::size_t failed_sources = 0;
  std::string failures;
};

Result<Gathered> gather_daily(RunContext& ctx) {
  const Config& config = ctx.workspace.config;
  auto feeds = read_feeds(ctx);
  if (!feeds) {
    return feeds.error();
  }
  ctx.status.sources = feeds->sources;
  const std::string today = choose_today(ctx.options.date, feeds->newest_date, ctx.ports.clock);
  ctx.status.digest_date = today;
  auto history = load_history(ctx, today);
  if (!history) {
    return history.error();
  }
  Gathered gathered{select_papers(std::move(feeds->announcements), history->shown,
                                  selection_options(config, today)),
                    std::move(history.value()), feeds->failed_sources(), failures(*feeds)};
  return gathered;
}

void add_stats(SelectionStats& total, const SelectionStats& page) {
  total.announcements += page.announcements;
  total.unique_papers += page.unique_papers;
  total.wrong_type += page.wrong_type;
  total.too_old += page.too_old;
  total.already_shown += page.already_shown;
  total.excluded += page.excluded;
  total.no_keyword += page.no_keyword;
  total.below_min_score += page.below_min_score;
  total.candidates += page.candidates;
}

// Keeps the best `max_papers` of `best` and `page` (both ranked), earlier pages first on ties,
// each id once: memory stays bounded however long the range.
void merge_ranked(std::vector<Paper>& best, std::vector<Paper>&& page, std::size_t max_papers) {
  std::vector<Paper> merged;
  merged.reserve(best.size() + page.size());
  std::merge(std::make_move_iterator(best.begin()), std::make_move_iterator(best.end()),
             std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()),
             std::back_inserter(merged),
             [](const Paper& a, const Paper& b) { return a.score > b.score; });
  std::vector<Paper> kept;
  for (auto& paper : merged) {
    const bool seen =
        std::any_of(kept.begin(), kept.end(), [&](const Paper& p) { return p.id == paper.id; });
    if (!seen && kept.size() < max_papers) {
      kept.push_back(std::move(paper));
    }
  }
  best = std::move(kept);
}

// `run --since`: the API search over the range, page by page, each page ranked on arrival and
// merged into the best max_papers so far. The digest is dated --until (default today, UTC).
Result<Gathered> gather_backfill(RunContext& ctx) {
  const Config& config = ctx.workspace.config;
  const std::string until =
      ctx.options.until.empty() ? utc_date(ctx.ports.clock.now()) : ctx.options.until;
  ctx.status.digest_date = until;
  auto history = load_history(ctx, until);
  if (!history) {
    return history.error();
  }
  SelectionOptions options = selection_options(config, "");  // the range is the date filter
  PoliteHttpClient polite(ctx.ports.http, ctx.ports.clock, arxiv_politeness(config.source));
  Gathered gathered{{}, std::move(history.value()), 0, ""};
  page_through_search(
      config, ctx.options.since, until, ctx.options.page_size, polite, [&](ApiPage&& page) {
        if (!page.source.error.empty()) {
          ++gathered.failed_sources;
          gathered.failures += (gathered.failures.empty() ? "" : "; ") + page.source.error;
        }
        ctx.status.sources.push_back(std::move(page.source));
        Selection ranked = select_papers(std::move(page.papers), gathered.history.shown, options);
        add_stats(gathered.selection.stats, ranked.stats);
        merge_ranked(gathered.selection.candidates, std::move(ranked.candidates),
                     static_cast<std::size_t>(config.max_papers));
      });
  gathered.selection.selected = gathered.selection.candidates.size();
  gathered.selection.stats.selected = gathered.selection.selected;
  if (gathered.failed_sources == ctx.status.sources.size()) {
    return Error{ErrorCode::network, "the backfill could not read any page: " + gathered.failures};
  }
  return gathered;
}

ExitCode run_pipeline(RunContext& ctx) {
  auto gathered = ctx.options.since.empty() ? gather_daily(ctx) : gather_backfill(ctx);
  if (!gathered) {
    return fail(ctx, gathered.error());
  }
  const Selection& selection = gathered->selection;
  ctx.status.selection = selection.stats;
  ctx.status.summaries = summaries_status(ctx);
  const bool partial = gathered->failed_sources > 0;
  if (partial) {
    ctx.status.message = "failed: " + gathered->failures;
  }

  auto templates = load_readme_templates(ctx.ports.fs, ctx.workspace);
  if (!templates) {
    return fail(ctx, templates.error());
  }
  if (selection.selected == 0) {
    if (ctx.workspace.config.ai_summary.mode == "batch") {
      std::vector<ArchiveRecord> none;  // still collect earlier runs' batches (issue 6)
      summarize_digest(ctx, none, gathered->history);
    }
    ctx.status.outcome = RunOutcome::nothing;
    ctx.status.message += (partial ? "; " : "") + empty_reason(selection.stats);
    if (auto kept = keep_previous_readme(ctx, *templates); !kept) {
      return fail(ctx, kept.error());
    }
  } else {
    ctx.status.outcome = partial ? RunOutcome::partial : RunOutcome::ok;
    auto records = archive_records(selection, ctx.status.digest_date);
    carry_over_summaries(gathered->history.today, records);
    summarize_digest(ctx, records, gathered->history);
    if (auto written = write_digest(ctx, records, *templates); !written) {
      return fail(ctx, written.error());
    }
  }
  if (auto written = write_status(ctx); !written) {
    return fail(ctx, written.error());
  }
  spdlog::info("{}", status_line(ctx.status));
  spdlog::info("digest written to {}", readme_path(ctx));
  return partial ? ExitCode::partial : ExitCode::ok;
}

}  // namespace

ExitCode run(const RunOptions& options, Ports& ports) {
  for (const auto& [flag, value] :
       {std::pair{"--date", options.date}, std::pair{"--since", options.since},
        std::pair{"--until", options.until}}) {
    if (!value.empty() && !is_iso_date(value)) {
      spdlog::error("{} {}: expected a date as YYYY-MM-DD", flag, value);
      return ExitCode::usage;
    }
  }
  if (!options.until.empty() && options.since.empty()) {
    spdlog::error("--until needs --since (a backfill range)");
    return ExitCode::usage;
  }
  if (!options.since.empty() && !options.until.empty() && options.since > options.until) {
    spdlog::error("--since {} is after --until {}", options.since, options.until);
    return ExitCode::usage;
  }
  if (!options.since.empty() && !options.offline_dir.empty()) {
    spdlog::error("--since (a backfill from arXiv's API) cannot be combined with --offline");
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  RunContext ctx{options, ports, std::move(workspace.value()), RunStatus{}, ports.clock.now()};
  ctx.status.started_at = iso8601_utc(ctx.started);
  return run_pipeline(ctx);
}

}  // namespace arxiv_digest::app
