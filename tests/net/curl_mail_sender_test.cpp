// CurlMailSender against a real SMTP server (aiosmtpd) on 127.0.0.1.

#include "net/curl_mail_sender.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/smtp_test_server.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::SmtpServerOptions;
using testing::SmtpTestServer;

constexpr const char* kPassword = "sentinel-smtp-password-3141";

SmtpServerOptions server_options(bool tls, std::string user = "", std::string password = "",
                                 int temp_fail = 0, std::string reject_rcpt = "") {
  SmtpServerOptions options;
  options.tls = tls;
  options.auth_user = std::move(user);
  options.password = std::move(password);
  options.temp_fail = temp_fail;
  options.reject_rcpt = std::move(reject_rcpt);
  return options;
}

class CurlMailSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::has_aiosmtpd()) {
      GTEST_SKIP() << "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)";
    }
  }

  static MailRequest mail_to(const SmtpTestServer& server) {
    MailRequest request;
    request.url = server.url();
    request.require_tls = false;
    request.from = "bot@example.org";
    request.to = {"me@example.org", "you@example.org"};
    request.message =
        "From: bot@example.org\r\nTo: me@example.org\r\nSubject: hello\r\n\r\n"
        "first line\r\n.a line that starts with a dot\r\n";
    request.timeout = std::chrono::seconds(20);
    return request;
  }

  CurlMailSender sender_;
};

TEST_F(CurlMailSenderTest, DeliversTheMessageToEveryRecipient) {
  SmtpTestServer server(server_options(false));
  ASSERT_OK(sender_.send(mail_to(server)));
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1U);
  const std::string stored = testing::read_file(messages[0]);
  EXPECT_THAT(stored, HasSubstr("Subject: hello"));
  EXPECT_THAT(stored, HasSubstr("X-Envelope-From: bot@example.org"));
  EXPECT_THAT(stored, HasSubstr("X-Envelope-To: me@example.org, you@example.org"));
  // SMTP's dot-stuffing is libcurl's: the line arrives as written.
  EXPECT_THAT(stored, HasSubstr("\n.a line that starts with a dot"));
}

TEST_F(CurlMailSenderTest, StartTlsIsUsedAndTheCertificateVerified) {
  SmtpTestServer server(server_options(true));
  MailRequest request = mail_to(server);
  request.require_tls = true;
  request.ca_file = server.ca_file();
  ASSERT_OK(sender_.send(request));
  EXPECT_EQ(server.messages().size(), 1U);

  // Without trusting the test certificate, the TLS handshake fails: nothing is sent in clear.
  request.ca_file.clear();
  const auto untrusted = sender_.send(request);
  ASSERT_FALSE(untrusted.has_value());
  EXPECT_EQ(untrusted.error().code, ErrorCode::network);
  EXPECT_EQ(server.messages().size(), 1U);
}

TEST_F(CurlMailSenderTest, RequiringTlsFromAServerWithoutStartTlsFailsClearly) {
  SmtpTestServer server(server_options(false));
  MailRequest request = mail_to(server);
  request.require_tls = true;
  const auto result = sender_.send(request);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::invalid_config);
  EXPECT_THAT(result.error().message, HasSubstr("SMTP " + server.url() + ": "));
  EXPECT_THAT(result.error().message, HasSubstr("offers no STARTTLS"));
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(CurlMailSenderTest, AuthenticatesAndNeverShowsThePassword) {
  SmtpTestServer server(server_options(true, "bot", kPassword));
  MailRequest request = mail_to(server);
  request.require_tls = true;
  request.ca_file = server.ca_file();
  request.username = "bot";
  request.password = kPassword;
  ASSERT_OK(sender_.send(request));
  ASSERT_EQ(server.messages().size(), 1U);
  EXPECT_THAT(testing::read_file(server.messages()[0]), HasSubstr("X-Authenticated: yes"));

  request.password = "wrong-password";
  const auto rejected = sender_.send(request);
  ASSERT_FALSE(rejected.has_value());
  EXPECT_EQ(rejected.error().code, ErrorCode::unauthorized);
  EXPECT_THAT(rejected.error().message, Not(HasSubstr("wrong-password")));
  EXPECT_THAT(rejected.error().message, Not(HasSubstr(kPassword)));
}

TEST_F(CurlMailSenderTest, ATemporaryRefusalIsANetworkErrorAndAPermanentOneIsNot) {
  SmtpTestServer server(server_options(false, "", "", 1, "nobody@example.org"));
  const auto temporary = sender_.send(mail_to(server));
  ASSERT_FALSE(temporary.has_value());
  EXPECT_EQ(temporary.error().code, ErrorCode::network);
  EXPECT_THAT(temporary.error().message, HasSubstr("451"));
  ASSERT_OK(sender_.send(mail_to(server)));  // the next attempt passes

  MailRequest request = mail_to(server);
  request.to = {"nobody@example.org"};
  const auto permanent = sender_.send(request);
  ASSERT_FALSE(permanent.has_value());
  EXPECT_EQ(permanent.error().code, ErrorCode::http_status);
  EXPECT_THAT(permanent.error().message, HasSubstr("550"));
}

TEST_F(CurlMailSenderTest, NoServerIsANetworkError) {
  MailRequest request;
  request.url = "smtp://127.0.0.1:1";
  request.require_tls = false;
  request.from = "bot@example.org";
  request.to = {"me@example.org"};
  request.message = "Subject: x\r\n\r\nx\r\n";
  const auto result = sender_.send(request);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::network);
  EXPECT_THAT(result.error().message, ::testing::StartsWith("SMTP smtp://127.0.0.1:1: "));
}

}  // namespace
}  // namespace arxiv_digest::net
