#pragma once

#include <string>

namespace arxiv_digest {

// "SIGINT", "SIGTERM", else "signal N": for messages about a StopRequest.
std::string signal_name(int number);

}  // namespace arxiv_digest
