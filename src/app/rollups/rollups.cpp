#include "app/rollups/rollups.hpp"

#include <algorithm>

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

// The records of `week_days`, each day read once from the index.
Result<std::vector<ArchivedDay>> read_week_days(HistoryStore& history,
                                                const std::vector<std::string>& week_days) {
  std::vector<ArchivedDay> week;
  for (const auto& day : week_days) {
    auto records = history.day_records(day);
    if (!records) {
      return records.error();
    }
    week.push_back({day, std::move(records.value())});
  }
  return week;
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
  auto counts = history.keyword_counts(trend_days);
  if (!counts) {
    return counts.error();
  }
  auto week_records = read_week_days(history, week_days);
  if (!week_records) {
    return week_records.error();
  }
  RunRollups rollups;
  if (output.trends_enabled) {
    counts->push_back(count_keywords(day, records));
    rollups.files.push_back({trends_path(workspace), render_trends_svg(keyword_trends(*counts))});
    rollups.trends = true;
  }
  if (weekly) {
    week_records->push_back({day, records});
    const WeeklyRollup rollup = weekly_rollup(
        *week, *week_records, static_cast<std::size_t>(std::max(output.weekly_papers, 1)));
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
  auto days = read_week_days(history, archived_days_of(week, history.days()));
  if (!days) {
    return days.error();
  }
  return weekly_rollup(
      week, *days, static_cast<std::size_t>(std::max(workspace.config.output.weekly_papers, 1)));
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
