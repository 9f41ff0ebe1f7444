#include <gmock/gmock.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arxiv_digest/chat_messages.hpp"
#include "core/delivery/message_split.hpp"
#include "support/delivery_fixtures.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;
using testing::read_file;

constexpr std::string_view kHostile =
    "*bold* _it_ ~s~ `code` <!channel> <!here> @everyone @here <@U123> <#C1> "
    "[click](https://evil.example) <https://evil.example|click> <script>alert(1)</script> "
    "&amp; | > # ||spoiler|| __u__ ~~s~~ <@&123> <t:1:R> <:e:1> -# small";

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

std::string without_zero_width(std::string text) {
  for (std::size_t at = text.find("\u200B"); at != std::string::npos; at = text.find("\u200B")) {
    text.erase(at, 3);
  }
  return text;
}

// Discord Markdown as its parser reads escapes, written independently of the code under test:
// a backslash before ASCII punctuation shows that character as it is. `visible` is the text a
// reader sees (zero-width spaces dropped); `live` holds every character Markdown or a mention
// could start with that is left unescaped, in order.
struct ReadMarkdown {
  std::string visible;
  std::string live;
};

ReadMarkdown read_markdown(std::string_view text) {
  constexpr std::string_view kSpecial = "*_~`|>#-+[]()<:@";
  ReadMarkdown out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      out.visible += text[++i];
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) {
      // `@` followed by a zero-width space spells no mention.
      if (c != '@' || text.substr(i + 1, 3) != "\u200B") {
        out.live += c;
      }
    }
    out.visible += c;
  }
  out.visible = without_zero_width(out.visible);
  return out;
}

struct Message {
  json body;
  std::vector<json> embeds;
};

// Every body parsed back and held to Discord's limits.
std::vector<Message> checked_messages(const DeliveryDigest& digest) {
  std::vector<Message> out;
  for (const std::string& text : discord_messages(digest)) {
    Message message;
    message.body = json::parse(text, nullptr, false);
    EXPECT_TRUE(message.body.is_object()) << text.substr(0, 200);
    if (!message.body.is_object()) {
      continue;
    }
    EXPECT_EQ(message.body["allowed_mentions"], json::parse(R"({"parse":[]})"));
    EXPECT_TRUE(message.body.contains("content") || message.body.contains("embeds"));
    if (message.body.contains("content")) {
      const std::string content = message.body["content"].get<std::string>();
      EXPECT_GE(utf16_units(content), 1u);
      EXPECT_LE(utf16_units(content), 2000u);
    }
    if (message.body.contains("embeds")) {
      const json& embeds = message.body["embeds"];
      EXPECT_TRUE(embeds.is_array());
      EXPECT_GE(embeds.size(), 1u);
      EXPECT_LE(embeds.size(), 10u);
      std::size_t total = 0;
      for (const json& embed : embeds) {
        const std::string title = embed.value("title", "");
        const std::string description = embed.value("description", "");
        const std::string footer =
            embed.contains("footer") ? embed["footer"].value("text", "") : std::string();
        EXPECT_LE(utf16_units(title), 256u);
        EXPECT_LE(utf16_units(description), 4096u);
        EXPECT_LE(utf16_units(footer), 2048u);
        EXPECT_FALSE(title.empty() && description.empty() && footer.empty());
        total += utf16_units(title) + utf16_units(description) + utf16_units(footer);
        if (embed.contains("url")) {
          const std::string url = embed["url"];
          EXPECT_TRUE(url.starts_with("https://") || url.starts_with("http://")) << url;
        }
        message.embeds.push_back(embed);
      }
      EXPECT_LE(total, 6000u);
    }
    out.push_back(std::move(message));
  }
  return out;
}

