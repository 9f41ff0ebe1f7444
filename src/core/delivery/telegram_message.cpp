// Telegram Bot API sendMessage bodies (HTML parse mode) and how to read its answer.
//
// HTML mode rather than MarkdownV2: HTML needs only `&`, `<`, `>` (and `"` in attributes)
// escaped, while MarkdownV2 needs 18 characters backslashed, with different rules inside links;
// fewer rules leave fewer ways for a title to become markup.

#include <algorithm>
#include <charconv>
#include <cstdint>
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

// Telegram's limits (../shared/data/webhooks/FACTS.md 2.3): 4,096 characters after entity
// parsing and 32,768 bytes of raw text before it.
constexpr std::size_t kTelegramMaxUnits = 4096;
constexpr std::size_t kTelegramMaxBytes = 32768;
// A message is measured in one unit that bounds both limits: an item's size is the larger of its
// visible UTF-16 units and its raw bytes / 8 (rounded up). A sum of such sizes ≤ 4,096 keeps
// both the visible sum ≤ 4,096 and the raw sum ≤ 32,768.
constexpr std::size_t kTelegramBytesPerUnit = kTelegramMaxBytes / kTelegramMaxUnits;

constexpr std::size_t kTelegramTitleChars = 300;
constexpr std::size_t kTelegramAuthorChars = 80;
// An arXiv link is some 40 bytes; a longer one than this is not one, and would eat the message.
constexpr std::size_t kTelegramMaxLinkBytes = 2000;
constexpr std::size_t kTelegramShownAuthors = 5;
// The header and footer are ours, but categories and the sender come from config: capped so a
// paper always has room next to them.
constexpr std::size_t kTelegramFrameChars = 500;
constexpr std::string_view kTelegramSeparator = "\n\n";
constexpr double kTelegramMaxRetryAfter = 86400;

// HTML text as Telegram parses it, kept next to what the reader sees once tags are dropped and
// entities decoded, so the visible length is counted from the text itself, not re-parsed.
struct TelegramHtml {
  std::string html;
  std::string visible;

  // One of our own tags, written as it is.
  void tag(std::string_view markup) { html += markup; }
  // Text from a paper, the model or config: every character that could start markup is an
  // entity (`"` too, so the same escaping is safe inside an attribute).
  void text(std::string_view plain) {
    const std::string safe = xml_safe_text(plain);  // valid UTF-8, no control characters
    visible += safe;
    for (const char c : safe) {
      switch (c) {
        case '&':
          html += "&amp;";
          break;
        case '<':
          html += "&lt;";
          break;
        case '>':
          html += "&gt;";
          break;
        case '"':
          html += "&quot;";
          break;
        default:
          html += c;
      }
    }
  }
  void append(const TelegramHtml& other) {
    html += other.html;
    visible += other.visible;
  }
};

std::size_t telegram_size(const TelegramHtml& part) {
  const std::size_t by_bytes =
      (part.html.size() + kTelegramBytesPerUnit - 1) / kTelegramBytesPerUnit;
  return std::max(utf16_length(part.visible), by_bytes);
}

// Only a web link of sane length becomes an href: a `javascript:` or `tg://` value in a record must
// not turn the title into something else to click.
bool telegram_is_web_link(std::string_view link) {
  return link.size() <= kTelegramMaxLinkBytes &&
         (link.starts_with("https://") || link.starts_with("http://"));
}

