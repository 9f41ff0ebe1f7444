#!/usr/bin/env python3
"""A backfill killed for real (SIGKILL) after page 2 of 5 continues on the next run.

The real binary against fake_oai_serve (5 synthetic pages): the first backfill is killed while it
waits out the request spacing before page 3, once state/backfill.json records 2 pages. The rerun
(`arxiv-digest backfill`, no options) must ask for pages 3-5 once each and never for pages 1-2
again, end with every page done, and file no paper twice.

Usage: backfill_kill_test.py ARXIV_DIGEST FAKE_OAI_SERVE
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

INTERVAL_MS = 1500  # long enough to kill the process inside the wait before page 3


def wait_for(predicate, what, seconds=30):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            sys.exit(f"FAIL: timed out waiting for {what}")
        time.sleep(0.02)


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def main():
    binary, serve = sys.argv[1], sys.argv[2]
    scratch = tempfile.mkdtemp(prefix="arxiv-digest-kill-")
    port_file, log = os.path.join(scratch, "port"), os.path.join(scratch, "requests.log")
    server = subprocess.Popen([serve, "--pages", "5", "--records", "40", "--first-date",
                               "2026-02-02", "--port-file", port_file, "--log", log],
                              stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: os.path.exists(port_file), "fake_oai_serve")
        with open(port_file) as f:
            port = int(f.read())
        workspace = os.path.join(scratch, "fork")
        os.makedirs(workspace)
        config = os.path.join(workspace, "config.json")
        with open(config, "w") as f:
            json.dump({"categories": ["cs.LG", "cs.CL", "cs.AI", "stat.ML"],
                       "keywords": ["language model", "quantization", "model"],
                       "source": {"oai_base_url": f"http://127.0.0.1:{port}/oai",
                                  "min_interval_ms": INTERVAL_MS, "max_retries": 0},
                       "ai_summary": {"enabled": False}}, f)
        state = os.path.join(workspace, "state", "backfill.json")
        command = [binary, "backfill", "-q", "--config", config]

        first = subprocess.Popen(command + ["--since", "2026-02-02", "--until", "2026-02-13", "--set", "cs"],
                                 stdout=subprocess.DEVNULL)
        wait_for(lambda: (read_json(state) or {}).get("pages") == 2, "page 2 to be saved")
        first.send_signal(signal.SIGKILL)
        first.wait()
        with open(log) as f:
            before = [line.split()[1] for line in f if line.strip()]
        if len(before) != 2:
            sys.exit(f"FAIL: expected 2 requests before the kill, saw {len(before)}")

        rerun = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if rerun.returncode != 0:
            sys.exit(f"FAIL: the rerun exited {rerun.returncode}: {rerun.stdout}")
        with open(log) as f:
            targets = [line.split()[1] for line in f if line.strip()]
        after = targets[len(before):]
        if len(after) != 3 or any("resumptionToken=" not in t for t in after):
            sys.exit(f"FAIL: the rerun should ask for pages 3-5 by token, once each: {after}")
        if len(set(after)) != 3 or set(after) & set(before):
            sys.exit(f"FAIL: a page was asked for twice: {targets}")
        done = read_json(state)
        if not done or done["set_index"] != len(done["sets"]) or done["pages"] != 5:
            sys.exit(f"FAIL: the state should say all 5 pages are done: {done}")

        ids = []
        data = os.path.join(workspace, "data")
        for name in sorted(os.listdir(data)):
            with open(os.path.join(data, name)) as f:
                ids += [json.loads(line)["id"] for line in f if line.strip()]
        if not ids or len(ids) != len(set(ids)):
            sys.exit(f"FAIL: {len(ids) - len(set(ids))} papers filed twice (of {len(ids)})")
        print(f"ok: killed after page 2; the rerun asked for pages 3-5 once; {len(ids)} papers, "
              f"each once, in {len(os.listdir(data))} days")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


if __name__ == "__main__":
    main()
