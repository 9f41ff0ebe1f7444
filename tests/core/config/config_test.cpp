#include "arxiv_digest/config.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;
using testing::fixture_path;
using testing::read_file;
using testing::source_path;

::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "\"" << part << "\" not found in:\n" << text;
}

// The whole error message for a config that must be rejected ("" and a test failure otherwise).
std::string error_of(std::string_view text, std::string_view source = "config.json") {
  const Result<Config> result = parse_config(text, source);
  if (result) {
    ADD_FAILURE() << "accepted, but should be rejected:\n" << text;
    return "";
  }
  EXPECT_EQ(result.error().code, ErrorCode::invalid_config);
  return result.error().message;
}

std::string fixture_error(const std::string& name) {
  return error_of(read_file(fixture_path("config/" + name)), name);
}

// {"categories": ["cs.AI"]} plus `extra`'s members.
std::string minimal_with(const json& extra) {
  json doc = {{"categories", {"cs.AI"}}};
  doc.update(extra);
  return doc.dump();
}

Config minimal_config() {
  Config config;
  config.categories = {"cs.AI"};
  return config;
}

// ---- configs that must load ------------------------------------------------------------------

TEST(Config, ShippedConfigParses) {
  const Result<Config> config = parse_config(read_file(source_path("config.json")), "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(config->categories, (std::vector<std::string>{"cs.AI", "cs.CL", "cs.DC", "cs.LG"}));
  EXPECT_EQ(config->match, MatchMode::word);
  EXPECT_EQ(config->keywords.front(), (Keyword{"LLM", 2.0}));
  EXPECT_EQ(config->keywords.back(), (Keyword{"kv cache", 2.0}));
  EXPECT_TRUE(config->notes.empty());
  // The shipped sections spell out the defaults, but for the site, which a fork publishes.
  EXPECT_EQ(config->source, SourceConfig{});
  EXPECT_EQ(config->ai_summary, AiSummaryConfig{});
  OutputConfig fork_output;
  fork_output.site_enabled = true;
  EXPECT_EQ(config->output, fork_output);
}

TEST(Config, OriginalBotConfigLoadsUnmodified) {
  const Result<Config> config =
      parse_config(read_file(fixture_path("config/original_arxiv_rss_bot.json")), "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(config->categories, (std::vector<std::string>{"cs.AI", "cs.CL", "cs.DC", "cs.LG"}));
  ASSERT_EQ(config->keywords.size(), 30U);
  EXPECT_EQ(config->keywords[0], (Keyword{"LLM", 1.0}));
  EXPECT_EQ(config->keywords[29], (Keyword{"Communication", 1.0}));
  EXPECT_EQ(config->exclude_keywords, (std::vector<std::string>{"survey", "review", "tutorial"}));
  EXPECT_EQ(config->max_papers, 30);
  EXPECT_EQ(config->days_back, 7);
  EXPECT_EQ(config->min_score, 2.5);
  EXPECT_EQ(config->notes,
            (std::vector<std::string>{
                "deduplication_methods is ignored: papers are always deduplicated by arXiv id",
                "fetch_ratings is ignored: arxiv-digest does not fetch ratings",
                "display_limit is ignored: the digest shows at most max_papers papers"}));
}

TEST(Config, OriginalBotAiSummaryLoadsAndUsePdfMeansPdfInput) {
  const Result<Config> config = parse_config(
      read_file(fixture_path("config/original_arxiv_rss_bot_ai_summary.json")), "config.json");
  ASSERT_OK(config);
  AiSummaryConfig expected;
  expected.enabled = true;
  expected.prompt_file = "ai_summary_prompt.txt";
  expected.max_papers_to_summarize = 15;
  expected.max_workers = 5;
  expected.input = SummaryInput::pdf;
  EXPECT_EQ(config->ai_summary, expected);
  EXPECT_EQ(config->notes.size(), 3U);  // use_pdf had an effect, so it is not noted
}

TEST(Config, UsePdfFalseMeansAbstractInput) {
  const Result<Config> config =
      parse_config(minimal_with({{"ai_summary", {{"use_pdf", false}}}}), "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(config->ai_summary.input, SummaryInput::abstract);
  EXPECT_TRUE(config->notes.empty());
}

TEST(Config, UsePdfIsIgnoredWithANoteWhenInputIsSet) {
  const Result<Config> config = parse_config(
      minimal_with({{"ai_summary", {{"use_pdf", true}, {"input", "abstract"}}}}), "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(config->ai_summary.input, SummaryInput::abstract);
  ASSERT_EQ(config->notes.size(), 1U);
  EXPECT_TRUE(contains(config->notes[0], "ai_summary.use_pdf is ignored"));
}

TEST(Config, MissingKeysTakeTheMemberInitializerDefaults) {
  const Result<Config> config = parse_config(R"({"categories": ["cs.AI"]})", "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(*config, minimal_config());
}

TEST(Config, SchemaKeyIsAllowedForEditors) {
  EXPECT_OK(parse_config(minimal_with({{"$schema", "./config.schema.json"}}), "config.json"));
}

TEST(Config, WriteConfigRoundTrips) {
  Config config = minimal_config();
  config.categories = {"cs.AI", "astro-ph", "math.CO", "q-bio.NC", "cond-mat.stat-mech"};
  config.keywords = {{"LLM", 1.0}, {"kv cache", 2.5}};
  config.exclude_keywords = {"survey"};
  config.match = MatchMode::substring;
  config.announce_types = {"new", "cross"};
  config.min_score = 1.5;
  config.source.kind = FeedKind::api;
  config.source.base_url = "http://127.0.0.1:8080";
  config.ai_summary.mode = SummaryMode::batch;
  config.ai_summary.max_tokens_per_run = 5'000'000'000LL;
  config.output.feed_enabled = false;
  const Result<Config> reread = parse_config(write_config(config), "written");
  ASSERT_OK(reread);
  EXPECT_EQ(*reread, config);
}

TEST(Config, WriteConfigWritesAWeightOneKeywordAsAString) {
  Config config = minimal_config();
  config.keywords = {{"LLM", 1.0}, {"kv cache", 2.0}};
  const json written = json::parse(write_config(config));
  EXPECT_EQ(written["keywords"], json::parse(R"(["LLM", {"term": "kv cache", "weight": 2.0}])"));
}

// ---- the schema and the parser cannot drift ------------------------------------------------

struct SchemaKey {
  std::string pointer;  // "/ai_summary/max_workers"
  json schema;
  // Inside an object that is absent by default (a delivery channel: present means on), and so
  // neither written by default nor valid without that object's other required keys.
  bool in_optional_object = false;
  json enclosing_example;  // that object's first example, pointer: where it goes
  std::string enclosing_pointer;
};

void collect_keys(const json& schema, const std::string& prefix, std::vector<SchemaKey>& out,
                  const SchemaKey* enclosing = nullptr) {
  if (!schema.contains("properties")) {
    return;
  }
  for (const auto& [key, sub] : schema["properties"].items()) {
    SchemaKey entry{prefix + "/" + key, sub, false, json(), ""};
    if (enclosing != nullptr && enclosing->in_optional_object) {
      entry.in_optional_object = true;
      entry.enclosing_example = enclosing->enclosing_example;
      entry.enclosing_pointer = enclosing->enclosing_pointer;
    }
    out.push_back(entry);
    SchemaKey as_enclosing = entry;
    if (sub.contains("properties") && !sub.contains("default") &&
        !as_enclosing.in_optional_object) {
      as_enclosing.in_optional_object = true;
      as_enclosing.enclosing_example = sub.value("examples", json::array({json::object()}))[0];
      as_enclosing.enclosing_pointer = entry.pointer;
    }
    collect_keys(sub, prefix + "/" + key, out, &as_enclosing);
  }
}

std::vector<SchemaKey> schema_keys() {
  std::vector<SchemaKey> keys;
  collect_keys(json::parse(read_file(source_path("config.schema.json"))), "", keys);
  return keys;
}

// A config that is minimal except for `value` at `pointer` (inside an optional object, that
// object's example supplies its other required keys).
std::string with_value_at(const std::string& pointer, const json& value,
                          const SchemaKey* key = nullptr) {
  json doc = {{"categories", {"cs.AI"}}};
  if (key != nullptr && key->in_optional_object && key->enclosing_pointer != pointer) {
    doc[json::json_pointer(key->enclosing_pointer)] = key->enclosing_example;
  }
  doc[json::json_pointer(pointer)] = value;
  return doc.dump();
}

json sample_value(const SchemaKey& key) {
  if (key.schema.contains("default")) {
    return key.schema["default"];
  }
  if (key.schema.contains("examples")) {
    return key.schema["examples"][0];
  }
  ADD_FAILURE() << key.pointer << ": the schema gives neither a default nor an example";
  return nullptr;
}

TEST(Config, SchemaAndParserKnowTheSameKeys) {
  std::set<std::string> in_schema;
  for (const SchemaKey& key : schema_keys()) {
    in_schema.insert(key.pointer);
  }
  const std::vector<std::string> parser_keys = config_key_paths();
  const std::set<std::string> in_parser(parser_keys.begin(), parser_keys.end());
  EXPECT_EQ(in_parser.size(), parser_keys.size()) << "config_key_paths() lists a key twice";
  for (const std::string& key : in_schema) {
    EXPECT_TRUE(in_parser.count(key)) << key << " is in config.schema.json but parse_config "
                                      << "does not know it";
  }
  for (const std::string& key : in_parser) {
    EXPECT_TRUE(in_schema.count(key)) << key << " is accepted by parse_config but missing from "
                                      << "config.schema.json";
  }
}

TEST(Config, EverySchemaKeyIsAcceptedWithItsDefaultOrExample) {
  for (const SchemaKey& key : schema_keys()) {
    const Result<Config> config =
        parse_config(with_value_at(key.pointer, sample_value(key), &key), "t");
    EXPECT_TRUE(config.has_value()) << key.pointer << ": " << config.error().message;
  }
}

TEST(Config, SchemaDefaultsEqualTheMemberInitializers) {
  const json written = json::parse(write_config(minimal_config()));
  for (const SchemaKey& key : schema_keys()) {
    if (!key.schema.contains("default") || key.schema.contains("properties") ||
        key.in_optional_object) {
      continue;  // legacy keys and "$schema" have no default; sections are checked key by key
    }
    const json::json_pointer pointer(key.pointer);
    ASSERT_TRUE(written.contains(pointer)) << key.pointer << " has a default but is not written";
    EXPECT_EQ(written.at(pointer), key.schema["default"]) << key.pointer;
  }
}

TEST(Config, SchemaRangesAndEnumsMatchTheParser) {
  const auto accepts = [](const SchemaKey& key, const json& value) {
    const Result<Config> config = parse_config(with_value_at(key.pointer, value, &key), "t");
    EXPECT_TRUE(config.has_value())
        << key.pointer << " = " << value.dump()
        << " is valid in the schema but rejected: " << config.error().message;
  };
  const auto rejects = [](const SchemaKey& key, const json& value) {
    const Result<Config> config = parse_config(with_value_at(key.pointer, value, &key), "t");
    EXPECT_FALSE(config.has_value())
        << key.pointer << " = " << value.dump() << " is invalid in the schema but accepted";
    if (!config.has_value()) {
      EXPECT_TRUE(contains(config.error().message, "t: " + key.pointer));
    }
  };
  for (const SchemaKey& key : schema_keys()) {
    const json& s = key.schema;
    const std::string type = s.value("type", "");
    if (type == "integer" || type == "number") {
      const double step = type == "integer" ? 1.0 : 0.5;
      if (s.contains("minimum")) {
        accepts(key, s["minimum"]);
        rejects(key, s["minimum"].get<double>() - step);
      }
      if (s.contains("maximum")) {
        accepts(key, s["maximum"]);
        rejects(key, s["maximum"].get<double>() + step);
      }
      if (type == "integer") {
        rejects(key, 1.5);
      }
      rejects(key, "1");
    }
    if (type == "boolean") {
      rejects(key, "true");
    }
    if (type == "string") {
      rejects(key, 1);
    }
    if (s.contains("enum")) {
      for (const json& value : s["enum"]) {
        accepts(key, value);
      }
      rejects(key, "not-a-value");
    }
    if (type == "array" && s["items"].contains("enum")) {
      for (const json& value : s["items"]["enum"]) {
        accepts(key, json::array({value}));
      }
      rejects(key, json::array({"not-a-value"}));
    }
    if (type == "array" && s.value("minItems", 0) == 1) {
      rejects(key, json::array());
    }
  }
}

// ---- errors -----------------------------------------------------------------------------------

TEST(Config, UnknownKeySuggestsTheClosestKey) {
  EXPECT_EQ(fixture_error("bad_unknown_key.json"),
            R"(bad_unknown_key.json: /ai_sumary: unknown key; did you mean "ai_summary"?)");
}

TEST(Config, UnknownNestedKeySuggestsWithinItsSection) {
  EXPECT_EQ(error_of(minimal_with({{"source", {{"kindd", "rss"}}}})),
            R"(config.json: /source/kindd: unknown key; did you mean "kind"?)");
  EXPECT_EQ(error_of(minimal_with({{"keywords", {{{"term", "LLM"}, {"wieght", 2}}}}})),
            R"(config.json: /keywords/0/wieght: unknown key; did you mean "weight"?)");
}

TEST(Config, UnknownKeyWithNoNeighbourListsTheAllowedKeys) {
  const std::string message = error_of(minimal_with({{"output", {{"colour", "blue"}}}}));
  EXPECT_TRUE(contains(message,
                       "config.json: /output/colour: unknown key; keys allowed here: "
                       "readme, archive_dir, state_dir, digests_dir, feed,"));
}

TEST(Config, UnknownKeyCaseSlipSuggestsTheKey) {
  EXPECT_EQ(error_of(minimal_with({{"Max_Papers", 10}})),
            R"(config.json: /Max_Papers: unknown key; did you mean "max_papers"?)");
}

TEST(Config, WrongTypeNamesPathValueAndWhatIsAllowed) {
  EXPECT_EQ(
      fixture_error("bad_wrong_type.json"),
      R"(bad_wrong_type.json: /ai_summary/max_workers: expected an integer 1–64, got "four")");
}

TEST(Config, NegativeMaxPapersIsAnErrorNamingTheKey) {
  EXPECT_EQ(fixture_error("bad_negative_max_papers.json"),
            "bad_negative_max_papers.json: /max_papers: expected an integer 1–1000, got -5");
}

TEST(Config, EmptyCategoriesIsAnError) {
  EXPECT_EQ(fixture_error("bad_empty_categories.json"),
            "bad_empty_categories.json: /categories: expected a non-empty array of arXiv "
            R"(categories such as ["cs.AI", "cs.CL"], got [])");
}

TEST(Config, MissingCategoriesIsAnError) {
  EXPECT_TRUE(contains(error_of(R"({"keywords": ["LLM"]})"), "config.json: /categories: missing"));
}

TEST(Config, BadEnumValueSuggestsTheClosestValue) {
  EXPECT_EQ(fixture_error("bad_enum.json"),
            R"(bad_enum.json: /match: expected one of "word" or "substring", got "words"; )"
            R"(did you mean "word"?)");
  EXPECT_TRUE(contains(error_of(minimal_with({{"ai_summary", {{"mode", "Batch"}}}})),
                       R"(got "Batch"; did you mean "batch"?)"));
}

TEST(Config, ReportsEveryProblemAtOnceInDocumentOrder) {
  EXPECT_EQ(fixture_error("bad_several_problems.json"),
            "bad_several_problems.json: /categories/1: \"cs.AI\" is listed twice (first at "
            "/categories/0)\n"
            "bad_several_problems.json: /categories/2: expected an arXiv category such as "
            "\"cs.AI\", \"astro-ph\" or \"q-bio.NC\", got \"not a category\"\n"
            "bad_several_problems.json: /keywords/1: expected a keyword: a non-empty string, or "
            "an object such as {\"term\": \"kv cache\", \"weight\": 2}, got \"\"\n"
            "bad_several_problems.json: /keywords/2/weight: expected a number > 0, got 0\n"
            "bad_several_problems.json: /max_papers: expected an integer 1–1000, got 0\n"
            "bad_several_problems.json: /announce_types/1: expected one of \"new\", \"cross\", "
            "\"replace\", \"replace-cross\" or \"absonly\", got \"crosss\"; did you mean "
            "\"cross\"?\n"
            "bad_several_problems.json: /source/kind: expected one of \"rss\", \"atom\" or "
            "\"api\", got \"http\"\n"
            "bad_several_problems.json: /source/timeout_s: expected an integer 1–600, got 0\n"
            "bad_several_problems.json: /ai_summary/temperature: expected a number 0–2, got 3.5\n"
            "bad_several_problems.json: /ai_summary/batch_completion_window: expected a duration "
            "in hours or days such as \"24h\", got \"one day\"\n"
            "bad_several_problems.json: /output/readme: expected a non-empty path (relative to "
            "the folder of config.json, or absolute), got \"\"");
}

TEST(Config, SyntaxErrorGivesLineColumnAndByte) {
  const std::string message = fixture_error("bad_syntax.json");
  // Line 3 is `  "keywords": ["LLM", "RL",],`; the offending `]` is its 28th character.
  EXPECT_TRUE(contains(message, "bad_syntax.json: line 3, column 28 (byte 56): "));
  EXPECT_TRUE(contains(message, "unexpected ']'"));
  EXPECT_TRUE(contains(message, "(JSON allows no comma before a closing bracket)"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("json.exception"))) << message;
}

TEST(Config, SyntaxErrorColumnCountsCharactersNotBytes) {
  const std::string message = error_of("{\"keywords\": [\"Über\",]}");
  EXPECT_TRUE(contains(message, "config.json: line 1, column 22 (byte 22): "));
}

TEST(Config, SyntaxErrorAtTheEndAndCommentsAreExplained) {
  EXPECT_TRUE(contains(error_of(""), "config.json: line 1, column 1 (byte 0): "));
  EXPECT_TRUE(contains(error_of("{\n  // categories\n}"), "line 2, column 3 (byte 4): "));
  EXPECT_TRUE(contains(error_of("{\n  // categories\n}"), "(JSON allows no comments)"));
}

TEST(Config, NumberTooLargeForJsonIsAnErrorNamingTheSource) {
  EXPECT_TRUE(contains(error_of(R"({"categories": ["cs.AI"], "max_papers": 1e400})"),
                       "config.json: number overflow"));
}

// Reading, checking and quoting a value all recurse once per level, so a value nested 100,000
// deep overflowed the stack; the parse now stops at the limit.
TEST(Config, ValueNestedTooDeepIsAnErrorNamingTheSource) {
  const std::string deep =
      R"({"categories": ["cs.AI"], "max_papers": )" + testing::nested_json_arrays(100000) + "}";
  EXPECT_EQ(error_of(deep), "config.json: JSON nested deeper than 64 levels");
  // 64 levels (the object and 63 arrays) are still read, and the value's problem reported.
  const std::string at_limit =
      R"({"categories": ["cs.AI"], "max_papers": )" + testing::nested_json_arrays(63) + "}";
  EXPECT_TRUE(contains(error_of(at_limit), "config.json: /max_papers: expected an integer"));
}

TEST(Config, TopLevelMustBeAnObject) {
  EXPECT_EQ(error_of(R"(["cs.AI"])"),
            R"(config.json: expected a JSON object {...} at the top level, got ["cs.AI"])");
}

TEST(Config, ApiKeyInApiKeyEnvIsRejectedWithoutEchoingIt) {
  const std::string key = "sk-fake0not0a0real0key0for0tests0000";
  const std::string message = fixture_error("bad_api_key_in_env.json");
  EXPECT_TRUE(contains(message,
                       "bad_api_key_in_env.json: /ai_summary/api_key_env: api_key_env "
                       "must name an environment variable, not hold the key"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr(key))) << message;
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("sk-"))) << message;
}

TEST(Config, KeyLikeValuesWithoutAPrefixAreNotEchoedEither) {
  for (const std::string value : {"Abc123def456ghi789jkl012mno", "0123456789abcdef0123456789abcdef",
                                  "my key", "Bearer abc", ""}) {
    const std::string message = error_of(minimal_with({{"ai_summary", {{"api_key_env", value}}}}));
    EXPECT_TRUE(contains(message, "/ai_summary/api_key_env: "));
    if (!value.empty()) {
      EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr(value))) << message;
    }
  }
  const std::string message = error_of(minimal_with({{"ai_summary", {{"api_key_env", 12345}}}}));
  EXPECT_TRUE(contains(message, "got a number"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("12345"))) << message;
}

TEST(Config, ApiKeyEnvAcceptsVariableNames) {
  for (const std::string name : {"DASHSCOPE_API_KEY", "OPENAI_API_KEY", "_KEY2", "my_key"}) {
    const Result<Config> config =
        parse_config(minimal_with({{"ai_summary", {{"api_key_env", name}}}}), "config.json");
    ASSERT_OK(config);
    EXPECT_EQ(config->ai_summary.api_key_env, name);
  }
}

TEST(Config, UrlThatMayHoldCredentialsIsNotEchoed) {
  const std::string message =
      error_of(minimal_with({{"ai_summary", {{"base_url", "ftp://user:hunter2@example.org/v1"}}}}));
  EXPECT_TRUE(contains(message, "/ai_summary/base_url: expected an http:// or https:// URL"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("hunter2"))) << message;
}

TEST(Config, BaseUrls) {
  EXPECT_OK(parse_config(minimal_with({{"source", {{"base_url", "http://127.0.0.1:8080"}}}}), "t"));
  EXPECT_OK(parse_config(minimal_with({{"source", {{"base_url", ""}}}}), "t"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"source", {{"base_url", "rss.arxiv.org"}}}})),
                       R"(/source/base_url: expected "" (arXiv's own hosts) or an http:// or )"
                       R"(https:// URL, got "rss.arxiv.org")"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"ai_summary", {{"base_url", ""}}}})),
                       "/ai_summary/base_url: expected an http:// or https:// URL"));
}

