#pragma once
// Calendar dates as "YYYY-MM-DD" strings (they sort and compare as text) and the few
// conversions feeds need. Pure: "today" always comes from the caller.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace arxiv_digest {

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// "Thu, 12 Feb 2026 00:00:00 -0500" → "2026-02-12": the date as written (the announcement day
// in New York), not shifted to UTC.
std::optional<std::string> rfc822_date(std::string_view text);

// "2026-02-12T05:00:00Z" or "2023-07-13T20:30:00-05:00" → "2026-02-12" (the date as written).
std::optional<std::string> iso8601_date(std::string_view text);

// `date` moved by `days` (may be negative). `date` must satisfy is_iso_date.
std::string add_days(std::string_view date, int days);

// A time point as "2026-02-12 06:46:51 UTC" (the README's Last Updated) and as "2026-02-12".
std::string utc_timestamp(std::chrono::system_clock::time_point time);
std::string utc_date(std::chrono::system_clock::time_point time);
// "2026-02-12T06:46:51Z"
std::string iso8601_utc(std::chrono::system_clock::time_point time);
// A mail Date header (RFC 5322 3.3): "Thu, 12 Feb 2026 06:46:51 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point time);

// An HTTP-date (RFC 9110 5.6.7) as a time point: the preferred IMF-fixdate
// "Sun, 06 Nov 1994 08:49:37 GMT" and the obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and
// asctime "Sun Nov  6 08:49:37 1994" forms (names case-sensitive, as the RFC says). An RFC 850
// two-digit year is the one nearest `now` that is not more than 50 years in the future.
// nullopt for anything else, including impossible dates and times.
std::optional<std::chrono::system_clock::time_point> parse_http_date(
    std::string_view text, std::chrono::system_clock::time_point now);

// A Retry-After header value as a wait from `now`: delta-seconds ("120") or an HTTP-date (a
// date at or before `now` is 0 ms; a date in the future rounds up to the next millisecond).
// Surrounding spaces are ignored. nullopt for anything else ("-1", "1.5", "soon", "").
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace arxiv_digest
