#include "arxiv_digest/summary_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "arxiv_digest/site.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// Tags a summary may keep: line breaks, sub- and superscripts (formulas in abstracts use them).
std::size_t allowed_tag_length(std::string_view at) {
  static constexpr std::array<std::string_view, 7> kAllowed = {"<br>",   "<br/>", "<br />", "<sub>",
                                                               "</sub>", "<sup>", "</sup>"};
  for (const std::string_view tag : kAllowed) {
    if (starts_with_ignoring_case(at, tag)) {
      return tag.size();
    }
  }
  return 0;
}

bool is_url_end(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '<' || c == '>' || c == '"' || c == '`';
}

class Sanitizer {
 public:
  explicit Sanitizer(std::string_view abstract) : abstract_(abstract) {}

  std::string run(std::string_view text, std::size_t max_chars) {
    std::string clean = cut(normalized(text), max_chars);
    std::string out;
    bool in_fence = false;
    std::string fence;
    std::string_view previous;
    std::string_view rest = clean;
    while (!rest.empty()) {
      const auto newline = rest.find('\n');
      const std::string_view line = rest.substr(0, newline);
      rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
      const std::string_view body =
          line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
      const std::size_t indent = line.size() - body.size();
      if (indent <= 3 &&
          (starts_with_ignoring_case(body, "```") || starts_with_ignoring_case(body, "~~~"))) {
        if (!in_fence) {
          fence = std::string(body.substr(0, 3));
        }
        in_fence = in_fence ? body.substr(0, 3) != fence : true;
        out.append(line).append("\n");
      } else if (in_fence) {
        out.append(line).append("\n");  // code shows as written: no markup runs in it
      } else if (indent <= 3 && is_reference_definition(body)) {
        // dropped: a definition would make "[text][ref]" a link to anywhere
      } else if (indent <= 3 &&
                 (is_atx_heading(body) || (is_setext_underline(body) && !trim(previous).empty()))) {
        out.append(line.substr(0, indent)).append("\\").append(inline_text(body)).append("\n");
      } else {
        out.append(inline_text(line)).append("\n");
      }
      previous = line;
    }
    if (in_fence) {
      out.append(fence).append("\n");
    }
    return std::string(trim(out));
  }

