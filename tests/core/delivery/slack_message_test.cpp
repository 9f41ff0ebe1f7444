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
    "&amp; | > # ||spoiler|| ＊wide＊ ＿w＿ ｀w｀ @channel";

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

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// What a reader sees of inert text: entities decoded, the look-alikes read as what they stand
// for, invisible characters gone.
std::string seen(std::string text) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"\u200B", ""},
                                                                                 {"\u00AD", ""},
                                                                                 {"\u2217", "*"},
                                                                                 {"\u02CD", "_"},
                                                                                 {"\u223C", "~"},
                                                                                 {"\uFE61", "＊"},
                                                                                 {"\u2E0F", "＿"},
                                                                                 {"\u2223", "|"},
                                                                                 {"&lt;", "<"},
                                                                                 {"&gt;", ">"},
                                                                                 {"&amp;", "&"}}) {
    replace_all(text, from, to);
  }
  replace_all(text, "\u02CB", "`");
  return text;
}

// What seen() gives for `text`: ˋ stands for both ` and ｀, read back as `.
std::string as_seen(std::string_view text) {
  std::string out(text);
  replace_all(out, "｀", "`");
  return out;
}

// mrkdwn as Slack reads its control characters, written independently of the code under test:
// every `&` starts one of the three entities, every `<` a sequence up to `>`.
struct ParsedMrkdwn {
  std::string error;                   // "" when only links and entities
  std::vector<std::string> sequences;  // the inside of every <…>
  std::vector<std::string> links;      // URLs of <url|label> sequences
  std::vector<std::string> labels;
};

ParsedMrkdwn parse_mrkdwn(std::string_view text) {
  ParsedMrkdwn out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const std::string_view rest = text.substr(i);
      if (!rest.starts_with("&amp;") && !rest.starts_with("&lt;") && !rest.starts_with("&gt;")) {
        out.error = "bare & at " + std::to_string(i);
        return out;
      }
    } else if (text[i] == '>') {
      out.error = "bare > at " + std::to_string(i);
      return out;
    } else if (text[i] == '<') {
      const std::size_t end = text.find('>', i);
      if (end == std::string_view::npos) {
        out.error = "unclosed < at " + std::to_string(i);
        return out;
      }
      const std::string inside(text.substr(i + 1, end - i - 1));
      out.sequences.push_back(inside);
      const std::size_t bar = inside.find('|');
      if (!inside.starts_with("https://") || bar == std::string::npos ||
          inside.find('|', bar + 1) != std::string::npos) {
        out.error = "not a link: <" + inside + ">";
        return out;
      }
      out.links.push_back(inside.substr(0, bar));
      out.labels.push_back(inside.substr(bar + 1));
      i = end;
    }
  }
  return out;
}

struct Message {
  json body;
  std::vector<std::string> texts;  // every mrkdwn text, in block order
  std::vector<ParsedMrkdwn> parsed;
};

// Every body parsed back and held to Slack's limits and to the rules of its markup.
std::vector<Message> checked_messages(const DeliveryDigest& digest) {
  std::vector<Message> out;
  for (const std::string& text : slack_messages(digest)) {
    Message message;
    message.body = json::parse(text, nullptr, false);
    EXPECT_TRUE(message.body.is_object()) << text.substr(0, 200);
    if (!message.body.is_object()) {
      continue;
    }
    // The whole message well under the 40,000 characters Slack truncates at.
    EXPECT_LT(utf16_units(text), 40000u);
    EXPECT_EQ(message.body["unfurl_links"], json(false));
    EXPECT_EQ(message.body["unfurl_media"], json(false));
    const json& fallback = message.body["text"];
    EXPECT_TRUE(fallback.is_string() && !fallback.get<std::string>().empty());
    EXPECT_EQ(parse_mrkdwn(fallback.get<std::string>()).error, "");
    const json& blocks = message.body["blocks"];
    EXPECT_TRUE(blocks.is_array());
    EXPECT_GE(blocks.size(), 1u);
    EXPECT_LE(blocks.size(), 50u);
    std::size_t total = 0;
    const auto check_text = [&](const json& object) {
      EXPECT_EQ(object.value("type", ""), "mrkdwn");
      EXPECT_EQ(object["verbatim"], json(true));
      const std::string mrkdwn = object.value("text", "");
      EXPECT_GE(utf16_units(mrkdwn), 1u);
      EXPECT_LE(utf16_units(mrkdwn), 3000u);
      total += utf16_units(mrkdwn);
      message.texts.push_back(mrkdwn);
      message.parsed.push_back(parse_mrkdwn(mrkdwn));
      EXPECT_EQ(message.parsed.back().error, "") << mrkdwn.substr(0, 300);
    };
    for (const json& block : blocks) {
      const std::string type = block.value("type", "");
      if (type == "section") {
        check_text(block["text"]);
      } else if (type == "context") {
        EXPECT_GE(block["elements"].size(), 1u);
        EXPECT_LE(block["elements"].size(), 10u);
        for (const json& element : block["elements"]) {
          check_text(element);
        }
      } else {
        ADD_FAILURE() << "a block the code does not write: " << block.dump();
      }
    }
    EXPECT_LE(total, 12000u);
    out.push_back(std::move(message));
  }
  return out;
}

