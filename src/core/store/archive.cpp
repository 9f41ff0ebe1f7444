#include "arxiv_digest/archive.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "core/store/paper_json.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

json record_to_json(const ArchiveRecord& record) {
  json j = record.paper;
  j["digest_date"] = record.digest_date;
  j["rank"] = record.rank ? json(*record.rank) : json(nullptr);
  j["summary"] = record.summary ? json(*record.summary) : json(nullptr);
  if (!record.related.empty()) {  // lines of earlier versions and of candidates stay as they were
    j["related"] = record.related;
  }
  return j;
}

ArchiveRecord record_from_json(const json& j) {
  ArchiveRecord record;
  record.paper = j.get<Paper>();
  record.digest_date = j.at("digest_date").get<std::string>();
  record.rank = optional_integer_member(j, "rank", 1, std::numeric_limits<int>::max());
  if (const auto it = j.find("summary"); it != j.end() && !it->is_null()) {
    record.summary = it->get<Summary>();
  }
  if (const auto it = j.find("related"); it != j.end() && !it->is_null()) {
    record.related = it->get<std::vector<RelatedPaper>>();
  }
  return record;
}

}  // namespace

ArchiveRecord archived_form(ArchiveRecord record) {
  if (!record.rank) {
    Paper& paper = record.paper;
    paper.abstract.clear();
    paper.pdf_link.clear();
    paper.license.clear();
    paper.doi.clear();
    paper.journal_ref.clear();
    paper.comment.clear();
    paper.updated.clear();
    record.related.clear();
  }
  return record;
}

std::string write_archive(const std::vector<ArchiveRecord>& records) {
  std::string out;
  for (const auto& record : records) {
    out +=
        record_to_json(archived_form(record)).dump(-1, ' ', false, json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

std::vector<std::string_view> archive_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

ArchiveDay read_archive_day(std::string_view jsonl, std::string_view source_name) {
  ArchiveDay day;
  std::size_t line_number = 0;
  while (!jsonl.empty()) {
    ++line_number;
    const auto newline = jsonl.find('\n');
    const std::string_view line = jsonl.substr(0, newline);
    jsonl.remove_prefix(newline == std::string_view::npos ? jsonl.size() : newline + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    const std::string where = std::string(source_name) + ":" + std::to_string(line_number);
    auto record = parse_json_document<ArchiveRecord>(line, where, record_from_json);
    if (!record) {
      day.skipped.push_back({where, record.error().message});
      continue;
    }
    day.records.push_back(std::move(record.value()));
    day.lines.push_back(line);
  }
  return day;
}

Result<std::vector<ArchiveRecord>> parse_archive(std::string_view jsonl,
                                                 std::string_view source_name) {
  ArchiveDay day = read_archive_day(jsonl, source_name);
  if (!day.skipped.empty()) {
    return Error{ErrorCode::malformed_input, day.skipped.front().reason};
  }
  return std::move(day.records);
}

std::vector<ArchiveRecord> archive_records(const Selection& selection, const std::string& date) {
  std::vector<ArchiveRecord> records;
  records.reserve(selection.candidates.size());
  for (std::size_t i = 0; i < selection.candidates.size(); ++i) {
    ArchiveRecord record;
    record.digest_date = date;
    if (i < selection.selected) {
      record.rank = static_cast<int>(i) + 1;
    }
    record.paper = selection.candidates[i];
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<ArchiveRecord> merge_into_day(std::vector<ArchiveRecord> records,
                                          std::vector<Paper> ranked, const std::string& date,
                                          int max_papers) {
  std::set<std::string> ids;
  for (const auto& record : records) {
    ids.insert(record.paper.id);
  }
  for (auto& paper : ranked) {
    if (ids.insert(paper.id).second) {
      ArchiveRecord record;
      record.digest_date = date;
      record.paper = std::move(paper);
      records.push_back(std::move(record));
    }
  }
  std::stable_sort(
      records.begin(), records.end(),
      [](const ArchiveRecord& a, const ArchiveRecord& b) { return a.paper.score > b.paper.score; });
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].rank = i < static_cast<std::size_t>(std::max(0, max_papers))
                          ? std::optional<int>(static_cast<int>(i) + 1)
                          : std::nullopt;
  }
  return records;
}

void add_shown(const std::vector<ArchiveRecord>& records, ShownHistory& shown) {
  for (const auto& record : records) {
    if (!record.rank) {
      continue;
    }
    auto [it, inserted] = shown.emplace(record.paper.id, record.paper.version);
    if (!inserted && it->second < record.paper.version) {
      it->second = record.paper.version;
    }
  }
}

std::string write_papers_json(const std::vector<Paper>& papers) {
  json out = json::array();
  for (std::size_t i = 0; i < papers.size(); ++i) {
    json paper = papers[i];
    paper["rank"] = i + 1;
    out.push_back(std::move(paper));
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<const ArchiveRecord*> ranked_records(const std::vector<ArchiveRecord>& records) {
  std::vector<const ArchiveRecord*> ranked;
  for (const auto& record : records) {
    if (record.rank) {
      ranked.push_back(&record);
    }
  }
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const ArchiveRecord* a, const ArchiveRecord* b) { return *a->rank < *b->rank; });
  return ranked;
}

}  // namespace arxiv_digest
