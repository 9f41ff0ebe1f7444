#include "app/backfill/oai_backfill.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "app/http/polite_http_client.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/arxiv_urls.hpp"
#include "arxiv_digest/oai_pmh.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

// A day's announcement is made the evening before its digest, New York time, so its records may
// carry the previous day's datestamp; asking from two days earlier never misses them (records
// outside the range are dropped after reading).
constexpr int kFromMarginDays = 2;

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void add_once(std::vector<std::string>& list, const std::string& value) {
  if (!contains(list, value)) {
    list.push_back(value);
  }
}

Result<OaiPage> fetch_oai_page(const std::string& url, const SourceConfig& source,
                               HttpClient& http) {
  auto response = http.send(arxiv_request(url, source));
  if (!response) {
    return response.error();
  }
  if (response->status != 200) {
    return Error{ErrorCode::http_status, url + ": HTTP " + std::to_string(response->status)};
  }
  return parse_oai_page(response->body, url);
}

class OaiHarvest {
 public:
  OaiHarvest(BackfillState& state, const std::string& state_path, const Workspace& workspace,
             HistoryStore& history, Ports& ports)
      : state_(state),
        state_path_(state_path),
        config_(workspace.config),
        history_(history),
        ports_(ports),
        http_(ports.http, ports.clock, arxiv_politeness(config_.source)),
        last_day_(state.last_day()) {}

  Harvest run() {
    bool restarted = false;  // a restart after an expired token, with no page done since
    while (!state_.harvested() && !out_.failure) {
      const std::string url = next_url();
      auto page = fetch_oai_page(url, config_.source, http_);
      if (!page) {
        out_.failure = page.error();
      } else if (page->error) {
        on_oai_error(*page->error, url, restarted);
      } else {
        restarted = false;
        on_page(std::move(page.value()), url);
      }
    }
    return std::move(out_);
  }

 private:
  const std::string& set() const { return state_.sets[state_.set_index]; }

  std::string next_url() const {
    return state_.token.empty()
               ? oai_list_records_url(config_.source.oai_base_url, set(), state_.from)
               : oai_resume_url(config_.source.oai_base_url, state_.token);
  }

  void on_oai_error(const OaiError& error, const std::string& url, bool& restarted) {
    if (error.code == "noRecordsMatch") {
      spdlog::info("backfill: set {}: no records (noRecordsMatch)", set());
      next_set();
      save();
      return;
    }
    if (error.code == "badResumptionToken" && !state_.token.empty() && !restarted) {
      restarted = true;
      if (!state_.last_datestamp.empty()) {
        state_.from = state_.last_datestamp;
      }
      note("set " + set() + ": the resumption token was refused (" + error.message +
           "); tokens expire, so the set restarts from " + state_.from);
      state_.token.clear();
      save();
      return;
    }
    out_.failure =
        Error{ErrorCode::feed_error, url + ": OAI-PMH error " + error.code + ": " + error.message};
  }

  void on_page(OaiPage page, const std::string& url) {
    for (const auto& skipped : page.skipped) {
      note(url + ": " + skipped.where + ": " + skipped.reason);
    }
    for (const auto& record : page.records) {
      state_.last_datestamp = std::max(state_.last_datestamp, record.datestamp);
    }
    const long long filed = file_records(page.records);
    if (out_.failure) {
      return;  // the state still points at this page: the next backfill reads it again
    }
    state_.records += static_cast<long long>(page.records.size());
    state_.papers += filed;
    ++state_.pages;
    out_.records += static_cast<long long>(page.records.size());
    out_.papers += filed;
    ++out_.pages;
    spdlog::info("backfill: set {}, page {}: {} records, {} candidates filed", set(), state_.pages,
                 page.records.size(), filed);
    const std::string token = page.resumption_token.value_or("");
    if (token.empty()) {
      next_set();
    } else {
      state_.token = token;
    }
    save();
  }

  void next_set() {
    ++state_.set_index;
    state_.token.clear();
    state_.last_datestamp.clear();
    state_.from = add_days(state_.since, -kFromMarginDays);
  }

