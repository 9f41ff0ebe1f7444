// Feishu/Lark custom bot bodies, the signature, and how to read the answer.
//
// msg_type "post" (rich text) rather than an interactive card: a post is made of tagged
// elements whose text is never parsed as markup, so a title is shown as written and cannot
// become a link or a mention (a mention needs an element of its own, {"tag": "at"}); a card's
// lark_md would need escaping, and its rules are less documented.

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "arxiv_digest/atom_feed.hpp"
#include "arxiv_digest/chat_messages.hpp"
#include "core/delivery/chat_reply.hpp"
#include "core/delivery/message_split.hpp"
#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using feishu_json = nlohmann::json;

// The custom bot guide allows 20 KB of request body; 20,000 bytes stays within either reading.
constexpr std::size_t kFeishuMaxBytes = 20000;
constexpr std::size_t kFeishuTitleChars = 300;
constexpr std::size_t kFeishuAuthorChars = 80;
// An arXiv link is some 40 bytes; a longer one than this is not one, and would eat the message.
constexpr std::size_t kFeishuMaxLinkBytes = 2000;
constexpr std::size_t kFeishuShownAuthors = 5;
// The header and footer come partly from config (categories, sender): capped so a paper always
// has room next to them.
constexpr std::size_t kFeishuFrameChars = 500;
// Throttling (the guide's 11232) and 9499, which senders in the wild also treat as a rate limit.
constexpr int kFeishuThrottled = 11232;
constexpr int kFeishuBadRequestRetry = 9499;

std::string feishu_dump(const feishu_json& value) {
  return value.dump(-1, ' ', false, feishu_json::error_handler_t::replace);
}

// A text element: control characters dropped and invalid UTF-8 replaced, so the measured size
// is the size sent.
feishu_json feishu_text(std::string_view text) {
  return {{"tag", "text"}, {"text", xml_safe_text(text)}};
}

// Only a web link of sane length becomes an href: a `javascript:` or app link in a record must not
// turn the title into something else to click.
bool feishu_is_web_link(std::string_view link) {
  return link.size() <= kFeishuMaxLinkBytes &&
         (link.starts_with("https://") || link.starts_with("http://"));
}

// A paper as post paragraphs: "3. <Title as a link>", "A, B et al. · score 7.0", then its text
// (given separately, so the caller can shorten it to fit).
std::vector<feishu_json> feishu_paper(const DeliveryPaper& paper, std::size_t number,
                                      std::string_view text) {
  std::string title = shorten_text(collapse_whitespace(paper.title), kFeishuTitleChars);
  if (title.empty()) {
    title = paper.id;
  }
  const std::string prefix = std::to_string(number) + ". ";
  std::vector<feishu_json> paragraphs;
  if (feishu_is_web_link(paper.link)) {
    paragraphs.push_back(feishu_json::array(
        {feishu_text(prefix),
         {{"tag", "a"}, {"text", xml_safe_text(title)}, {"href", xml_safe_text(paper.link)}}}));
  } else {
    paragraphs.push_back(feishu_json::array({feishu_text(prefix + title)}));
  }
  const std::string authors = author_line(paper.authors, kFeishuShownAuthors, kFeishuAuthorChars);
  paragraphs.push_back(feishu_json::array({feishu_text((authors.empty() ? "" : authors + " · ") +
                                                       "score " + format_score(paper.score))}));
  if (const std::string_view body = trim(text); !body.empty()) {
    paragraphs.push_back(feishu_json::array({feishu_text(body)}));
  }
  return paragraphs;
}

// Bytes the paragraphs add to a body's content array: each one and the comma after it.
std::size_t feishu_size(const std::vector<feishu_json>& paragraphs) {
  std::size_t size = 0;
  for (const feishu_json& paragraph : paragraphs) {
    size += feishu_dump(paragraph).size() + 1;
  }
  return size;
}

// The paper with its text shortened until its paragraphs fit `budget` bytes. JSON escaping and
// multi-byte characters make bytes differ from characters, so the cut is measured, not guessed.
std::vector<feishu_json> feishu_fitted_paper(const DeliveryPaper& paper, std::size_t number,
                                             std::size_t budget) {
  std::vector<feishu_json> whole = feishu_paper(paper, number, paper.text);
  std::size_t size = feishu_size(whole);
  if (size <= budget) {
    return whole;
  }
  const std::size_t fixed = feishu_size(feishu_paper(paper, number, ""));
  std::size_t chars = budget > fixed ? budget - fixed : 0;
  while (true) {
    std::vector<feishu_json> fitted = feishu_paper(paper, number, shorten_text(paper.text, chars));
    size = feishu_size(fitted);
    if (size <= budget || chars == 0) {
      return fitted;
    }
    // Shrink in proportion to the overshoot, by at least one character.
    chars = std::min(chars - 1, chars * budget / size);
  }
}

