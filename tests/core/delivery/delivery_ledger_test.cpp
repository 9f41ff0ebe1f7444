#include "arxiv_digest/delivery_ledger.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace arxiv_digest {
namespace {

using Action = DeliveryPlan::Action;

DeliveryEntry entry(std::string date, std::string channel, std::string hash, std::size_t sent,
                    std::size_t total) {
  return {std::move(date), std::move(channel),    std::move(hash), sent,
          total,           "2026-02-12T06:47:03Z"};
}

TEST(DeliveryLedger, RoundTripsThroughItsFile) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "slack", "abc", 2, 2));
  record_delivery(ledger, entry("2026-02-12", "email", "abc", 0, 1));
  const std::string text = write_delivery_ledger(ledger);
  EXPECT_THAT(text, ::testing::HasSubstr("\"channel\": \"slack\""));
  EXPECT_EQ(text.back(), '\n');
  const auto again = parse_delivery_ledger(text, "state/deliveries.json");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, ledger);
}

TEST(DeliveryLedger, NeverSentIsSentFromTheFirstMessage) {
  EXPECT_EQ(plan_delivery({}, "2026-02-12", "slack", "abc", false),
            (DeliveryPlan{Action::send, 0}));
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-11", "slack", "abc", 1, 1));  // another day
  record_delivery(ledger, entry("2026-02-12", "email", "abc", 1, 1));  // another channel
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "abc", false).action, Action::send);
}

TEST(DeliveryLedger, TheSameDigestIsNotSentTwice) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "slack", "abc", 3, 3));
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "abc", false).action, Action::delivered);
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "abc", true).action, Action::delivered);
}

TEST(DeliveryLedger, AHalfSentDigestResumesAtItsFirstUnsentMessage) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "discord", "abc", 2, 5));
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "discord", "abc", false),
            (DeliveryPlan{Action::resume, 2}));
}

TEST(DeliveryLedger, AChangedDigestIsSentAgainOnlyWhenAsked) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "slack", "old", 1, 1));
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "new", false).action, Action::changed);
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "new", true),
            (DeliveryPlan{Action::send, 0}));
}

TEST(DeliveryLedger, NothingSentYetCountsAsNeverSent) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "slack", "old", 0, 2));
  EXPECT_EQ(plan_delivery(ledger, "2026-02-12", "slack", "new", false).action, Action::send);
}

TEST(DeliveryLedger, RecordingReplacesTheEntryOfTheSameDayAndChannel) {
  DeliveryLedger ledger;
  record_delivery(ledger, entry("2026-02-12", "slack", "abc", 1, 3));
  record_delivery(ledger, entry("2026-02-12", "slack", "abc", 3, 3));
  ASSERT_EQ(ledger.entries.size(), 1U);
  EXPECT_EQ(ledger.entries[0].sent, 3U);
}

TEST(DeliveryLedger, KeepsOnlyTheNewestEntries) {
  DeliveryLedger ledger;
  for (std::size_t i = 0; i < kLedgerEntries + 5; ++i) {
    record_delivery(ledger, entry("day" + std::to_string(i), "slack", "h", 1, 1));
  }
  const auto again = parse_delivery_ledger(write_delivery_ledger(ledger), "t");
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->entries.size(), kLedgerEntries);
  EXPECT_EQ(again->entries.front().date, "day5");
}

TEST(DeliveryLedger, ABadFileIsNamedWithWhatIsWrong) {
  const auto not_json = parse_delivery_ledger("{\"deliveries\": [", "state/deliveries.json");
  ASSERT_FALSE(not_json.has_value());
  EXPECT_THAT(not_json.error().message, ::testing::StartsWith("state/deliveries.json: byte"));
  const auto missing = parse_delivery_ledger(
      R"({"deliveries": [{"date": "2026-02-12", "channel": "slack", "sent": 1, "total": 1}]})",
      "state/deliveries.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "state/deliveries.json: missing field \"hash\"");
  const auto impossible = parse_delivery_ledger(
      R"({"deliveries": [{"date": "d", "channel": "slack", "hash": "h", "sent": 3, "total": 1}]})",
      "s");
  ASSERT_FALSE(impossible.has_value());
  EXPECT_EQ(impossible.error().message, "s: d slack: sent is more than total");
}

// get<std::size_t>() wrapped -1 round to 18446744073709551615 messages and truncated 2.5 to 2.
TEST(DeliveryLedger, CountsThatAreNotWholeNonNegativeNumbersAreErrors) {
  const auto ledger = [](const std::string& sent) {
    return parse_delivery_ledger(R"({"deliveries": [{"date": "d", "channel": "slack", )"
                                 R"("hash": "h", "total": 3, "sent": )" +
                                     sent + "}]}",
                                 "s");
  };
  EXPECT_EQ(ledger("-1").error().message, R"(s: "sent": expected an integer ≥ 0, got -1)");
  EXPECT_EQ(ledger("2.5").error().message, R"(s: "sent": expected an integer ≥ 0, got 2.5)");
  EXPECT_EQ(ledger("1e300").error().message, R"(s: "sent": expected an integer ≥ 0, got 1e+300)");
  const auto fine = ledger("2");
  ASSERT_TRUE(fine.has_value()) << fine.error().message;
  EXPECT_EQ(fine->entries.at(0).sent, 2u);
}

}  // namespace
}  // namespace arxiv_digest
