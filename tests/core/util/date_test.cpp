#include "core/util/date.hpp"

#include <gtest/gtest.h>

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

TEST(RetryAfter, RejectsGarbage) {
  for (const char* text : {"", "  ", "-1", "1.5", "2s", "soon", "Thu, 12 Feb 2026"}) {
    EXPECT_EQ(parse_retry_after(text, kNow), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace arxiv_digest
