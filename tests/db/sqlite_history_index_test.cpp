// What only the SQLite index does: tell its own file from a damaged, foreign or other-version
// one, and share the file with another process (a second writer waits on the Clock, then fails
// clearly, and never damages what the first wrote).

#include "db/sqlite_history_index.hpp"

#include <gmock/gmock.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fakes/fake_clock.hpp"
#include "support/scoped_temp_dir.hpp"

namespace arxiv_digest::db {
namespace {

using testing::FakeClock;
using ::testing::HasSubstr;
using testing::ScopedTempDir;
using ::testing::SizeIs;

ArchiveRecord record(const std::string& day, int n) {
  ArchiveRecord r;
  r.digest_date = day;
  r.rank = n;
  r.paper.id = "2602." + std::to_string(10000 + n);
  r.paper.title = "Paper " + std::to_string(n) + " on sparse attention kernels";
  r.paper.abstract = "We study attention number " + std::to_string(n) + " in long contexts.";
  r.paper.link = "https://arxiv.org/abs/" + r.paper.id;
  r.paper.published = day;
  return r;
}

std::vector<ArchiveRecord> day_of(const std::string& day, int count) {
  std::vector<ArchiveRecord> records;
  for (int n = 1; n <= count; ++n) {
    records.push_back(record(day, n));
  }
  return records;
}

ArchiveStamp stamp(const std::string& day) { return ArchiveStamp{day, FileStat{10, 7}, "h"}; }

// A raw connection of "another process": holds locks and edits pragmas behind the index's back.
class OtherProcess {
 public:
  explicit OtherProcess(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  }
  ~OtherProcess() { sqlite3_close(db_); }
  OtherProcess(const OtherProcess&) = delete;
  OtherProcess& operator=(const OtherProcess&) = delete;
  void exec(const std::string& sql) {
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

// A clock that runs `on_sleep` at each sleep (a lock released while the index waits).
class ActingClock final : public Clock {
 public:
  std::function<void(int)> on_sleep;
  std::chrono::system_clock::time_point now() override { return clock_.now(); }
  void sleep(std::chrono::milliseconds duration) override {
    clock_.sleep(duration);
    if (on_sleep) {
      on_sleep(++sleeps_);
    }
  }

 private:
  FakeClock clock_;
  int sleeps_ = 0;
};

class SqliteHistoryIndexTest : public ::testing::Test {
 protected:
  ScopedTempDir dir_;
  FakeClock clock_;
  std::string path_ = dir_ / "state/index/history.sqlite";

  void write_file(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  }
  // An index with `days` days of 40 records, closed.
  void build(int days) {
    SqliteHistoryIndex index(clock_);
    ASSERT_TRUE(index.open(path_));
    for (int d = 1; d <= days; ++d) {
      const std::string day = "2026-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      ASSERT_TRUE(index.put_day(stamp(day), day_of(day, 40)));
    }
  }
  // The first error an index at path_ gives on open and a read of everything, if any.
  std::optional<Error> first_error() {
    SqliteHistoryIndex index(clock_);
    if (auto opened = index.open(path_); !opened) {
      return opened.error();
    }
    auto stamps = index.stamps();
    if (!stamps) {
      return stamps.error();
    }
    for (const auto& s : *stamps) {
      if (auto records = index.day_records(s.day); !records) {
        return records.error();
      }
    }
    if (auto related = index.related(record("2026-03-01", 1).paper, RelatedOptions{}); !related) {
      return related.error();
    }
    return std::nullopt;
  }
};

TEST_F(SqliteHistoryIndexTest, RandomBytesAreADamagedIndex) {
  std::filesystem::create_directories(dir_ / "state/index");
  std::mt19937 random(42);
  std::string bytes(8192, '\0');
  for (auto& byte : bytes) {
    byte = static_cast<char>(random() & 0xFF);
  }
  write_file(bytes);
  const auto error = first_error();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::malformed_input);
  EXPECT_THAT(error->message, HasSubstr(path_));
}

TEST_F(SqliteHistoryIndexTest, ATruncatedIndexIsADamagedIndex) {
  build(5);
  const auto size = std::filesystem::file_size(path_);
  ASSERT_GT(size, 8192u);
  std::filesystem::resize_file(path_, size / 2);
  const auto error = first_error();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::malformed_input);
  EXPECT_THAT(error->message, HasSubstr(path_));
}

TEST_F(SqliteHistoryIndexTest, AnotherSqliteFileIsNotTakenForTheIndex) {
  std::filesystem::create_directories(dir_ / "state/index");
  {
    OtherProcess other(path_);
    other.exec("CREATE TABLE notes(text TEXT)");
  }
  const auto error = first_error();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::malformed_input);
  EXPECT_THAT(error->message, HasSubstr("not an arxiv-digest history index"));
}

TEST_F(SqliteHistoryIndexTest, AnotherFormatVersionIsNotReadAsThisOne) {
  build(1);
  {
    OtherProcess other(path_);
    other.exec("PRAGMA user_version = 99");
  }
  const auto error = first_error();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::malformed_input);
  EXPECT_THAT(error->message, HasSubstr("index format 99, this one reads 2"));
}

