#include "db/sqlite_history_index.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

namespace arxiv_digest::db {
namespace {

// "aDix": tells our index from any other SQLite file that happens to be at the path.
constexpr std::int64_t kApplicationId = 0x61446978;

// How many telling terms a related-papers query asks for, and how many documents it scores.
constexpr std::size_t kQueryTerms = 8;
constexpr std::size_t kScoredDocuments = 12;
// term_index pages merged after each write (FTS5 'merge').
constexpr int kMergePagesPerWrite = 64;
// The most documents a searched term may be in.
constexpr std::size_t kMaxSearchedFrequency = 100;

// Tables with long rows (records, copies) keep their rowid: WITHOUT ROWID packs rows larger than
// a small fraction of a page badly (twice the bytes here).
constexpr std::string_view kSchema = R"sql(
CREATE TABLE days(day TEXT PRIMARY KEY, size INTEGER NOT NULL, modified_ns INTEGER NOT NULL,
                  hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records(day TEXT NOT NULL, line INTEGER NOT NULL, id TEXT NOT NULL,
                     version INTEGER NOT NULL, ranked INTEGER NOT NULL, record TEXT NOT NULL,
                     PRIMARY KEY(day, line));
CREATE INDEX shown ON records(id, version) WHERE ranked = 1;
CREATE TABLE summaries(id TEXT NOT NULL, version INTEGER NOT NULL, model TEXT NOT NULL,
                       prompt_hash TEXT NOT NULL, input_mode TEXT NOT NULL, day TEXT NOT NULL,
                       line INTEGER NOT NULL,
                       PRIMARY KEY(id, version, model, prompt_hash, input_mode, day, line))
                       WITHOUT ROWID;
CREATE TABLE copies(id TEXT NOT NULL, day TEXT NOT NULL, version INTEGER NOT NULL,
                    title TEXT NOT NULL, abstract TEXT NOT NULL, link TEXT NOT NULL,
                    published TEXT NOT NULL, PRIMARY KEY(id, day));
CREATE INDEX copies_by_day ON copies(day);
CREATE TABLE papers(doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL,
                    link TEXT NOT NULL, published TEXT NOT NULL, title TEXT NOT NULL,
                    terms TEXT NOT NULL);
CREATE VIRTUAL TABLE term_index USING fts5(terms, content = '', detail = none,
                                           tokenize = 'ascii');
CREATE TABLE terms(term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE keyword_counts(day TEXT NOT NULL, keyword TEXT NOT NULL, papers INTEGER NOT NULL,
                            PRIMARY KEY(day, keyword)) WITHOUT ROWID;
)sql";

// A document's term counts as stored in papers.terms: "term count term count ..." (terms never
// hold a space), so scoring a candidate needs no second tokenization.
std::string encode_terms(const TermCounts& terms) {
  std::string out;
  for (const auto& [term, count] : terms) {
    out += (out.empty() ? "" : " ") + term + " " + std::to_string(count);
  }
  return out;
}

// What term_index indexes for a document: its distinct terms, space-separated (tokens of the
// `ascii` tokenizer split text as tfidf_terms does, so each term is one token).
std::string term_list(const TermCounts& terms) {
  std::string out;
  for (const auto& term : terms) {
    out += (out.empty() ? "" : " ") + term.first;
  }
  return out;
}

TermCounts decode_terms(std::string_view text) {
  TermCounts terms;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t term_end = text.find(' ', at);
    const std::size_t count_end = std::min(text.find(' ', term_end + 1), text.size());
    if (term_end == std::string_view::npos) {
      break;
    }
    int count = 0;
    std::from_chars(text.data() + term_end + 1, text.data() + count_end, count);
    terms.emplace_back(std::string(text.substr(at, term_end - at)), count);
    at = count_end + 1;
  }
  return terms;
}

Result<ArchiveRecord> parse_record_line(const std::string& line, const std::string& where) {
  auto records = parse_archive(line, where);
  if (!records) {
    return Error{ErrorCode::malformed_input, records.error().message};
  }
  if (records->size() != 1) {
    return Error{ErrorCode::malformed_input, where + ": not one archive record"};
  }
  return std::move(records->front());
}

}  // namespace

SqliteHistoryIndex::SqliteHistoryIndex(Clock& clock, std::chrono::milliseconds busy_limit)
    : clock_(clock), busy_limit_(busy_limit) {}

SqliteHistoryIndex::~SqliteHistoryIndex() = default;

Result<void> SqliteHistoryIndex::open(const std::string& path) {
  path_ = path;
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) {
    std::filesystem::create_directories(folder, ec);
    if (ec) {
      return Error{ErrorCode::io, "create " + folder.string() + ": " + ec.message()};
    }
  }
  return connect();
}

