#include "fakes/memory_file_system.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

namespace arxiv_digest::testing {
namespace {

// Same wording as the real adapter: "<op> <path>: <OS reason>".
Error io_error(std::string_view op, const std::string& path, int errno_value) {
  return Error{ErrorCode::io,
               std::string(op) + " " + path + ": " + std::generic_category().message(errno_value)};
}

std::string parent_of(const std::string& normalized) {
  std::string parent = std::filesystem::path(normalized).parent_path().generic_string();
  return parent.empty() ? "." : parent;
}

}  // namespace

MemoryFileSystem::MemoryFileSystem() : dirs_{".", "/"} {}

std::string MemoryFileSystem::normalize(const std::string& path) {
  std::string n = std::filesystem::path(path).lexically_normal().generic_string();
  while (n.size() > 1 && n.back() == '/') {
    n.pop_back();
  }
  return n.empty() ? "." : n;
}

void MemoryFileSystem::add_parents_locked(const std::string& normalized) {
  std::string dir = parent_of(normalized);
  while (dirs_.insert(dir).second) {
    const std::string up = parent_of(dir);
    if (up == dir) {
      break;
    }
    dir = up;
  }
}

Result<std::string> MemoryFileSystem::read(const std::string& path) {
  const std::lock_guard lock(mutex_);
  files_read_.push_back(path);
  const std::string n = normalize(path);
  if (dirs_.count(n) != 0) {
    return io_error("read", path, EISDIR);
  }
  const auto it = files_.find(n);
  if (it == files_.end()) {
    return io_error("read", path, ENOENT);
  }
  return it->second;
}

Result<void> MemoryFileSystem::write_atomic(const std::string& path, std::string_view bytes) {
  const std::lock_guard lock(mutex_);
  ++write_attempts_;
  if (failing_writes_.erase(write_attempts_) != 0) {
    return io_error("write", path, EIO);
  }
  const std::string n = normalize(path);
  if (n == "." || n == "/" || dirs_.count(n) != 0) {
    return io_error("write", path, EISDIR);
  }
  for (std::string dir = parent_of(n);; dir = parent_of(dir)) {
    if (files_.count(dir) != 0) {
      return io_error("write", path, ENOTDIR);
    }
    if (parent_of(dir) == dir) {
      break;
    }
  }
  add_parents_locked(n);
  files_[n] = std::string(bytes);
  versions_[n] = ++writes_;
  files_written_.push_back(path);
  return {};
}

bool MemoryFileSystem::exists(const std::string& path) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(path);
  return files_.count(n) != 0 || dirs_.count(n) != 0;
}

Result<FileStat> MemoryFileSystem::stat(const std::string& path) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(path);
  if (dirs_.count(n) != 0) {
    return io_error("stat", path, EISDIR);
  }
  const auto it = files_.find(n);
  if (it == files_.end()) {
    return io_error("stat", path, ENOENT);
  }
  const std::uint64_t version = versions_.at(n);
  return FileStat{it->second.size(), static_cast<std::int64_t>(version)};
}

Result<std::vector<std::string>> MemoryFileSystem::list(const std::string& dir,
                                                        std::string_view suffix) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(dir);
  if (files_.count(n) != 0) {
    return io_error("list", dir, ENOTDIR);
  }
  if (dirs_.count(n) == 0) {
    return io_error("list", dir, ENOENT);
  }
  std::vector<std::string> names;
  for (const auto& [file, bytes] : files_) {
    if (parent_of(file) != n) {
      continue;
    }
    std::string name = std::filesystem::path(file).filename().generic_string();
    if (name.size() >= suffix.size() &&
        std::string_view(name).substr(name.size() - suffix.size()) == suffix) {
      names.push_back(std::move(name));
    }
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> paths;
  paths.reserve(names.size());
  for (const auto& name : names) {
    paths.push_back((std::filesystem::path(dir) / name).string());
  }
  return paths;
}

void MemoryFileSystem::add_file(const std::string& path, std::string_view bytes) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(path);
  add_parents_locked(n);
  files_[n] = std::string(bytes);
  versions_[n] = ++writes_;
}

void MemoryFileSystem::remove(const std::string& path) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(path);
  files_.erase(n);
  versions_.erase(n);
}

void MemoryFileSystem::add_dir(const std::string& path) {
  const std::lock_guard lock(mutex_);
  const std::string n = normalize(path);
  add_parents_locked(n);
  dirs_.insert(n);
}

std::optional<std::string> MemoryFileSystem::contents(const std::string& path) const {
  const std::lock_guard lock(mutex_);
  const auto it = files_.find(normalize(path));
  if (it == files_.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::map<std::string, std::string> MemoryFileSystem::files() const {
  const std::lock_guard lock(mutex_);
  return files_;
}

void MemoryFileSystem::fail_write_at(std::size_t n) {
  const std::lock_guard lock(mutex_);
  if (n > 0) {
    failing_writes_.insert(write_attempts_ + n);
  }
}

std::vector<std::string> MemoryFileSystem::files_read() const {
  const std::lock_guard lock(mutex_);
  return files_read_;
}

std::vector<std::string> MemoryFileSystem::files_written() const {
  const std::lock_guard lock(mutex_);
  return files_written_;
}

std::size_t MemoryFileSystem::write_attempts() const {
  const std::lock_guard lock(mutex_);
  return write_attempts_;
}

}  // namespace arxiv_digest::testing
