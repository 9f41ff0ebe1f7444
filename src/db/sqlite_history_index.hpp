#pragma once
// SqliteHistoryIndex: the HistoryIndex port over one SQLite file (state/index/history.sqlite by
// default), in WAL mode so a reader never blocks on a writer and a crash never leaves half a
// transaction. Built in main only.
//
// Tables: `days` (the stamp each day was indexed from), `records` (each archive line as written,
// by day and line), `shown` lookups through a partial index on ranked records, `summaries` (the
// cache key of every summarized record), `copies` (every record with an abstract) and, for
// related papers, `papers`: one document per paper id, the copy with the highest version (the
// latest day on a tie), so a paper listed on several days counts once, whatever order the days
// were indexed in. Each document's term counts (tfidf_terms) are kept with it (papers.terms),
// its distinct terms in `term_index` (a contentless FTS5 table with detail=none: an inverted
// index that is written as small segments and merged a bounded amount per write, where a
// B-tree keyed by term would dirty a page per new posting) and each term's document frequency in
// `terms`, all updated with the document in one transaction.
//
// related(): the query's 8 most telling terms (highest tf-idf) among those in at most 100
// documents are looked up in term_index; each document found scores the sum of its telling
// terms' query weight times idf, and the 12 best (ties by id) are scored by the full TF-IDF
// cosine (rank_related). A term's posting list is bounded, so the work grows with the query, not
// with the archive. (bm25 over title and abstract served first: a ranked MATCH cost ~6,000
// instructions per row and its merges of positional data made some days' commits 20x dearer.)
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
  static constexpr int kSchemaVersion = 2;

  explicit SqliteHistoryIndex(Clock& clock,
                              std::chrono::milliseconds busy_limit = std::chrono::seconds(60));
  ~SqliteHistoryIndex() override;

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

 private:
  // Drops what was read since the last write (the corpus, cached candidates): it may be stale.
  void forget_reads();
  Result<void> connect();
  Result<void> check_or_create_schema();
  Result<void> replace_day(const ArchiveStamp* stamp, const std::string& day,
                           const std::vector<ArchiveRecord>& records,
                           const std::vector<std::string_view>& lines);
  Result<void> refresh_paper(const std::string& id, std::map<std::string, int>& frequency_change);
  Result<void> change_frequencies(const std::map<std::string, int>& changes);
  Result<Corpus> corpus();
  Result<std::vector<RelatedCandidate>> best_candidates(
      const std::unordered_map<std::int64_t, double>& score);
  Result<std::string> paper_id(std::int64_t doc);
  Result<const RelatedCandidate*> read_candidate(std::int64_t doc);

  Clock& clock_;
  std::chrono::milliseconds busy_limit_;
  std::string path_;
  std::unique_ptr<Connection> connection_;
  // Document frequencies looked up since the last write.
  std::unordered_map<std::string, std::size_t> document_frequency_;
  std::optional<std::size_t> documents_;
  // Documents read as candidates since the last write, by papers.doc.
  std::unordered_map<std::int64_t, RelatedCandidate> candidate_cache_;
  // Paper ids of documents tied for the last scored place, by papers.doc.
  std::unordered_map<std::int64_t, std::string> doc_ids_;
};

}  // namespace arxiv_digest::db
