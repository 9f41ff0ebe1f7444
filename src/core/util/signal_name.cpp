#include "core/util/signal_name.hpp"

#include <csignal>

namespace arxiv_digest {

std::string signal_name(int number) {
  switch (number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(number);
  }
}

}  // namespace arxiv_digest
