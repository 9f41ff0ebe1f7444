#include "arxiv_digest/run_status.hpp"

#include <nlohmann/json.hpp>

#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

json stats_json(const SelectionStats& s) {
  return json{{"announcements", s.announcements}, {"unique_papers", s.unique_papers},
              {"wrong_type", s.wrong_type},       {"too_old", s.too_old},
              {"already_shown", s.already_shown}, {"excluded", s.excluded},
              {"no_keyword", s.no_keyword},       {"below_min_score", s.below_min_score},
              {"candidates", s.candidates},       {"selected", s.selected}};
}

json source_json(const SourceStatus& source) {
  json skipped = json::array();
  for (const auto& item : source.skipped) {
    skipped.push_back(json{{"where", item.where}, {"reason", item.reason}});
  }
  json j{{"name", source.name},
         {"items", source.items},
         {"bytes", source.bytes},
         {"feed_date", source.feed_date},
         {"skipped", skipped}};
  if (source.http_status != 0) {
    j["http_status"] = source.http_status;
    j["not_modified"] = source.not_modified;
  }
  j["error"] = source.error.empty() ? json(nullptr) : json(source.error);
  return j;
}

std::string plural(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace

std::string_view to_string(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::ok:
      return "ok";
    case RunOutcome::nothing:
      return "nothing_new";
    case RunOutcome::partial:
      return "partial";
    case RunOutcome::failed:
      return "failed";
  }
  return "unknown";
}

namespace {

json summary_stats_json(const SummaryStats& s) {
  json unsummarized = json::array();
  for (const auto& paper : s.not_summarized) {
    unsummarized.push_back(json{{"id", paper.id}, {"reason", paper.reason}});
  }
  json out{{"cached", s.cached},
           {"summarized", s.summarized},
           {"requests", s.requests},
           {"retries", s.retries},
           {"prompt_tokens", s.prompt_tokens},
           {"completion_tokens", s.completion_tokens},
           {"not_summarized", unsummarized},
           {"notes", s.notes}};
  if (s.batch != BatchStats{}) {  // sync-mode status files stay as they were
    const BatchStats& b = s.batch;
    out["batch"] = {{"submitted", b.submitted},         {"collected", b.collected},
                    {"summarized", b.summarized},       {"pending", b.pending},
                    {"sync_fallback", b.sync_fallback}, {"requests", b.requests},
                    {"prompt_tokens", b.prompt_tokens}, {"completion_tokens", b.completion_tokens}};
  }
  return out;
}

}  // namespace

std::string write_run_status(const RunStatus& status) {
  json sources = json::array();
  for (const auto& source : status.sources) {
    sources.push_back(source_json(source));
  }
  json j{{"started_at", status.started_at},
         {"digest_date", status.digest_date},
         {"outcome", to_string(status.outcome)},
         {"sources", sources},
         {"selection", stats_json(status.selection)},
         {"summaries", status.summaries},
         {"summary_stats", summary_stats_json(status.summary_stats)},
         {"duration_ms", status.duration_ms},
         {"message", status.message},
         {"status_line", status_line(status)}};
  if (!status.deliveries.empty()) {
    nlohmann::json deliveries = nlohmann::json::array();
    for (const DeliveryStatus& delivery : status.deliveries) {
      deliveries.push_back({{"channel", delivery.channel},
                            {"outcome", delivery.outcome},
                            {"messages", delivery.messages},
                            {"detail", delivery.detail}});
    }
    j["deliveries"] = deliveries;
  }
  if (!status.warnings.empty()) {  // files of runs without warnings stay as they were
    j["warnings"] = status.warnings;
  }
  if (!status.weekly.empty()) {  // so are those of runs that wrote no roll-up
    j["weekly"] = status.weekly;
  }
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string status_line(const RunStatus& status) {
  std::size_t items = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  for (const auto& source : status.sources) {
    items += source.items;
    skipped += source.skipped.size();
    failed += source.error.empty() ? 0 : 1;
  }
  const auto& s = status.selection;
  std::string line = status.digest_date + ": ";
  if (!status.sources.empty()) {  // `summarize` reads no feed
    line += plural(items, "item") + " from " + plural(status.sources.size(), "source");
    if (failed > 0) {
      line += " (" + std::to_string(failed) + " failed)";
    }
    line += ", ";
  }
  line += plural(s.unique_papers, "paper") + ", " + std::to_string(s.candidates) + " matched, " +
          std::to_string(s.selected) + " shown";
  if (s.already_shown > 0) {
    line += ", " + std::to_string(s.already_shown) + " already shown earlier";
  }
  if (skipped > 0) {
    line += ", " + plural(skipped, "malformed item") + " skipped";
  }
  if (!status.summaries.empty()) {
    line += "; " + status.summaries;
  }
  if (!status.weekly.empty()) {
    line += "; " + status.weekly;
  }
  if (!status.warnings.empty()) {
    line += "; " + plural(status.warnings.size(), "warning") + " (see state/last_run.json)";
  }
  std::vector<std::string> failed_deliveries;
  for (const DeliveryStatus& delivery : status.deliveries) {
    if (delivery.outcome == "failed") {
      failed_deliveries.push_back(delivery.channel + " (" + delivery.detail + ")");
    }
  }
  if (!failed_deliveries.empty()) {
    line += "; delivery failed: " + join(failed_deliveries, ", ");
  }
  if (!status.message.empty()) {
    line += ". " + status.message;
  }
  return line;
}

}  // namespace arxiv_digest
