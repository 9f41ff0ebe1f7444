#include "arxiv_digest/selection.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "core/date.hpp"

namespace arxiv_digest {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// One paper after dedupe, with what its announcements said.
struct Group {
  Paper paper;                            // the highest version's metadata
  std::vector<std::string> categories;    // every announcement's categories, first-seen order
  std::size_t accepted_position = kNone;  // first announcement of an accepted type
  std::string accepted_type;
  int accepted_version = 0;
};

struct Ranked {
  Paper paper;
  std::size_t position = 0;  // tie order
};

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void add_categories(const Paper& paper, std::vector<std::string>& categories) {
  for (const auto& category : paper.categories) {
    if (!contains(categories, category)) {
      categories.push_back(category);
    }
  }
  if (!paper.primary_category.empty() && !contains(categories, paper.primary_category)) {
    categories.push_back(paper.primary_category);
  }
}

// Dedupe by id (DESIGN difference 1): the type filter looks at every announcement, so a paper
// first seen as `cross` in an earlier category feed keeps its `new` announcement from a later one.
std::vector<Group> dedupe(std::vector<Paper> announcements,
                          const std::vector<std::string>& announce_types) {
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> index_of;
  index_of.reserve(announcements.size());
  for (std::size_t position = 0; position < announcements.size(); ++position) {
    Paper& paper = announcements[position];
    const auto [it, inserted] = index_of.try_emplace(paper.id, groups.size());
    if (inserted) {
      groups.emplace_back();
    }
    Group& group = groups[it->second];
    add_categories(paper, group.categories);
    if (group.accepted_position == kNone && contains(announce_types, paper.announce_type)) {
      group.accepted_position = position;
      group.accepted_type = paper.announce_type;
      group.accepted_version = paper.version;
    }
    if (inserted || paper.version > group.paper.version) {
      group.paper = std::move(paper);
    }
  }
  for (Group& group : groups) {
    Paper& paper = group.paper;
    if (paper.primary_category.empty() && !paper.categories.empty()) {
      paper.primary_category = paper.categories.front();
    }
    // Primary first, then the others as first seen.
    std::vector<std::string> categories;
    categories.reserve(group.categories.size());
    if (!paper.primary_category.empty()) {
      categories.push_back(paper.primary_category);
    }
    for (auto& category : group.categories) {
      if (category != paper.primary_category) {
        categories.push_back(std::move(category));
      }
    }
    paper.categories = std::move(categories);
  }
  return groups;
}

// DESIGN difference 10: a paper in an earlier digest comes back only as an update, i.e. a
// replacement announcement with a newer version; a re-served list (v2 but still `new`) does not.
bool already_shown(const Group& group, const ShownHistory& shown) {
  const auto it = shown.find(group.paper.id);
  if (it == shown.end()) {
    return false;
  }
  const bool replacement =
      group.accepted_type == "replace" || group.accepted_type == "replace-cross";
  return !(replacement && group.accepted_version > it->second);
}

std::vector<Keyword> as_keywords(const std::vector<std::string>& terms) {
  std::vector<Keyword> keywords;
  keywords.reserve(terms.size());
  for (const auto& term : terms) {
    keywords.push_back(Keyword{term, 1.0});
  }
  return keywords;
}

}  // namespace

Selection select_papers(std::vector<Paper> announcements, const ShownHistory& shown,
                        const SelectionOptions& options) {
  Selection selection;
  SelectionStats& stats = selection.stats;
  stats.announcements = announcements.size();
  std::vector<Group> groups = dedupe(std::move(announcements), options.announce_types);
  stats.unique_papers = groups.size();

  const KeywordScorer scorer(options.keywords, options.match);
  const KeywordScorer exclude(as_keywords(options.exclude_keywords), options.match);
  // No window without a valid "today", or with a negative days_back. A paper whose date is
  // missing or not YYYY-MM-DD is kept: we cannot tell that it is old.
  const bool windowed = is_iso_date(options.today) && options.days_back >= 0;
  const std::string oldest = windowed ? add_days(options.today, -options.days_back) : "";

  std::vector<Ranked> ranked;
  for (Group& group : groups) {
    Paper& paper = group.paper;
    if (group.accepted_position == kNone) {
      ++stats.wrong_type;
      continue;
    }
    if (windowed && is_iso_date(paper.published) && paper.published < oldest) {
      ++stats.too_old;
      continue;
    }
    if (already_shown(group, shown)) {
      ++stats.already_shown;
      continue;
    }
    if (exclude.matches_any(paper.title) || exclude.matches_any(paper.abstract)) {
      ++stats.excluded;
      continue;
    }
    // The whole abstract, every paragraph (DESIGN difference 2).
    std::vector<KeywordMatch> matches = scorer.match(paper.title, paper.abstract);
    if (!options.keywords.empty() && matches.empty()) {
      ++stats.no_keyword;
      continue;
    }
    double score = 0.0;
    for (const auto& match : matches) {
      score += match.points;
    }
    // The original ignored min_score (DESIGN difference 4).
    if (score < options.min_score) {
      ++stats.below_min_score;
      continue;
    }
    paper.score = score;
    paper.matches = std::move(matches);
    paper.announce_type = std::move(group.accepted_type);
    ranked.push_back(Ranked{std::move(paper), group.accepted_position});
  }

  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.paper.score != b.paper.score) {
      return a.paper.score > b.paper.score;
    }
    return a.position < b.position;
  });
  selection.candidates.reserve(ranked.size());
  for (Ranked& entry : ranked) {
    selection.candidates.push_back(std::move(entry.paper));
  }
  stats.candidates = selection.candidates.size();
  stats.selected =
      std::min(stats.candidates, static_cast<std::size_t>(std::max(options.max_papers, 0)));
  selection.selected = stats.selected;
  return selection;
}

std::vector<Paper> order_announcements(
    const std::vector<std::vector<Paper>>& feeds_papers,
    const std::vector<std::vector<std::string>>& feeds_categories,
    const std::vector<std::string>& categories) {
  // A feed ranks by its first category's place in the config; unknown or missing ones go last.
  const auto rank_of = [&](std::size_t feed) {
    if (feed >= feeds_categories.size() || feeds_categories[feed].empty()) {
      return categories.size();
    }
    const auto it = std::find(categories.begin(), categories.end(), feeds_categories[feed].front());
    return static_cast<std::size_t>(it - categories.begin());
  };
  std::vector<std::size_t> order(feeds_papers.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank_of(a) < rank_of(b); });

  std::size_t total = 0;
  for (const auto& papers : feeds_papers) {
    total += papers.size();
  }
  std::vector<Paper> ordered;
  ordered.reserve(total);
  for (const std::size_t feed : order) {
    ordered.insert(ordered.end(), feeds_papers[feed].begin(), feeds_papers[feed].end());
  }
  return ordered;
}

}  // namespace arxiv_digest