// Header opens the first, footer closes the last, every paper once and in rank order. A header
// or footer made of config values too long to show whole is only checked for its start.
void expect_complete(const DeliveryDigest& digest, const std::vector<Message>& messages,
                     bool whole_frame = true) {
  ASSERT_FALSE(messages.empty());
  ASSERT_FALSE(messages.front().texts.empty());
  const std::string header = seen(messages.front().texts.front());
  const std::string footer = seen(messages.back().texts.back());
  if (whole_frame) {
    EXPECT_EQ(header, "*" + delivery_header(digest) + "*");
    EXPECT_EQ(footer, delivery_footer(digest, "slack"));
  } else {
    EXPECT_TRUE(header.starts_with("*" + digest.date + " · ")) << header.substr(0, 100);
    EXPECT_TRUE(footer.starts_with("Sent by arxiv-digest from")) << footer.substr(0, 100);
  }
  const json& last_block = messages.back().body["blocks"].back();
  EXPECT_EQ(last_block.value("type", ""), "context");
  for (std::size_t m = 0; m < messages.size(); ++m) {
    for (const json& block : messages[m].body["blocks"]) {
      if (m + 1 < messages.size()) {
        EXPECT_NE(block.value("type", ""), "context") << "a footer before the last message";
      }
    }
    if (m > 0) {
      EXPECT_THAT(messages[m].texts.front(), Not(HasSubstr(delivery_header(digest))));
    }
  }
  std::vector<std::string> links;
  for (const Message& message : messages) {
    for (const ParsedMrkdwn& parsed : message.parsed) {
      links.insert(links.end(), parsed.links.begin(), parsed.links.end());
    }
  }
  std::vector<std::string> expected;
  for (const DeliveryPaper& p : digest.papers) {
    expected.push_back(p.link);
  }
  EXPECT_EQ(links, expected);
}

TEST(SlackMessages, ThirtyPapersArePackedInOrderWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(30);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  // 30 papers of some 700 characters: more than one 12,000-character message, and a greedy
  // fill needs no more than one for every 15.
  EXPECT_EQ(messages.size(), 2u);
  const json& first = messages.front().body;
  EXPECT_EQ(first["text"], json("arXiv digest 2026-02-12: 30 papers (cs.AI, cs.CL, cs.LG) (1/2)"));
  EXPECT_EQ(first["blocks"][0],
            json::parse(R"({"type":"section","text":{"type":"mrkdwn","verbatim":true,
              "text":"*2026-02-12 · 30 papers of 412 candidates · cs.AI, cs.CL, cs.LG*"}})"));
  EXPECT_TRUE(messages[0].texts[1].starts_with(
      "*1. <https://arxiv.org/abs/2602.10001|Paper 1>*\n_Ada Lovelace, Alan Turing_ · score "
      "10.0\n*TL;DR*: Paper 1 studies a thing. It measures"))
      << messages[0].texts[1].substr(0, 300);
  EXPECT_EQ(messages.back().texts.back(),
            "Sent by arxiv-digest from owner/repo (https://github.com/owner/repo/actions/runs/1). "
            "To stop these messages, remove delivery.slack from its config.json.");
  // A later message opens with its first paper.
  EXPECT_TRUE(messages[1].texts.front().starts_with("*")) << messages[1].texts.front();
  EXPECT_EQ(messages[1].body["text"],
            json("arXiv digest 2026-02-12: 30 papers (cs.AI, cs.CL, cs.LG) (2/2)"));
}