void SqliteHistoryIndex::forget_reads() {
  document_frequency_.clear();
  candidate_cache_.clear();
  doc_ids_.clear();
  documents_.reset();
}

Result<void> SqliteHistoryIndex::connect() {
  connection_.reset();
  forget_reads();
  auto connection = Connection::open(path_, clock_, busy_limit_);
  if (!connection) {
    return connection.error();
  }
  connection_ = std::move(connection.value());
  // WAL: readers never wait for the writer, and a killed process never leaves half a
  // transaction (frames are checksummed). synchronous = OFF: no fsync at all, which only a
  // derived index can afford: after a power loss its last transactions may be gone (their days'
  // stamps then no longer match, so those days are indexed again) or the file damaged (found on
  // reading and rebuilt from the archive, which is written with fsync before the index).
  if (auto set = connection_->execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF");
      !set) {
    return set;
  }
  return check_or_create_schema();
}

Result<void> SqliteHistoryIndex::check_or_create_schema() {
  auto read = connection_->prepare(
      "SELECT (SELECT application_id FROM pragma_application_id), "
      "(SELECT user_version FROM pragma_user_version), "
      "(SELECT count(*) FROM sqlite_schema)");
  if (!read) {
    return read.error();
  }
  auto row = read->step();
  if (!row) {
    return row.error();
  }
  const std::int64_t application = read->integer(0);
  const std::int64_t version = read->integer(1);
  const std::int64_t objects = read->integer(2);
  if (objects == 0) {
    Transaction transaction(*connection_);
    if (auto begun = transaction.begin(); !begun) {
      return begun;
    }
    if (auto created = connection_->execute(kSchema); !created) {
      return created;
    }
    const std::string stamp = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                              "; PRAGMA user_version = " + std::to_string(kSchemaVersion);
    if (auto stamped = connection_->execute(stamp); !stamped) {
      return stamped;
    }
    return transaction.commit();
  }
  if (application != kApplicationId) {
    return Error{ErrorCode::malformed_input, path_ + ": not an arxiv-digest history index"};
  }
  if (version != kSchemaVersion) {
    return Error{ErrorCode::malformed_input,
                 path_ + ": written by another version of arxiv-digest (index format " +
                     std::to_string(version) + ", this one reads " +
                     std::to_string(kSchemaVersion) + ")"};
  }
  return {};
}

Result<void> SqliteHistoryIndex::reset() {
  connection_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::remove(path_ + suffix, ec);
    if (ec) {
      return Error{ErrorCode::io, "remove " + path_ + suffix + ": " + ec.message()};
    }
  }
  return connect();
}

Result<std::vector<ArchiveStamp>> SqliteHistoryIndex::stamps() {
  auto select = connection_->prepare("SELECT day, size, modified_ns, hash FROM days ORDER BY day");
  if (!select) {
    return select.error();
  }
  std::vector<ArchiveStamp> out;
  auto read = select->each_row([&] {
    out.push_back({select->text(0),
                   {static_cast<std::uint64_t>(select->integer(1)), select->integer(2)},
                   select->text(3)});
  });
  if (!read) {
    return read.error();
  }
  return out;
}

Result<void> SqliteHistoryIndex::put_day(const ArchiveStamp& stamp,
                                         const std::vector<ArchiveRecord>& records,
                                         const std::vector<std::string_view>& lines) {
  return replace_day(&stamp, stamp.day, records, lines);
}

Result<void> SqliteHistoryIndex::remove_day(const std::string& day) {
  return replace_day(nullptr, day, {}, {});
}

Result<void> SqliteHistoryIndex::restamp(const std::vector<ArchiveStamp>& stamps) {
  Transaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) {
    return begun;
  }
  auto update =
      connection_->prepare("UPDATE days SET size = ?, modified_ns = ?, hash = ? WHERE day = ?");
  if (!update) {
    return update.error();
  }
  for (const auto& stamp : stamps) {
    update->reset();
    if (auto updated = update->bind(1, static_cast<std::int64_t>(stamp.file.size))
                           .bind(2, stamp.file.modified_ns)
                           .bind(3, stamp.hash)
                           .bind(4, stamp.day)
                           .run();
        !updated) {
      return updated;
    }
  }
  return transaction.commit();
}

