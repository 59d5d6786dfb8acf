#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (docs/robustness.md).
#
#   Tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Builds one libFuzzer executable per target (rules, csv, jsonl, validate;
# Sources/RegelFuzz holds what each checks) with -sanitize=fuzzer,address in
# .build-fuzz, seeds a corpus per target in .build-fuzz/corpus/TARGET from the
# shipped rule files and examples, the golden files, Tests/fuzz/seeds and
# ../shared/conformance when present, and fuzzes each target for SECONDS
# (default 60). A crash, a failed property, a hang (more than 20 s on one
# input) or running out of memory fails the script; the input is kept in
# .build-fuzz/crashes/TARGET/ and the script prints how to replay it. Fixed
# crashes go to Tests/fuzz/regressions/TARGET/, which `swift test` replays.
# Needs a swift.org toolchain on Linux (it ships libFuzzer); nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules csv jsonl validate)
case "$seconds" in '' | *[!0-9]*) echo "usage: Tests/fuzz/run.sh [SECONDS] [rules|csv|jsonl|validate...]" >&2; exit 2 ;; esac

scratch=.build-fuzz
shared=../shared/conformance
flags=(-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)

# Copies the files matching the patterns into the corpus folder under names
# of their own (several seeds share a file name).
seed() {
  local corpus=$1 prefix=$2
  shift 2
  local file
  for file in "$@"; do
    [ -f "$file" ] || continue
    cp "$file" "$corpus/seed-$prefix-$(printf '%s' "$file" | cksum | cut -d' ' -f1)"
  done
}

status=0
for target in "${targets[@]}"; do
  case "$target" in rules | csv | jsonl | validate) ;; *) echo "unknown fuzz target '$target' (rules, csv, jsonl, validate)" >&2; exit 2 ;; esac
  echo "== fuzz-$target: building"
  # The linker warns once per address-sanitizer helper it cannot export; that is noise.
  if ! REGELVERK_FUZZ=1 swift build -c release --scratch-path "$scratch" "${flags[@]}" --product "fuzz-$target" 2>&1 \
    | grep -v "Cannot export local symbol" | tail -n 3; then
    echo "fuzz-$target: the build failed" >&2
    exit 1
  fi
  binary="$scratch/release/fuzz-$target"
  [ -x "$binary" ] || { echo "fuzz-$target: the build made no $binary" >&2; exit 1; }

  corpus="$scratch/corpus/$target"
  crashes="$scratch/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  shopt -s nullglob globstar
  case "$target" in
    rules)
      seed "$corpus" shipped rulesets/*.regel
      seed "$corpus" golden Tests/RegelverkKitTests/Golden/**/*.regel
      max_len=16384 ;;
    csv)
      seed "$corpus" examples rulesets/examples/*.csv
      seed "$corpus" golden Tests/**/*.csv
      seed "$corpus" spectrum "$shared"/csv-spectrum/csvs/* "$shared"/csv-spectrum/historical-latin1/*
      max_len=8192 ;;
    jsonl)
      seed "$corpus" golden Tests/**/*.jsonl Tests/fuzz/seeds/jsonl/*
      seed "$corpus" jsontestsuite "$shared"/JSONTestSuite/test_parsing/*
      max_len=8192 ;;
    validate)
      seed "$corpus" examples rulesets/examples/skane-distans.csv
      seed "$corpus" own Tests/fuzz/seeds/validate/*
      max_len=8192 ;;
  esac
  seed "$corpus" kept Tests/fuzz/regressions/"$target"/*
  shopt -u nullglob globstar
  [ -d "$shared" ] || echo "fuzz-$target: $shared is absent; seeding without the conformance suites"

  log="$scratch/fuzz-$target.log"
  touch "$log"
  echo "== fuzz-$target: $seconds s from $(ls "$corpus" | wc -l) inputs (log: $log)"
  # Leak detection is off: the only leaks it reports are the Swift runtime's
  # and Foundation's caches, not per-input growth (-rss_limit_mb catches that).
  # Swift's own crash backtracer is off: the sanitizer reports the crash.
  if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$binary" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 \
    -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1; then
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/fuzz-$target: /" || true
  else
    status=1
    echo "fuzz-$target FAILED; the end of $log:" >&2
    tail -n 40 "$log" >&2
    find "$crashes" -type f -newer "$log" -o -type f -cnewer "$log" | sort -u | while read -r input; do
      echo "fuzz-$target: kept input $input; replay it with: $binary $input" >&2
    done
  fi
done
exit $status
