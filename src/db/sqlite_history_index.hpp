#pragma once
// SqliteHistoryIndex: the HistoryIndex port over one SQLite file (state/index/history.sqlite by
// default), in WAL mode so a reader never blocks on a writer and a crash never leaves half a
// transaction. Built in main only.
//
// Tables: `days` (the stamp each day was indexed from), `records` (each archive line as written,
// by day and line), `shown` lookups through a partial index on ranked records, `summaries` (the
// cache key of every summarized record), `copies` (every record with an abstract) and, for
// related papers, `papers` + the FTS5 table `paper_text`: one document per paper id, the copy
// with the highest version (the latest day on a tie), so a paper listed on several days counts
// once, whatever order the days were indexed in. Its `ascii` tokenizer splits text as
// tfidf_terms does. Each document's term counts are kept with it (papers.terms) and each term's
// document frequency in `terms`, both updated with the document: an FTS5 vocabulary lookup
// costs a statement preparation per term.
//
// related(): the query's 16 most telling terms (highest tf-idf) are OR-ed into an FTS5 query;
// the 24 best documents by bm25 (ties by id) are scored by TF-IDF cosine (rank_related), so the
// work grows with the query, not with the archive.
//
// Format: PRAGMA application_id marks the file as ours and user_version holds kSchemaVersion;
// a file that is not ours, another version, or damaged is ErrorCode::malformed_input (the
// history store then reset()s and rebuilds it). Waiting on another process's lock is bounded by
// `busy_limit` on the Clock, then ErrorCode::timeout.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "arxiv_digest/history_index.hpp"
#include "db/sqlite_connection.hpp"

namespace arxiv_digest::db {

class SqliteHistoryIndex final : public HistoryIndex {
 public:
  static constexpr int kSchemaVersion = 1;

  explicit SqliteHistoryIndex(Clock& clock,
                              std::chrono::milliseconds busy_limit = std::chrono::seconds(60));
  ~SqliteHistoryIndex() override;

  Result<void> open(const std::string& path) override;
  Result<void> reset() override;
  Result<std::vector<ArchiveStamp>> stamps() override;
  Result<void> put_day(const ArchiveStamp& stamp,
                       const std::vector<ArchiveRecord>& records) override;
  Result<void> restamp(const ArchiveStamp& stamp) override;
  Result<void> remove_day(const std::string& day) override;
  Result<ShownHistory> shown_before(const std::string& day,
                                    const std::vector<std::string>& ids) override;
  Result<std::vector<ArchiveRecord>> day_records(const std::string& day) override;
  Result<std::optional<Summary>> find_summary(const SummaryKey& key,
                                              const std::string& preferred_day) override;
  Result<std::vector<RelatedPaper>> related(const Paper& paper,
                                            const RelatedOptions& options) override;

 private:
  Result<void> connect();
  Result<void> check_or_create_schema();
  Result<void> replace_day(const ArchiveStamp* stamp, const std::string& day,
                           const std::vector<ArchiveRecord>& records);
  Result<void> refresh_paper(const std::string& id, std::map<std::string, int>& frequency_change);
  Result<void> change_frequencies(const std::map<std::string, int>& changes);
  Result<Corpus> corpus();

  Clock& clock_;
  std::chrono::milliseconds busy_limit_;
  std::string path_;
  std::unique_ptr<Connection> connection_;
  // Document frequencies looked up since the last write.
  std::unordered_map<std::string, std::size_t> document_frequency_;
  std::optional<std::size_t> documents_;
  // Term counts of documents read since the last write, by papers.doc.
  std::unordered_map<std::int64_t, TermCounts> document_terms_;
};

}  // namespace arxiv_digest::db