TEST(SlackMessages, TwoHundredPapersAreAllDeliveredWithinTheLimits) {
  const DeliveryDigest digest = testing::sample_digest(200);
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  EXPECT_GE(messages.size(), 12u);  // 200 papers × ~700 characters / 12,000
  EXPECT_LE(messages.size(), 14u);
}

TEST(SlackMessages, ShortPapersAreLimitedByTheBlockCount) {
  DeliveryDigest digest = testing::sample_digest(0);
  for (int i = 1; i <= 120; ++i) {
    digest.papers.push_back(testing::sample_paper(i, "Short."));
  }
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  ASSERT_EQ(messages.size(), 3u);  // 48 papers beside header and footer, at most
  EXPECT_EQ(messages[0].body["blocks"].size(), 49u);
  EXPECT_EQ(messages[1].body["blocks"].size(), 48u);
  EXPECT_EQ(messages[2].body["blocks"].size(), 25u);
}

TEST(SlackMessages, NoPapersStillMakeOneMessage) {
  const DeliveryDigest digest = testing::sample_digest(0);
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  expect_complete(digest, messages);
  EXPECT_EQ(messages[0].texts,
            (std::vector<std::string>{"*" + delivery_header(digest) + "*", "No new papers today.",
                                      delivery_footer(digest, "slack")}));
  EXPECT_EQ(messages[0].body["text"], json("arXiv digest 2026-02-12: no new papers (cs.AI, cs.CL, "
                                           "cs.LG)"));
}

TEST(SlackMessages, AGiantTextIsShortenedToFitASection) {
  DeliveryDigest digest = testing::sample_digest(3);
  std::string giant;
  while (giant.size() < 100 * 1024) {
    giant += "A very long sentence about results & <effects>. ";
  }
  digest.papers[1].text = giant;
  const auto messages = checked_messages(digest);
  expect_complete(digest, messages);
  ASSERT_EQ(messages.size(), 1u);
  const std::string& section = messages[0].texts[2];
  EXPECT_TRUE(section.ends_with("&lt;effects&gt;.…")) << section.substr(section.size() - 100);
  EXPECT_GT(utf16_units(section), 2800u);  // shortened to fit, not dropped
}

TEST(SlackMessages, LimitsHoldInUtf16UnitsAndEscapedCharacters) {
  // Astral characters count two UTF-16 units; `&` is five characters as &amp;; `*` and `@`
  // grow in bytes. Every field of a paper holds 100 KB of them.
  for (const std::string& unit : {std::string("😀"), std::string("&"), std::string("*@<>")}) {
    DeliveryDigest digest = testing::sample_digest(2);
    std::string text;
    while (text.size() < 100 * 1024) {
      text += unit;
    }
    digest.papers[0].text = text;
    digest.papers[0].title = text;
    digest.papers[0].authors = std::vector<std::string>(20, text);
    digest.categories = {text};
    digest.sender = text;
    const auto messages = checked_messages(digest);
    expect_complete(digest, messages, false);
  }
}

