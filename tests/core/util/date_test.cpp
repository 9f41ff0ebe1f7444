#include "core/util/date.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace arxiv_digest {
namespace {

using namespace std::chrono;

TEST(Date, ReadsRfc822AsTheDateWritten) {
  EXPECT_EQ(rfc822_date("Thu, 12 Feb 2026 00:00:00 -0500"), "2026-02-12");
  EXPECT_EQ(rfc822_date("5 Oct 2025 23:59:59 +0000"), "2025-10-05");
  EXPECT_EQ(rfc822_date("Thu, 31 Feb 2026 00:00:00 -0500"), std::nullopt);
  EXPECT_EQ(rfc822_date("yesterday"), std::nullopt);
}

TEST(Date, ReadsIso8601DatePart) {
  EXPECT_EQ(iso8601_date("2022-02-24T15:05:19Z"), "2022-02-24");
  EXPECT_EQ(iso8601_date("2023-07-13T20:30:00-05:00"), "2023-07-13");
  EXPECT_EQ(iso8601_date("2023-13-01"), std::nullopt);
}

TEST(Date, ValidatesIsoDates) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2025-02-29"));
  EXPECT_FALSE(is_iso_date("2025-2-01"));
}

TEST(Date, AddsDaysAcrossMonthsAndYears) {
  EXPECT_EQ(add_days("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(add_days("2025-12-31", 1), "2026-01-01");
  EXPECT_EQ(add_days("2026-02-12", -7), "2026-02-05");
}

TEST(Date, Rfc822RejectsImpossibleDaysMonthsAndYears) {
  // std::chrono::day keeps 8 bits: 257 was taken for 1 and then written out as 257.
  EXPECT_EQ(rfc822_date("Thu, 257 Feb 2026 00:00:00 -0500"), std::nullopt);
  EXPECT_EQ(rfc822_date("Thu, -255 Feb 2026 00:00:00 -0500"), std::nullopt);
  for (const char* text :
       {"31 Apr 2026", "30 Feb 2026", "29 Feb 2025", "0 Feb 2026", "+5 Feb 2026", "012 Feb 2026",
        "5 Feb 02026", "5 Feb 26", "5 Feb 999", "5 Feb 10000", "5 Feb -2026"}) {
    EXPECT_EQ(rfc822_date(text), std::nullopt) << text;
  }
  EXPECT_EQ(rfc822_date("29 Feb 2024"), "2024-02-29");
  EXPECT_EQ(rfc822_date("Wed, 1 Jan 1000"), "1000-01-01");
  EXPECT_EQ(rfc822_date("Fri, 31 Dec 9999 23:59:59 +0000"), "9999-12-31");
}

TEST(Date, Iso8601RejectsImpossibleDates) {
  for (const char* text : {"2026-04-31T00:00:00Z", "2026-02-30T00:00:00Z", "2026-00-10",
                           "2026-02-00T00:00:00Z", "0999-12-31T00:00:00Z", "2026--1-01"}) {
    EXPECT_EQ(iso8601_date(text), std::nullopt) << text;
  }
  EXPECT_EQ(iso8601_date("1000-01-01T00:00:00Z"), "1000-01-01");
}

TEST(Date, IsIsoDateAcceptsOnlyRealDatesOfFourDigitYears) {
  EXPECT_TRUE(is_iso_date("1000-01-01"));
  EXPECT_TRUE(is_iso_date("9999-12-31"));
  for (const char* text : {"0999-12-31", "0000-01-01", "2026-04-31", "2026-02-30", "2026-00-01",
                           "2026-13-01", "2026-02-00", "2026--1-01", "2026-1 -01", "-999-01-01",
                           "2026-02-1x", "2026/02/12", "2026-02-123"}) {
    EXPECT_FALSE(is_iso_date(text)) << text;
  }
}

TEST(Date, AddsDaysWithoutLeavingTheSupportedDates) {
  // A feed dated in the year 1000 with a days_back window: 999 has no YYYY-MM-DD.
  EXPECT_EQ(add_days("1000-01-03", -7), "1000-01-01");
  EXPECT_EQ(add_days("1000-01-08", -7), "1000-01-01");
  EXPECT_EQ(add_days("1000-01-09", -7), "1000-01-02");
  EXPECT_EQ(add_days("9999-12-31", 1), "9999-12-31");
  EXPECT_EQ(add_days("9999-12-30", 1), "9999-12-31");
  EXPECT_EQ(add_days("2026-02-12", std::numeric_limits<int>::min()), "1000-01-01");
  EXPECT_EQ(add_days("2026-02-12", std::numeric_limits<int>::max()), "9999-12-31");
  EXPECT_EQ(add_days("not a date", -1), "not a date");
  EXPECT_EQ(add_days("2026-02-30", -1), "2026-02-30");
}

TEST(Date, WritesADayOnlyInsideTheSupportedDates) {
  EXPECT_EQ(iso_date(sys_days{year{1000} / 1 / 1}), "1000-01-01");
  EXPECT_EQ(iso_date(sys_days{year{9999} / 12 / 31}), "9999-12-31");
  EXPECT_EQ(iso_date(sys_days{year{2026} / 2 / 12}), "2026-02-12");
  EXPECT_EQ(iso_date(sys_days{year{999} / 12 / 31}), std::nullopt);
  EXPECT_EQ(iso_date(sys_days{year{10000} / 1 / 1}), std::nullopt);
  EXPECT_EQ(iso_date(sys_days::max()), std::nullopt);
  EXPECT_EQ(iso_date(sys_days::min()), std::nullopt);
}

TEST(Date, FormatsUtcTimestamps) {
  const auto t = sys_days{year{2026} / 2 / 12} + hours{6} + minutes{46} + seconds{51};
  EXPECT_EQ(utc_timestamp(t), "2026-02-12 06:46:51 UTC");
  EXPECT_EQ(utc_date(t), "2026-02-12");
  EXPECT_EQ(iso8601_utc(t + milliseconds{999}), "2026-02-12T06:46:51Z");
}

}  // namespace
}  // namespace arxiv_digest

