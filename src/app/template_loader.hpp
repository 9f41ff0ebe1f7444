#pragma once
// Finding templates: a `templates/` folder next to config.json overrides the built-in ones.

#include <string>

#include "app/workspace.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/readme.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::app {

// templates/<name> next to config.json if present, else the copy built into the binary.
Result<std::string> load_template(FileSystem& fs, const Workspace& workspace,
                                  const std::string& name);

Result<ReadmeTemplates> load_readme_templates(FileSystem& fs, const Workspace& workspace);

// The built-in README templates (for commands run without a config).
ReadmeTemplates builtin_readme_templates();

}  // namespace arxiv_digest::app
