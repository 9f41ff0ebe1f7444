#include "app/sources/offline_source.hpp"

namespace arxiv_digest::app {

Result<FeedSet> read_offline_feeds(FileSystem& fs, const std::string& dir,
                                   const std::vector<std::string>& categories) {
  auto files = fs.list(dir, ".xml");
  if (!files) {
    return Error{ErrorCode::io, "--offline " + dir + ": " + files.error().message};
  }
  if (files->empty()) {
    return Error{ErrorCode::io, "--offline " + dir + ": no *.xml feed files in this folder"};
  }
  FeedCollector collector;
  for (const auto& path : *files) {
    auto bytes = fs.read(path);
    if (!bytes) {
      return bytes.error();
    }
    SourceStatus source;
    source.name = path;
    if (auto added = collector.add(std::move(source), *bytes); !added) {
      return added.error();
    }
  }
  return std::move(collector).finish(categories);
}

}  // namespace arxiv_digest::app