// "<b>3. <a href="LINK">Title</a></b>\n<i>A, B et al.</i> · score 7.0\nText", with `text` given
// separately so the caller can shorten it to fit.
TelegramHtml telegram_paper(const DeliveryPaper& paper, std::size_t number, std::string_view text) {
  TelegramHtml out;
  std::string title = shorten_text(collapse_whitespace(paper.title), kTelegramTitleChars);
  if (title.empty()) {
    title = paper.id;
  }
  out.tag("<b>");
  out.text(std::to_string(number) + ". ");
  if (telegram_is_web_link(paper.link)) {
    TelegramHtml href;
    href.text(paper.link);
    out.tag("<a href=\"" + href.html + "\">");
    out.text(title);
    out.tag("</a>");
  } else {
    out.text(title);
  }
  out.tag("</b>");
  out.text("\n");
  const std::string authors =
      author_line(paper.authors, kTelegramShownAuthors, kTelegramAuthorChars);
  if (!authors.empty()) {
    out.tag("<i>");
    out.text(authors);
    out.tag("</i>");
    out.text(" · ");
  }
  out.text("score " + format_score(paper.score));
  const std::string_view body = trim(text);
  if (!body.empty()) {
    out.text("\n");
    out.text(body);
  }
  return out;
}

// The paper with its text shortened until the whole fits `budget` (telegram_size units). A
// character can weigh two units, and escaping grows bytes, so the cut is measured, not guessed.
TelegramHtml telegram_fitted_paper(const DeliveryPaper& paper, std::size_t number,
                                   std::size_t budget) {
  TelegramHtml whole = telegram_paper(paper, number, paper.text);
  std::size_t size = telegram_size(whole);
  if (size <= budget) {
    return whole;
  }
  const std::size_t fixed = telegram_size(telegram_paper(paper, number, ""));
  std::size_t chars = budget > fixed ? budget - fixed : 0;
  while (true) {
    TelegramHtml fitted = telegram_paper(paper, number, shorten_text(paper.text, chars));
    size = telegram_size(fitted);
    if (size <= budget || chars == 0) {
      return fitted;
    }
    // Shrink in proportion to the overshoot, by at least one character.
    chars = std::min(chars - 1, chars * budget / size);
  }
}

TelegramHtml telegram_framing(std::string_view line, std::string_view open,
                              std::string_view close) {
  TelegramHtml out;
  out.tag(open);
  out.text(shorten_text(line, kTelegramFrameChars));
  out.tag(close);
  return out;
}

// A chat id of digits (a user or group, negative for groups and channels) goes as a JSON number,
// the form Telegram itself returns in chat.id; "@channelusername" and anything else stay a
// string, which the Bot API accepts for chat_id as well. Ids beyond int64 stay strings too.
nlohmann::json telegram_chat_id(std::string_view chat_id) {
  const std::string_view digits = chat_id.starts_with('-') ? chat_id.substr(1) : chat_id;
  const bool numeric = !digits.empty() && digits.find_first_not_of("0123456789") == digits.npos;
  std::int64_t id = 0;
  if (numeric) {
    const auto [end, error] = std::from_chars(chat_id.data(), chat_id.data() + chat_id.size(), id);
    if (error == std::errc() && end == chat_id.data() + chat_id.size()) {
      return id;
    }
  }
  return std::string(chat_id);
}

