// One contract for the FileSystem port, run on the fake and on the real adapter (STYLE.md 2), so
// MemoryFileSystem cannot drift from RealFileSystem.

#include <gmock/gmock.h>
#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "fakes/memory_file_system.hpp"
#include "io/real_file_system.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using ::testing::HasSubstr;

// Every write that grows a file past `limit` bytes fails with EFBIG ("File too large") while this
// lives; root is not exempt, unlike folder permissions. A full disk, for the real adapter.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t limit) {
    previous_handler_ = ::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills the process
    ::getrlimit(RLIMIT_FSIZE, &previous_);
    rlimit lowered = previous_;
    lowered.rlim_cur = limit;
    EXPECT_EQ(::setrlimit(RLIMIT_FSIZE, &lowered), 0);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &previous_);
    ::signal(SIGXFSZ, previous_handler_);
  }

 private:
  rlimit previous_{};
  void (*previous_handler_)(int) = nullptr;
};

// The environments the contract runs in: a file system under test, a root folder, and setup
// helpers that go around the file system under test.
class MemoryEnv {
 public:
  static constexpr char kName[] = "Memory";
  FileSystem& fs() { return fs_; }
  std::string path(const std::string& relative) const { return "/virtual/root/" + relative; }
  void put(const std::string& relative, const std::string& bytes) {
    fs_.add_file(path(relative), bytes);
  }
  void make_dir(const std::string& relative) { fs_.add_dir(path(relative)); }
  // Makes the next write_atomic() fail until the returned handle is released.
  std::shared_ptr<void> fail_next_write() {
    fs_.fail_write_at(1);
    return nullptr;
  }

 private:
  MemoryFileSystem fs_;
};

class RealEnv {
 public:
  static constexpr char kName[] = "Real";
  FileSystem& fs() { return fs_; }
  std::string path(const std::string& relative) const { return dir_ / relative; }
  void put(const std::string& relative, const std::string& bytes) {
    std::filesystem::create_directories(std::filesystem::path(path(relative)).parent_path());
    std::ofstream(path(relative), std::ios::binary) << bytes;
  }
  void make_dir(const std::string& relative) {
    std::filesystem::create_directories(path(relative));
  }
  std::shared_ptr<void> fail_next_write() { return std::make_shared<FileSizeLimit>(0); }

 private:
  ScopedTempDir dir_;
  io::RealFileSystem fs_;
};

template <typename Env>
class FileSystemContract : public ::testing::Test {
 protected:
  FileSystem& fs() { return env_.fs(); }
  std::string path(const std::string& relative) const { return env_.path(relative); }
  Env env_;
};

struct EnvNames {
  template <typename Env>
  static std::string GetName(int) {
    return Env::kName;
  }
};
using Envs = ::testing::Types<MemoryEnv, RealEnv>;
TYPED_TEST_SUITE(FileSystemContract, Envs, EnvNames);

TYPED_TEST(FileSystemContract, ReadReturnsTheBytesWritten) {
  const std::string bytes("line one\r\nnul \0 byte, \xff\xfe not UTF-8\n", 36);
  ASSERT_OK(this->fs().write_atomic(this->path("data/a.bin"), bytes));
  const auto read = this->fs().read(this->path("data/a.bin"));
  ASSERT_OK(read);
  EXPECT_EQ(*read, bytes);
}

TYPED_TEST(FileSystemContract, EmptyAndLargeFilesRoundTrip) {
  const std::string large(1 << 20, 'x');
  ASSERT_OK(this->fs().write_atomic(this->path("empty.txt"), ""));
  ASSERT_OK(this->fs().write_atomic(this->path("large.txt"), large));
  EXPECT_EQ(this->fs().read(this->path("empty.txt")).value_or("missing"), "");
  EXPECT_EQ(this->fs().read(this->path("large.txt")).value_or(""), large);
}

TYPED_TEST(FileSystemContract, WriteReplacesTheWholeOldContent) {
  ASSERT_OK(this->fs().write_atomic(this->path("README.md"), "a much longer first version\n"));
  ASSERT_OK(this->fs().write_atomic(this->path("README.md"), "short\n"));
  EXPECT_EQ(this->fs().read(this->path("README.md")).value_or(""), "short\n");
}

