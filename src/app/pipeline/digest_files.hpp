#pragma once
// The digest's other outputs (DESIGN.md "Outputs" 2, 3 and 5): digests/DATE.md (daily digest),
// digests/DATE.cards.md (paper cards with related papers), feed.xml (Atom) and digest.json.
// output.daily_digest_enabled, output.cards_enabled and output.feed_enabled (feed.xml and
// digest.json together) switch them on; paths come from output.digests_dir, output.feed and
// output.digest_json, resolved against the config's folder.
//
// Everything is rendered first and written after, so a template or archive error leaves every
// file as it was.

#include <string>
#include <vector>

#include "app/pipeline/run_context.hpp"
#include "arxiv_digest/archive.hpp"

namespace arxiv_digest::app {

struct OutputFile {
  std::string path;
  std::string bytes;
};

// The enabled outputs for today's `records` (ctx.status.digest_date), nothing written. Related
// papers are searched among every record of data/*.jsonl dated before today plus `records`,
// read in one pass. Errors: a template that does not load or render, an archive file that does
// not read or parse.
Result<std::vector<OutputFile>> render_digest_files(RunContext& ctx,
                                                    const std::vector<ArchiveRecord>& records);

// Writes each file atomically, in order; stops at the first failure.
Result<void> write_digest_files(RunContext& ctx, const std::vector<OutputFile>& files);

}  // namespace arxiv_digest::app
