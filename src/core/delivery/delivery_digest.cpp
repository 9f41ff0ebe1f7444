// The DeliveryDigest every channel renders, and the lines they all share.

#include <string>

#include "arxiv_digest/delivery.hpp"
#include "core/delivery/message_split.hpp"
#include "core/util/content_hash.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

std::string paper_text(const ArchiveRecord& record) {
  if (record.summary) {
    if (!trim(record.summary->text).empty()) {
      return std::string(trim(record.summary->text));
    }
    if (record.summary->fields && !record.summary->fields->tldr.empty()) {
      return record.summary->fields->tldr;
    }
  }
  return abstract_sentences(record.paper.abstract, kDeliveryAbstractChars);
}

std::string count_of(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

DeliveryDigest make_delivery_digest(const std::vector<ArchiveRecord>& records,
                                    const std::string& date,
                                    const std::vector<std::string>& categories) {
  DeliveryDigest digest;
  digest.date = date;
  digest.categories = categories;
  digest.candidates = records.size();
  for (const ArchiveRecord* record : ranked_records(records)) {
    const Paper& paper = record->paper;
    const bool summarized =
        record->summary && (!trim(record->summary->text).empty() ||
                            (record->summary->fields && !record->summary->fields->tldr.empty()));
    digest.papers.push_back({versioned_id(paper), paper.title, paper.authors, paper.link,
                             paper.pdf_link, paper.categories, paper.score, paper_text(*record),
                             summarized});
  }
  return digest;
}

std::string abstract_sentences(std::string_view abstract, std::size_t max_chars) {
  // Feeds keep the abstract's line breaks; a message wants one paragraph.
  return shorten_text(collapse_whitespace(abstract), max_chars);
}

std::string author_line(const std::vector<std::string>& authors, std::size_t max_shown,
                        std::size_t max_chars) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < authors.size() && i < max_shown; ++i) {
    shown.push_back(shorten_text(collapse_whitespace(authors[i]), max_chars));
  }
  std::string line = join(shown, ", ");
  if (authors.size() > max_shown) {
    line += " et al.";
  }
  return line;
}

std::string delivery_subject(const DeliveryDigest& digest) {
  std::string subject = "arXiv digest " + digest.date + ": " +
                        (digest.papers.empty() ? std::string("no new papers")
                                               : count_of(digest.papers.size(), "paper", "papers"));
  if (!digest.categories.empty()) {
    subject += " (" + join(digest.categories, ", ") + ")";
  }
  return subject;
}

std::string delivery_header(const DeliveryDigest& digest) {
  std::string header = digest.date + " · " + count_of(digest.papers.size(), "paper", "papers") +
                       " of " + count_of(digest.candidates, "candidate", "candidates");
  if (!digest.categories.empty()) {
    header += " · " + join(digest.categories, ", ");
  }
  return header;
}

std::string delivery_footer(const DeliveryDigest& digest, std::string_view channel) {
  std::string from = digest.sender.empty() ? std::string("a local run") : digest.sender;
  if (!digest.sender_url.empty()) {
    from += " (" + digest.sender_url + ")";
  }
  return "Sent by arxiv-digest from " + from + ". To stop these messages, remove delivery." +
         std::string(channel) + " from its config.json.";
}

std::string delivery_hash(const DeliveryDigest& digest) {
  // Fields joined by separators no text holds (unit and record separators), so two different
  // digests cannot give the same string.
  std::string canonical = digest.date + '\x1e' + join(digest.categories, "\x1f") + '\x1e' +
                          std::to_string(digest.candidates);
  for (const DeliveryPaper& paper : digest.papers) {
    canonical += '\x1e' + paper.id + '\x1f' + paper.title + '\x1f' + join(paper.authors, "\x1f") +
                 '\x1f' + paper.link + '\x1f' + paper.pdf_link + '\x1f' +
                 join(paper.categories, "\x1f") + '\x1f' + format_score(paper.score) + '\x1f' +
                 paper.text + '\x1f' + (paper.summarized ? "1" : "0");
  }
  return content_hash(canonical);
}

}  // namespace arxiv_digest