// Header opens the first, footer closes the last, every paper once and in rank order.
void expect_complete(const DeliveryDigest& digest, const std::vector<Message>& messages) {
  ASSERT_FALSE(messages.empty());
  ASSERT_TRUE(messages.front().body.contains("content"));
  EXPECT_EQ(read_markdown(messages.front().body["content"].get<std::string>()).visible,
            "**" + delivery_header(digest) + "**");
  ASSERT_FALSE(messages.back().embeds.empty());
  EXPECT_EQ(without_zero_width(messages.back().embeds.back()["footer"].value("text", "")),
            delivery_footer(digest, "discord"));
  std::vector<std::string> links;
  for (std::size_t m = 0; m < messages.size(); ++m) {
    if (m > 0) {
      EXPECT_FALSE(messages[m].body.contains("content")) << "a header after the first message";
    }
    for (std::size_t e = 0; e < messages[m].embeds.size(); ++e) {
      const bool last = m + 1 == messages.size() && e + 1 == messages[m].embeds.size();
      if (!last) {
        EXPECT_FALSE(messages[m].embeds[e].contains("footer")) << "a footer before the end";
      }
      if (messages[m].embeds[e].contains("url")) {
        links.push_back(messages[m].embeds[e]["url"]);
      }
    }
  }
  std::vector<std::string> expected;
  for (const DeliveryPaper& p : digest.papers) {
    expected.push_back(p.link);
  }
  EXPECT_EQ(links, expected);
}

TEST(DiscordMessages, ThirtyPapersArePackedInOrderWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(30);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  // Some 650 characters a paper: nine fit the 6,000 of one message's embeds.
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0].embeds.size(), 9u);
  EXPECT_EQ(messages[3].embeds.size(), 3u);
  EXPECT_EQ(messages[0].body["content"],
            json("**2026\\-02\\-12 · 30 papers of 412 candidates · cs.AI, cs.CL, cs.LG**"));
  const json& first = messages[0].embeds[0];
  EXPECT_EQ(first["title"], json("1. Paper 1"));
  EXPECT_EQ(first["url"], json("https://arxiv.org/abs/2602.10001"));
  EXPECT_EQ(first["color"], json(0xB31B1B));
  EXPECT_TRUE(first["description"].get<std::string>().starts_with(
      "*Ada Lovelace, Alan Turing* · score 10.0\n\n**TL;DR**\\: Paper 1 studies a thing. It "))
      << first["description"];
  EXPECT_EQ(messages[3].embeds.back()["footer"],
            json({{"text",
                   "Sent by arxiv-digest from owner/repo "
                   "(https://github.com/owner/repo/actions/runs/1). To stop these messages, "
                   "remove delivery.discord from its config.json."}}));
}

TEST(DiscordMessages, TwoHundredPapersAreAllDeliveredWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(200);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  EXPECT_GE(messages.size(), 21u);  // 200 papers × ~650 characters / 6,000
  EXPECT_LE(messages.size(), 25u);
}

TEST(DiscordMessages, ShortPapersAreLimitedToTenEmbeds) {
  DeliveryDigest digest = testing::sample_digest(0);
  for (int i = 1; i <= 25; ++i) {
    digest.papers.push_back(testing::sample_paper(i, "Short."));
  }
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].embeds.size(), 10u);
  EXPECT_EQ(messages[1].embeds.size(), 10u);
  EXPECT_EQ(messages[2].embeds.size(), 5u);
}

TEST(DiscordMessages, NoPapersStillMakeOneMessage) {
  const DeliveryDigest digest = testing::sample_digest(0);
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  expect_complete(digest, messages);
  ASSERT_EQ(messages[0].embeds.size(), 1u);
  EXPECT_EQ(messages[0].embeds[0]["description"], json("No new papers today."));
}

TEST(DiscordMessages, AGiantTextIsShortenedToFitADescription) {
  DeliveryDigest digest = testing::sample_digest(3);
  std::string giant;
  while (giant.size() < 100 * 1024) {
    giant += "A very long sentence about results (and *effects*). ";
  }
  digest.papers[1].text = giant;
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  ASSERT_LE(messages.size(), 2u);
  const std::string description = messages[0].embeds[1]["description"];
  EXPECT_TRUE(description.ends_with("\\*effects\\*\\)." + std::string("…")))
      << description.substr(description.size() - 100);
  EXPECT_GT(utf16_units(description), 3900u);  // shortened to fit, not dropped
}

