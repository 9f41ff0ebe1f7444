#include "app/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace arxiv_digest::app {

void init_logging(Verbosity verbosity) {
  auto logger = spdlog::stderr_color_mt("arxiv-digest");
  switch (verbosity) {
    case Verbosity::quiet:
      logger->set_level(spdlog::level::warn);
      logger->set_pattern("arxiv-digest: %^%l%$: %v");
      break;
    case Verbosity::normal:
      logger->set_level(spdlog::level::info);
      logger->set_pattern("arxiv-digest: %^%v%$");
      break;
    case Verbosity::verbose:
      logger->set_level(spdlog::level::debug);
      logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
      break;
  }
  spdlog::set_default_logger(logger);
}

}  // namespace arxiv_digest::app