TEST(Config, CategoryNamesFollowArxivsShape) {
  for (const std::string name : {"cs.AI", "astro-ph", "astro-ph.GA", "math.CO", "q-bio.NC",
                                 "cond-mat.stat-mech", "hep-th", "physics.acc-ph", "stat.ML"}) {
    EXPECT_OK(parse_config(minimal_with({{"categories", {name}}}), name));
  }
  for (const std::string name : {"", "cs.", ".AI", "CS.AI", "cs AI", " cs.AI", "cs.AI+cs.CL",
                                 "cs..AI", "astro-", "cs.AI-"}) {
    EXPECT_TRUE(contains(error_of(minimal_with({{"categories", {name}}})),
                         "/categories/0: expected an arXiv category"))
        << name;
  }
}

TEST(Config, IntegerValuedNumbersAreIntegers) {
  const Result<Config> config = parse_config(minimal_with({{"max_papers", 30.0}}), "t");
  ASSERT_OK(config);
  EXPECT_EQ(config->max_papers, 30);
  EXPECT_EQ(error_of(minimal_with({{"max_papers", 30.5}})),
            "config.json: /max_papers: expected an integer 1–1000, got 30.5");
  EXPECT_TRUE(contains(error_of(minimal_with({{"ai_summary", {{"max_tokens_per_run", -1}}}})),
                       "/ai_summary/max_tokens_per_run: expected an integer ≥ 0, got -1"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"max_papers", 18446744073709551615ULL}})),
                       "/max_papers: expected an integer 1–1000, got 18446744073709551615"));
}

