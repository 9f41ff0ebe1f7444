#include <algorithm>
#include <mstch/mstch.hpp>

#include "arxiv_digest/readme.hpp"
#include "core/render/mustache_render.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

std::string status_block(std::string_view status_line) {
  return std::string(kStatusBegin) + "\n> **Run status**: " + escape_angle_brackets(status_line) +
         "\n" + std::string(kStatusEnd);
}

mstch::map paper_context(const DigestEntry& entry) {
  mstch::map context{
      {"rank", std::to_string(entry.rank)},
      {"title", escape_link_text(entry.title)},
      {"link", entry.link},
      {"authors", escape_angle_brackets(entry.authors.empty() ? std::string("Unknown")
                                                              : join(entry.authors, ", "))},
      {"category", entry.category},
      {"published", entry.published},
      {"score", format_score(entry.score)},
      {"announce_type", entry.announce_type},
      {"arxiv_id", entry.arxiv_id},
      {"abstract",
       escape_angle_brackets(abstract_excerpt(entry.abstract, entry.abstract_continues))},
  };
  if (entry.summary) {
    context.emplace("summary", mstch::map{{"model", entry.summary_model},
                                          {"text", neutralize_collapsible_tags(*entry.summary)}});
  } else {
    context.emplace("summary", false);
  }
  return context;
}

}  // namespace

DigestEntry make_digest_entry(const Paper& paper, int rank, const std::optional<Summary>& summary) {
  DigestEntry entry;
  entry.rank = rank;
  entry.title = paper.title;
  entry.link = paper.link;
  entry.authors = paper.authors;
  entry.category = paper.primary_category;
  entry.published = paper.published;
  entry.score = paper.score;
  entry.announce_type = paper.announce_type;
  entry.arxiv_id = versioned_id(paper);
  entry.abstract = paper.abstract;
  if (summary) {
    entry.summary = summary->text;
    entry.summary_model = summary->model;
  }
  return entry;
}

Result<std::string> render_papers_section(const std::vector<DigestEntry>& entries,
                                          const std::string& paper_template) {
  std::string out;
  for (const auto& entry : entries) {
    auto block = render_template(paper_template, paper_context(entry), "paper.md.mustache");
    if (!block) {
      return block.error();
    }
    // Template files end in a newline (editors add one); the block itself ends at "---".
    std::string& text = block.value();
    while (!text.empty() && text.back() == '\n') {
      text.pop_back();
    }
    if (!out.empty()) {
      out += "\n\n";
    }
    out += text;
  }
  return out;
}

Result<std::string> render_readme(const ReadmeView& view, const ReadmeTemplates& templates) {
  auto papers = render_papers_section(view.entries, templates.paper);
  if (!papers) {
    return papers.error();
  }
  const mstch::map context{
      {"last_updated", view.last_updated},
      {"digest_date", view.digest_date},
      {"paper_count", std::to_string(view.entries.size())},
      {"categories", join(view.categories, ", ")},
      {"keywords", escape_angle_brackets(join(view.keywords, ", "))},
      {"status", status_block(view.status_line)},
      {"papers_section", papers.value()},
      {"has_papers", !view.entries.empty()},
      {"trends_image",
       view.trends_image.empty() ? mstch::node(false) : mstch::node(view.trends_image)},
  };
  return render_template(templates.readme, context, "README.md.mustache");
}

Result<std::string> replace_status_line(std::string_view readme, std::string_view status_line) {
  const auto begin = readme.find(kStatusBegin);
  const auto end = begin == std::string_view::npos ? begin : readme.find(kStatusEnd, begin);
  if (end == std::string_view::npos) {
    return Error{ErrorCode::malformed_input, "the previous README has no status markers (" +
                                                 std::string(kStatusBegin) +
                                                 "); it was not written by arxiv-digest"};
  }
  std::string out(readme.substr(0, begin));
  out += status_block(status_line);
  out += readme.substr(end + kStatusEnd.size());
  return out;
}

bool same_digest(std::string_view previous, std::string_view next,
                 std::string_view next_last_updated) {
  auto without_status = [](std::string_view text) {
    auto cleared = replace_status_line(text, "");
    return cleared ? std::move(cleared.value()) : std::string(text);
  };
  const std::string a = without_status(previous);
  const std::string b = without_status(next);
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    const std::size_t a_end = std::min(a.find('\n', i), a.size());
    const std::size_t b_end = std::min(b.find('\n', j), b.size());
    const std::string_view a_line(a.data() + i, a_end - i);
    const std::string_view b_line(b.data() + j, b_end - j);
    const bool shows_time =
        !next_last_updated.empty() && b_line.find(next_last_updated) != std::string_view::npos;
    if (a_line != b_line && !shows_time) {
      return false;
    }
    if ((i >= a.size()) != (j >= b.size())) {
      return false;
    }
    i = a_end + 1;
    j = b_end + 1;
  }
  return true;
}

}  // namespace arxiv_digest
