// `arxiv-digest validate`: a good config is summarized on stdout, a bad one lists every problem
// with its key and exits 2, and a config that is not JSON names the file and the byte.

#include "app/commands/validate_command.hpp"

#include <gmock/gmock.h>

#include <sstream>

#include "app/app_fixture.hpp"
#include "support/log_capture.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class ValidateCommand : public testing::AppTest {
 protected:
  testing::LogCapture log_;
  std::ostringstream out_;

  ExitCode validate_config(const std::string& json) {
    fs_.add_file(path("config.json"), json);
    return validate({path("config.json")}, ports_, out_);
  }
};

TEST_F(ValidateCommand, AGoodConfigIsOk) {
  EXPECT_EQ(validate({path("config.json")}, ports_, out_), ExitCode::ok) << log_.text();
  EXPECT_THAT(out_.str() + log_.text(), HasSubstr(path("config.json")));
}

TEST_F(ValidateCommand, EveryProblemIsListedWithItsKey) {
  EXPECT_EQ(validate_config(R"({"categories": [], "max_papers": -1, "keywordz": ["LLM"]})"),
            ExitCode::usage);
  EXPECT_THAT(log_.text(),
              AllOf(HasSubstr("/categories"), HasSubstr("/max_papers"), HasSubstr("keywordz")));
}

TEST_F(ValidateCommand, NotJsonNamesTheFileAndTheByte) {
  EXPECT_EQ(validate_config("{\"categories\": [\"cs.AI\",]"), ExitCode::usage);
  EXPECT_THAT(log_.text(), HasSubstr(path("config.json")));
  EXPECT_THAT(log_.text(), HasSubstr("byte"));
}

// A value nested 100,000 deep overflowed the stack (SIGSEGV) while it was checked and quoted.
TEST_F(ValidateCommand, AConfigNestedTooDeepIsAUsageErrorNamingIt) {
  EXPECT_EQ(validate_config(R"({"categories": ["cs.AI"], "keywords": )" +
                            testing::nested_json_arrays(100000) + "}"),
            ExitCode::usage);
  EXPECT_THAT(log_.text(), HasSubstr(path("config.json") + ": JSON nested deeper than 64 levels"));
}

TEST_F(ValidateCommand, AMissingConfigIsAUsageErrorNamingIt) {
  EXPECT_EQ(validate({path("nowhere.json")}, ports_, out_), ExitCode::usage);
  EXPECT_THAT(log_.text(), HasSubstr(path("nowhere.json")));
}

TEST_F(ValidateCommand, DeliverySecretsAreCheckedButNeverShown) {
  fs_.add_file(path("config.json"), R"({"categories": ["cs.AI"], "delivery": {
      "slack": {}, "discord": {}, "telegram": {"chat_id": "@papers"},
      "email": {"smtp_url": "smtp://127.0.0.1:2525", "require_tls": false,
                "from": "bot@example.org", "to": ["me@example.org"], "username": "bot"}}})");
  const EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "SLACK_WEBHOOK_URL") {
      return "https://hooks.slack.example/services/sentinel";
    }
    if (name == "DISCORD_WEBHOOK_URL") {
      return "sentinel-not-a-url";
    }
    return std::nullopt;
  };
  EXPECT_EQ(validate({path("config.json"), env}, ports_, out_), ExitCode::usage);
  const std::string said = out_.str() + log_.text();
  EXPECT_THAT(said, HasSubstr("delivery.slack: SLACK_WEBHOOK_URL is set\n"));
  EXPECT_THAT(said, HasSubstr("delivery.discord: DISCORD_WEBHOOK_URL is set but is not an "
                              "http(s):// URL (value not shown)"));
  EXPECT_THAT(said, HasSubstr("delivery.telegram: TELEGRAM_BOT_TOKEN is not set: the channel "
                              "will be skipped"));
  EXPECT_THAT(said, HasSubstr("delivery.email: SMTP_PASSWORD is not set"));
  EXPECT_THAT(said, HasSubstr("plain SMTP (loopback only)"));
  EXPECT_THAT(said, ::testing::Not(HasSubstr("sentinel")));
}

}  // namespace
}  // namespace arxiv_digest::app