TEST(Config, KeywordsAreStringsOrTermWeightObjects) {
  const Result<Config> config = parse_config(
      minimal_with(
          {{"keywords", {"LLM", {{"term", "kv cache"}}, {{"term", "MoE"}, {"weight", 0.5}}}}}),
      "t");
  ASSERT_OK(config);
  EXPECT_EQ(config->keywords,
            (std::vector<Keyword>{{"LLM", 1.0}, {"kv cache", 1.0}, {"MoE", 0.5}}));
  EXPECT_TRUE(contains(error_of(minimal_with({{"keywords", {{{"weight", 2}}}}})),
                       R"(/keywords/0: missing "term")"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"keywords", {"   "}}})),
                       R"(/keywords/0: expected a keyword)"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"keywords", {42}}})),
                       "/keywords/0: expected a keyword: a non-empty string, or an object"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"keywords", "LLM"}})),
                       R"(/keywords: expected an array of keywords, got "LLM")"));
}

TEST(Config, DuplicateKeywordsAreAcceptedAsTheOriginalDid) {
  // arxiv_rss_bot's 2025-12-25 config listed both "framework" and "Framework".
  EXPECT_OK(parse_config(minimal_with({{"keywords", {"framework", "Framework"}}}), "t"));
}

TEST(Config, AnnounceTypesAreANonEmptyUniqueSubset) {
  const Result<Config> config =
      parse_config(minimal_with({{"announce_types", {"new", "cross", "replace-cross"}}}), "t");
  ASSERT_OK(config);
  EXPECT_EQ(config->announce_types, (std::vector<std::string>{"new", "cross", "replace-cross"}));
  EXPECT_TRUE(contains(error_of(minimal_with({{"announce_types", json::array()}})),
                       "/announce_types: expected a non-empty array of announce types"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"announce_types", {"new", "new"}}})),
                       R"(/announce_types/1: "new" is listed twice (first at /announce_types/0))"));
}