// Everything known of `day` goes, then `records` come in (and `stamp`, unless removing); the
// papers whose copies changed get their document chosen again. One transaction.
Result<void> SqliteHistoryIndex::replace_day(const ArchiveStamp* stamp, const std::string& day,
                                             const std::vector<ArchiveRecord>& records,
                                             const std::vector<std::string_view>& lines) {
  forget_reads();
  Transaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) {
    return begun;
  }
  std::set<std::string> touched;
  auto old_copies = connection_->prepare("SELECT id FROM copies WHERE day = ?");
  if (!old_copies) {
    return old_copies.error();
  }
  old_copies->bind(1, day);
  if (auto read = old_copies->each_row([&] { touched.insert(old_copies->text(0)); }); !read) {
    return read;
  }
  for (const char* table : {"days", "records", "summaries", "copies", "keyword_counts"}) {
    auto erase = connection_->prepare(std::string("DELETE FROM ") + table + " WHERE day = ?");
    if (!erase) {
      return erase.error();
    }
    if (auto erased = erase->bind(1, day).run(); !erased) {
      return erased;
    }
  }
  if (stamp != nullptr) {
    auto day_row = connection_->prepare("INSERT INTO days VALUES(?, ?, ?, ?)");
    if (!day_row) {
      return day_row.error();
    }
    if (auto put = day_row->bind(1, day)
                       .bind(2, static_cast<std::int64_t>(stamp->file.size))
                       .bind(3, stamp->file.modified_ns)
                       .bind(4, stamp->hash)
                       .run();
        !put) {
      return put;
    }
  }
  auto count_row = connection_->prepare("INSERT INTO keyword_counts VALUES(?, ?, ?)");
  if (!count_row) {
    return count_row.error();
  }
  for (const auto& [keyword, papers] : count_keywords(day, records).counts) {
    count_row->reset();
    if (auto put = count_row->bind(1, day).bind(2, keyword).bind(3, std::int64_t{papers}).run();
        !put) {
      return put;
    }
  }
  auto record_row = connection_->prepare("INSERT INTO records VALUES(?, ?, ?, ?, ?, ?)");
  auto summary_row =
      connection_->prepare("INSERT OR IGNORE INTO summaries VALUES(?, ?, ?, ?, ?, ?, ?)");
  auto copy_row = connection_->prepare("INSERT OR REPLACE INTO copies VALUES(?, ?, ?, ?, ?, ?, ?)");
  for (auto* statement : {&record_row, &summary_row, &copy_row}) {
    if (!*statement) {
      return statement->error();
    }
  }
  for (std::size_t line = 0; line < records.size(); ++line) {
    const ArchiveRecord& record = records[line];
    const Paper& paper = record.paper;
    const auto number = static_cast<std::int64_t>(line);
    record_row->reset();
    if (auto put = record_row->bind(1, day)
                       .bind(2, number)
                       .bind(3, paper.id)
                       .bind(4, std::int64_t{paper.version})
                       .bind(5, std::int64_t{record.rank ? 1 : 0})
                       .bind(6, lines[line])
                       .run();
        !put) {
      return put;
    }
    if (record.summary) {
      summary_row->reset();
      if (auto put = summary_row->bind(1, paper.id)
                         .bind(2, std::int64_t{paper.version})
                         .bind(3, record.summary->model)
                         .bind(4, record.summary->prompt_hash)
                         .bind(5, record.summary->input_mode)
                         .bind(6, day)
                         .bind(7, number)
                         .run();
          !put) {
        return put;
      }
    }
    if (!paper.abstract.empty()) {
      copy_row->reset();
      if (auto put = copy_row->bind(1, paper.id)
                         .bind(2, day)
                         .bind(3, std::int64_t{paper.version})
                         .bind(4, paper.title)
                         .bind(5, paper.abstract)
                         .bind(6, paper.link)
                         .bind(7, paper.published)
                         .run();
          !put) {
        return put;
      }
      touched.insert(paper.id);
    }
  }
  std::map<std::string, int> frequency_change;
  for (const auto& id : touched) {
    if (auto refreshed = refresh_paper(id, frequency_change); !refreshed) {
      return refreshed;
    }
  }
  if (auto counted = change_frequencies(frequency_change); !counted) {
    return counted;
  }
  // A bounded share of merging with every write keeps term_index at a few segments, which every
  // lookup has to visit, at a cost that does not grow with the archive.
  if (auto merged =
          connection_->execute("INSERT INTO term_index(term_index, rank) VALUES('merge', " +
                               std::to_string(kMergePagesPerWrite) + ")");
      !merged) {
    return merged;
  }
  return transaction.commit();
}

