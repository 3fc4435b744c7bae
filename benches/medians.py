#!/usr/bin/env python3
"""Print criterion's median estimates and throughput for every benchmark of
the last `cargo bench` run (criterion's console shows means)."""
import glob
import json

for f in sorted(glob.glob("target/criterion/**/new/estimates.json", recursive=True)):
    bench = json.load(open(f.replace("estimates.json", "benchmark.json")))
    median_ns = json.load(open(f))["median"]["point_estimate"]
    size = (bench.get("throughput") or {}).get("Bytes")
    rate = f"{size / (median_ns / 1e9) / 2**20:7.1f} MiB/s" if size else ""
    print(f"{bench['full_id']:<42} median {median_ns / 1e6:8.2f} ms  {rate}")
