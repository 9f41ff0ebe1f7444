#include <gmock/gmock.h>

#include "arxiv_digest/papers_file.hpp"
#include "arxiv_digest/readme.hpp"
#include "core/render/embedded_files.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using testing::first_difference;
using testing::fixture_path;
using testing::read_file;

ReadmeTemplates default_templates() {
  return {std::string(*embedded_file("README.md.mustache")),
          std::string(*embedded_file("paper.md.mustache"))};
}

DigestEntry sample_entry() {
  DigestEntry entry;
  entry.rank = 1;
  entry.title = "A Title";
  entry.link = "https://arxiv.org/abs/2602.00001";
  entry.authors = {"Ada Lovelace", "Alan Turing"};
  entry.category = "cs.LG";
  entry.published = "2026-02-12";
  entry.score = 3.0;
  entry.announce_type = "new";
  entry.arxiv_id = "2602.00001v1";
  entry.abstract = "Short abstract.";
  return entry;
}

std::string render_one(const DigestEntry& entry) {
  auto section = render_papers_section({entry}, default_templates().paper);
  EXPECT_TRUE(section.has_value()) << section.error().message;
  return section.value_or(std::string());
}

class GoldenDigest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDigest, PapersSectionMatchesTheOriginalByteForByte) {
  const std::string stem = fixture_path("golden/readme_digest_" + GetParam());
  const auto papers = parse_papers_file(read_file(stem + ".papers.json"), "papers.json");
  ASSERT_OK(papers);
  const std::string expected = read_file(stem + ".papers_section.md");

  const auto section = render_papers_section(papers->entries, default_templates().paper);
  ASSERT_OK(section);
  EXPECT_EQ(first_difference(expected, *section), "");
  EXPECT_TRUE(*section == expected);

