#pragma once
// What the chat channels share when reading an answer.

#include <string>
#include <string_view>

namespace arxiv_digest {

// "HTTP 400: invalid_blocks": the status and the body's first line, cut to about 200 characters
// and without control characters, for a run status. An empty body gives "HTTP 400".
std::string reply_reason(int status, std::string_view body);

// 429 (rate limited) and 5xx (the server's trouble): worth another attempt on every platform.
bool is_transient_status(int status);

}  // namespace arxiv_digest
