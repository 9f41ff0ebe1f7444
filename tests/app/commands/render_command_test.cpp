// `arxiv-digest render`: both papers shapes (a digest's seed and `rank --format json`), the
// template override through --config, and malformed input named with what was expected.

#include "app/commands/render_command.hpp"

#include <gmock/gmock.h>

#include <sstream>

#include "app/app_fixture.hpp"
#include "app/commands/rank_command.hpp"
#include "support/log_capture.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::rss_feed;

class RenderCommand : public testing::AppTest {
 protected:
  testing::LogCapture log_;

  ExitCode render_file(const std::string& json, RenderOptions options = {}) {
    fs_.add_file(path("papers.json"), json);
    options.papers_path = path("papers.json");
    options.output = path("out/README.md");
    if (options.config_path == "config.json") {
      options.config_path = path("config.json");
    }
    return render(options, ports_);
  }
};

TEST_F(RenderCommand, RanksJsonOutputRendersAsADigest) {
  fs_.add_file(
      path("feeds/cs.AI.xml"),
      rss_feed("cs.AI", "Thu, 12 Feb 2026 00:00:00 -0500",
               {{"2602.00001", 1, "Fast LLM inference", "We speed up LLM inference.", {"cs.AI"}},
                {"2602.00003", 2, "kv cache compression", "Compress the kv cache.", {"cs.LG"}}}));
  std::ostringstream ranked;
  ASSERT_EQ(rank({path("config.json"), path("feeds"), "", "json", ""}, ports_, ranked),
            ExitCode::ok);

  ASSERT_EQ(render_file(ranked.str()), ExitCode::ok) << log_.text();
  const std::string readme = file("out/README.md");
  EXPECT_THAT(readme, HasSubstr("### 1. [Fast LLM inference](https://arxiv.org/abs/2602.00001)"));
  EXPECT_THAT(readme, HasSubstr("**ArXiv ID**: 2602.00003v2"));
  EXPECT_THAT(readme, HasSubstr("**Last Updated**: 2026-02-12"));
  EXPECT_THAT(readme, HasSubstr("- LLM, inference, kv cache"));
}

TEST_F(RenderCommand, TheSeedShapeRendersWithItsSummaries) {
  ASSERT_EQ(render_file(R"({"last_updated": "2026-02-12 06:46:51 UTC", "categories": ["cs.AI"],
      "keywords": ["LLM"], "papers": [{"rank": 1, "title": "T", "link": "https://arxiv.org/abs/1",
      "authors": ["A"], "category": "cs.AI", "published": "2026-02-12", "score": 2.5,
      "announce_type": "new", "arxiv_id": "2602.00001v1", "abstract": "Words.",
      "summary": "A **summary**.", "summary_model": "qwen-long"}]})"),
            ExitCode::ok)
      << log_.text();
  const std::string readme = file("out/README.md");
  EXPECT_THAT(readme, HasSubstr("A **summary**."));
  EXPECT_THAT(readme, HasSubstr("**Last Updated**: 2026-02-12 06:46:51 UTC"));
}

TEST_F(RenderCommand, MalformedJsonNamesTheFileAndTheByte) {
  EXPECT_EQ(render_file("[{\"id\": "), ExitCode::failed);
  EXPECT_THAT(log_.text(), HasSubstr(path("papers.json") + ": byte "));
  EXPECT_THAT(log_.text(), HasSubstr("not valid JSON"));
  EXPECT_FALSE(fs_.exists(path("out/README.md")));
}

TEST_F(RenderCommand, AWrongShapeSaysWhatWasExpectedNeverTheLibrarysText) {
  EXPECT_EQ(render_file(R"({"digest": []})"), ExitCode::failed);
  EXPECT_THAT(log_.text(), HasSubstr(path("papers.json") +
                                     ": expected an array of papers (rank --format json) or an "
                                     "object with \"papers\""));
  EXPECT_EQ(render_file(R"([{"id": 5}])"), ExitCode::failed);
  EXPECT_THAT(log_.text(), HasSubstr(": a value is a number where a string was expected"));
  EXPECT_EQ(render_file(R"({"papers": [{"arxiv_id": "2602.1v1"}]})"), ExitCode::failed);
  EXPECT_THAT(log_.text(), HasSubstr(": missing field \"rank\""));
  EXPECT_THAT(log_.text(), Not(HasSubstr("json.exception")));
  EXPECT_THAT(log_.text(), Not(HasSubstr("cannot use")));
}

TEST_F(RenderCommand, ANamedConfigThatIsMissingIsAUsageError) {
  RenderOptions options;
  options.config_path = path("elsewhere/config.json");
  options.config_named = true;
  EXPECT_EQ(render_file("[]", options), ExitCode::usage);
  EXPECT_THAT(log_.text(), HasSubstr(path("elsewhere/config.json")));
}

TEST_F(RenderCommand, TheDefaultConfigsTemplatesOverrideTheBuiltInOnes) {
  fs_.add_file(path("templates/README.md.mustache"), "custom: {{#has_papers}}yes{{/has_papers}}\n");
  ASSERT_EQ(render_file(R"([{"id": "2602.00001", "version": 1, "title": "Only one",
      "authors": [], "categories": ["cs.AI"], "primary_category": "cs.AI", "abstract": "",
      "link": "https://arxiv.org/abs/2602.00001", "published": "2026-02-12",
      "announce_type": "new", "score": 1.0, "matches": []}])"),
            ExitCode::ok)
      << log_.text();
  EXPECT_EQ(file("out/README.md"), "custom: yes\n");
}

}  // namespace
}  // namespace arxiv_digest::app
