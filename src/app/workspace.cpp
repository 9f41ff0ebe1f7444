#include "app/workspace.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

namespace arxiv_digest::app {

std::string Workspace::resolve(const std::string& path) const {
  const std::filesystem::path p(path);
  if (p.is_absolute()) {
    return path;
  }
  return (std::filesystem::path(root) / p).lexically_normal().string();
}

Result<Workspace> load_workspace(FileSystem& fs, const std::string& config_path) {
  auto text = fs.read(config_path);
  if (!text) {
    return Error{ErrorCode::invalid_config,
                 "cannot read config " + config_path + ": " + text.error().message +
                     " (pass --config PATH, or run from the folder that holds config.json)"};
  }
  auto config = parse_config(*text, config_path);
  if (!config) {
    return config.error();
  }
  for (const auto& note : config->notes) {
    spdlog::info("{}: {}", config_path, note);
  }
  // With --verbose, what the run really uses: defaults filled in, legacy keys resolved. The config
  // holds only the API key's variable name, so this never shows the key.
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("{}: effective config:\n{}", config_path, write_config(*config));
  }
  Workspace workspace;
  workspace.config = std::move(config.value());
  workspace.config_path = config_path;
  const auto parent = std::filesystem::path(config_path).parent_path();
  workspace.root = parent.empty() ? "." : parent.string();
  return workspace;
}

}  // namespace arxiv_digest::app
