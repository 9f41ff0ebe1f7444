#include "app/commands/site_command.hpp"

#include <spdlog/spdlog.h>

#include "app/history/history_store.hpp"
#include "app/site/site_writer.hpp"
#include "app/workspace.hpp"

namespace arxiv_digest::app {

ExitCode site(const SiteOptions& options, Ports& ports, std::ostream& out) {
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failed;
  }
  auto written = build_site(*history, *workspace, ports);
  if (!written) {
    spdlog::error("site: {}", written.error().message);
    return ExitCode::failed;
  }
  out << workspace->resolve(workspace->config.output.site_dir) << ": " << history->days().size()
      << " days, " << written->size() << " files written\n";
  return ExitCode::ok;
}

}  // namespace arxiv_digest::app
