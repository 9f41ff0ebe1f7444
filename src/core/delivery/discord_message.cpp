// Discord webhook bodies (one embed a paper) and how to read the answer.
//
// Titles, authors and texts are written by strangers and by a model. Where they land decides
// how they are made inert:
// * An embed's title and footer are shown as written, never as links or mentions: the title is
//   linked only through the embed's `url`. Their text goes as it is (a backslash would show),
//   but for a zero-width space (U+200B, which a reader does not see) after each `@`, `<` and
//   `]`: should a client ever read them as Markdown, no mention, <#id> tag or `[x](url)` link
//   can be spelled there either.
// * The message content (the header) and embed descriptions are Discord Markdown. There every
//   character Markdown or a mention could start with gets a backslash, Discord's escape for
//   any ASCII punctuation (as discord.js's escapeMarkdown does, and for all of them at once):
//   \ * _ ~ ` | > # - + [ ] ( ) < : — no bold, spoiler, quote, heading, list, code, masked
//   link `[x](url)`, <@id>/<#id>/<t:…> tag or custom emoji can form, and with `:` escaped no
//   bare URL becomes a link either. A line starting "12." would be a numbered list, so that
//   `.` is escaped too.
// * `@` is followed by a zero-width space everywhere, so no @everyone or @here is spelled
//   anywhere; allowed_mentions {"parse": []} stops any ping that might slip through regardless.
// The one piece of the model's Markdown kept as markup is `**bold**` within a line (the labels
// of a structured summary), written around escaped text.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "arxiv_digest/atom_feed.hpp"
#include "arxiv_digest/chat_messages.hpp"
#include "core/delivery/chat_reply.hpp"
#include "core/delivery/message_split.hpp"
#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using discord_json = nlohmann::json;

// Execute Webhook and embed limits (../shared/data/webhooks/FACTS.md 2.2).
constexpr std::size_t kDiscordMaxEmbeds = 10;
constexpr std::size_t kDiscordContentUnits = 2000;
constexpr std::size_t kDiscordTitleUnits = 256;
constexpr std::size_t kDiscordDescriptionUnits = 4096;
constexpr std::size_t kDiscordFooterUnits = 2048;
constexpr std::size_t kDiscordEmbedsUnits = 6000;

constexpr std::size_t kDiscordAuthorChars = 80;
constexpr std::size_t kDiscordAuthorsUnits = 500;
constexpr std::size_t kDiscordShownAuthors = 5;
// The header and footer come partly from config (categories, sender): capped so a paper always
// has room next to them (a footer of 1,000, a title of 256 and a description of 4,096 stay
// within the 6,000 of one message).
constexpr std::size_t kDiscordFrameChars = 500;
constexpr std::size_t kDiscordFrameUnits = 1000;
// The header goes in bold (four asterisks more) as the first message's content, the footer as an
// embed's footer: both always fit.
static_assert(kDiscordFrameUnits + 4 <= kDiscordContentUnits);
static_assert(kDiscordFrameUnits <= kDiscordFooterUnits);
// An arXiv link is some 40 bytes; a longer one than this is not one.
constexpr std::size_t kDiscordMaxLinkBytes = 2000;
// arXiv's red, the stripe beside each paper.
constexpr int kDiscordColor = 0xB31B1B;
// A wait longer than a day is not one to honour; capping it keeps the milliseconds in range.
constexpr double kDiscordMaxRetryAfterSeconds = 86400;

constexpr std::string_view kDiscordZeroWidthSpace = "\u200B";
constexpr std::string_view kDiscordEscaped = "\\*_~`|>#-+[]()<:";

// Text shown as written (an embed title or footer): valid UTF-8, no control characters, and a
// zero-width space after each `@`, `<` and `]`.
std::string discord_shown(std::string_view raw) {
  std::string out;
  for (const char c : xml_safe_text(raw)) {
    if (c == '\r') {
      continue;
    }
    out += c;
    if (c == '@' || c == '<' || c == ']') {
      out += kDiscordZeroWidthSpace;
    }
  }
  return out;
}

// Discord Markdown: our own markup as it is, everything else escaped.
class DiscordMarkdown {
 public:
  void markup(std::string_view text) {
    if (!text.empty()) {
      text_ += text;
      line_ = text.back() == '\n' ? LineState::start : LineState::other;
    }
  }

  // Text from a paper, the model or config.
  void plain(std::string_view raw) {
    for (const char c : xml_safe_text(raw)) {
      if (c == '\r') {
        continue;
      }
      if (c == '.' && line_ == LineState::digits) {
        text_ += '\\';
      }
      if (kDiscordEscaped.find(c) != std::string_view::npos) {
        text_ += '\\';
      }
      text_ += c;
      if (c == '@') {
        text_ += kDiscordZeroWidthSpace;
      }
      if (c == '\n') {
        line_ = LineState::start;
      } else if (c >= '0' && c <= '9') {
        line_ = line_ == LineState::other ? LineState::other : LineState::digits;
      } else if (c != ' ' || line_ != LineState::start) {
        line_ = LineState::other;
      }
    }
  }

