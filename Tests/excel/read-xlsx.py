"""Reads the first sheet of the xlsx files check-excel.sh made and checks
their cells: the findings of Tests/excel/excel-prov.regel on besok.csv, then
its measure. Exits 1 when a check fails."""

import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
failures = 0


def check(what, ok):
    global failures
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures += 1


def column_index(ref):
    letters = "".join(c for c in ref if c.isalpha())
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - ord("A") + 1
    return n - 1


def cells(path):
    """Rows of (kind, value): kind "s" text, "n" number, "f" formula."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
        values = []
        for c in row.findall("m:c", NS):
            while len(values) < column_index(c.get("r")):
                values.append(("s", ""))
            v, f = c.find("m:v", NS), c.find("m:f", NS)
            if f is not None:
                values.append(("f", f.text or ""))
            elif c.get("t") == "s":
                values.append(("s", shared[int(v.text)]))
            elif c.get("t") == "inlineStr":
                values.append(("s", "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))))
            elif v is not None:
                values.append(("n", float(v.text)))
            else:
                values.append(("s", ""))
        rows.append(values)
    return rows


findings, measures = cells(sys.argv[1]), cells(sys.argv[2])

header = [v for _, v in findings[0]]
check("findings: the header is 11 cells, the first without a byte order mark",
      header == ["ruleset", "version", "rule", "severity", "record", "file", "line", "column", "value", "message", "source"])
check("findings: one row per finding (3)", len(findings) == 4)
check("findings: every row has the 11 columns", all(len(r) == 11 for r in findings[1:]))
check("findings: the line is a number", [r[6] for r in findings[1:]] == [("n", 2.0), ("n", 4.0), ("n", 6.0)])
message = findings[1][9][1]
check("findings: å, ä, ö and Å in a message arrive intact", "Besök B1 på Vårdcentralen Åsa" in message and "är inte journalfört" in message)
check("findings: a message with a ; stays one cell", findings[1][10] == ("s", "Regelverk, testunderlag för Excel-formatet, Avsnitt 1"))
record = findings[2][4]
check("findings: the record id =1+2 is text, not a formula (%r)" % (record,), record[0] == "s" and record[1].endswith("=1+2"))
check("findings: no cell is a formula", all(k != "f" for r in findings for k, _ in r))

check("measures: the header is 6 cells",
      [v for _, v in measures[0]] == ["measure", "enhet", "besok", "journalforda", "summa", "andel_journalforda"])
by_unit = {r[1][1]: r for r in measures[1:]}
check("measures: the units with å/ä/ö are cells of their own",
      sorted(by_unit) == ["Mottagningen Ängelholm", "Vårdcentralen Åsa", "Öronkliniken"])
check("measures: a decimal-comma sum is the number 1050.25", by_unit["Vårdcentralen Åsa"][4] == ("n", 1050.25))
check("measures: a negative sum is the number -3.125", by_unit["Öronkliniken"][4] == ("n", -3.125))
check("measures: a share is the number 0.5", by_unit["Öronkliniken"][5] == ("n", 0.5))
check("measures: counts are numbers", by_unit["Mottagningen Ängelholm"][2:4] == [("n", 1.0), ("n", 0.0)])

if failures:
    print("check-excel: %d check(s) failed" % failures)
    sys.exit(1)
print("check-excel: the excel-sv files open as cells in LibreOffice Calc (Swedish locale)")
