#include "app/commands/fetch_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/http/polite_http_client.hpp"
#include "app/sources/api_source.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"

namespace arxiv_digest::app {

ExitCode fetch(const FetchOptions& options, Ports& ports, std::ostream& out) {
  if (options.ids.empty()) {
    spdlog::error("fetch needs --id ID[,ID...]");
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  PoliteHttpClient polite(ports.http, ports.clock, arxiv_politeness(workspace->config.source));
  auto papers = fetch_by_id(workspace->config, options.ids, polite);
  if (!papers) {
    spdlog::error("{}", papers.error().message);
    return ExitCode::failed;
  }
  for (const auto& id : options.ids) {
    const bool found = std::any_of(papers->begin(), papers->end(), [&](const Paper& p) {
      return p.id == id || versioned_id(p) == id;
    });
    if (!found) {
      spdlog::warn("{}: not found on arXiv", id);
    }
  }
  out << write_papers_json(*papers);
  return papers->empty() ? ExitCode::failed : ExitCode::ok;
}

}  // namespace arxiv_digest::app
