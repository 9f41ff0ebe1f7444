#!/usr/bin/env python3
"""Backfill at scale: memory and request spacing of `arxiv-digest backfill` over 100,000 records.

Starts bench/fake_oai_serve (the tests' FakeOaiServer as a process) with PAGES synthetic arXivRaw
pages of RECORDS records each (the shape of the real captured records, about 1,000-character
abstracts, one weekday per page), points a fresh workspace's source.oai_base_url at it with
source.min_interval_ms = INTERVAL, and runs `arxiv-digest backfill` over the whole range as a
process under GNU time. Reports the wall time, the peak RSS (GNU time's %M: the kernel's
high-water mark of the process's resident set), the pages, records and archive days written,
the backfill's CPU time, and the smallest gap between two request arrivals at the server (its
CLOCK_MONOTONIC log). The keywords match most synthetic abstracts ("transformer" is in their
word list), so nearly every record is a candidate: the archive's worst case.

Targets: peak RSS under 64 MB; no two requests closer together than the configured interval.

Usage: bench/oai_backfill.py [--build build/release] [--pages 100] [--records 1000]
                             [--interval-ms 200]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIRST_DATE = "2025-01-06"  # a Monday: page 1's submissions


def start_server(build, pages, records, scratch):
    port_file = os.path.join(scratch, "port")
    log = os.path.join(scratch, "requests.log")
    server = subprocess.Popen(
        [os.path.join(build, "bench", "fake_oai_serve"), "--pages", str(pages), "--records",
         str(records), "--first-date", FIRST_DATE, "--port-file", port_file, "--log", log],
        stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120  # generating 100k records takes a second or so
    while not os.path.exists(port_file):
        if server.poll() is not None or time.monotonic() > deadline:
            sys.exit("fake_oai_serve did not start")
        time.sleep(0.05)
    with open(port_file) as f:
        return server, int(f.read()), log


def write_workspace(workspace, port, interval_ms):
    config = {
        "categories": ["cs.LG", "cs.CL", "cs.AI", "stat.ML"],
        "keywords": [{"term": "language model", "weight": 2}, "quantization", "transformer",
                     "reinforcement learning", "diffusion"],
        "max_papers": 30,
        "source": {"oai_base_url": f"http://127.0.0.1:{port}/oai",
                   "min_interval_ms": interval_ms, "max_retries": 0},
        "ai_summary": {"enabled": False},
    }
    os.makedirs(workspace)
    with open(os.path.join(workspace, "config.json"), "w") as f:
        json.dump(config, f, indent=2)


def arrivals(log):
    with open(log) as f:
        return [float(line.split()[0]) for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--interval-ms", type=int, default=200)
    args = parser.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("oai_backfill.py needs GNU time for the peak RSS: apt-get install time")

    scratch = tempfile.mkdtemp(prefix="arxiv-digest-oai-")
    server, port, log = start_server(args.build, args.pages, args.records, scratch)
    try:
        workspace = os.path.join(scratch, "fork")
        write_workspace(workspace, port, args.interval_ms)
        rss_file = os.path.join(scratch, "maxrss")
        argv = ["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file,
                os.path.join(args.build, "src", "arxiv-digest"), "backfill", "-q", "--config",
                os.path.join(workspace, "config.json"), "--since", FIRST_DATE, "--set", "cs"]
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"backfill exited {done.returncode}: {done.stdout}")
        with open(rss_file) as f:
            rss, user, system = f.read().split()[-3:]
        rss_kib, cpu = int(rss), float(user) + float(system)
        times = arrivals(log)
        gaps = [b - a for a, b in zip(times, times[1:])]
        days = len(os.listdir(os.path.join(workspace, "data")))
        data_bytes = sum(os.path.getsize(os.path.join(workspace, "data", name))
                         for name in os.listdir(os.path.join(workspace, "data")))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    shutil.rmtree(scratch)

    print(done.stdout.strip())
    print(f"records served: {args.pages * args.records} in {len(times)} requests")
    print(f"wall time: {elapsed:.1f} s (of which at least {(len(times) - 1) * args.interval_ms / 1000:.1f} s "
          f"is the {args.interval_ms} ms spacing)")
    print(f"CPU time of the backfill: {cpu:.1f} s ({cpu / args.pages * 1000:.0f} ms a page)")
    print(f"peak RSS: {rss_kib / 1024:.1f} MB (target < 64 MB)")
    print(f"archive: {days} days, {data_bytes / 1e6:.1f} MB of JSONL")
    print(f"smallest gap between requests: {min(gaps):.1f} ms (configured {args.interval_ms} ms)")
    ok = rss_kib < 64 * 1024 and min(gaps) >= args.interval_ms
    print("targets met" if ok else "TARGET MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
