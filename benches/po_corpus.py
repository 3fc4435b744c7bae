#!/usr/bin/env python3
"""Real PO catalogues for the number-mismatch precision study (issue 24).

Downloads the Debian packages listed in PACKAGES (`apt-get download`, the
versions of the machine's Debian release), unpacks the compiled catalogues
(`usr/share/locale/*/LC_MESSAGES/*.mo`) and turns each back into a PO file
with gettext's `msgunfmt`, as `target/po-corpus/<domain>/<domain>.<locale>.po`.
msgunfmt re-wraps long strings at 80 columns, the way msgmerge writes them,
so the corpus also exercises names and numbers split over wrapped lines.

Then, with `--study N`, runs `termlint check --select number-mismatch` over
the corpus (no glossary terms needed: the rule compares each unit's numbers)
and prints N findings drawn at random (fixed seed) with the unit's source and
target as a reader sees them, for judging by hand.

Usage: python3 benches/po_corpus.py [--study N] [TERMLINT]
Needs apt-get, dpkg-deb and msgunfmt (Debian's gettext).
"""
import glob
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "po-corpus")
PACKAGES = [
    "libc-l10n", "coreutils", "util-linux-locales", "apt", "dpkg", "libgtk-3-common",
    "libglib2.0-data", "libgtk2.0-common", "wget", "tar", "grep", "sed", "findutils",
    "diffutils", "e2fsprogs", "nano", "gawk", "libpam-runtime", "shared-mime-info",
    "gettext-base", "bash-completion", "libgdk-pixbuf2.0-common", "at-spi2-common",
]


def build():
    debs = os.path.join(OUT, "debs")
    os.makedirs(debs, exist_ok=True)
    if not glob.glob(os.path.join(debs, "*.deb")):
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True)
    tree = os.path.join(OUT, "tree")
    os.makedirs(tree, exist_ok=True)
    for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
        subprocess.run(["dpkg-deb", "-x", deb, tree], check=True)
    count = 0
    locales = set()
    for mo in sorted(glob.glob(os.path.join(tree, "usr/share/locale/*/LC_MESSAGES/*.mo"))):
        locale = mo.split(os.sep)[-3]
        domain = os.path.basename(mo)[:-3]
        folder = os.path.join(OUT, "po", domain)
        os.makedirs(folder, exist_ok=True)
        po = os.path.join(folder, f"{domain}.{locale}.po")
        if not os.path.exists(po):
            subprocess.run(["msgunfmt", mo, "-o", po], check=True)
        count += 1
        locales.add(locale)
    print(f"{count} catalogues in {len(locales)} locales under {os.path.join(OUT, 'po')}")


def unit_text(lines, line):
    """The msgid and msgstr strings of the entry around 1-based `line`."""
    start = line - 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = line - 1
    while end < len(lines) and lines[end].strip():
        end += 1
    entry = "".join(lines[start:end])
    fields = {}
    key = None
    for l in entry.splitlines():
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt)\s+"(.*)"$', l)
        if m:
            key = m.group(1)
            fields[key] = m.group(2)
        elif key and l.startswith('"'):
            fields[key] += l[1:-1]
    return fields


def study(n, termlint):
    po = os.path.join(OUT, "po")
    result = subprocess.run(
        [termlint, "check", po, "--glossary", os.path.join(ROOT, "glossary.toml"),
         "--select", "number-mismatch", "--format", "json"],
        capture_output=True, text=True, env={**os.environ, "TERMLINT_DICPATH": ""},
    )
    findings = json.loads(result.stdout)["findings"]
    files = len({f["path"] for f in findings})
    size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(po, "*", "*.po")))
    print(f"{len(findings)} number-mismatch findings in {files} files ({size / 1e6:.1f} MB)")
    random.seed(24)
    for i, f in enumerate(random.sample(findings, min(n, len(findings))), 1):
        lines = open(f["path"], encoding="utf-8", errors="replace").readlines()
        fields = unit_text(lines, f["line"])
        print(f"\n### {i}. {os.path.relpath(f['path'], po)}:{f['line']}")
        print(f"    {f['message']}")
        for k, v in fields.items():
            print(f"    {k}: {v[:300]}")


def main():
    args = sys.argv[1:]
    build()
    if args[:1] == ["--study"]:
        termlint = args[2] if len(args) > 2 else os.path.join(ROOT, "target", "release", "termlint")
        study(int(args[1]), termlint)


if __name__ == "__main__":
    main()
