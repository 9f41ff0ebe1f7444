#include "app/delivery/delivery_stage.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>
#include <utility>

#include "app/http/retry_policy.hpp"
#include "app/template_loader.hpp"
#include "arxiv_digest/chat_messages.hpp"
#include "arxiv_digest/delivery.hpp"
#include "arxiv_digest/delivery_ledger.hpp"
#include "arxiv_digest/digest_json.hpp"
#include "arxiv_digest/email_message.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;

// Between two messages of one channel: Slack and Telegram ask for about one per second.
constexpr milliseconds kMessageSpacing{1000};
const RetryOptions kRetry{4, milliseconds(1000), milliseconds(60000), milliseconds(300000)};

// One channel's messages, ready to go.
struct Outgoing {
  std::string channel;
  std::vector<HttpRequest> posts;   // chat channels and the webhook
  std::optional<MailRequest> mail;  // email
  ChatReply (*read_reply)(int, std::string_view) = nullptr;
  std::vector<std::string> secrets;  // redacted from anything said about it
  std::string target;                // what a dry run shows instead of the URL
  std::string skipped;               // why the channel sends nothing ("" = it sends)
  std::string failure;               // why its messages could not even be built

  std::size_t count() const { return mail ? 1 : posts.size(); }
};

// What one attempt at one message came to.
struct Attempt {
  bool delivered = false;
  bool retry = false;
  std::optional<milliseconds> wait;  // asked for by the answer
  std::string reason;
};

struct Context {
  const DeliveryRequest& request;
  const Workspace& workspace;
  Ports& ports;
  const DeliveryDigest& digest;
  const std::vector<ArchiveRecord>& records;
};

std::string not_set(const std::string& variable) {
  return variable + " is not set (add it as a repository secret, or remove the channel)";
}

HttpRequest json_post(std::string url, std::string body, milliseconds timeout) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = std::move(body);
  request.timeout = timeout;
  return request;
}

// A chat channel whose URL (or token) comes from `variable`; in a dry run an unset one shows as
// the variable's name.
Outgoing chat_channel(const Context& context, std::string channel, const std::string& variable,
                      ChatReply (*read_reply)(int, std::string_view)) {
  Outgoing out;
  out.channel = std::move(channel);
  out.read_reply = read_reply;
  out.target = "$" + variable;
  const auto secret = secret_from(context.request.env, variable);
  if (secret) {
    out.secrets.push_back(*secret);
  } else if (!context.request.dry_run) {
    out.skipped = not_set(variable);
  }
  if (context.digest.papers.empty()) {
    out.skipped = "no new papers";
  }
  return out;
}

void add_posts(Outgoing& out, const std::string& url, const std::vector<std::string>& bodies,
               milliseconds timeout) {
  for (const std::string& body : bodies) {
    out.posts.push_back(json_post(url, body, timeout));
  }
}

std::string domain_of(const std::string& address) { return address.substr(address.find('@') + 1); }

Outgoing email_channel(const Context& context, const EmailDelivery& config) {
  Outgoing out;
  out.channel = "email";
  out.target = config.smtp_url;
  std::string password;
  if (!config.username.empty()) {
    const auto secret = secret_from(context.request.env, config.password_env);
    if (secret) {
      password = *secret;
      out.secrets.push_back(password);
    } else if (!context.request.dry_run) {
      out.skipped = not_set(config.password_env);
    }
  }
  if (context.digest.papers.empty() && !config.send_empty) {
    out.skipped = "no new papers (send_empty is off)";
  }
  if (!out.skipped.empty()) {
    return out;
  }
  FileSystem& fs = context.ports.fs;
  auto text = load_template(fs, context.workspace, "email.txt.mustache");
  auto html = load_template(fs, context.workspace, "email.html.mustache");
  if (!text || !html) {
    out.failure = (!text ? text.error() : html.error()).message;
    return out;
  }
  const auto now = context.ports.clock.now();
  const auto epoch_ms = std::chrono::duration_cast<milliseconds>(now.time_since_epoch()).count();
  // Unique per digest and send: the date, the content and the time, at the sender's domain.
  const std::string message_id = "<" + context.digest.date + "." + delivery_hash(context.digest) +
                                 "." + std::to_string(epoch_ms) + ".arxiv-digest@" +
                                 domain_of(config.from) + ">";
  auto message = email_message(
      context.digest, {config.from, config.to, rfc5322_date(now), message_id}, {*text, *html});
  if (!message) {
    out.failure = message.error().message;
    return out;
  }
  MailRequest mail;
  mail.url = config.smtp_url;
  mail.require_tls = config.require_tls;
  mail.from = config.from;
  mail.to = config.to;
  mail.username = config.username;
  mail.password = password;
  mail.message = std::move(message.value());
  mail.ca_file = context.request.ca_file;
  mail.timeout = 2 * context.request.timeout;
  out.mail = std::move(mail);
  if (!config.require_tls && config.smtp_url.starts_with("smtp://")) {
    spdlog::info("delivery: email: require_tls is off: plain SMTP to the loopback host {}",
                 config.smtp_url);
  }
  return out;
}

