#include "core/date.hpp"

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

std::optional<std::string> format_date(int year, int month, int day) {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || year < 1000 || year > 9999) {
    return std::nullopt;
  }
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return std::string(buffer.data());
}

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  const auto year = to_int(text.substr(0, 4));
  const auto month = to_int(text.substr(5, 2));
  const auto day = to_int(text.substr(8, 2));
  return year && month && day && format_date(*year, *month, *day).has_value();
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
  const auto day = to_int(text.substr(0, sp1));
  const auto month_name = text.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto year_end = text.find(' ', sp2 + 1);
  const auto year = to_int(text.substr(
      sp2 + 1, year_end == std::string_view::npos ? std::string_view::npos : year_end - sp2 - 1));
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
  const int year = *to_int(date.substr(0, 4));
  const int month = *to_int(date.substr(5, 2));
  const int day = *to_int(date.substr(8, 2));
  const std::chrono::sys_days base = std::chrono::year_month_day{
      std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
      std::chrono::day{static_cast<unsigned>(day)}};
  const std::chrono::year_month_day moved{base + std::chrono::days{days}};
  return *format_date(static_cast<int>(moved.year()), static_cast<int>(unsigned(moved.month())),
                      static_cast<int>(unsigned(moved.day())));
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