  ReadmeView view;
  view.last_updated = papers->last_updated;
  view.categories = papers->categories;
  view.keywords = papers->keywords;
  view.status_line = "rendered from papers.json";
  view.entries = papers->entries;
  const auto readme = render_readme(view, default_templates());
  ASSERT_OK(readme);
  EXPECT_NE(readme->find(expected), std::string::npos) << "papers section not found verbatim";
  EXPECT_NE(readme->find("- **Total Papers Found**: 30"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Seeds, GoldenDigest, ::testing::Values("2025-12-25", "2026-02-12"));

TEST(ReadmeRenderer, EveryMetadataLineEndsInTwoSpaces) {
  const std::string block = render_one(sample_entry());
  EXPECT_THAT(block, ::testing::HasSubstr("**Authors**: Ada Lovelace, Alan Turing  \n"));
  EXPECT_THAT(block, ::testing::HasSubstr(
                         "**ArXiv ID**: 2602.00001v1  \n\n#### Abstract\nShort abstract.\n\n---"));
  EXPECT_EQ(block.substr(block.size() - 3), "---");
}

TEST(ReadmeRenderer, AmpersandAndQuotesStayAsWritten) {
  auto entry = sample_entry();
  entry.title = R"(R&D "quoted" it's)";
  entry.abstract = "Tom & Jerry's \"test\".";
  const std::string block = render_one(entry);
  EXPECT_THAT(block, ::testing::HasSubstr(R"([R&D "quoted" it's])"));
  EXPECT_THAT(block, ::testing::HasSubstr("Tom & Jerry's \"test\"."));
}

TEST(ReadmeRenderer, AngleBracketsInTitleAuthorsAndAbstractAreEscaped) {
  auto entry = sample_entry();
  entry.title = "Stop at </think> tokens";
  entry.authors = {"A <B> C"};
  entry.abstract = "We show $2<N<3$ and *</think>*.";
  const std::string block = render_one(entry);
  EXPECT_THAT(block, ::testing::HasSubstr("[Stop at &lt;/think&gt; tokens]"));
  EXPECT_THAT(block, ::testing::HasSubstr("A &lt;B&gt; C"));
  EXPECT_THAT(block, ::testing::HasSubstr("We show $2&lt;N&lt;3$ and *&lt;/think&gt;*."));
}

TEST(ReadmeRenderer, TitleWithBracketsStaysOneLink) {
  auto entry = sample_entry();
  entry.title = "Closing ] early and [ opening";
  const std::string block = render_one(entry);
  EXPECT_THAT(block,
              ::testing::HasSubstr(
                  "### 1. [Closing \\] early and \\[ opening](https://arxiv.org/abs/2602.00001)"));
}

TEST(ReadmeRenderer, SummaryCannotCloseTheCollapsibleBlock) {
  auto entry = sample_entry();
  entry.summary = "| a | b |\n|---|---|\n| x<br>y | z |\n</details>\n<summary>x</summary>";
  entry.summary_model = "qwen-long";
  const std::string block = render_one(entry);
  EXPECT_THAT(block, ::testing::HasSubstr("| x<br>y | z |"));
  EXPECT_THAT(block, ::testing::HasSubstr(
                         "&lt;/details>\n&lt;summary>x&lt;/summary>\n\n</details>\n\n---"));
  EXPECT_THAT(block,
              ::testing::HasSubstr(
                  "<summary><strong>🤖 AI Summary (by qwen-long)</strong> - Click to expand"
                  "</summary>\n\n| a | b |"));
}

TEST(ReadmeRenderer, AbstractIsCutAt300CharactersNotBytes) {
  auto entry = sample_entry();
  std::string abstract;
  for (int i = 0; i < 310; ++i) {
    abstract += "é";  // two bytes each
  }
  entry.abstract = abstract;
  const std::string block = render_one(entry);
  std::string expected;
  for (int i = 0; i < 300; ++i) {
    expected += "é";
  }
  EXPECT_THAT(block, ::testing::HasSubstr("#### Abstract\n" + expected + "...\n\n---"));
}

TEST(ReadmeRenderer, MissingAuthorsShowUnknown) {
  auto entry = sample_entry();
  entry.authors.clear();
  EXPECT_THAT(render_one(entry), ::testing::HasSubstr("**Authors**: Unknown  \n"));
}

TEST(ReadmeRenderer, ReplacesOnlyTheStatusBlock) {
  ReadmeView view;
  view.digest_date = "2026-02-12";
  view.status_line = "first run";
  view.entries = {sample_entry()};
  const auto readme = render_readme(view, default_templates());
  ASSERT_OK(readme);
  const auto updated = replace_status_line(*readme, "no new papers today");
  ASSERT_OK(updated);
  EXPECT_EQ(updated->find("first run"), std::string::npos);
  EXPECT_NE(updated->find("no new papers today"), std::string::npos);
  EXPECT_NE(updated->find(render_one(sample_entry())), std::string::npos);
}

TEST(ReadmeRenderer, StatusReplacementNeedsOurMarkers) {
  const auto updated = replace_status_line("# A README from elsewhere\n", "x");
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::malformed_input);
}

TEST(SameDigest, OnlyTheTimeAndTheStatusMayDiffer) {
  const std::string before =
      "# Digest\n- **Last Updated**: 2026-02-12 06:00:00 UTC\n<!-- arxiv-digest:status -->\n"
      "> 15 new\n<!-- /arxiv-digest:status -->\n### 1. [A](x)\n";
  const std::string rerun =
      "# Digest\n- **Last Updated**: 2026-02-12 07:30:00 UTC\n<!-- arxiv-digest:status -->\n"
      "> 15 cached\n<!-- /arxiv-digest:status -->\n### 1. [A](x)\n";
  EXPECT_TRUE(same_digest(before, rerun, "2026-02-12 07:30:00 UTC"));
  EXPECT_TRUE(same_digest(before, before, "2026-02-12 06:00:00 UTC"));
}

TEST(SameDigest, AnyOtherChangeCounts) {
  const std::string before = "# Digest\n- **Last Updated**: T1\n### 1. [A](x)\n";
  EXPECT_FALSE(same_digest(before, "# Digest\n- **Last Updated**: T2\n### 1. [B](x)\n", "T2"));
  EXPECT_FALSE(
      same_digest(before, "# Digest\n- **Last Updated**: T2\n### 1. [A](x)\nmore\n", "T2"));
  EXPECT_FALSE(same_digest(before + "### 2. [C](y)\n", before, "T1"));
  // A changed line is forgiven only when it shows the new time.
  EXPECT_FALSE(same_digest(before, "# Digest\n- **Last Updated**: T2\n### 1. [A](x)\n", "T9"));
  EXPECT_TRUE(same_digest(before, "# Digest\n- **Last Updated**: T9\n### 1. [A](x)\n", "T9"));
}

// get<int>() truncated a rank of 3.7 and converted 1e10 with undefined behaviour; either shape of
// papers file now names the rank instead.
TEST(PapersFile, ARankThatIsNoWholeNumberIsAnError) {
  const std::string seed =
      R"({"papers": [{"rank": 3.7, "title": "T", "link": "L", "authors": [], "category": "cs.LG",)"
      R"( "published": "2026-02-12", "score": 1, "announce_type": "new", "arxiv_id": "2602.1v1",)"
      R"( "abstract": "A"}]})";
  const auto from_seed = parse_papers_file(seed, "papers.json");
  ASSERT_FALSE(from_seed.has_value());
  EXPECT_EQ(from_seed.error().message,
            R"(papers.json: "rank": expected an integer 1–2147483647, got 3.7)");
  const auto from_rank =
      parse_papers_file(R"([{"id": "2602.1", "version": 1, "title": "T", "rank": 1e10}])", "p");
  ASSERT_FALSE(from_rank.has_value());
  EXPECT_EQ(from_rank.error().message,
            R"(p: "rank": expected an integer 1–2147483647, got 10000000000.0)");
  const auto fine = parse_papers_file(R"([{"id": "2602.1", "version": 1, "title": "T"}])", "p");
  ASSERT_TRUE(fine.has_value()) << fine.error().message;
  EXPECT_EQ(fine->entries.at(0).rank, 1);
}

}  // namespace
}  // namespace arxiv_digest