TEST(Config, LegacyKeysAreStillTypeChecked) {
  EXPECT_EQ(error_of(minimal_with({{"fetch_ratings", "yes"}})),
            R"(config.json: /fetch_ratings: expected true or false, got "yes")");
  EXPECT_TRUE(contains(error_of(minimal_with({{"deduplication_methods", {"id", "lnk"}}})),
                       R"(/deduplication_methods/1: expected one of "id", "title" or "link", got )"
                       R"("lnk"; did you mean "link"?)"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"ai_summary", {{"use_pdf", "yes"}}}})),
                       R"(/ai_summary/use_pdf: expected true or false, got "yes")"));
}

TEST(Config, EnableDeduplicationFalseIsNotedSinceIdDeduplicationIsAlwaysOn) {
  const Result<Config> config =
      parse_config(minimal_with({{"enable_deduplication", false}}), "config.json");
  ASSERT_OK(config);
  Config without_notes = *config;
  without_notes.notes.clear();
  EXPECT_EQ(without_notes, minimal_config());  // no effect beyond the note
  ASSERT_EQ(config->notes.size(), 1U);
  EXPECT_EQ(config->notes[0],
            "enable_deduplication: false is ignored: papers are always deduplicated by arXiv id, "
            "since a paper listed in several categories would otherwise appear twice");
}

