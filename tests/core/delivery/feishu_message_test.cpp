#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arxiv_digest/chat_messages.hpp"
#include "support/delivery_fixtures.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::read_file;

constexpr std::string_view kHostile =
    "<b>x</b> <a href=\"https://evil.example\">click</a> <script>alert(1)</script> &amp; "
    "@everyone @all _*[]()~`>#+-=|{}.! <at user_id=\"all\">x</at>";

// The documented limit is 20 KB; the code keeps to 20,000 bytes, and so do these checks.
constexpr std::size_t kMaxBody = 20000;

struct Post {
  json body;
  std::string title;
  std::vector<std::vector<json>> paragraphs;
  std::string text;                // every element's text, a paragraph a line
  std::vector<std::string> hrefs;  // every link, in order
};

// Every body parsed back and held to the size limit and to the post structure: paragraphs of
// "text" and "a" elements only (no "at", so no mention), links only where the code puts them.
std::vector<Post> checked_posts(const DeliveryDigest& digest,
                                const std::optional<FeishuSignature>& signature = std::nullopt) {
  std::vector<Post> out;
  for (const std::string& raw : feishu_messages(digest, signature)) {
    EXPECT_LE(raw.size(), kMaxBody);
    Post post;
    post.body = json::parse(raw, nullptr, false);
    EXPECT_TRUE(post.body.is_object()) << raw.substr(0, 200);
    if (!post.body.is_object()) {
      continue;
    }
    EXPECT_EQ(post.body.value("msg_type", ""), "post");
    const json& zh = post.body["content"]["post"]["zh_cn"];
    EXPECT_TRUE(zh.is_object()) << raw.substr(0, 200);
    if (!zh.is_object()) {
      continue;
    }
    post.title = zh.value("title", "");
    EXPECT_TRUE(zh["content"].is_array());
    for (const json& paragraph : zh["content"]) {
      EXPECT_TRUE(paragraph.is_array());
      std::vector<json> elements;
      for (const json& element : paragraph) {
        const std::string tag = element.value("tag", "");
        EXPECT_THAT(tag, ::testing::AnyOf("text", "a")) << element.dump();
        EXPECT_TRUE(element["text"].is_string()) << element.dump();
        EXPECT_FALSE(element.contains("un_escape")) << element.dump();
        post.text += element.value("text", "");
        if (tag == "a") {
          post.hrefs.push_back(element.value("href", ""));
        }
        elements.push_back(element);
      }
      post.text += '\n';
      post.paragraphs.push_back(std::move(elements));
    }
    out.push_back(std::move(post));
  }
  return out;
}

// Header titles the first, footer closes the last, every paper's link once and in rank order.
void expect_complete(const DeliveryDigest& digest, const std::vector<Post>& posts) {
  ASSERT_FALSE(posts.empty());
  EXPECT_EQ(posts.front().title, delivery_header(digest));
  for (std::size_t p = 1; p < posts.size(); ++p) {
    EXPECT_EQ(posts[p].title, delivery_header(digest) + " (continued)");
  }
  EXPECT_TRUE(posts.back().text.ends_with(delivery_footer(digest, "feishu") + "\n"));
  for (std::size_t p = 0; p + 1 < posts.size(); ++p) {
    EXPECT_THAT(posts[p].text, ::testing::Not(HasSubstr("Sent by arxiv-digest")));
  }
  std::vector<std::string> links;
  for (const Post& post : posts) {
    links.insert(links.end(), post.hrefs.begin(), post.hrefs.end());
  }
  std::vector<std::string> expected;
  for (const DeliveryPaper& p : digest.papers) {
    expected.push_back(p.link);
  }
  EXPECT_EQ(links, expected);
}

TEST(FeishuSign, MatchesAVectorComputedIndependently) {
  // Computed on the development machine with Python's standard library:
  //   base64.b64encode(hmac.new(b"1700000000\ntest-secret", b"", hashlib.sha256).digest())
  // i.e. the key is timestamp + "\n" + secret and the message is empty.
  EXPECT_EQ(feishu_sign(1700000000, "test-secret"), "mbm4Y4oluIPQ00qlBIhX8vAZ0EKv3nw0LuTb91jPL84=");
}