TEST(DiscordMessages, LimitsHoldInUtf16UnitsAndEscapedCharacters) {
  // Astral characters count two UTF-16 units; `*` takes two characters escaped, `@` two with
  // its zero-width space. Every field of a paper holds 100 KB of them.
  for (const std::string& unit : {std::string("😀"), std::string("*"), std::string("@<:")}) {
    DeliveryDigest digest = testing::sample_digest(12);
    std::string text;
    while (text.size() < 100 * 1024) {
      text += unit;
    }
    for (DeliveryPaper& p : digest.papers) {
      p.text = text;
      p.title = text;
      p.authors = std::vector<std::string>(20, text);
    }
    digest.categories = {text};
    digest.sender = text;
    const auto messages = checked_messages(digest);
    ASSERT_FALSE(messages.empty());
    EXPECT_GE(messages.size(), 6u);  // two papers of ~4,500 cannot share a message
  }
}

TEST(DiscordMessages, HostileTextIsInert) {
  DeliveryDigest digest = testing::sample_digest(2);
  digest.papers[0].title = std::string(kHostile);
  digest.papers[0].authors = {std::string(kHostile), "Bob"};
  digest.papers[0].text = std::string(kHostile) + "\n> quote\n# heading\n- item\n 12. numbered";
  digest.papers[1].text = "**@everyone bold** and **[x](https://evil.example)**";
  digest.categories = {"@everyone", "[x](https://evil.example)"};
  digest.sender = "<@123> @here";
  const std::vector<std::string> bodies = discord_messages(digest);
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_EQ(bodies.size(), 1u);
  expect_complete(digest, messages);

  // No mention, tag or link spelled anywhere in the body as sent.
  for (const std::string_view live :
       {"@everyone", "@here", "<@U123>", "<@123>", "<@&123>", "<#C1>", "<t:1:R>", "<:e:1>", "]("}) {
    EXPECT_THAT(bodies[0], Not(HasSubstr(live))) << live;
  }

  const json& embed = messages[0].embeds[0];
  // The title is plain text, shown as written; its spoiler bars stay as they are.
  EXPECT_EQ(without_zero_width(embed["title"]), "1. " + std::string(kHostile));
  EXPECT_EQ(embed["url"], json(digest.papers[0].link));

  // The description: only the authors' italics are live Markdown.
  const std::string description = embed["description"];
  const ReadMarkdown read = read_markdown(description);
  EXPECT_EQ(read.live, "**");
  EXPECT_EQ(read.visible, "*" + shorten_text(kHostile, 80) + ", Bob* · score 10.0\n\n" +
                              std::string(kHostile) +
                              "\n> quote\n# heading\n- item\n 12. numbered");
  EXPECT_THAT(description, HasSubstr("\\|\\|spoiler\\|\\|"));
  // A line opening with digits and a dot is no numbered list.
  EXPECT_THAT(description, HasSubstr("\n 12\\. numbered"));

  // The model's bold stays bold, around escaped text.
  const std::string second = messages[0].embeds[1]["description"];
  EXPECT_THAT(second, HasSubstr("\n\n**@\u200Beveryone bold** and **\\[x\\]\\(https\\://"
                                "evil.example\\)**"));
  EXPECT_EQ(read_markdown(second).live, "**********");  // italics, then two bold pairs

  // Config's text is escaped in the header and shown as written in the footer.
  const std::string content = messages[0].body["content"];
  EXPECT_EQ(read_markdown(content).live, "****");
  EXPECT_EQ(without_zero_width(messages[0].embeds[1]["footer"]["text"]),
            delivery_footer(digest, "discord"));
}

