#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (docs/robustness.md).
#
#   Tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Builds one libFuzzer executable per target (rules, csv, jsonl, validate;
# Sources/RegelFuzz holds what each checks) with -sanitize=fuzzer,address in
# .build-fuzz, seeds a corpus per target in .build-fuzz/corpus/TARGET from the
# shipped rule files and examples, the golden files, Tests/fuzz/seeds, the kept
# regressions and ../shared/conformance when present, and fuzzes each target
# for SECONDS (default 60). A crash, a failed property, a hang (more than 20 s
# on one input) or running out of memory fails the script; the input is kept
# in .build-fuzz/crashes/TARGET/ and the script prints how to replay it. A
# fixed crash goes to Tests/fuzz/regressions/TARGET/, which `swift test`
# replays. Needs a swift.org toolchain on Linux (it ships libFuzzer).
set -euo pipefail

# The whole script is read before it runs, so editing it during a long run is safe.
main() {
  cd "$(dirname "$0")/../.."
  local seconds=${1:-60}
  shift || true
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=(rules csv jsonl validate)
  case "$seconds" in '' | *[!0-9]*) usage ;; esac
  local target
  for target in "${targets[@]}"; do
    case "$target" in rules | csv | jsonl | validate) ;; *) usage ;; esac
  done

  # All targets are built first, so the sources may change while they run.
  for target in "${targets[@]}"; do build "$target"; done
  local status=0
  for target in "${targets[@]}"; do fuzz "$target" "$seconds" || status=1; done
  return $status
}

usage() {
  echo "usage: Tests/fuzz/run.sh [SECONDS] [rules|csv|jsonl|validate...]" >&2
  exit 2
}

scratch=.build-fuzz
shared=../shared/conformance

build() {
  local target=$1
  echo "== fuzz-$target: building in $scratch"
  # The linker warns once per address-sanitizer helper it cannot export; that is noise.
  if ! REGELVERK_FUZZ=1 swift build -c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address --product "fuzz-$target" 2>&1 | grep -v "Cannot export local symbol" | tail -n 3; then
    echo "fuzz-$target: the build failed" >&2
    exit 1
  fi
  [ -x "$scratch/release/fuzz-$target" ] || { echo "fuzz-$target: the build made no $scratch/release/fuzz-$target" >&2; exit 1; }
}

# Copies files into the corpus folder under names of their own (several seeds
# share a file name).
seed() {
  local corpus=$1 prefix=$2 file
  shift 2
  for file in "$@"; do
    [ -f "$file" ] || continue
    cp "$file" "$corpus/seed-$prefix-$(printf '%s' "$file" | cksum | cut -d' ' -f1)"
  done
}

fuzz() {
  local target=$1 seconds=$2
  local binary="$scratch/release/fuzz-$target" corpus="$scratch/corpus/$target" crashes="$scratch/crashes/$target"
  local log="$scratch/fuzz-$target.log" max_len=8192 options=()
  mkdir -p "$corpus" "$crashes"
  shopt -s nullglob globstar
  case "$target" in
    rules)
      seed "$corpus" shipped rulesets/*.regel
      seed "$corpus" golden Tests/RegelverkKitTests/Golden/**/*.regel
      options=(-dict=Tests/fuzz/rules.dict)
      max_len=16384 ;;
    csv)
      seed "$corpus" examples rulesets/examples/*.csv
      seed "$corpus" golden Tests/**/*.csv
      seed "$corpus" spectrum "$shared"/csv-spectrum/csvs/* "$shared"/csv-spectrum/historical-latin1/* ;;
    jsonl)
      seed "$corpus" golden Tests/**/*.jsonl Tests/fuzz/seeds/jsonl/*
      seed "$corpus" jsontestsuite "$shared"/JSONTestSuite/test_parsing/* ;;
    validate)
      seed "$corpus" examples rulesets/examples/skane-distans.csv
      seed "$corpus" own Tests/fuzz/seeds/validate/*
      max_len=4096 ;;
  esac
  seed "$corpus" kept Tests/fuzz/regressions/"$target"/*
  shopt -u nullglob globstar
  [ -d "$shared" ] || echo "fuzz-$target: $shared is absent; seeding without the conformance suites"

  : >"$log"
  touch "$scratch/fuzz-$target.started"
  echo "== fuzz-$target: $seconds s from $(find "$corpus" -type f | wc -l) inputs (log: $log)"
  # Swift's own crash backtracer is off: the sanitizer reports the crash. Short
  # allocation stacks make the targets that allocate most about a third faster.
  # Leak detection is off: the only leaks it reports are the Swift runtime's and
  # Foundation's caches, not growth per input (-rss_limit_mb catches that).
  if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:malloc_context_size=4 "$binary" "$corpus" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$crashes/" ${options[@]+"${options[@]}"} >>"$log" 2>&1; then
    grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/fuzz-$target: /" || true
    return 0
  fi
  echo "fuzz-$target FAILED; the end of $log:" >&2
  tail -n 40 "$log" >&2
  local input
  find "$crashes" -type f -newer "$scratch/fuzz-$target.started" | while read -r input; do
    echo "fuzz-$target: kept input $input; replay it with: $binary $input" >&2
  done
  return 1
}

main "$@"
