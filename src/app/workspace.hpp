#pragma once
// Loading config.json and resolving the paths it names (relative to the folder that holds it).

#include <string>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::app {

struct Workspace {
  Config config;
  std::string config_path;
  std::string root;  // folder of config.json

  // `path` if absolute, else root/path.
  std::string resolve(const std::string& path) const;
};

// Reads and validates config.json. A missing file is an invalid_config error (never a silent
// default: DESIGN difference 4); the legacy-key notes are logged at info, the effective config
// (write_config) at debug, which --verbose shows.
Result<Workspace> load_workspace(FileSystem& fs, const std::string& config_path);

}  // namespace arxiv_digest::app
