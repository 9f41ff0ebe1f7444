#pragma once
// Related papers (DESIGN.md "Outputs 3"): TF-IDF cosine similarity over title + abstract of the
// papers in the project's own archive. The history index (history_index.hpp) finds the
// candidates; the measure itself is defined here, once.
//
// Terms are lower-cased runs of ASCII letters and digits (a byte >= 0x80 also counts as a letter,
// so non-Latin words stay whole), at least two bytes long, minus a short English stop list.
// Weight of term t in document d: tf(t, d) · idf(t), tf the raw count and
// idf(t) = ln((1 + N) / (1 + df(t))) + 1 (N documents, df(t) of them containing t), the smoothed
// idf of scikit-learn's TfidfVectorizer; similarity is the cosine of the two weight vectors.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
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

// The terms of `text`, in order, as the measure sees them.
std::vector<std::string> tfidf_terms(std::string_view text);

// Term → count, sorted by term.
using TermCounts = std::vector<std::pair<std::string, int>>;

// The counted terms of a paper's title and abstract.
TermCounts paper_terms(const Paper& paper);

// The corpus a similarity is measured in: its size and each term's document frequency.
struct Corpus {
  std::size_t documents = 0;
  std::function<std::size_t(const std::string& term)> document_frequency;
};

double tfidf_idf(const Corpus& corpus, const std::string& term);

// Cosine of the two documents' TF-IDF vectors in `corpus`; 0 when either has no term.
double tfidf_cosine(const TermCounts& a, const TermCounts& b, const Corpus& corpus);

// The `n` terms of `terms` with the highest tf-idf weight (ties by term): what a search for
// papers like this one should ask for.
std::vector<std::string> telling_terms(const TermCounts& terms, const Corpus& corpus,
                                       std::size_t n);

// A document the index offers as a relative, with its terms.
struct RelatedCandidate {
  RelatedPaper paper;  // similarity unused
  TermCounts terms;
};

// The candidates most similar to `query` (terms `query_terms`), as HistoryIndex::related
// promises: above options.min_similarity, best first, ties by id, each id once, never the query's
// own id, at most options.top_k.
std::vector<RelatedPaper> rank_related(const Paper& query, const TermCounts& query_terms,
                                       const std::vector<RelatedCandidate>& candidates,
                                       const Corpus& corpus, const RelatedOptions& options);

}  // namespace arxiv_digest
