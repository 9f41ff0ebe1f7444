// From harvested OAI records to backfill candidates: which sets to harvest, which announcement
// day a submission time falls on, and the paper each record stands for on that day.

#include <algorithm>
#include <array>
#include <chrono>

#include "arxiv_digest/oai_pmh.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// The archives the old server listed under physics: (its ListSets); the new server keeps them
// in the physics group.
constexpr std::array<std::string_view, 13> kOaiPhysicsArchives = {
    "astro-ph", "cond-mat", "gr-qc",   "hep-ex",  "hep-lat", "hep-ph",  "hep-th",
    "math-ph",  "nlin",     "nucl-ex", "nucl-th", "physics", "quant-ph"};

std::string oai_set_of(std::string_view category) {
  const std::string_view archive = category.substr(0, category.find('.'));
  const bool physics = std::find(kOaiPhysicsArchives.begin(), kOaiPhysicsArchives.end(), archive) !=
                       kOaiPhysicsArchives.end();
  return physics ? "physics:" + std::string(archive) : std::string(archive);
}

// US daylight saving time in New York: since 2007 from the second Sunday of March to the first
// Sunday of November, 1987-2006 from the first Sunday of April to the last Sunday of October
// (arXiv opened in 1991, so older rules never matter). Both switches happen at 02:00 local time:
// 07:00 UTC when summer time starts (from EST), 06:00 UTC when it ends (from EDT).
bool oai_is_new_york_summer_time(std::chrono::sys_seconds time) {
  using std::chrono::April, std::chrono::March, std::chrono::November, std::chrono::October;
  using std::chrono::last, std::chrono::Sunday, std::chrono::sys_days;
  const std::chrono::year year =
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(time)}.year();
  const bool since_2007 = year >= std::chrono::year{2007};
  const sys_days start =
      since_2007 ? sys_days{year / March / Sunday[2]} : sys_days{year / April / Sunday[1]};
  const sys_days end =
      since_2007 ? sys_days{year / November / Sunday[1]} : sys_days{year / October / Sunday[last]};
  return time >= start + std::chrono::hours{7} && time < end + std::chrono::hours{6};
}

std::chrono::local_seconds oai_new_york_time(std::chrono::sys_seconds time) {
  const std::chrono::hours offset{oai_is_new_york_summer_time(time) ? -4 : -5};
  return std::chrono::local_seconds{time.time_since_epoch() + offset};
}

bool oai_is_weekday(std::chrono::local_days day) {
  const std::chrono::weekday weekday{day};
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

std::chrono::local_days oai_next_weekday(std::chrono::local_days day) {
  do {
    day += std::chrono::days{1};
  } while (!oai_is_weekday(day));
  return day;
}

// A configured category matches itself and, as an archive ("cs", "hep-th"), all of its own.
bool oai_matches(std::string_view category, const std::vector<std::string>& configured) {
  return configured.empty() ||
         std::any_of(configured.begin(), configured.end(), [&](const std::string& wanted) {
           return category == wanted ||
                  (category.size() > wanted.size() && category.starts_with(wanted) &&
                   category[wanted.size()] == '.');
         });
}

bool oai_in_range(std::string_view day, std::string_view since, std::string_view until) {
  return !day.empty() && day >= since && (until.empty() || day <= until);
}

}  // namespace

std::vector<std::string> oai_sets(const std::vector<std::string>& categories) {
  std::vector<std::string> sets;
  for (const std::string& category : categories) {
    const std::string_view trimmed = trim(category);
    if (trimmed.empty()) {
      continue;
    }
    std::string set = oai_set_of(trimmed);
    if (std::find(sets.begin(), sets.end(), set) == sets.end()) {
      sets.push_back(std::move(set));
    }
  }
  return sets;
}

std::string announcement_day(std::chrono::sys_seconds submitted) {
  // Outside the supported dates the calendar arithmetic below would wrap (or overflow).
  if (!iso_date(std::chrono::floor<std::chrono::days>(submitted))) {
    return "";
  }
  const std::chrono::local_seconds local = oai_new_york_time(submitted);
  std::chrono::local_days deadline = std::chrono::floor<std::chrono::days>(local);
  // The deadline a submission makes: 14:00 of its own day when that is a weekday and it came
  // before, else the next weekday's.
  if (!oai_is_weekday(deadline) || local - deadline >= std::chrono::hours{14}) {
    deadline = oai_next_weekday(deadline);
  }
  // Monday-Thursday deadlines are announced that evening, Friday's on Sunday evening; either
  // way the digest is dated the next weekday.
  const std::chrono::local_days digest = oai_next_weekday(deadline);
  // Not utc_date: the day would pass through system_clock's nanoseconds, which end in 2262.
  // Empty for a day after 9999-12-31.
  return iso_date(std::chrono::sys_days{digest.time_since_epoch()}).value_or("");
}

std::optional<DatedPaper> backfill_paper(const OaiRecord& record,
                                         const std::vector<std::string>& categories,
                                         std::string_view since, std::string_view until) {
  const Paper& paper = record.paper;
  const bool wanted =
      std::any_of(paper.categories.begin(), paper.categories.end(),
                  [&](const std::string& category) { return oai_matches(category, categories); });
  if (record.deleted || record.submitted.empty() || (!categories.empty() && !wanted)) {
    return std::nullopt;
  }
  const bool primary = oai_matches(paper.primary_category, categories);
  std::string day = announcement_day(record.submitted.front());
  std::string_view type = primary ? "new" : "cross";
  if (!oai_in_range(day, since, until)) {
    // Only the latest version is visible: an earlier replacement in range is not seen.
    day = announcement_day(record.submitted.back());
    type = primary ? "replace" : "replace-cross";
    if (record.submitted.size() < 2 || !oai_in_range(day, since, until)) {
      return std::nullopt;
    }
  }
  DatedPaper dated{day, paper};
  dated.paper.announce_type = type;
  dated.paper.published = std::move(day);
  return dated;
}

}  // namespace arxiv_digest
