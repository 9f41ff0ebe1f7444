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

// Telegram's HTML as its server reads it, written independently of the code under test: tags
// with their one allowed attribute, the four named entities and numeric ones; a bare `<`, `>` or
// `&` is an error here (stricter than Telegram), so an escaping slip cannot pass unseen.
struct ParsedHtml {
  std::string error;  // "" when well formed
  std::string visible;
  std::vector<std::string> tags;   // start tags, in order
  std::vector<std::string> hrefs;  // decoded, in order
};

bool decode_entity(std::string_view name, std::string& out) {
  if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "amp") {
    out += '&';
  } else if (name == "quot") {
    out += '"';
  } else {
    return false;
  }
  return true;
}

ParsedHtml parse_html(std::string_view html) {
  ParsedHtml out;
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < html.size() && out.error.empty()) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) {
        out.error = "unclosed tag at " + std::to_string(i);
        break;
      }
      const std::string_view inside = html.substr(i + 1, end - i - 1);
      if (inside.starts_with('/')) {
        if (open.empty() || open.back() != inside.substr(1)) {
          out.error = "unmatched end tag " + std::string(inside);
        } else {
          open.pop_back();
        }
      } else {
        const std::string name(inside.substr(0, inside.find(' ')));
        const std::string_view attributes =
            name.size() < inside.size() ? inside.substr(name.size() + 1) : std::string_view();
        if (name == "a") {
          constexpr std::string_view kHref = "href=\"";
          if (!attributes.starts_with(kHref) || !attributes.ends_with('"') ||
              attributes.size() < kHref.size() + 1) {
            out.error = "bad a attributes: " + std::string(attributes);
            break;
          }
          const std::string_view value =
              attributes.substr(kHref.size(), attributes.size() - kHref.size() - 1);
          std::string href;
          for (std::size_t k = 0; k < value.size(); ++k) {
            if (value[k] == '"' || value[k] == '<' || value[k] == '>') {
              out.error = "raw character in href";
            } else if (value[k] == '&') {
              const std::size_t semi = value.find(';', k);
              if (semi == std::string_view::npos ||
                  !decode_entity(value.substr(k + 1, semi - k - 1), href)) {
                out.error = "bad entity in href";
                break;
              }
              k = semi;
            } else {
              href += value[k];
            }
          }
          out.hrefs.push_back(href);
        } else if (!attributes.empty()) {
          out.error = "attributes on " + name;
        }
        open.push_back(name);
        out.tags.push_back(name);
      }
      i = end + 1;
    } else if (c == '&') {
      const std::size_t semi = html.find(';', i);
      if (semi == std::string_view::npos ||
          !decode_entity(html.substr(i + 1, semi - i - 1), out.visible)) {
        out.error = "bare & at " + std::to_string(i);
        break;
      }
      i = semi + 1;
    } else if (c == '>') {
      out.error = "bare > at " + std::to_string(i);
    } else {
      out.visible += c;
      ++i;
    }
  }
  if (out.error.empty() && !open.empty()) {
    out.error = "unclosed " + open.back();
  }
  return out;
}

// UTF-16 code units, by decoding each sequence (4-byte ones are surrogate pairs).
std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return units;
}

struct Message {
  json body;
  std::string html;
  ParsedHtml parsed;
};

// Every body parsed back and held to every limit and rule Telegram has.
std::vector<Message> checked_messages(const DeliveryDigest& digest,
                                      std::string_view chat_id = "123456789") {
  std::vector<Message> out;
  for (const std::string& text : telegram_messages(digest, chat_id)) {
    Message message;
    message.body = json::parse(text, nullptr, false);
    EXPECT_TRUE(message.body.is_object()) << text.substr(0, 200);
    if (!message.body.is_object()) {
      continue;
    }
    EXPECT_EQ(message.body.value("parse_mode", ""), "HTML");
    EXPECT_EQ(message.body["link_preview_options"], json({{"is_disabled", true}}));
    message.html = message.body.value("text", "");
    message.parsed = parse_html(message.html);
    EXPECT_EQ(message.parsed.error, "") << message.html.substr(0, 300);
    EXPECT_LE(message.html.size(), 32768u);
    EXPECT_LE(utf16_units(message.parsed.visible), 4096u);
    EXPECT_GE(utf16_units(message.parsed.visible), 1u);
    for (const std::string& tag : message.parsed.tags) {
      EXPECT_THAT(tag, ::testing::AnyOf("b", "i", "a")) << "a tag the code does not write";
    }
    out.push_back(std::move(message));
  }
  return out;
}

