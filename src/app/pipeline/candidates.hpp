#pragma once
// What `run`, `rank` and `explain` share: the selection settings a config implies, and "today".

#include <string>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest::app {

SelectionOptions selection_options(const Config& config, const std::string& today);

// The digest's date: --date if given; else, offline, the newest feed's own date (a captured day
// replays as that day, so days_back keeps its papers); else the clock's UTC date.
std::string choose_today(const std::string& date_option, const std::string& newest_feed_date,
                         Clock& clock);

}  // namespace arxiv_digest::app
