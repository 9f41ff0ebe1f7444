#include <algorithm>

#include "arxiv_digest/daily_digest.hpp"
#include "core/render/mustache_render.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// The seed joins authors with "," and no space.
std::string authors_text(const std::vector<std::string>& authors) {
  std::string out;
  for (const auto& author : authors) {
    if (!out.empty()) {
      out += ',';
    }
    out += author;
  }
  return out.empty() ? std::string("Unknown") : escape_angle_brackets(out);
}

// A string for {{#name}}…{{/name}} sections: false when empty, so the section is skipped.
mstch::node optional_text(const std::string& text) {
  if (text.empty()) {
    return false;
  }
  return text;
}

mstch::map paper_context(const ArchiveRecord& record, int index, bool first) {
  const Paper& paper = record.paper;
  mstch::map context{
      {"first", first},
      {"index", std::to_string(index)},
      {"title", escape_link_text(paper.title)},
      {"link", paper.link},
      {"authors", authors_text(paper.authors)},
      {"category", paper.primary_category},
      {"abstract", escape_angle_brackets(trim(paper.abstract))},
      {"tldr", false},
      {"fields", false},
      {"markdown", false},
  };
  if (!record.summary) {
    return context;
  }
  if (const auto& fields = record.summary->fields) {
    context["tldr"] = optional_text(neutralize_collapsible_tags(trim(fields->tldr)));
    context["fields"] = mstch::map{
        {"motivation", neutralize_collapsible_tags(trim(fields->motivation))},
        {"method", neutralize_collapsible_tags(trim(fields->method))},
        {"result", neutralize_collapsible_tags(trim(fields->result))},
        {"conclusion", neutralize_collapsible_tags(trim(fields->conclusion))},
    };
  } else {
    context["markdown"] = optional_text(neutralize_collapsible_tags(trim(record.summary->text)));
  }
  return context;
}

}  // namespace

std::vector<CategoryGroup> group_by_category(const std::vector<ArchiveRecord>& records,
                                             const std::vector<std::string>& category_order) {
  const std::vector<const ArchiveRecord*> ranked = ranked_records(records);

  std::vector<CategoryGroup> groups;
  for (const auto& category : category_order) {
    groups.push_back({category, {}});
  }
  for (const ArchiveRecord* record : ranked) {
    const std::string& category = record->paper.primary_category;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const CategoryGroup& group) { return group.category == category; });
    if (it == groups.end()) {
      groups.push_back({category, {}});
      it = std::prev(groups.end());
    }
    it->records.push_back(record);
  }
  std::erase_if(groups, [](const CategoryGroup& group) { return group.records.empty(); });
  return groups;
}

Result<std::string> render_daily_digest(const std::vector<ArchiveRecord>& records,
                                        const std::vector<std::string>& category_order,
                                        const std::string& template_source) {
  mstch::array categories;
  int index = 0;
  for (const auto& group : group_by_category(records, category_order)) {
    mstch::array papers;
    for (const ArchiveRecord* record : group.records) {
      papers.push_back(paper_context(*record, ++index, papers.empty()));
    }
    categories.push_back(mstch::map{{"name", group.category},
                                    {"total", std::to_string(group.records.size())},
                                    {"papers", std::move(papers)}});
  }
  return render_template(template_source, mstch::map{{"categories", std::move(categories)}},
                         "daily_digest.md.mustache");
}

}  // namespace arxiv_digest