// One body, in one locale (the text is the same in all): zh_cn, as in the guide's examples.
feishu_json feishu_body(const std::string& title, feishu_json content,
                        const std::optional<FeishuSignature>& signature, const std::string& sign) {
  feishu_json body = {
      {"msg_type", "post"},
      {"content",
       {{"post",
         {{"zh_cn", {{"title", xml_safe_text(title)}, {"content", std::move(content)}}}}}}}};
  if (signature) {
    body["timestamp"] = std::to_string(signature->timestamp);
    body["sign"] = sign;
  }
  return body;
}

}  // namespace

std::string feishu_sign(std::int64_t timestamp, std::string_view secret) {
  // The timestamp and secret are the KEY and the message is empty, as in Feishu's own sample;
  // keying on the secret and signing the string (DingTalk's scheme) is answered with 19021.
  const std::string key = std::to_string(timestamp) + "\n" + std::string(secret);
  static constexpr unsigned char kEmpty[1] = {0};
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), kEmpty, 0, mac, &mac_size) ==
      nullptr) {
    return {};
  }
  std::string encoded(4 * ((mac_size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), mac,
                                      static_cast<int>(mac_size));
  encoded.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
  return encoded;
}

std::vector<std::string> feishu_messages(const DeliveryDigest& digest,
                                         const std::optional<FeishuSignature>& signature) {
  const std::string sign = signature ? feishu_sign(signature->timestamp, signature->secret) : "";
  // The header is the first message's title; later ones say they continue it.
  const std::string header = shorten_text(delivery_header(digest), kFeishuFrameChars);
  const std::string continued = header + " (continued)";
  const std::vector<feishu_json> footer = {feishu_json::array(
      {feishu_text(shorten_text(delivery_footer(digest, "feishu"), kFeishuFrameChars))})};

  // The envelope of the longer title counts for every message: a few bytes spare on the first.
  const std::size_t envelope =
      feishu_dump(feishu_body(continued, feishu_json::array(), signature, sign)).size();
  const std::size_t footer_size = feishu_size(footer);
  const std::size_t frame = envelope + footer_size;
  const std::size_t paper_budget = kFeishuMaxBytes > frame ? kFeishuMaxBytes - frame : 0;

  std::vector<std::vector<feishu_json>> items;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < digest.papers.size(); ++i) {
    items.push_back(feishu_fitted_paper(digest.papers[i], i + 1, paper_budget));
    sizes.push_back(feishu_size(items.back()));
  }

  MessageLimits limits;
  limits.max_size = kFeishuMaxBytes;
  limits.every_extra = envelope;
  limits.last_extra = footer_size;
  const auto groups = pack_messages(sizes, limits);

  std::vector<std::string> bodies;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    feishu_json content = feishu_json::array();
    for (const std::size_t item : groups[g]) {
      for (const feishu_json& paragraph : items[item]) {
        content.push_back(paragraph);
      }
    }
    if (g + 1 == groups.size()) {
      content.push_back(footer.front());
    }
    bodies.push_back(
        feishu_dump(feishu_body(g == 0 ? header : continued, std::move(content), signature, sign)));
  }
  return bodies;
}

ChatReply read_feishu_reply(int status, std::string_view body) {
  ChatReply reply;
  const feishu_json answer = parse_json_or_discarded(body);
  std::optional<long long> code;
  std::string message;
  if (answer.is_object()) {
    // Newer answers carry code/msg; older ones StatusCode/StatusMessage as well or instead.
    for (const char* key : {"code", "StatusCode"}) {
      const auto it = answer.find(key);
      if (!code && it != answer.end()) {
        code = json_integer(*it);
      }
    }
    for (const char* key : {"msg", "StatusMessage"}) {
      const auto it = answer.find(key);
      if (message.empty() && it != answer.end() && it->is_string()) {
        message = it->get<std::string>();
      }
    }
  }
  const bool ok_status = status >= 200 && status <= 299;
  if (ok_status && code == 0) {
    reply.delivered = true;
    return reply;
  }
  reply.retry =
      is_transient_status(status) || code == kFeishuThrottled || code == kFeishuBadRequestRetry;
  if (code && *code != 0) {
    // reply_reason cleans and shortens the message; its "HTTP N" becomes "Feishu code N", since
    // the code, not the (usually 200) status, says what went wrong.
    const std::string cleaned = reply_reason(0, message);
    const std::size_t text_at = cleaned.find(": ");
    reply.reason = "Feishu code " + std::to_string(*code) +
                   (text_at == std::string::npos ? "" : cleaned.substr(text_at));
    if (!ok_status) {
      reply.reason += " (HTTP " + std::to_string(status) + ")";
    }
  } else {
    reply.reason = reply_reason(status, body);
  }
  return reply;
}

}  // namespace arxiv_digest
