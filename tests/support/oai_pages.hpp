#pragma once
// Synthetic arXiv OAI-PMH ListRecords pages in the arXivRaw shape of the real ones
// (../shared/data/oai/mikesaelim-arXivOAIHarvester/ListRecordsResponse.xml): for tests that need
// more pages than were ever captured, and for the backfill benchmark (100 pages × 1000 records).
//
// Page p (0-based) holds the records whose latest version was submitted on the p-th weekday from
// `first_date` (a weekend first_date moves to the Monday after), spread evenly over that day, so
// consecutive pages cover consecutive weekdays. Every record of page p has the datestamp of the
// weekday after, so datestamps never decrease across pages and each page has its own. A record
// with 2 or 3 versions had its v1 weeks to months earlier (its id is of v1's month), as a revised
// paper in a day's harvest does. Ids are unique: YYMM.NNNNN (YYMM.NNNN before 2015), numbered
// from 1 within each month. setSpecs are the old server's (cs, stat, physics:hep-th), the sets a
// harvest asks for. Text comes from word lists and a seeded generator: the same options give the
// same bytes.
//
// Every page but the last carries an old-server token (`cursor`, `completeListSize`); the last
// of several pages an empty one with those attributes; a single page none. FakeOaiServer
// replaces them with its own.

#include <cstddef>
#include <string>
#include <vector>

namespace arxiv_digest::testing {

struct SyntheticOaiOptions {
  int pages = 3;
  int records_per_page = 10;
  std::string first_date = "2026-02-02";  // YYYY-MM-DD: the submission day of page 1
  // Each record's primary category is drawn from these; some are cross-listed in another one.
  std::vector<std::string> categories{"cs.LG", "cs.CL", "cs.AI", "stat.ML"};
  // Every `keyword_every`-th record (the 1st, then every such) has one of these, in turn, in its
  // abstract and, one time in two, in its title, so that a digest over the pages has matches.
  // 0 or an empty list: none. In an abstract a phrase may wrap onto the next line, as real
  // abstracts do ("language\nmodel").
  std::vector<std::string> keywords{"language model", "quantization"};
  int keyword_every = 5;
  std::size_t abstract_chars = 1000;  // each abstract's length, give or take a sentence
  unsigned seed = 2026;
};

// options.pages pages of options.records_per_page records each; std::invalid_argument for a
// malformed first_date, pages < 1, records_per_page < 0, or more records in one month than its
// ids can number.
std::vector<std::string> synthetic_oai_pages(const SyntheticOaiOptions& options);

}  // namespace arxiv_digest::testing
