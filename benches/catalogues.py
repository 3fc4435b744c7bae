#!/usr/bin/env python3
"""How checking one translation catalogue scales with its size (issue 22).

Writes PO, XLIFF 1.2 and TMX files of 1,000, 10,000 and 100,000 units (each
unit an English source naming Astana and Kazakhstan and its Russian target,
as a real catalogue repeats them), plus XLIFF files of 40,000 and 200,000
nested <group> elements around one unit, then times `termlint check` on each
(median of RUNS runs, the repository's glossary.toml, JSON output) and
ripgrep counting a word in the same file, and prints a Markdown table.

Usage: python3 benches/catalogues.py [RUNS]
Needs target/release/termlint; ripgrep (`rg`) on PATH for the reference.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "catalogues")
TERMLINT = os.path.join(ROOT, "target", "release", "termlint")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3

SOURCE = "Meeting {i} in Astana with the Kazakhstan delegation"
TARGET = "Встреча {i} в Астане с делегацией Казахстана"


def po(n):
    parts = ['msgid ""\nmsgstr ""\n"Language: ru\\n"\n']
    for i in range(n):
        parts.append(
            f'\n#: src/ui.c:{i}\nmsgid "{SOURCE.format(i=i)}"\nmsgstr "{TARGET.format(i=i)}"\n'
        )
    return "".join(parts)


def xliff(n):
    parts = ['<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
             'target-language="ru" datatype="plaintext" original="ui"><body>\n']
    for i in range(n):
        parts.append(
            f'<trans-unit id="{i}"><source>{SOURCE.format(i=i)}</source>'
            f'<target state="translated">{TARGET.format(i=i)}</target></trans-unit>\n'
        )
    parts.append("</body></file></xliff>\n")
    return "".join(parts)


def tmx(n):
    parts = ['<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n']
    for i in range(n):
        parts.append(
            f'<tu><tuv xml:lang="en"><seg>{SOURCE.format(i=i)}</seg></tuv>'
            f'<tuv xml:lang="ru"><seg>{TARGET.format(i=i)}</seg></tuv></tu>\n'
        )
    parts.append("</body></tmx>\n")
    return "".join(parts)


def groups(n):
    return ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
            'target-language="ru"><body>' + "<group>" * n +
            "<trans-unit id=\"1\"><source>Astana</source><target>Астана</target></trans-unit>" +
            "</group>" * n + "</body></file></xliff>\n")


def median(command):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    os.makedirs(OUT, exist_ok=True)
    files = []
    for n in (1_000, 10_000, 100_000):
        for name, make, ext in (("PO", po, "po"), ("XLIFF", xliff, "xlf"), ("TMX", tmx, "tmx")):
            files.append((f"{name}, {n:,} units", f"{ext}-{n}.{ext}", make, n))
    for n in (40_000, 200_000):
        files.append((f"XLIFF, {n:,} nested groups", f"groups-{n}.xlf", groups, n))
    rg = shutil.which("rg")
    print("| file | size | termlint | MB/s | `rg -c Astana` |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, name, make, n in files:
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                f.write(make(n))
        size = os.path.getsize(path) / 1e6
        t = median([TERMLINT, "check", path, "--format", "json"])
        r = median([rg, "-c", "Astana", path]) if rg else float("nan")
        print(f"| {label} | {size:.1f} MB | {t:.3f} s | {size / t:.1f} | {r:.3f} s |")


if __name__ == "__main__":
    main()
