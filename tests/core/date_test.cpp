#include "core/date.hpp"

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