TEST(SlackMessages, HostileTextIsInert) {
  DeliveryDigest digest = testing::sample_digest(2);
  digest.papers[0].title = std::string(kHostile);
  digest.papers[0].authors = {std::string(kHostile), "Bob"};
  digest.papers[0].text = std::string(kHostile) + "\n> quoted line\n  ＞ wide quote";
  digest.papers[1].text = "**<!channel> bold** and **@here**";
  digest.categories = {"<!channel>", "*cs.AI*"};
  digest.sender = "<https://evil.example|owner>";
  const std::vector<std::string> bodies = slack_messages(digest);
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_EQ(bodies.size(), 1u);

  // No mention and no link but the papers' own, anywhere in the body as sent.
  for (const std::string_view live :
       {"<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C1>", "<https://evil", "<script",
        "@everyone", "@here", "@channel", "|click>"}) {
    EXPECT_THAT(bodies[0], Not(HasSubstr(live))) << live;
  }
  for (const ParsedMrkdwn& parsed : messages[0].parsed) {
    for (const std::string& sequence : parsed.sequences) {
      EXPECT_TRUE(sequence.starts_with("https://arxiv.org/abs/")) << sequence;
    }
  }

  const std::string& hostile = messages[0].texts[1];
  // The title is the link's whole label, and reads as written.
  ASSERT_EQ(messages[0].parsed[1].labels.size(), 1u);
  EXPECT_EQ(seen(messages[0].parsed[1].labels[0]), as_seen(kHostile));
  EXPECT_THAT(messages[0].parsed[1].labels[0], Not(HasSubstr("|")));
  // Only the code's own formatting characters: the title's bold and the authors' italics.
  EXPECT_EQ(std::count(hostile.begin(), hostile.end(), '*'), 2);
  EXPECT_EQ(std::count(hostile.begin(), hostile.end(), '_'), 2);
  EXPECT_EQ(std::count(hostile.begin(), hostile.end(), '~'), 0);
  EXPECT_EQ(std::count(hostile.begin(), hostile.end(), '`'), 0);
  EXPECT_THAT(hostile, Not(HasSubstr("＊")));
  EXPECT_THAT(hostile, Not(HasSubstr("＿")));
  EXPECT_THAT(hostile, Not(HasSubstr("｀")));
  // What a reader sees is what was written.
  EXPECT_THAT(seen(hostile), HasSubstr("_" + as_seen(shorten_text(kHostile, 80)) +
                                       ", Bob_ · score 10.0\n" + as_seen(kHostile) + "\n"));
  // A line opening with `>` (or ＞) is not a quote.
  EXPECT_THAT(hostile, HasSubstr("\n\u00AD&gt; quoted line\n  \u00AD＞ wide quote"));

  // The model's bold stays bold, around inert text.
  EXPECT_THAT(messages[0].texts[2], HasSubstr("\n*&lt;!channel&gt; bold* and *@\u200Bhere*"));
  // Config's text is inert too.
  EXPECT_EQ(messages[0].texts[0],
            "*2026-02-12 · 2 papers of 412 candidates · &lt;!channel&gt;, \u2217cs.AI\u2217*");
  EXPECT_THAT(messages[0].texts.back(), HasSubstr("from &lt;https://evil.example|owner&gt; ("));
  EXPECT_EQ(messages[0].body["text"],
            json("arXiv digest 2026-02-12: 2 papers (&lt;!channel&gt;, \u2217cs.AI\u2217)"));
}

TEST(SlackMessages, OnlyAPlainWebLinkIsLinked) {
  DeliveryDigest digest = testing::sample_digest(5);
  digest.papers[0].link = "javascript:alert(1)";
  digest.papers[1].link = "https://arxiv.org/abs/1|<!channel>";
  digest.papers[2].link = "https://arxiv.org/abs/1>x";
  digest.papers[3].link = "https://arxiv.org/abs/" + std::string(5000, 'x');
  digest.papers[4].link = "https://arxiv.org/abs/2602.10005?a=1&b=2";
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  std::vector<std::string> links;
  for (const ParsedMrkdwn& parsed : messages[0].parsed) {
    links.insert(links.end(), parsed.links.begin(), parsed.links.end());
  }
  EXPECT_EQ(links, std::vector<std::string>{"https://arxiv.org/abs/2602.10005?a=1&amp;b=2"});
  EXPECT_TRUE(messages[0].texts[1].starts_with("*1. Paper 1*\n")) << messages[0].texts[1];
  EXPECT_TRUE(messages[0].texts[2].starts_with("*2. Paper 2*\n")) << messages[0].texts[2];
}

