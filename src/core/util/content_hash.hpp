#pragma once
// A fingerprint of bytes, to tell whether a file changed without parsing it (the history index
// compares it after a file's stat moved, as a checkout moves every file's).

#include <string>
#include <string_view>

namespace arxiv_digest {

// 64-bit FNV-1a of `bytes` as 16 lower-case hex digits. Not cryptographic: it detects edits, it
// does not resist someone crafting a collision, which a derived index need not.
std::string content_hash(std::string_view bytes);

}  // namespace arxiv_digest
