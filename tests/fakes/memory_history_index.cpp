#include "fakes/memory_history_index.hpp"

#include <algorithm>

namespace arxiv_digest::testing {

std::optional<Error> MemoryHistoryIndex::take_failure() {
  std::optional<Error> failure = std::move(failure_);
  failure_.reset();
  return failure;
}

Result<void> MemoryHistoryIndex::open(const std::string& path) {
  path_ = path;
  if (auto failure = take_failure()) {
    return *failure;
  }
  if (corrupt_.count(path) != 0) {
    return Error{ErrorCode::malformed_input, path + ": not a sound index (file is not a database)"};
  }
  return {};
}

Result<void> MemoryHistoryIndex::reset() {
  ++resets_;
  corrupt_.erase(path_);
  indexes_.erase(path_);
  return {};
}

Result<std::vector<ArchiveStamp>> MemoryHistoryIndex::stamps() {
  if (auto failure = take_failure()) {
    return *failure;
  }
  std::vector<ArchiveStamp> out;
  for (const auto& [day, entry] : indexes_[path_]) {
    out.push_back(entry.stamp);
  }
  return out;
}

// The records are kept as they are; the lines are only checked to be as many (a caller's bug).
Result<void> MemoryHistoryIndex::put_day(const ArchiveStamp& stamp,
                                         const std::vector<ArchiveRecord>& records,
                                         const std::vector<std::string_view>& lines) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  if (lines.size() != records.size()) {
    return Error{ErrorCode::malformed_input, "records and lines differ in number"};
  }
  ++puts_;
  indexes_[path_][stamp.day] = Day{stamp, records};
  return {};
}

Result<void> MemoryHistoryIndex::restamp(const std::vector<ArchiveStamp>& stamps) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  auto& days = indexes_[path_];
  for (const auto& stamp : stamps) {
    if (const auto it = days.find(stamp.day); it != days.end()) {
      it->second.stamp = stamp;
    }
  }
  return {};
}

Result<void> MemoryHistoryIndex::remove_day(const std::string& day) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  indexes_[path_].erase(day);
  return {};
}

Result<ShownHistory> MemoryHistoryIndex::shown_before(const std::string& day,
                                                      const std::vector<std::string>& ids) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  const std::set<std::string> wanted(ids.begin(), ids.end());
  ShownHistory shown;
  for (const auto& [date, entry] : indexes_[path_]) {
    if (date >= day) {
      break;
    }
    for (const auto& record : entry.records) {
      if (record.rank && wanted.count(record.paper.id) != 0) {
        int& version = shown[record.paper.id];
        version = std::max(version, record.paper.version);
      }
    }
  }
  return shown;
}

Result<std::vector<ArchiveRecord>> MemoryHistoryIndex::day_records(const std::string& day) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  auto& days = indexes_[path_];
  const auto it = days.find(day);
  return it == days.end() ? std::vector<ArchiveRecord>{} : it->second.records;
}

Result<std::vector<DayKeywordCounts>> MemoryHistoryIndex::keyword_counts(
    const std::vector<std::string>& days) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  std::vector<DayKeywordCounts> out;
  for (const auto& day : days) {
    const auto it = indexes_[path_].find(day);
    out.push_back(count_keywords(
        day, it == indexes_[path_].end() ? std::vector<ArchiveRecord>{} : it->second.records));
  }
  return out;
}

Result<std::optional<Summary>> MemoryHistoryIndex::find_summary(const SummaryKey& key,
                                                                const std::string& preferred_day) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  auto matches = [&](const ArchiveRecord& record) {
    return record.summary && record.paper.id == key.id && record.paper.version == key.version &&
           record.summary->model == key.model && record.summary->prompt_hash == key.prompt_hash &&
           record.summary->input_mode == key.input_mode;
  };
  auto& days = indexes_[path_];
  if (const auto it = days.find(preferred_day); it != days.end()) {
    for (const auto& record : it->second.records) {
      if (matches(record)) {
        return record.summary;
      }
    }
  }
  for (const auto& [day, entry] : days) {
    for (const auto& record : entry.records) {
      if (matches(record)) {
        return record.summary;
      }
    }
  }
  return std::optional<Summary>();
}

Result<std::vector<RelatedPaper>> MemoryHistoryIndex::related(const Paper& paper,
                                                              const RelatedOptions& options) {
  if (auto failure = take_failure()) {
    return *failure;
  }
  // One document per id: the copy with the highest version, the latest day on a tie.
  std::map<std::string, const Paper*> best;
  for (const auto& [day, entry] : indexes_[path_]) {
    for (const auto& record : entry.records) {
      const Paper& copy = record.paper;
      if (copy.abstract.empty()) {
        continue;
      }
      const Paper*& kept = best[copy.id];
      if (kept == nullptr || kept->version <= copy.version) {
        kept = &copy;
      }
    }
  }
  std::vector<RelatedCandidate> candidates;
  std::map<std::string, std::size_t> frequency;
  for (const auto& [id, copy] : best) {
    RelatedCandidate candidate{
        {copy->id, copy->version, copy->title, copy->link, copy->published, 0.0},
        paper_terms(*copy)};
    for (const auto& [term, count] : candidate.terms) {
      ++frequency[term];
    }
    candidates.push_back(std::move(candidate));
  }
  const Corpus corpus{best.size(), [&](const std::string& term) {
                        const auto it = frequency.find(term);
                        return it == frequency.end() ? std::size_t{0} : it->second;
                      }};
  return rank_related(paper, paper_terms(paper), candidates, corpus, options);
}

}  // namespace arxiv_digest::testing
