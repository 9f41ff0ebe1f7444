#include "core/util/content_hash.hpp"

#include <xxhash.h>

#include <cstdint>
#include <cstdio>

namespace arxiv_digest {

std::string content_hash(std::string_view bytes) {
  const XXH64_hash_t hash = XXH3_64bits(bytes.data(), bytes.size());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace arxiv_digest
