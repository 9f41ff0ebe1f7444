#pragma once
// feed.xml (DESIGN.md "Outputs 5"): the digest as an Atom 1.0 feed (RFC 4287), one entry per
// digest paper in rank order, so a feed reader can follow it.
//
// Entry: id and alternate link = the paper's abs URL, title, one author per author, updated
// (the paper's updated date, else its announcement date, at 00:00:00Z), published, summary (the
// AI summary's text when there is one, else the abstract; type "text"), one category per arXiv
// category. Text is sanitized for XML 1.0: control characters other than tab, LF and CR are
// dropped, invalid UTF-8 and U+FFFE/U+FFFF become U+FFFD; pugixml escapes the rest.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/archive.hpp"

namespace arxiv_digest {

struct AtomFeedOptions {
  std::string id = "urn:arxiv-digest:feed";  // feed <id>: a stable IRI for this digest
  std::string title = "arXiv digest";
  std::string self_link;          // rel="self" href; omitted when empty
  std::string updated;            // RFC 3339, e.g. "2026-02-12T06:46:51Z"
  std::string generator_version;  // <generator version=…>; omitted when empty
};

// The feed as UTF-8 XML with a declaration, indented by two spaces.
std::string write_atom_feed(const std::vector<ArchiveRecord>& records,
                            const AtomFeedOptions& options);

// `text` made safe for XML 1.0 character data (see above).
std::string xml_safe_text(std::string_view text);

}  // namespace arxiv_digest