TEST(DiscordMessages, OnlyAPlainWebLinkBecomesTheTitlesUrl) {
  DeliveryDigest digest = testing::sample_digest(5);
  digest.papers[0].link = "javascript:alert(1)";
  digest.papers[1].link = "https://arxiv.org/abs/1 2";
  digest.papers[2].link = "https://";
  digest.papers[3].link = "https://arxiv.org/abs/" + std::string(5000, 'x');
  digest.papers[4].link = "http://arxiv.org/abs/2602.10005?a=1&b=2";
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_EQ(messages[0].embeds.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_FALSE(messages[0].embeds[i].contains("url")) << i;
    EXPECT_EQ(messages[0].embeds[i]["title"],
              json(std::to_string(i + 1) + ". Paper " + std::to_string(i + 1)));
  }
  EXPECT_EQ(messages[0].embeds[4]["url"], json(digest.papers[4].link));
}

TEST(DiscordMessages, LongAuthorListsAndTitlesAreTidied) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].authors = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"};
  digest.papers[0].title = "Line\n  broken   title " + std::string(300, 'x');
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  const json& embed = messages[0].embeds[0];
  EXPECT_TRUE(embed["description"].get<std::string>().starts_with(
      "*A1, A2, A3, A4, A5 et al.* · score 10.0\n\n"));
  EXPECT_EQ(embed["title"], json("1. Line broken title…"));

  digest.papers[0].authors.clear();
  digest.papers[0].title = " \n ";
  const auto bare = checked_messages(digest);
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].embeds[0]["title"], json("1. 2602.10001v1"));
  EXPECT_TRUE(bare[0].embeds[0]["description"].get<std::string>().starts_with("score 10.0\n\n"));
}

TEST(DiscordMessages, InvalidUtf8NeverThrowsAndStaysValid) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].title = "bad \xC3\x28 byte \xFF and \x01 control";
  digest.papers[0].text = "\xFE\xFF text";
  std::vector<std::string> bodies;
  EXPECT_NO_THROW(bodies = discord_messages(digest));
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0].embeds[0]["title"].get<std::string>(),
              HasSubstr("bad \xEF\xBF\xBD( byte \xEF\xBF\xBD and "));
}

TEST(DiscordReply, SuccessWithAndWithoutWaitIsDelivered) {
  EXPECT_EQ(read_discord_reply(200, R"({"id":"1","type":0,"content":"x","channel_id":"2"})"),
            (ChatReply{true, false, std::nullopt, ""}));
  EXPECT_EQ(read_discord_reply(204, ""), (ChatReply{true, false, std::nullopt, ""}));
}

TEST(DiscordReply, RealRateLimitAnswersAreRetriedAfterTheirWait) {
  const std::string user =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/429-user-rate-limit.body.json"));
  ASSERT_FALSE(user.empty());
  EXPECT_EQ(read_discord_reply(429, user), (ChatReply{false, true, std::chrono::milliseconds(64570),
                                                      "HTTP 429: You are being rate limited."}));

  const std::string global =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/429-global-rate-limit.body.json"));
  EXPECT_EQ(read_discord_reply(429, global),
            (ChatReply{false, true, std::chrono::milliseconds(64570),
                       "HTTP 429: You are being rate limited. (global)"}));

  const std::string shared =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/429-shared-resource-rate-limit.body.json"));
  EXPECT_EQ(read_discord_reply(429, shared),
            (ChatReply{false, true, std::chrono::milliseconds(1336570),
                       "HTTP 429: The resource is being rate limited."}));
}

TEST(DiscordReply, RetryAfterIsRoundedUpToAMillisecond) {
  const auto wait = [](std::string_view value) {
    return read_discord_reply(429, R"({"message":"m","retry_after":)" + std::string(value) + "}")
        .retry_after;
  };
  EXPECT_EQ(wait("0.3"), std::chrono::milliseconds(300));
  EXPECT_EQ(wait("0.0004"), std::chrono::milliseconds(1));
  EXPECT_EQ(wait("1.0001"), std::chrono::milliseconds(1001));
  EXPECT_EQ(wait("2"), std::chrono::milliseconds(2000));
  EXPECT_EQ(wait("0"), std::chrono::milliseconds(0));
  EXPECT_EQ(wait("1e300"), std::chrono::hours(24));  // capped at a day
  for (const char* garbage : {"-4", "\"5\"", "null", "true", "[1]", "{}", "NaN"}) {
    EXPECT_EQ(wait(garbage), std::nullopt) << garbage;
  }
}

