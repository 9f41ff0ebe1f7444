#pragma once
// Finding templates: a `templates/` folder next to config.json overrides the installed copies
// (<prefix>/share/arxiv-digest/templates), which override the ones built into the binary.

#include <string>

#include "app/workspace.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/readme.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::app {

// templates/<name> next to config.json if present, else <installed_dir>/<name> if present, else
// the copy built into the binary. `name` may hold a folder (`prompts/summary.md.mustache`).
Result<std::string> load_template(FileSystem& fs, const Workspace& workspace,
                                  const std::string& name, const std::string& installed_dir);

// The same with installed_dir = installed_templates_dir().
Result<std::string> load_template(FileSystem& fs, const Workspace& workspace,
                                  const std::string& name);

Result<ReadmeTemplates> load_readme_templates(FileSystem& fs, const Workspace& workspace);

// The built-in README templates (for commands run without a config).
ReadmeTemplates builtin_readme_templates();

// Where `cmake --install` put the default templates, found from the running executable
// (<prefix>/bin/arxiv-digest → <prefix>/share/arxiv-digest/templates), so an install moved with
// --prefix or DESTDIR still finds its own copy. "" when the executable's path cannot be read.
// A binary run from the build tree finds no such folder and uses the built-in templates.
const std::string& installed_templates_dir();

}  // namespace arxiv_digest::app