 private:
  // Control characters out (tab and newline stay), CRLF and CR as "\n".
  static std::string normalized(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '\r') {
        out.push_back('\n');
        i += i + 1 < text.size() && text[i + 1] == '\n' ? 1 : 0;
      } else if (c >= 0x20 || c == '\n' || c == '\t') {
        out.push_back(static_cast<char>(c));
      }
    }
    return out;
  }

  // At most max_chars bytes, ended at the last sentence end (or line end, or space) before the
  // limit, never inside a UTF-8 sequence.
  static std::string cut(std::string text, std::size_t max_chars) {
    if (text.size() <= max_chars) {
      return text;
    }
    std::size_t end = max_chars;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    const std::string_view head(text.data(), end);
    std::size_t at = std::string_view::npos;
    for (const std::string_view mark : {". ", "! ", "? ", ".\n", "!\n", "?\n"}) {
      const auto found = head.rfind(mark);
      if (found != std::string_view::npos && (at == std::string_view::npos || found > at)) {
        at = found + 1;
      }
    }
    if (at == std::string_view::npos || at < end / 2) {
      const auto space = head.find_last_of(" \n");
      at = space == std::string_view::npos ? end : space;
    }
    text.resize(at);
    return text + " …";
  }

  static bool is_atx_heading(std::string_view body) {
    const auto hashes = body.find_first_not_of('#');
    const std::size_t count = hashes == std::string_view::npos ? body.size() : hashes;
    return count >= 1 && count <= 6 &&
           (count == body.size() || body[count] == ' ' || body[count] == '\t');
  }

  static bool is_setext_underline(std::string_view body) {
    const std::string_view mark = trim(body);
    return !mark.empty() && (mark.find_first_not_of('=') == std::string_view::npos ||
                             mark.find_first_not_of('-') == std::string_view::npos);
  }

  static bool is_reference_definition(std::string_view body) {
    if (body.empty() || body[0] != '[') {
      return false;
    }
    const auto close = body.find("]:");
    return close != std::string_view::npos && close > 1;
  }

  // The end of the bracketed part starting at `open` ('[' or '('), or npos.
  static std::size_t matching(std::string_view text, std::size_t open, char opener, char closer) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == opener) {
        ++depth;
      } else if (text[i] == closer && --depth == 0) {
        return i;
      } else if (text[i] == '\n') {
        return std::string_view::npos;
      }
    }
    return std::string_view::npos;
  }

  // The code span starting at `at` (a run of backticks closed by a run as long), or only the
  // opening run when nothing closes it.
  static std::size_t code_span_length(std::string_view at) {
    const std::size_t run = std::min(at.find_first_not_of('`'), at.size());
    for (std::size_t from = run; from < at.size();) {
      const auto close = at.find('`', from);
      if (close == std::string_view::npos) {
        break;
      }
      const std::size_t close_run = std::min(at.find_first_not_of('`', close), at.size()) - close;
      if (close_run == run) {
        return close + close_run;
      }
      from = close + close_run;
    }
    return run;
  }

  // Links, images, raw HTML and bare URLs of one line.
  std::string inline_text(std::string_view line) const {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
      const std::string_view at = line.substr(i);
      if (at[0] == '\\' && at.size() > 1) {
        out.append(at.substr(0, 2));
        i += 2;
      } else if (at[0] == '`') {
        const std::size_t length = code_span_length(at);
        out.append(at.substr(0, length));  // code shows as written: no markup runs in it
        i += length;
      } else if (at[0] == '<') {
        const std::size_t kept = allowed_tag_length(at);
        out.append(kept > 0 ? std::string(at.substr(0, kept)) : std::string("&lt;"));
        i += kept > 0 ? kept : 1;
      } else if (at[0] == '[' || (at[0] == '!' && at.size() > 1 && at[1] == '[')) {
        i += link(line, i, out);
      } else if (starts_with_ignoring_case(at, "http://") ||
                 starts_with_ignoring_case(at, "https://") ||
                 starts_with_ignoring_case(at, "www.")) {
        std::size_t end = 0;
        while (end < at.size() && !is_url_end(at[end])) {
          ++end;
        }
        const std::string_view url = at.substr(0, end);
        out.append(is_allowed_link(url, abstract_) ? std::string(url)
                                                   : "`" + std::string(url) + "`");
        i += end;
      } else {
        out.push_back(at[0]);
        ++i;
      }
    }
    return out;
  }

  // A link or image at `start`: appended as it may be shown; returns the characters consumed.
  std::size_t link(std::string_view line, std::size_t start, std::string& out) const {
    const bool image = line[start] == '!';
    const std::size_t open = start + (image ? 1 : 0);
    const std::size_t close = matching(line, open, '[', ']');
    if (close == std::string_view::npos) {
      out.append(line.substr(start, open + 1 - start));
      return open + 1 - start;
    }
    const std::string label = inline_text(line.substr(open + 1, close - open - 1));
    std::size_t end = close + 1;
    std::string_view url;
    if (end < line.size() && line[end] == '(') {
      const std::size_t paren = matching(line, end, '(', ')');
      if (paren != std::string_view::npos) {
        std::string_view target = trim(line.substr(end + 1, paren - end - 1));
        url = target.substr(0, target.find_first_of(" \t"));
        if (url.size() >= 2 && url.front() == '<' && url.back() == '>') {
          url = url.substr(1, url.size() - 2);
        }
        end = paren + 1;
      }
    } else if (end < line.size() && line[end] == '[') {
      const std::size_t ref = matching(line, end, '[', ']');
      end = ref == std::string_view::npos ? end : ref + 1;  // its definition is dropped
    }
    if (image) {
      out.append(label);
    } else if (!url.empty() && is_allowed_link(url, abstract_) &&
               url.find_first_of("()<>") == url.npos) {
      out.append("[").append(label).append("](").append(url).append(")");
    } else {
      out.append(label);
    }
    return end - start;
  }

  std::string_view abstract_;
};

}  // namespace

std::string sanitize_summary(std::string_view text, std::string_view abstract,
                             std::size_t max_chars) {
  return Sanitizer(abstract).run(text, max_chars);
}

void sanitize_summary(Summary& summary, std::string_view abstract) {
  summary.text = sanitize_summary(summary.text, abstract);
  if (summary.fields) {
    for (std::string* field :
         {&summary.fields->tldr, &summary.fields->motivation, &summary.fields->method,
          &summary.fields->result, &summary.fields->conclusion}) {
      *field = sanitize_summary(*field, abstract);
    }
  }
}

}  // namespace arxiv_digest
