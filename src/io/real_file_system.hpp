#pragma once
// RealFileSystem: the FileSystem port over POSIX and std::filesystem. Built in main only.
// Errors are ErrorCode::io with "<op> <path>: <OS reason>"; no exception escapes.
// Stateless, so safe to share between threads (two writers to one path: last rename wins).

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::io {

class RealFileSystem final : public FileSystem {
 public:
  // The whole file, as bytes (no newline translation).
  Result<std::string> read(const std::string& path) override;
  // Creates missing parent folders, writes `bytes` to a new uniquely named hidden file in the
  // target's folder (".<name>.tmp-<random>"), fsyncs it and renames it over `path`. On any failure
  // the temporary file is removed and `path` keeps its old content (or stays absent). The new
  // file's mode is 0666 minus the umask.
  Result<void> write_atomic(const std::string& path, std::string_view bytes) override;
  // True for any existing file or folder (symlinks followed); false when it cannot be checked.
  bool exists(const std::string& path) override;
  // stat(2) of `path` (symlinks followed); a folder is an error (EISDIR).
  Result<FileStat> stat(const std::string& path) override;
  // Regular files (symlinks followed) directly in `dir` whose names end in `suffix`, sorted by
  // name, each as `dir / name`. A missing `dir` is an error.
  Result<std::vector<std::string>> list(const std::string& dir, std::string_view suffix) override;
};

}  // namespace arxiv_digest::io
