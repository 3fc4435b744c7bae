#!/usr/bin/env python3
"""Near-miss's cost per language in instructions, for two binaries.

Wall and processor time on this kind of machine move by 10 to 25% from one
run to the next (benches/near_miss_cost.py reports medians for that
reason); the number of instructions a run executes barely moves (under
1%: only the order of a few hash sets differs from run to run). This
script counts them with valgrind's cachegrind for `termlint check
--glossary glossary-25000.toml --format json -j1 corpus/LANG`, with and
without `--ignore near-miss`, for each language of the corpus and for
each binary, and prints a Markdown table of near-miss's instructions (on
minus off) per language, before and after, and the totals. Dictionary
answers are kept in a scratch folder by a first run of each binary, as on
every run after the first.

It says how much work a change removed, not how long it takes: a change
that turns instructions into waits for memory (or the reverse) shows
only in time.

Usage: python3 benches/near_miss_instructions.py OLD_BIN [NEW_BIN] [LANG...]
  NEW_BIN defaults to target/release/termlint; LANG to every language of
  benches/data/bench/corpus. Needs valgrind (apt install valgrind) and the
  corpus (python3 benches/corpus.py). Takes about 10 s a run: 4 runs a
  language.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")


def instructions(binary, language, on, cache):
    """Instructions executed by one check of corpus/LANGUAGE."""
    with tempfile.NamedTemporaryFile(prefix="cachegrind-") as out:
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               f"--cachegrind-out-file={out.name}", binary, "check",
               "--glossary", "glossary-25000.toml", "--format", "json",
               "--fail-on", "never", "-j1", os.path.join("corpus", language)]
        if not on:
            cmd += ["--ignore", "near-miss"]
        env = dict(os.environ, TERMLINT_CACHE_DIR=cache)
        run = subprocess.run(cmd, cwd=BENCH, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=False)
        # "==123== I refs:      2,221,995,973"
        found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
        if not found:
            sys.exit(f"valgrind gave no count for {binary} on {language}:\n{run.stderr}")
        return int(found.group(1).replace(",", ""))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    old = os.path.abspath(sys.argv[1])
    new = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "termlint")
    languages = sys.argv[3:] or sorted(os.listdir(os.path.join(BENCH, "corpus")))
    caches = {}
    for binary in (old, new):
        caches[binary] = tempfile.mkdtemp(prefix="termlint-cache-")
        # Keeps the dictionaries' answers, as a first run does.
        subprocess.run([binary, "check", "--glossary", "glossary-25000.toml", "--fail-on",
                        "never", "--format", "json", "corpus"], cwd=BENCH,
                       env=dict(os.environ, TERMLINT_CACHE_DIR=caches[binary]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    print("| language | off, new | near-miss, old | near-miss, new | change |")
    print("| --- | ---: | ---: | ---: | ---: |")
    totals = [0, 0, 0, 0]
    for language in languages:
        counts = [instructions(binary, language, on, caches[binary])
                  for binary in (old, new) for on in (False, True)]
        old_off, old_on, new_off, new_on = counts
        before, after = old_on - old_off, new_on - new_off
        totals = [t + c for t, c in zip(totals, counts)]
        print(f"| {language} | {new_off / 1e6:,.0f} M | {before / 1e6:,.0f} M | "
              f"{after / 1e6:,.0f} M | {100 * (after - before) / before:+.0f}% |", flush=True)
    old_off, old_on, new_off, new_on = totals
    before, after = old_on - old_off, new_on - new_off
    print(f"| all | {new_off / 1e9:.2f} G | {before / 1e9:.2f} G | {after / 1e9:.2f} G | "
          f"{100 * (after - before) / before:+.1f}% |")
    print(f"\nnear-miss on / off in instructions: old {old_on / old_off:.3f}, "
          f"new {new_on / new_off:.3f}")


if __name__ == "__main__":
    main()