  // Files the page's papers into their days; returns how many joined a day's candidates.
  long long file_records(const std::vector<OaiRecord>& records) {
    std::map<std::string, std::vector<Paper>> by_day;
    for (const auto& record : records) {
      if (auto dated = backfill_paper(record, config_.categories, state_.since, last_day_)) {
        by_day[dated->day].push_back(std::move(dated->paper));
      }
    }
    if (!claim_days(by_day)) {
      return 0;
    }
    long long filed = 0;
    for (auto& [day, papers] : by_day) {
      auto added = file_day(day, std::move(papers));
      if (!added) {
        out_.failure = added.error();
        return filed;
      }
      filed += *added;
    }
    return filed;
  }

  // Drops the days that are real digests and makes the new ones this backfill's, saved before
  // any of them is written. False when the state could not be saved.
  bool claim_days(std::map<std::string, std::vector<Paper>>& by_day) {
    bool claimed = false;
    for (auto it = by_day.begin(); it != by_day.end();) {
      const std::string& day = it->first;
      if (contains(state_.days, day)) {
        ++it;
      } else if (std::binary_search(history_.days().begin(), history_.days().end(), day)) {
        if (!contains(out_.days_kept, day)) {
          out_.days_kept.push_back(day);
          spdlog::info("backfill: {} is already in the archive; left as it is", day);
        }
        it = by_day.erase(it);
      } else {
        state_.days.insert(std::upper_bound(state_.days.begin(), state_.days.end(), day), day);
        claimed = true;
        ++it;
      }
    }
    return !claimed || save();
  }

  Result<long long> file_day(const std::string& day, std::vector<Paper> papers) {
    auto shown = shown_before(history_, day, papers);
    if (!shown) {
      return shown.error();
    }
    Selection ranked = select_papers(std::move(papers), *shown, selection_options(config_, day));
    auto records = history_.day_records(day);
    if (!records) {
      return records.error();
    }
    const std::size_t before = records->size();
    auto merged = merge_into_day(std::move(records.value()), std::move(ranked.candidates), day,
                                 config_.max_papers);
    const auto added = static_cast<long long>(merged.size() - before);
    if (added == 0) {
      return 0;
    }
    if (auto written = history_.write_day(day, merged); !written) {
      return written.error();
    }
    add_once(out_.days_written, day);
    return added;
  }

  bool save() {
    state_.updated_at = iso8601_utc(ports_.clock.now());
    if (auto saved = ports_.fs.write_atomic(state_path_, write_backfill_state(state_)); !saved) {
      out_.failure = saved.error();
      return false;
    }
    return true;
  }

  void note(std::string text) {
    spdlog::warn("backfill: {}", text);
    out_.notes.push_back(std::move(text));
  }

  BackfillState& state_;
  const std::string& state_path_;
  const Config& config_;
  HistoryStore& history_;
  Ports& ports_;
  PoliteHttpClient http_;
  const std::string last_day_;
  Harvest out_;
};

}  // namespace

std::string backfill_state_path(const Workspace& workspace) {
  return workspace.resolve(workspace.config.output.state_dir) + "/backfill.json";
}

Result<std::optional<BackfillState>> load_backfill_state(FileSystem& fs, const std::string& path) {
  if (!fs.exists(path)) {
    return std::optional<BackfillState>{};
  }
  auto text = fs.read(path);
  if (!text) {
    return text.error();
  }
  auto state = parse_backfill_state(*text, path);
  if (!state) {
    return state.error();
  }
  return std::optional<BackfillState>{std::move(state.value())};
}

BackfillState new_backfill(const Config& config, const std::string& since, const std::string& until,
                           const std::vector<std::string>& sets, bool summarize, Clock& clock) {
  BackfillState state;
  state.since = since;
  state.until = until;
  state.sets = sets.empty() ? oai_sets(config.categories) : sets;
  state.from = add_days(since, -kFromMarginDays);
  state.summarize = summarize;
  state.started_at = state.updated_at = iso8601_utc(clock.now());
  return state;
}

Harvest harvest_oai(BackfillState& state, const std::string& state_path, const Workspace& workspace,
                    HistoryStore& history, Ports& ports) {
  return OaiHarvest(state, state_path, workspace, history, ports).run();
}

}  // namespace arxiv_digest::app
