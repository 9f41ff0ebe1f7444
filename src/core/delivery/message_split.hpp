#pragma once
// What every channel does with a long digest: papers packed in order into as few messages as the
// platform's limits allow, never one split across two, and text shortened to fit a limit.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/text.hpp"

namespace arxiv_digest {

// The limits of one message, in whatever unit the caller measures (characters, UTF-16 units,
// bytes). `first_extra` is what only the first message carries (the header), `last_extra` what
// only the last carries (the footer), `every_extra` what each carries (its envelope).
struct MessageLimits {
  std::size_t max_size = 0;
  std::size_t max_items = static_cast<std::size_t>(-1);
  std::size_t every_extra = 0;
  std::size_t first_extra = 0;
  std::size_t last_extra = 0;
};

// Consecutive groups of item indexes, in order, each within `limits`: a greedy fill, which for
// items in a fixed order gives the fewest messages. An item too large to fit any message alone
// still gets one of its own (callers shorten items first, with shorten_text). A group may be
// empty: the first when its first item fits only without the header beside it (the header then
// goes alone), the last when the footer fits only alone. No items: one empty group, for the
// header and footer alone (two when they cannot share a message).
std::vector<std::vector<std::size_t>> pack_messages(const std::vector<std::size_t>& item_sizes,
                                                    const MessageLimits& limits);

// `text` if it has at most `max_chars` code points, else its longest prefix that ends a
// sentence (". ", "! ", "? ", or the mark before a line break) and fits with "…" after it, else a
// cut at a space or line break, else at a code point; then "…". max_chars of 0 gives "".
std::string shorten_text(std::string_view text, std::size_t max_chars);

// The model's Markdown as the chat channels keep it: each `**bold**` run within one line (not
// starting or ending in a blank) goes to on_bold(inner), everything else, the asterisks of runs
// that are not bold included, to on_plain(text), in order.
template <typename OnPlain, typename OnBold>
void for_each_bold_run(std::string_view text, OnPlain on_plain, OnBold on_bold) {
  constexpr std::string_view kBold = "**";
  while (!text.empty()) {
    const std::size_t open = text.find(kBold);
    if (open == std::string_view::npos) {
      on_plain(text);
      return;
    }
    const std::size_t close = text.find(kBold, open + kBold.size());
    const std::string_view inner =
        close == std::string_view::npos
            ? std::string_view()
            : text.substr(open + kBold.size(), close - open - kBold.size());
    const bool bold = !inner.empty() && inner.find('\n') == std::string_view::npos &&
                      !is_blank(inner.front()) && !is_blank(inner.back());
    if (!bold) {
      on_plain(text.substr(0, open + kBold.size()));
      text.remove_prefix(open + kBold.size());
      continue;
    }
    on_plain(text.substr(0, open));
    on_bold(inner);
    text.remove_prefix(close + kBold.size());
  }
}

}  // namespace arxiv_digest