  // The model's Markdown: `**bold**` within one line stays bold, the rest is plain.
  void markdown(std::string_view text) {
    for_each_bold_run(
        text, [this](std::string_view run) { plain(run); },
        [this](std::string_view inner) {
          markup("**");
          plain(inner);
          markup("**");
        });
  }

  const std::string& text() const { return text_; }
  std::size_t units() const { return utf16_length(text_); }

 private:
  // Where the next character falls: at a line's start (spaces aside), after digits that open
  // the line, or elsewhere.
  enum class LineState { start, digits, other };
  std::string text_;
  LineState line_ = LineState::start;
};

// `raw` shortened (with "…") until its form as sent — escaped Markdown when `markdown`, else as
// shown — is at most `max_units`.
std::string discord_fitted(std::string_view raw, std::size_t max_chars, std::size_t max_units,
                           bool markdown) {
  std::size_t chars = max_chars;
  while (true) {
    std::string out;
    if (markdown) {
      DiscordMarkdown text;
      text.markup(" ");  // not at a line start: these pieces never open a line
      text.plain(shorten_text(raw, chars));
      out = text.text().substr(1);
    } else {
      out = discord_shown(shorten_text(raw, chars));
    }
    const std::size_t units = utf16_length(out);
    if (units <= max_units || chars == 0) {
      return out;
    }
    chars = std::min(chars - 1, chars * max_units / units);
  }
}

// Discord refuses the whole message (400, "Not a well formed URL") for an embed url it cannot
// read, and a `javascript:` one must not become the title's link: only a plain web link of sane
// length is used.
bool discord_is_web_link(std::string_view link) {
  const std::size_t scheme = link.starts_with("https://") ? 8 : link.starts_with("http://") ? 7 : 0;
  return scheme > 0 && link.size() > scheme && link.size() <= kDiscordMaxLinkBytes &&
         std::none_of(link.begin(), link.end(), [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return byte <= 0x20 || byte >= 0x7F || c == '<' || c == '>' || c == '"';
         });
}

struct DiscordPaper {
  std::string title;
  DiscordMarkdown description;
  std::string url;  // "" for none
  std::size_t units() const { return utf16_length(title) + description.units(); }
};

// Title "3. Title"; description "*A, B et al.* · score 7.0", before the paper's text.
DiscordPaper discord_paper_head(const DeliveryPaper& paper, std::size_t number) {
  DiscordPaper out;
  std::string title = collapse_whitespace(paper.title);
  if (title.empty()) {
    title = paper.id;
  }
  // The number is not part of what is shortened: "1. " would read as a sentence to cut at.
  const std::string prefix = std::to_string(number) + ". ";
  const std::size_t room = kDiscordTitleUnits - prefix.size();
  out.title = prefix + discord_fitted(title, room, room, false);
  if (discord_is_web_link(paper.link)) {
    out.url = paper.link;
  }
  const std::string authors = author_line(paper.authors, kDiscordShownAuthors, kDiscordAuthorChars);
  if (!authors.empty()) {
    out.description.markup("*");
    out.description.markup(
        discord_fitted(authors, kDiscordAuthorsUnits, kDiscordAuthorsUnits, true));
    out.description.markup("* · ");
  }
  out.description.markup("score " + format_score(paper.score));
  return out;
}

// The head and, after a blank line, `text`.
DiscordPaper discord_with_text(DiscordPaper head, std::string_view text) {
  const std::string_view body = trim(text);
  if (!body.empty()) {
    head.description.markup("\n\n");
    head.description.markdown(body);
  }
  return head;
}

// The paper with its text shortened until its description fits `budget` units. Escaping grows
// the text (a backslash before each `*`), so the cut is measured, not guessed.
DiscordPaper discord_fitted_paper(const DeliveryPaper& paper, std::size_t number,
                                  std::size_t budget) {
  const DiscordPaper head = discord_paper_head(paper, number);
  DiscordPaper whole = discord_with_text(head, paper.text);
  std::size_t size = whole.description.units();
  if (size <= budget) {
    return whole;
  }
  const std::size_t fixed = head.description.units() + 2;
  std::size_t chars = budget > fixed ? budget - fixed : 0;
  while (true) {
    DiscordPaper fitted = discord_with_text(head, shorten_text(paper.text, chars));
    size = fitted.description.units();
    if (size <= budget || chars == 0) {
      return fitted;
    }
    // Shrink in proportion to the overshoot, by at least one character.
    chars = std::min(chars - 1, chars * budget / size);
  }
}

discord_json discord_embed(const DiscordPaper& paper) {
  discord_json embed = {
      {"title", paper.title}, {"description", paper.description.text()}, {"color", kDiscordColor}};
  if (!paper.url.empty()) {
    embed["url"] = paper.url;
  }
  return embed;
}

std::string discord_dump(const discord_json& value) {
  return value.dump(-1, ' ', false, discord_json::error_handler_t::replace);
}