TYPED_TEST(FileSystemContract, WriteCreatesMissingParentFolders) {
  ASSERT_OK(this->fs().write_atomic(this->path("state/deep/er/last_run.json"), "{}"));
  EXPECT_TRUE(this->fs().exists(this->path("state/deep/er")));
  EXPECT_TRUE(this->fs().exists(this->path("state/deep/er/last_run.json")));
  EXPECT_EQ(this->fs().read(this->path("state/deep/er/last_run.json")).value_or(""), "{}");
}

TYPED_TEST(FileSystemContract, EquivalentPathsNameTheSameFile) {
  ASSERT_OK(this->fs().write_atomic(this->path("data/./x/../a.txt"), "same"));
  EXPECT_EQ(this->fs().read(this->path("data/a.txt")).value_or(""), "same");
}

TYPED_TEST(FileSystemContract, ExistsForFilesAndFoldersOnly) {
  this->env_.put("data/a.jsonl", "{}\n");
  EXPECT_TRUE(this->fs().exists(this->path("data/a.jsonl")));
  EXPECT_TRUE(this->fs().exists(this->path("data")));
  EXPECT_FALSE(this->fs().exists(this->path("data/b.jsonl")));
  EXPECT_FALSE(this->fs().exists(this->path("nowhere/b.jsonl")));
}

TYPED_TEST(FileSystemContract, ReadingAMissingFileIsAnIoErrorNamingPathAndReason) {
  const std::string missing = this->path("state/last_run.json");
  const auto read = this->fs().read(missing);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::io);
  EXPECT_EQ(read.error().message, "read " + missing + ": No such file or directory");
}

TYPED_TEST(FileSystemContract, ReadingAFolderIsAnIoError) {
  this->env_.make_dir("data");
  const auto read = this->fs().read(this->path("data"));
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::io);
  EXPECT_EQ(read.error().message, "read " + this->path("data") + ": Is a directory");
}

TYPED_TEST(FileSystemContract, StatGivesTheSizeOfWhatWasWritten) {
  ASSERT_OK(this->fs().write_atomic(this->path("data/a.jsonl"), "12345"));
  const auto stat = this->fs().stat(this->path("data/a.jsonl"));
  ASSERT_OK(stat);
  EXPECT_EQ(stat->size, 5u);
  EXPECT_GT(stat->modified_ns, 0);
}

// The modification time is as fine as the file system keeps it, so two writes in one tick may
// share it; what a caller can rely on is that time never goes back and a new size shows.
TYPED_TEST(FileSystemContract, ARewriteShowsItsSizeAndNeverAnEarlierTime) {
  ASSERT_OK(this->fs().write_atomic(this->path("data/a.jsonl"), "four"));
  const auto first = this->fs().stat(this->path("data/a.jsonl"));
  ASSERT_OK(this->fs().write_atomic(this->path("data/a.jsonl"), "longer"));
  const auto second = this->fs().stat(this->path("data/a.jsonl"));
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_NE(*first, *second);
  EXPECT_EQ(second->size, 6u);
  EXPECT_GE(second->modified_ns, first->modified_ns);
}

