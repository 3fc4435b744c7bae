#!/usr/bin/env python3
"""Two termlint binaries and ripgrep on the issue-8 corpus, alternating.

For a change's cost: the binary built from the commit before it (OLD) and
the current one, each command run RUNS times in turn, medians printed.
Also the language detection's cost: the same 2,000 files copied flat into
one folder outside the project, so no folder names their language.

Usage: python3 benches/ab.py OLD_BINARY [RUNS] [NAMES]
       e.g. git worktree add /tmp/old HEAD~1 &&
            CARGO_TARGET_DIR=/tmp/old-target cargo build --release --manifest-path /tmp/old/Cargo.toml &&
            python3 benches/ab.py /tmp/old-target/release/termlint 5
Needs benches/corpus.py's corpus and target/release/termlint.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")
NEW = os.path.join(ROOT, "target", "release", "termlint")
OLD = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
FLAT = os.path.join(ROOT, "target", "flat-corpus")


def check(binary, path, *more):
    return [binary, "check", path, "--glossary", "glossary-25000.toml", "--format", "json", *more]


def flat():
    """The corpus in one folder, files numbered, no language in any name."""
    if not os.path.isdir(FLAT):
        os.makedirs(FLAT)
        corpus = os.path.join(BENCH, "corpus")
        n = 0
        for lang in sorted(os.listdir(corpus)):
            for name in sorted(os.listdir(os.path.join(corpus, lang))):
                n += 1
                shutil.copy(os.path.join(corpus, lang, name), os.path.join(FLAT, f"doc{n}.txt"))
    return FLAT


rg = shutil.which("rg") or os.path.expanduser("~/.cargo/bin/rg")
COMMANDS = {
    "old": check(OLD, "corpus", "--ignore", "near-miss"),
    "new": check(NEW, "corpus", "--ignore", "near-miss"),
    "rg": [rg, "-F", "-c", "-f", "terms-25000.txt", "corpus"],
    "old-ja": check(OLD, "corpus/ja", "--ignore", "near-miss"),
    "new-ja": check(NEW, "corpus/ja", "--ignore", "near-miss"),
    "old-near-miss": check(OLD, "corpus"),
    "new-near-miss": check(NEW, "corpus"),
    "new-flat": check(NEW, flat(), "--ignore", "near-miss"),
}
names = sys.argv[3].split(",") if len(sys.argv) > 3 else list(COMMANDS)
os.chdir(BENCH)
times = {k: [] for k in names}
for _ in range(RUNS):
    for k in names:
        start = time.perf_counter()
        subprocess.run(COMMANDS[k], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[k].append(time.perf_counter() - start)
print("| command | median (s) | runs (s) |")
print("| --- | ---: | --- |")
for k in names:
    runs = ", ".join(f"{t:.2f}" for t in times[k])
    print(f"| {k} | {statistics.median(times[k]):.3f} | {runs} |")
