// Every reader of a date or time from outside (feed dates, ISO dates, HTTP-dates, Retry-After)
// and the conversions computed from them, checked against std::chrono: a date that is accepted
// is a supported one, writes back as itself, and moves by add_days as the calendar does.

#include <algorithm>
#include <climits>
#include <cstring>

#include "core/util/date.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace std::chrono;
using arxiv_digest::is_iso_date;

constexpr sys_days kFuzzFirst{year{1000} / 1 / 1};
constexpr sys_days kFuzzLast{year{9999} / 12 / 31};
const system_clock::time_point kFuzzNow = sys_days{year{2026} / 2 / 12} + hours{6};

// A supported YYYY-MM-DD as days, the independent way.
sys_days days_of(std::string_view iso) {
  const auto number = [&](std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (const char c : iso.substr(at, count)) {
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value;
  };
  const year_month_day ymd{year{static_cast<int>(number(0, 4))}, month{number(5, 2)},
                           day{number(8, 2)}};
  FUZZ_CHECK(ymd.ok());
  return sys_days{ymd};
}

void check_iso(const std::string& iso) {
  FUZZ_CHECK(is_iso_date(iso));
  const sys_days base = days_of(iso);
  FUZZ_CHECK(arxiv_digest::iso_date(base) == iso);
  for (const int step : {0, 1, -1, 7, -7, 31, -366, 3'000'000, -3'000'000, INT_MAX, INT_MIN}) {
    const std::string moved = arxiv_digest::add_days(iso, step);
    FUZZ_CHECK(is_iso_date(moved));
    // In long long: base + INT_MAX days is past what an int of days holds.
    const long long target = static_cast<long long>(base.time_since_epoch().count()) + step;
    const long long first = kFuzzFirst.time_since_epoch().count();
    const long long last = kFuzzLast.time_since_epoch().count();
    const long long expected = std::clamp(target, first, last);
    FUZZ_CHECK(days_of(moved).time_since_epoch().count() == expected);
  }
}

void check_http_date(std::string_view text) {
  const auto parsed = arxiv_digest::parse_http_date(text, kFuzzNow);
  if (!parsed) {
    return;
  }
  const auto day = floor<days>(*parsed);
  if (day < sys_days{year{1970} / 1 / 1} || day >= sys_days{year{2200} / 1 / 1}) {
    return;  // rfc5322_date takes a system_clock time point (nanoseconds end in 2262)
  }
  // The mail Date header is an IMF-fixdate with a numeric zone: it reads back to the same second.
  std::string imf = arxiv_digest::rfc5322_date(system_clock::time_point{*parsed});
  FUZZ_CHECK(imf.ends_with(" +0000"));
  imf.replace(imf.size() - 5, 5, "GMT");
  FUZZ_CHECK(arxiv_digest::parse_http_date(imf, kFuzzNow) == parsed);
}

void check_time_point(const std::uint8_t* data, std::size_t size) {
  if (size < sizeof(std::int64_t)) {
    return;
  }
  std::int64_t seconds_value = 0;
  std::memcpy(&seconds_value, data, sizeof seconds_value);
  // Within system_clock's range (about 1678-2262) and the supported years.
  const std::int64_t limit = 7'000'000'000;
  if (seconds_value < -limit || seconds_value > limit) {
    return;
  }
  const system_clock::time_point time{seconds{seconds_value}};
  const std::string date = arxiv_digest::utc_date(time);
  const std::string iso = arxiv_digest::iso8601_utc(time);
  FUZZ_CHECK(arxiv_digest::iso8601_date(iso) == date);
  FUZZ_CHECK(arxiv_digest::utc_timestamp(time).starts_with(date));
  FUZZ_CHECK(arxiv_digest::iso_date(floor<days>(time)) == date);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = arxiv_digest::fuzz::as_text(data, size);
  if (is_iso_date(text)) {
    check_iso(std::string(text));
  }
  if (const auto date = arxiv_digest::rfc822_date(text)) {
    check_iso(*date);
  }
  if (const auto date = arxiv_digest::iso8601_date(text)) {
    check_iso(*date);
  }
  check_http_date(text);
  if (const auto wait = arxiv_digest::parse_retry_after(text, kFuzzNow)) {
    FUZZ_CHECK(wait->count() >= 0 && wait->count() <= 1'000'000'000'000);
  }
  check_time_point(data, size);
  return 0;
}