TYPED_TEST(FileSystemContract, StatOfAMissingFileOrAFolderIsAnIoError) {
  this->env_.make_dir("data");
  const auto missing = this->fs().stat(this->path("data/none.jsonl"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::io);
  EXPECT_THAT(missing.error().message, HasSubstr(this->path("data/none.jsonl")));
  const auto folder = this->fs().stat(this->path("data"));
  ASSERT_FALSE(folder.has_value());
  EXPECT_EQ(folder.error().code, ErrorCode::io);
}

TYPED_TEST(FileSystemContract, ListReturnsFullPathsSortedByName) {
  for (const char* name : {"2026-02-12.jsonl", "2026-02-10.jsonl", "2026-02-11.jsonl"}) {
    ASSERT_OK(this->fs().write_atomic(this->path("data/") + name, "{}\n"));
  }
  const auto listed = this->fs().list(this->path("data"), ".jsonl");
  ASSERT_OK(listed);
  EXPECT_EQ(*listed, (std::vector<std::string>{this->path("data/2026-02-10.jsonl"),
                                               this->path("data/2026-02-11.jsonl"),
                                               this->path("data/2026-02-12.jsonl")}));
}

TYPED_TEST(FileSystemContract, ListKeepsOnlyRegularFilesDirectlyInTheFolderWithTheSuffix) {
  this->env_.put("feeds/b.xml", "<rss/>");
  this->env_.put("feeds/a.xml", "<rss/>");
  this->env_.put("feeds/notes.txt", "x");
  this->env_.put("feeds/xml", "no dot");
  this->env_.put("feeds/a.xml.bak", "old");
  this->env_.put("feeds/old/c.xml", "<rss/>");
  this->env_.make_dir("feeds/folder.xml");
  const auto listed = this->fs().list(this->path("feeds"), ".xml");
  ASSERT_OK(listed);
  EXPECT_EQ(*listed,
            (std::vector<std::string>{this->path("feeds/a.xml"), this->path("feeds/b.xml")}));

  const auto all = this->fs().list(this->path("feeds"), "");
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 5U);
}

TYPED_TEST(FileSystemContract, ListingAnEmptyFolderReturnsNothing) {
  this->env_.make_dir("empty");
  const auto listed = this->fs().list(this->path("empty"), ".jsonl");
  ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
}

TYPED_TEST(FileSystemContract, ListingAMissingFolderIsAnIoError) {
  const auto listed = this->fs().list(this->path("data"), ".jsonl");
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::io);
  EXPECT_EQ(listed.error().message, "list " + this->path("data") + ": No such file or directory");
}

TYPED_TEST(FileSystemContract, ListingAFileIsAnIoError) {
  this->env_.put("data", "a file");
  const auto listed = this->fs().list(this->path("data"), "");
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::io);
  EXPECT_EQ(listed.error().message, "list " + this->path("data") + ": Not a directory");
}

TYPED_TEST(FileSystemContract, FailedWriteKeepsTheOldContentAndLeavesNoTemporaryFile) {
  this->env_.put("out/README.md", "the last good digest\n");
  {
    const auto failing = this->env_.fail_next_write();
    const auto written = this->fs().write_atomic(this->path("out/README.md"), "a new digest\n");
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::io);
    EXPECT_THAT(written.error().message, HasSubstr("write " + this->path("out/README.md") + ": "));
  }
  EXPECT_EQ(this->fs().read(this->path("out/README.md")).value_or(""), "the last good digest\n");
  EXPECT_EQ(this->fs().list(this->path("out"), "").value_or(std::vector<std::string>{}),
            std::vector<std::string>{this->path("out/README.md")});
}

TYPED_TEST(FileSystemContract, FailedWriteOfANewFileCreatesNothing) {
  this->env_.make_dir("out");
  {
    const auto failing = this->env_.fail_next_write();
    ASSERT_FALSE(this->fs().write_atomic(this->path("out/new.json"), "{}"));
  }
  EXPECT_FALSE(this->fs().exists(this->path("out/new.json")));
  EXPECT_TRUE(
      this->fs().list(this->path("out"), "").value_or(std::vector<std::string>{"error"}).empty());
}

TYPED_TEST(FileSystemContract, WriteOverAFolderFailsAndKeepsTheFolder) {
  this->env_.put("README.md/inside.txt", "kept");
  const auto written = this->fs().write_atomic(this->path("README.md"), "digest");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::io);
  EXPECT_THAT(written.error().message, HasSubstr("write " + this->path("README.md") + ": "));
  EXPECT_EQ(this->fs().read(this->path("README.md/inside.txt")).value_or(""), "kept");
}

TYPED_TEST(FileSystemContract, WriteBelowAFileFailsAndKeepsTheFile) {
  this->env_.put("data", "a file where a folder should be");
  const auto written = this->fs().write_atomic(this->path("data/2026-02-12.jsonl"), "{}\n");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::io);
  EXPECT_THAT(written.error().message, HasSubstr(this->path("data/2026-02-12.jsonl")));
  EXPECT_EQ(this->fs().read(this->path("data")).value_or(""), "a file where a folder should be");
}

}  // namespace
}  // namespace arxiv_digest::testing
