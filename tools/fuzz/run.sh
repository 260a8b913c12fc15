#!/usr/bin/env bash
# Runs every fuzz target with libFuzzer and AddressSanitizer on its committed corpus (new finds go to a scratch
# copy, so the corpus only grows by hand).
# usage: tools/fuzz/run.sh [RUNS]   RUNS executions per target (default 100000); prints each target's count.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${1:-100000}"
swift build -c release --scratch-path "${FUZZ_BUILD:-../../.build-fuzz}" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
BIN="$(swift build -c release --scratch-path "${FUZZ_BUILD:-../../.build-fuzz}" --show-bin-path)"
for target in FuzzSessionDocument FuzzKeypointDocument; do
    scratch="$(mktemp -d)"
    cp corpus/"$target"/* "$scratch"/
    "$BIN/$target" -runs="$RUNS" -max_len=65536 -print_final_stats=1 "$scratch" 2>"$scratch.log" || {
        tail -40 "$scratch.log"
        echo "fuzz: $target failed" >&2
        exit 1
    }
    echo "$target: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$scratch.log" | awk '{print $2}') executions, no crash"
    rm -rf "$scratch" "$scratch.log"
done