TEST(DiscordReply, RealFormErrorsGiveTheCodeMessageAndFirstField) {
  const std::string one =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/400-invalid-form-body-example1.json"));
  EXPECT_EQ(read_discord_reply(400, one),
            (ChatReply{false, false, std::nullopt,
                       "HTTP 400: code 50035: Invalid Form Body (activities.0.platform: Value "
                       "must be one of ('desktop', 'android', 'ios').)"}));
  const std::string two =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/400-invalid-form-body-example2.json"));
  EXPECT_EQ(read_discord_reply(400, two).reason,
            "HTTP 400: code 50035: Invalid Form Body (access_token: This field is required)");
  const std::string three =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/400-invalid-form-body-example3.json"));
  EXPECT_EQ(read_discord_reply(400, three).reason,
            "HTTP 400: code 50035: Invalid Form Body (Command exceeds maximum size (8000))");
  const std::string token =
      read_file(SHARED_DATA_OR_SKIP("webhooks/discord/json-error-example-50014.json"));
  EXPECT_EQ(read_discord_reply(401, token),
            (ChatReply{false, false, std::nullopt,
                       "HTTP 401: code 50014: Invalid authentication token"}));
}

TEST(DiscordReply, ServerErrorsAreRetriedWithoutAWait) {
  const ChatReply json_reply =
      read_discord_reply(500, R"({"message": "500: Internal Server Error", "code": 0})");
  EXPECT_EQ(json_reply,
            (ChatReply{false, true, std::nullopt, "HTTP 500: code 0: 500: Internal Server Error"}));
  const ChatReply proxy = read_discord_reply(502, "<html>\r\n<head>Bad Gateway</head>");
  EXPECT_EQ(proxy, (ChatReply{false, true, std::nullopt, "HTTP 502: <html>"}));
  EXPECT_EQ(read_discord_reply(503, "").reason, "HTTP 503");
}

TEST(DiscordReply, MalformedBodiesNeverThrow) {
  for (const char* body :
       {R"({"code":"50035","message":7,"errors":[]})", R"({"errors":{"a":{"_errors":"x"}}})",
        R"({"errors":{"a":{"_errors":[{"message":5}]}}})", R"([{"code":1}])", "\xFF\xFE",
        R"({"message":"line one\nline two","code":1e400})", "{\"message\":"}) {
    ChatReply reply;
    EXPECT_NO_THROW(reply = read_discord_reply(400, body)) << body;
    EXPECT_FALSE(reply.delivered) << body;
    EXPECT_FALSE(reply.retry) << body;
    EXPECT_THAT(reply.reason, ::testing::StartsWith("HTTP 400")) << body;
    EXPECT_THAT(reply.reason, Not(HasSubstr("\n"))) << body;
  }
  // Deeply nested errors are walked only so far; a body nested deeper than any JSON we read is
  // not read as Discord's at all, and its start is quoted instead.
  const auto nested_errors = [](int depth) {
    std::string body = R"({"code":50035,"message":"Invalid Form Body","errors":)";
    for (int i = 0; i < depth; ++i) {
      body += R"({"a":)";
    }
    return body + "1" + std::string(static_cast<std::size_t>(depth), '}') + "}";
  };
  ChatReply reply;
  EXPECT_NO_THROW(reply = read_discord_reply(400, nested_errors(40)));
  EXPECT_EQ(reply.reason, "HTTP 400: code 50035: Invalid Form Body");
  EXPECT_NO_THROW(reply = read_discord_reply(400, nested_errors(5000)));
  EXPECT_THAT(reply.reason, ::testing::StartsWith(R"(HTTP 400: {"code":50035,"message":"Invalid)"));
}

}  // namespace
}  // namespace arxiv_digest
