#!/usr/bin/env python3
"""Near-miss precision and recall per language (issue 23).

Precision: termlint on Bible text known to be clean (the verses of the
benchmark corpus's 21 languages, nothing injected), with the ISO 3166
glossary of `benches/corpus.py` (every locale): every near-miss finding is a
false positive. Reported as findings per MB of text, per language.

Recall: the same text with misspellings of the glossary's renderings in the
document's language injected on lines of their own, each recorded with its
line: one substitution, one insertion, one deletion, a transposition of two
neighbours (never at the first letter of a word or the last of the name),
and, where the name has any, its diacritics dropped (NFD, marks
on Latin, Greek and Cyrillic letters and the hamza of Arabic letters removed, Turkic
dotless ı as i). Only renderings within near-miss's reach are misspelt: up
to six words joined by spaces, hyphens or apostrophes (not the ISO forms
with commas or parentheses, "Korea, Republic of"). A misspelling that is itself a rendering
of any term in any language is not injected. Recall is the share of
injected misspellings a near-miss finding on that line covers.

One run over both, as a project's run would be: 95 clean documents of
100 KB per language (the benchmark corpus's share) and one document of
injected misspellings, in `<language>/` folders. Writes
benches/data/quality/ (ignored by git) and prints Markdown tables.

Usage: python3 benches/near_miss_quality.py [BIN] [--keep]
  BIN defaults to target/release/termlint. Needs benches/data/bench/
  (python3 benches/corpus.py) for the glossary.
"""
import json
import os
import random
import subprocess
import sys
import tomllib
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402

OUT = os.path.join(ROOT, "benches", "data", "quality")
GLOSSARY = os.path.join(ROOT, "benches", "data", "bench", "glossary-all.toml")
# Clean documents per language (the benchmark corpus has 2,000 in 21
# languages), their size, and the number of injected misspellings.
FILES = 95
FILE_BYTES = 100_000
INJECTED = 200


def strip_marks(s):
    """Diacritics dropped: marks on Latin, Greek and Cyrillic letters, and
    the hamza of Arabic letters (in scripts such as Devanagari the marks are
    vowels and conjuncts: dropping them is another spelling, not left out;
    Arabic short vowels and shadda are optional in writing, and termlint
    finds a name written without them as the name)."""
    s = s.replace("ı", "i").replace("İ", "I")
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.combining(c):
            base = out[-1] if out else ""
            latinish = base and (base < "\u0250" or "\u0370" <= base <= "\u04ff" or "\u1e00" <= base <= "\u1fff")
            arabic = c in "\u0654\u0655"
            if latinish or arabic:
                continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def in_reach(name):
    """Whether near-miss looks for misspellings of `name` at all: up to six
    words of letters, joined by spaces, hyphens or apostrophes. The ISO
    forms with commas and parentheses ("Korea, Republic of") are not."""
    if len(name.split()) > 6:
        return False
    return all(c.isalpha() or unicodedata.combining(c) or c in " -'’ʻ" or unicodedata.category(c) == "Mc"
               for c in name)


def misspell(rng, name, kind):
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 5:
        return None
    # Not the first letter of a word (nor the last of the name): where
    # misspellings seldom are, and where one would change a word's case.
    inner = [i for i in letters[1:-1] if name[i - 1].isalpha()]
    if not inner:
        return None
    i = rng.choice(inner)
    pool = [c for c in name.lower() if c.isalpha()] or list("aeiou")
    if kind == "substitution":
        c = rng.choice([x for x in pool if x != name[i].lower()] or ["x"])
        return name[:i] + c + name[i + 1:]
    if kind == "insertion":
        return name[:i] + rng.choice(pool) + name[i:]
    if kind == "deletion":
        return name[:i] + name[i + 1:]
    if kind == "transposition":
        j = i + 1
        if j >= len(name) or not name[j].isalpha() or name[i] == name[j]:
            return None
        return name[:i] + name[j] + name[i] + name[j + 1:]
    if kind == "diacritics":
        bare = strip_marks(name)
        return bare if bare != name else None
    raise ValueError(kind)


KINDS = ["substitution", "insertion", "deletion", "transposition", "diacritics"]


