#include "arxiv_digest/selection.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/selection/keyword_matcher.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// One paper after dedupe by id, as positions in the announcement list: papers stay where they
// are until the candidates are moved out, so dedupe copies no paper.
struct Group {
  std::size_t best = 0;   // the highest version (the first one seen, if repeated)
  std::size_t first = 0;  // this paper's announcements: first, next[first], ..., last
  std::size_t last = 0;
  std::size_t accepted = kNone;  // the first announcement of an accepted type
};

struct Deduped {
  std::vector<Group> groups;      // first-seen order
  std::vector<std::size_t> next;  // next announcement of the same paper, or kNone
};

// DESIGN difference 1: the type filter looks at every announcement, so a paper first seen as
// `cross` in an earlier category feed keeps its `new` announcement from a later one.
Deduped dedupe(const std::vector<Paper>& announcements,
               const std::vector<std::string>& announce_types) {
  Deduped deduped;
  deduped.next.assign(announcements.size(), kNone);
  std::unordered_map<std::string_view, std::size_t> group_of;  // views of ids in `announcements`
  group_of.reserve(announcements.size());
  for (std::size_t position = 0; position < announcements.size(); ++position) {
    const Paper& paper = announcements[position];
    const auto [it, inserted] = group_of.try_emplace(paper.id, deduped.groups.size());
    if (inserted) {
      deduped.groups.push_back(Group{position, position, position, kNone});
    }
    Group& group = deduped.groups[it->second];
    if (!inserted) {
      deduped.next[group.last] = position;
      group.last = position;
      if (paper.version > announcements[group.best].version) {
        group.best = position;
      }
    }
    if (group.accepted == kNone && std::find(announce_types.begin(), announce_types.end(),
                                             paper.announce_type) != announce_types.end()) {
      group.accepted = position;
    }
  }
  return deduped;
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

// Every category of every announcement of the paper: the primary first, then the others in
// first-seen order (the original kept only the first feed's announcement and its categories).
std::vector<std::string> merged_categories(const std::vector<Paper>& announcements,
                                           const Deduped& deduped, const Group& group) {
  const Paper& best = announcements[group.best];
  std::vector<std::string> categories;
  add_unique(categories, best.primary_category);
  for (std::size_t at = group.first; at != kNone; at = deduped.next[at]) {
    for (const auto& category : announcements[at].categories) {
      add_unique(categories, category);
    }
    add_unique(categories, announcements[at].primary_category);
  }
  return categories;
}

// DESIGN difference 10: a paper in an earlier digest comes back only as an update, i.e. a
// replacement announcement with a newer version; a re-served list (v2 but still `new`) does not.
bool already_shown(const Paper& paper, const Paper& accepted, const ShownHistory& shown) {
  const auto it = shown.find(paper.id);
  if (it == shown.end()) {
    return false;
  }
  const bool replacement =
      accepted.announce_type == "replace" || accepted.announce_type == "replace-cross";
  return !(replacement && accepted.version > it->second);
}

// Keywords and exclude terms in one engine, so each text is scanned once for both.
class Scanner {
 public:
  explicit Scanner(const SelectionOptions& options)
      : keywords_(options.keywords),
        excludes_(options.exclude_keywords),
        matcher_(terms(options), options.match),
        title_(options.keywords.size() + options.exclude_keywords.size()),
        abstract_(title_.size()) {}

  void scan(const Paper& paper) {
    if (title_.empty()) {
      return;  // nothing to look for
    }
    std::fill(title_.begin(), title_.end(), 0);
    std::fill(abstract_.begin(), abstract_.end(), 0);
    // Separately, so no match spans from the title into the abstract.
    matcher_.mark(paper.title, title_);
    matcher_.mark(paper.abstract, abstract_);
  }
  // The first exclude term found, or nullptr.
  const std::string* exclusion() const {
    for (std::size_t i = keywords_.size(); i < title_.size(); ++i) {
      if (title_[i] != 0 || abstract_[i] != 0) {
        return &excludes_[i - keywords_.size()];
      }
    }
    return nullptr;
  }
  std::vector<KeywordMatch> matches() const {
    const std::size_t count = keywords_.size();
    return keyword_matches(keywords_, std::span(title_).first(count),
                           std::span(abstract_).first(count));
  }

 private:
  static std::vector<SearchTerm> terms(const SelectionOptions& options) {
    std::vector<SearchTerm> all;
    for (const auto& keyword : options.keywords) {
      all.push_back(SearchTerm{keyword.term, keyword.exact});
    }
    for (const auto& term : options.exclude_keywords) {
      all.push_back(SearchTerm{term});
    }
    return all;
  }

  const std::vector<Keyword>& keywords_;
  const std::vector<std::string>& excludes_;
  KeywordMatcher matcher_;
  std::vector<unsigned char> title_;  // found-flags: keywords, then exclude terms
  std::vector<unsigned char> abstract_;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ", ") + item;
  }
  return out.empty() ? "none" : out;
}

