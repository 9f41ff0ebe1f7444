#pragma once
// A fingerprint of bytes, to tell whether a file changed without parsing it (the history index
// compares it after a file's stat moved, as a checkout moves every file's).

#include <string>
#include <string_view>

namespace arxiv_digest {

// XXH3 (64 bits, libxxhash) of `bytes` as 16 lower-case hex digits: every run of a fork in
// Actions hashes its whole archive (the checkout moves every file's mtime), so the hash must run
// at memory speed. Not cryptographic: it detects edits, it does not resist a crafted collision,
// which a derived index need not.
std::string content_hash(std::string_view bytes);

}  // namespace arxiv_digest
