#!/usr/bin/env python3
"""Near-miss on against off, for two binaries in one run (issue 23).

Times `termlint check corpus --glossary glossary-25000.toml --format json`
with and without `--ignore near-miss`, for an old and a new binary, RUNS
times each, alternating all four commands (after one warm-up each), and
prints the medians and each binary's on/off ratio.

Usage: python3 benches/near_miss_cost.py OLD_BIN [NEW_BIN] [RUNS]
  NEW_BIN defaults to target/release/termlint, RUNS to 5. Needs
  benches/data/bench/ (python3 benches/corpus.py). Build an old binary with
  git worktree add /tmp/old REV && (cd /tmp/old &&
  CARGO_TARGET_DIR=/tmp/old-target cargo build --release).
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")


def command(binary, on):
    cmd = [binary, "check", "--glossary", "glossary-25000.toml", "--format", "json",
           "corpus", "--fail-on", "never"]
    return cmd if on else cmd + ["--ignore", "near-miss"]


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=BENCH, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    old = os.path.abspath(sys.argv[1])
    new = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "termlint")
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    commands = {
        f"{name}, near-miss {'on' if on else 'off'}": command(binary, on)
        for name, binary in (("old", old), ("new", new))
        for on in (False, True)
    }
    for cmd in commands.values():
        timed(cmd)
    times = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    print("| command | median (s) | runs (s) |\n| --- | ---: | --- |")
    for name, t in times.items():
        print(f"| {name} | {statistics.median(t):.3f} | {', '.join(f'{x:.2f}' for x in t)} |")
    for name in ("old", "new"):
        ratio = statistics.median(times[f"{name}, near-miss on"]) / statistics.median(times[f"{name}, near-miss off"])
        print(f"{name}: on / off {ratio:.2f}x")


if __name__ == "__main__":
    main()
