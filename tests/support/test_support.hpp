#pragma once
// Helpers shared by every test binary: result assertions, fixture and shared-data locations.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::testing {

// EXPECT_OK(result): passes when the Result holds a value, prints the error otherwise.
#define EXPECT_OK(expr)                                                               \
  do {                                                                                \
    const auto& result_ref_ = (expr);                                                 \
    EXPECT_TRUE(result_ref_.has_value()) << "error: " << result_ref_.error().message; \
  } while (0)
#define ASSERT_OK(expr)                                                               \
  do {                                                                                \
    const auto& result_ref_ = (expr);                                                 \
    ASSERT_TRUE(result_ref_.has_value()) << "error: " << result_ref_.error().message; \
  } while (0)

// The paper's title in a chat-completions request body: the prompt's <title> in whichever message
// holds it (PDF mode puts a fileid:// message before it; a re-ask adds messages after it); ""
// when there is none.
std::string prompt_title(const std::string& request_body);

// The shared captures folder (../shared/data): $ARXIV_DIGEST_DATA_DIR if set, else the CMake
// cache value. nullopt when the folder does not exist.
std::optional<std::string> shared_data_dir();

// Path of a file under the shared data folder, or GTEST_SKIP()s the calling test with a reason.
// Use as: const auto path = SHARED_DATA_OR_SKIP("arxiv/rss_cs.CL_2026-02-12.xml");
// (A GNU statement expression, so it carries __extension__ for -Wpedantic.)
#define SHARED_DATA_OR_SKIP(relative)                                                   \
  __extension__({                                                                       \
    const auto dir_ = ::arxiv_digest::testing::shared_data_dir();                       \
    if (!dir_) {                                                                        \
      GTEST_SKIP() << "shared data folder not found (set ARXIV_DIGEST_DATA_DIR or the " \
                      "CMake cache variable ARXIV_DIGEST_DATA_DIR); needs "             \
                   << (relative);                                                       \
    }                                                                                   \
    *dir_ + "/" + (relative);                                                           \
  })

// Our own fixtures: tests/fixtures/<relative>.
std::string fixture_path(const std::string& relative);
std::string source_path(const std::string& relative);  // repository root/<relative>

// Whole file as bytes; fails the test (ADD_FAILURE) and returns "" when unreadable.
std::string read_file(const std::string& path);

// `count` records of 2026-02-12 ranked 1..count: 2602.10001 "Paper 1" "Abstract 1", and so on.
std::vector<ArchiveRecord> ranked_records(int count);

// First differing line of two texts, both sides, for golden comparisons ("" when equal).
std::string first_difference(const std::string& expected, const std::string& actual);

// `depth` JSON arrays inside each other ("[[[]]]" for 3): a hostile document for the depth limit.
std::string nested_json_arrays(std::size_t depth);

}  // namespace arxiv_digest::testing
