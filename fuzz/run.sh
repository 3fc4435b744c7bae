#!/usr/bin/env bash
# Seeds each target's corpus from the repository's fixtures and runs every
# fuzz target for SECONDS (default 300), two at a time (one per core).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the
# stable toolchain build with the sanitizer flags cargo-fuzz passes.
# Crashes land in fuzz/artifacts/<target>/; turn each into a regression test
# under tests/ (tests/fuzz_regressions.rs) before fixing it.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
export RUSTC_BOOTSTRAP=1

seed() { # target, prefix byte (octal) or "", files...
  local target=$1 prefix=$2; shift 2
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    local name; name=$(basename "$f")
    { [ -n "$prefix" ] && printf "\\$prefix"; head -c 16384 "$f"; } > "corpus/$target/$prefix-$name"
  done
}
seed glossary "" ../glossary.toml ../fixtures/interchange/tricky.toml ../tests/positions/glossary.toml
seed normalize "" ../fixtures/seeds/*.txt ../fixtures/rules/lookalike/*
# formats: the first byte picks Plain, Markdown, Html, Xliff, Po, Docx.
seed formats 000 ../fixtures/seeds/*.txt
seed formats 001 ../fixtures/formats/*.md
seed formats 002 ../fixtures/formats/*.html
seed formats 003 ../fixtures/formats/*.xlf ../fixtures/formats/real/*.xlf ../fixtures/formats/real/*.xliff
seed formats 004 ../fixtures/formats/*.po ../fixtures/formats/real/*.po
seed formats 005 ../fixtures/formats/*.docx
seed check 000 ../fixtures/seeds/*.txt ../fixtures/rules/*/*.txt
seed check 001 ../fixtures/formats/*.md
seed check 003 ../fixtures/formats/*.xlf

cargo fuzz build --release
run() {
  cargo fuzz run "$1" -- -max_total_time="$seconds" -print_final_stats=1 2> "run-$1.log" \
    && echo "$1: no crash in ${seconds}s" || echo "$1: CRASH, see fuzz/run-$1.log and fuzz/artifacts/$1/"
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "run-$1.log" | sed "s/^/  $1 /"
}
run glossary & run normalize & wait
run formats & run check & wait
