#pragma once
// What several layers need to know of a URL without parsing it fully.

#include <string>
#include <string_view>

namespace arxiv_digest {

// The host of `url`, lower-cased, without scheme, userinfo, port, path or query
// ("https://User@RSS.arxiv.org:443/rss/x" → "rss.arxiv.org"; an IPv6 host keeps its brackets,
// "[::1]"): the politeness key of the HTTP clients, and what config checks for loopback.
std::string url_host(std::string_view url);

}  // namespace arxiv_digest