TEST(FeishuSign, KeyingOnTheSecretAloneGivesAnotherValue) {
  // The two wrong schemes, by the same Python means: hmac.new(b"test-secret", b"") and
  // hmac.new(b"test-secret", b"1700000000\ntest-secret") (DingTalk's), which Feishu refuses.
  const std::string sign = feishu_sign(1700000000, "test-secret");
  EXPECT_NE(sign, "pBvG2B1kE1dq4JlJleCtiaQW7Jc4lRXDYE9HciEi7us=");
  EXPECT_NE(sign, "ioThkp939qla5DvK7aF+h4LQRcKvYhihlJbNgHokY3s=");
  EXPECT_NE(feishu_sign(1700000001, "test-secret"), sign);
  EXPECT_NE(feishu_sign(1700000000, "test-secret2"), sign);
  EXPECT_EQ(feishu_sign(1700000000, "test-secret"), sign);  // deterministic
}

TEST(FeishuMessages, ThirtyPapersArePackedInOrderWithinTheLimit) {
  const DeliveryDigest digest = testing::sample_digest(30);
  const auto posts = checked_posts(digest);
  expect_complete(digest, posts);
  // ~30 × 700 bytes of paragraphs: two bodies of at most 20,000 bytes.
  EXPECT_EQ(posts.size(), 2u);
  ASSERT_GE(posts[0].paragraphs.size(), 3u);
  EXPECT_EQ(
      posts[0].paragraphs[0],
      (std::vector<json>{
          {{"tag", "text"}, {"text", "1. "}},
          {{"tag", "a"}, {"text", "Paper 1"}, {"href", "https://arxiv.org/abs/2602.10001"}}}));
  EXPECT_EQ(
      posts[0].paragraphs[1],
      (std::vector<json>{{{"tag", "text"}, {"text", "Ada Lovelace, Alan Turing · score 10.0"}}}));
  EXPECT_EQ(posts[0].paragraphs[2][0]["text"], testing::sample_summary(1));
  EXPECT_EQ(posts.back().paragraphs.back(),
            (std::vector<json>{{{"tag", "text"},
                                {"text",
                                 "Sent by arxiv-digest from owner/repo "
                                 "(https://github.com/owner/repo/actions/runs/1). To stop these "
                                 "messages, remove delivery.feishu from its config.json."}}}));
  EXPECT_FALSE(posts[0].body.contains("timestamp"));
  EXPECT_FALSE(posts[0].body.contains("sign"));
}

TEST(FeishuMessages, TwoHundredPapersAreAllDeliveredWithinTheLimit) {
  const DeliveryDigest digest = testing::sample_digest(200);
  const auto posts = checked_posts(digest);
  expect_complete(digest, posts);
  EXPECT_GE(posts.size(), 7u);  // 200 × ~700 bytes / 20,000
  EXPECT_LE(posts.size(), 9u);
}

TEST(FeishuMessages, NoPapersStillMakeOneMessage) {
  const DeliveryDigest digest = testing::sample_digest(0);
  const auto posts = checked_posts(digest);
  ASSERT_EQ(posts.size(), 1u);
  expect_complete(digest, posts);
  EXPECT_EQ(posts[0].paragraphs.size(), 1u);  // the footer
}

TEST(FeishuMessages, AGiantTextIsShortenedToFitABody) {
  DeliveryDigest digest = testing::sample_digest(3);
  std::string giant;
  while (giant.size() < 100 * 1024) {
    giant += "A very long sentence about \"results\". ";
  }
  digest.papers[1].text = giant;
  const auto posts = checked_posts(digest);
  expect_complete(digest, posts);
  ASSERT_EQ(posts.size(), 3u);  // the giant paper fills a body of its own
  EXPECT_THAT(posts[1].text, HasSubstr("\"results\".…"));
  EXPECT_GT(feishu_messages(digest, std::nullopt)[1].size(), 19000u);  // shortened, not dropped
}

