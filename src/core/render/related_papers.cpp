#include "arxiv_digest/related_papers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace arxiv_digest {
namespace {

// Words too common in abstracts to say what a paper is about. Kept short on purpose: idf already
// discounts what is common in the archive itself.
constexpr std::array<std::string_view, 40> kStopWords = {
    "an",    "and",  "are",   "as",   "at",   "be",   "been",  "but",   "by",    "can",
    "for",   "from", "has",   "have", "in",   "into", "is",    "it",    "its",   "not",
    "of",    "on",   "or",    "our",  "such", "that", "the",   "their", "these", "this",
    "those", "to",   "using", "was",  "we",   "were", "which", "while", "with",  "both"};

bool is_stop_word(std::string_view word) {
  return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char lower(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

// Each term's tf · idf, in term order.
std::vector<double> weights(const TermCounts& terms, const Corpus& corpus) {
  std::vector<double> out;
  out.reserve(terms.size());
  for (const auto& [term, count] : terms) {
    out.push_back(count * tfidf_idf(corpus, term));
  }
  return out;
}

double norm(const std::vector<double>& weights) {
  double squares = 0.0;
  for (const double w : weights) {
    squares += w * w;
  }
  return std::sqrt(squares);
}

// The dot product over shared terms (both lists sorted by term).
double dot(const TermCounts& a, const std::vector<double>& wa, const TermCounts& b,
           const std::vector<double>& wb) {
  double sum = 0.0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      sum += wa[i++] * wb[j++];
    }
  }
  return sum;
}

}  // namespace

std::vector<std::string> tfidf_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && !is_stop_word(word)) {
      terms.push_back(word);
    }
    word.clear();
  };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_word_byte(c)) {
      word += lower(c);
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

TermCounts paper_terms(const Paper& paper) {
  std::map<std::string, int> counts;
  for (auto& term : tfidf_terms(paper.title + "\n" + paper.abstract)) {
    ++counts[std::move(term)];
  }
  return {counts.begin(), counts.end()};
}

double tfidf_idf(const Corpus& corpus, const std::string& term) {
  const double n = static_cast<double>(corpus.documents);
  const double df = static_cast<double>(corpus.document_frequency(term));
  return std::log((1.0 + n) / (1.0 + df)) + 1.0;
}

double tfidf_cosine(const TermCounts& a, const TermCounts& b, const Corpus& corpus) {
  const std::vector<double> wa = weights(a, corpus);
  const std::vector<double> wb = weights(b, corpus);
  const double norms = norm(wa) * norm(wb);
  return norms == 0.0 ? 0.0 : std::min(dot(a, wa, b, wb) / norms, 1.0);
}

std::vector<std::string> telling_terms(const TermCounts& terms, const Corpus& corpus,
                                       std::size_t n) {
  const std::vector<double> w = weights(terms, corpus);
  std::vector<std::size_t> order(terms.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return w[x] > w[y]; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < order.size() && out.size() < n; ++i) {
    out.push_back(terms[order[i]].first);
  }
  return out;
}

std::vector<RelatedPaper> rank_related(const Paper& query, const TermCounts& query_terms,
                                       const std::vector<RelatedCandidate>& candidates,
                                       const Corpus& corpus, const RelatedOptions& options) {
  const std::vector<double> wq = weights(query_terms, corpus);
  const double query_norm = norm(wq);
  std::vector<RelatedPaper> found;
  if (query_norm == 0.0 || options.top_k == 0) {
    return found;
  }
  std::set<std::string> seen;
  for (const RelatedCandidate& candidate : candidates) {
    if (candidate.paper.id == query.id || !seen.insert(candidate.paper.id).second) {
      continue;
    }
    const std::vector<double> wc = weights(candidate.terms, corpus);
    const double norms = query_norm * norm(wc);
    const double cosine =
        norms == 0.0 ? 0.0 : std::min(dot(query_terms, wq, candidate.terms, wc) / norms, 1.0);
    if (cosine > options.min_similarity) {
      RelatedPaper paper = candidate.paper;
      paper.similarity = cosine;
      found.push_back(std::move(paper));
    }
  }
  std::sort(found.begin(), found.end(), [](const RelatedPaper& a, const RelatedPaper& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
  });
  if (found.size() > options.top_k) {
    found.resize(options.top_k);
  }
  return found;
}

}  // namespace arxiv_digest
