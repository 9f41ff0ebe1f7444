// Placeholder: being written (see include/arxiv_digest/chat_messages.hpp for the contract).
#include "arxiv_digest/chat_messages.hpp"

namespace arxiv_digest {

std::vector<std::string> slack_messages(const DeliveryDigest& ) { return {}; }
ChatReply read_slack_reply(int, std::string_view) { return {}; }

}  // namespace arxiv_digest
