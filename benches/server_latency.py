#!/usr/bin/env python3
"""How long `termlint server` takes to answer an edit (issue 27).

Starts `termlint server [BINARY]` over stdio in a temporary project whose
glossary.toml is the benchmark's 25,000-rendering glossary, opens a 1 MB
English document from the benchmark corpus, then makes EDITS edits (each
changes one word near the end, as typing does) one at a time and times
each from sending `didChange` to receiving its `publishDiagnostics`. The
time includes the server's wait after a change (its debounce). Also opens
19 more documents of the corpus and reports the server's resident memory
with 20 open (from /proc).

Usage: python3 benches/server_latency.py [BINARY] [EDITS]
  BINARY defaults to target/release/termlint, EDITS to 20. Needs
  benches/data/bench/ (python3 benches/corpus.py).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "benches", "data", "bench")
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "termlint")
EDITS = int(sys.argv[2]) if len(sys.argv) > 2 else 20


def send(server, message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive(server):
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        byte = server.stdout.read(1)
        if not byte:
            raise SystemExit("the server closed its output")
        header += byte
    length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
    return json.loads(server.stdout.read(length))


def published(server, uri, version):
    while True:
        m = receive(server)
        p = m.get("params") or {}
        if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri \
                and p.get("version") == version:
            return p


def main():
    project = tempfile.mkdtemp(prefix="termlint-latency-")
    shutil.copy(os.path.join(BENCH, "glossary-25000.toml"), os.path.join(project, "glossary.toml"))
    english = os.path.join(BENCH, "corpus", "en")
    text = ""
    for name in sorted(os.listdir(english)):
        with open(os.path.join(english, name), encoding="utf-8") as f:
            text += f.read()
        if len(text) >= 1_000_000:
            break
    text = text[:1_000_000]
    text = text[: text.rfind("\n") + 1]
    doc = os.path.join(project, "doc.txt")
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)
    uri = "file://" + doc
    server = subprocess.Popen([BINARY, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send(server, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    receive(server)
    send(server, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = time.perf_counter()
    send(server, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    first = published(server, uri, 1)
    opened = time.perf_counter() - start
    times = []
    for n in range(EDITS):
        edited = text + ("Astana " if n % 2 else "Astanna ") + "\n"
        start = time.perf_counter()
        send(server, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": n + 2},
            "contentChanges": [{"text": edited}]}})
        published(server, uri, n + 2)
        times.append(time.perf_counter() - start)
    others = sorted(os.listdir(english))[-19:]
    for k, name in enumerate(others):
        path = os.path.join(project, "other%02d.txt" % k)
        with open(os.path.join(english, name), encoding="utf-8") as f:
            body = f.read()
        send(server, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file://" + path, "languageId": "plaintext", "version": 1, "text": body}}})
        published(server, "file://" + path, 1)
    with open("/proc/%d/status" % server.pid) as f:
        rss = next(line for line in f if line.startswith("VmRSS")).split()[1]
    with open("/proc/%d/status" % server.pid) as f:
        hwm = next(line for line in f if line.startswith("VmHWM")).split()[1]
    send(server, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    receive(server)
    send(server, {"jsonrpc": "2.0", "method": "exit", "params": None})
    server.wait(10)
    shutil.rmtree(project)
    print(f"document: {len(text.encode()):,} bytes, {len(first['diagnostics'])} diagnostics when opened")
    print(f"open (glossary read, matcher built, first check): {opened * 1000:.0f} ms")
    print(f"didChange to publishDiagnostics, median of {EDITS}: "
          f"{statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    print(f"resident memory with 20 open documents: {int(rss) / 1024:.0f} MB (peak {int(hwm) / 1024:.0f} MB)")


main()
