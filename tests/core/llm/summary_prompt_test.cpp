#include "arxiv_digest/summary_prompt.hpp"

#include <gmock/gmock.h>

#include "core/render/embedded_files.hpp"

namespace arxiv_digest {
namespace {

Paper sample_paper() {
  Paper paper;
  paper.id = "2602.00001";
  paper.title = "Attention & <Friends>";
  paper.authors = {"Ada Lovelace", "Alan Turing"};
  paper.abstract = "We study \"things\".";
  paper.categories = {"cs.CL", "cs.AI"};
  return paper;
}

TEST(SummaryPrompt, RendersEveryPlaceholderUnescaped) {
  auto text = render_prompt("{{title}}|{{authors}}|{{abstract}}|{{categories}}", sample_paper());
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text,
            "Attention & <Friends>|Ada Lovelace, Alan Turing|We study \"things\".|cs.CL, cs.AI");
}

TEST(SummaryPrompt, BuiltInPromptsExistAndUseEveryPlaceholder) {
  for (const SummaryFormat format : kSummaryFormats) {
    const auto source = embedded_file(prompt_template_name(format));
    ASSERT_TRUE(source) << to_string(format);
    auto text = render_prompt(std::string(*source), sample_paper());
    ASSERT_TRUE(text);
    for (const char* part : {"Attention & <Friends>", "Ada Lovelace, Alan Turing",
                             "We study \"things\".", "cs.CL, cs.AI"}) {
      EXPECT_NE(text->find(part), std::string::npos) << to_string(format) << ": " << part;
    }
  }
  EXPECT_EQ(prompt_template_name(SummaryFormat::fields), "prompts/fields.md.mustache");
  EXPECT_EQ(prompt_template_name(SummaryFormat::markdown), "prompts/summary.md.mustache");
}

TEST(SummaryPrompt, Fnv1aKnownVectors) {
  EXPECT_EQ(fnv1a64_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a64_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a64_hex("foobar"), "85944171f73967e8");
}

TEST(SummaryPrompt, HashChangesWithTemplateModelAndFormatOnly) {
  const std::string base = prompt_hash("T", "qwen-long", SummaryFormat::markdown);
  EXPECT_EQ(base, prompt_hash("T", "qwen-long", SummaryFormat::markdown));
  EXPECT_EQ(base.size(), 16u);
  EXPECT_NE(base, prompt_hash("T2", "qwen-long", SummaryFormat::markdown));
  EXPECT_NE(base, prompt_hash("T", "qwen-plus", SummaryFormat::markdown));
  EXPECT_NE(base, prompt_hash("T", "qwen-long", SummaryFormat::fields));
  // Separators keep ("ab","c") and ("a","bc") apart.
  EXPECT_NE(prompt_hash("ab", "c", SummaryFormat::markdown),
            prompt_hash("a", "bc", SummaryFormat::markdown));
}

// The hash keys summaries already in the archive: the format enters it as config.json spells it.
TEST(SummaryPrompt, HashHashesTheFormatAsSpelledInConfig) {
  using namespace std::string_literals;
  const std::string key = "T\0"s + std::string(kSummarySystemMessage) + "\0qwen-long\0fields\0"s;
  EXPECT_EQ(prompt_hash("T", "qwen-long", SummaryFormat::fields), fnv1a64_hex(key));
}

TEST(SummaryPrompt, RequestAndReask) {
  AiSummaryConfig config;
  config.model = "m";
  config.temperature = 0.5;
  config.format = SummaryFormat::fields;
  ChatRequest request = summary_request(config, "prompt");
  EXPECT_EQ(request.model, "m");
  EXPECT_TRUE(request.json_object);
  ASSERT_EQ(request.messages.size(), 2u);
  EXPECT_EQ(request.messages[0].role, "system");
  EXPECT_EQ(request.messages[1], (ChatMessage{"user", "prompt"}));
  const ChatRequest again = fields_reask(request, "not json", "the answer is not valid JSON");
  ASSERT_EQ(again.messages.size(), 4u);
  EXPECT_EQ(again.messages[2], (ChatMessage{"assistant", "not json"}));
  EXPECT_THAT(again.messages[3].content, ::testing::HasSubstr("the answer is not valid JSON"));
  config.format = SummaryFormat::markdown;
  EXPECT_FALSE(summary_request(config, "p").json_object);
}

}  // namespace
}  // namespace arxiv_digest
