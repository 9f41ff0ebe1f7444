#include "arxiv_digest/iso_week.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/util/date.hpp"

namespace arxiv_digest {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// `date` as a day count; only called on is_iso_date text.
sys_days week_date_days(std::string_view date) {
  auto number = [&](std::size_t at, std::size_t length) {
    unsigned value = 0;
    std::from_chars(date.data() + at, date.data() + at + length, value);
    return value;
  };
  return std::chrono::year_month_day{std::chrono::year{static_cast<int>(number(0, 4))},
                                     std::chrono::month{number(5, 2)},
                                     std::chrono::day{number(8, 2)}};
}

// Monday = 1 ... Sunday = 7.
int weekday_number(sys_days day) {
  return static_cast<int>(std::chrono::weekday{day}.iso_encoding());
}

IsoWeek week_of(sys_days day) {
  // A week belongs to the year of its Thursday.
  const sys_days thursday = day + days{4 - weekday_number(day)};
  const std::chrono::year_month_day ymd{thursday};
  const sys_days january_first = ymd.year() / 1 / 1;
  return {static_cast<int>(ymd.year()),
          static_cast<int>((thursday - january_first).count() / 7) + 1};
}

sys_days monday_of(IsoWeek week) {
  const sys_days january_fourth = std::chrono::year{week.year} / 1 / 4;  // always in week 1
  return january_fourth - days{weekday_number(january_fourth) - 1} + days{7 * (week.week - 1)};
}

}  // namespace

std::optional<IsoWeek> parse_iso_week(std::string_view text) {
  if (text.size() != 8 || text.substr(4, 2) != "-W") {
    return std::nullopt;
  }
  auto digits = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int value = 0;
    const char* begin = text.data() + at;
    for (std::size_t i = 0; i < length; ++i) {
      if (begin[i] < '0' || begin[i] > '9') {
        return std::nullopt;
      }
    }
    std::from_chars(begin, begin + length, value);
    return value;
  };
  const auto year = digits(0, 4);
  const auto week = digits(6, 2);
  // The first and last supported years keep only the weeks wholly inside them.
  if (!year || !week || *year < 1001 || *year > 9998 || *week < 1 ||
      *week > iso_weeks_in_year(*year)) {
    return std::nullopt;
  }
  return IsoWeek{*year, *week};
}

std::string to_string(IsoWeek week) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-W%02d", week.year, week.week);
  return buffer.data();
}

std::optional<IsoWeek> iso_week_of(std::string_view date) {
  if (!is_iso_date(date)) {
    return std::nullopt;
  }
  return week_of(week_date_days(date));
}

int iso_weeks_in_year(int year) { return week_of(std::chrono::year{year} / 12 / 28).week; }

std::vector<std::string> iso_week_days(IsoWeek week) {
  std::vector<std::string> out;
  const sys_days monday = monday_of(week);
  for (int i = 0; i < 7; ++i) {
    out.push_back(iso_date(monday + days{i}).value_or(""));
  }
  return out;
}

std::optional<int> iso_weekday(std::string_view date) {
  if (!is_iso_date(date)) {
    return std::nullopt;
  }
  return weekday_number(week_date_days(date));
}

}  // namespace arxiv_digest
