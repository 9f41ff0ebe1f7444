#include "app/pipeline/candidates.hpp"

#include <spdlog/spdlog.h>

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

}  // namespace arxiv_digest::app