TEST(Config, EnableDeduplicationTrueIsSilentAndNotWritten) {
  const Result<Config> config =
      parse_config(minimal_with({{"enable_deduplication", true}}), "config.json");
  ASSERT_OK(config);
  EXPECT_EQ(*config, minimal_config());
  EXPECT_FALSE(json::parse(write_config(*config)).contains("enable_deduplication"));
  EXPECT_EQ(error_of(minimal_with({{"enable_deduplication", "no"}})),
            R"(config.json: /enable_deduplication: expected true or false, got "no")");
}

TEST(Config, SectionThatIsNotAnObjectIsAnError) {
  EXPECT_EQ(error_of(minimal_with({{"source", "rss"}})),
            R"(config.json: /source: expected an object, got "rss")");
}

TEST(Config, LongValuesAreTruncatedInMessages) {
  const std::string long_value(200, 'x');
  const std::string message = error_of(minimal_with({{"match", long_value}}));
  EXPECT_TRUE(contains(message, "got \"" + std::string(56, 'x') + "...")) << message;
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr(std::string(60, 'x'))));
}

TEST(Config, TruncationNeverSplitsAUtf8Character) {
  std::string value = "a";
  for (int i = 0; i < 40; ++i) {
    value += "é";  // 2 bytes each
  }
  const std::string message = error_of(minimal_with({{"match", value}}));
  const std::size_t dots = message.find("...");
  ASSERT_NE(dots, std::string::npos);
  EXPECT_NE(static_cast<unsigned char>(message[dots - 1]), 0xC3U) << message;
}

