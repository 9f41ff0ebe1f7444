#include "app/app_fixture.hpp"

#include "support/test_support.hpp"

namespace arxiv_digest::testing {

std::string basic_config_json() {
  return R"({
  "categories": ["cs.AI", "cs.LG"],
  "keywords": ["LLM", {"term": "inference", "weight": 2}, "kv cache"],
  "exclude_keywords": ["survey"],
  "max_papers": 10,
  "days_back": 3
})";
}

void AppTest::SetUp() {
  fs_.add_file(path("config.json"), basic_config_json());
  // 2026-02-12 06:46:51 UTC, the seed digest's "Last Updated".
  clock_.set_now(FakeClock::default_start() + std::chrono::hours(6) + std::chrono::minutes(46) +
                 std::chrono::seconds(51));
}

std::string AppTest::file(const std::string& relative) const {
  const auto bytes = fs_.contents(path(relative));
  EXPECT_TRUE(bytes.has_value()) << "missing " << path(relative);
  return bytes.value_or("");
}

std::optional<app::HistoryStore> AppTest::open_history_store() {
  auto workspace = app::load_workspace(fs_, path("config.json"));
  EXPECT_OK(workspace);
  if (!workspace) {
    return std::nullopt;
  }
  auto history = app::HistoryStore::open(ports_, *workspace);
  EXPECT_OK(history);
  return history ? std::optional<app::HistoryStore>(std::move(history.value())) : std::nullopt;
}

}  // namespace arxiv_digest::testing
