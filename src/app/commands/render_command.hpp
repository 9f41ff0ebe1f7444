#pragma once
// `arxiv-digest render`: a README from a digest's papers JSON (the seeds' *.papers.json shape).

#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct RenderOptions {
  std::string papers_path;
  std::string output = "README.md";
  std::string config_path;  // optional: its templates/ folder overrides the built-in templates
};

ExitCode render(const RenderOptions& options, Ports& ports);

}  // namespace arxiv_digest::app
