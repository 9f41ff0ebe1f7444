#!/usr/bin/env python3
"""SIGINT or SIGTERM in the middle of summarizing: the real binary stops at once, keeps what it got.

A chat-completions server on 127.0.0.1 (http.server, in this process) answers the first two
requests and holds the third open for a minute. Once the third has arrived, the test sends the
signal to the running `arxiv-digest run --offline` over the bundled sample and checks:
- the process exits within a few seconds (the request in flight is cancelled, not waited out),
  with 130 for SIGINT and 143 for SIGTERM, and says on stderr what it kept;
- the two summaries received are in data/DAY.jsonl, on their papers;
- README.md is byte-identical to before, and no temporary file is left in the fork;
- a rerun against a server that answers everything sends requests only for the papers that had
  no summary: the two kept ones come from the archive.

Usage: interrupt_test.py ARXIV_DIGEST SOURCE_DIR
"""
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

MAX_PAPERS = 5
ANSWERED_BEFORE_HOLD = 2
KEY_ENV = "INTERRUPT_TEST_KEY"


class ChatServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, hold_after):
        super().__init__(("127.0.0.1", 0), ChatHandler)
        self.hold_after = hold_after  # None: answer every request
        self.requests = 0
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.release = threading.Event()


class ChatHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.requests += 1
            number = self.server.requests
        if self.server.hold_after is not None and number > self.server.hold_after:
            self.server.holding.set()
            self.server.release.wait(60)
            return
        title = body["messages"][-1]["content"][:40].replace("\n", " ")
        reply = json.dumps({
            "id": f"chatcmpl-{number}", "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant",
                                     "content": f"Summary {number} of a paper ({title})."}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


def serve(hold_after):
    server = ChatServer(hold_after)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fork_with_config(scratch, source_dir, port):
    workspace = os.path.join(scratch, "fork")
    os.makedirs(workspace)
    with open(os.path.join(source_dir, "examples", "config.json")) as f:
        config = json.load(f)
    config.pop("$schema", None)
    config["max_papers"] = MAX_PAPERS
    config["ai_summary"] = {"enabled": True, "base_url": f"http://127.0.0.1:{port}/v1",
                            "model": "test-model", "api_key_env": KEY_ENV, "max_workers": 1,
                            "max_retries": 0}
    with open(os.path.join(workspace, "config.json"), "w") as f:
        json.dump(config, f)
    with open(os.path.join(workspace, "README.md"), "w") as f:
        f.write("# yesterday's digest\n")
    return workspace


def run(binary, source_dir, workspace):
    env = dict(os.environ, **{KEY_ENV: "sk-interrupt-test"})
    return subprocess.Popen(
        [binary, "run", "--config", os.path.join(workspace, "config.json"), "--offline",
         os.path.join(source_dir, "examples", "feeds"), "--date", "2026-02-12"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def summaries_in(workspace):
    path = os.path.join(workspace, "data", "2026-02-12.jsonl")
    if not os.path.exists(path):
        return {}
    found = {}
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            if record.get("summary"):
                found[record["id"]] = record["summary"]["text"]
    return found


def leftovers(workspace):
    return [os.path.join(root, name) for root, _, names in os.walk(workspace)
            for name in names if ".tmp-" in name]


def check(condition, what):
    if not condition:
        sys.exit(f"FAIL: {what}")


def interrupt_once(binary, source_dir, signum, expected_code):
    scratch = tempfile.mkdtemp(prefix="arxiv-digest-interrupt-")
    try:
        server = serve(ANSWERED_BEFORE_HOLD)
        workspace = fork_with_config(scratch, source_dir, server.server_address[1])
        readme = os.path.join(workspace, "README.md")
        with open(readme, "rb") as f:
            before = f.read()
        process = run(binary, source_dir, workspace)
        check(server.holding.wait(30), "the third summary request never arrived")
        sent = time.monotonic()
        process.send_signal(signum)
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            sys.exit(f"FAIL: still running 10 s after {signum.name}")
        took = time.monotonic() - sent
        server.release.set()
        server.shutdown()
        check(process.returncode == expected_code,
              f"{signum.name}: exit {process.returncode}, expected {expected_code}\n{stderr}")
        check(took < 5, f"{signum.name}: took {took:.1f} s to stop")
        check(signum.name in stderr and "kept" in stderr,
              f"{signum.name}: stderr does not say what was kept:\n{stderr}")
        said = "".join(line for line in stderr.splitlines(True) if signum.name in line)
        kept = summaries_in(workspace)
        check(len(kept) == ANSWERED_BEFORE_HOLD,
              f"{signum.name}: {len(kept)} summaries in the archive, expected "
              f"{ANSWERED_BEFORE_HOLD}: {kept}")
        check(all(text.startswith("Summary ") for text in kept.values()), f"kept: {kept}")
        with open(readme, "rb") as f:
            check(f.read() == before, f"{signum.name}: README.md changed")
        check(not leftovers(workspace), f"temporary files left: {leftovers(workspace)}")

        # The rerun pays only for the papers without a summary.
        server = serve(None)
        with open(os.path.join(workspace, "config.json")) as f:
            config = json.load(f)
        config["ai_summary"]["base_url"] = f"http://127.0.0.1:{server.server_address[1]}/v1"
        with open(os.path.join(workspace, "config.json"), "w") as f:
            json.dump(config, f)
        process = run(binary, source_dir, workspace)
        _, stderr = process.communicate(timeout=60)
        server.shutdown()
        check(process.returncode == 0, f"rerun: exit {process.returncode}\n{stderr}")
        check(server.requests == MAX_PAPERS - ANSWERED_BEFORE_HOLD,
              f"rerun sent {server.requests} requests, expected "
              f"{MAX_PAPERS - ANSWERED_BEFORE_HOLD}")
        check(len(summaries_in(workspace)) == MAX_PAPERS, "rerun: not every paper summarized")
        with open(readme) as f:
            text = f.read()
        check(f"{ANSWERED_BEFORE_HOLD} cached" in text, "rerun: the README status does not "
              f"count the {ANSWERED_BEFORE_HOLD} kept summaries as cached")
        print(f"ok: {signum.name} stopped the run in {took:.2f} s with exit {expected_code}, "
              f"{ANSWERED_BEFORE_HOLD} summaries kept and reused; it said:\n{said}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    binary, source_dir = sys.argv[1], sys.argv[2]
    interrupt_once(binary, source_dir, signal.SIGTERM, 143)
    interrupt_once(binary, source_dir, signal.SIGINT, 130)


if __name__ == "__main__":
    main()
