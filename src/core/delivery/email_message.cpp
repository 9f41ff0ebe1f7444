#include "arxiv_digest/email_message.hpp"

#include "core/render/mustache_render.hpp"
#include "core/util/base64.hpp"
#include "core/util/content_hash.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::size_t kMaxAuthors = 10;
constexpr std::size_t kMaxAuthorChars = 120;
constexpr std::size_t kBase64Line = 76;  // RFC 2045 6.8
// An encoded-word is at most 75 characters (RFC 2047 2): "=?UTF-8?B?" + text + "?=" leaves 63
// for base64, so 45 bytes of UTF-8 per word (60 base64 characters).
constexpr std::size_t kWordBytes = 45;
constexpr std::string_view kCrlf = "\r\n";

bool printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
      return false;
    }
  }
  return true;
}

// Whole UTF-8 sequences of at most `max_bytes` from the front of `text`.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text.size();
  }
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  return cut == 0 ? max_bytes : cut;
}

std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += kBase64Line) {
    out += encoded.substr(at, kBase64Line);
    out += kCrlf;
  }
  return out;
}

// Only arXiv's own pages are linked: a link field that is anything else is left out.
std::string arxiv_link(const std::string& link) {
  return link.starts_with("https://arxiv.org/") || link.starts_with("http://arxiv.org/") ? link
                                                                                         : "";
}

// The template's view; `escape` is identity for the text part and escape_html for the HTML one.
mstch::map email_view(const DeliveryDigest& digest, std::string (*escape)(std::string_view)) {
  mstch::array papers;
  int rank = 0;
  for (const DeliveryPaper& paper : digest.papers) {
    const std::string link =
        arxiv_link(paper.link).empty() ? "https://arxiv.org/abs/" + paper.id : paper.link;
    papers.emplace_back(
        mstch::map{{"rank", std::to_string(++rank)},
                   {"id", escape(paper.id)},
                   {"title", escape(paper.title)},
                   {"link", escape(link)},
                   {"pdf_link", escape(arxiv_link(paper.pdf_link))},
                   {"authors", escape(author_line(paper.authors, kMaxAuthors, kMaxAuthorChars))},
                   {"categories", escape(join(paper.categories, ", "))},
                   {"score", format_score(paper.score)},
                   {"text", escape(paper.text)},
                   {"summarized", paper.summarized}});
  }
  return mstch::map{{"subject", escape(delivery_subject(digest))},
                    {"header", escape(delivery_header(digest))},
                    {"footer", escape(delivery_footer(digest, "email"))},
                    {"date", escape(digest.date)},
                    {"papers", papers}};
}

std::string as_is(std::string_view text) { return std::string(text); }
std::string as_html(std::string_view text) { return escape_html(text); }

// Lines end in CRLF, as SMTP needs; a template written with LF (or CRLF) gives the same bytes.
std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    if (text[i] == '\n') {
      out += kCrlf;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string part(std::string_view type, std::string_view body) {
  return "Content-Type: " + std::string(type) +
         "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         base64_lines(crlf_lines(body));
}

}  // namespace

std::string encode_header_text(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    if (c == '\r' || c == '\n' || c == '\t') {
      c = ' ';  // a header value is one line: no CR or LF can start a header of its own
    }
  }
  if (printable_ascii(clean)) {
    return clean;
  }
  std::string out;
  std::string_view rest = clean;
  while (!rest.empty()) {
    const std::size_t cut = utf8_cut(rest, kWordBytes);
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") + base64(rest.substr(0, cut)) +
           "?=";
    rest.remove_prefix(cut);
  }
  return out;
}

Result<std::string> email_message(const DeliveryDigest& digest, const EmailHeaders& headers,
                                  const EmailTemplates& templates) {
  auto text = render_template(templates.text, email_view(digest, as_is), "email.txt.mustache");
  if (!text) {
    return text.error();
  }
  auto html = render_template(templates.html, email_view(digest, as_html), "email.html.mustache");
  if (!html) {
    return html.error();
  }
  // A boundary made of characters base64 never writes ("=_") cannot occur in either part.
  const std::string boundary = "=_arxiv-digest_" + content_hash(*text + *html);
  std::string message;
  message += "From: " + headers.from + "\r\n";
  message += "To: " + join(headers.to, ",\r\n ") + "\r\n";
  message += "Subject: " + encode_header_text(delivery_subject(digest)) + "\r\n";
  message += "Date: " + headers.date + "\r\n";
  message += "Message-ID: " + headers.message_id + "\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies to a bot
  message += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  message += "\r\n";
  message += "--" + boundary + "\r\n" + part("text/plain", *text);
  message += "--" + boundary + "\r\n" + part("text/html", *html);
  message += "--" + boundary + "--\r\n";
  return message;
}

}  // namespace arxiv_digest
