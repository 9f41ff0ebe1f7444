// The config's enums: each spelled in config.json exactly as its to_string writes it, read back
// by its parse, and a bad value named with its JSON path, the allowed values and a suggestion.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "arxiv_digest/config.hpp"

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;

template <typename Enum, std::size_t N>
void expect_round_trip(const std::array<Enum, N>& values,
                       std::optional<Enum> (*parse)(std::string_view)) {
  for (const Enum value : values) {
    EXPECT_EQ(parse(to_string(value)), value) << to_string(value);
  }
  EXPECT_EQ(parse(""), std::nullopt);
  EXPECT_EQ(parse("not-a-value"), std::nullopt);
}

TEST(ConfigEnums, MatchModeIsSpelledAsInConfig) {
  EXPECT_EQ(to_string(MatchMode::word), "word");
  EXPECT_EQ(to_string(MatchMode::substring), "substring");
  expect_round_trip(kMatchModes, parse_match_mode);
  EXPECT_EQ(parse_match_mode("Word"), std::nullopt);
}

TEST(ConfigEnums, SummaryModeIsSpelledAsInConfig) {
  EXPECT_EQ(to_string(SummaryMode::sync), "sync");
  EXPECT_EQ(to_string(SummaryMode::batch), "batch");
  expect_round_trip(kSummaryModes, parse_summary_mode);
  EXPECT_EQ(parse_summary_mode("Batch"), std::nullopt);
}

TEST(ConfigEnums, SummaryInputIsSpelledAsInConfig) {
  EXPECT_EQ(to_string(SummaryInput::abstract), "abstract");
  EXPECT_EQ(to_string(SummaryInput::pdf), "pdf");
  expect_round_trip(kSummaryInputs, parse_summary_input);
  EXPECT_EQ(parse_summary_input("PDF"), std::nullopt);
}

TEST(ConfigEnums, SummaryFormatIsSpelledAsInConfig) {
  EXPECT_EQ(to_string(SummaryFormat::markdown), "markdown");
  EXPECT_EQ(to_string(SummaryFormat::fields), "fields");
  expect_round_trip(kSummaryFormats, parse_summary_format);
  EXPECT_EQ(parse_summary_format("md"), std::nullopt);
}

TEST(ConfigEnums, EachKeyReadsItsEnum) {
  const Result<Config> config = parse_config(R"({"categories": ["cs.AI"], "match": "substring",
      "source": {"kind": "api"},
      "ai_summary": {"mode": "batch", "input": "pdf", "format": "fields"}})",
                                             "config.json");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->match, MatchMode::substring);
  EXPECT_EQ(config->source.kind, FeedKind::api);
  EXPECT_EQ(config->ai_summary.mode, SummaryMode::batch);
  EXPECT_EQ(config->ai_summary.input, SummaryInput::pdf);
  EXPECT_EQ(config->ai_summary.format, SummaryFormat::fields);
}

std::string error_for(const std::string& section, const std::string& key,
                      const nlohmann::json& value) {
  nlohmann::json doc = {{"categories", {"cs.AI"}}};
  doc[section][key] = value;
  const Result<Config> config = parse_config(doc.dump(), "config.json");
  EXPECT_FALSE(config) << doc.dump();
  return config ? "" : config.error().message;
}

TEST(ConfigEnums, ABadValueNamesThePathTheAllowedValuesAndTheClosestOne) {
  EXPECT_EQ(error_for("source", "kind", "RSS"),
            R"(config.json: /source/kind: expected one of "rss", "atom" or "api", got "RSS"; )"
            R"(did you mean "rss"?)");
  EXPECT_EQ(error_for("ai_summary", "mode", "batsh"),
            R"(config.json: /ai_summary/mode: expected one of "sync" or "batch", got "batsh"; )"
            R"(did you mean "batch"?)");
  EXPECT_EQ(error_for("ai_summary", "input", "PDF"),
            R"(config.json: /ai_summary/input: expected one of "abstract" or "pdf", got "PDF"; )"
            R"(did you mean "pdf"?)");
  EXPECT_EQ(error_for("ai_summary", "format", "json"),
            R"(config.json: /ai_summary/format: expected one of "markdown" or "fields", got )"
            R"("json")");
  EXPECT_THAT(error_for("ai_summary", "format", 1),
              HasSubstr(R"(/ai_summary/format: expected one of "markdown" or "fields", got 1)"));
}

}  // namespace
}  // namespace arxiv_digest
