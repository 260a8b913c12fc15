#!/usr/bin/env bash
# Runs every fuzz target with libFuzzer and AddressSanitizer on its committed corpus (new finds go to a scratch
# copy, so the corpus only grows by hand).
# usage: tools/fuzz/run.sh [RUNS [TARGET...]]   RUNS executions per target (default 100000), every target unless
# some are named; prints each target's count and rate.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${1:-100000}"
TARGETS=("${@:2}")
if ((${#TARGETS[@]} == 0)); then
    TARGETS=(FuzzSessionDocument FuzzCheckInDocument FuzzKeypointDocument FuzzPageForm FuzzCatalogFile FuzzSMTPReply
        FuzzMultipartForm)
fi
# SwiftPM links an executable's own entry point as `main`, so libFuzzer comes in without its `main` and each target
# starts the driver itself; the coverage flags are those `-sanitize=fuzzer` would set.
FUZZER_LIB="$(dirname "$(dirname "$(command -v swiftc)")")/lib/clang"
FUZZER_LIB="$(ls "$FUZZER_LIB"/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)"
swift build -c release --scratch-path "${FUZZ_BUILD:-../../.build-fuzz}" \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
    -Xlinker "$FUZZER_LIB" -Xlinker -lstdc++ >/dev/null
BIN="$(swift build -c release --scratch-path "${FUZZ_BUILD:-../../.build-fuzz}" --show-bin-path)"
for target in "${TARGETS[@]}"; do
    scratch="$(mktemp -d)"
    cp corpus/"$target"/* "$scratch"/
    "$BIN/$target" -runs="$RUNS" -max_len=65536 -print_final_stats=1 "$scratch" 2>"$scratch.log" || {
        tail -40 "$scratch.log"
        echo "fuzz: $target failed" >&2
        exit 1
    }
    runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$scratch.log")
    rate=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$scratch.log")
    echo "$target: $runs executions ($rate a second), no crash"
    rm -rf "$scratch" "$scratch.log"
done
