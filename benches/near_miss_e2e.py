#!/usr/bin/env python3
"""Whole-process cost of near-miss (issue 3): termlint on a >= 100 MiB corpus
with a 25,000-term glossary, with near-miss off and on, alternating runs.

Generates its inputs under benches/data/ (ignored by git, deterministic):
  - glossary-25k.toml: the bundled glossary plus 25,000 synthetic names;
  - corpus/: 100 files of 1 MiB from the seed texts, with one synthetic name
    per paragraph, a tenth of them misspelt (so near-miss has work to do).

Usage: python3 benches/near_miss_e2e.py [runs]   (builds the release binary)
"""
import os
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "benches", "data")
BIN = os.path.join(ROOT, "target", "release", "termlint")


def word(rng):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 12))).capitalize()


def generate():
    rng = random.Random(2024)
    names = [" ".join(word(rng) for _ in range(rng.randint(1, 3))) for _ in range(25_000)]
    os.makedirs(os.path.join(DATA, "corpus"), exist_ok=True)
    glossary = os.path.join(DATA, "glossary-25k.toml")
    with open(os.path.join(ROOT, "glossary.toml"), encoding="utf-8") as f:
        text = f.read()
    with open(glossary, "w", encoding="utf-8") as f:
        f.write(text)
        for i, name in enumerate(names):
            f.write(f'\n[[term]]\nid = "synthetic-{i}"\nen = "{name}"\n')
    seeds = [open(os.path.join(ROOT, "fixtures", "seeds", n), encoding="utf-8").read()
             for n in ("official-transcript.txt", "news-report.txt")]
    paragraphs = [p for s in seeds for p in s.split("\n") if p.strip()]
    for n in range(100):
        out, size = [], 0
        while size < 1 << 20:
            name = rng.choice(names)
            if rng.random() < 0.1:  # a misspelling: one letter changed
                i = rng.randrange(1, len(name))
                name = name[:i] + rng.choice("aeiou") + name[i + 1:]
            p = rng.choice(paragraphs) + f" The delegation of {name} agreed."
            out.append(p)
            size += len(p.encode()) + 1
        with open(os.path.join(DATA, "corpus", f"doc{n:03}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    return glossary


def run(args):
    start = time.perf_counter()
    subprocess.run([BIN, "check", os.path.join(DATA, "corpus"), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    glossary = generate()
    size = sum(os.path.getsize(os.path.join(DATA, "corpus", f)) for f in os.listdir(os.path.join(DATA, "corpus")))
    common = ["--glossary", glossary, "--format", "json", "--fail-on", "never"]
    variants = {"exact only": common + ["--ignore", "near-miss"], "with near-miss": common}
    times = {k: [] for k in variants}
    for _ in range(runs):
        for name, args in variants.items():
            times[name].append(run(args))
    print(f"corpus {size / 2**20:.0f} MiB, glossary 25,000 synthetic + bundled terms, {runs} alternating runs")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<16} median {med:6.2f} s  {size / 2**20 / med:6.1f} MiB/s")
    ratio = statistics.median(times["with near-miss"]) / statistics.median(times["exact only"])
    print(f"near-miss on / off time ratio: {ratio:.2f} (throughput kept: {1 / ratio:.0%})")


if __name__ == "__main__":
    main()
