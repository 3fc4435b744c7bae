#!/usr/bin/env python3
"""How checking one translation catalogue scales with its size (issue 22).

Writes PO, XLIFF 1.2 and TMX files of 1,000, 10,000 and 100,000 units (each
unit an English source naming Astana and Kazakhstan and its Russian target,
as a real catalogue repeats them), plus XLIFF files of 40,000 and 200,000
nested <group> elements around one unit, then times `termlint check` on each
(median of RUNS runs, the repository's glossary.toml, JSON output) and
ripgrep counting a word in the same file, and prints a Markdown table.

Usage: python3 benches/catalogues.py [RUNS]
       python3 benches/catalogues.py --against OLD_BINARY [RUNS]
       python3 benches/catalogues.py --memory UNITS [OLD_BINARY]
Needs target/release/termlint; ripgrep (`rg`) on PATH for the reference.

`--against` runs an old binary (built as benches/ab.py says) and the new
one on each 10,000- and 100,000-unit file, alternating, and prints both
medians and peak resident memory. `--memory` writes one TMX of UNITS units
(2,300,000 make 506 MB) to target/catalogues and prints each binary's time
and peak resident memory on it (one run each: it takes tens of seconds).
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
RUNS = int(next((a for a in sys.argv[1:] if a.isdigit()), 3))

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


def run(command):
    """Wall time and peak resident memory (MB) of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def against(old):
    """The old binary and the new one on the larger files, alternating."""
    print("| file | size | old | new | new / old | MB/s new | peak RSS old | peak RSS new |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (10_000, 100_000):
        for name, make, ext in (("PO", po, "po"), ("XLIFF", xliff, "xlf"), ("TMX", tmx, "tmx")):
            path = os.path.join(OUT, f"{ext}-{n}.{ext}")
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(n))
            size = os.path.getsize(path) / 1e6
            runs = {"old": [], "new": []}
            for _ in range(RUNS):
                for label, binary in (("old", old), ("new", TERMLINT)):
                    runs[label].append(run([binary, "check", path, "--format", "json"]))
            t = {k: statistics.median(x for x, _ in v) for k, v in runs.items()}
            m = {k: max(y for _, y in v) for k, v in runs.items()}
            print(f"| {name}, {n:,} units | {size:.1f} MB | {t['old']:.3f} s | {t['new']:.3f} s "
                  f"| {t['new'] / t['old']:.2f} | {size / t['new']:.1f} | {m['old']:.0f} MB | {m['new']:.0f} MB |")


def memory(units, old):
    """One large memory: time and peak resident memory of each binary."""
    path = os.path.join(OUT, f"tmx-{units}.tmx")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n')
            for i in range(units):
                f.write(f'<tu><tuv xml:lang="en"><seg>{SOURCE.format(i=i)}</seg></tuv>'
                        f'<tuv xml:lang="ru"><seg>{TARGET.format(i=i)}</seg></tuv></tu>\n')
            f.write("</body></tmx>\n")
    size = os.path.getsize(path) / 1e6
    print("| binary | file | time | peak RSS | RSS / file |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, binary in (("old", old), ("new", TERMLINT)):
        if binary:
            t, rss = run([binary, "check", path, "--format", "json"])
            print(f"| {label} | {size:.0f} MB | {t:.1f} s | {rss:.0f} MB | {rss / size:.2f} |")


def main():
    os.makedirs(OUT, exist_ok=True)
    if len(sys.argv) > 2 and sys.argv[1] == "--memory":
        memory(int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
        return
    if len(sys.argv) > 2 and sys.argv[1] == "--against":
        against(sys.argv[2])
        return
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
