#pragma once
// MemoryFileSystem: an in-memory FileSystem (ninja's VirtualFileSystem, leveldb's memenv) with a
// log of reads and writes and an injectable write failure (leveldb's ErrorEnv). It keeps the real
// adapter's semantics, checked by tests/io/file_system_contract_test.cpp: folders exist once a
// file is written below them (or add_dir), a write over a folder or below a file fails, list()
// returns regular files directly in a folder, sorted, as `dir / name`, and errors are
// ErrorCode::io naming the path and the OS reason ("No such file or directory").
// Paths are compared after lexical normalization ("a/./b" is "a/b"). Thread-safe.

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::testing {

class MemoryFileSystem final : public FileSystem {
 public:
  MemoryFileSystem();

  Result<std::string> read(const std::string& path) override;
  Result<void> write_atomic(const std::string& path, std::string_view bytes) override;
  bool exists(const std::string& path) override;
  // The size, and a write counter as the modification time.
  Result<FileStat> stat(const std::string& path) override;
  Result<std::vector<std::string>> list(const std::string& dir, std::string_view suffix) override;

  // Test setup and inspection: not logged, never fail on injection.
  void add_file(const std::string& path, std::string_view bytes);  // creates parent folders
  void add_dir(const std::string& path);
  void remove(const std::string& path);  // a file, as if deleted outside the program
  std::optional<std::string> contents(const std::string& path) const;
  std::map<std::string, std::string> files() const;  // normalized path -> bytes

  // The nth write_atomic() call from now fails (1 = the next one) with ErrorCode::io and leaves
  // the file system as it was. Several may be pending.
  void fail_write_at(std::size_t n);

  std::vector<std::string> files_read() const;     // every read() path, as given, found or not
  std::vector<std::string> files_written() const;  // every successful write_atomic() path
  std::size_t write_attempts() const;              // write_atomic() calls, failed ones included

 private:
  static std::string normalize(const std::string& path);
  void add_parents_locked(const std::string& normalized);

  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::uint64_t> versions_;  // by path: the write that made the content
  std::uint64_t writes_ = 0;
  std::set<std::string> dirs_;
  std::set<std::size_t> failing_writes_;
  std::size_t write_attempts_ = 0;
  std::vector<std::string> files_read_;
  std::vector<std::string> files_written_;
};

}  // namespace arxiv_digest::testing
