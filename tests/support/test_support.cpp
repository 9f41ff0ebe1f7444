#include "support/test_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace arxiv_digest::testing {

std::string prompt_title(const std::string& request_body) {
  const auto body = nlohmann::json::parse(request_body, nullptr, false);
  if (!body.is_object()) {
    return "";
  }
  for (const auto& message : body.value("messages", nlohmann::json::array())) {
    const std::string content = message.value("content", "");
    const auto start = content.find("<title>");
    const auto end = content.find("</title>", start);
    if (start != std::string::npos && end != std::string::npos) {
      return content.substr(start + 7, end - start - 7);
    }
  }
  return "";
}

std::optional<std::string> shared_data_dir() {
  const char* from_env = std::getenv("ARXIV_DIGEST_DATA_DIR");
  const std::string dir = (from_env != nullptr && *from_env != '\0')
                              ? std::string(from_env)
                              : std::string(ARXIV_DIGEST_DATA_DIR_DEFAULT);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return std::nullopt;
  }
  return dir;
}

std::string fixture_path(const std::string& relative) {
  return std::string(ARXIV_DIGEST_FIXTURES_DIR) + "/" + relative;
}

std::string source_path(const std::string& relative) {
  return std::string(ARXIV_DIGEST_SOURCE_DIR) + "/" + relative;
}

std::vector<ArchiveRecord> ranked_records(int count) {
  std::vector<ArchiveRecord> records;
  for (int i = 1; i <= count; ++i) {
    ArchiveRecord record;
    record.digest_date = "2026-02-12";
    record.rank = i;
    record.paper.id = "2602." + std::to_string(10000 + i);
    record.paper.title = "Paper " + std::to_string(i);
    record.paper.abstract = "Abstract " + std::to_string(i);
    records.push_back(record);
  }
  return records;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string first_difference(const std::string& expected, const std::string& actual) {
  if (expected == actual) {
    return "";
  }
  std::istringstream e(expected);
  std::istringstream a(actual);
  std::string el;
  std::string al;
  for (int line = 1;; ++line) {
    const bool has_e = static_cast<bool>(std::getline(e, el));
    const bool has_a = static_cast<bool>(std::getline(a, al));
    if (!has_e && !has_a) {
      return "texts differ only in their final newline";
    }
    if (!has_e || !has_a || el != al) {
      std::ostringstream msg;
      msg << "first difference at line " << line
          << "\n  expected: " << (has_e ? el : "<end of text>")
          << "\n  actual:   " << (has_a ? al : "<end of text>");
      return msg.str();
    }
  }
}

std::string nested_json_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace arxiv_digest::testing