std::string or_variable(const std::optional<std::string>& secret, const std::string& variable) {
  return secret ? *secret : "$" + variable;
}

// Every configured channel, in kDeliveryChannels order (all of them, or request.only_channel).
std::vector<Outgoing> outgoing(const Context& context) {
  const DeliveryConfig& delivery = context.workspace.config.delivery;
  const EnvLookup& env = context.request.env;
  // Only the channel asked for is built: the others' messages would be rendered for nothing.
  const auto wanted = [&](std::string_view channel) {
    return context.request.only_channel.empty() || context.request.only_channel == channel;
  };
  std::vector<Outgoing> all;
  if (delivery.email && wanted("email")) {
    all.push_back(email_channel(context, *delivery.email));
  }
  if (delivery.slack && wanted("slack")) {
    const std::string& variable = delivery.slack->webhook_env;
    Outgoing out = chat_channel(context, "slack", variable, read_slack_reply);
    if (out.skipped.empty()) {
      add_posts(out, or_variable(secret_from(env, variable), variable),
                slack_messages(context.digest), context.request.timeout);
    }
    all.push_back(std::move(out));
  }
  if (delivery.discord && wanted("discord")) {
    const std::string& variable = delivery.discord->webhook_env;
    Outgoing out = chat_channel(context, "discord", variable, read_discord_reply);
    if (out.skipped.empty()) {
      // wait=true: Discord answers with the message, or with why it did not keep it.
      std::string url = or_variable(secret_from(env, variable), variable);
      url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("wait=true");
      add_posts(out, url, discord_messages(context.digest), context.request.timeout);
    }
    all.push_back(std::move(out));
  }
  if (delivery.telegram && wanted("telegram")) {
    const TelegramDelivery& telegram = *delivery.telegram;
    Outgoing out = chat_channel(context, "telegram", telegram.bot_token_env, read_telegram_reply);
    if (out.skipped.empty()) {
      std::string base = telegram.api_base;
      while (base.ends_with('/')) {
        base.pop_back();
      }
      const std::string token =
          or_variable(secret_from(env, telegram.bot_token_env), telegram.bot_token_env);
      out.target = base + "/bot$" + telegram.bot_token_env + "/sendMessage";
      add_posts(out, base + "/bot" + token + "/sendMessage",
                telegram_messages(context.digest, telegram.chat_id), context.request.timeout);
    }
    all.push_back(std::move(out));
  }
  if (delivery.feishu && wanted("feishu")) {
    const FeishuDelivery& feishu = *delivery.feishu;
    Outgoing out = chat_channel(context, "feishu", feishu.webhook_env, read_feishu_reply);
    std::optional<FeishuSignature> signature;
    if (!feishu.secret_env.empty()) {
      const auto secret = secret_from(env, feishu.secret_env);
      if (secret) {
        out.secrets.push_back(*secret);
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
            context.ports.clock.now().time_since_epoch());
        signature = FeishuSignature{seconds.count(), *secret};
      } else if (!context.request.dry_run && out.skipped.empty()) {
        out.skipped = not_set(feishu.secret_env);
      }
    }
    if (out.skipped.empty()) {
      add_posts(out, or_variable(secret_from(env, feishu.webhook_env), feishu.webhook_env),
                feishu_messages(context.digest, signature), context.request.timeout);
    }
    all.push_back(std::move(out));
  }
  if (delivery.webhook && wanted("webhook")) {
    const std::string& variable = delivery.webhook->url_env;
    Outgoing out = chat_channel(context, "webhook", variable, read_webhook_reply);
    if (out.skipped.empty()) {
      const std::string generated = iso8601_utc(context.ports.clock.now());
      add_posts(
          out, or_variable(secret_from(env, variable), variable),
          {write_digest_json(make_digest_json(context.records, context.digest.date, generated))},
          context.request.timeout);
    }
    all.push_back(std::move(out));
  }
  return all;
}

