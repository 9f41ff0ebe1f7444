// Slack incoming-webhook bodies (Block Kit sections in mrkdwn) and how to read the answer.
//
// Titles, authors and texts are written by strangers and by a model, so each reaches mrkdwn
// only through SlackMrkdwn::plain, which makes it inert:
// * `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`, the only entities Slack decodes ("Escaping
//   text" in its formatting guide). With no raw `<`, no control sequence can form: no
//   <!channel>, <!here>, <@U…>, <#C…>, <!date…>, and no <url|label> link.
// * Every mrkdwn text object carries verbatim: true, so Slack does not turn bare URLs, channel
//   names or @mentions in it into links; `@` is also followed by U+200B (invisible), so even
//   the notification text, which has no verbatim, can spell no @channel/@here/@everyone.
// * Slack documents no escape for `*`, `_`, `~` and `` ` ``, and a zero-width space beside them
//   does not help: jsx-slack's notes on escaping (docs/about-escape-and-exact-mode.md) show
//   Slack reading U+200B as a word boundary, so it makes formatting *more* likely ("exact
//   mode"). They become the look-alikes jsx-slack uses for text where no escape exists: ∗
//   (U+2217), ˍ (U+02CD), ∼ (U+223C), ˋ (U+02CB), and the full-width ＊ ＿ ｀ become ﹡ ⸏ ˋ. A
//   reader sees the same text; no span of it turns bold, italic, struck or code.
// * A line that starts with `>` (a quote even as `&gt;`, as does the full-width ＞) gets an
//   invisible soft hyphen before it, as jsx-slack does.
// * Inside a link label `|` becomes ∣ (U+2223) and the label is one line, so it cannot end the
//   link early; the link itself is written only for an http(s) URL free of `<`, `>`, `|` and
//   blanks.
// The one piece of the model's Markdown kept as markup is `**bold**` within a line (the labels
// of a structured summary), written as mrkdwn's `*bold*` around inert text.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "arxiv_digest/atom_feed.hpp"
#include "arxiv_digest/chat_messages.hpp"
#include "core/delivery/chat_reply.hpp"
#include "core/delivery/message_split.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using slack_json = nlohmann::json;

// Block Kit limits (../shared/data/webhooks/FACTS.md 2.1): 50 blocks, section text 3,000
// characters; Slack truncates a message beyond 40,000.
constexpr std::size_t kSlackMaxBlocks = 50;
constexpr std::size_t kSlackSectionChars = 3000;
// A message is kept to 12,000 characters of text, the cap Slack sets on all markdown blocks of
// one message: well under 40,000, and a screenful a reader can take in.
constexpr std::size_t kSlackMessageChars = 12000;
// Caps on what a paper's section holds besides its text, in characters as sent (escaping
// included), so that a title, authors and link of any size leave room for the text: together
// they stay under 1,600 of the section's 3,000.
constexpr std::size_t kSlackTitleChars = 300;
constexpr std::size_t kSlackTitleUnits = 600;
constexpr std::size_t kSlackAuthorChars = 80;
constexpr std::size_t kSlackAuthorsUnits = 400;
constexpr std::size_t kSlackShownAuthors = 5;
// An arXiv link is some 40 bytes; a longer one than this is not one, and would eat the section.
constexpr std::size_t kSlackMaxLinkUnits = 500;
// The header and footer come partly from config (categories, sender): capped so a paper always
// has room next to them.
constexpr std::size_t kSlackFrameChars = 500;
constexpr std::size_t kSlackFrameUnits = 1000;

constexpr std::string_view kSlackZeroWidthSpace = "\u200B";
constexpr std::string_view kSlackSoftHyphen = "\u00AD";

// Look-alikes for the characters mrkdwn formats with (see the top of the file).
struct SlackLookAlike {
  std::string_view from;
  std::string_view to;
};
constexpr SlackLookAlike kSlackLookAlikes[] = {
    {"*", "\u2217"},      {"_", "\u02CD"},      {"~", "\u223C"},      {"`", "\u02CB"},
    {"\uFF0A", "\uFE61"}, {"\uFF3F", "\u2E0F"}, {"\uFF40", "\u02CB"},
};

// mrkdwn text: our own markup as it is, everything else made inert.
class SlackMrkdwn {
 public:
  // Markup the code writes (`*`, `_`, `<url|`, `>`, line breaks), or text already made inert.
  void markup(std::string_view text) {
    if (!text.empty()) {
      text_ += text;
      line_start_ = text.back() == '\n';
    }
  }

