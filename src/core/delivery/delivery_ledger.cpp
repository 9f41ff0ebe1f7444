#include "arxiv_digest/delivery_ledger.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

bool same_delivery(const DeliveryEntry& entry, std::string_view date, std::string_view channel) {
  return entry.date == date && entry.channel == channel;
}

}  // namespace

Result<DeliveryLedger> parse_delivery_ledger(std::string_view text, std::string_view source_name) {
  return parse_json_document<DeliveryLedger>(text, source_name, [](const json& document) {
    if (!document.is_object()) {
      throw JsonShapeError("expected an object {\"deliveries\": [...]}");
    }
    DeliveryLedger ledger;
    for (const json& item : document.at("deliveries")) {
      DeliveryEntry entry;
      entry.date = item.at("date").get<std::string>();
      entry.channel = item.at("channel").get<std::string>();
      entry.hash = item.at("hash").get<std::string>();
      constexpr auto kMost = std::numeric_limits<std::size_t>::max();
      entry.sent = integer_member(item, "sent", std::size_t{0}, kMost);
      entry.total = integer_member(item, "total", std::size_t{0}, kMost);
      entry.at = item.value("at", std::string());
      if (entry.sent > entry.total) {
        throw JsonShapeError(entry.date + " " + entry.channel + ": sent is more than total");
      }
      ledger.entries.push_back(std::move(entry));
    }
    return ledger;
  });
}

std::string write_delivery_ledger(const DeliveryLedger& ledger) {
  json deliveries = json::array();
  const std::size_t skip =
      ledger.entries.size() > kLedgerEntries ? ledger.entries.size() - kLedgerEntries : 0;
  for (std::size_t i = skip; i < ledger.entries.size(); ++i) {
    const DeliveryEntry& entry = ledger.entries[i];
    deliveries.push_back({{"date", entry.date},
                          {"channel", entry.channel},
                          {"hash", entry.hash},
                          {"sent", entry.sent},
                          {"total", entry.total},
                          {"at", entry.at}});
  }
  return json{{"deliveries", deliveries}}.dump(2, ' ', false, json::error_handler_t::replace) +
         "\n";
}

DeliveryPlan plan_delivery(const DeliveryLedger& ledger, std::string_view date,
                           std::string_view channel, std::string_view hash, bool resend_on_update) {
  const auto found =
      std::find_if(ledger.entries.rbegin(), ledger.entries.rend(),
                   [&](const DeliveryEntry& entry) { return same_delivery(entry, date, channel); });
  if (found == ledger.entries.rend() || found->sent == 0) {
    return {DeliveryPlan::Action::send, 0};
  }
  if (found->hash == hash) {
    return found->sent >= found->total ? DeliveryPlan{DeliveryPlan::Action::delivered, 0}
                                       : DeliveryPlan{DeliveryPlan::Action::resume, found->sent};
  }
  // Other content than was sent: the reader already has a digest for this day.
  return resend_on_update ? DeliveryPlan{DeliveryPlan::Action::send, 0}
                          : DeliveryPlan{DeliveryPlan::Action::changed, 0};
}

void record_delivery(DeliveryLedger& ledger, DeliveryEntry entry) {
  std::erase_if(ledger.entries, [&](const DeliveryEntry& old) {
    return same_delivery(old, entry.date, entry.channel);
  });
  ledger.entries.push_back(std::move(entry));
}

}  // namespace arxiv_digest
