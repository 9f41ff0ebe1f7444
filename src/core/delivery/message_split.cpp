#include "core/delivery/message_split.hpp"

#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kEllipsis = "…";

}  // namespace

std::vector<std::vector<std::size_t>> pack_messages(const std::vector<std::size_t>& item_sizes,
                                                    const MessageLimits& limits) {
  const auto fits = [&limits](std::size_t used, std::size_t count, std::size_t size) {
    return count < limits.max_items && used + size <= limits.max_size;
  };
  std::vector<std::vector<std::size_t>> groups(1);
  std::size_t used = limits.every_extra + limits.first_extra;
  for (std::size_t item = 0; item < item_sizes.size(); ++item) {
    const std::size_t size = item_sizes[item];
    if (!fits(used, groups.back().size(), size)) {
      // A fuller message moves on; so does the first, empty but for the header, when the item
      // fits a message without it (the header then goes alone).
      const bool header_only = groups.size() == 1 && fits(limits.every_extra, 0, size);
      if (!groups.back().empty() || header_only) {
        groups.emplace_back();
        used = limits.every_extra;
      }
    }
    groups.back().push_back(item);
    used += size;
  }
  // The footer closes the last message. When it does not fit there, the last item moves on with
  // it if that helps (it has company to leave, and fits beside the footer alone), else the
  // footer goes alone.
  if (used + limits.last_extra > limits.max_size) {
    std::vector<std::size_t>& last = groups.back();
    const bool has_company = last.size() > 1 || (last.size() == 1 && groups.size() == 1);
    if (has_company && fits(limits.every_extra, 0, item_sizes[last.back()] + limits.last_extra)) {
      const std::size_t moved = last.back();
      last.pop_back();
      groups.push_back({moved});
    } else if (limits.every_extra + limits.last_extra <= limits.max_size) {
      groups.emplace_back();
    }
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
  // One byte past the room says whether a sentence ends right at its end (text is longer than
  // the room, so that byte exists). A line break ends a sentence or a word as a space does.
  const std::string_view seen = text.substr(0, room.size() + 1);
  std::size_t cut = std::string_view::npos;
  for (std::size_t at = seen.size() - 1; at > 0; --at) {
    const char end = seen[at - 1];
    if (is_blank(seen[at]) && (end == '.' || end == '!' || end == '?')) {
      cut = at;
      break;
    }
  }
  if (cut == std::string_view::npos) {
    const std::size_t blank = room.find_last_of(" \t\r\n");
    cut = blank == std::string_view::npos || blank == 0 ? room.size() : blank;
  }
  return std::string(trim(room.substr(0, cut))) + std::string(kEllipsis);
}

}  // namespace arxiv_digest
