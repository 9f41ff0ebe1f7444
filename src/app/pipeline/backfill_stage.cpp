#include "app/pipeline/backfill_stage.hpp"

#include <algorithm>
#include <iterator>

#include "app/http/polite_http_client.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "app/pipeline/sources_stage.hpp"
#include "app/sources/api_source.hpp"

namespace arxiv_digest::app {
namespace {

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
// each id once.
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

}  // namespace

Backfill select_backfill(const Config& config, const BackfillRange& range, HistoryStore& history,
                         Ports& ports) {
  const SelectionOptions options = selection_options(config, "");  // the range is the filter
  PoliteHttpClient polite(ports.http, ports.clock, arxiv_politeness(config.source));
  Backfill backfill;
  page_through_search(config, range.since, range.until, range.page_size, polite,
                      [&](ApiPage&& page) {
                        backfill.sources.push_back(std::move(page.source));
                        if (backfill.failure) {
                          return;
                        }
                        auto shown = shown_before(history, range.until, page.papers);
                        if (!shown) {
                          backfill.failure = shown.error();
                          return;
                        }
                        Selection ranked = select_papers(std::move(page.papers), *shown, options);
                        add_stats(backfill.selection.stats, ranked.stats);
                        merge_ranked(backfill.selection.candidates, std::move(ranked.candidates),
                                     static_cast<std::size_t>(config.max_papers));
                      });
  backfill.selection.selected = backfill.selection.candidates.size();
  backfill.selection.stats.selected = backfill.selection.selected;
  const auto failed = std::count_if(backfill.sources.begin(), backfill.sources.end(),
                                    [](const SourceStatus& s) { return !s.error.empty(); });
  if (!backfill.failure && static_cast<std::size_t>(failed) == backfill.sources.size()) {
    backfill.failure = Error{ErrorCode::network, "the backfill could not read any page: " +
                                                     source_failures(backfill.sources)};
  }
  return backfill;
}

}  // namespace arxiv_digest::app
