#!/usr/bin/env bash
# Opens `--format excel-sv` outputs (findings and measures) the way Swedish
# Excel would, in a headless LibreOffice Calc with a Swedish locale: both
# files are converted to xlsx in one start of LibreOffice (the slow part),
# and read-xlsx.py reads the cells back from the sheet XML. Checks that the
# columns are separate cells, å/ä/ö arrive intact (so the BOM is read, not
# shown), decimal-comma figures are numbers (negatives too), and a formula
# from a cell arrives as text. Installs Debian's libreoffice-calc (and python3)
# when missing; outputs in Tests/excel/output/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Tests/excel/output
mkdir -p "$out"
rm -rf "${out:?}"/*

install() { # package...
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if ! command -v soffice >/dev/null 2>&1; then
    echo "check-excel: installing libreoffice-calc (Debian package)"
    install libreoffice-calc
fi
command -v python3 >/dev/null 2>&1 || install python3

swift build >/dev/null
bin="$(swift build --show-bin-path)/regelverk"
rules=Tests/excel/excel-prov.regel data=Tests/excel/besok.csv
"$bin" validate --rules "$rules" --format excel-sv --output "$out/fynd.csv" "$data" 2>/dev/null || true
"$bin" report --rules "$rules" --format excel-sv --output "$out/matt.csv" "$data" 2>/dev/null

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# CSV import options: separator 59 (;), text delimiter 34 ("), charset 76
# (UTF-8), from line 1, standard column formats, locale 1053 (Swedish).
timeout 300 soffice --headless --norestore --nolockcheck "-env:UserInstallation=file://$profile" \
    --infilter="CSV:59,34,76,1,,1053" --convert-to xlsx --outdir "$out" "$out/fynd.csv" "$out/matt.csv" >/dev/null 2>&1

python3 Tests/excel/read-xlsx.py "$out/fynd.xlsx" "$out/matt.xlsx"
