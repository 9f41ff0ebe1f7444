#pragma once
// ISO 8601 weeks ("2026-W07"): Monday to Sunday, week 1 being the one holding the year's first
// Thursday, so the last days of December can be in week 1 of the next year and the first days
// of January in week 52 or 53 of the previous one. Pure, over YYYY-MM-DD strings (date.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

struct IsoWeek {
  int year = 0;  // the ISO week-numbering year, not always the calendar year of its days
  int week = 0;  // 1..52 or 53
  auto operator<=>(const IsoWeek&) const = default;
};

// "2026-W07"; nullopt for anything else, including a week 53 of a year that has 52, and weeks
// whose days would leave the supported dates (date.hpp).
std::optional<IsoWeek> parse_iso_week(std::string_view text);

// "2026-W07" (the week always two digits).
std::string to_string(IsoWeek week);

// The week holding `date` (YYYY-MM-DD); nullopt when `date` is not is_iso_date.
std::optional<IsoWeek> iso_week_of(std::string_view date);

// 52 or 53: a year has 53 ISO weeks when its 28 December falls in week 53.
int iso_weeks_in_year(int year);

// The seven days of `week`, Monday first, as YYYY-MM-DD. `week` must come from parse_iso_week
// or iso_week_of.
std::vector<std::string> iso_week_days(IsoWeek week);

// 1 (Monday) to 7 (Sunday) for `date` (YYYY-MM-DD); nullopt when `date` is not is_iso_date.
std::optional<int> iso_weekday(std::string_view date);

}  // namespace arxiv_digest
