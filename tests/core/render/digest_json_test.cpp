#include "arxiv_digest/digest_json.hpp"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

std::vector<ArchiveRecord> sample_records() {
  ArchiveRecord first;
  first.digest_date = "2026-02-12";
  first.rank = 2;
  first.paper.id = "2602.00002";
  first.paper.version = 3;
  first.paper.title = "Second \"quoted\" paper";
  first.paper.authors = {"Zoë Ünicode", "Bob"};
  first.paper.abstract = "Line one.\nLine two.";
  first.paper.link = "https://arxiv.org/abs/2602.00002";
  first.paper.pdf_link = "https://arxiv.org/pdf/2602.00002v3";
  first.paper.categories = {"cs.LG", "cs.AI"};
  first.paper.primary_category = "cs.LG";
  first.paper.published = "2026-02-12";
  first.paper.announce_type = "replace";
  first.paper.score = 2.5;
  first.summary = Summary{};
  first.summary->text = "TL;DR";
  first.summary->model = "qwen-long";
  first.summary->fields = SummaryFields{"tldr", "why", "how", "what", "so"};

  ArchiveRecord top = first;
  top.rank = 1;
  top.paper.id = "2602.00001";
  top.paper.version = 1;
  top.paper.score = 7.0;
  top.summary->fields.reset();

  ArchiveRecord unranked = first;
  unranked.rank.reset();
  unranked.paper.id = "2602.00099";
  unranked.summary.reset();
  return {first, top, unranked};
}

TEST(DigestJson, HoldsRankedPapersInRankOrder) {
  const DigestJson digest =
      make_digest_json(sample_records(), "2026-02-12", "2026-02-12T06:46:51Z");
  ASSERT_EQ(digest.papers.size(), 2u);
  EXPECT_EQ(digest.papers[0].id, "2602.00001");
  EXPECT_EQ(digest.papers[0].rank, 1);
  EXPECT_EQ(digest.papers[1].id, "2602.00002");
  EXPECT_EQ(digest.papers[1].version, 3);
  EXPECT_EQ(digest.papers[1].summary->fields->method, "how");
}

TEST(DigestJson, WritesTheDocumentedKeys) {
  const std::string text =
      write_digest_json(make_digest_json(sample_records(), "2026-02-12", "2026-02-12T06:46:51Z"));
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("date"), "2026-02-12");
  EXPECT_EQ(j.at("generated_at"), "2026-02-12T06:46:51Z");
  const auto& paper = j.at("papers").at(1);
  EXPECT_EQ(paper.at("id"), "2602.00002");
  EXPECT_EQ(paper.at("version"), 3);
  EXPECT_EQ(paper.at("title"), "Second \"quoted\" paper");
  EXPECT_EQ(paper.at("authors").at(0), "Zoë Ünicode");
  EXPECT_EQ(paper.at("link"), "https://arxiv.org/abs/2602.00002");
  EXPECT_EQ(paper.at("categories"), (nlohmann::json{"cs.LG", "cs.AI"}));
  EXPECT_EQ(paper.at("score"), 2.5);
  EXPECT_EQ(paper.at("rank"), 2);
  EXPECT_EQ(paper.at("announce_type"), "replace");
  EXPECT_EQ(paper.at("summary").at("model"), "qwen-long");
  EXPECT_EQ(paper.at("summary").at("fields").at("tldr"), "tldr");
  EXPECT_FALSE(j.at("papers").at(0).at("summary").contains("fields"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(DigestJson, RoundTrips) {
  const DigestJson digest =
      make_digest_json(sample_records(), "2026-02-12", "2026-02-12T06:46:51Z");
  const auto parsed = parse_digest_json(write_digest_json(digest), "digest.json");
  ASSERT_OK(parsed);
  EXPECT_EQ(*parsed, digest);
}

TEST(DigestJson, PaperWithoutSummaryHasNull) {
  auto records = sample_records();
  records[0].summary.reset();
  const auto j = nlohmann::json::parse(
      write_digest_json(make_digest_json(records, "2026-02-12", "2026-02-12T06:46:51Z")));
  EXPECT_TRUE(j.at("papers").at(1).at("summary").is_null());
}

TEST(DigestJson, InvalidUtf8IsReplacedNotThrown) {
  auto records = sample_records();
  records[0].paper.title = "bad \xff byte";
  const std::string text =
      write_digest_json(make_digest_json(records, "2026-02-12", "2026-02-12T06:46:51Z"));
  EXPECT_THAT(text, ::testing::HasSubstr("bad \xEF\xBF\xBD byte"));
}

TEST(DigestJson, MalformedInputNamesSourceAndPlace) {
  const auto syntax = parse_digest_json("{\"date\": ", "digest.json");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_EQ(syntax.error().code, ErrorCode::malformed_input);
  EXPECT_THAT(syntax.error().message, ::testing::HasSubstr("digest.json: byte"));

  const auto missing = parse_digest_json(R"({"date": "2026-02-12", "papers": []})", "d.json");
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message, ::testing::HasSubstr("generated_at"));
}

// Found by fuzz_archive: a date that is no date went through, and names files downstream.
TEST(DigestJson, TheDateMustBeADate) {
  const std::string text =
      write_digest_json(make_digest_json(sample_records(), "206-2-2012", "2026-02-12T06:46:51Z"));
  const auto parsed = parse_digest_json(text, "digest.json");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message,
            "digest.json: \"date\" must be a date as YYYY-MM-DD, not \"206-2-2012\"");
  ASSERT_OK(parse_digest_json(
      write_digest_json(make_digest_json(sample_records(), "", "2026-02-12T06:46:51Z")),
      "digest.json"));
}

// get_to(int) converted 1e10 with undefined behaviour and truncated 3.7 to 3.
TEST(DigestJson, RankAndVersionMustBeIntegersThatFit) {
  const std::string text =
      write_digest_json(make_digest_json(sample_records(), "2026-02-12", "2026-02-12T06:46:51Z"));
  ASSERT_OK(parse_digest_json(text, "digest.json"));
  const auto with = [&](std::string_view from, std::string_view to) {
    std::string changed = text;
    const std::size_t at = changed.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return parse_digest_json(changed.replace(at, from.size(), to), "digest.json");
  };
  EXPECT_EQ(with("\"rank\": 1", "\"rank\": 1e10").error().message,
            "digest.json: \"rank\": expected an integer 1–2147483647, got 10000000000.0");
  EXPECT_EQ(with("\"version\": 1", "\"version\": 3.7").error().message,
            "digest.json: \"version\": expected an integer 1–2147483647, got 3.7");
  EXPECT_EQ(with("\"rank\": 1", "\"rank\": 0").error().message,
            "digest.json: \"rank\": expected an integer 1–2147483647, got 0");
}

}  // namespace
}  // namespace arxiv_digest
