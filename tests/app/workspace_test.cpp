// load_workspace: what it logs once a config has loaded (every command goes through it).

#include "app/workspace.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "app/app_fixture.hpp"
#include "app/commands/validate_command.hpp"
#include "support/log_capture.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class LoadWorkspace : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    fs_.add_file(path("config.json"), R"({
  "categories": ["cs.AI"],
  "enable_deduplication": false,
  "source": {"kind": "atom"},
  "ai_summary": {"api_key_env": "MY_PROVIDER_KEY", "mode": "batch"}
})");
  }
};

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

TEST_F(LoadWorkspace, VerboseLogsTheEffectiveConfigWithItsDefaults) {
  testing::LogCapture log;  // debug level, as --verbose sets it
  const auto workspace = load_workspace(fs_, path("config.json"));
  ASSERT_TRUE(workspace) << workspace.error().message;
  EXPECT_THAT(log.text(), HasSubstr(path("config.json") + ": effective config:\n" +
                                    write_config(workspace->config)));
  // Values from the file, and defaults it did not spell out.
  EXPECT_THAT(log.text(), HasSubstr(R"("kind": "atom")"));
  EXPECT_THAT(log.text(), HasSubstr(R"("mode": "batch")"));
  EXPECT_THAT(log.text(), HasSubstr(R"("max_papers": 30)"));
  // The provider key is only named.
  EXPECT_THAT(log.text(), HasSubstr(R"("api_key_env": "MY_PROVIDER_KEY")"));
}

TEST_F(LoadWorkspace, NormalVerbosityLogsTheNotesButNotTheConfig) {
  testing::LogCapture log;
  spdlog::set_level(spdlog::level::info);
  ASSERT_TRUE(load_workspace(fs_, path("config.json")));
  EXPECT_THAT(log.text(), HasSubstr("enable_deduplication: false is ignored"));
  EXPECT_THAT(log.text(), Not(HasSubstr("effective config")));
  EXPECT_THAT(log.text(), Not(HasSubstr(R"("max_papers")")));
}

TEST_F(LoadWorkspace, ACommandLogsTheEffectiveConfigOnce) {
  testing::LogCapture log;
  std::ostringstream out;
  EXPECT_EQ(validate(ValidateOptions{path("config.json")}, ports_, out), ExitCode::ok);
  EXPECT_EQ(count(log.text(), "effective config"), 1U) << log.text();
}

}  // namespace
}  // namespace arxiv_digest::app
