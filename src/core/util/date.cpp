#include "core/util/date.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace arxiv_digest {
namespace {

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// The ranges are checked on the ints first: std::chrono::day and month keep only 8 bits, so
// day 257 would pass ok() as day 1 and then be printed as 257.
std::optional<std::string> format_date(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return std::string(buffer.data());
}

// `text` when it is 1 to `max_digits` ASCII digits (no sign, no spaces), as a number.
std::optional<int> to_digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return to_int(text);
}

constexpr std::chrono::sys_days kFirstDate{std::chrono::year{1000} / 1 / 1};
constexpr std::chrono::sys_days kLastDate{std::chrono::year{9999} / 12 / 31};

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  const auto year = to_digits(text.substr(0, 4), 4);
  const auto month = to_digits(text.substr(5, 2), 2);
  const auto day = to_digits(text.substr(8, 2), 2);
  return year && month && day && format_date(*year, *month, *day).has_value();
}

std::optional<std::string> iso_date(std::chrono::sys_days day) {
  // Compared as day counts before any calendar conversion, which would wrap far outside.
  if (day < kFirstDate || day > kLastDate) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{day};
  return format_date(static_cast<int>(ymd.year()), static_cast<int>(unsigned{ymd.month()}),
                     static_cast<int>(unsigned{ymd.day()}));
}

std::optional<std::string> rfc822_date(std::string_view text) {
  // [Day, ]DD Mon YYYY ...
  if (const auto comma = text.find(','); comma != std::string_view::npos) {
    text.remove_prefix(comma + 1);
  }
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  const auto sp1 = text.find(' ');
  if (sp1 == std::string_view::npos) {
    return std::nullopt;
  }
  const auto sp2 = text.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) {
    return std::nullopt;
  }
  // RFC 5322 3.3: day is 1*2DIGIT, year 4*DIGIT; only four digits are a date we can write.
  const auto day = to_digits(text.substr(0, sp1), 2);
  const auto month_name = text.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto year_end = text.find(' ', sp2 + 1);
  const auto year =
      to_digits(text.substr(sp2 + 1, year_end == std::string_view::npos ? std::string_view::npos
                                                                        : year_end - sp2 - 1),
                4);
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (month_name == kMonths[i] && day && year) {
      return format_date(*year, static_cast<int>(i) + 1, *day);
    }
  }
  return std::nullopt;
}

std::optional<std::string> iso8601_date(std::string_view text) {
  if (text.size() < 10 || !is_iso_date(text.substr(0, 10))) {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') {
    return std::nullopt;
  }
  return std::string(text.substr(0, 10));
}

std::string add_days(std::string_view date, int days) {
  if (!is_iso_date(date)) {
    return std::string(date);
  }
  const std::chrono::sys_days base = std::chrono::year_month_day{
      std::chrono::year{*to_int(date.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(*to_int(date.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(*to_int(date.substr(8, 2)))}};
  // Saturates at the first and last supported dates: no supported date lies beyond them, so a
  // days_back window cut there holds exactly the dates the true one would.
  const std::chrono::sys_days moved =
      std::clamp(base + std::chrono::days{days}, kFirstDate, kLastDate);
  return *iso_date(moved);
}

namespace {

std::string format_time(std::chrono::system_clock::time_point time, const char* format) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{seconds - days};
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), format, static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer.data();
}

}  // namespace

std::string utc_timestamp(std::chrono::system_clock::time_point time) {
  return format_time(time, "%04d-%02u-%02u %02d:%02d:%02d UTC");
}

std::string utc_date(std::chrono::system_clock::time_point time) {
  return utc_timestamp(time).substr(0, 10);
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  return format_time(time, "%04d-%02u-%02uT%02d:%02d:%02dZ");
}

}  // namespace arxiv_digest

