#include "arxiv_digest/backfill_state.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "core/util/date.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

constexpr int kBackfillStateVersion = 1;

std::vector<std::string> backfill_texts(const json& doc, const char* key) {
  std::vector<std::string> out;
  const auto it = doc.find(key);
  if (it == doc.end()) {
    return out;
  }
  if (!it->is_array()) {
    throw JsonShapeError(std::string(key) + " must be a list of strings");
  }
  for (const auto& item : *it) {
    if (!item.is_string()) {
      throw JsonShapeError(std::string(key) + " holds a non-string " + item.dump());
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// A count of the state: missing or null is 0; anything but a non-negative integer is refused,
// with `advice`.
long long backfill_count(const json& doc, const char* key, const std::string& advice) {
  try {
    return optional_integer_member(doc, key, 0LL, std::numeric_limits<long long>::max())
        .value_or(0);
  } catch (const JsonShapeError& e) {
    throw JsonShapeError(e.what() + advice);
  }
}

}  // namespace

std::string BackfillState::last_day() const {
  if (!until.empty() || started_at.size() < 10 || !is_iso_date(started_at.substr(0, 10))) {
    return until;
  }
  return add_days(started_at.substr(0, 10), -1);
}

std::string write_backfill_state(const BackfillState& state) {
  const json doc = {{"version", kBackfillStateVersion},
                    {"since", state.since},
                    {"until", state.until},
                    {"sets", state.sets},
                    {"set_index", state.set_index},
                    {"from", state.from},
                    {"token", state.token},
                    {"last_datestamp", state.last_datestamp},
                    {"days", state.days},
                    {"pages", state.pages},
                    {"records", state.records},
                    {"papers", state.papers},
                    {"summarize", state.summarize},
                    {"started_at", state.started_at},
                    {"updated_at", state.updated_at}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<BackfillState> parse_backfill_state(std::string_view text, std::string_view source_name) {
  const std::string advice = "; fix or delete the file to start the backfill over";
  return parse_json_document<BackfillState>(
      text, source_name, [&](const json& doc) -> Result<BackfillState> {
        if (!doc.is_object()) {
          throw JsonShapeError("expected a JSON object" + advice);
        }
        BackfillState state;
        state.since = member_text(doc, "since");
        state.until = member_text(doc, "until");
        state.sets = backfill_texts(doc, "sets");
        state.days = backfill_texts(doc, "days");
        if (!is_iso_date(state.since) || (!state.until.empty() && !is_iso_date(state.until))) {
          throw JsonShapeError("since and until must be dates as YYYY-MM-DD" + advice);
        }
        if (state.sets.empty()) {
          throw JsonShapeError("no sets to harvest" + advice);
        }
        const long long index = backfill_count(doc, "set_index", advice);
        if (static_cast<std::size_t>(index) > state.sets.size()) {
          throw JsonShapeError("set_index " + std::to_string(index) + " is not one of the " +
                               std::to_string(state.sets.size()) + " sets" + advice);
        }
        state.set_index = static_cast<std::size_t>(index);
        state.from = member_text(doc, "from");
        state.token = member_text(doc, "token");
        state.last_datestamp = member_text(doc, "last_datestamp");
        state.pages = backfill_count(doc, "pages", advice);
        state.records = backfill_count(doc, "records", advice);
        state.papers = backfill_count(doc, "papers", advice);
        const auto summarize = doc.find("summarize");
        state.summarize =
            summarize != doc.end() && summarize->is_boolean() && summarize->get<bool>();
        state.started_at = member_text(doc, "started_at");
        state.updated_at = member_text(doc, "updated_at");
        return state;
      });
}

}  // namespace arxiv_digest
