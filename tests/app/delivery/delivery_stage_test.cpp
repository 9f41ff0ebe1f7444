// The delivery stage over fakes: which channels send, once, with retries, and what is said.

#include "app/delivery/delivery_stage.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "app/app_fixture.hpp"
#include "arxiv_digest/delivery_ledger.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSlackUrl = "https://hooks.slack.example/services/T0/B0/sentinel-slack";
constexpr const char* kWebhookUrl = "https://hooks.example.org/digest/sentinel-hook";
constexpr const char* kPassword = "sentinel-password-2718";

class DeliveryStageTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    workspace_.root = root_;
    workspace_.config.categories = {"cs.AI"};
    env_ = {{"SLACK_WEBHOOK_URL", kSlackUrl},
            {"DIGEST_WEBHOOK_URL", kWebhookUrl},
            {"SMTP_PASSWORD", kPassword}};
  }

  Deliveries deliver(const std::vector<ArchiveRecord>& records, bool dry_run = false,
                     std::string only = "") {
    const DeliveryRequest request{"2026-02-12",
                                  std::move(only),
                                  dry_run,
                                  [this](const std::string& name) -> std::optional<std::string> {
                                    const auto it = env_.find(name);
                                    return it == env_.end() ? std::nullopt
                                                            : std::optional(it->second);
                                  },
                                  "",
                                  std::chrono::seconds(30)};
    return deliver_digest(records, request, workspace_, ports_);
  }

  DeliveryLedger ledger() const {
    const auto text = fs_.contents(path("state/deliveries.json"));
    if (!text) {
      return {};
    }
    auto parsed = parse_delivery_ledger(*text, "ledger");
    EXPECT_OK(parsed);
    return parsed ? *parsed : DeliveryLedger{};
  }

  static std::vector<ArchiveRecord> papers(int count) { return testing::ranked_records(count); }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
};

TEST_F(DeliveryStageTest, AChannelIsSentOnceAndARerunSendsNothing) {
  workspace_.config.delivery.slack = SlackDelivery{};
  http_.push(200, "ok");
  const Deliveries first = deliver(papers(3));
  ASSERT_EQ(first.channels.size(), 1U);
  EXPECT_EQ(first.channels[0], (DeliveryStatus{"slack", "sent", 1, ""}));
  ASSERT_EQ(http_.request_count(), 1U);
  const HttpRequest sent = http_.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, kSlackUrl);
  EXPECT_THAT(sent.body, HasSubstr("Paper 1"));
  ASSERT_EQ(ledger().entries.size(), 1U);
  EXPECT_EQ(ledger().entries[0].channel, "slack");

  const Deliveries again = deliver(papers(3));
  EXPECT_EQ(again.channels[0].outcome, "already_sent");
  EXPECT_EQ(http_.request_count(), 1U);
}

TEST_F(DeliveryStageTest, AnUnsetSecretSkipsItsChannelWithANote) {
  workspace_.config.delivery.discord = DiscordDelivery{};
  const Deliveries result = deliver(papers(3));
  ASSERT_EQ(result.channels.size(), 1U);
  EXPECT_EQ(result.channels[0].outcome, "skipped");
  EXPECT_THAT(result.channels[0].detail, HasSubstr("DISCORD_WEBHOOK_URL is not set"));
  EXPECT_EQ(http_.request_count(), 0U);
  EXPECT_FALSE(any_failed(result.channels));
}

TEST_F(DeliveryStageTest, A429IsRetriedAfterTheWaitItAsksFor) {
  workspace_.config.delivery.slack = SlackDelivery{};
  http_.push(429, "rate_limited", {{"Retry-After", "7"}});
  http_.push(200, "ok");
  const Deliveries result = deliver(papers(3));
  EXPECT_EQ(result.channels[0].outcome, "sent");
  EXPECT_EQ(http_.request_count(), 2U);
  EXPECT_EQ(clock_.sleeps(), (std::vector<std::chrono::milliseconds>{std::chrono::seconds(7)}));
}

TEST_F(DeliveryStageTest, AChannelThatKeepsFailingIsReportedAndTheOthersAreDelivered) {
  workspace_.config.delivery.slack = SlackDelivery{};
  workspace_.config.delivery.webhook = WebhookDelivery{};
  http_.set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.url == kSlackUrl) {
      return testing::make_response(500, "rollup_error");
    }
    return testing::make_response(204, "");
  });
  const Deliveries result = deliver(papers(3));
  ASSERT_EQ(result.channels.size(), 2U);
  EXPECT_EQ(result.channels[0].outcome, "failed");
  EXPECT_THAT(result.channels[0].detail,
              HasSubstr("HTTP 500: rollup_error (gave up after 5 attempts)"));
  EXPECT_EQ(result.channels[1], (DeliveryStatus{"webhook", "sent", 1, ""}));
  EXPECT_TRUE(any_failed(result.channels));
  // The failed channel is not recorded: the next run tries it again.
  ASSERT_EQ(ledger().entries.size(), 1U);
  EXPECT_EQ(ledger().entries[0].channel, "webhook");
}

