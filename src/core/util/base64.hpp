#pragma once
// Base64 (RFC 4648, with padding), by OpenSSL's encoder.

#include <string>
#include <string_view>

namespace arxiv_digest {

std::string base64(std::string_view bytes);

}  // namespace arxiv_digest