TEST(Config, JsonPointerEscapesSlashAndTilde) {
  EXPECT_TRUE(
      contains(error_of(minimal_with({{"a/b~c", 1}})), "config.json: /a~1b~0c: unknown key"));
}

TEST(Config, UserAgentMustBeOneLine) {
  EXPECT_TRUE(contains(error_of(minimal_with({{"source", {{"user_agent", "bot\r\nX-Evil: 1"}}}})),
                       "/source/user_agent: expected a one-line string"));
}

TEST(Config, MatchModeToStringNamesTheMode) {
  EXPECT_EQ(to_string(MatchMode::word), "word");
  EXPECT_EQ(to_string(MatchMode::substring), "substring");
}

// ---- delivery ---------------------------------------------------------------------------------

json email_with(const json& extra) {
  json email = {{"smtp_url", "smtp://smtp.example.org:587"},
                {"from", "bot@example.org"},
                {"to", {"me@example.org", "you@example.org"}}};
  email.update(extra);
  return {{"delivery", {{"email", email}}}};
}

TEST(DeliveryConfig, NoDeliveryObjectMeansEveryChannelOff) {
  const Result<Config> config = parse_config(minimal_with(json::object()), "t");
  ASSERT_OK(config);
  EXPECT_EQ(config->delivery, DeliveryConfig{});
  EXPECT_FALSE(config->delivery.email || config->delivery.slack || config->delivery.discord ||
               config->delivery.telegram || config->delivery.feishu || config->delivery.webhook);
}

