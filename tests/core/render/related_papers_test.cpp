#include "arxiv_digest/related_papers.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace arxiv_digest {
namespace {

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

TEST(RelatedPapers, TermsAreLowerCaseWordsWithoutStopWordsOrSingleLetters) {
  EXPECT_EQ(tfidf_terms("The LLM-based KV cache, a 2x speed-up of Transformers"),
            (std::vector<std::string>{"llm", "based", "kv", "cache", "2x", "speed", "up",
                                      "transformers"}));
  EXPECT_EQ(tfidf_terms("注意力 机制"), (std::vector<std::string>{"注意力", "机制"}));
}

// N = 3. df(alpha) = 2, df(beta) = df(gamma) = df(delta) = 1.
// idf(alpha) = ln(4/3) + 1 = 1.287682, idf(beta) = idf(gamma) = ln(4/2) + 1 = 1.693147.
// A = (alpha 1.287682, beta 1.693147), B = (alpha 1.287682, gamma 1.693147), C = (delta …).
// cos(A, B) = 1.287682² / (1.287682² + 1.693147²) = 1.658125 / 4.524872 = 0.366447.
TEST(RelatedPapers, CosineOfTfIdfVectorsByHand) {
  RelatedPapersIndex index;
  index.add(paper("a", "alpha beta"));
  index.add(paper("b", "alpha", "gamma"));  // title and abstract count alike
  index.add(paper("c", "delta"));
  index.finish();
  EXPECT_EQ(index.size(), 3u);
  EXPECT_NEAR(index.similarity("a", "b"), 0.366447, 1e-6);
  EXPECT_NEAR(index.similarity("b", "a"), 0.366447, 1e-6);
  EXPECT_DOUBLE_EQ(index.similarity("a", "c"), 0.0);
  EXPECT_NEAR(index.similarity("a", "a"), 1.0, 1e-12);

  const auto related = index.related("a", {3, 0.1});
  ASSERT_EQ(related.size(), 1u);  // c shares no term; a is never its own relative
  EXPECT_EQ(related[0].id, "b");
  EXPECT_EQ(related[0].link, "https://arxiv.org/abs/b");
  EXPECT_NEAR(related[0].similarity, 0.366447, 1e-6);
}

// A = (alpha: tf 2 → 2 × 1.287682 = 2.575364, beta 1.693147), B as above.
// cos = 2.575364 × 1.287682 / (|A| |B|) = 3.316250 / (3.082085 × 2.127175) = 0.505824.
TEST(RelatedPapers, TermFrequencyCountsRepeats) {
  RelatedPapersIndex index;
  index.add(paper("a", "alpha alpha beta"));
  index.add(paper("b", "alpha gamma"));
  index.add(paper("c", "delta"));
  index.finish();
  EXPECT_NEAR(index.similarity("a", "b"), 0.505824, 1e-6);
}

TEST(RelatedPapers, TopKAboveThresholdBestFirst) {
  RelatedPapersIndex index;
  index.add(paper("q", "linear attention softmax kernel"));
  index.add(paper("near", "linear attention softmax"));
  index.add(paper("mid", "linear attention"));
  index.add(paper("far", "kernel methods for graphs"));
  index.add(paper("none", "protein folding"));
  index.finish();
  const auto two = index.related("q", {2, 0.0});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].id, "near");
  EXPECT_EQ(two[1].id, "mid");
  EXPECT_GT(two[0].similarity, two[1].similarity);

  const auto all = index.related("q", {10, 0.0});
  ASSERT_EQ(all.size(), 3u);  // "none" shares no term
  EXPECT_EQ(all[2].id, "far");
  const auto strict = index.related("q", {10, all[1].similarity});
  EXPECT_EQ(strict.size(), 1u);  // the threshold is strict
}

TEST(RelatedPapers, SamePaperOnSeveralDaysIsIndexedOnceAtItsNewestVersion) {
  RelatedPapersIndex index;
  index.add(paper("x", "old words here", "", 1));
  index.add(paper("x", "graph networks", "", 2));
  index.add(paper("x", "ancient stale text", "", 1));  // older than what is indexed: ignored
  index.add(paper("y", "graph networks"));
  index.finish();
  EXPECT_EQ(index.size(), 2u);
  const auto related = index.related("y", {3, 0.0});
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].id, "x");
  EXPECT_EQ(related[0].version, 2);
  EXPECT_NEAR(related[0].similarity, 1.0, 1e-12);
  EXPECT_TRUE(index.related("x", {3, 0.0}).size() == 1u);
}

TEST(RelatedPapers, UnknownIdOrUnfinishedIndexFindsNothing) {
  RelatedPapersIndex index;
  index.add(paper("a", "alpha"));
  index.add(paper("b", "alpha"));
  EXPECT_TRUE(index.related("a", {}).empty());  // finish() not called yet
  index.finish();
  EXPECT_TRUE(index.related("zzz", {}).empty());
  EXPECT_EQ(index.related("a", {}).size(), 1u);
}

TEST(RelatedPapers, PaperWithOnlyStopWordsHasNoRelatives) {
  RelatedPapersIndex index;
  index.add(paper("a", "the of and", "a"));
  index.add(paper("b", "the of and"));
  index.finish();
  EXPECT_TRUE(index.related("a", {3, 0.0}).empty());
}

}  // namespace
}  // namespace arxiv_digest
