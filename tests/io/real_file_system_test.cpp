// What the contract suite cannot say for every file system: temp files, modes, permissions,
// crash leftovers and concurrent writers of the real adapter.

#include "io/real_file_system.hpp"

#include <gmock/gmock.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::io {
namespace {

using ::arxiv_digest::testing::ScopedTempDir;
using ::testing::HasSubstr;

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class RealFileSystemTest : public ::testing::Test {
 protected:
  ScopedTempDir dir_;
  RealFileSystem fs_;
};

TEST_F(RealFileSystemTest, WriteLeavesOnlyTheTargetBehind) {
  ASSERT_OK(fs_.write_atomic(dir_ / "README.md", "one"));
  ASSERT_OK(fs_.write_atomic(dir_ / "README.md", "two"));
  EXPECT_EQ(names_in(dir_.path()), std::vector<std::string>{"README.md"});
}

TEST_F(RealFileSystemTest, NewFileModeIsTheUsualOneMinusUmask) {
  const mode_t previous = ::umask(022);
  const auto written = fs_.write_atomic(dir_ / "README.md", "digest");
  ::umask(previous);
  ASSERT_OK(written);
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "README.md").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644U);  // not mkstemp's 0600
}

TEST_F(RealFileSystemTest, CrashLeftoverTemporaryFilesNeverMatchTheSuffix) {
  std::filesystem::create_directories(dir_ / "data");
  std::ofstream(dir_ / "data/.2026-02-12.jsonl.tmp-0123456789abcdef") << "half";
  ASSERT_OK(fs_.write_atomic(dir_ / "data/2026-02-12.jsonl", "{}\n"));
  const auto listed = fs_.list(dir_ / "data", ".jsonl");
  ASSERT_OK(listed);
  EXPECT_EQ(*listed, std::vector<std::string>{dir_ / "data/2026-02-12.jsonl"});
}

TEST_F(RealFileSystemTest, ListFollowsSymlinksToFilesAndSkipsDanglingOnes) {
  std::ofstream(dir_ / "real.xml") << "<rss/>";
  std::filesystem::create_directories(dir_ / "feeds");
  std::filesystem::create_symlink(dir_ / "real.xml", dir_ / "feeds/linked.xml");
  std::filesystem::create_symlink(dir_ / "gone.xml", dir_ / "feeds/dangling.xml");
  const auto listed = fs_.list(dir_ / "feeds", ".xml");
  ASSERT_OK(listed);
  EXPECT_EQ(*listed, std::vector<std::string>{dir_ / "feeds/linked.xml"});
}

TEST_F(RealFileSystemTest, RelativePathsWork) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  const auto written = fs_.write_atomic("README.md", "digest");
  const auto read = fs_.read("README.md");
  const auto listed = fs_.list(".", ".md");
  std::filesystem::current_path(previous);
  ASSERT_OK(written);
  EXPECT_EQ(read.value_or(""), "digest");
  EXPECT_EQ(listed.value_or(std::vector<std::string>{}), std::vector<std::string>{"./README.md"});
}

TEST_F(RealFileSystemTest, UnwritableFolderIsAPermissionError) {
  std::filesystem::create_directories(dir_ / "locked");
  std::ofstream(dir_ / "locked/README.md") << "old";
  std::filesystem::permissions(
      dir_ / "locked", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  if (::access((dir_ / "locked").c_str(), W_OK) == 0) {
    GTEST_SKIP() << "running with privileges that ignore folder permissions (root?)";
  }
  const auto written = fs_.write_atomic(dir_ / "locked/README.md", "new");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::io);
  EXPECT_EQ(written.error().message,
            "write " + (dir_ / "locked/README.md") + ": Permission denied");
  EXPECT_EQ(fs_.read(dir_ / "locked/README.md").value_or(""), "old");
}

TEST_F(RealFileSystemTest, ReadersSeeTheOldOrTheNewContentNeverAMix) {
  const std::string first(64 * 1024, 'a');
  const std::string second(96 * 1024, 'b');
  const std::string path = dir_ / "README.md";
  ASSERT_OK(fs_.write_atomic(path, first));
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    while (!done) {
      const auto read = fs_.read(path);
      if (!read || (*read != first && *read != second)) {
        ++torn;
      }
    }
  });
  for (int i = 0; i < 20; ++i) {
    ASSERT_OK(fs_.write_atomic(path, i % 2 == 0 ? second : first));
  }
  done = true;
  reader.join();
  EXPECT_EQ(torn, 0);
}

}  // namespace
}  // namespace arxiv_digest::io