TEST(FeishuMessages, LimitHoldsInBytesForAnyText) {
  // Quotes and backslashes double in JSON, CJK and emoji take 3–4 bytes, control characters are
  // dropped: the limit is measured on the serialized body.
  for (const std::string& unit : {std::string("\"\\"), std::string("論文"), std::string("😀"),
                                  std::string("\x01\t"), std::string("\xFF")}) {
    DeliveryDigest digest = testing::sample_digest(2);
    std::string text;
    while (text.size() < 100 * 1024) {
      text += unit;
    }
    digest.papers[0].text = text;
    digest.papers[0].title = text;
    digest.papers[0].authors = std::vector<std::string>(20, text);
    digest.papers[1].link = "https://arxiv.org/abs/" + std::string(100 * 1024, 'x');
    for (const auto& signature :
         {std::optional<FeishuSignature>(),
          std::optional<FeishuSignature>(FeishuSignature{1700000000, "s"})}) {
      const auto posts = checked_posts(digest, signature);
      ASSERT_FALSE(posts.empty());
      EXPECT_EQ(posts.front().title, delivery_header(digest));
      EXPECT_TRUE(posts.back().text.ends_with(delivery_footer(digest, "feishu") + "\n"));
      // The over-long link is no link: only the first paper's remains.
      std::vector<std::string> links;
      for (const Post& post : posts) {
        links.insert(links.end(), post.hrefs.begin(), post.hrefs.end());
      }
      EXPECT_EQ(links, std::vector<std::string>{digest.papers[0].link});
    }
  }
}

TEST(FeishuMessages, ASignatureAddsTimestampAndSignToEveryBody) {
  const DeliveryDigest digest = testing::sample_digest(30);
  const auto posts = checked_posts(digest, FeishuSignature{1700000000, "test-secret"});
  expect_complete(digest, posts);
  ASSERT_EQ(posts.size(), 2u);
  for (const Post& post : posts) {
    EXPECT_EQ(post.body["timestamp"], json("1700000000"));  // a string, as Feishu documents it
    EXPECT_EQ(post.body["sign"], json("mbm4Y4oluIPQ00qlBIhX8vAZ0EKv3nw0LuTb91jPL84="));
  }
}

TEST(FeishuMessages, HostileTextStaysPlainTextWithoutMentionsOrLinks) {
  DeliveryDigest digest = testing::sample_digest(2);
  digest.papers[0].title = std::string(kHostile);
  digest.papers[0].authors = {"<at user_id=\"all\">x</at> @all", "[a](https://evil.example)"};
  digest.papers[0].text = std::string(kHostile);
  digest.categories = {"<at user_id=\"all\">all</at>"};
  const auto posts = checked_posts(digest);
  ASSERT_EQ(posts.size(), 1u);
  expect_complete(digest, posts);
  // The title is the link's text, as written; the href is the paper's own.
  const std::vector<json>& title_line = posts[0].paragraphs.at(0);
  ASSERT_EQ(title_line.size(), 2u);
  EXPECT_EQ(title_line[1]["text"], json(std::string(kHostile)));
  EXPECT_EQ(title_line[1]["href"], json(digest.papers[0].link));
  EXPECT_THAT(posts[0].text,
              HasSubstr("\n<at user_id=\"all\">x</at> @all, [a](https://evil.example) · score "
                        "10.0\n" +
                        std::string(kHostile) + "\n"));
}

TEST(FeishuMessages, OnlyAWebLinkBecomesAnHref) {
  DeliveryDigest digest = testing::sample_digest(2);
  digest.papers[0].link = "javascript:alert(1)";
  const auto posts = checked_posts(digest);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].hrefs, std::vector<std::string>{digest.papers[1].link});
  EXPECT_EQ(posts[0].paragraphs.at(0),
            (std::vector<json>{{{"tag", "text"}, {"text", "1. Paper 1"}}}));
}

TEST(FeishuMessages, LongAuthorListsAreShortened) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].authors = {"A1", "A2", "A3", "A4", "A5", "A6"};
  const auto posts = checked_posts(digest);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_THAT(posts[0].text, HasSubstr("\nA1, A2, A3, A4, A5 et al. · score 10.0\n"));
  digest.papers[0].authors.clear();
  EXPECT_THAT(checked_posts(digest).at(0).text, HasSubstr("\nscore 10.0\n"));
}

TEST(FeishuReply, CodeZeroIsDelivered) {
  EXPECT_EQ(read_feishu_reply(200, R"({"code":0,"data":{},"msg":"success"})"),
            (ChatReply{true, false, std::nullopt, ""}));
  EXPECT_TRUE(read_feishu_reply(200, R"({"StatusCode":0,"StatusMessage":"success"})").delivered);
  EXPECT_TRUE(
      read_feishu_reply(
          200,
          R"({"Extra":null,"StatusCode":0,"StatusMessage":"success","code":0,"msg":"success"})")
          .delivered);
}