// Header opens the first, footer closes the last, every paper's link once and in rank order.
void expect_complete(const DeliveryDigest& digest, const std::vector<Message>& messages) {
  ASSERT_FALSE(messages.empty());
  EXPECT_TRUE(messages.front().parsed.visible.starts_with(delivery_header(digest)))
      << messages.front().parsed.visible.substr(0, 200);
  EXPECT_TRUE(messages.back().parsed.visible.ends_with(delivery_footer(digest, "telegram")));
  for (std::size_t m = 1; m < messages.size(); ++m) {
    EXPECT_THAT(messages[m].parsed.visible, ::testing::Not(HasSubstr(delivery_header(digest))));
  }
  for (std::size_t m = 0; m + 1 < messages.size(); ++m) {
    EXPECT_THAT(messages[m].parsed.visible, ::testing::Not(HasSubstr("Sent by arxiv-digest")));
  }
  std::vector<std::string> links;
  for (const Message& message : messages) {
    links.insert(links.end(), message.parsed.hrefs.begin(), message.parsed.hrefs.end());
  }
  std::vector<std::string> expected;
  for (const DeliveryPaper& p : digest.papers) {
    expected.push_back(p.link);
  }
  EXPECT_EQ(links, expected);
}

TEST(TelegramMessages, ThirtyPapersArePackedInOrderWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(30);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  // 30 papers of some 700 characters cannot share one 4,096-character message, and a greedy
  // fill needs no more than one message per 5 of them.
  EXPECT_GE(messages.size(), 5u);
  EXPECT_LE(messages.size(), 7u);
  const std::string& first = messages.front().html;
  EXPECT_TRUE(
      first.starts_with("<b>2026-02-12 · 30 papers of 412 candidates · cs.AI, cs.CL, "
                        "cs.LG</b>\n\n<b>1. <a href=\"https://arxiv.org/abs/2602.10001\">"
                        "Paper 1</a></b>\n<i>Ada Lovelace, Alan Turing</i> · score 10.0\n"
                        "**TL;DR**: Paper 1 studies a thing."))
      << first.substr(0, 400);
  EXPECT_TRUE(messages.back().html.ends_with(
      "\n\n<i>Sent by arxiv-digest from owner/repo "
      "(https://github.com/owner/repo/actions/runs/1). To stop these messages, remove "
      "delivery.telegram from its config.json.</i>"));
  // A later message opens with its first paper, not with blank lines.
  EXPECT_TRUE(messages[1].html.starts_with("<b>")) << messages[1].html.substr(0, 100);
}

TEST(TelegramMessages, TwoHundredPapersAreAllDeliveredWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(200);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  EXPECT_GE(messages.size(), 34u);  // 200 papers × ~700 characters / 4,096
  EXPECT_LE(messages.size(), 45u);
}

TEST(TelegramMessages, NoPapersStillMakeOneMessage) {
  const DeliveryDigest digest = testing::sample_digest(0);
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  expect_complete(digest, messages);
  EXPECT_EQ(messages[0].parsed.visible,
            delivery_header(digest) + "\n\n" + delivery_footer(digest, "telegram"));
}

TEST(TelegramMessages, AGiantTextIsShortenedToFitAMessage) {
  DeliveryDigest digest = testing::sample_digest(3);
  std::string giant;
  while (giant.size() < 100 * 1024) {
    giant += "A very long sentence about results. ";
  }
  digest.papers[1].text = giant;
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  ASSERT_EQ(messages.size(), 3u);  // the giant paper fills a message of its own
  EXPECT_THAT(messages[1].parsed.visible, HasSubstr("results.…"));
  EXPECT_GT(utf16_units(messages[1].parsed.visible), 3500u);  // shortened, not dropped
}

TEST(TelegramMessages, LimitsHoldInUtf16UnitsAndEscapedBytes) {
  // Astral characters count two UTF-16 units; `&` takes 5 bytes as &amp;; both limits hold.
  for (const std::string& unit : {std::string("😀"), std::string("&"), std::string("\"<>")}) {
    DeliveryDigest digest = testing::sample_digest(2);
    std::string text;
    while (text.size() < 100 * 1024) {
      text += unit;
    }
    digest.papers[0].text = text;
    digest.papers[0].title = text;
    digest.papers[0].authors = std::vector<std::string>(20, text);
    const auto messages = checked_messages(digest);
    expect_complete(digest, messages);
  }
}

