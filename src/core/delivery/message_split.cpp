#include "core/delivery/message_split.hpp"

#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kEllipsis = "…";

}  // namespace

std::vector<std::vector<std::size_t>> pack_messages(const std::vector<std::size_t>& item_sizes,
                                                    const MessageLimits& limits) {
  std::vector<std::vector<std::size_t>> groups(1);
  std::size_t used = limits.every_extra + limits.first_extra;
  for (std::size_t item = 0; item < item_sizes.size(); ++item) {
    // The last message also carries the footer, so the last item must fit with it.
    const bool is_last = item + 1 == item_sizes.size();
    const std::size_t needed = item_sizes[item] + (is_last ? limits.last_extra : 0);
    const bool fits = groups.back().size() < limits.max_items && used + needed <= limits.max_size;
    if (!fits && !groups.back().empty()) {
      groups.emplace_back();
      used = limits.every_extra;
    }
    groups.back().push_back(item);
    used += item_sizes[item];
  }
  return groups;
}

std::string shorten_text(std::string_view text, std::size_t max_chars) {
  if (utf8_length(text) <= max_chars) {
    return std::string(text);
  }
  if (max_chars == 0) {
    return {};
  }
  const std::string_view room = utf8_prefix(text, max_chars - 1);
  std::size_t cut = std::string_view::npos;
  for (const std::string_view end : {". ", "! ", "? "}) {
    const std::size_t at = room.rfind(end);
    if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
      cut = at + 1;
    }
  }
  if (cut == std::string_view::npos) {
    const std::size_t space = room.rfind(' ');
    cut = space == std::string_view::npos || space == 0 ? room.size() : space;
  }
  return std::string(trim(room.substr(0, cut))) + std::string(kEllipsis);
}

}  // namespace arxiv_digest
