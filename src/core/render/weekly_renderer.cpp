#include <algorithm>
#include <map>

#include "arxiv_digest/weekly.hpp"
#include "core/render/mustache_render.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// Which copy of a paper shown on several days of the week stands for it: one with a summary
// first (the roll-up promises summaries it already has), then the latest version, then the
// latest day.
bool better_weekly_copy(const ArchiveRecord& candidate, const ArchiveRecord& kept) {
  const bool candidate_summarized = candidate.summary.has_value();
  const bool kept_summarized = kept.summary.has_value();
  if (candidate_summarized != kept_summarized) {
    return candidate_summarized;
  }
  if (candidate.paper.version != kept.paper.version) {
    return candidate.paper.version > kept.paper.version;
  }
  return candidate.digest_date > kept.digest_date;
}

bool weekly_ranks_before(const ArchiveRecord& a, const ArchiveRecord& b) {
  if (a.paper.score != b.paper.score) {
    return a.paper.score > b.paper.score;
  }
  if (a.digest_date != b.digest_date) {
    return a.digest_date < b.digest_date;
  }
  return a.paper.id < b.paper.id;
}

mstch::map weekly_paper_context(const ArchiveRecord& record, std::size_t index) {
  const Paper& paper = record.paper;
  mstch::node summary = false;
  if (record.summary && !trim(record.summary->text).empty()) {
    mstch::node model = false;
    if (!record.summary->model.empty()) {
      model = record.summary->model;
    }
    summary = mstch::map{{"text", neutralize_collapsible_tags(trim(record.summary->text))},
                         {"model", model}};
  }
  return mstch::map{
      {"index", std::to_string(index)},
      {"title", escape_link_text(collapse_whitespace(paper.title))},
      {"link", paper.link},
      {"arxiv_id", versioned_id(paper)},
      {"authors", escape_angle_brackets(paper.authors.empty() ? std::string("Unknown")
                                                              : join(paper.authors, ", "))},
      {"category", paper.primary_category},
      {"score", format_score(paper.score)},
      {"day", record.digest_date},
      {"summary", summary},
      {"abstract",
       escape_angle_brackets(abstract_excerpt(collapse_whitespace(paper.abstract), false))},
  };
}

}  // namespace

WeeklyRollup weekly_rollup(IsoWeek week, const std::vector<ArchivedDay>& days,
                           std::size_t max_papers) {
  WeeklyRollup rollup;
  rollup.week = week;
  const std::vector<std::string> week_days = iso_week_days(week);
  rollup.first_day = week_days.front();
  rollup.last_day = week_days.back();
  std::map<std::string, ArchiveRecord> by_id;
  for (const ArchivedDay& day : days) {
    if (day.day < rollup.first_day || day.day > rollup.last_day) {
      continue;
    }
    bool showed = false;
    for (const ArchiveRecord* record : ranked_records(day.records)) {
      showed = true;
      ArchiveRecord copy = *record;
      copy.digest_date = day.day;
      auto [it, inserted] = by_id.try_emplace(copy.paper.id, copy);
      if (!inserted && better_weekly_copy(copy, it->second)) {
        it->second = std::move(copy);
      }
    }
    if (showed && std::find(rollup.days.begin(), rollup.days.end(), day.day) == rollup.days.end()) {
      rollup.days.push_back(day.day);
    }
  }
  std::sort(rollup.days.begin(), rollup.days.end());
  for (auto& [id, record] : by_id) {
    rollup.papers.push_back(std::move(record));
  }
  std::sort(rollup.papers.begin(), rollup.papers.end(), weekly_ranks_before);
  if (rollup.papers.size() > max_papers) {
    rollup.papers.resize(max_papers);
  }
  rollup.without_summary = static_cast<std::size_t>(
      std::count_if(rollup.papers.begin(), rollup.papers.end(),
                    [](const ArchiveRecord& record) { return !record.summary.has_value(); }));
  return rollup;
}

std::string weekly_sentence(const WeeklyRollup& rollup) {
  const std::size_t count = rollup.papers.size();
  std::string out = "weekly " + to_string(rollup.week) + ": " + std::to_string(count) +
                    (count == 1 ? " paper" : " papers");
  if (count == 0) {
    return out;
  }
  if (rollup.without_summary == 0) {
    return out + (count == 1 ? ", with a summary" : ", all with a summary");
  }
  return out + ", " + std::to_string(rollup.without_summary) + " without a summary";
}

std::string weekly_file_name(IsoWeek week) { return to_string(week) + ".md"; }

Result<std::string> render_weekly(const WeeklyRollup& rollup, const std::string& template_source) {
  mstch::array papers;
  for (const ArchiveRecord& record : rollup.papers) {
    papers.push_back(weekly_paper_context(record, papers.size() + 1));
  }
  mstch::node without_summary = false;
  if (rollup.without_summary == 1) {
    without_summary = std::string("1 of them has no summary yet; its abstract is shown instead.");
  } else if (rollup.without_summary > 1) {
    without_summary = std::to_string(rollup.without_summary) +
                      " of them have no summary yet; their abstract is shown instead.";
  }
  const mstch::map context{
      {"week", to_string(rollup.week)},
      {"first_day", rollup.first_day},
      {"last_day", rollup.last_day},
      {"paper_count", std::to_string(rollup.papers.size())},
      {"papers_phrase", rollup.papers.size() == 1
                            ? std::string("the one paper")
                            : "the " + std::to_string(rollup.papers.size()) + " best papers"},
      {"digests_phrase", rollup.days.size() == 1
                             ? std::string("1 daily digest")
                             : std::to_string(rollup.days.size()) + " daily digests"},
      {"days", rollup.days.empty() ? mstch::node(false) : mstch::node(join(rollup.days, ", "))},
      {"without_summary", without_summary},
      {"has_papers", !rollup.papers.empty()},
      {"papers", std::move(papers)},
  };
  return render_template(template_source, context, "weekly.md.mustache");
}

}  // namespace arxiv_digest
