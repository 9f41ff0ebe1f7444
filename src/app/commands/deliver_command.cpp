#include "app/commands/deliver_command.hpp"

#include <spdlog/spdlog.h>

#include "app/delivery/delivery_stage.hpp"
#include "app/history/history_store.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/delivery.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest::app {
namespace {

bool is_channel(const std::string& name) {
  for (const std::string_view channel : kDeliveryChannels) {
    if (channel == name) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> channel_names() {
  return {std::begin(kDeliveryChannels), std::end(kDeliveryChannels)};
}

}  // namespace

ExitCode deliver(const DeliverOptions& options, Ports& ports, std::ostream& out) {
  if (!options.date.empty() && !is_iso_date(options.date)) {
    spdlog::error("--date {}: expected a date as YYYY-MM-DD", options.date);
    return ExitCode::usage;
  }
  if (!options.channel.empty() && !is_channel(options.channel)) {
    spdlog::error("--channel {}: expected one of {}", options.channel,
                  quoted_list(channel_names()));
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  if (!has_delivery(workspace->config.delivery)) {
    spdlog::info("no channel is configured (add a delivery section to {})", options.config_path);
    return ExitCode::ok;
  }
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failed;
  }
  auto day = chosen_archive_day(options.date, *history);
  if (!day) {
    spdlog::error("{}", day.error().message);
    return ExitCode::failed;
  }
  auto records = history->day_records(*day);
  if (!records) {
    spdlog::error("{}", records.error().message);
    return ExitCode::failed;
  }
  if (records->empty()) {
    spdlog::error("no archive for {} ({})", *day, history->archive_path(*day));
    return ExitCode::failed;
  }
  const DeliveryRequest request{*day,        options.channel,      options.dry_run,
                                options.env, options.smtp_ca_file, std::chrono::seconds(30)};
  const Deliveries deliveries = deliver_digest(*records, request, *workspace, ports);
  out << deliveries.dry_run_text;
  if (!options.channel.empty() && deliveries.channels.empty()) {
    spdlog::error("--channel {}: not configured in {}", options.channel, options.config_path);
    return ExitCode::usage;
  }
  return any_failed(deliveries.channels) ? ExitCode::partial : ExitCode::ok;
}

}  // namespace arxiv_digest::app