namespace arxiv_digest {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDayNames = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

template <std::size_t N>
bool is_one_of(std::string_view text, const std::array<std::string_view, N>& names) {
  for (const auto name : names) {
    if (text == name) {
      return true;
    }
  }
  return false;
}

// Exactly `count` ASCII digits at the front of `text`, consumed.
std::optional<int> take_digits(std::string_view& text, std::size_t count) {
  if (text.size() < count) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  text.remove_prefix(count);
  return value;
}

bool take(std::string_view& text, std::string_view literal) {
  if (text.substr(0, literal.size()) != literal) {
    return false;
  }
  text.remove_prefix(literal.size());
  return true;
}

std::optional<unsigned> take_month(std::string_view& text) {
  for (std::size_t i = 0; i < kMonthNames.size(); ++i) {
    if (take(text, kMonthNames[i])) {
      return static_cast<unsigned>(i) + 1;
    }
  }
  return std::nullopt;
}

struct TimeOfDay {
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
};

// "08:49:37"; 60 seconds is a leap second, as RFC 9110's grammar allows.
std::optional<TimeOfDay> take_time(std::string_view& text) {
  const auto hours = take_digits(text, 2);
  if (!hours || !take(text, ":")) {
    return std::nullopt;
  }
  const auto minutes = take_digits(text, 2);
  if (!minutes || !take(text, ":")) {
    return std::nullopt;
  }
  const auto seconds = take_digits(text, 2);
  if (!seconds || *hours > 23 || *minutes > 59 || *seconds > 60) {
    return std::nullopt;
  }
  return TimeOfDay{*hours, *minutes, *seconds};
}

// In seconds: system_clock counts nanoseconds on libstdc++, which reach only 1677-2262, and an
// HTTP-date may have any four-digit year.
std::optional<std::chrono::sys_seconds> make_time(int year, unsigned month, int day,
                                                  TimeOfDay time) {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return std::chrono::sys_days{ymd} + std::chrono::hours{time.hours} +
         std::chrono::minutes{time.minutes} + std::chrono::seconds{time.seconds};
}

// "06 Nov 1994 08:49:37 GMT" (after "Sun, ").
std::optional<std::chrono::sys_seconds> imf_fixdate(std::string_view text) {
  const auto day = take_digits(text, 2);
  if (!day || !take(text, " ")) {
    return std::nullopt;
  }
  const auto month = take_month(text);
  if (!month || !take(text, " ")) {
    return std::nullopt;
  }
  const auto year = take_digits(text, 4);
  if (!year || !take(text, " ")) {
    return std::nullopt;
  }
  const auto time = take_time(text);
  if (!time || text != " GMT") {
    return std::nullopt;
  }
  return make_time(*year, *month, *day, *time);
}

// "06-Nov-94 08:49:37 GMT" (after "Sunday, ").
std::optional<std::chrono::sys_seconds> rfc850_date(std::string_view text,
                                                    std::chrono::system_clock::time_point now) {
  const auto day = take_digits(text, 2);
  if (!day || !take(text, "-")) {
    return std::nullopt;
  }
  const auto month = take_month(text);
  if (!month || !take(text, "-")) {
    return std::nullopt;
  }
  const auto two_digit_year = take_digits(text, 2);
  if (!two_digit_year || !take(text, " ")) {
    return std::nullopt;
  }
  const auto time = take_time(text);
  if (!time || text != " GMT") {
    return std::nullopt;
  }
  const int this_year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
  int year = this_year / 100 * 100 + *two_digit_year;
  if (year > this_year + 50) {
    year -= 100;
  } else if (year < this_year - 50) {
    year += 100;
  }
  return make_time(year, *month, *day, *time);
}

// "Nov  6 08:49:37 1994" (after "Sun ").
std::optional<std::chrono::sys_seconds> asctime_date(std::string_view text) {
  const auto month = take_month(text);
  if (!month || !take(text, " ")) {
    return std::nullopt;
  }
  const bool padded = take(text, " ");
  const auto day = take_digits(text, padded ? 1 : 2);
  if (!day || !take(text, " ")) {
    return std::nullopt;
  }
  const auto time = take_time(text);
  if (!time || !take(text, " ")) {
    return std::nullopt;
  }
  const auto year = take_digits(text, 4);
  if (!year || !text.empty()) {
    return std::nullopt;
  }
  return make_time(*year, *month, *day, *time);
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text,
                                                        std::chrono::system_clock::time_point now) {
  if (const auto comma = text.find(", "); comma != std::string_view::npos) {
    const auto day_name = text.substr(0, comma);
    const auto rest = text.substr(comma + 2);
    if (is_one_of(day_name, kDayNames)) {
      return imf_fixdate(rest);
    }
    if (is_one_of(day_name, kLongDayNames)) {
      return rfc850_date(rest, now);
    }
    return std::nullopt;
  }
  if (text.size() > 4 && text[3] == ' ' && is_one_of(text.substr(0, 3), kDayNames)) {
    return asctime_date(text.substr(4));
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
  value = trim_spaces(value);
  if (value.empty()) {
    return std::nullopt;
  }
  // Clamp absurd waits (and anything too long to convert) to about 31 years.
  constexpr long long kMaxSeconds = 1'000'000'000;
  constexpr std::chrono::milliseconds kMaxWait{kMaxSeconds * 1000};
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    long long seconds = 0;
    for (const char c : value) {
      seconds = std::min(kMaxSeconds, seconds * 10 + (c - '0'));
    }
    return std::chrono::milliseconds{seconds * 1000};
  }
  const auto date = parse_http_date(value, now);
  if (!date) {
    return std::nullopt;
  }
  // In milliseconds, never in `now`'s nanoseconds: any four-digit year is in range there. The date
  // is whole seconds, so rounding the wait up is rounding `now` down.
  const auto from = std::chrono::floor<std::chrono::milliseconds>(now);
  const auto until = std::chrono::time_point_cast<std::chrono::milliseconds>(*date);
  if (until <= from) {
    return std::chrono::milliseconds{0};
  }
  return std::min(until - from, kMaxWait);
}

std::string rfc5322_date(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::weekday weekday{days};
  const std::chrono::hh_mm_ss hms{seconds - days};
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04d %02d:%02d:%02d +0000",
                std::string(kDayNames[weekday.iso_encoding() - 1]).c_str(),
                static_cast<unsigned>(ymd.day()),
                std::string(kMonthNames[static_cast<unsigned>(ymd.month()) - 1]).c_str(),
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer.data();
}

}  // namespace arxiv_digest
