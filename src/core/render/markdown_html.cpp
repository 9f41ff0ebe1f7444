// Summaries are Markdown from an LLM: cmark-gfm renders them with its safe defaults (no
// CMARK_OPT_UNSAFE: raw HTML becomes a comment, javascript:/data: URLs are emptied) plus the
// tagfilter extension, and the tree is pruned of links the page must not carry before rendering.

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "arxiv_digest/site.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kArxivPrefix = "https://arxiv.org/";

bool starts_with_http(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

// A URL as written in running text loses the punctuation that ends its sentence.
std::string_view without_trailing_punctuation(std::string_view token) {
  while (!token.empty() &&
         std::string_view(".,;:!?)]}'\"").find(token.back()) != std::string_view::npos) {
    token.remove_suffix(1);
  }
  return token;
}

// Replaces `node` by its children (a link by its text, an image by its alt text).
void unwrap_node(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_insert_before(node, child);
  }
  cmark_node_free(node);
}

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

}  // namespace

bool is_allowed_link(std::string_view url, std::string_view abstract) {
  if (url.starts_with(kArxivPrefix)) {
    return true;
  }
  if (!starts_with_http(url)) {
    return false;
  }
  std::size_t start = 0;
  while (start < abstract.size()) {
    while (start < abstract.size() && is_blank(abstract[start])) {
      ++start;
    }
    std::size_t end = start;
    while (end < abstract.size() && !is_blank(abstract[end])) {
      ++end;
    }
    std::string_view token = abstract.substr(start, end - start);
    if (const auto at = token.find("http"); at != std::string_view::npos) {
      if (without_trailing_punctuation(token.substr(at)) == url) {
        return true;
      }
    }
    start = end;
  }
  return false;
}

std::string markdown_to_safe_html(std::string_view markdown, std::string_view abstract) {
  // Registering the extensions is idempotent; a function-local static makes it once and safe.
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
  const int options = CMARK_OPT_DEFAULT;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  for (const char* name : {"tagfilter", "autolink", "strikethrough", "table"}) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> pruned;
  cmark_iter* iter = cmark_iter_new(document.get());
  for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE;
       event = cmark_iter_next(iter)) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER) {
      continue;
    }
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_IMAGE) {
      pruned.push_back(node);
    } else if (type == CMARK_NODE_LINK) {
      const char* url = cmark_node_get_url(node);
      if (url == nullptr || !is_allowed_link(url, abstract)) {
        pruned.push_back(node);
      }
    }
  }
  cmark_iter_free(iter);
  // Innermost last in document order: unwrapping from the end never frees a node still listed.
  for (auto it = pruned.rbegin(); it != pruned.rend(); ++it) {
    unwrap_node(*it);
  }
  char* html =
      cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out = html == nullptr ? std::string() : std::string(html);
  std::free(html);
  return out;
}

}  // namespace arxiv_digest