namespace arxiv_digest {
namespace {

using namespace std::chrono;

const sys_seconds kNow = sys_days{year{2026} / 2 / 12} + hours{20};

TEST(HttpDate, ReadsImfFixdate) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", kNow),
            sys_days{year{1994} / 11 / 6} + hours{8} + minutes{49} + seconds{37});
}

TEST(HttpDate, ReadsObsoleteRfc850WithTheNearestCentury) {
  const auto expected = sys_days{year{1994} / 11 / 6} + hours{8} + minutes{49} + seconds{37};
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", kNow), expected);
  EXPECT_EQ(parse_http_date("Thursday, 12-Feb-26 20:00:02 GMT", kNow), kNow + seconds{2});
  // 2076 is 50 years ahead, not more: still this century.
  EXPECT_EQ(parse_http_date("Thursday, 12-Feb-76 20:00:00 GMT", kNow),
            sys_days{year{2076} / 2 / 12} + hours{20});
}

TEST(HttpDate, ReadsObsoleteAsctime) {
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994", kNow),
            sys_days{year{1994} / 11 / 6} + hours{8} + minutes{49} + seconds{37});
  EXPECT_EQ(parse_http_date("Thu Feb 12 20:00:05 2026", kNow), kNow + seconds{5});
}

// Seconds since the epoch, read without passing through system_clock's nanoseconds (which end in
// 2262), so that a wrapped conversion cannot compare equal to an equally wrapped expectation.
template <typename TimePoint>
long long epoch_seconds(const std::optional<TimePoint>& time) {
  return time ? floor<seconds>(*time).time_since_epoch().count() : -1;
}

long long epoch_seconds(sys_seconds time) { return time.time_since_epoch().count(); }