TEST(DeliveryConfig, AnEmptyChannelObjectIsOnWithItsDefaults) {
  const Result<Config> config =
      parse_config(minimal_with({{"delivery",
                                  {{"slack", json::object()},
                                   {"discord", json::object()},
                                   {"feishu", json::object()},
                                   {"webhook", json::object()},
                                   {"telegram", {{"chat_id", "@my_channel"}}}}}}),
                   "t");
  ASSERT_OK(config);
  EXPECT_EQ(config->delivery.slack->webhook_env, "SLACK_WEBHOOK_URL");
  EXPECT_EQ(config->delivery.discord->webhook_env, "DISCORD_WEBHOOK_URL");
  EXPECT_EQ(config->delivery.feishu->webhook_env, "FEISHU_WEBHOOK_URL");
  EXPECT_EQ(config->delivery.feishu->secret_env, "");
  EXPECT_EQ(config->delivery.webhook->url_env, "DIGEST_WEBHOOK_URL");
  EXPECT_EQ(config->delivery.telegram->api_base, "https://api.telegram.org");
  EXPECT_FALSE(config->delivery.email);
}

TEST(DeliveryConfig, EmailReadsEveryKey) {
  const Result<Config> config = parse_config(
      minimal_with(email_with(
          {{"username", "bot@example.org"}, {"password_env", "MAIL_PASS"}, {"send_empty", true}})),
      "t");
  ASSERT_OK(config);
  const EmailDelivery& email = *config->delivery.email;
  EXPECT_EQ(email.smtp_url, "smtp://smtp.example.org:587");
  EXPECT_TRUE(email.require_tls);
  EXPECT_EQ(email.to, (std::vector<std::string>{"me@example.org", "you@example.org"}));
  EXPECT_EQ(email.password_env, "MAIL_PASS");
  EXPECT_TRUE(email.send_empty);
}

