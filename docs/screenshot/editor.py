#!/usr/bin/env python3
"""Makes docs/editor.png: `termlint server` in Neovim, in a real terminal.

Neovim runs inside tmux (a terminal of 118 x 22 cells) with
docs/screenshot/editor.lua; once the server's diagnostics are on screen,
`tmux capture-pane -e` reads the cells with their colours, this script turns
them into an HTML page of the same cells, and headless Chromium takes the
picture. Needs tmux, nvim and chromium (Debian packages) and a release build:

    cargo build --release && python3 docs/screenshot/editor.py
"""

import html
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLS, ROWS = 118, 22

# A translator's draft with three mistakes the glossary knows: a forbidden
# old name, a Cyrillic look-alike letter, a misspelt event and a renamed
# port (written for this picture).
DOCUMENT = """# Heads of state meet in Astana

Leaders of Central Asia met in Nur-Sultan.
Ilham Aliyev spoke of the \u0430stana summit
and of the "Birlistik-2024" exercises.

Cargo through the Alat International Trade Port
will grow from 15 to 25 million tons a year.
"""

# The xterm palette for SGR colours 0-15; 16-255 are computed.
BASIC = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]
FG, BG = "#ffffff", "#333333"  # desert, the colour scheme editor.lua sets


def palette(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    grey = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (grey, grey, grey)


def sgr(params, style):
    """Applies one SGR sequence's parameters to `style` (a dict)."""
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            style.clear()
        elif c in (1, 3, 4, 7):
            style[{1: "bold", 3: "italic", 4: "underline", 7: "reverse"}[c]] = True
        elif c in (22, 23, 24, 27):
            style.pop({22: "bold", 23: "italic", 24: "underline", 27: "reverse"}[c], None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            style["fg"] = palette(c - 30 if c < 90 else c - 82)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            style["bg"] = palette(c - 40 if c < 100 else c - 92)
        elif c in (39, 49):
            style.pop("fg" if c == 39 else "bg", None)
        elif c in (38, 48, 58) and i + 1 < len(codes):
            key = {38: "fg", 48: "bg", 58: "ul"}[c]
            if codes[i + 1] == 5 and i + 2 < len(codes):
                style[key] = palette(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                style[key] = "#%02x%02x%02x" % tuple(codes[i + 2 : i + 5])
                i += 4
        i += 1


def to_html(screen):
    """The captured cells as <pre> lines of coloured spans."""
    lines = []
    for row in screen.split("\n")[:ROWS]:
        style, out, text, i = {}, [], "", 0

        def flush():
            if not text:
                return
            fg, bg = style.get("fg", FG), style.get("bg", BG)
            if style.get("reverse"):
                fg, bg = bg, fg
            css = "color:%s;background:%s" % (fg, bg)
            if style.get("bold"):
                css += ";font-weight:bold"
            if style.get("italic"):
                css += ";font-style:italic"
            if style.get("underline"):
                css += ";text-decoration:underline %s" % style.get("ul", fg)
            out.append('<span style="%s">%s</span>' % (css, html.escape(text)))

        while i < len(row):
            if row[i] == "\x1b" and row[i + 1 : i + 2] == "[":
                end = i + 2
                while end < len(row) and not row[end].isalpha():
                    end += 1
                flush()
                text = ""
                if row[end : end + 1] == "m":
                    sgr(row[i + 2 : end], style)
                i = end + 1
            else:
                text += row[i]
                i += 1
        flush()
        lines.append("".join(out))
    return (
        "<!doctype html><meta charset=utf-8><style>body{margin:0;background:%s}"
        "pre{margin:0;padding:12px;font:15px/1.3 'DejaVu Sans Mono',monospace;color:%s}"
        "</style><pre>%s</pre>" % (BG, FG, "\n".join(lines))
    )


def main():
    for tool in ("tmux", "nvim", "chromium"):
        if not shutil.which(tool):
            sys.exit("needs %s on the PATH (Debian package of that name)" % tool)
    termlint = ROOT / "target" / "release" / "termlint"
    if not termlint.exists():
        sys.exit("needs a release build: cargo build --release")
    work = pathlib.Path(tempfile.mkdtemp(prefix="termlint-shot-"))
    shutil.copy(ROOT / "glossary.toml", work / "glossary.toml")
    (work / "news.md").write_text(DOCUMENT, encoding="utf-8")
    ready = work / "ready"
    session = "termlint-shot-%d" % os.getpid()
    env = dict(os.environ, TERMLINT=str(termlint), READY=str(ready), TERM="xterm-256color")
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(COLS), "-y", str(ROWS),
         "-c", str(work), "nvim --clean -u %s news.md" % (ROOT / "docs/screenshot/editor.lua")],
        check=True, env=env,
    )
    try:
        deadline = time.time() + 60
        while not ready.exists() and time.time() < deadline:
            time.sleep(0.1)
        if not ready.exists():
            sys.exit("no diagnostics within 60 s")
        shown = ready.read_text().strip()
        time.sleep(0.5)  # the float and virtual text are drawn after the callback
        screen = subprocess.run(
            ["tmux", "capture-pane", "-e", "-p", "-t", session],
            check=True, capture_output=True, text=True,
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    page = work / "screen.html"
    page.write_text(to_html(screen), encoding="utf-8")
    target = ROOT / "docs" / "editor.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--screenshot=%s" % target, "--window-size=%d,%d" % (COLS * 9 + 24, ROWS * 20 + 24),
         page.as_uri()],
        check=True, capture_output=True,
    )
    shutil.rmtree(work)
    print("wrote %s (%s diagnostics on screen)" % (target, shown))


if __name__ == "__main__":
    main()
