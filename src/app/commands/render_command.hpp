#pragma once
// `arxiv-digest render`: a README from a digest's papers JSON (the seeds' *.papers.json shape).

#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct RenderOptions {
  std::string papers_path;
  std::string output = "README.md";
  // Its templates/ folder overrides the built-in templates. Missing: an error when named
  // (config_named), else the built-in templates are used.
  std::string config_path = "config.json";
  bool config_named = false;
};

ExitCode render(const RenderOptions& options, Ports& ports);

}  // namespace arxiv_digest::app