TEST(FeishuReply, ASuccessStatusWithoutCodeZeroIsNotDelivered) {
  for (const char* body : {"{}", "ok", "", R"({"code":"0"})", "[0]", R"({"msg":"success"})"}) {
    const ChatReply reply = read_feishu_reply(200, body);
    EXPECT_FALSE(reply.delivered) << body;
    EXPECT_FALSE(reply.retry) << body;
    EXPECT_THAT(reply.reason, ::testing::StartsWith("HTTP 200")) << body;
  }
  // A code 0 under an error status is the status's word, not a delivery.
  const ChatReply odd = read_feishu_reply(502, R"({"code":0})");
  EXPECT_FALSE(odd.delivered);
  EXPECT_TRUE(odd.retry);
}

TEST(FeishuReply, RealErrorBodiesGiveCodeAndMessage) {
  const std::string sign = read_file(SHARED_DATA_OR_SKIP(
      "webhooks/feishu/19021-sign-match-fail.2024-PrometheusAlert-issue422.json"));
  ASSERT_FALSE(sign.empty());
  EXPECT_EQ(read_feishu_reply(200, sign),
            (ChatReply{false, false, std::nullopt,
                       "Feishu code 19021: sign match fail or timestamp is not within one hour "
                       "from current time"}));

  const std::string type = read_file(
      SHARED_DATA_OR_SKIP("webhooks/feishu/19002-msg_type-need.2020-PrometheusAlert-issue69.json"));
  ASSERT_FALSE(type.empty());
  EXPECT_EQ(read_feishu_reply(200, type).reason, "Feishu code 19002: params error, msg_type need");

  const std::string card = read_file(SHARED_DATA_OR_SKIP(
      "webhooks/feishu/11246-invalid-user-in-card.2024-PrometheusAlert-issue461.redacted.json"));
  ASSERT_FALSE(card.empty());
  const ChatReply card_reply = read_feishu_reply(200, card);
  EXPECT_FALSE(card_reply.delivered);
  EXPECT_FALSE(card_reply.retry);
  EXPECT_THAT(card_reply.reason, ::testing::StartsWith("Feishu code 11246: ErrCode: 100290; "));
  EXPECT_LE(card_reply.reason.size(), 260u);
}

TEST(FeishuReply, ThrottlingAndServerTroubleAreRetried) {
  const ChatReply throttled =
      read_feishu_reply(200, R"({"code":11232,"data":{},"msg":"frequency limited"})");
  EXPECT_TRUE(throttled.retry);
  EXPECT_FALSE(throttled.delivered);
  EXPECT_EQ(throttled.reason, "Feishu code 11232: frequency limited");

  EXPECT_TRUE(read_feishu_reply(200, R"({"code":9499,"msg":"Bad Request"})").retry);
  EXPECT_TRUE(read_feishu_reply(400, R"({"code":9499,"msg":"Bad Request"})").retry);
  EXPECT_EQ(read_feishu_reply(400, R"({"code":9499,"msg":"Bad Request"})").reason,
            "Feishu code 9499: Bad Request (HTTP 400)");

  const ChatReply limited = read_feishu_reply(429, "");
  EXPECT_TRUE(limited.retry);
  EXPECT_EQ(limited.retry_after, std::nullopt);  // the caller reads Retry-After
  EXPECT_EQ(limited.reason, "HTTP 429");

  const ChatReply down = read_feishu_reply(503, "<html>Service Unavailable</html>\n<p>x</p>");
  EXPECT_TRUE(down.retry);
  EXPECT_EQ(down.reason, "HTTP 503: <html>Service Unavailable</html>");
}

TEST(FeishuReply, OtherCodesAreNotRetried) {
  const ChatReply keyword =
      read_feishu_reply(200, R"({"code":19024,"data":{},"msg":"Key Words Not Found"})");
  EXPECT_FALSE(keyword.retry);
  EXPECT_EQ(keyword.reason, "Feishu code 19024: Key Words Not Found");
  // No message: the code alone.
  EXPECT_EQ(read_feishu_reply(200, R"({"code":19022})").reason, "Feishu code 19022");
  // A message with a line break stays one line.
  EXPECT_EQ(read_feishu_reply(200, "{\"code\":1,\"msg\":\"first\\nsecond\"}").reason,
            "Feishu code 1: first");
  EXPECT_NO_THROW(read_feishu_reply(200, "\xFF{\"code\":"));
}

}  // namespace
}  // namespace arxiv_digest