TEST(DeliveryConfig, EffectiveConfigRoundTripsTheChannelsThatAreOn) {
  Config config = minimal_config();
  config.delivery.email = EmailDelivery{
      "smtps://mail.example.org:465", true, "a@b.org", {"c@d.org"}, "", "SMTP_PASSWORD", false};
  config.delivery.telegram = TelegramDelivery{"TG", "-1001", "http://127.0.0.1:9"};
  config.delivery.resend_on_update = true;
  const Result<Config> again = parse_config(write_config(config), "t");
  ASSERT_OK(again);
  EXPECT_EQ(again->delivery, config.delivery);
  EXPECT_FALSE(json::parse(write_config(config))["delivery"].contains("slack"));
}

TEST(DeliveryConfig, EmailWithoutItsRequiredKeysNamesEachOne) {
  const std::string message =
      error_of(minimal_with({{"delivery", {{"email", {{"from", "bot@example.org"}}}}}}));
  EXPECT_TRUE(contains(message, "/delivery/email/smtp_url: missing"));
  EXPECT_TRUE(contains(message, "/delivery/email/to: missing"));
}

TEST(DeliveryConfig, PlainSmtpIsAllowedOnlyToALoopbackHost) {
  EXPECT_TRUE(
      contains(error_of(minimal_with(email_with({{"require_tls", false}}))),
               "/delivery/email/require_tls: false is allowed only for a loopback SMTP host"));
  for (const std::string url :
       {"smtp://127.0.0.1:8025", "smtp://localhost:25", "smtp://[::1]:2525"}) {
    EXPECT_OK(
        parse_config(minimal_with(email_with({{"require_tls", false}, {"smtp_url", url}})), "t"));
  }
  // smtps:// is encrypted from the first byte, whatever require_tls says.
  EXPECT_OK(parse_config(
      minimal_with(email_with({{"require_tls", false}, {"smtp_url", "smtps://mail.example.org"}})),
      "t"));
}

TEST(DeliveryConfig, BadAddressesAndUrlsAreNamed) {
  const std::string message =
      error_of(minimal_with(email_with({{"smtp_url", "https://mail.example.org"},
                                        {"from", "Bot <bot@example.org>"},
                                        {"to", {"me@example.org", "not an address", "a@b@c"}}})));
  EXPECT_TRUE(contains(message,
                       "/delivery/email/smtp_url: expected an smtp:// (STARTTLS) or "
                       "smtps:// URL"));
  EXPECT_TRUE(contains(message, "/delivery/email/from: expected a mail address"));
  EXPECT_TRUE(contains(message, "/delivery/email/to/1: expected a mail address"));
  EXPECT_TRUE(contains(message, "/delivery/email/to/2: expected a mail address"));
  EXPECT_TRUE(contains(error_of(minimal_with(email_with({{"to", json::array()}}))),
                       "/delivery/email/to: expected a non-empty array of mail addresses"));
  EXPECT_TRUE(contains(error_of(minimal_with({{"delivery", {{"telegram", json::object()}}}})),
                       "/delivery/telegram/chat_id: missing"));
}

TEST(DeliveryConfig, ASecretPastedWhereItsVariableBelongsIsNeverEchoed) {
  const std::string webhook = "https://hooks.slack.com/services/T0000/B0000/sentinelsecret";
  const std::string message =
      error_of(minimal_with({{"delivery", {{"slack", {{"webhook_env", webhook}}}}}}));
  EXPECT_TRUE(contains(message,
                       "/delivery/slack/webhook_env: webhook_env must name an "
                       "environment variable, not hold the key"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("sentinelsecret")));
  const std::string with_password = error_of(
      minimal_with(email_with({{"smtp_url", "smtp://user:sentinelpassword@mail.example.org/?x"}})));
  EXPECT_TRUE(contains(with_password, "/delivery/email/smtp_url: holds credentials"));
  EXPECT_THAT(with_password, ::testing::Not(::testing::HasSubstr("sentinelpassword")));
}

TEST(DeliveryConfig, UnknownChannelSuggestsTheClosest) {
  EXPECT_TRUE(contains(error_of(minimal_with({{"delivery", {{"slak", json::object()}}}})),
                       "/delivery/slak: unknown key; did you mean \"slack\"?"));
}

}  // namespace
}  // namespace arxiv_digest
