#pragma once
// Stage 5 of a run, and `arxiv-digest deliver`: the day's digest pushed to every configured
// channel (config `delivery`), after the outputs are written.
//
// For each channel in kDeliveryChannels order: its secret from the environment (unset: the
// channel is skipped with a note, never a failure); the messages built by core; the ledger
// (state/deliveries.json) asked whether this digest was already sent; then each message sent
// through the shared retry policy (429 with Retry-After or the body's retry_after, 5xx,
// timeouts, dropped connections), recorded in the ledger after each one, so a rerun never
// sends a message twice. A channel that still fails is reported with its reason; the others go
// on. Secrets are redacted from every message and log line.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/secrets.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct DeliveryRequest {
  std::string day;
  std::string only_channel;  // "" = every configured channel
  bool dry_run = false;      // print what would be sent; send and record nothing
  EnvLookup env;
  std::string ca_file;  // a CA bundle for SMTP TLS ("" = the system's); for tests
  std::chrono::milliseconds timeout{30000};  // per request (SMTP: twice that)
};

struct Deliveries {
  std::vector<DeliveryStatus> channels;
  // With dry_run: per channel, the exact payloads, secrets shown as their variables' names.
  std::string dry_run_text;
};

// Delivers the digest made of `records` (the day's candidates). Never throws, never fails the
// run: what went wrong is in each channel's status.
Deliveries deliver_digest(const std::vector<ArchiveRecord>& records, const DeliveryRequest& request,
                          const Workspace& workspace, Ports& ports);

// True when at least one channel is configured.
bool has_delivery(const DeliveryConfig& delivery);

// True when any channel ended failed.
bool any_failed(const std::vector<DeliveryStatus>& channels);

}  // namespace arxiv_digest::app
