#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "arxiv_digest/delivery.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;

std::vector<ArchiveRecord> day_of(int ranked, int unranked) {
  std::vector<ArchiveRecord> records = testing::ranked_records(ranked + unranked);
  for (int i = ranked; i < ranked + unranked; ++i) {
    records[static_cast<std::size_t>(i)].rank.reset();
  }
  return records;
}

TEST(DeliveryDigest, HoldsTheRankedPapersInRankOrder) {
  std::vector<ArchiveRecord> records = day_of(3, 2);
  std::swap(records[0], records[2]);  // file order is not rank order
  records[0].paper.version = 2;
  records[0].paper.authors = {"Ada Lovelace", "Alan Turing"};
  records[0].paper.link = "https://arxiv.org/abs/2602.10003";
  records[0].paper.score = 4.25;
  const DeliveryDigest digest = make_delivery_digest(records, "2026-02-12", {"cs.AI", "cs.LG"});
  EXPECT_EQ(digest.date, "2026-02-12");
  EXPECT_EQ(digest.candidates, 5U);
  ASSERT_EQ(digest.papers.size(), 3U);
  EXPECT_EQ(digest.papers[0].id, "2602.10001v1");
  EXPECT_EQ(digest.papers[2].id, "2602.10003v2");
  EXPECT_EQ(digest.papers[2].authors, (std::vector<std::string>{"Ada Lovelace", "Alan Turing"}));
  EXPECT_EQ(digest.papers[2].link, "https://arxiv.org/abs/2602.10003");
  EXPECT_DOUBLE_EQ(digest.papers[2].score, 4.25);
}

TEST(DeliveryDigest, ASummaryIsTheTextElseTheAbstractsFirstSentences) {
  std::vector<ArchiveRecord> records = day_of(2, 0);
  Summary summary;
  summary.text = "  **TL;DR** it works.  ";
  records[0].summary = summary;
  records[1].paper.abstract = "We study X.\n  It matters.";
  const DeliveryDigest digest = make_delivery_digest(records, "2026-02-12", {});
  EXPECT_EQ(digest.papers[0].text, "**TL;DR** it works.");
  EXPECT_TRUE(digest.papers[0].summarized);
  EXPECT_EQ(digest.papers[1].text, "We study X. It matters.");
  EXPECT_FALSE(digest.papers[1].summarized);
}

TEST(DeliveryDigest, AbstractSentencesCutAtASentenceWithAnEllipsis) {
  EXPECT_EQ(abstract_sentences("One. Two is longer. Three.", 18), "One.…");
  EXPECT_EQ(abstract_sentences("No sentence ends within the limit", 18), "No sentence ends…");
  EXPECT_EQ(abstract_sentences("First sentence here. Second one.", 25), "First sentence here.…");
  EXPECT_EQ(abstract_sentences("short", 400), "short");
  const std::string long_abstract(5000, 'a');
  EXPECT_EQ(abstract_sentences(long_abstract, kDeliveryAbstractChars).size(),
            kDeliveryAbstractChars - 1 + std::string("…").size());
}

TEST(DeliveryDigest, SubjectAndHeaderSayTheDateCountsAndCategories) {
  const DeliveryDigest digest =
      make_delivery_digest(day_of(30, 382), "2026-02-12", {"cs.AI", "cs.LG"});
  EXPECT_EQ(delivery_subject(digest), "arXiv digest 2026-02-12: 30 papers (cs.AI, cs.LG)");
  EXPECT_EQ(delivery_header(digest), "2026-02-12 · 30 papers of 412 candidates · cs.AI, cs.LG");
  const DeliveryDigest one = make_delivery_digest(day_of(1, 0), "2026-02-12", {});
  EXPECT_EQ(delivery_subject(one), "arXiv digest 2026-02-12: 1 paper");
  EXPECT_EQ(delivery_header(one), "2026-02-12 · 1 paper of 1 candidate");
  const DeliveryDigest none = make_delivery_digest(day_of(0, 4), "2026-02-13", {"cs.AI"});
  EXPECT_EQ(delivery_subject(none), "arXiv digest 2026-02-13: no new papers (cs.AI)");
}

TEST(DeliveryDigest, FooterNamesTheSenderAndHowToStop) {
  DeliveryDigest digest;
  EXPECT_EQ(delivery_footer(digest, "email"),
            "Sent by arxiv-digest from a local run. To stop these messages, remove "
            "delivery.email from its config.json.");
  digest.sender = "ada/arxiv-digest";
  digest.sender_url = "https://github.com/ada/arxiv-digest";
  EXPECT_THAT(delivery_footer(digest, "slack"),
              HasSubstr("from ada/arxiv-digest (https://github.com/ada/arxiv-digest). To stop "
                        "these messages, remove delivery.slack"));
}

TEST(DeliveryDigest, HashChangesWithWhatTheReaderSeesOnly) {
  const std::vector<ArchiveRecord> records = day_of(3, 1);
  const DeliveryDigest digest = make_delivery_digest(records, "2026-02-12", {"cs.AI"});
  DeliveryDigest elsewhere = digest;
  elsewhere.sender = "someone/else";
  EXPECT_EQ(delivery_hash(digest), delivery_hash(elsewhere));
  EXPECT_EQ(delivery_hash(digest),
            delivery_hash(make_delivery_digest(records, "2026-02-12", {"cs.AI"})));
  DeliveryDigest summarized = digest;
  summarized.papers[1].text = "A summary arrived.";
  summarized.papers[1].summarized = true;
  EXPECT_NE(delivery_hash(digest), delivery_hash(summarized));
  DeliveryDigest other_day = digest;
  other_day.date = "2026-02-13";
  EXPECT_NE(delivery_hash(digest), delivery_hash(other_day));
}

}  // namespace
}  // namespace arxiv_digest