Attempt post_once(const Outgoing& out, const HttpRequest& post, HttpClient& http,
                  Result<HttpResponse>& answer) {
  answer = http.send(post);
  if (!answer) {
    return {false, is_retryable_error(answer.error().code), std::nullopt,
            redact(answer.error().message, out.secrets)};
  }
  const ChatReply reply = out.read_reply(answer->status, answer->body);
  return {reply.delivered, reply.retry, reply.retry_after, redact(reply.reason, out.secrets)};
}

Attempt mail_once(const Outgoing& out, MailSender& mail) {
  const auto sent = mail.send(*out.mail);
  if (sent) {
    return {true, false, std::nullopt, ""};
  }
  return {false, is_retryable_error(sent.error().code), std::nullopt,
          redact(sent.error().message, out.secrets)};
}

// Message `index` of `out`, with the shared retry policy; "" when delivered, else why not.
std::string send_message(const Outgoing& out, std::size_t index, Ports& ports, Jitter& jitter) {
  RetryBudget budget(kRetry);
  for (;;) {
    const int attempt = budget.begin_attempt(ports.clock.now());
    Result<HttpResponse> answer = Error{ErrorCode::network, ""};
    const Attempt result = out.mail ? mail_once(out, ports.mail)
                                    : post_once(out, out.posts[index], ports.http, answer);
    if (result.delivered) {
      return "";
    }
    if (!result.retry || budget.out_of_retries()) {
      return result.reason +
             (attempt > 1 ? " (gave up after " + std::to_string(attempt) + " attempts)" : "");
    }
    const auto now = ports.clock.now();
    const milliseconds wait =
        result.wait ? *result.wait : retry_wait(answer, now, attempt, kRetry, jitter);
    if (budget.past_deadline(now + wait)) {
      return result.reason + " (the wait asked for passes the 5 minute limit)";
    }
    spdlog::warn("delivery: {}: {}; retrying in {:.1f} s (attempt {} of {})", out.channel,
                 result.reason, static_cast<double>(wait.count()) / 1000.0, attempt + 1,
                 budget.max_attempts());
    ports.clock.sleep(wait);
  }
}

std::string dry_run_text(const Outgoing& out) {
  std::string text = "== " + out.channel + ": ";
  if (!out.skipped.empty() || !out.failure.empty()) {
    return text + "nothing to send: " + out.skipped + out.failure + "\n";
  }
  text += std::to_string(out.count()) + (out.count() == 1 ? " message" : " messages") + " to " +
          out.target + "\n";
  if (out.mail) {
    return text + out.mail->message + "\n";
  }
  for (const HttpRequest& post : out.posts) {
    text += redact(post.body, out.secrets) + "\n";
  }
  return text;
}

DeliveryStatus status_of(const std::string& channel, std::string outcome, std::size_t messages,
                         std::string detail) {
  return {channel, std::move(outcome), messages, std::move(detail)};
}

