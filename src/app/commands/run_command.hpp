#pragma once
// `arxiv-digest run`: checks the options, loads config.json and runs the pipeline
// (app/pipeline/run_pipeline.hpp).

#include "app/exit_code.hpp"
#include "app/pipeline/run_pipeline.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

// Exit codes: ok (also when nothing is new), partial when some sources failed, failed when the
// run could not be done (nothing replaced), usage for bad options or config.
ExitCode run(const RunOptions& options, Ports& ports);

}  // namespace arxiv_digest::app
