#!/usr/bin/env bash
# Renders the HTML reports of the shipped examples in a real headless
# Chromium, checks the DOM it builds and takes screenshots (1400x1000) into
# Tests/html/output/ (git-ignored). Installs Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Tests/html/output
mkdir -p "$out"
rm -f "$out"/*

if ! command -v chromium >/dev/null 2>&1; then
    echo "check-report: installing chromium (Debian package)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

swift build >/dev/null
bin="$(swift build --show-bin-path)/regelverk"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

chrome() {
    # A fresh profile, no network access needed: the page is one file.
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$profile" --hide-scrollbars "$@" 2>/dev/null
}

failures=0
check() { # description, command...
    local what="$1"; shift
    if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}

# Everything between <table id="ID"> and its </table>, and the number of body rows.
rows_of() { sed -n "s/.*<table id=\"$1\">//p" "$2" | sed 's/<\/table>.*//' | grep -o '<tr>' | wc -l; }
card() { grep -o "data-key=\"$1\"><div class=\"n\">[0-9]*" "$2" | grep -o '[0-9]*$'; }

# --- validate: the Skåne example -----------------------------------------
rules=rulesets/skane-distans.regel data=rulesets/examples/skane-distans.csv
"$bin" validate --rules "$rules" --format html --output "$out/skane.html" "$data" 2>"$out/skane.summary" || true
"$bin" validate --rules "$rules" --format jsonl "$data" >"$out/skane.jsonl" 2>/dev/null || true
chrome --dump-dom "file://$PWD/$out/skane.html" | tr -d '\n' >"$out/skane.dom.html"
chrome --screenshot="$PWD/$out/skane.png" --window-size=1400,1000 "file://$PWD/$out/skane.html" >/dev/null

dom="$out/skane.dom.html"
findings=$(wc -l <"$out/skane.jsonl")
distinct=$(grep -o '"rule":"[^"]*"' "$out/skane.jsonl" | sort -u | wc -l)
read_count=$(sed -n 's/^records: \([0-9]*\) read.*/\1/p' "$out/skane.summary")
check "the page has a summary, findings per rule, charts and records" \
    bash -c "grep -q 'id=\"summary\"' $dom && grep -q 'id=\"rules\"' $dom && grep -q 'id=\"charts\"' $dom && grep -q 'id=\"records\"' $dom"
check "records read on the page ($(card read "$dom")) = the summary's ($read_count)" test "$(card read "$dom")" = "$read_count"
check "one row per rule with findings ($distinct)" test "$(rows_of rule-table "$dom")" -eq $((distinct + 1))
check "one row per finding ($findings)" test "$(rows_of record-table "$dom")" -eq $((findings + 1))
check "three charts: per rule, per unit, per month" \
    bash -c "grep -q 'id=\"chart-rules\"' $dom && grep -q 'id=\"chart-units\"' $dom && grep -q 'id=\"chart-months\"' $dom"
check "a bar per rule in the rule chart" test "$(sed 's/.*id="chart-rules"//; s/<\/svg>.*//' "$dom" | grep -o '<rect' | wc -l)" -eq "$distinct"
check "no personnummer in full" bash -c "! grep -Eq '[0-9]{8}[-+][0-9]{4}' $dom"
check "personnummer masked as YYYYMMDD-****" grep -Eq '[0-9]{8}-\*\*\*\*' "$dom"
check "no script in the page" bash -c "! grep -qi '<script' $dom"
check "screenshot taken" test -s "$out/skane.png"

# --- cell text is escaped: a unit name that is markup ---------------------
sed '2,3s/Vårdcentralen Södervärn/<img src=x onerror=alert(1)>\&amp;Ö/' "$data" >"$out/hostile.csv"
"$bin" validate --rules "$rules" --format html --output "$out/hostile.html" "$out/hostile.csv" 2>/dev/null || true
chrome --dump-dom "file://$PWD/$out/hostile.html" | tr -d '\n' >"$out/hostile.dom.html"
check "markup in a cell is text, not an element" bash -c "! grep -q '<img' $out/hostile.dom.html && grep -q '&lt;img src=x onerror=alert(1)&gt;&amp;amp;' $out/hostile.dom.html"

# --- report: SKR tillgänglighet, share on time per klinik -----------------
"$bin" report --rules rulesets/skr-aterbesok.regel --format html --output "$out/skr.html" rulesets/examples/skr-aterbesok.csv 2>/dev/null
chrome --dump-dom "file://$PWD/$out/skr.html" | tr -d '\n' >"$out/skr.dom.html"
chrome --screenshot="$PWD/$out/skr.png" --window-size=1400,1000 "file://$PWD/$out/skr.html" >/dev/null
klinikar=$("$bin" report --rules rulesets/skr-aterbesok.regel --format csv rulesets/examples/skr-aterbesok.csv 2>/dev/null | grep -c '^tillganglighet,')
check "the tillgänglighet chart has a bar per klinik ($klinikar)" \
    test "$(sed 's/.*id="measure-tillganglighet"//; s/<\/svg>.*//' "$out/skr.dom.html" | grep -o '<rect' | wc -l)" -eq "$klinikar"
check "the chart shows andel_inom as a percentage" grep -q 'andel_inom per klinik' "$out/skr.dom.html"
check "screenshot taken" test -s "$out/skr.png"

echo "check-report: screenshots in $out/ (skane.png, skr.png)"
if [ "$failures" -gt 0 ]; then echo "check-report: $failures check(s) failed"; exit 1; fi
