#include "app/sources/feed_cache.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "arxiv_digest/feed.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest::app {
namespace {

constexpr std::size_t kMaxNameChars = 80;

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool has_header(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (iequals(key, name)) {
      return true;
    }
  }
  return false;
}

std::string header(const HttpResponse& response, const std::string& lower_name) {
  const auto it = response.headers.find(lower_name);
  return it == response.headers.end() ? std::string() : it->second;
}

}  // namespace

std::string feed_cache_file(const std::string& url) {
  std::string_view rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  std::string name;
  for (const char c : rest) {
    if (name.size() == kMaxNameChars) {
      break;
    }
    const bool safe =
        std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '-';
    if (safe) {
      name += c;
    } else if (name.empty() || name.back() != '_') {
      name += '_';
    }
  }
  // No dot-only or dot-leading names ("..", ".hidden").
  while (!name.empty() && name.front() == '.') {
    name.front() = '_';
  }
  std::array<char, 17> hash{};
  std::snprintf(hash.data(), hash.size(), "%016llx", static_cast<unsigned long long>(fnv1a64(url)));
  return "feeds/" + name + "-" + hash.data() + ".xml";
}

FeedCache::FeedCache(FileSystem& fs, std::string state_dir)
    : fs_(fs), state_dir_(std::move(state_dir)) {
  while (state_dir_.size() > 1 && state_dir_.back() == '/') {
    state_dir_.pop_back();
  }
}

std::string FeedCache::index_path() const { return full_path("http_cache.json"); }

std::string FeedCache::full_path(const std::string& relative) const {
  return state_dir_.empty() ? relative : state_dir_ + "/" + relative;
}

std::map<std::string, FeedCache::Entry>& FeedCache::entries() {
  if (entries_) {
    return *entries_;
  }
  entries_.emplace();
  const std::string path = index_path();
  if (!fs_.exists(path)) {
    return *entries_;
  }
  const auto text = fs_.read(path);
  if (!text) {
    spdlog::warn("conditional GET disabled this run: {}", text.error().message);
    return *entries_;
  }
  try {
    const auto json = parse_json_text(*text);
    if (!json.is_object()) {
      spdlog::warn("{}: expected a JSON object; ignoring it (it is rewritten on the next download)",
                   path);
      return *entries_;
    }
    for (const auto& [url, value] : json.items()) {
      if (!value.is_object() || !value.contains("file") || !value["file"].is_string()) {
        spdlog::warn("{}: ignoring the entry for {}: no \"file\"", path, url);
        continue;
      }
      Entry entry;
      entry.etag = value.value("etag", "");
      entry.last_modified = value.value("last_modified", "");
      entry.file = value["file"].get<std::string>();
      entry.fetched_at = value.value("fetched_at", "");
      (*entries_)[url] = std::move(entry);
    }
  } catch (const nlohmann::json::exception& error) {
    spdlog::warn("{}: {}; ignoring it (it is rewritten on the next download)", path, error.what());
    entries_->clear();
  } catch (const JsonShapeError& error) {  // nested too deep
    spdlog::warn("{}: {}; ignoring it (it is rewritten on the next download)", path, error.what());
    entries_->clear();
  }
  return *entries_;
}

Result<void> FeedCache::save() {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [url, entry] : entries()) {
    json[url] = {{"etag", entry.etag},
                 {"last_modified", entry.last_modified},
                 {"file", entry.file},
                 {"fetched_at", entry.fetched_at}};
  }
  return fs_.write_atomic(index_path(), json.dump(2) + "\n");
}

void FeedCache::prepare(HttpRequest& request) {
  const auto& stored = entries();
  const auto it = stored.find(request.url);
  if (it == stored.end() || (it->second.etag.empty() && it->second.last_modified.empty())) {
    return;
  }
  // Without the body a 304 would leave us with nothing: ask for the whole feed instead.
  if (!fs_.exists(full_path(it->second.file))) {
    spdlog::debug("{}: cached copy {} is missing; fetching it whole", request.url, it->second.file);
    return;
  }
  if (!it->second.etag.empty() && !has_header(request, "If-None-Match")) {
    request.headers["If-None-Match"] = it->second.etag;
  }
  if (!it->second.last_modified.empty() && !has_header(request, "If-Modified-Since")) {
    request.headers["If-Modified-Since"] = it->second.last_modified;
  }
}

Result<std::optional<std::string>> FeedCache::resolve(const HttpRequest& request,
                                                      const HttpResponse& response) {
  auto& stored = entries();
  if (response.status == 304) {
    const auto it = stored.find(request.url);
    if (it == stored.end()) {
      return Error{ErrorCode::http_status, request.method + " " + request.url +
                                               ": 304 Not Modified, but no copy is cached in " +
                                               index_path()};
    }
    auto body = fs_.read(full_path(it->second.file));
    if (!body) {
      return Error{ErrorCode::io, request.method + " " + request.url +
                                      ": 304 Not Modified, but the cached copy cannot be read: " +
                                      body.error().message};
    }
    return std::optional<std::string>(std::move(*body));
  }
  if (response.status != 200 || is_rate_exceeded_body(response.body)) {
    return std::optional<std::string>();
  }

  Entry entry;
  entry.etag = header(response, "etag");
  entry.last_modified = header(response, "last-modified");
  entry.fetched_at = header(response, "date");
  entry.file = feed_cache_file(request.url);
  if (entry.etag.empty() && entry.last_modified.empty()) {
    // Nothing to revalidate with; an older entry would describe an older body.
    if (stored.erase(request.url) > 0) {
      if (auto saved = save(); !saved) {
        return saved.error();
      }
    }
    return std::optional<std::string>();
  }
  if (auto written = fs_.write_atomic(full_path(entry.file), response.body); !written) {
    return written.error();
  }
  const auto previous = stored.find(request.url);
  std::optional<Entry> old;
  if (previous != stored.end()) {
    old = previous->second;
  }
  stored[request.url] = entry;
  if (auto saved = save(); !saved) {
    // Keep memory in step with the index on disk.
    if (old) {
      stored[request.url] = *old;
    } else {
      stored.erase(request.url);
    }
    return saved.error();
  }
  return std::optional<std::string>();
}

Result<void> FeedCache::forget(const std::string& url) {
  if (entries().erase(url) == 0) {
    return {};
  }
  return save();
}

}  // namespace arxiv_digest::app
