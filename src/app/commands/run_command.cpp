#include "app/commands/run_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "app/http/polite_http_client.hpp"
#include "app/pipeline/archive_history.hpp"
#include "app/pipeline/candidates.hpp"
#include "app/pipeline/digest_output.hpp"
#include "app/pipeline/run_context.hpp"
#include "app/pipeline/summary_step.hpp"
#include "app/sources/api_source.hpp"
#include "app/sources/feed_cache.hpp"
#include "app/sources/live_source.hpp"
#include "app/sources/offline_source.hpp"
#include "app/template_loader.hpp"
#include "arxiv_digest/archive.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

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
    if (ctx.workspace.config.ai_summary.mode == SummaryMode::batch) {
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
