#include "app/rollups/rollups.hpp"

#include <algorithm>
#include <set>

#include "app/template_loader.hpp"

namespace arxiv_digest::app {
namespace {

// The days of `history` before `day`, oldest first.
std::vector<std::string> days_before(const HistoryStore& history, const std::string& day) {
  std::vector<std::string> out;
  for (const auto& archived : history.days()) {
    if (archived < day) {
      out.push_back(archived);
    }
  }
  return out;
}

// The last `count` of `days`.
std::vector<std::string> last_days(std::vector<std::string> days, std::size_t count) {
  if (days.size() > count) {
    days.erase(days.begin(), days.end() - static_cast<std::ptrdiff_t>(count));
  }
  return days;
}

// Reads `trend_days` and `week_days` from the index, each day once, into `counts` and `week`.
Result<void> read_rollup_days(HistoryStore& history, const std::vector<std::string>& trend_days,
                              const std::vector<std::string>& week_days,
                              std::vector<DayKeywordCounts>& counts,
                              std::vector<ArchivedDay>& week) {
  std::set<std::string> needed(trend_days.begin(), trend_days.end());
  needed.insert(week_days.begin(), week_days.end());
  for (const auto& day : needed) {
    auto records = history.day_records(day);
    if (!records) {
      return records.error();
    }
    if (std::binary_search(trend_days.begin(), trend_days.end(), day)) {
      counts.push_back(count_keywords(day, *records));
    }
    if (std::find(week_days.begin(), week_days.end(), day) != week_days.end()) {
      week.push_back({day, std::move(records.value())});
    }
  }
  return {};
}

std::vector<std::string> archived_days_of(IsoWeek week, const std::vector<std::string>& days) {
  const std::vector<std::string> week_days = iso_week_days(week);
  std::vector<std::string> out;
  for (const auto& day : days) {
    if (day >= week_days.front() && day <= week_days.back()) {
      out.push_back(day);
    }
  }
  return out;
}

}  // namespace

std::string trends_path(const Workspace& workspace) {
  return workspace.resolve(workspace.config.output.digests_dir) + "/trends.svg";
}

std::string weekly_path(const Workspace& workspace, IsoWeek week) {
  return workspace.resolve(workspace.config.output.digests_dir) + "/" + weekly_file_name(week);
}

bool closes_week(const std::string& day) { return iso_weekday(day).value_or(0) >= 5; }

Result<RunRollups> render_run_rollups(const std::string& day,
                                      const std::vector<ArchiveRecord>& records,
                                      const Workspace& workspace, HistoryStore& history,
                                      FileSystem& fs) {
  const OutputConfig& output = workspace.config.output;
  const auto week = iso_week_of(day);
  const bool weekly = output.weekly_enabled && week && closes_week(day);
  const std::vector<std::string> before = days_before(history, day);
  const std::vector<std::string> trend_days =
      output.trends_enabled ? last_days(before, kTrendDays - 1) : std::vector<std::string>{};
  const std::vector<std::string> week_days =
      weekly ? archived_days_of(*week, before) : std::vector<std::string>{};
  std::vector<DayKeywordCounts> counts;
  std::vector<ArchivedDay> week_records;
  if (auto read = read_rollup_days(history, trend_days, week_days, counts, week_records); !read) {
    return read.error();
  }
  RunRollups rollups;
  if (output.trends_enabled) {
    counts.push_back(count_keywords(day, records));
    rollups.files.push_back({trends_path(workspace), render_trends_svg(keyword_trends(counts))});
    rollups.trends = true;
  }
  if (weekly) {
    week_records.push_back({day, records});
    const WeeklyRollup rollup = weekly_rollup(
        *week, week_records, static_cast<std::size_t>(std::max(output.weekly_papers, 1)));
    auto page = render_weekly_page(rollup, workspace, fs);
    if (!page) {
      return page.error();
    }
    rollups.files.push_back({weekly_path(workspace, *week), std::move(page.value())});
    rollups.weekly = weekly_sentence(rollup);
  }
  return rollups;
}

Result<WeeklyRollup> archived_week(IsoWeek week, const Workspace& workspace,
                                   HistoryStore& history) {
  std::vector<DayKeywordCounts> unused;
  std::vector<ArchivedDay> days;
  if (auto read =
          read_rollup_days(history, {}, archived_days_of(week, history.days()), unused, days);
      !read) {
    return read.error();
  }
  return weekly_rollup(
      week, days, static_cast<std::size_t>(std::max(workspace.config.output.weekly_papers, 1)));
}

Result<KeywordTrends> archived_trends(HistoryStore& history) {
  std::vector<DayKeywordCounts> counts;
  std::vector<ArchivedDay> unused;
  if (auto read =
          read_rollup_days(history, last_days(history.days(), kTrendDays), {}, counts, unused);
      !read) {
    return read.error();
  }
  return keyword_trends(std::move(counts));
}

Result<std::string> render_weekly_page(const WeeklyRollup& rollup, const Workspace& workspace,
                                       FileSystem& fs) {
  auto source = load_template(fs, workspace, "weekly.md.mustache");
  if (!source) {
    return source.error();
  }
  return render_weekly(rollup, *source);
}

}  // namespace arxiv_digest::app
