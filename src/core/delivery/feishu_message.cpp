// Placeholder: being written (see include/arxiv_digest/chat_messages.hpp for the contract).
#include "arxiv_digest/chat_messages.hpp"

namespace arxiv_digest {

std::string feishu_sign(std::int64_t, std::string_view) { return {}; }
std::vector<std::string> feishu_messages(const DeliveryDigest&, const std::optional<FeishuSignature>&) { return {}; }
ChatReply read_feishu_reply(int, std::string_view) { return {}; }

}  // namespace arxiv_digest