TEST(HttpDate, ReadsYearsFarFromNow) {
  EXPECT_EQ(epoch_seconds(parse_http_date("Sat, 06 Nov 9999 08:49:37 GMT", kNow)),
            253'397'494'177LL);
  EXPECT_EQ(epoch_seconds(parse_http_date("Fri Dec 31 23:59:59 9999", kNow)),
            epoch_seconds(sys_days{year{9999} / 12 / 31} + hours{23} + minutes{59} + seconds{59}));
  EXPECT_EQ(epoch_seconds(parse_http_date("Mon, 01 Jan 0001 00:00:00 GMT", kNow)),
            -62'135'596'800LL);
  EXPECT_EQ(epoch_seconds(parse_http_date("Sat, 01 Jan 0000 00:00:00 GMT", kNow)),
            epoch_seconds(sys_days{year{0} / 1 / 1}));
}

TEST(HttpDate, ReadsRfc850YearsPastTheNanosecondClock) {
  // A `now` near either end of system_clock puts the nearest century's year beyond it.
  const sys_seconds late = sys_days{year{2262} / 1 / 1};
  EXPECT_EQ(epoch_seconds(parse_http_date("Tuesday, 06-Nov-94 08:49:37 GMT", late)),
            epoch_seconds(sys_days{year{2294} / 11 / 6} + hours{8} + minutes{49} + seconds{37}));
  const sys_seconds early = sys_days{year{1677} / 10 / 1};
  EXPECT_EQ(epoch_seconds(parse_http_date("Friday, 01-Jan-27 00:00:00 GMT", early)),
            epoch_seconds(sys_days{year{1627} / 1 / 1}));
}

TEST(HttpDate, RejectsAnythingElse) {
  for (const char* text : {"", "soon", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37",
                           "Sun, 06 Nov 1994 08:49:37 UTC", "sun, 06 nov 1994 08:49:37 GMT",
                           "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                           "Sun, 06 Nov 1994 08:49:37 GMT extra", "Funday, 06-Nov-94 08:49:37 GMT",
                           "Sun Nov 6 08:49:37 1994", "2026-02-12T20:00:00Z"}) {
    EXPECT_EQ(parse_http_date(text, kNow), std::nullopt) << text;
  }
}

TEST(RetryAfter, ReadsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("2", kNow), milliseconds{2000});
  EXPECT_EQ(parse_retry_after(" 120 ", kNow), milliseconds{120000});
  EXPECT_EQ(parse_retry_after("0", kNow), milliseconds{0});
  EXPECT_EQ(parse_retry_after("99999999999999999999999", kNow),
            milliseconds{1'000'000'000LL * 1000});
}

TEST(RetryAfter, ReadsAnHttpDateAsAWaitFromNow) {
  EXPECT_EQ(parse_retry_after("Thu, 12 Feb 2026 20:00:07 GMT", kNow), milliseconds{7000});
  EXPECT_EQ(parse_retry_after("Thursday, 12-Feb-26 20:01:00 GMT", kNow), milliseconds{60000});
  EXPECT_EQ(parse_retry_after("Thu Feb 12 20:00:03 2026", kNow), milliseconds{3000});
  // A wait is never cut short: a fraction of a millisecond rounds up.
  EXPECT_EQ(parse_retry_after("Thu, 12 Feb 2026 20:00:07 GMT", kNow + microseconds{500}),
            milliseconds{7000});
}

TEST(RetryAfter, ADateInThePastMeansNoWait) {
  EXPECT_EQ(parse_retry_after("Thu, 12 Feb 2026 19:59:59 GMT", kNow), milliseconds{0});
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kNow), milliseconds{0});
}

TEST(RetryAfter, ClampsADistantDateToAbout31Years) {
  constexpr milliseconds kMaxWait{1'000'000'000LL * 1000};
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 9999 08:49:37 GMT", kNow), kMaxWait);
  EXPECT_EQ(parse_retry_after("Fri Dec 31 23:59:59 9999", kNow), kMaxWait);
  // 2294 is 32.8 years after `late`: only just clamped. 20 years is not.
  const sys_seconds late = sys_days{year{2262} / 1 / 1};
  EXPECT_EQ(parse_retry_after("Tuesday, 06-Nov-94 08:49:37 GMT", late), kMaxWait);
  EXPECT_EQ(parse_retry_after("Mon, 12 Feb 2046 20:00:00 GMT", kNow), seconds{631'152'000});
}

TEST(RetryAfter, ADateInTheDistantPastMeansNoWait) {
  EXPECT_EQ(parse_retry_after("Mon, 01 Jan 0001 00:00:00 GMT", kNow), milliseconds{0});
  EXPECT_EQ(parse_retry_after("Sat, 01 Jan 0000 00:00:00 GMT", kNow), milliseconds{0});
  const sys_seconds early = sys_days{year{1677} / 10 / 1};
  EXPECT_EQ(parse_retry_after("Friday, 01-Jan-27 00:00:00 GMT", early), milliseconds{0});
}

TEST(RetryAfter, RejectsGarbage) {
  for (const char* text : {"", "  ", "-1", "1.5", "2s", "soon", "Thu, 12 Feb 2026"}) {
    EXPECT_EQ(parse_retry_after(text, kNow), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace arxiv_digest
