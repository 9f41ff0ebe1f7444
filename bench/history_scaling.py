#!/usr/bin/env python3
"""History scaling: does a daily run cost the same on day 250 as on day 1?

Builds N weekdays of history by running `arxiv-digest run --offline` over generated day folders
(the real cs.AI, cs.CL and cs.LG feeds of 2026-02-12 and 2025-12-25 from ../shared/data/arxiv,
with every arXiv id renamed per day, dates moved to the day, and about one word in ten of titles
and abstracts swapped for another word of the feeds), committing each day's outputs to git as the
scheduled job does. At N = 1, 30, 120 and 250 it copies the folder and times the next day's run
(always the 2026-02-12 capture, renamed, so each N does the same day's work)
as a whole process (min of 5, each on a fresh copy) with its peak RSS, and measures what the
archive costs in git after `git gc` (`git count-objects -v`: size-pack). The timed runs come
last, in interleaved rounds over every N.

Usage: bench/history_scaling.py [--build build/release] [--days 1,30,120,250] [--keep DIR]
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = [("2026-02-12", "Thu, 12 Feb 2026"), ("2025-12-25", "Thu, 25 Dec 2025")]
CATEGORIES = ["cs.AI", "cs.CL", "cs.LG"]
ID = re.compile(r"\b(\d{4}\.\d{5})")
WORD = re.compile(r"[A-Za-z]{5,}")
# Titles, and abstracts after the description's "arXiv:ID Announce Type: new Abstract:" header.
TEXT = re.compile(r"(<title>|Abstract: )(.*?)(</title>|</description>)", re.S)


def weekdays(start, count):
    day = start
    while count > 0:
        if day.weekday() < 5:
            yield day
            count -= 1
        day += datetime.timedelta(days=1)


def make_day(feeds, vocabulary, index, day, folder, source=None):
    """Writes day `index`'s three feeds into `folder`, from SOURCES[source] (default: the two
    alternate)."""
    source_date, source_rss_date = SOURCES[index % len(SOURCES) if source is None else source]
    rng = random.Random(index)
    yymm = f"{10 + index // 12:02d}{1 + index % 12:02d}"
    ids = {}

    def rename(match):
        return ids.setdefault(match.group(1), f"{yymm}.{len(ids) + 1:05d}")

    def vary(match):
        words = WORD.sub(lambda w: rng.choice(vocabulary) if rng.random() < 0.1 else w.group(0),
                         match.group(2))
        return match.group(1) + words + match.group(3)

    os.makedirs(folder, exist_ok=True)
    for category in CATEGORIES:
        text = feeds[(category, source_date)]
        text = ID.sub(rename, text)
        text = TEXT.sub(vary, text)
        text = text.replace(source_rss_date, day.strftime("%a, %d %b %Y"))
        with open(os.path.join(folder, f"rss_{category}_{day.isoformat()}.xml"), "w") as out:
            out.write(text)


def run_tool(binary, workspace, feeds):
    subprocess.run([binary, "run", "-q", "--config", os.path.join(workspace, "config.json"),
                    "--offline", feeds], check=True, stdout=subprocess.DEVNULL)


def timed_run(binary, workspace, feeds):
    """Wall seconds and peak RSS (KiB) of one run, as a process.

    The peak RSS is GNU time's (%M): os.wait4's ru_maxrss after posix_spawn would report this
    script's own peak whenever it is the larger, since the child starts on the parent's memory.
    """
    argv = ["/usr/bin/time", "-f", "%M", "-o", os.path.join(workspace, ".maxrss"), binary, "run",
            "-q", "--config", os.path.join(workspace, "config.json"), "--offline", feeds]
    null = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(null)
    if status != 0:
        sys.exit(f"{' '.join(argv)} failed ({status})")
    with open(os.path.join(workspace, ".maxrss")) as f:
        return elapsed, int(f.read().split()[-1])


def git(workspace, *args):
    return subprocess.run(["git", "-C", workspace, *args], check=True, capture_output=True,
                          text=True).stdout


def pack_size(workspace):
    """Bytes of the repository's packs after gc, and of data/ on disk."""
    copy = workspace + ".gc"
    shutil.copytree(os.path.join(workspace, ".git"), os.path.join(copy, ".git"))
    git(copy, "gc", "-q", "--aggressive")
    fields = dict(line.split(": ") for line in git(copy, "count-objects", "-v").splitlines())
    shutil.rmtree(copy)
    data = sum(os.path.getsize(os.path.join(workspace, "data", f))
               for f in os.listdir(os.path.join(workspace, "data")))
    index = os.path.getsize(os.path.join(workspace, "state", "index", "history.sqlite"))
    return int(fields["size-pack"]) * 1024, data, index


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    parser.add_argument("--data", default=os.environ.get(
        "ARXIV_DIGEST_DATA_DIR", os.path.join(ROOT, "..", "shared", "data")))
    parser.add_argument("--days", default="1,30,120,250")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="build the history in this folder and keep it")
    args = parser.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("history_scaling.py needs GNU time for the peak RSS: apt-get install time")
    binary = os.path.join(args.build, "src", "arxiv-digest")
    marks = sorted(int(n) for n in args.days.split(","))

    feeds = {}
    for category in CATEGORIES:
        for date, _ in SOURCES:
            with open(os.path.join(args.data, "arxiv", f"rss_{category}_{date}.xml")) as f:
                feeds[(category, date)] = f.read()
    vocabulary = sorted({w for text in feeds.values() for w in WORD.findall(text)})

    scratch = args.keep or tempfile.mkdtemp(prefix="arxiv-digest-history-")
    workspace = os.path.join(scratch, "fork")
    os.makedirs(workspace, exist_ok=True)
    with open(os.path.join(ROOT, "examples", "config.json")) as f:
        config = json.load(f)
    config.setdefault("output", {}).update(
        {"daily_digest_enabled": True, "cards_enabled": True, "feed_enabled": True})
    with open(os.path.join(workspace, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(workspace, ".gitignore"), "w") as f:
        f.write("state/feeds/\nstate/index/\n")
    git(workspace, "init", "-q")
    git(workspace, "config", "user.email", "bench@example.org")
    git(workspace, "config", "user.name", "bench")

    days = list(weekdays(datetime.date(2025, 1, 6), marks[-1] + 1))
    print(f"{'N':>4} {'run ms (min of %d)' % args.runs:>18} {'peak RSS MB':>12} "
          f"{'ratio t':>8} {'ratio RSS':>9} {'git pack KB':>12} {'KB/day':>7} "
          f"{'data/ KB':>9} {'index KB':>9}")
    built = 0
    snapshots = {}
    for mark in marks:
        for index in range(built, mark):
            folder = os.path.join(scratch, "feeds", days[index].isoformat())
            make_day(feeds, vocabulary, index, days[index], folder)
            run_tool(binary, workspace, folder)
            git(workspace, "add", "-A")
            git(workspace, "commit", "-q", "-m", f"digest: {days[index].isoformat()}")
            shutil.rmtree(folder)
        built = mark
        snapshot = os.path.join(scratch, f"history-{mark}")
        shutil.copytree(workspace, snapshot, ignore=shutil.ignore_patterns(".git"))
        next_feeds = os.path.join(scratch, f"next-{mark}")
        # The timed day is the same real day for every N (the larger capture), renamed.
        make_day(feeds, vocabulary, mark, days[mark], next_feeds, source=0)
        snapshots[mark] = (snapshot, next_feeds, pack_size(workspace))

    # Interleaved rounds, each timing every N once on a fresh copy of its history, so that load
    # from elsewhere on the machine hits all of them alike.
    best = {mark: (None, None) for mark in marks}
    for _ in range(args.runs):
        for mark in marks:
            snapshot, next_feeds, _ = snapshots[mark]
            copy = os.path.join(scratch, "timed")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(snapshot, copy)
            # The copy's dirty pages are written back now, not by the run's first fsync.
            os.sync()
            elapsed, rss = timed_run(binary, copy, next_feeds)
            time_so_far, rss_so_far = best[mark]
            best[mark] = (elapsed if time_so_far is None else min(time_so_far, elapsed),
                          rss if rss_so_far is None else min(rss_so_far, rss))
    base = best[marks[0]]
    for mark in marks:
        best_time, best_rss = best[mark]
        pack, data, index_bytes = snapshots[mark][2]
        print(f"{mark:>4} {best_time * 1e3:>18.1f} {best_rss / 1024:>12.1f} "
              f"{best_time / base[0]:>8.2f} {best_rss / base[1]:>9.2f} {pack / 1024:>12.0f} "
              f"{pack / 1024 / mark:>7.1f} {data / 1024:>9.0f} {index_bytes / 1024:>9.0f}",
              flush=True)
    print("targets at the largest N: time <= 1.25x, peak RSS <= 2x the first row")
    if not args.keep:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