// Every announcement type the paper came with, in first-seen order.
std::vector<std::string> announce_types_of(const std::vector<Paper>& announcements,
                                           const Deduped& deduped, const Group& group) {
  std::vector<std::string> types;
  for (std::size_t at = group.first; at != kNone; at = deduped.next[at]) {
    add_unique(types, announcements[at].announce_type);
  }
  return types;
}

// A candidate's sort key.
struct Ranked {
  double score = 0.0;
  std::size_t position = 0;  // tie order: the accepted announcement's place in the input
  std::size_t best = 0;      // where the paper is in the announcement list
};

}  // namespace

Selection select_papers(std::vector<Paper> announcements, const ShownHistory& shown,
                        const SelectionOptions& options) {
  Selection selection;
  SelectionStats& stats = selection.stats;
  stats.announcements = announcements.size();
  const Deduped deduped = dedupe(announcements, options.announce_types);
  stats.unique_papers = deduped.groups.size();

  Scanner scanner(options);
  // No window without a valid "today", or with a negative days_back. A paper whose date is
  // missing or not YYYY-MM-DD is kept: we cannot tell that it is old.
  const bool windowed = is_iso_date(options.today) && options.days_back >= 0;
  const std::string oldest = windowed ? add_days(options.today, -options.days_back) : "";

  std::vector<Ranked> ranked;
  for (const Group& group : deduped.groups) {
    const Paper& paper = announcements[group.best];
    auto reject = [&](Filter filter, std::size_t& count, std::string reason,
                      std::vector<KeywordMatch> matches = {}) {
      ++count;
      selection.rejected.push_back(
          {paper.id, paper.version, paper.title, filter, std::move(reason), std::move(matches)});
    };
    if (group.accepted == kNone) {
      reject(Filter::wrong_type, stats.wrong_type,
             "announced as " + joined(announce_types_of(announcements, deduped, group)) +
                 "; announce_types accepts " + joined(options.announce_types));
      continue;
    }
    const Paper& accepted = announcements[group.accepted];
    if (windowed && is_iso_date(paper.published) && paper.published < oldest) {
      reject(Filter::too_old, stats.too_old,
             "published " + paper.published + ", before the days_back window (" + oldest + " to " +
                 options.today + ")");
      continue;
    }
    if (already_shown(paper, accepted, shown)) {
      reject(Filter::already_shown, stats.already_shown,
             "shown in an earlier digest (v" + std::to_string(shown.at(paper.id)) + ")");
      continue;
    }
    // The whole abstract, every paragraph (DESIGN difference 2).
    scanner.scan(paper);
    if (const std::string* term = scanner.exclusion()) {
      reject(Filter::excluded, stats.excluded, "matches exclude keyword \"" + *term + "\"",
             scanner.matches());
      continue;
    }
    std::vector<KeywordMatch> matches = scanner.matches();
    if (!options.keywords.empty() && matches.empty()) {
      reject(Filter::no_keyword, stats.no_keyword, "matches no keyword");
      continue;
    }
    double score = 0.0;
    for (const auto& match : matches) {
      score += match.points;
    }
    // The original ignored min_score (DESIGN difference 4).
    if (score < options.min_score) {
      reject(
          Filter::below_min_score, stats.below_min_score,
          "score " + format_score(score) + " is below min_score " + format_score(options.min_score),
          std::move(matches));
      continue;
    }
    // Only candidates are finished; `paper` and `accepted` may be the same announcement.
    std::vector<std::string> categories = merged_categories(announcements, deduped, group);
    std::string announce_type = accepted.announce_type;
    Paper& candidate = announcements[group.best];
    candidate.categories = std::move(categories);
    if (candidate.primary_category.empty() && !candidate.categories.empty()) {
      candidate.primary_category = candidate.categories.front();
    }
    candidate.announce_type = std::move(announce_type);
    candidate.score = score;
    candidate.matches = std::move(matches);
    ranked.push_back(Ranked{score, group.accepted, group.best});
  }

  // Positions are unique, so this order is total.
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.position < b.position;
  });
  selection.candidates.reserve(ranked.size());
  for (const Ranked& entry : ranked) {
    selection.candidates.push_back(std::move(announcements[entry.best]));
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