TEST_F(SqliteHistoryIndexTest, ResetMakesADamagedFileASoundEmptyIndex) {
  build(3);
  std::filesystem::resize_file(path_, 4096);
  SqliteHistoryIndex index(clock_);
  (void)index.open(path_);  // may or may not notice the damage yet
  ASSERT_TRUE(index.reset());
  ASSERT_TRUE(index.put_day(stamp("2026-02-10"), day_of("2026-02-10", 3)));
  auto records = index.day_records("2026-02-10");
  ASSERT_TRUE(records);
  EXPECT_THAT(*records, SizeIs(3));
  EXPECT_FALSE(first_error());
}

TEST_F(SqliteHistoryIndexTest, ASecondWriterWaitsOnTheClockThenFailsClearlyAndDamagesNothing) {
  build(2);
  SqliteHistoryIndex index(clock_, std::chrono::seconds(60));
  ASSERT_TRUE(index.open(path_));
  {
    OtherProcess other(path_);
    other.exec("BEGIN IMMEDIATE");  // another run is writing
    const auto put = index.put_day(stamp("2026-02-03"), day_of("2026-02-03", 5));
    ASSERT_FALSE(put);
    EXPECT_EQ(put.error().code, ErrorCode::timeout);
    EXPECT_THAT(put.error().message, HasSubstr(path_ + ": in use by another arxiv-digest process"));
    EXPECT_GE(clock_.total_slept(), std::chrono::seconds(60));
    EXPECT_LT(clock_.total_slept(), std::chrono::seconds(61));
    // Readers are not blocked by the writer (WAL).
    auto records = index.day_records("2026-02-01");
    ASSERT_TRUE(records);
    EXPECT_THAT(*records, SizeIs(40));
    other.exec("ROLLBACK");
  }
  ASSERT_TRUE(index.put_day(stamp("2026-02-03"), day_of("2026-02-03", 5)));
  EXPECT_FALSE(first_error());
  auto stamps = index.stamps();
  ASSERT_TRUE(stamps);
  EXPECT_THAT(*stamps, SizeIs(3));
}

TEST_F(SqliteHistoryIndexTest, AWriterWhoseLockIsReleasedWhileWaitingGoesThrough) {
  build(1);
  ActingClock clock;
  SqliteHistoryIndex index(clock);
  ASSERT_TRUE(index.open(path_));
  auto other = std::make_unique<OtherProcess>(path_);
  other->exec("BEGIN IMMEDIATE");
  clock.on_sleep = [&other](int sleeps) {
    if (sleeps == 3 && other) {
      other->exec("COMMIT");
      other.reset();
    }
  };
  ASSERT_TRUE(index.put_day(stamp("2026-02-02"), day_of("2026-02-02", 5)));
  auto records = index.day_records("2026-02-02");
  ASSERT_TRUE(records);
  EXPECT_THAT(*records, SizeIs(5));
}

}  // namespace
}  // namespace arxiv_digest::db
