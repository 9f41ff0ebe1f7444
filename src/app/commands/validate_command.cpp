#include "app/commands/validate_command.hpp"

#include <spdlog/spdlog.h>

#include "app/delivery/delivery_check.hpp"
#include "app/workspace.hpp"

namespace arxiv_digest::app {

ExitCode validate(const ValidateOptions& options, Ports& ports, std::ostream& out) {
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  const Config& c = workspace->config;
  out << options.config_path << ": OK (" << c.categories.size() << " categories, "
      << c.keywords.size() << " keywords, match " << to_string(c.match) << ", max_papers "
      << c.max_papers << ")\n";
  bool usable = true;
  for (const DeliveryCheck& check : check_delivery(c.delivery, options.env)) {
    out << check.line << "\n";
    usable = usable && !check.error;
  }
  return usable ? ExitCode::ok : ExitCode::usage;
}

}  // namespace arxiv_digest::app