// The first of Discord's nested form errors ({"errors": {"embeds": {"0": {"description":
// {"_errors": [{"code", "message"}]}}}}}) as "embeds.0.description: Must be 4096 or fewer in
// length.", or "" when there is none.
std::string discord_first_error(const discord_json& errors, const std::string& path, int depth) {
  if (!errors.is_object() || depth > 16) {
    return {};
  }
  if (const auto list = errors.find("_errors"); list != errors.end() && list->is_array()) {
    for (const discord_json& error : *list) {
      if (error.is_object()) {
        if (const auto message = error.find("message");
            message != error.end() && message->is_string()) {
          return (path.empty() ? "" : path + ": ") + message->get<std::string>();
        }
      }
    }
  }
  for (const auto& [key, value] : errors.items()) {
    if (key == "_errors") {
      continue;
    }
    std::string found =
        discord_first_error(value, path.empty() ? key : path + "." + key, depth + 1);
    if (!found.empty()) {
      return found;
    }
  }
  return {};
}

// Seconds as a JSON number, rounded up to whole milliseconds; nothing for a value that is not a
// finite, non-negative number.
std::optional<std::chrono::milliseconds> discord_retry_after(const discord_json& value) {
  if (!value.is_number()) {
    return std::nullopt;
  }
  const double seconds = value.get<double>();
  if (!std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  const double ms = std::min(seconds, kDiscordMaxRetryAfterSeconds) * 1000.0;
  // 64.57 s is 64569.99999999999 ms in binary: a product that close to a whole number is it.
  const double whole = std::round(ms);
  const double rounded = std::abs(ms - whole) < 1e-6 ? whole : std::ceil(ms);
  return std::chrono::milliseconds(static_cast<long long>(rounded));
}

}  // namespace

std::vector<std::string> discord_messages(const DeliveryDigest& digest) {
  DiscordMarkdown header;
  header.markup("**");
  header.markup(
      discord_fitted(delivery_header(digest), kDiscordFrameChars, kDiscordFrameUnits, true));
  header.markup("**");
  const std::string footer = discord_fitted(delivery_footer(digest, "discord"), kDiscordFrameChars,
                                            kDiscordFrameUnits, false);

  std::vector<DiscordPaper> items;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < digest.papers.size(); ++i) {
    items.push_back(discord_fitted_paper(digest.papers[i], i + 1, kDiscordDescriptionUnits));
    sizes.push_back(items.back().units());
  }

  // The header is the first message's content, outside the embeds' 6,000; the footer is the
  // last embed's footer, inside them.
  MessageLimits limits;
  limits.max_size = kDiscordEmbedsUnits;
  limits.max_items = kDiscordMaxEmbeds;
  limits.last_extra = utf16_length(footer);
  const auto groups = pack_messages(sizes, limits);

  std::vector<std::string> bodies;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    discord_json body = discord_json::object();
    if (g == 0) {
      body["content"] = header.text();
    }
    discord_json embeds = discord_json::array();
    for (const std::size_t item : groups[g]) {
      embeds.push_back(discord_embed(items[item]));
    }
    if (g + 1 == groups.size()) {
      if (embeds.empty()) {
        // No paper to close: the footer goes in an embed of its own.
        discord_json alone = {{"color", kDiscordColor}};
        if (digest.papers.empty()) {
          alone["description"] = "No new papers today.";
        }
        embeds.push_back(std::move(alone));
      }
      embeds.back()["footer"] = {{"text", footer}};
    }
    if (!embeds.empty()) {
      body["embeds"] = std::move(embeds);
    }
    // Nobody is pinged, whatever the text says.
    body["allowed_mentions"] = {{"parse", discord_json::array()}};
    bodies.push_back(discord_dump(body));
  }
  return bodies;
}

ChatReply read_discord_reply(int status, std::string_view body) {
  ChatReply reply;
  // With ?wait=true a success is 200 and the message; without it, 204 and nothing.
  if (status >= 200 && status <= 299) {
    reply.delivered = true;
    return reply;
  }
  reply.retry = is_transient_status(status);
  const discord_json answer = parse_json_or_discarded(body);
  if (!answer.is_object()) {
    // Not Discord's JSON (a proxy's page, an empty body): its first line says what happened.
    reply.reason = reply_reason(status, body);
    return reply;
  }
  if (status == 429) {
    if (const auto it = answer.find("retry_after"); it != answer.end()) {
      reply.retry_after = discord_retry_after(*it);
    }
  }
  std::string why;
  if (const auto code = answer.find("code"); code != answer.end()) {
    if (const std::optional<long long> number = json_integer(*code)) {
      why = "code " + std::to_string(*number);
    }
  }
  if (const auto message = answer.find("message");
      message != answer.end() && message->is_string()) {
    why += (why.empty() ? "" : ": ") + message->get<std::string>();
  }
  if (const auto errors = answer.find("errors"); errors != answer.end()) {
    const std::string first = discord_first_error(*errors, "", 0);
    if (!first.empty()) {
      why += (why.empty() ? "" : " ") + ("(" + first + ")");
    }
  }
  if (const auto global = answer.find("global");
      global != answer.end() && global->is_boolean() && global->get<bool>()) {
    why += " (global)";
  }
  reply.reason = reply_reason(status, why.empty() ? body : std::string_view(why));
  return reply;
}

}  // namespace arxiv_digest
