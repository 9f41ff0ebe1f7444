// Placeholder: being written (see include/arxiv_digest/chat_messages.hpp for the contract).
#include "arxiv_digest/chat_messages.hpp"

namespace arxiv_digest {

std::vector<std::string> telegram_messages(const DeliveryDigest&, std::string_view ) { return {}; }
ChatReply read_telegram_reply(int, std::string_view) { return {}; }

}  // namespace arxiv_digest
