#include "arxiv_digest/email_message.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "core/render/embedded_files.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

EmailTemplates builtin_templates() {
  return {std::string(*embedded_file("email.txt.mustache")),
          std::string(*embedded_file("email.html.mustache"))};
}

EmailHeaders headers() {
  return {"bot@example.org",
          {"me@example.org", "you@example.org"},
          "Thu, 12 Feb 2026 06:46:51 +0000",
          "<20260212.1@example.org>"};
}

DeliveryDigest digest_of(int count) {
  DeliveryDigest digest =
      make_delivery_digest(testing::ranked_records(count), "2026-02-12", {"cs.AI", "cs.LG"});
  for (DeliveryPaper& paper : digest.papers) {
    paper.link = "https://arxiv.org/abs/" + paper.id;
  }
  return digest;
}

std::string decode_base64(std::string_view lines) {
  std::string joined;
  for (const char c : lines) {
    if (c != '\r' && c != '\n') {
      joined += c;
    }
  }
  std::string out(joined.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(joined.data()),
                                static_cast<int>(joined.size()));
  EXPECT_GE(n, 0);
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '\0' && joined.ends_with('=')) {
    out.pop_back();  // EVP_DecodeBlock counts padding as output bytes
    joined.pop_back();
  }
  return out;
}

// The body of the part whose Content-Type starts with `type`, decoded.
std::string part_body(const std::string& message, std::string_view type) {
  const std::size_t header = message.find("Content-Type: " + std::string(type));
  EXPECT_NE(header, std::string::npos) << type;
  const std::size_t body = message.find("\r\n\r\n", header) + 4;
  const std::size_t end = message.find("\r\n--", body);
  return decode_base64(std::string_view(message).substr(body, end - body));
}

TEST(EmailMessage, IsMultipartAlternativeWithTheRequiredHeaders) {
  const auto message = email_message(digest_of(3), headers(), builtin_templates());
  ASSERT_OK(message);
  EXPECT_THAT(*message, ::testing::StartsWith("From: bot@example.org\r\n"
                                              "To: me@example.org,\r\n you@example.org\r\n"
                                              "Subject: arXiv digest 2026-02-12: 3 papers "
                                              "(cs.AI, cs.LG)\r\n"
                                              "Date: Thu, 12 Feb 2026 06:46:51 +0000\r\n"
                                              "Message-ID: <20260212.1@example.org>\r\n"
                                              "MIME-Version: 1.0\r\n"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: multipart/alternative;\r\n boundary=\"=_arxiv-"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: base64\r\n"));
  EXPECT_THAT(*message, HasSubstr("Content-Type: text/html; charset=UTF-8\r\n"));
  // Every line ends in CRLF and none passes 78 characters (RFC 5322 2.1.1).
  std::size_t start = 0;
  while (start < message->size()) {
    const std::size_t end = message->find('\n', start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ((*message)[end - 1], '\r');
    EXPECT_LE(end - start - 1, 78U);
    start = end + 1;
  }
}

TEST(EmailMessage, EachPartShowsEveryPaperWithItsLinkAndTheFooter) {
  const auto message = email_message(digest_of(30), headers(), builtin_templates());
  ASSERT_OK(message);
  const std::string text = part_body(*message, "text/plain");
  const std::string html = part_body(*message, "text/html");
  EXPECT_THAT(text,
              ::testing::StartsWith("2026-02-12 · 30 papers of 30 candidates · cs.AI, cs.LG"));
  for (int i = 1; i <= 30; ++i) {
    const std::string id = "2602." + std::to_string(10000 + i);
    EXPECT_THAT(text, HasSubstr(std::to_string(i) + ". Paper " + std::to_string(i) +
                                "\r\n   "
                                "https://arxiv.org/abs/" +
                                id + "v1"));
    EXPECT_THAT(html, HasSubstr("<a href=\"https://arxiv.org/abs/" + id + "v1\""));
  }
  EXPECT_THAT(text, HasSubstr("To stop these messages, remove delivery.email"));
  EXPECT_THAT(html, HasSubstr("To stop these messages, remove delivery.email"));
}

TEST(EmailMessage, HostileTextArrivesEscapedInHtmlAndOnlyArxivIsLinked) {
  DeliveryDigest digest = digest_of(1);
  digest.papers[0].title = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";
  digest.papers[0].text = "<script>alert(1)</script> [phish](https://evil.example) </div>";
  digest.papers[0].authors = {"<b>Mallory</b>"};
  digest.papers[0].link = "javascript:alert(1)";
  digest.papers[0].pdf_link = "https://evil.example/x.pdf";
  const auto message = email_message(digest, headers(), builtin_templates());
  ASSERT_OK(message);
  const std::string html = part_body(*message, "text/html");
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; "
                              "&#39;single&#39;"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;Mallory&lt;/b&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"https://evil.example")));
  EXPECT_THAT(html, HasSubstr("href=\"https://arxiv.org/abs/2602.10001v1\""));
  // The plain part shows the text as written: it is never interpreted.
  EXPECT_THAT(part_body(*message, "text/plain"), HasSubstr("<img src=x onerror=alert(1)>"));
}

TEST(EmailMessage, NoPapersSaysSo) {
  const auto message = email_message(digest_of(0), headers(), builtin_templates());
  ASSERT_OK(message);
  EXPECT_THAT(*message, HasSubstr("Subject: arXiv digest 2026-02-12: no new papers"));
  EXPECT_THAT(part_body(*message, "text/plain"), HasSubstr("No new papers today."));
}

TEST(EmailMessage, ANonAsciiSubjectIsEncodedInWordsThatNeverSplitACharacter) {
  EXPECT_EQ(encode_header_text("arXiv digest 2026-02-12"), "arXiv digest 2026-02-12");
  const std::string subject = "Résumé — " + std::string(60, 'x') + " ü漢字";
  const std::string encoded = encode_header_text(subject);
  std::string decoded;
  std::size_t at = 0;
  while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = encoded.find("?=", at + 10);
    EXPECT_LE(end + 2 - at, 75U);
    const std::string word = decode_base64(encoded.substr(at + 10, end - at - 10));
    EXPECT_NE((static_cast<unsigned char>(word.back()) & 0xC0U), 0xC0U);
    decoded += word;
    at = end;
  }
  EXPECT_EQ(decoded, subject);
  EXPECT_THAT(encoded, HasSubstr("?=\r\n =?UTF-8?B?"));
}

TEST(EmailMessage, AHeaderValueCannotStartAHeaderOfItsOwn) {
  EXPECT_EQ(encode_header_text("a\r\nBcc: victim@example.org"), "a  Bcc: victim@example.org");
}

}  // namespace
}  // namespace arxiv_digest
