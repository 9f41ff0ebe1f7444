#!/usr/bin/env python3
"""How long `arxiv-digest site` takes, and what the site weighs, over N archived days.

Builds N weekdays of history the way bench/history_scaling.py does (real feeds with renamed ids
and varied text, each day a `run --offline`), then times `arxiv-digest site` rebuilding the whole
site from an empty site folder as a whole process (min of 5, each on a fresh copy) and reports the
site's size and file count. The archive has no summaries (no provider), so pages show abstracts.
Target at N = 250: under 2 s and under 10 MB.

Usage: bench/site_build.py [--build build/release] [--days 250] [--runs 5]
"""
import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import history_scaling as history  # noqa: E402  (the same generated days)


def folder_size(path):
    files = [os.path.join(root, name) for root, _, names in os.walk(path) for name in names]
    return sum(os.path.getsize(f) for f in files), len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(history.ROOT, "build", "release"))
    parser.add_argument("--data", default=os.environ.get(
        "ARXIV_DIGEST_DATA_DIR", os.path.join(history.ROOT, "..", "shared", "data")))
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="build the history in this folder and keep it")
    args = parser.parse_args()
    binary = os.path.join(args.build, "src", "arxiv-digest")

    feeds = {}
    for category in history.CATEGORIES:
        for date, _ in history.SOURCES:
            with open(os.path.join(args.data, "arxiv", f"rss_{category}_{date}.xml")) as f:
                feeds[(category, date)] = f.read()
    vocabulary = sorted({w for text in feeds.values() for w in history.WORD.findall(text)})

    scratch = args.keep or tempfile.mkdtemp(prefix="arxiv-digest-site-")
    try:
        workspace = os.path.join(scratch, "fork")
        os.makedirs(workspace, exist_ok=True)
        with open(os.path.join(history.ROOT, "examples", "config.json")) as f:
            config = json.load(f)
        config.setdefault("output", {}).update({"site_enabled": False})
        with open(os.path.join(workspace, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        days = list(history.weekdays(datetime.date(2025, 1, 6), args.days))
        for index, day in enumerate(days):
            folder = os.path.join(scratch, "feeds", day.isoformat())
            history.make_day(feeds, vocabulary, index, day, folder)
            history.run_tool(binary, workspace, folder)
            shutil.rmtree(folder)
        best = None
        for _ in range(args.runs):
            copy = os.path.join(scratch, "timed")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(workspace, copy)
            os.sync()
            start = time.perf_counter()
            history.subprocess.run([binary, "site", "-q", "--config",
                                    os.path.join(copy, "config.json")],
                                   check=True, stdout=history.subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        size, count = folder_size(os.path.join(copy, "site"))
        print(f"site of {args.days} archived days: {best * 1e3:.0f} ms (min of {args.runs}), "
              f"{size / 1e6:.2f} MB in {count} files (targets: < 2 s, < 10 MB)")
    finally:
        if not args.keep:
            shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
