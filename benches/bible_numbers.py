#!/usr/bin/env python3
"""Number-mismatch on real parallel text: the Bible verse by verse (issue 24).

Writes one bilingual XLIFF per language under `target/bible-numbers/`, each
verse a unit whose source is the King James Version and whose target is the
same verse in another translation of the benchmark corpus's Bible database
(`benches/corpus.py`: Luther 1912, Synodal, Louis Segond, Reina-Valera 1909,
Ohienko, a modern Turkish translation, ...), then runs
`termlint check --select number-mismatch` on each and prints the findings
per language. The Bible states most of its numbers in words ("two hundred
and seven years", "threescore and ten"), so the counts measure how number
words are read; what remains is mostly real differences between the texts
(textual variants, verse references some editions print, free renderings).

Usage: python3 benches/bible_numbers.py [TERMLINT ...] [--sample LANG N]
"""
import html
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
import corpus  # noqa: E402

OUT = os.path.join(ROOT, "target", "bible-numbers")
LANGS = ["ru", "de", "fr", "es", "tr", "uk", "hi", "bn", "ja", "vi", "id-ID", "sw"]


def build():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "glossary.toml"), "w") as g:
        g.write("version = 1\n")
    if all(os.path.exists(os.path.join(OUT, f"bible.{l}.xlf")) for l in LANGS):
        return
    corpus.imports()
    verses = corpus.verses(corpus.bible_db())
    english = verses["en"][0]  # the King James Version
    for lang in LANGS:
        target = verses[lang][0]
        units = [
            f'<trans-unit id="{k}"><source>{html.escape(s, quote=False)}</source>'
            f"<target>{html.escape(t, quote=False)}</target></trans-unit>"
            for k, (s, t) in enumerate(zip(english, target))
        ]
        with open(os.path.join(OUT, f"bible.{lang}.xlf"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            f.write(f'<xliff version="1.2"><file source-language="en" target-language="{lang}" '
                    'original="bible"><body>\n')
            f.write("\n".join(units))
            f.write("\n</body></file></xliff>\n")


def findings(termlint, lang):
    result = subprocess.run(
        [termlint, "check", f"bible.{lang}.xlf", "--select", "number-mismatch", "--format", "json"],
        cwd=OUT, capture_output=True, text=True, env={**os.environ, "TERMLINT_DICPATH": ""},
    )
    return json.loads(result.stdout)["findings"]


def main():
    args = sys.argv[1:]
    sample = None
    if "--sample" in args:
        k = args.index("--sample")
        sample = (args[k + 1], int(args[k + 2]))
        del args[k:k + 3]
    binaries = [os.path.abspath(b) for b in args] or [os.path.join(ROOT, "target", "release", "termlint")]
    build()
    print("| binary | " + " | ".join(LANGS) + " |")
    print("| --- |" + " ---: |" * len(LANGS))
    for b in binaries:
        print(f"| {b} | " + " | ".join(str(len(findings(b, l))) for l in LANGS) + " |")
    if sample:
        lang, n = sample
        lines = open(os.path.join(OUT, f"bible.{lang}.xlf"), encoding="utf-8").read().split("\n")
        found = findings(binaries[-1], lang)
        random.seed(24)
        for f in random.sample(found, min(n, len(found))):
            print(f"\n{f['message']}\n    " + re.sub("<[^>]+>", " | ", lines[f["line"] - 1])[:400])


if __name__ == "__main__":
    main()
