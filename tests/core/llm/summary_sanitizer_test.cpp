#include "arxiv_digest/summary_sanitizer.hpp"

#include <gmock/gmock.h>

#include <string>

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAbstract[] =
    "We release code at https://github.com/example/fastkv. The method runs $x_1 < 3$ faster.";

std::string clean(const std::string& text) { return sanitize_summary(text, kAbstract); }

TEST(SanitizeSummary, OrdinaryMarkdownIsLeftByteForByte) {
  const std::string text =
      "- **Problem**: LLMs_are slow at $x_1 < 3$ tokens.\n"
      "- *Approach*: a cache (see [the paper](https://arxiv.org/abs/2602.10001)); `a<b` holds.\n"
      "\n"
      "Results: 2x faster, H<sub>2</sub>O and 10<sup>3</sup>.<br>Code: "
      "https://github.com/example/fastkv";
  // The "<" before " 3$" is escaped (raw HTML is), everything else stays.
  std::string expected = text;
  expected.replace(expected.find("< 3$"), 1, "&lt;");
  EXPECT_EQ(clean(text), expected);
}

TEST(SanitizeSummary, RawHtmlIsEscapedExceptLineBreaksAndScripts) {
  const std::string out = clean(
      "<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- hidden --> "
      "<a href=\"https://evil.example\">x</a> E=mc<sup>2</sup>");
  EXPECT_THAT(out, Not(HasSubstr("<script")));
  EXPECT_THAT(out, Not(HasSubstr("<img")));
  EXPECT_THAT(out, Not(HasSubstr("<!--")));
  EXPECT_THAT(out, Not(HasSubstr("<a ")));
  EXPECT_THAT(out, HasSubstr("&lt;script>alert(1)&lt;/script>"));
  EXPECT_THAT(out, HasSubstr("mc<sup>2</sup>"));
}

TEST(SanitizeSummary, CollapsibleTagsCannotBeOpenedOrClosed) {
  const std::string out =
      clean("Fine.\n</details>\n\n## Injected section\n<details open><summary>x</summary>");
  EXPECT_THAT(out, Not(HasSubstr("<details")));
  EXPECT_THAT(out, Not(HasSubstr("</details")));
  EXPECT_THAT(out, Not(HasSubstr("<summary")));
  EXPECT_THAT(out, HasSubstr("\\## Injected section"));
}

TEST(SanitizeSummary, HeadingsBecomeText) {
  EXPECT_EQ(clean("# Title\n###### Six\n####### seven is text"),
            "\\# Title\n\\###### Six\n####### seven is text");
  EXPECT_EQ(clean("A line\n===\nB line\n---"), "A line\n\\===\nB line\n\\---");
  EXPECT_EQ(clean("- one\n\n---\n\n- two"), "- one\n\n---\n\n- two");  // a rule, not a heading
}

TEST(SanitizeSummary, LinksOnlyToArxivAndTheAbstractsOwnUrls) {
  EXPECT_EQ(clean("[login here](https://phish.example/login) now"), "login here now");
  EXPECT_EQ(clean("[code](https://github.com/example/fastkv)"),
            "[code](https://github.com/example/fastkv)");
  EXPECT_EQ(clean("[abs](https://arxiv.org/abs/2602.10001)"),
            "[abs](https://arxiv.org/abs/2602.10001)");
  EXPECT_EQ(clean("[x](javascript:alert(1))"), "x");
  EXPECT_EQ(clean("[x][ref] and more\n[ref]: https://phish.example"), "x and more");
  EXPECT_EQ(clean("Visit https://phish.example/a?b=1 or www.phish.example today"),
            "Visit `https://phish.example/a?b=1` or `www.phish.example` today");
  EXPECT_EQ(clean("<https://phish.example>"), "&lt;`https://phish.example`>");
}

TEST(SanitizeSummary, ImagesAreDroppedForTheirAltText) {
  EXPECT_EQ(clean("before ![tracking pixel](https://evil.example/p.png) after"),
            "before tracking pixel after");
  EXPECT_EQ(clean("[![badge](https://evil.example/b.svg)](https://evil.example)"), "badge");
}

TEST(SanitizeSummary, AnUnclosedFenceIsClosedAndCodeIsLeftAlone) {
  EXPECT_EQ(clean("Use:\n```\n</details> <script>"), "Use:\n```\n</details> <script>\n```");
  EXPECT_EQ(clean("```python\nx = '<b>'\n```\nafter <b>"),
            "```python\nx = '<b>'\n```\nafter &lt;b>");
  EXPECT_EQ(clean("`<script>` stays code"), "`<script>` stays code");
}

TEST(SanitizeSummary, ControlCharactersGoAndLineEndsAreNormalized) {
  EXPECT_EQ(clean("a\r\nb\rc\x1b[31m\x07"
                  "d"),
            "a\nb\nc[31md");
}

TEST(SanitizeSummary, ALongAnswerIsCutAtASentence) {
  std::string text;
  while (text.size() < 100 * 1024) {
    text += "This sentence is one of many. ";
  }
  const std::string out = clean(text);
  EXPECT_LE(out.size(), kMaxSummaryChars + 8);
  EXPECT_THAT(out, ::testing::EndsWith("of many. …"));
  EXPECT_EQ(sanitize_summary("Short one. Second sentence here.", "", 20), "Short one. …");
  // Never inside a UTF-8 sequence.
  EXPECT_EQ(sanitize_summary("ééééé", "", 5), "éé …");
}

TEST(SanitizeSummary, IsIdempotent) {
  for (const std::string text :
       {"Visit https://phish.example or [x](https://phish.example)", "# h\n===\n<b>",
        "```\nopen fence", "a <br> b <sub>1</sub> `code` ![i](u)"}) {
    const std::string once = clean(text);
    EXPECT_EQ(clean(once), once) << text;
  }
}

TEST(SanitizeSummary, EveryFieldOfAFieldsSummary) {
  Summary summary;
  summary.text = "**TL;DR**: <script>x</script>";
  summary.fields =
      SummaryFields{"<script>x</script>", "# m", "[a](https://phish.example)", "r", "c"};
  sanitize_summary(summary, kAbstract);
  EXPECT_EQ(summary.text, "**TL;DR**: &lt;script>x&lt;/script>");
  EXPECT_EQ(summary.fields->tldr, "&lt;script>x&lt;/script>");
  EXPECT_EQ(summary.fields->motivation, "\\# m");
  EXPECT_EQ(summary.fields->method, "a");
}

}  // namespace
}  // namespace arxiv_digest
