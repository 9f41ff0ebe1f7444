#pragma once
// MemoryHistoryIndex: the HistoryIndex port in memory, for app tests over MemoryFileSystem. It
// answers like SqliteHistoryIndex (tests/db/history_index_contract_test.cpp holds both to one
// contract), except that related() scores every indexed paper instead of a search's best ones.
// Faults: fail_next() makes the next call fail with the given Error (a damaged index is
// ErrorCode::malformed_input); open() of a path marked corrupt fails until reset().

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "arxiv_digest/history_index.hpp"

namespace arxiv_digest::testing {

class MemoryHistoryIndex final : public HistoryIndex {
 public:
  Result<void> open(const std::string& path) override;
  Result<void> reset() override;
  Result<std::vector<ArchiveStamp>> stamps() override;
  using HistoryIndex::put_day;
  Result<void> put_day(const ArchiveStamp& stamp, const std::vector<ArchiveRecord>& records,
                       const std::vector<std::string_view>& lines) override;
  Result<void> restamp(const std::vector<ArchiveStamp>& stamps) override;
  Result<void> remove_day(const std::string& day) override;
  Result<ShownHistory> shown_before(const std::string& day,
                                    const std::vector<std::string>& ids) override;
  Result<std::vector<ArchiveRecord>> day_records(const std::string& day) override;
  Result<std::vector<DayKeywordCounts>> keyword_counts(
      const std::vector<std::string>& days) override;
  Result<std::optional<Summary>> find_summary(const SummaryKey& key,
                                              const std::string& preferred_day) override;
  Result<std::vector<RelatedPaper>> related(const Paper& paper,
                                            const RelatedOptions& options) override;

  // Test setup and inspection.
  void fail_next(Error error) { failure_ = std::move(error); }
  void corrupt(const std::string& path) { corrupt_.insert(path); }
  const std::string& path() const { return path_; }
  std::size_t puts() const { return puts_; }      // put_day() calls so far
  std::size_t resets() const { return resets_; }  // reset() calls so far

 private:
  struct Day {
    ArchiveStamp stamp;
    std::vector<ArchiveRecord> records;
  };
  std::optional<Error> take_failure();

  std::string path_;
  std::map<std::string, std::map<std::string, Day>> indexes_;  // by path, then by day
  std::set<std::string> corrupt_;
  std::optional<Error> failure_;
  std::size_t puts_ = 0;
  std::size_t resets_ = 0;
};

}  // namespace arxiv_digest::testing