// The document of paper `id` becomes its best copy: highest version, then latest day.
Result<void> SqliteHistoryIndex::refresh_paper(const std::string& id,
                                               std::map<std::string, int>& frequency_change) {
  auto current = connection_->first_row("SELECT doc, terms FROM papers WHERE id = ?", id);
  if (!current) {
    return current.error();
  }
  if (*current) {
    const std::int64_t doc = (*current)->integer(0);
    const TermCounts old_terms = decode_terms((*current)->text(1));
    for (const auto& term : old_terms) {
      --frequency_change[term.first];
    }
    // A contentless FTS5 table forgets a row given the text it indexed.
    auto forget = connection_->prepare(
        "INSERT INTO term_index(term_index, rowid, terms) VALUES('delete', ?, ?)");
    if (!forget) {
      return forget.error();
    }
    if (auto forgot = forget->bind(1, doc).bind(2, term_list(old_terms)).run(); !forgot) {
      return forgot;
    }
    auto erase = connection_->prepare("DELETE FROM papers WHERE doc = ?");
    if (!erase) {
      return erase.error();
    }
    if (auto erased = erase->bind(1, doc).run(); !erased) {
      return erased;
    }
  }
  auto found = connection_->first_row(
      "SELECT version, title, abstract, link, published FROM copies WHERE id = ? "
      "ORDER BY version DESC, day DESC LIMIT 1",
      id);
  if (!found || !*found) {
    return found ? Result<void>() : Result<void>(found.error());
  }
  const Statement& best = **found;
  Paper text_of;
  text_of.title = best.text(1);
  text_of.abstract = best.text(2);
  const TermCounts terms = paper_terms(text_of);
  for (const auto& term : terms) {
    ++frequency_change[term.first];
  }
  auto paper = connection_->prepare(
      "INSERT INTO papers(id, version, link, published, title, terms) VALUES(?, ?, ?, ?, ?, ?)");
  if (!paper) {
    return paper.error();
  }
  if (auto put = paper->bind(1, id)
                     .bind(2, best.integer(0))
                     .bind(3, best.text(3))
                     .bind(4, best.text(4))
                     .bind(5, text_of.title)
                     .bind(6, encode_terms(terms))
                     .run();
      !put) {
    return put;
  }
  const std::int64_t doc = sqlite3_last_insert_rowid(connection_->handle());
  auto post = connection_->prepare("INSERT INTO term_index(rowid, terms) VALUES(?, ?)");
  if (!post) {
    return post.error();
  }
  return post->bind(1, doc).bind(2, term_list(terms)).run();
}

// Adds each change to its term's document frequency; a term in no document leaves.
Result<void> SqliteHistoryIndex::change_frequencies(const std::map<std::string, int>& changes) {
  auto add = connection_->prepare(
      "INSERT INTO terms VALUES(?, ?) ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs");
  if (!add) {
    return add.error();
  }
  bool fell = false;
  for (const auto& [term, change] : changes) {
    if (change == 0) {
      continue;
    }
    fell = fell || change < 0;
    add->reset();
    if (auto added = add->bind(1, term).bind(2, std::int64_t{change}).run(); !added) {
      return added;
    }
  }
  if (!fell) {
    return {};
  }
  auto prune = connection_->prepare("DELETE FROM terms WHERE docs <= 0");
  if (!prune) {
    return prune.error();
  }
  return prune->run();
}

Result<ShownHistory> SqliteHistoryIndex::shown_before(const std::string& day,
                                                      const std::vector<std::string>& ids) {
  Transaction reading(*connection_);
  if (auto begun = reading.begin_reading(); !begun) {
    return begun.error();
  }
  auto select = connection_->prepare(
      "SELECT max(version) FROM records WHERE id = ? AND ranked = 1 AND day < ?");
  if (!select) {
    return select.error();
  }
  ShownHistory shown;
  for (const auto& id : ids) {
    select->reset();
    select->bind(1, id).bind(2, day);
    auto row = select->step();
    if (!row) {
      return row.error();
    }
    if (*row && !select->is_null(0)) {
      shown[id] = static_cast<int>(select->integer(0));
    }
  }
  return shown;
}