  // Text from a paper, the model or config. In a link label `|` cannot appear as itself.
  void plain(std::string_view raw, bool in_label = false) {
    const std::string safe = xml_safe_text(raw);  // valid UTF-8, no control characters
    const std::string_view text = safe;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\r') {
        continue;
      }
      const std::string_view rest = text.substr(i);
      if (line_start_ && (c == '>' || rest.starts_with("\uFF1E"))) {
        text_ += kSlackSoftHyphen;
      }
      line_start_ = c == '\n' || (line_start_ && (c == ' ' || c == '\t'));
      const auto alike =
          std::find_if(std::begin(kSlackLookAlikes), std::end(kSlackLookAlikes),
                       [rest](const SlackLookAlike& pair) { return rest.starts_with(pair.from); });
      if (alike != std::end(kSlackLookAlikes)) {
        text_ += alike->to;
        i += alike->from.size() - 1;
        continue;
      }
      switch (c) {
        case '&':
          text_ += "&amp;";
          break;
        case '<':
          text_ += "&lt;";
          break;
        case '>':
          text_ += "&gt;";
          break;
        case '@':
          text_ += '@';
          text_ += kSlackZeroWidthSpace;
          break;
        case '|':
          text_ += in_label ? "\u2223" : "|";
          break;
        default:
          text_ += c;
      }
    }
  }

  // The model's Markdown: `**bold**` within one line becomes mrkdwn bold, the rest is plain.
  void markdown(std::string_view text) {
    for_each_bold_run(
        text, [this](std::string_view run) { plain(run); },
        [this](std::string_view inner) {
          markup("*");
          plain(inner);
          markup("*");
        });
  }

  const std::string& text() const { return text_; }
  std::size_t units() const { return utf16_length(text_); }

 private:
  std::string text_;
  bool line_start_ = true;
};

// `raw` made inert, shortened (with "…") until it is at most `max_units` as sent.
std::string slack_inert(std::string_view raw, std::size_t max_chars, std::size_t max_units,
                        bool in_label = false) {
  std::size_t chars = max_chars;
  while (true) {
    SlackMrkdwn out;
    out.markup(" ");  // not at a line start: these pieces never open a line of text
    out.plain(shorten_text(raw, chars), in_label);
    const std::string_view text = std::string_view(out.text()).substr(1);
    const std::size_t units = utf16_length(text);
    if (units <= max_units || chars == 0) {
      return std::string(text);
    }
    chars = std::min(chars - 1, chars * max_units / units);
  }
}

// The link as written inside `<…|`, or "" when it is not one to write: only a web link of sane
// length, with nothing that would end `<url|label>` early, is linked, so a `javascript:` value
// or a `|` in a record cannot turn the title into something else.
std::string slack_link(std::string_view link) {
  const bool web = (link.starts_with("https://") || link.starts_with("http://")) &&
                   std::none_of(link.begin(), link.end(), [](char c) {
                     const auto byte = static_cast<unsigned char>(c);
                     return byte <= 0x20 || byte >= 0x7F || c == '<' || c == '>' || c == '|';
                   });
  if (!web) {
    return {};
  }
  std::string out;
  for (const char c : link) {
    out += c == '&' ? std::string_view("&amp;") : std::string_view(&c, 1);
  }
  return out.size() <= kSlackMaxLinkUnits ? out : std::string();
}

// "*3. <LINK|Title>*\n_A, B et al._ · score 7.0": the paper's section before its text.
SlackMrkdwn slack_paper_head(const DeliveryPaper& paper, std::size_t number) {
  SlackMrkdwn out;
  std::string title = collapse_whitespace(paper.title);
  if (title.empty()) {
    title = paper.id;
  }
  out.markup("*" + std::to_string(number) + ". ");
  const std::string link = slack_link(paper.link);
  if (!link.empty()) {
    out.markup("<" + link + "|");
    out.markup(slack_inert(title, kSlackTitleChars, kSlackTitleUnits, true));
    out.markup(">");
  } else {
    out.markup(slack_inert(title, kSlackTitleChars, kSlackTitleUnits));
  }
  out.markup("*\n");
  const std::string authors = author_line(paper.authors, kSlackShownAuthors, kSlackAuthorChars);
  if (!authors.empty()) {
    out.markup("_");
    out.markup(slack_inert(authors, kSlackAuthorsUnits, kSlackAuthorsUnits));
    out.markup("_ · ");
  }
  out.markup("score " + format_score(paper.score));
  return out;
}

