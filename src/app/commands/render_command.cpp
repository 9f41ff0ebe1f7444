#include "app/commands/render_command.hpp"

#include <spdlog/spdlog.h>

#include "app/template_loader.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/papers_file.hpp"
#include "arxiv_digest/readme.hpp"

namespace arxiv_digest::app {

ExitCode render(const RenderOptions& options, Ports& ports) {
  if (options.papers_path.empty()) {
    spdlog::error("render needs --papers FILE.json");
    return ExitCode::usage;
  }
  auto text = ports.fs.read(options.papers_path);
  if (!text) {
    spdlog::error("{}", text.error().message);
    return ExitCode::failed;
  }
  auto papers = parse_papers_file(*text, options.papers_path);
  if (!papers) {
    spdlog::error("{}", papers.error().message);
    return ExitCode::failed;
  }
  ReadmeTemplates templates = builtin_readme_templates();
  if (!options.config_path.empty() &&
      (options.config_named || ports.fs.exists(options.config_path))) {
    auto workspace = load_workspace(ports.fs, options.config_path);
    if (!workspace) {
      spdlog::error("{}", workspace.error().message);
      return ExitCode::usage;
    }
    auto loaded = load_readme_templates(ports.fs, *workspace);
    if (!loaded) {
      spdlog::error("{}", loaded.error().message);
      return ExitCode::failed;
    }
    templates = std::move(loaded.value());
  }
  ReadmeView view;
  view.last_updated = papers->last_updated;
  view.digest_date = papers->last_updated.substr(0, 10);
  view.categories = papers->categories;
  view.keywords = papers->keywords;
  view.status_line = "rendered from " + options.papers_path;
  view.entries = std::move(papers->entries);
  auto readme = render_readme(view, templates);
  if (!readme) {
    spdlog::error("{}", readme.error().message);
    return ExitCode::failed;
  }
  if (auto written = ports.fs.write_atomic(options.output, *readme); !written) {
    spdlog::error("{}", written.error().message);
    return ExitCode::failed;
  }
  spdlog::info("rendered {} papers to {}", view.entries.size(), options.output);
  return ExitCode::ok;
}

}  // namespace arxiv_digest::app