TEST_F(DeliveryStageTest, ADigestCutOffHalfWayResumesAtTheFirstUnsentMessage) {
  workspace_.config.delivery.webhook = WebhookDelivery{};
  workspace_.config.delivery.slack = SlackDelivery{};
  // Slack takes 200 papers in several messages; the second one fails for good.
  int slack_posts = 0;
  http_.set_handler([&](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.url != kSlackUrl) {
      return testing::make_response(200, "");
    }
    ++slack_posts;
    return slack_posts == 2 ? testing::make_response(400, "invalid_payload")
                            : testing::make_response(200, "ok");
  });
  const Deliveries first = deliver(papers(200));
  ASSERT_EQ(first.channels[0].outcome, "failed");
  EXPECT_THAT(first.channels[0].detail, HasSubstr("message 2 of "));
  EXPECT_EQ(first.channels[0].messages, 1U);
  const std::size_t total = ledger().entries[0].total;
  ASSERT_GT(total, 2U);
  EXPECT_EQ(ledger().entries[0].sent, 1U);

  const Deliveries second = deliver(papers(200));
  EXPECT_EQ(second.channels[0].outcome, "sent");
  EXPECT_EQ(second.channels[0].messages, total - 1);  // message 1 was not sent again
  EXPECT_EQ(static_cast<std::size_t>(slack_posts), 2 + total - 1);
}

TEST_F(DeliveryStageTest, AChangedDigestIsSentAgainOnlyWhenResendOnUpdateIsOn) {
  workspace_.config.delivery.webhook = WebhookDelivery{};
  http_.set_handler(
      [](const HttpRequest&) -> Result<HttpResponse> { return testing::make_response(200, ""); });
  deliver(papers(3));
  std::vector<ArchiveRecord> later = papers(3);
  Summary summary;
  summary.text = "A summary that arrived later.";
  later[0].summary = summary;
  EXPECT_EQ(deliver(later).channels[0].outcome, "not_resent");
  EXPECT_EQ(http_.request_count(), 1U);
  workspace_.config.delivery.resend_on_update = true;
  EXPECT_EQ(deliver(later).channels[0].outcome, "sent");
  EXPECT_EQ(http_.request_count(), 2U);
}

TEST_F(DeliveryStageTest, EmailGoesThroughTheMailSenderWithThePasswordFromTheEnvironment) {
  workspace_.config.delivery.email = EmailDelivery{"smtps://mail.example.org",
                                                   true,
                                                   "bot@example.org",
                                                   {"me@example.org"},
                                                   "bot@example.org",
                                                   "SMTP_PASSWORD",
                                                   false};
  const Deliveries result = deliver(papers(2));
  EXPECT_EQ(result.channels[0], (DeliveryStatus{"email", "sent", 1, ""}));
  ASSERT_EQ(mail_.requests().size(), 1U);
  const MailRequest mail = mail_.requests()[0];
  EXPECT_EQ(mail.password, kPassword);
  EXPECT_EQ(mail.to, (std::vector<std::string>{"me@example.org"}));
  EXPECT_THAT(mail.message, HasSubstr("Subject: arXiv digest 2026-02-12: 2 papers (cs.AI)\r\n"));
  EXPECT_THAT(mail.message, HasSubstr("Date: Thu, 12 Feb 2026 06:46:51 +0000\r\n"));
  EXPECT_THAT(mail.message, HasSubstr("@example.org>\r\n"));
  EXPECT_THAT(mail.message, Not(HasSubstr(kPassword)));
}

TEST_F(DeliveryStageTest, NoNewPapersSendsNoMailUnlessAsked) {
  workspace_.config.delivery.email = EmailDelivery{"smtps://mail.example.org",
                                                   true,
                                                   "bot@example.org",
                                                   {"me@example.org"},
                                                   "",
                                                   "SMTP_PASSWORD",
                                                   false};
  workspace_.config.delivery.slack = SlackDelivery{};
  std::vector<ArchiveRecord> none = papers(2);
  for (auto& record : none) {
    record.rank.reset();
  }
  Deliveries result = deliver(none);
  EXPECT_EQ(result.channels[0].outcome, "skipped");
  EXPECT_THAT(result.channels[0].detail, HasSubstr("send_empty is off"));
  EXPECT_EQ(result.channels[1].outcome, "skipped");
  EXPECT_TRUE(mail_.requests().empty());
  workspace_.config.delivery.email->send_empty = true;
  result = deliver(none);
  EXPECT_EQ(result.channels[0].outcome, "sent");
  ASSERT_EQ(mail_.requests().size(), 1U);
  EXPECT_THAT(mail_.requests()[0].message, HasSubstr("no new papers"));
}