Result<std::vector<ArchiveRecord>> SqliteHistoryIndex::day_records(const std::string& day) {
  auto select =
      connection_->prepare("SELECT line, record FROM records WHERE day = ? ORDER BY line");
  if (!select) {
    return select.error();
  }
  select->bind(1, day);
  std::vector<ArchiveRecord> records;
  auto read = select->each_row([&]() -> Result<void> {
    auto record = parse_record_line(
        select->text(1), path_ + ": " + day + " line " + std::to_string(select->integer(0) + 1));
    if (!record) {
      return record.error();
    }
    records.push_back(std::move(record.value()));
    return {};
  });
  if (!read) {
    return read.error();
  }
  return records;
}

Result<std::vector<DayKeywordCounts>> SqliteHistoryIndex::keyword_counts(
    const std::vector<std::string>& days) {
  auto select = connection_->prepare("SELECT keyword, papers FROM keyword_counts WHERE day = ?");
  if (!select) {
    return select.error();
  }
  std::vector<DayKeywordCounts> out;
  for (const auto& day : days) {
    DayKeywordCounts counts{day, {}};
    select->reset();
    select->bind(1, day);
    if (auto read = select->each_row(
            [&] { counts.counts[select->text(0)] = static_cast<int>(select->integer(1)); });
        !read) {
      return read.error();
    }
    out.push_back(std::move(counts));
  }
  return out;
}

Result<std::optional<Summary>> SqliteHistoryIndex::find_summary(const SummaryKey& key,
                                                                const std::string& preferred_day) {
  auto select = connection_->prepare(
      "SELECT r.day, r.record FROM summaries s JOIN records r ON r.day = s.day AND r.line = s.line "
      "WHERE s.id = ? AND s.version = ? AND s.model = ? AND s.prompt_hash = ? AND "
      "s.input_mode = ? ORDER BY s.day = ? DESC, s.day, s.line LIMIT 1");
  if (!select) {
    return select.error();
  }
  select->bind(1, key.id)
      .bind(2, std::int64_t{key.version})
      .bind(3, key.model)
      .bind(4, key.prompt_hash)
      .bind(5, key.input_mode)
      .bind(6, preferred_day);
  auto row = select->step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return std::optional<Summary>();
  }
  auto record = parse_record_line(select->text(1), path_ + ": " + select->text(0));
  if (!record) {
    return record.error();
  }
  return record->summary;
}

// The number of documents and every term's document frequency, read once after each write: one
// scan of `terms` costs less than looking up the few thousand terms a run's papers hold.
Result<Corpus> SqliteHistoryIndex::corpus() {
  if (!documents_) {
    auto count = connection_->prepare("SELECT count(*) FROM papers");
    if (!count) {
      return count.error();
    }
    if (auto row = count->step(); !row) {
      return row.error();
    }
    auto frequencies = connection_->prepare("SELECT term, docs FROM terms");
    if (!frequencies) {
      return frequencies.error();
    }
    document_frequency_.clear();
    if (auto read = frequencies->each_row([&] {
          document_frequency_.emplace(frequencies->text(0),
                                      static_cast<std::size_t>(frequencies->integer(1)));
        });
        !read) {
      return read.error();
    }
    documents_ = static_cast<std::size_t>(count->integer(0));
  }
  return Corpus{*documents_, [this](const std::string& term) {
                  const auto it = document_frequency_.find(term);
                  return it == document_frequency_.end() ? std::size_t{0} : it->second;
                }};
}

// The kScoredDocuments best-scored documents, ties by paper id (never by doc number, which
// depends on the order the index was built in), with their term counts. Only the documents tied
// at the last place need their id to be chosen; only the chosen are read in full.
Result<std::vector<RelatedCandidate>> SqliteHistoryIndex::best_candidates(
    const std::unordered_map<std::int64_t, double>& score) {
  std::vector<std::pair<double, std::int64_t>> ranked;
  ranked.reserve(score.size());
  for (const auto& [doc, value] : score) {
    ranked.emplace_back(value, doc);
  }
  std::sort(ranked.begin(), ranked.end(), std::greater<>());
  if (ranked.size() > kScoredDocuments) {
    const double last = ranked[kScoredDocuments - 1].first;
    const auto tied_begin = std::find_if(ranked.begin(), ranked.end(),
                                         [&](const auto& entry) { return entry.first == last; });
    const auto tied_end = std::find_if(tied_begin, ranked.end(),
                                       [&](const auto& entry) { return entry.first != last; });
    std::vector<std::pair<std::string, std::int64_t>> tied;
    for (auto it = tied_begin; it != tied_end; ++it) {
      auto id = paper_id(it->second);
      if (!id) {
        return id.error();
      }
      tied.emplace_back(std::move(id.value()), it->second);
    }
    std::sort(tied.begin(), tied.end());
    auto place = tied_begin;
    for (const auto& [id, doc] : tied) {
      (place++)->second = doc;
    }
    ranked.resize(kScoredDocuments);
  }
  std::vector<RelatedCandidate> out;
  for (const auto& [value, doc] : ranked) {
    auto candidate = read_candidate(doc);
    if (!candidate) {
      return candidate.error();
    }
    if (*candidate != nullptr) {
      out.push_back(**candidate);
    }
  }
  return out;
}

