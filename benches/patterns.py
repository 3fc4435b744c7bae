#!/usr/bin/env python3
"""What 100 forbidden patterns cost on the 2,000-file corpus (issue 25).

Writes two glossaries into target/: glossary-25000 plus 100 terms whose
`forbidden-patterns` are renderings of the glossary followed by
`[0-9]{2}` (searched for, never matching), once with the patterns in three
languages (en, ru, tr) and once spread over the corpus's 21 languages.
Then runs the three glossaries alternating, RUNS times each, and prints
the medians against the run without patterns (BENCHMARKS.md).

Usage: python3 benches/patterns.py [RUNS]
Needs benches/corpus.py's corpus and target/release/termlint.
"""
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")
BINARY = os.path.join(ROOT, "target", "release", "termlint")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
CORPUS_LANGUAGES = ["en", "de", "fr", "es", "ru", "ar", "bn", "tr", "pt", "it", "pl",
                    "uk", "id", "sw", "hi", "fa", "zh", "ja", "ko", "vi", "nl"]


def with_patterns(languages, name):
    random.seed(7)
    base = open(os.path.join(BENCH, "glossary-25000.toml"), encoding="utf-8").read()
    found = re.findall(r'^([a-z]{2}) = (?:\{ preferred = )?"([^"]+)"', base, re.M)
    found = [(l, t) for l, t in found if l in languages and 4 <= len(t) <= 30]
    random.shuffle(found)
    out = [base.rstrip("\n"), ""]
    for i, (lang, text) in enumerate(found[:100]):
        pattern = re.escape(text).replace("'", "") + "[0-9]{2}"
        out.append(f'[[term]]\nid = "pattern-{i}"\ncategory = "other"\n'
                   f"{lang} = {{ preferred = \"Zqx {i}\", forbidden-patterns = ['{pattern}'] }}\n")
    path = os.path.join(ROOT, "target", name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return path


def main():
    cases = [
        ("no patterns", os.path.join(BENCH, "glossary-25000.toml")),
        ("100 patterns in 3 languages (en, ru, tr)",
         with_patterns(["en", "ru", "tr"], "glossary-patterns-3.toml")),
        ("100 patterns in all 21 languages of the corpus",
         with_patterns(CORPUS_LANGUAGES, "glossary-patterns-21.toml")),
    ]
    out = os.path.join(ROOT, "target", "patterns-out.json")
    times = {name: [] for name, _ in cases}
    for _ in range(RUNS):
        for name, glossary in cases:
            start = time.perf_counter()
            subprocess.run([BINARY, "check", os.path.join(BENCH, "corpus"), "--glossary", glossary,
                            "--select", "forbidden,lookalike,case", "--format", "json", "-o", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["no patterns"])
    print("| glossary | median (s) | vs no patterns | runs (s) |")
    print("| --- | ---: | ---: | --- |")
    for name, _ in cases:
        median = statistics.median(times[name])
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"| {name} | {median:.3f} | {median / base:.2f}× | {runs} |")


if __name__ == "__main__":
    main()
