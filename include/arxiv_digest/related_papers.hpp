#pragma once
// Related papers (DESIGN.md "Outputs 3"): TF-IDF cosine similarity over title + abstract of the
// project's own archive (every data/*.jsonl record of earlier days and today).
//
// Terms are lower-cased runs of ASCII letters and digits (a byte >= 0x80 also counts as a letter,
// so non-Latin words stay whole), at least two bytes long, minus a short English stop list.
// Weight of term t in document d: tf(t, d) · idf(t), tf the raw count and
// idf(t) = ln((1 + N) / (1 + df(t))) + 1 (N documents, df(t) of them containing t), the smoothed
// idf of scikit-learn's TfidfVectorizer; similarity is the cosine of the two weight vectors.
//
// The index is built in one streaming pass: add() each record as the archive is read (it keeps
// term counts, not the records), then finish() once; queries after that. Not thread-safe.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "arxiv_digest/paper.hpp"

namespace arxiv_digest {

// A paper of the archive similar to the one asked about.
struct RelatedPaper {
  std::string id;  // without version
  int version = 1;
  std::string title;
  std::string link;
  std::string published;    // YYYY-MM-DD
  double similarity = 0.0;  // cosine, 0..1
  bool operator==(const RelatedPaper&) const = default;
};

struct RelatedOptions {
  std::size_t top_k = 3;
  double min_similarity = 0.1;  // strictly above
};

// The terms of `text`, in order, as the index sees them.
std::vector<std::string> tfidf_terms(std::string_view text);

class RelatedPapersIndex {
 public:
  // Adds the paper's title and abstract. A paper whose id is already indexed replaces the
  // earlier one when its version is at least as new (the archive holds a paper once per day it
  // was a candidate). Ignored after finish().
  void add(const Paper& paper);

  // Computes idf and document norms. Call once, after the last add().
  void finish();

  std::size_t size() const { return live_documents_; }

  // The top_k indexed papers most similar to the indexed paper `id`, above min_similarity, best
  // first (ties by id); the paper itself (any version) is never its own relative. Empty when
  // `id` was not indexed or finish() was not called.
  std::vector<RelatedPaper> related(const std::string& id, const RelatedOptions& options) const;

  // Cosine similarity of two indexed papers (0 when either is unknown).
  double similarity(const std::string& id_a, const std::string& id_b) const;

 private:
  struct Document {
    RelatedPaper paper;                                    // similarity unused
    std::vector<std::pair<std::size_t, int>> term_counts;  // term id → count, sorted by term id
    double norm = 0.0;
    bool live = true;
  };

  std::vector<std::pair<std::size_t, double>> weights(const Document& document) const;

  std::unordered_map<std::string, std::size_t> term_ids_;
  std::vector<int> document_frequency_;  // by term id
  std::vector<double> idf_;              // by term id, after finish()
  std::vector<Document> documents_;
  std::unordered_map<std::string, std::size_t> by_id_;  // paper id → documents_ index
  // Postings after finish(): term id → (document index, weight).
  std::vector<std::vector<std::pair<std::size_t, double>>> postings_;
  std::size_t live_documents_ = 0;
  bool finished_ = false;
};

}  // namespace arxiv_digest
