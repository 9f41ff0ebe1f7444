#include <gmock/gmock.h>

#include <cstdio>

#include "arxiv_digest/paper_cards.hpp"
#include "core/render/embedded_files.hpp"

namespace arxiv_digest {
namespace {

std::string cards_template() { return std::string(*embedded_file("paper_cards.md.mustache")); }

ArchiveRecord record(const std::string& id, int rank, const std::string& title,
                     const std::string& abstract) {
  ArchiveRecord r;
  r.digest_date = "2026-02-12";
  r.rank = rank;
  r.paper.id = id;
  r.paper.title = title;
  r.paper.abstract = abstract;
  r.paper.link = "https://arxiv.org/abs/" + id;
  r.paper.authors = {"Hanno Ackermann", "Hong Cai"};
  r.paper.published = "2026-02-12";
  r.paper.score = 23.4;
  return r;
}

std::string render(const std::vector<ArchiveRecord>& records, const RelatedByPaper& related) {
  auto text = render_paper_cards(records, related, cards_template());
  EXPECT_TRUE(text.has_value()) << text.error().message;
  return text.value_or("");
}

TEST(PaperCardsRenderer, DateAndScoreReadLikeTheSeed) {
  EXPECT_EQ(card_date("2026-02-12"), "Thu, 12 Feb 2026");
  EXPECT_EQ(card_date("2025-12-25"), "Thu, 25 Dec 2025");
  EXPECT_EQ(card_date("2024-02-29"), "Thu, 29 Feb 2024");
  EXPECT_EQ(card_date("soon"), "soon");
  EXPECT_EQ(card_score(23.409131174857666), "23.409131174857666");
  EXPECT_EQ(card_score(4.5), "4.5");
  EXPECT_EQ(card_score(10.0), "10");
}

TEST(PaperCardsRenderer, CardInTheSeedLayoutWithRelatedPapers) {
  auto hla = record("2602.12128", 1, "HLA: Hadamard Linear Attention",
                    "Linear attention approximates softmax attention.\n  We propose HLA.");
  hla.paper.license = "http://creativecommons.org/licenses/by/4.0/";
  hla.summary = Summary{};
  hla.summary->text = "Markdown text";
  hla.summary->fields =
      SummaryFields{"Hadamard linear attention approximates softmax.", "", "", "", ""};
  Paper earlier;
  earlier.id = "2510.27258";
  earlier.title = "Higher-order Linear Attention";
  earlier.abstract = "A causal linear attention mechanism beyond softmax.";
  earlier.link = "https://arxiv.org/abs/2510.27258";
  earlier.published = "2025-10-31";

  const double similarity = 0.4271;
  const RelatedByPaper related = {
      {"2602.12128",
       {RelatedPaper{earlier.id, 1, earlier.title, earlier.link, earlier.published, similarity}}}};
  const char* expected_similarity = "0.427";

  const auto text = render_paper_cards({hla}, related, cards_template());
  ASSERT_TRUE(text.has_value()) << text.error().message;
  EXPECT_EQ(*text,
            "HLA: Hadamard Linear Attention\n"
            "- URL: https://arxiv.org/abs/2602.12128v1\n"
            "- Date: Thu, 12 Feb 2026\n"
            "- Title: HLA: Hadamard Linear Attention\n"
            "- Authors: Hanno Ackermann, Hong Cai\n"
            "- Abstract summary: Hadamard linear attention approximates softmax.\n"
            "- Score: 23.4\n"
            "- License: http://creativecommons.org/licenses/by/4.0/\n"
            "- Abstract: Linear attention approximates softmax attention. We propose HLA.\n"
            "Related papers\n"
            "- Higher-order Linear Attention [" +
                std::string(expected_similarity) +
                "]\n"
                "  https://arxiv.org/abs/2510.27258 (2025-10-31)\n"
                "This list is automatically generated from the titles and abstracts of the papers "
                "in this digest's archive.\n");
}

TEST(PaperCardsRenderer, OptionalLinesAreLeftOutAndCardsAreSeparated) {
  auto first = record("2602.00001", 1, "Alpha <beta>", "Gamma.");
  auto second = record("2602.00002", 2, "Delta", "Epsilon.");
  second.summary = Summary{};
  second.summary->text = "Line one\n\n- bullet two";
  const std::string text = render({second, first}, {});
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("License")));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("Related papers")));
  EXPECT_EQ(text.find("Abstract summary: "), text.find("Abstract summary: Line one - bullet two"));
  EXPECT_EQ(text.rfind("Alpha &lt;beta&gt;\n- URL:", 0), 0u);  // rank order
  EXPECT_THAT(text, ::testing::HasSubstr("- Abstract: Gamma.\n\nDelta\n- URL:")) << text;
}

TEST(PaperCardsRenderer, RelatedSimilarityHasThreeDecimals) {
  auto a = record("2602.00001", 1, "graph neural networks", "message passing");
  auto b = record("2602.00002", 2, "graph neural networks", "message passing");
  const RelatedByPaper related = {
      {a.paper.id,
       {RelatedPaper{b.paper.id, 1, b.paper.title, b.paper.link, b.paper.published, 0.99996}}}};
  const std::string text = render({a, b}, related);
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "- graph neural networks [1.000]\n  https://arxiv.org/abs/2602.00002"))
      << text;
}

}  // namespace
}  // namespace arxiv_digest
