#pragma once
// HistoryIndex: the fourth port, a derived index of the archive (data/YYYY-MM-DD.jsonl) that
// answers what a run asks of history without reading the archive: was this paper shown before,
// is there a cached summary for this key, which archived papers are like this one. The archive
// stays the source of truth; the index can always be deleted and rebuilt from it with identical
// answers (app/history/history_store.hpp keeps it in step).
//
// The real one is SQLite (src/db/sqlite_history_index.hpp); tests use
// tests/fakes/memory_history_index.hpp; tests/db/history_index_contract_test.cpp holds both to
// the same contract. Errors: ErrorCode::malformed_input for an index that is not one (corrupt,
// truncated, another format version: reset() then starts over), ErrorCode::io for a file that
// cannot be opened or written, ErrorCode::timeout when another process holds it too long.
// Not thread-safe: one run, one thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/related_papers.hpp"
#include "arxiv_digest/result.hpp"
#include "arxiv_digest/selection.hpp"
#include "arxiv_digest/trends.hpp"

namespace arxiv_digest {

// Which version of an archive file an indexed day came from: the file's stat and a hash of its
// bytes (content_hash), so a checkout that touched every file is told apart from a real change.
struct ArchiveStamp {
  std::string day;  // YYYY-MM-DD
  FileStat file;
  std::string hash;  // "" for records staged before their file is written
  bool operator==(const ArchiveStamp&) const = default;
};

// The summary cache key (DESIGN "cache"): id, version, model, prompt hash and input mode.
struct SummaryKey {
  std::string id;
  int version = 1;
  std::string model;
  std::string prompt_hash;
  std::string input_mode;
  bool operator==(const SummaryKey&) const = default;
};

class HistoryIndex {
 public:
  virtual ~HistoryIndex() = default;

  // Opens the index at `path`, creating it (and its folder) when missing. Must come first.
  virtual Result<void> open(const std::string& path) = 0;
  // Throws away whatever is at the opened path and starts an empty index there.
  virtual Result<void> reset() = 0;

  // Every indexed day with the stamp it was indexed from, by day.
  virtual Result<std::vector<ArchiveStamp>> stamps() = 0;
  // Replaces all that is known of `stamp.day` by `records` (in archive order), at once.
  // `lines[i]` is the archive line records[i] was read from or written as (without the newline),
  // which the caller has at hand: the index keeps it as the record's text. As many lines as
  // records (the fake index checks it).
  virtual Result<void> put_day(const ArchiveStamp& stamp, const std::vector<ArchiveRecord>& records,
                               const std::vector<std::string_view>& lines) = 0;
  // The same, writing the lines here.
  Result<void> put_day(const ArchiveStamp& stamp, const std::vector<ArchiveRecord>& records);
  // Records new stamps for indexed days whose content did not change (after a checkout, every
  // day at once).
  virtual Result<void> restamp(const std::vector<ArchiveStamp>& stamps) = 0;
  virtual Result<void> remove_day(const std::string& day) = 0;

  // For each of `ids` ranked in a digest of a day before `day`: the highest version shown.
  virtual Result<ShownHistory> shown_before(const std::string& day,
                                            const std::vector<std::string>& ids) = 0;
  // The records of one day, in archive order (none when the day is not indexed).
  virtual Result<std::vector<ArchiveRecord>> day_records(const std::string& day) = 0;
  // The keyword counts of each of `days` (count_keywords of its records, kept when the day was
  // put), in the order asked; a day not indexed counts nothing. What the trends picture needs,
  // without reading the days' records.
  virtual Result<std::vector<DayKeywordCounts>> keyword_counts(
      const std::vector<std::string>& days) = 0;
  // A summary stored under `key`: from `preferred_day` if it has one, else the earliest day.
  virtual Result<std::optional<Summary>> find_summary(const SummaryKey& key,
                                                      const std::string& preferred_day) = 0;
  // Up to options.top_k indexed papers (records with an abstract) most like `paper`, with their
  // TF-IDF cosine similarity (related_papers.hpp) above options.min_similarity, best first, ties
  // by id; never `paper` itself (any version), each id once. The real index looks among the
  // papers that share the most telling terms with `paper` (terms in at most 100 papers), so on a
  // large archive a paper whose similarity is all in common words may be passed over.
  virtual Result<std::vector<RelatedPaper>> related(const Paper& paper,
                                                    const RelatedOptions& options) = 0;
};

inline Result<void> HistoryIndex::put_day(const ArchiveStamp& stamp,
                                          const std::vector<ArchiveRecord>& records) {
  const std::string text = write_archive(records);
  return put_day(stamp, records, archive_lines(text));
}

}  // namespace arxiv_digest
