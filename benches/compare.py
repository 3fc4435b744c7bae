#!/usr/bin/env python3
"""termlint against ripgrep on the issue-8 corpus, in one run, alternating.

Builds the release binary, installs ripgrep with `cargo install ripgrep` if
it is not on PATH, generates the corpus (benches/corpus.py) if missing, then
times each pair of commands RUNS times, alternating, and prints medians, MB/s
and the termlint/rg ratio as Markdown tables for BENCHMARKS.md:

  1. 2,000 files (200 MB), 25,000 renderings, near-miss off:
     termlint check --format json  vs  rg -F -c -f terms-25000.txt
  2. the same on the one 100 MB file
  3. 250 renderings: termlint vs rg -F -i -c -f terms-250.txt
  4. near-miss on vs off (25,000 renderings)
  5. peak RSS (/usr/bin/time -v) on the 200 MB corpus
  6. cost per finding: 20 MB with 5% of words findings vs the same clean
  7. scaling: glossary size, file count (same bytes), threads (1, 2)

Usage: python3 benches/compare.py [RUNS] [SECTIONS]   (default 5, all)
       e.g. python3 benches/compare.py 5 1,2,3
       RG=/path/to/rg python3 benches/compare.py   (the peer; else rg on PATH)
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")
BIN = os.path.join(ROOT, "target", "release", "termlint")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
SECTIONS = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set("1234567")


def rg():
    # RG names the peer: the version matters (ripgrep 13 from Debian is
    # slower on many files than 15 from crates.io).
    found = os.environ.get("RG") or shutil.which("rg") or os.path.expanduser("~/.cargo/bin/rg")
    if not os.path.exists(found):
        subprocess.run(["cargo", "install", "--locked", "ripgrep"], check=True)
        found = os.path.expanduser("~/.cargo/bin/rg")
    return found


def size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=BENCH, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    # termlint exits 1 on findings, rg 1 on no match: both are results.
    if out.returncode not in (0, 1):
        sys.exit(f"{cmd} failed ({out.returncode}): {out.stderr.decode()[:500]}")
    return elapsed


def race(commands):
    """Medians of RUNS alternating runs of each command (after one warm-up
    each, so every run reads from the page cache)."""
    for cmd in commands.values():
        timed(cmd)
    times = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, cmd in commands.items():
            times[name].append(timed(cmd))
    return {name: statistics.median(t) for name, t in times.items()}


def termlint(glossary, *args):
    return [BIN, "check", "--glossary", f"glossary-{glossary}.toml", "--format", "json", *args]


def table(title, rows, mb):
    print(f"\n### {title}\n")
    print("| command | median | MB/s | vs. first |")
    print("| --- | ---: | ---: | ---: |")
    first = None
    for name, t in rows.items():
        first = first or t
        print(f"| `{name}` | {t:.3f} s | {mb / t:.0f} | {t / first:.2f}× |")


def peak_rss(cmd):
    out = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=BENCH,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return float("nan")


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.path.exists(os.path.join(BENCH, "manifest.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "corpus.py")], check=True)
    grep = rg()
    corpus_mb = size(os.path.join(BENCH, "corpus")) / 1e6
    single_mb = size(os.path.join(BENCH, "single")) / 1e6
    print(f"runs: {RUNS}, alternating; corpus {corpus_mb:.0f} MB in 2,000 files; "
          f"single file {single_mb:.0f} MB; {os.cpu_count()} cores; "
          + subprocess.run([grep, "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    if "1" in SECTIONS:
        r = race({
            "termlint check corpus --glossary glossary-25000.toml --format json --ignore near-miss":
                termlint("25000", "corpus", "--ignore", "near-miss"),
            "rg -F -c -f terms-25000.txt corpus": [grep, "-F", "-c", "-f", "terms-25000.txt", "corpus"],
        })
        table("2,000 files, 25,000 renderings, near-miss off", r, corpus_mb)
    if "2" in SECTIONS:
        r = race({
            "termlint check single/en.txt --glossary glossary-25000.toml --format json --ignore near-miss":
                termlint("25000", "single/en.txt", "--ignore", "near-miss"),
            "rg -F -c -f terms-25000.txt single/en.txt": [grep, "-F", "-c", "-f", "terms-25000.txt", "single/en.txt"],
        })
        table("one 100 MB file, 25,000 renderings, near-miss off", r, single_mb)
    if "3" in SECTIONS:
        r = race({
            "termlint check corpus --glossary glossary-250.toml --format json --ignore near-miss":
                termlint("250", "corpus", "--ignore", "near-miss"),
            "rg -F -i -c -f terms-250.txt corpus": [grep, "-F", "-i", "-c", "-f", "terms-250.txt", "corpus"],
        })
        table("2,000 files, 250 renderings (English), case-insensitive peer", r, corpus_mb)
    if "4" in SECTIONS:
        r = race({
            "termlint check corpus --glossary glossary-25000.toml --format json --ignore near-miss":
                termlint("25000", "corpus", "--ignore", "near-miss"),
            "termlint check corpus --glossary glossary-25000.toml --format json":
                termlint("25000", "corpus"),
        })
        table("near-miss off and on, 25,000 renderings", r, corpus_mb)
    if "5" in SECTIONS:
        print("\n### Peak RSS, 200 MB corpus\n")
        print("| command | peak RSS |")
        print("| --- | ---: |")
        for g, extra in (("25000", ["--ignore", "near-miss"]), ("25000", []), ("all", [])):
            cmd = termlint(g, "corpus", *extra)
            print(f"| `termlint check corpus --glossary glossary-{g}.toml --format json {' '.join(extra)}` "
                  f"| {peak_rss(cmd):.0f} MB |")
        cmd = termlint("25000", "single/en.txt")
        print(f"| `termlint check single/en.txt --glossary glossary-25000.toml --format json` | {peak_rss(cmd):.0f} MB |")
    if "6" in SECTIONS:
        mb = size(os.path.join(BENCH, "clean")) / 1e6
        r = race({
            "termlint check clean --glossary glossary-25000.toml --format json": termlint("25000", "clean"),
            "termlint check dense --glossary glossary-25000.toml --format json": termlint("25000", "dense"),
        })
        table("cost per finding: clean vs 5% of words forbidden (20 MB, English)", r, mb)
    if "7" in SECTIONS:
        scaling(corpus_mb)


def scaling(corpus_mb):
    print("\n### Scaling: glossary size (2,000 files, near-miss off, 2 threads)\n")
    print("| renderings | median | MB/s |")
    print("| ---: | ---: | ---: |")
    for g in ("10", "100", "250", "2500", "25000", "all"):
        t = race({g: termlint(g, "corpus", "--ignore", "near-miss")})[g]
        print(f"| {g} | {t:.3f} s | {corpus_mb / t:.0f} |")
    print("\n### Scaling: threads (2,000 files, 25,000 renderings, near-miss off)\n")
    print("| threads | median | MB/s |")
    print("| ---: | ---: | ---: |")
    for j in ("1", "2"):
        t = race({j: termlint("25000", "corpus", "--ignore", "near-miss", "-j", j)})[j]
        print(f"| {j} | {t:.3f} s | {corpus_mb / t:.0f} |")
    # The same 100 MB of English in 1 … 20,000 files.
    print("\n### Scaling: file count (the same 100 MB, 25,000 renderings, near-miss off)\n")
    print("| files | median | MB/s |")
    print("| ---: | ---: | ---: |")
    text = open(os.path.join(BENCH, "single", "en.txt"), encoding="utf-8").read()
    lines = text.splitlines(keepends=True)
    mb = len(text.encode()) / 1e6
    for files in (1, 10, 100, 2000, 20000):
        folder = os.path.join(BENCH, "split", str(files))
        if not os.path.exists(folder):
            os.makedirs(folder)
            per = -(-len(lines) // files)
            for n in range(files):
                with open(os.path.join(folder, f"{n:05}.txt"), "w", encoding="utf-8") as f:
                    f.writelines(lines[n * per:(n + 1) * per])
        key = str(files)
        t = race({key: termlint("25000", f"split/{files}", "--ignore", "near-miss")})[key]
        print(f"| {files} | {t:.3f} s | {mb / t:.0f} |")


if __name__ == "__main__":
    main()
