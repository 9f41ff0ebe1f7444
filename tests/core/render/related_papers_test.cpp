#include "arxiv_digest/related_papers.hpp"

#include <gmock/gmock.h>

#include <map>

namespace arxiv_digest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Paper paper(const std::string& id, const std::string& title, const std::string& abstract = "",
            int version = 1) {
  Paper p;
  p.id = id;
  p.version = version;
  p.title = title;
  p.abstract = abstract;
  p.link = "https://arxiv.org/abs/" + id;
  p.published = "2026-02-12";
  return p;
}

// The corpus of `papers`, each a document.
struct TestCorpus {
  explicit TestCorpus(const std::vector<Paper>& papers) {
    for (const auto& p : papers) {
      RelatedCandidate candidate{{p.id, p.version, p.title, p.link, p.published, 0.0},
                                 paper_terms(p)};
      for (const auto& [term, count] : candidate.terms) {
        ++frequency[term];
      }
      candidates.push_back(std::move(candidate));
    }
    corpus = Corpus{papers.size(), [this](const std::string& term) {
                      const auto it = frequency.find(term);
                      return it == frequency.end() ? std::size_t{0} : it->second;
                    }};
  }
  std::map<std::string, std::size_t> frequency;
  std::vector<RelatedCandidate> candidates;
  Corpus corpus;
};

TEST(RelatedPapers, TermsAreLowerCaseWordsWithoutStopWordsOrSingleLetters) {
  EXPECT_EQ(tfidf_terms("The LLM-based KV cache, a 2x speed-up of Transformers"),
            (std::vector<std::string>{"llm", "based", "kv", "cache", "2x", "speed", "up",
                                      "transformers"}));
  EXPECT_EQ(tfidf_terms("注意力 机制"), (std::vector<std::string>{"注意力", "机制"}));
}

TEST(RelatedPapers, PaperTermsCountTitleAndAbstractSortedByTerm) {
  EXPECT_EQ(paper_terms(paper("a", "Beta alpha", "alpha gamma")),
            (TermCounts{{"alpha", 2}, {"beta", 1}, {"gamma", 1}}));
}

// N = 3. df(alpha) = 2, df(beta) = df(gamma) = df(delta) = 1.
// idf(alpha) = ln(4/3) + 1 = 1.287682, idf(beta) = idf(gamma) = ln(4/2) + 1 = 1.693147.
// A = (alpha 1.287682, beta 1.693147), B = (alpha 1.287682, gamma 1.693147), C = (delta …).
// cos(A, B) = 1.287682² / (1.287682² + 1.693147²) = 1.658125 / 4.524872 = 0.366447.
TEST(RelatedPapers, CosineOfTfIdfVectorsByHand) {
  const Paper a = paper("a", "alpha beta");
  const Paper b = paper("b", "alpha", "gamma");  // title and abstract count alike
  const Paper c = paper("c", "delta");
  const TestCorpus test({a, b, c});
  EXPECT_NEAR(tfidf_idf(test.corpus, "alpha"), 1.287682, 1e-6);
  EXPECT_NEAR(tfidf_cosine(paper_terms(a), paper_terms(b), test.corpus), 0.366447, 1e-6);
  EXPECT_NEAR(tfidf_cosine(paper_terms(b), paper_terms(a), test.corpus), 0.366447, 1e-6);
  EXPECT_DOUBLE_EQ(tfidf_cosine(paper_terms(a), paper_terms(c), test.corpus), 0.0);
  EXPECT_NEAR(tfidf_cosine(paper_terms(a), paper_terms(a), test.corpus), 1.0, 1e-12);

  const auto related = rank_related(a, paper_terms(a), test.candidates, test.corpus, {3, 0.1});
  ASSERT_EQ(related.size(), 1u);  // c shares no term; a is never its own relative
  EXPECT_EQ(related[0].id, "b");
  EXPECT_EQ(related[0].link, "https://arxiv.org/abs/b");
  EXPECT_NEAR(related[0].similarity, 0.366447, 1e-6);
}

// A = (alpha: tf 2 → 2 × 1.287682 = 2.575364, beta 1.693147), B as above.
// cos = 2.575364 × 1.287682 / (|A| |B|) = 3.316250 / (3.082085 × 2.127175) = 0.505824.
TEST(RelatedPapers, TermFrequencyCountsRepeats) {
  const Paper a = paper("a", "alpha alpha beta");
  const Paper b = paper("b", "alpha gamma");
  const TestCorpus test({a, b, paper("c", "delta")});
  EXPECT_NEAR(tfidf_cosine(paper_terms(a), paper_terms(b), test.corpus), 0.505824, 1e-6);
}

TEST(RelatedPapers, TopKAboveAStrictThresholdBestFirst) {
  const Paper q = paper("q", "linear attention softmax kernel");
  const TestCorpus test(
      {q, paper("near", "linear attention softmax"), paper("mid", "linear attention"),
       paper("far", "kernel methods for graphs"), paper("none", "protein folding")});
  const auto two = rank_related(q, paper_terms(q), test.candidates, test.corpus, {2, 0.0});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].id, "near");
  EXPECT_EQ(two[1].id, "mid");
  EXPECT_GT(two[0].similarity, two[1].similarity);

  const auto all = rank_related(q, paper_terms(q), test.candidates, test.corpus, {10, 0.0});
  ASSERT_EQ(all.size(), 3u);  // "none" shares no term
  EXPECT_EQ(all[2].id, "far");
  const auto strict =
      rank_related(q, paper_terms(q), test.candidates, test.corpus, {10, all[1].similarity});
  EXPECT_EQ(strict.size(), 1u);
  EXPECT_THAT(rank_related(q, paper_terms(q), test.candidates, test.corpus, {0, 0.0}), IsEmpty());
}

TEST(RelatedPapers, EachIdOnceAndNeverTheQueryItself) {
  const Paper y = paper("y", "graph networks");
  const TestCorpus test({paper("x", "graph networks", "", 2), paper("x", "graph networks"),
                         paper("y", "graph networks", "", 3), y});
  const auto related = rank_related(y, paper_terms(y), test.candidates, test.corpus, {3, 0.0});
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].id, "x");
  EXPECT_EQ(related[0].version, 2);  // the first candidate offered for an id
}

TEST(RelatedPapers, PaperWithOnlyStopWordsHasNoRelatives) {
  const Paper a = paper("a", "the of and", "a");
  const TestCorpus test({a, paper("b", "the of and")});
  EXPECT_THAT(rank_related(a, paper_terms(a), test.candidates, test.corpus, {3, 0.0}), IsEmpty());
}

TEST(RelatedPapers, TellingTermsAreTheRarestFirst) {
  const TestCorpus test({paper("a", "common rare"), paper("b", "common"), paper("c", "common")});
  EXPECT_THAT(telling_terms(paper_terms(paper("q", "common rare unseen")), test.corpus, 2),
              ElementsAre("unseen", "rare"));
}

}  // namespace
}  // namespace arxiv_digest