// The head and, on a line of its own, `text`.
SlackMrkdwn slack_with_text(SlackMrkdwn head, std::string_view text) {
  const std::string_view body = trim(text);
  if (!body.empty()) {
    head.markup("\n");
    head.markdown(body);
  }
  return head;
}

// The paper with its text shortened until its section fits `budget` units. Escaping grows the
// text (`&` is five characters), so the cut is measured, not guessed.
SlackMrkdwn slack_fitted_paper(const DeliveryPaper& paper, std::size_t number, std::size_t budget) {
  const SlackMrkdwn head = slack_paper_head(paper, number);
  SlackMrkdwn whole = slack_with_text(head, paper.text);
  std::size_t size = whole.units();
  if (size <= budget) {
    return whole;
  }
  const std::size_t fixed = head.units() + 1;
  std::size_t chars = budget > fixed ? budget - fixed : 0;
  while (true) {
    SlackMrkdwn fitted = slack_with_text(head, shorten_text(paper.text, chars));
    size = fitted.units();
    if (size <= budget || chars == 0) {
      return fitted;
    }
    // Shrink in proportion to the overshoot, by at least one character.
    chars = std::min(chars - 1, chars * budget / size);
  }
}

slack_json slack_text_object(const std::string& mrkdwn) {
  return {{"type", "mrkdwn"}, {"text", mrkdwn}, {"verbatim", true}};
}

slack_json slack_section(const std::string& mrkdwn) {
  return {{"type", "section"}, {"text", slack_text_object(mrkdwn)}};
}

std::string slack_dump(const slack_json& value) {
  return value.dump(-1, ' ', false, slack_json::error_handler_t::replace);
}

}  // namespace

std::vector<std::string> slack_messages(const DeliveryDigest& digest) {
  SlackMrkdwn header;
  header.markup("*");
  header.markup(slack_inert(delivery_header(digest), kSlackFrameChars, kSlackFrameUnits));
  header.markup("*");
  SlackMrkdwn footer;
  footer.markup(slack_inert(delivery_footer(digest, "slack"), kSlackFrameChars, kSlackFrameUnits));
  SlackMrkdwn none;
  none.markup("No new papers today.");

  std::vector<SlackMrkdwn> items;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < digest.papers.size(); ++i) {
    items.push_back(slack_fitted_paper(digest.papers[i], i + 1, kSlackSectionChars));
    sizes.push_back(items.back().units());
  }

  MessageLimits limits;
  limits.max_size = kSlackMessageChars;
  // The header and the footer are blocks of their own, so each message keeps room for both.
  limits.max_items = kSlackMaxBlocks - 2;
  limits.first_extra = header.units() + (digest.papers.empty() ? none.units() : 0);
  limits.last_extra = footer.units();
  const auto groups = pack_messages(sizes, limits);

  // The notification and fallback text: what the digest is, and which part of it.
  const std::string subject = delivery_subject(digest);
  std::vector<std::string> bodies;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    slack_json blocks = slack_json::array();
    if (g == 0) {
      blocks.push_back(slack_section(header.text()));
      if (digest.papers.empty()) {
        blocks.push_back(slack_section(none.text()));
      }
    }
    for (const std::size_t item : groups[g]) {
      blocks.push_back(slack_section(items[item].text()));
    }
    if (g + 1 == groups.size()) {
      blocks.push_back({{"type", "context"},
                        {"elements", slack_json::array({slack_text_object(footer.text())})}});
    }
    std::string fallback = slack_inert(subject, kSlackFrameChars, kSlackFrameUnits);
    if (groups.size() > 1) {
      fallback += " (" + std::to_string(g + 1) + "/" + std::to_string(groups.size()) + ")";
    }
    bodies.push_back(slack_dump({{"text", fallback},
                                 {"blocks", std::move(blocks)},
                                 // Thirty papers' pages unfurled would bury the digest.
                                 {"unfurl_links", false},
                                 {"unfurl_media", false}}));
  }
  return bodies;
}

ChatReply read_slack_reply(int status, std::string_view body) {
  ChatReply reply;
  if (status == 200 && trim(body) == "ok") {
    reply.delivered = true;
    return reply;
  }
  // Slack answers a short code as plain text ("invalid_blocks", "channel_not_found"), and a
  // 429's wait only in its Retry-After header, which the caller reads.
  reply.retry = is_transient_status(status);
  reply.reason = reply_reason(status, body);
  return reply;
}

}  // namespace arxiv_digest