std::string telegram_body(const nlohmann::json& chat_id, const std::string& html) {
  nlohmann::json body = {{"chat_id", chat_id},
                         {"text", html},
                         {"parse_mode", "HTML"},
                         {"link_preview_options", {{"is_disabled", true}}},
                         // Bot API servers older than 7.0 only know this spelling.
                         {"disable_web_page_preview", true}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "retry after 3" at the end of the description: the older answers carry no parameters.
std::optional<long long> telegram_retry_after_in(std::string_view description) {
  constexpr std::string_view kMarker = "retry after ";
  const std::size_t at = description.find(kMarker);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  const char* first = description.data() + at + kMarker.size();
  long long seconds = 0;
  const auto [end, error] =
      std::from_chars(first, description.data() + description.size(), seconds);
  if (error != std::errc() || end == first || seconds < 0) {
    return std::nullopt;
  }
  return seconds;
}

}  // namespace

std::vector<std::string> telegram_messages(const DeliveryDigest& digest, std::string_view chat_id) {
  const TelegramHtml header = telegram_framing(delivery_header(digest), "<b>", "</b>");
  TelegramHtml footer;
  footer.text(kTelegramSeparator);
  footer.append(telegram_framing(delivery_footer(digest, "telegram"), "<i>", "</i>"));

  // Every paper is counted with the separator before it, and must fit a message alone with
  // both the header and the footer (a one-paper digest has them in one message).
  TelegramHtml separator;
  separator.text(kTelegramSeparator);
  const std::size_t frame = telegram_size(header) + telegram_size(footer);
  const std::size_t budget = kTelegramMaxUnits > frame ? kTelegramMaxUnits - frame : 0;
  const std::size_t separator_size = telegram_size(separator);
  const std::size_t paper_budget = budget > separator_size ? budget - separator_size : 0;

  std::vector<TelegramHtml> items;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < digest.papers.size(); ++i) {
    TelegramHtml item = separator;
    item.append(telegram_fitted_paper(digest.papers[i], i + 1, paper_budget));
    // Size of the item as a whole, not the sum of its parts, so rounding stays on the safe side.
    sizes.push_back(telegram_size(item));
    items.push_back(std::move(item));
  }

  MessageLimits limits;
  limits.max_size = kTelegramMaxUnits;
  limits.first_extra = telegram_size(header);
  limits.last_extra = telegram_size(footer);
  const auto groups = pack_messages(sizes, limits);

  const nlohmann::json id = telegram_chat_id(chat_id);
  std::vector<std::string> bodies;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string html;
    if (g == 0) {
      html += header.html;
    }
    for (const std::size_t item : groups[g]) {
      // A message that does not open with the header opens with its first paper.
      const bool opens = html.empty();
      html += opens ? items[item].html.substr(kTelegramSeparator.size()) : items[item].html;
    }
    if (g + 1 == groups.size()) {
      html += html.empty() ? footer.html.substr(kTelegramSeparator.size()) : footer.html;
    }
    bodies.push_back(telegram_body(id, html));
  }
  return bodies;
}

ChatReply read_telegram_reply(int status, std::string_view body) {
  ChatReply reply;
  const nlohmann::json answer = parse_json_or_discarded(body);
  const bool is_object = answer.is_object();
  const auto ok = is_object ? answer.find("ok") : answer.end();
  if (status >= 200 && status <= 299 && is_object && ok != answer.end() && ok->is_boolean() &&
      ok->get<bool>()) {
    reply.delivered = true;
    return reply;
  }
  int code = status;
  std::string description;
  if (is_object) {
    // An HTTP status; anything else (2^40, 3.7) is no code at all.
    if (const auto it = answer.find("error_code"); it != answer.end()) {
      if (const std::optional<long long> number = json_integer(*it);
          number && *number >= 100 && *number <= 999) {
        code = static_cast<int>(*number);
      }
    }
    if (const auto it = answer.find("description"); it != answer.end() && it->is_string()) {
      description = it->get<std::string>();
    }
  }
  reply.retry = is_transient_status(status) || is_transient_status(code);
  if (reply.retry) {
    std::optional<long long> seconds;
    if (is_object) {
      const auto parameters = answer.find("parameters");
      if (parameters != answer.end() && parameters->is_object()) {
        const auto it = parameters->find("retry_after");
        if (it != parameters->end() && it->is_number() && it->get<double>() >= 0) {
          seconds = static_cast<long long>(std::min(it->get<double>(), kTelegramMaxRetryAfter));
        }
      }
    }
    if (!seconds) {
      seconds = telegram_retry_after_in(description);
    }
    if (seconds) {
      // Capped at a day, so an absurd value cannot overflow the milliseconds; the caller's own
      // deadline decides whether to wait that long.
      reply.retry_after =
          std::chrono::seconds(std::min(*seconds, static_cast<long long>(kTelegramMaxRetryAfter)));
    }
  }
  // Telegram's error_code is the HTTP status it answered with, so the reason reads the same as
  // every other channel's; a body that is not Telegram's (a proxy's page) is quoted instead.
  reply.reason = description.empty() ? reply_reason(status, body) : reply_reason(code, description);
  return reply;
}

}  // namespace arxiv_digest