// Paper id of document `doc` ("" for none), cached until the next write.
Result<std::string> SqliteHistoryIndex::paper_id(std::int64_t doc) {
  if (const auto known = candidate_cache_.find(doc); known != candidate_cache_.end()) {
    return known->second.paper.id;
  }
  if (const auto known = doc_ids_.find(doc); known != doc_ids_.end()) {
    return known->second;
  }
  auto row = connection_->first_row("SELECT id FROM papers WHERE doc = ?", doc);
  if (!row) {
    return row.error();
  }
  return doc_ids_.emplace(doc, *row ? (*row)->text(0) : std::string()).first->second;
}

// Document `doc` as a candidate (nullptr for none), cached until the next write.
Result<const RelatedCandidate*> SqliteHistoryIndex::read_candidate(std::int64_t doc) {
  if (const auto known = candidate_cache_.find(doc); known != candidate_cache_.end()) {
    return &known->second;
  }
  auto row = connection_->first_row(
      "SELECT id, version, link, published, title, terms FROM papers WHERE doc = ?", doc);
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return static_cast<const RelatedCandidate*>(nullptr);
  }
  const Statement& read = **row;
  RelatedCandidate candidate{{read.text(0), static_cast<int>(read.integer(1)), read.text(4),
                              read.text(2), read.text(3), 0.0},
                             decode_terms(read.text(5))};
  return &candidate_cache_.emplace(doc, std::move(candidate)).first->second;
}

Result<std::vector<RelatedPaper>> SqliteHistoryIndex::related(const Paper& paper,
                                                              const RelatedOptions& options) {
  Transaction reading(*connection_);
  if (auto begun = reading.begin_reading(); !begun) {
    return begun.error();
  }
  auto corpus_now = corpus();
  if (!corpus_now) {
    return corpus_now.error();
  }
  const TermCounts query_terms = paper_terms(paper);
  // Terms in many documents are not searched for (Lucene's MoreLikeThis max_doc_freq): they
  // weigh little in the cosine and their posting lists grow with the archive.
  TermCounts searched;
  for (const auto& term : query_terms) {
    if (corpus_now->document_frequency(term.first) <= kMaxSearchedFrequency) {
      searched.push_back(term);
    }
  }
  const std::vector<std::string> telling = telling_terms(searched, *corpus_now, kQueryTerms);
  if (telling.empty() || options.top_k == 0) {
    return std::vector<RelatedPaper>{};
  }
  // Each document holding a telling term scores that term's query weight times its idf (its own
  // weight but for the term's count in it): a cheap stand-in for the cosine, which only the best
  // kScoredDocuments then get in full.
  auto holding = connection_->prepare("SELECT rowid FROM term_index WHERE term_index MATCH ?");
  if (!holding) {
    return holding.error();
  }
  std::unordered_map<std::int64_t, double> score;
  for (const auto& term : telling) {
    const auto count = std::lower_bound(
        query_terms.begin(), query_terms.end(), term,
        [](const auto& counted, const std::string& wanted) { return counted.first < wanted; });
    const double idf = tfidf_idf(*corpus_now, term);
    holding->reset();
    holding->bind(1, "\"" + term + "\"");
    if (auto read = holding->each_row(
            [&] { score[holding->integer(0)] += static_cast<double>(count->second) * idf * idf; });
        !read) {
      return read.error();
    }
  }
  auto candidates = best_candidates(score);
  if (!candidates) {
    return candidates.error();
  }
  return rank_related(paper, query_terms, *candidates, *corpus_now, options);
}

}  // namespace arxiv_digest::db
