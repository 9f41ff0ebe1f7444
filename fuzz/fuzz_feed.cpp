// RSS 2.0, Atom and API responses through parse_feed (the one entry point every source uses),
// then what a run does with a feed: its date becomes the digest day and the selection's window.

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/selection.hpp"
#include "core/util/date.hpp"
#include "fuzz_check.hpp"

namespace {

using arxiv_digest::is_iso_date;

bool is_date_or_empty(const std::string& text) { return text.empty() || is_iso_date(text); }

arxiv_digest::SelectionOptions feed_selection(const std::string& today) {
  arxiv_digest::SelectionOptions options;
  options.keywords = {{"learning", 2.0, false}, {"model", 1.0, true}};
  options.exclude_keywords = {"survey"};
  options.announce_types = {"new", "cross", "replace"};
  options.today = today;
  options.days_back = 7;
  options.max_papers = 5;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml = arxiv_digest::fuzz::as_text(data, size);
  (void)arxiv_digest::is_rate_exceeded_body(xml);
  auto feed = arxiv_digest::parse_feed(xml, "fuzz.xml");
  if (!feed) {
    FUZZ_CHECK(feed.error().message.starts_with("fuzz.xml"));
    return 0;
  }
  // Dates name archive files and are compared as text: only supported dates get through.
  FUZZ_CHECK(is_date_or_empty(feed->date));
  for (const auto& paper : feed->papers) {
    FUZZ_CHECK(is_date_or_empty(paper.published));
    FUZZ_CHECK(is_date_or_empty(paper.updated));
    FUZZ_CHECK(!paper.id.empty());
  }
  const std::string today = feed->date.empty() ? "2026-02-12" : feed->date;
  const auto selection = arxiv_digest::select_papers(feed->papers, arxiv_digest::ShownHistory{},
                                                     feed_selection(today));
  FUZZ_CHECK(selection.selected <= selection.candidates.size());
  const auto records = arxiv_digest::archive_records(selection, today);
  const std::string archive = arxiv_digest::write_archive(records);
  auto reread = arxiv_digest::parse_archive(archive, "fuzz.jsonl");
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(reread->size() == records.size());
  return 0;
}