TEST_F(DeliveryStageTest, ATransientMailErrorIsRetriedAndAPermanentOneIsNot) {
  workspace_.config.delivery.email = EmailDelivery{"smtps://mail.example.org",
                                                   true,
                                                   "bot@example.org",
                                                   {"me@example.org"},
                                                   "",
                                                   "SMTP_PASSWORD",
                                                   false};
  mail_.push(Error{ErrorCode::network, "SMTP smtps://mail.example.org: 451"});
  EXPECT_EQ(deliver(papers(1)).channels[0].outcome, "sent");
  EXPECT_EQ(mail_.requests().size(), 2U);

  fs_.add_file(path("state/deliveries.json"), "{\"deliveries\": []}");
  mail_.push(Error{ErrorCode::http_status, "SMTP smtps://mail.example.org: 550 no such user"});
  const Deliveries refused = deliver(papers(1));
  EXPECT_EQ(refused.channels[0].outcome, "failed");
  EXPECT_THAT(refused.channels[0].detail, HasSubstr("550 no such user"));
  EXPECT_EQ(mail_.requests().size(), 3U);
}

TEST_F(DeliveryStageTest, SecretsInATransportErrorAreRedacted) {
  workspace_.config.delivery.slack = SlackDelivery{};
  http_.set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
    return Error{ErrorCode::invalid_config, "POST " + request.url + ": malformed"};
  });
  const Deliveries result = deliver(papers(1));
  EXPECT_EQ(result.channels[0].outcome, "failed");
  EXPECT_THAT(result.channels[0].detail, HasSubstr("POST [REDACTED]: malformed"));
  EXPECT_THAT(result.channels[0].detail, Not(HasSubstr("sentinel")));
}

TEST_F(DeliveryStageTest, AnUnreadableLedgerSendsNothing) {
  workspace_.config.delivery.slack = SlackDelivery{};
  fs_.add_file(path("state/deliveries.json"), "{not json");
  const Deliveries result = deliver(papers(1));
  EXPECT_EQ(result.channels[0].outcome, "failed");
  EXPECT_THAT(result.channels[0].detail, HasSubstr("deliveries.json: byte"));
  EXPECT_THAT(result.channels[0].detail, HasSubstr("fix or delete it"));
  EXPECT_EQ(http_.request_count(), 0U);
}

TEST_F(DeliveryStageTest, ADryRunPrintsThePayloadsWithTheVariablesNamesAndSendsNothing) {
  workspace_.config.delivery.slack = SlackDelivery{};
  workspace_.config.delivery.discord = DiscordDelivery{};  // its variable is not set
  const Deliveries result = deliver(papers(2), true);
  EXPECT_THAT(result.dry_run_text, HasSubstr("== slack: 1 message to $SLACK_WEBHOOK_URL\n"));
  EXPECT_THAT(result.dry_run_text, HasSubstr("== discord: 1 message to $DISCORD_WEBHOOK_URL\n"));
  EXPECT_THAT(result.dry_run_text, HasSubstr("Paper 2"));
  EXPECT_THAT(result.dry_run_text, Not(HasSubstr("sentinel")));
  EXPECT_EQ(result.channels[0].outcome, "dry_run");
  EXPECT_EQ(http_.request_count(), 0U);
  EXPECT_FALSE(fs_.contents(path("state/deliveries.json")).has_value());
}

TEST_F(DeliveryStageTest, OnlyTheChannelAskedForIsDelivered) {
  workspace_.config.delivery.slack = SlackDelivery{};
  workspace_.config.delivery.webhook = WebhookDelivery{};
  http_.push(204, "");
  const Deliveries result = deliver(papers(1), false, "webhook");
  ASSERT_EQ(result.channels.size(), 1U);
  EXPECT_EQ(result.channels[0].channel, "webhook");
  ASSERT_EQ(http_.request_count(), 1U);
  EXPECT_EQ(http_.requests()[0].url, kWebhookUrl);
  EXPECT_THAT(http_.requests()[0].body, HasSubstr("\"papers\""));
}

}  // namespace
}  // namespace arxiv_digest::app
