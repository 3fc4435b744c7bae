#!/usr/bin/env python3
"""Near-miss on against off, for two binaries in one run (issue 23).

Times `termlint check corpus --glossary glossary-25000.toml --format json`
with and without `--ignore near-miss`, for an old and a new binary, RUNS
times each, alternating all four commands (after one warm-up each), and
prints the medians of wall and processor time (user and system: less
moved by the machine's other load) and each binary's on/off ratios. Near-miss on runs
twice for each binary: with no dictionary answers kept
(`TERMLINT_CACHE_DIR` empty: every dictionary is read, as on a first run)
and with the answers its warm-up kept in a scratch folder (as on every run
after; a binary without the cache reads its dictionaries both times).

Usage: python3 benches/near_miss_cost.py OLD_BIN [NEW_BIN] [RUNS]
  NEW_BIN defaults to target/release/termlint, RUNS to 5. Needs
  benches/data/bench/ (python3 benches/corpus.py). Build an old binary with
  git worktree add /tmp/old REV && (cd /tmp/old &&
  CARGO_TARGET_DIR=/tmp/old-target cargo build --release).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")


def command(binary, on):
    cmd = [binary, "check", "--glossary", "glossary-25000.toml", "--format", "json",
           "corpus", "--fail-on", "never"]
    return cmd if on else cmd + ["--ignore", "near-miss"]


def timed(cmd, cache):
    """Wall time and processor time (user and system) of one run."""
    env = dict(os.environ, TERMLINT_CACHE_DIR=cache)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=BENCH, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    old = os.path.abspath(sys.argv[1])
    new = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "termlint")
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    kept = tempfile.mkdtemp(prefix="termlint-cache-")
    commands = {}
    for name, binary in (("old", old), ("new", new)):
        commands[f"{name}, near-miss off"] = (command(binary, False), "")
        commands[f"{name}, near-miss on"] = (command(binary, True), "")
        commands[f"{name}, near-miss on, answers kept"] = (command(binary, True), os.path.join(kept, name))
    for cmd, cache in commands.values():
        timed(cmd, cache)
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, cache) in commands.items():
            times[name].append(timed(cmd, cache))
    wall = {name: statistics.median(w for w, _ in t) for name, t in times.items()}
    cpu = {name: statistics.median(c for _, c in t) for name, t in times.items()}
    print("| command | median wall | median processor | wall runs (s) |\n| --- | ---: | ---: | --- |")
    for name, t in times.items():
        runs_text = ", ".join(f"{w:.2f}" for w, _ in t)
        print(f"| {name} | {wall[name]:.3f} s | {cpu[name]:.3f} s | {runs_text} |")
    for name in ("old", "new"):
        off = f"{name}, near-miss off"
        for on in ("near-miss on", "near-miss on, answers kept"):
            key = f"{name}, {on}"
            print(f"{name}: {on} / off {wall[key] / wall[off]:.2f}x wall, "
                  f"{cpu[key] / cpu[off]:.2f}x processor")


if __name__ == "__main__":
    main()