def generate():
    with open(GLOSSARY, "rb") as f:
        glossary = tomllib.load(f)
    listed = set()
    by_lang = {}
    for term in glossary["term"]:
        for lang, r in term.items():
            if lang in ("id", "category"):
                continue
            names = [r] if isinstance(r, str) else [r.get("preferred")] + r.get("accepted", []) + r.get("forbidden", [])
            for n in names:
                if n:
                    listed.add(n.casefold())
            if isinstance(r, dict) and r.get("preferred"):
                by_lang.setdefault(lang, []).append(r["preferred"])
            elif isinstance(r, str):
                by_lang.setdefault(lang, []).append(r)
    corpus.imports()
    texts = corpus.verses(corpus.bible_db())
    rng = random.Random(23)
    manifest = {}
    for lang in sorted(texts):
        version = texts[lang][0]
        lang_dir = os.path.join(OUT, lang)
        os.makedirs(lang_dir, exist_ok=True)
        # Clean: as many 100 KB documents as the benchmark corpus has in
        # each language, from every translation of that language.
        for k in range(FILES):
            v = rng.choice(texts[lang])
            i, lines, n = rng.randrange(len(v)), [], 0
            while n < FILE_BYTES:
                lines.append(v[i % len(v)])
                i += 1
                n += len(lines[-1].encode()) + 1
            with open(os.path.join(lang_dir, f"clean-{k:03}.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        # Injected: other verses, a misspelling on its own line now and then.
        names = by_lang.get(lang, [])
        out, injected, i = [], [], rng.randrange(len(version))
        tries = 0
        while len(injected) < INJECTED and names and tries < 50 * INJECTED:
            tries += 1
            for _ in range(5):
                out.append(version[i % len(version)])
                i += 1
            kind = KINDS[len(injected) % len(KINDS)] if tries % 7 else rng.choice(KINDS)
            name = rng.choice(names)
            if not in_reach(name):
                continue
            bad = misspell(rng, name, kind)
            nfd = lambda x: unicodedata.normalize("NFD", x)
            if not bad or bad.casefold() in listed or nfd(bad) == nfd(name):
                continue
            out.append(bad + ".")
            injected.append({"line": len(out), "name": name, "misspelt": bad, "kind": kind})
        with open(os.path.join(lang_dir, "injected.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
        manifest[lang] = injected
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


ENGLISH = os.path.join(ROOT, "benches", "data", "quality-english")
ENGLISH_BYTES = 4_600_000


def english_documents():
    """Licence texts and package documentation in English, as the machine
    has them: /usr/share/common-licenses, then the copyright files of
    /usr/share/doc in name order, each text once, up to 4.6 MB, as
    documents in an `en/` folder."""
    paths = sorted(os.path.join("/usr/share/common-licenses", n)
                   for n in os.listdir("/usr/share/common-licenses"))
    for base, _, names in sorted(os.walk("/usr/share/doc")):
        paths += [os.path.join(base, n) for n in sorted(names) if n == "copyright"]
    folder = os.path.join(ENGLISH, "en")
    os.makedirs(folder, exist_ok=True)
    seen, total, k = set(), 0, 0
    for path in paths:
        try:
            with open(os.path.realpath(path), encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        if text in seen:
            continue
        seen.add(text)
        with open(os.path.join(folder, f"{k:04}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        k += 1
        total += len(text.encode())
        if total >= ENGLISH_BYTES:
            break
    return total


def findings(binary, folder):
    out = subprocess.run(
        [binary, "check", folder, "--glossary", GLOSSARY, "--select", "near-miss",
         "--format", "json", "--no-ignore", "--fail-on", "never"],
        capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(out.stderr)
    return json.loads(out.stdout)["findings"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    binary = args[0] if args else os.path.join(ROOT, "target", "release", "termlint")
    path = os.path.join(OUT, "manifest.json")
    if "--keep" in sys.argv and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    else:
        manifest = generate()
    found = findings(binary, OUT)
    injected = [f for f in found if f["path"].endswith("/injected.txt")]
    clean = [f for f in found if not f["path"].endswith("/injected.txt")]
    rows = []
    total_fp, total_mb, total_hit, total_inj = 0, 0.0, 0, 0
    kinds = {}
    examples = {}
    for lang in sorted(manifest):
        folder = os.path.join(OUT, lang)
        mb = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder)
                 if n.startswith("clean-")) / 1e6
        fps = [f for f in clean if f"/{lang}/" in f["path"]]
        examples[lang] = sorted({f["message"].split('"')[1] + " → " + f["message"].split('"')[3] for f in fps})[:8]
        by_line = {}
        for f in injected:
            if f"/{lang}/" in f["path"]:
                by_line.setdefault(f["line"], []).append(f)
        hit = 0
        for inj in manifest[lang]:
            ok = any(inj["misspelt"] in f["message"] for f in by_line.get(inj["line"], []))
            hit += ok
            k = kinds.setdefault(inj["kind"], [0, 0])
            k[0] += ok
            k[1] += 1
        n = len(manifest[lang])
        rows.append((lang, len(fps) / mb, hit, n))
        total_fp += len(fps)
        total_mb += mb
        total_hit += hit
        total_inj += n
    print("| language | near-miss findings per MB of clean text | recall of injected misspellings |")
    print("|---|---:|---:|")
    for lang, per_mb, hit, n in rows:
        recall = f"{hit / n:.2f} ({hit}/{n})" if n else "no renderings"
        print(f"| {lang} | {per_mb:.1f} | {recall} |")
    print(f"| **all** | **{total_fp / total_mb:.1f}** | **{total_hit / max(total_inj, 1):.2f}** ({total_hit}/{total_inj}) |")
    print()
    print("| kind of misspelling | recall |")
    print("|---|---:|")
    for kind in KINDS:
        if kind in kinds:
            h, n = kinds[kind]
            print(f"| {kind} | {h / n:.2f} ({h}/{n}) |")
    if not os.path.isdir(ENGLISH):
        english_documents()
    size = sum(os.path.getsize(os.path.join(ENGLISH, "en", n)) for n in os.listdir(os.path.join(ENGLISH, "en")))
    english = findings(binary, ENGLISH)
    print()
    print(f"English licences and package documentation ({size / 1e6:.1f} MB, "
          f"{len(os.listdir(os.path.join(ENGLISH, 'en')))} files): {len(english)} near-miss findings")
    for f in english[:10]:
        print(f"  {f['path']}:{f['line']}: {f['message']}")
    if "--examples" in sys.argv:
        print()
        for lang, ex in examples.items():
            if ex:
                print(f"{lang}: " + "; ".join(ex))


if __name__ == "__main__":
    main()
