#pragma once
// arXiv's OAI-PMH interface (https://oaipmh.arxiv.org/oai), as `backfill` harvests it: the
// ListRecords pages (bytes in, records out), the sets a category list is harvested through, and
// the announcement day each record is filed under. Pure: no I/O, no clock.
//
// Why arXivRaw: of arXiv's four metadata formats only arXivRaw has each version's submission
// time ("Tue, 3 Apr 2007 22:04:11 GMT") and so the latest version number; the `arXiv` format
// has only the dates of v1 and of the latest version and no version number. The time is what
// puts a paper on the announcement day it was in (see announcement_day). Records in the `arXiv`
// format are read too (its `created` date standing in for v1's time), since that is what most
// captured pages and mirrors hold.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

inline constexpr std::string_view kOaiMetadataPrefix = "arXivRaw";

// An OAI-PMH <error code="...">: noRecordsMatch, badResumptionToken, badArgument,
// cannotDisseminateFormat, badVerb, idDoesNotExist, ...
struct OaiError {
  std::string code;
  std::string message;  // the element's text, whitespace collapsed
  bool operator==(const OaiError&) const = default;
};

// One <record>. Deleted records (header status="deleted") carry only id and datestamp.
struct OaiRecord {
  std::string id;         // "2401.01234", "hep-th/9801010" (the oai:arXiv.org: prefix removed)
  std::string datestamp;  // YYYY-MM-DD: last modification, not announcement
  bool deleted = false;
  Paper paper;  // the latest version: id, version, title, authors, abstract, categories, links...
  // Submission time of each version, v1 first (arXivRaw); for the `arXiv` format, v1 only, at
  // 00:00 UTC of its `created` date. Empty for deleted records.
  std::vector<std::chrono::sys_seconds> submitted;
  bool operator==(const OaiRecord&) const = default;
};

struct OaiPage {
  std::vector<OaiRecord> records;  // document order
  // nullopt: no <resumptionToken> element (the list fit on one page); "": an empty element
  // (the last page of a list); else the token to ask for the next page with.
  std::optional<std::string> resumption_token;
  std::string response_date;         // <responseDate> as written
  std::optional<OaiError> error;     // the first <error>, when the answer is one
  std::vector<SkippedItem> skipped;  // records that could not be read ("record 3 (oai:...)")
};

// Parses an OAI-PMH response. An answer that is an OAI error is a page with `error` set (and no
// records). Errors: malformed_input for bytes that are not XML, an HTML page (arXiv's 503 body),
// or XML whose root is not <OAI-PMH>; each message starts with `source_name`.
Result<OaiPage> parse_oai_page(std::string_view xml, std::string_view source_name);

// The OAI sets that cover `categories`, deduplicated, in first-use order: "cs.LG" → "cs",
// "math.NA" → "math", "stat.ML" → "stat", "hep-th" → "physics:hep-th",
// "astro-ph.GA" → "physics:astro-ph", "cond-mat.str-el" → "physics:cond-mat",
// "nlin.AO" → "physics:nlin", "q-bio.NC" → "q-bio", "eess.SP" → "eess", "econ.EM" → "econ",
// "q-fin.ST" → "q-fin". An unknown archive is its own set ("foo.XY" → "foo").
std::vector<std::string> oai_sets(const std::vector<std::string>& categories);

// The digest day (YYYY-MM-DD, a weekday) whose announcement a version submitted at `submitted`
// first appeared in, by arXiv's schedule: submissions close at 14:00 New York time Monday to
// Friday; what came in before a Monday-Thursday deadline is announced that evening, before a
// Friday deadline on Sunday evening; the digest (the RSS feed) of an announcement is dated the
// next day. So a Tuesday 13:59 submission is in Wednesday's digest, a Tuesday 14:00 one in
// Thursday's, a Friday one before 14:00 in Monday's. New York time follows the US daylight rules
// (since 2007, and before). arXiv's holidays are not known here: around them the day is early.
// Empty when `submitted` or the day is outside the supported dates (years 1000-9999).
std::string announcement_day(std::chrono::sys_seconds submitted);

// A record as a backfill candidate: the paper with announce_type and published set, filed under
// `day`. nullopt when the record is deleted, has none of `categories` (empty: any), or its day
// is outside [since, until] (until "" = no end).
// - "new" on v1's day when that day is in range; "cross" instead when the paper's primary
//   category is not one of `categories` (as the RSS feed of those categories says);
// - else "replace" ("replace-cross") on the latest version's day when that is in range (only the
//   latest version of a record is visible, so an earlier replacement in range is not seen).
struct DatedPaper {
  std::string day;
  Paper paper;
};
std::optional<DatedPaper> backfill_paper(const OaiRecord& record,
                                         const std::vector<std::string>& categories,
                                         std::string_view since, std::string_view until);

}  // namespace arxiv_digest
