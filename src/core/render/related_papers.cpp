#include "arxiv_digest/related_papers.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

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

void RelatedPapersIndex::add(const Paper& paper) {
  if (finished_) {
    return;
  }
  std::map<std::size_t, int> counts;
  for (const auto& term : tfidf_terms(paper.title + "\n" + paper.abstract)) {
    const auto [it, inserted] = term_ids_.try_emplace(term, term_ids_.size());
    if (inserted) {
      document_frequency_.push_back(0);
    }
    ++counts[it->second];
  }
  Document document{{paper.id, paper.version, paper.title, paper.link, paper.published, 0.0},
                    {counts.begin(), counts.end()},
                    0.0,
                    true};

  if (const auto known = by_id_.find(paper.id); known != by_id_.end()) {
    Document& previous = documents_[known->second];
    if (previous.paper.version > paper.version) {
      return;
    }
    for (const auto& [term, count] : previous.term_counts) {
      --document_frequency_[term];
    }
    previous.live = false;
    previous.term_counts.clear();
    --live_documents_;
  }
  for (const auto& [term, count] : document.term_counts) {
    ++document_frequency_[term];
  }
  by_id_[paper.id] = documents_.size();
  documents_.push_back(std::move(document));
  ++live_documents_;
}

std::vector<std::pair<std::size_t, double>> RelatedPapersIndex::weights(
    const Document& document) const {
  std::vector<std::pair<std::size_t, double>> out;
  out.reserve(document.term_counts.size());
  for (const auto& [term, count] : document.term_counts) {
    out.emplace_back(term, count * idf_[term]);
  }
  return out;
}

void RelatedPapersIndex::finish() {
  if (finished_) {
    return;
  }
  finished_ = true;
  const double n = static_cast<double>(live_documents_);
  idf_.resize(document_frequency_.size());
  for (std::size_t term = 0; term < idf_.size(); ++term) {
    idf_[term] = std::log((1.0 + n) / (1.0 + document_frequency_[term])) + 1.0;
  }
  postings_.assign(idf_.size(), {});
  for (std::size_t index = 0; index < documents_.size(); ++index) {
    Document& document = documents_[index];
    if (!document.live) {
      continue;
    }
    double squares = 0.0;
    for (const auto& [term, weight] : weights(document)) {
      squares += weight * weight;
      postings_[term].emplace_back(index, weight);
    }
    document.norm = std::sqrt(squares);
  }
}

std::vector<RelatedPaper> RelatedPapersIndex::related(const std::string& id,
                                                      const RelatedOptions& options) const {
  const auto known = by_id_.find(id);
  if (!finished_ || known == by_id_.end() || options.top_k == 0) {
    return {};
  }
  const Document& query = documents_[known->second];
  if (query.norm == 0.0) {
    return {};
  }
  // Dot products through the postings of the query's terms: only papers sharing a term are seen.
  std::unordered_map<std::size_t, double> dots;
  for (const auto& [term, weight] : weights(query)) {
    for (const auto& [index, other_weight] : postings_[term]) {
      if (index != known->second) {
        dots[index] += weight * other_weight;
      }
    }
  }
  std::vector<RelatedPaper> found;
  for (const auto& [index, dot] : dots) {
    const Document& other = documents_[index];
    const double cosine = dot / (query.norm * other.norm);
    if (cosine > options.min_similarity) {
      RelatedPaper paper = other.paper;
      paper.similarity = std::min(cosine, 1.0);
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

double RelatedPapersIndex::similarity(const std::string& id_a, const std::string& id_b) const {
  const auto a = by_id_.find(id_a);
  const auto b = by_id_.find(id_b);
  if (!finished_ || a == by_id_.end() || b == by_id_.end()) {
    return 0.0;
  }
  const Document& da = documents_[a->second];
  const Document& db = documents_[b->second];
  if (da.norm == 0.0 || db.norm == 0.0) {
    return 0.0;
  }
  double dot = 0.0;
  auto i = da.term_counts.begin();
  auto j = db.term_counts.begin();
  while (i != da.term_counts.end() && j != db.term_counts.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += i->second * idf_[i->first] * j->second * idf_[j->first];
      ++i;
      ++j;
    }
  }
  return dot / (da.norm * db.norm);
}

}  // namespace arxiv_digest