TEST(TelegramMessages, HostileTextAddsNoTagNoLinkAndShowsAsWritten) {
  DeliveryDigest digest = testing::sample_digest(2);
  digest.papers[0].title = std::string(kHostile);
  digest.papers[0].authors = {std::string(kHostile), "<i>Bob</i>"};
  digest.papers[0].text = std::string(kHostile);
  digest.categories = {"<b>cs.AI</b>"};
  digest.sender = "<a href=\"https://evil.example\">x</a>";
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  expect_complete(digest, messages);
  const ParsedHtml& parsed = messages[0].parsed;
  // Only the tags the code writes: header, two titles with their links, two author lines, footer.
  EXPECT_EQ(parsed.tags, (std::vector<std::string>{"b", "b", "a", "i", "b", "a", "i", "i"}));
  EXPECT_THAT(parsed.visible, HasSubstr("1. " + std::string(kHostile) + "\n"));
  EXPECT_THAT(parsed.visible, HasSubstr("score 10.0\n" + std::string(kHostile)));
  EXPECT_THAT(messages[0].html, ::testing::Not(HasSubstr("<script")));
  EXPECT_THAT(messages[0].html, ::testing::Not(HasSubstr("evil.example\"")));
}

TEST(TelegramMessages, OnlyAWebLinkBecomesAnHrefAndItIsEscaped) {
  DeliveryDigest digest = testing::sample_digest(3);
  digest.papers[0].link = "javascript:alert(1)";
  digest.papers[1].link = "https://arxiv.org/abs/1\"><script>x</script>&a=1";
  digest.papers[2].link = "https://arxiv.org/abs/" + std::string(5000, 'x');
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].parsed.hrefs, std::vector<std::string>{digest.papers[1].link});
  EXPECT_THAT(messages[0].html,
              HasSubstr("<a href=\"https://arxiv.org/abs/1&quot;&gt;&lt;script&gt;x&lt;/"
                        "script&gt;&amp;a=1\">Paper 2</a>"));
  EXPECT_THAT(messages[0].parsed.visible, HasSubstr("1. Paper 1\n"));
  EXPECT_THAT(messages[0].parsed.visible, HasSubstr("3. Paper 3\n"));
}

TEST(TelegramMessages, LongAuthorListsAreShortened) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].authors = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"};
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0].html, HasSubstr("<i>A1, A2, A3, A4, A5 et al.</i> · score 10.0"));
  digest.papers[0].authors.clear();
  digest.papers[0].title = "Line\n  broken   title";
  const auto bare = checked_messages(digest);
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_THAT(bare[0].html, HasSubstr("Line broken title</a></b>\nscore 10.0\n"));
}

TEST(TelegramMessages, NumericChatIdsAreNumbersOthersStrings) {
  const DeliveryDigest digest = testing::sample_digest(1);
  const auto chat_id = [&](std::string_view id) {
    return json::parse(telegram_messages(digest, id).at(0))["chat_id"];
  };
  EXPECT_EQ(chat_id("123456789"), json(123456789));
  EXPECT_EQ(chat_id("-1001234567890"), json(-1001234567890LL));
  EXPECT_EQ(chat_id("@arxiv_channel"), json("@arxiv_channel"));
  EXPECT_EQ(chat_id("12a"), json("12a"));
  EXPECT_EQ(chat_id("-"), json("-"));
  EXPECT_EQ(chat_id("99999999999999999999"), json("99999999999999999999"));  // beyond int64
  const json body = json::parse(telegram_messages(digest, "1").at(0));
  EXPECT_EQ(body["disable_web_page_preview"], json(true));
}

TEST(TelegramMessages, InvalidUtf8NeverThrowsAndStaysValid) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].title = "bad \xC3\x28 byte \xFF and \x01 control";
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0].parsed.visible, HasSubstr("bad \xEF\xBF\xBD( byte \xEF\xBF\xBD and"));
}

TEST(TelegramReply, OkTrueIsDelivered) {
  const ChatReply reply = read_telegram_reply(
      200, R"({"ok":true,"result":{"message_id":7,"chat":{"id":1,"type":"private"}}})");
  EXPECT_EQ(reply, (ChatReply{true, false, std::nullopt, ""}));
}

TEST(TelegramReply, ASuccessStatusWithoutOkTrueIsNotDelivered) {
  for (const char* body : {R"({"ok":false,"error_code":400,"description":"Bad Request: x"})",
                           R"({"ok":"true"})", "{}", "ok", "", "[true]", "{\"ok\":tru"}) {
    const ChatReply reply = read_telegram_reply(200, body);
    EXPECT_FALSE(reply.delivered) << body;
    EXPECT_FALSE(reply.retry) << body;
    EXPECT_THAT(reply.reason, ::testing::StartsWith("HTTP ")) << body;
  }
}

