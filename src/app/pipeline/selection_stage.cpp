#include "app/pipeline/selection_stage.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "core/util/date.hpp"

namespace arxiv_digest::app {

SelectionOptions selection_options(const Config& config, const std::string& today) {
  SelectionOptions options;
  options.keywords = config.keywords;
  options.exclude_keywords = config.exclude_keywords;
  options.match = config.match;
  options.announce_types = config.announce_types;
  options.today = today;
  options.days_back = config.days_back;
  options.min_score = config.min_score;
  options.max_papers = config.max_papers;
  return options;
}

std::string choose_today(const std::string& date_option, const std::string& newest_feed_date,
                         Clock& clock) {
  if (!date_option.empty()) {
    return date_option;
  }
  if (!newest_feed_date.empty()) {
    spdlog::info("digest date {} (newest feed date; pass --date to choose another)",
                 newest_feed_date);
    return newest_feed_date;
  }
  return utc_date(clock.now());
}

Result<ShownHistory> shown_before(HistoryStore& history, const std::string& day,
                                  const std::vector<Paper>& announcements) {
  std::set<std::string> unique;
  for (const auto& paper : announcements) {
    unique.insert(paper.id);
  }
  return history.shown_before(day, {unique.begin(), unique.end()});
}

Result<std::vector<ArchiveRecord>> digest_records(const Selection& selection,
                                                  const std::string& day, HistoryStore& history) {
  std::vector<ArchiveRecord> records = archive_records(selection, day);
  auto earlier = history.day_records(day);
  if (!earlier) {
    return earlier.error();
  }
  for (auto& record : records) {
    for (const auto& old : *earlier) {
      if (old.summary && old.paper.id == record.paper.id &&
          old.paper.version == record.paper.version) {
        record.summary = old.summary;
      }
    }
  }
  return records;
}

Result<DigestSelection> select_digest(std::vector<Paper> announcements, const std::string& day,
                                      const Config& config, HistoryStore& history) {
  auto shown = shown_before(history, day, announcements);
  if (!shown) {
    return shown.error();
  }
  DigestSelection result;
  result.selection =
      select_papers(std::move(announcements), *shown, selection_options(config, day));
  auto records = digest_records(result.selection, day, history);
  if (!records) {
    return records.error();
  }
  result.records = std::move(records.value());
  return result;
}

}  // namespace arxiv_digest::app
