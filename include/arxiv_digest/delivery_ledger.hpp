#pragma once
// state/deliveries.json: what was delivered, so that a rerun, a retried workflow or a later
// `batch collect` never sends the same digest twice.
//
//   {"deliveries": [{"date": "2026-02-12", "channel": "slack", "hash": "…", "sent": 2,
//                    "total": 2, "at": "2026-02-12T06:47:03Z"}]}
//
// A digest split into several messages is recorded after each one, so a delivery that failed
// half-way resumes at the first message not yet sent instead of repeating the others.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct DeliveryEntry {
  std::string date;       // the digest's date
  std::string channel;    // "email", "slack", ... (kDeliveryChannels)
  std::string hash;       // delivery_hash of what was sent
  std::size_t sent = 0;   // messages delivered so far
  std::size_t total = 0;  // messages of the digest
  std::string at;         // ISO 8601 UTC of the last message sent
  bool operator==(const DeliveryEntry&) const = default;
};

struct DeliveryLedger {
  std::vector<DeliveryEntry> entries;  // one per (date, channel), oldest first
  bool operator==(const DeliveryLedger&) const = default;
};

// Errors are malformed_input naming `source_name` and what was expected.
Result<DeliveryLedger> parse_delivery_ledger(std::string_view text, std::string_view source_name);
// Pretty JSON, trailing newline. Keeps the newest kLedgerEntries entries.
std::string write_delivery_ledger(const DeliveryLedger& ledger);
inline constexpr std::size_t kLedgerEntries = 2000;

// What to do with the digest `hash` of `date` on `channel`.
struct DeliveryPlan {
  enum class Action {
    send,       // never sent, or changed and resend_on_update: from message 0
    resume,     // the same digest, cut off after `first` messages: from there
    delivered,  // the same digest, every message sent: nothing
    changed,    // sent before with other content, and resend_on_update is off: nothing
  };
  Action action = Action::send;
  std::size_t first = 0;  // the first message to send
  bool operator==(const DeliveryPlan&) const = default;
};
DeliveryPlan plan_delivery(const DeliveryLedger& ledger, std::string_view date,
                           std::string_view channel, std::string_view hash, bool resend_on_update);

// Records that `entry.sent` of `entry.total` messages of that digest are delivered, replacing
// any earlier entry for the same date and channel.
void record_delivery(DeliveryLedger& ledger, DeliveryEntry entry);

}  // namespace arxiv_digest
