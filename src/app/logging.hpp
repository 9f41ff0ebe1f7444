#pragma once

namespace arxiv_digest::app {

enum class Verbosity { quiet, normal, verbose };

// Sets up spdlog's default logger once, from main: stderr, "arxiv-digest: message" at info;
// --verbose adds time and level and enables debug; --quiet shows warnings and errors only.
void init_logging(Verbosity verbosity);

}  // namespace arxiv_digest::app
