#include "io/real_file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>
#include <system_error>

namespace arxiv_digest::io {
namespace {

namespace fs = std::filesystem;

Error io_error(std::string_view op, const std::string& path, const std::error_code& ec) {
  return Error{ErrorCode::io, std::string(op) + " " + path + ": " + ec.message()};
}

Error errno_error(std::string_view op, const std::string& path, int errno_value) {
  return io_error(op, path, std::error_code(errno_value, std::generic_category()));
}

// Closes the descriptor it holds on scope exit (errors on that path are already being reported).
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  // Closes now and reports close()'s errno (0 on success): on NFS a failed close can be the
  // first sign that the data never arrived.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// Removes the temporary file unless the rename consumed it.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (!path_.empty()) {
      ::unlink(path_.c_str());
    }
  }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// A fresh name beside the target. Hidden and ending in ".tmp-…" so a leftover from a crash never
// matches list()'s suffix filter; O_EXCL below makes a collision an EEXIST, never a shared file.
std::string temp_name_for(const fs::path& target) {
  std::random_device random;
  const auto token = (static_cast<unsigned long long>(random()) << 32U) ^ random();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", token);
  return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + hex)).string();
}

}  // namespace

Result<std::string> RealFileSystem::read(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return errno_error("read", path, errno);
  }
  // Straight into the string, sized by fstat (an archive day is read whole to be hashed); a
  // file that grows meanwhile is read to its end all the same.
  std::string bytes;
  struct stat info {};
  std::size_t size = 0;
  if (::fstat(fd.get(), &info) == 0 && info.st_size > 0) {
    size = static_cast<std::size_t>(info.st_size);
  }
  bytes.resize(size + 1);
  std::size_t filled = 0;
  while (true) {
    if (filled == bytes.size()) {
      bytes.resize(bytes.size() * 2);
    }
    const ssize_t got = ::read(fd.get(), bytes.data() + filled, bytes.size() - filled);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno_error("read", path, errno);  // EISDIR for a folder
    }
    if (got == 0) {
      break;
    }
    filled += static_cast<std::size_t>(got);
  }
  bytes.resize(filled);
  return bytes;
}

Result<void> RealFileSystem::write_atomic(const std::string& path, std::string_view bytes) {
  const fs::path target(path);
  if (target.filename().empty() || target.filename() == "." || target.filename() == "..") {
    return errno_error("write", path, EISDIR);
  }
  if (target.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return io_error("write", path, ec);
    }
  }

  std::string temp;
  int fd_value = -1;
  for (int attempt = 0; attempt < 16 && fd_value < 0; ++attempt) {
    temp = temp_name_for(target);
    fd_value = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_value < 0 && errno != EEXIST) {
      break;
    }
  }
  if (fd_value < 0) {
    return errno_error("write", path, errno);
  }
  FileDescriptor fd(fd_value);
  TempFileGuard guard(temp);

  if (const int err = write_all(fd.get(), bytes); err != 0) {
    return errno_error("write", path, err);
  }
  // Without fsync a crash after the rename can leave an empty file under the target name.
  if (::fsync(fd.get()) != 0) {
    return errno_error("write", path, errno);
  }
  if (const int err = fd.close(); err != 0) {
    return errno_error("write", path, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return errno_error("write", path, errno);  // EISDIR when a folder is in the way
  }
  guard.release();

  // Make the rename itself durable. Best effort: the new content is already in place and some
  // file systems refuse fsync on a folder, so a failure here is not a failed write.
  const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  FileDescriptor dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) {
    ::fsync(dir_fd.get());
  }
  return {};
}

bool RealFileSystem::exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec) && !ec;
}

Result<FileStat> RealFileSystem::stat(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return errno_error("stat", path, errno);
  }
  if (S_ISDIR(info.st_mode)) {
    return errno_error("stat", path, EISDIR);
  }
  FileStat result;
  result.size = static_cast<std::uint64_t>(info.st_size);
  result.modified_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                       static_cast<std::int64_t>(info.st_mtim.tv_nsec);
  return result;
}

Result<std::vector<std::string>> RealFileSystem::list(const std::string& dir,
                                                      std::string_view suffix) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    return io_error("list", dir, ec);
  }
  std::vector<std::string> names;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      break;
    }
    std::error_code type_ec;  // a file removed meanwhile, a dangling link: not a regular file
    if (!it->is_regular_file(type_ec)) {
      continue;
    }
    std::string name = it->path().filename().string();
    if (name.size() >= suffix.size() &&
        std::string_view(name).substr(name.size() - suffix.size()) == suffix) {
      names.push_back(std::move(name));
    }
  }
  if (ec) {
    return io_error("list", dir, ec);
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> paths;
  paths.reserve(names.size());
  for (const auto& name : names) {
    paths.push_back((fs::path(dir) / name).string());
  }
  return paths;
}

}  // namespace arxiv_digest::io