TEST(SlackMessages, LongAuthorListsAndBrokenTitlesAreTidied) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].authors = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"};
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0].texts[1], HasSubstr("\n_A1, A2, A3, A4, A5 et al._ · score 10.0\n"));

  digest.papers[0].authors.clear();
  digest.papers[0].title = "Line\n  broken   title";
  const auto bare = checked_messages(digest);
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_THAT(bare[0].texts[1], HasSubstr("|Line broken title>*\nscore 10.0\n"));

  digest.papers[0].title = " \n ";
  const auto untitled = checked_messages(digest);
  ASSERT_EQ(untitled.size(), 1u);
  EXPECT_THAT(untitled[0].texts[1], HasSubstr("|2602.10001v1>*"));
}

TEST(SlackMessages, InvalidUtf8NeverThrowsAndStaysValid) {
  DeliveryDigest digest = testing::sample_digest(1);
  digest.papers[0].title = "bad \xC3\x28 byte \xFF and \x01 control";
  digest.papers[0].text = "\xFE\xFF text";
  std::vector<std::string> bodies;
  EXPECT_NO_THROW(bodies = slack_messages(digest));
  const auto messages = checked_messages(digest);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_THAT(messages[0].texts[1], HasSubstr("bad \xEF\xBF\xBD( byte \xEF\xBF\xBD and "));
}

TEST(SlackReply, TheRealOkBodyIsDelivered) {
  const std::string ok = read_file(SHARED_DATA_OR_SKIP("webhooks/slack/200-ok.body.txt"));
  ASSERT_EQ(ok, "ok");
  EXPECT_EQ(read_slack_reply(200, ok), (ChatReply{true, false, std::nullopt, ""}));
  EXPECT_TRUE(read_slack_reply(200, "ok\n").delivered);
}

TEST(SlackReply, TheRealInvalidBlocksBodyIsARefusal) {
  const std::string body =
      read_file(SHARED_DATA_OR_SKIP("webhooks/slack/400-invalid_blocks.body.txt"));
  ASSERT_FALSE(body.empty());
  EXPECT_EQ(read_slack_reply(400, body),
            (ChatReply{false, false, std::nullopt, "HTTP 400: invalid_blocks"}));
}

TEST(SlackReply, OnlyTwoHundredWithOkIsDelivered) {
  for (const char* body : {"", "not ok", "invalid_payload", "{\"ok\":true}"}) {
    const ChatReply reply = read_slack_reply(200, body);
    EXPECT_FALSE(reply.delivered) << body;
    EXPECT_FALSE(reply.retry) << body;
    EXPECT_THAT(reply.reason, ::testing::StartsWith("HTTP 200")) << body;
  }
  EXPECT_FALSE(read_slack_reply(201, "ok").delivered);
}

TEST(SlackReply, RateLimitsAndServerErrorsAreRetried) {
  const ChatReply limited = read_slack_reply(429, "rate_limited");
  EXPECT_EQ(limited, (ChatReply{false, true, std::nullopt, "HTTP 429: rate_limited"}));
  const ChatReply rollup = read_slack_reply(500, "rollup_error");
  EXPECT_EQ(rollup, (ChatReply{false, true, std::nullopt, "HTTP 500: rollup_error"}));
  const ChatReply gateway = read_slack_reply(503, "<html>\r\n<body>Service Unavailable");
  EXPECT_TRUE(gateway.retry);
  EXPECT_EQ(gateway.reason, "HTTP 503: <html>");
}

TEST(SlackReply, OtherRefusalsAreFinalWithSlacksCode) {
  const std::vector<std::pair<int, std::string>> cases = {{400, "invalid_payload"},
                                                          {403, "action_prohibited"},
                                                          {403, "invalid_token"},
                                                          {404, "channel_not_found"},
                                                          {410, "channel_is_archived"}};
  for (const auto& [status, body] : cases) {
    const ChatReply reply = read_slack_reply(status, body);
    EXPECT_FALSE(reply.delivered) << body;
    EXPECT_FALSE(reply.retry) << body;
    EXPECT_EQ(reply.reason, "HTTP " + std::to_string(status) + ": " + body);
  }
  EXPECT_EQ(read_slack_reply(404, "").reason, "HTTP 404");
}

}  // namespace
}  // namespace arxiv_digest
