#pragma once
// Calendar dates as "YYYY-MM-DD" strings (they sort and compare as text) and the few
// conversions feeds need. Pure: "today" always comes from the caller.
//
// The dates the tool supports are the real calendar dates of four-digit years, 1000-01-01 to
// 9999-12-31: only those keep the fixed width that makes text order date order (and name the
// archive files). Every reader of a date from outside (is_iso_date, rfc822_date, iso8601_date)
// accepts exactly those and says nullopt/false to anything else, so a feed or --date from another
// year is refused where it enters; what is computed from a supported date (add_days, iso_date)
// never leaves the range or fails on its way.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace arxiv_digest {

// True for a supported date written YYYY-MM-DD: digits only, a real day of a real month.
bool is_iso_date(std::string_view text);

// `day` as YYYY-MM-DD; nullopt outside the supported dates.
std::optional<std::string> iso_date(std::chrono::sys_days day);

// "Thu, 12 Feb 2026 00:00:00 -0500" → "2026-02-12": the date as written (the announcement day
// in New York), not shifted to UTC.
std::optional<std::string> rfc822_date(std::string_view text);

// "2026-02-12T05:00:00Z" or "2023-07-13T20:30:00-05:00" → "2026-02-12" (the date as written).
std::optional<std::string> iso8601_date(std::string_view text);

// `date` moved by `days` (may be negative), stopping at 1000-01-01 and 9999-12-31 rather than
// leaving the supported dates. A `date` that is not is_iso_date comes back unchanged.
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
// nullopt for anything else, including impossible dates and times. In seconds, the HTTP-date's
// own precision, so that every year 0000-9999 is representable (system_clock's nanoseconds end
// in 2262): converting the result to a system_clock::time_point is the caller's risk.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text,
                                                        std::chrono::system_clock::time_point now);

// A Retry-After header value as a wait from `now`: delta-seconds ("120") or an HTTP-date (a
// date at or before `now` is 0 ms; a date in the future rounds up to the next millisecond). Either
// is clamped to 10^12 ms (about 31 years). Surrounding spaces are ignored. nullopt for anything
// else ("-1", "1.5", "soon", "").
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace arxiv_digest