TEST(TelegramReply, RealTooManyRequestsAnswersAreRetriedAfterTheirWait) {
  const std::string old_body =
      read_file(SHARED_DATA_OR_SKIP("webhooks/telegram/429-retry-after-3.2016-cjbot-issue13.json"));
  ASSERT_FALSE(old_body.empty());
  // The 2016 answer has no parameters: the wait is read from the description.
  const ChatReply old_reply = read_telegram_reply(429, old_body);
  EXPECT_FALSE(old_reply.delivered);
  EXPECT_TRUE(old_reply.retry);
  EXPECT_EQ(old_reply.retry_after, std::chrono::seconds(3));
  EXPECT_EQ(old_reply.reason, "HTTP 429: Too Many Requests: retry after 3");

  const std::string new_body = read_file(SHARED_DATA_OR_SKIP(
      "webhooks/telegram/429-retry-after-2282.2021-tdlib-issue184.pretty.json"));
  ASSERT_FALSE(new_body.empty());
  const ChatReply new_reply = read_telegram_reply(429, new_body);
  EXPECT_TRUE(new_reply.retry);
  EXPECT_EQ(new_reply.retry_after, std::chrono::seconds(2282));
  EXPECT_EQ(new_reply.reason, "HTTP 429: Too Many Requests: retry after 2282");
}

TEST(TelegramReply, ParametersRetryAfterWinsOverTheDescription) {
  const ChatReply reply = read_telegram_reply(
      429,
      R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 9","parameters":{"retry_after":5}})");
  EXPECT_TRUE(reply.retry);
  EXPECT_EQ(reply.retry_after, std::chrono::seconds(5));
}

TEST(TelegramReply, ServerErrorsAreRetriedWithoutAWait) {
  const ChatReply json_reply = read_telegram_reply(
      500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})");
  EXPECT_TRUE(json_reply.retry);
  EXPECT_EQ(json_reply.retry_after, std::nullopt);
  EXPECT_EQ(json_reply.reason, "HTTP 500: Internal Server Error");

  const ChatReply proxy = read_telegram_reply(502, "<html>\r\n<head>Bad Gateway</head>");
  EXPECT_TRUE(proxy.retry);
  EXPECT_FALSE(proxy.delivered);
  EXPECT_EQ(proxy.reason, "HTTP 502: <html>");
}

TEST(TelegramReply, OtherErrorsGiveCodeAndDescription) {
  const ChatReply chat = read_telegram_reply(
      400, R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})");
  EXPECT_EQ(chat, (ChatReply{false, false, std::nullopt, "HTTP 400: Bad Request: chat not found"}));

  const ChatReply token =
      read_telegram_reply(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})");
  EXPECT_FALSE(token.retry);
  EXPECT_EQ(token.reason, "HTTP 401: Unauthorized");

  // A description with a line break stays one line in the run status.
  const ChatReply odd = read_telegram_reply(
      403, R"({"ok":false,"error_code":403,"description":"Forbidden:\tbot was blocked"})");
  EXPECT_EQ(odd.reason, "HTTP 403: Forbidden: bot was blocked");
}

// get<int>() wrapped 4294967725 round to 429, so a permanent 400 was retried as throttled; a code
// that is no HTTP status is now ignored and the real status speaks.
TEST(TelegramReply, AnErrorCodeThatIsNoStatusIsIgnored) {
  for (const char* code : {"4294967725", "429.5", "1e300", "-429"}) {
    const ChatReply reply = read_telegram_reply(
        400, std::string(R"({"ok":false,"error_code":)") + code + R"(,"description":"Bad"})");
    EXPECT_EQ(reply, (ChatReply{false, false, std::nullopt, "HTTP 400: Bad"})) << code;
  }
}

TEST(TelegramReply, MalformedValuesNeverThrow) {
  for (const char* body :
       {R"({"ok":false,"error_code":"429","description":7,"parameters":{"retry_after":"x"}})",
        R"({"ok":false,"error_code":429,"parameters":[]})",
        R"({"ok":false,"error_code":429,"parameters":{"retry_after":1e300}})",
        R"({"ok":false,"error_code":429,"description":"retry after 99999999999999999999"})",
        R"({"ok":false,"error_code":429,"parameters":{"retry_after":-4}})", "\xFF\xFE"}) {
    ChatReply reply;
    EXPECT_NO_THROW(reply = read_telegram_reply(429, body)) << body;
    EXPECT_TRUE(reply.retry) << body;
    EXPECT_FALSE(reply.delivered) << body;
    if (reply.retry_after) {
      EXPECT_GE(reply.retry_after->count(), 0) << body;
      EXPECT_LE(*reply.retry_after, std::chrono::hours(24)) << body;
    }
  }
}

}  // namespace
}  // namespace arxiv_digest
