#pragma once
// Reading a digest's data back: the `*.papers.json` shape of the golden seeds
// ({last_updated, total_papers, categories, keywords, papers: [{rank, title, link, authors,
// category, published, score, announce_type, arxiv_id, abstract_prefix | abstract, summary,
// summary_model}]}), used by `arxiv-digest render --papers`.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/readme.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct PapersFile {
  std::string last_updated;
  std::vector<std::string> categories;
  std::vector<std::string> keywords;
  std::vector<DigestEntry> entries;  // in rank order
};

// `abstract_prefix` is the first 300 characters of the abstract; when it is that long the real
// abstract is taken to continue (the seeds were cut there), so the digest adds "...".
// Errors name the source and the JSON path of the bad field.
Result<PapersFile> parse_papers_file(std::string_view json_text, std::string_view source_name);

}  // namespace arxiv_digest