// Sends what `out` has not sent yet of this digest, recording each message in `ledger`.
DeliveryStatus deliver_channel(const Outgoing& out, const std::string& hash, DeliveryLedger& ledger,
                               const std::string& ledger_path, const Context& context,
                               Jitter& jitter) {
  const DeliveryPlan plan = plan_delivery(ledger, context.digest.date, out.channel, hash,
                                          context.workspace.config.delivery.resend_on_update);
  if (plan.action == DeliveryPlan::Action::delivered) {
    return status_of(out.channel, "already_sent", 0, "");
  }
  if (plan.action == DeliveryPlan::Action::changed) {
    return status_of(out.channel, "not_resent", 0,
                     "sent earlier with other content; delivery.resend_on_update is off");
  }
  Ports& ports = context.ports;
  std::size_t sent = 0;
  for (std::size_t index = plan.first; index < out.count(); ++index) {
    if (index > plan.first) {
      ports.clock.sleep(kMessageSpacing);
    }
    const std::string failure = send_message(out, index, ports, jitter);
    if (!failure.empty()) {
      return status_of(out.channel, "failed", sent,
                       out.count() > 1 ? "message " + std::to_string(index + 1) + " of " +
                                             std::to_string(out.count()) + ": " + failure
                                       : failure);
    }
    ++sent;
    record_delivery(ledger, {context.digest.date, out.channel, hash, index + 1, out.count(),
                             iso8601_utc(ports.clock.now())});
    if (auto saved = ports.fs.write_atomic(ledger_path, write_delivery_ledger(ledger)); !saved) {
      // Without the record a rerun would send this message again: stop here.
      return status_of(out.channel, "failed", sent, saved.error().message);
    }
  }
  return status_of(out.channel, "sent", sent, "");
}

// The sender named in the footer: the repository in GitHub Actions, else nobody.
void name_sender(DeliveryDigest& digest, const EnvLookup& env) {
  const auto repository = secret_from(env, "GITHUB_REPOSITORY");
  if (!repository) {
    return;
  }
  digest.sender = *repository;
  digest.sender_url =
      secret_from(env, "GITHUB_SERVER_URL").value_or("https://github.com") + "/" + *repository;
}

}  // namespace

bool has_delivery(const DeliveryConfig& d) {
  return d.email || d.slack || d.discord || d.telegram || d.feishu || d.webhook;
}

bool any_failed(const std::vector<DeliveryStatus>& channels) {
  return std::any_of(channels.begin(), channels.end(),
                     [](const DeliveryStatus& status) { return status.outcome == "failed"; });
}

Deliveries deliver_digest(const std::vector<ArchiveRecord>& records, const DeliveryRequest& request,
                          const Workspace& workspace, Ports& ports) {
  DeliveryDigest digest = make_delivery_digest(records, request.day, workspace.config.categories);
  name_sender(digest, request.env);
  const Context context{request, workspace, ports, digest, records};
  Deliveries out;
  const std::vector<Outgoing> channels = outgoing(context);
  if (request.dry_run) {
    for (const Outgoing& channel : channels) {
      out.dry_run_text += dry_run_text(channel);
      out.channels.push_back(
          status_of(channel.channel, channel.skipped.empty() ? "dry_run" : "skipped",
                    channel.skipped.empty() ? channel.count() : 0, channel.skipped));
    }
    return out;
  }
  const std::string ledger_path =
      workspace.resolve(workspace.config.output.state_dir) + "/deliveries.json";
  DeliveryLedger ledger;
  if (ports.fs.exists(ledger_path)) {
    auto text = ports.fs.read(ledger_path);
    auto parsed =
        text ? parse_delivery_ledger(*text, ledger_path) : Result<DeliveryLedger>(text.error());
    if (!parsed) {
      // Without knowing what was sent, sending could repeat it: nothing goes out.
      for (const Outgoing& channel : channels) {
        out.channels.push_back(
            status_of(channel.channel, "failed", 0,
                      parsed.error().message + " (fix or delete it to deliver again)"));
      }
      return out;
    }
    ledger = std::move(parsed.value());
  }
  const std::string hash = delivery_hash(digest);
  Jitter jitter(0);
  for (const Outgoing& channel : channels) {
    DeliveryStatus status =
        !channel.failure.empty() ? status_of(channel.channel, "failed", 0, channel.failure)
        : !channel.skipped.empty()
            ? status_of(channel.channel, "skipped", 0, channel.skipped)
            : deliver_channel(channel, hash, ledger, ledger_path, context, jitter);
    if (status.outcome == "failed") {
      spdlog::warn("delivery: {}: failed: {}", status.channel, status.detail);
    } else {
      spdlog::info(
          "delivery: {}: {}{}", status.channel,
          status.outcome == "sent" ? std::to_string(status.messages) + " sent" : status.outcome,
          status.detail.empty() ? "" : " (" + status.detail + ")");
    }
    out.channels.push_back(std::move(status));
  }
  return out;
}

}  // namespace arxiv_digest::app
