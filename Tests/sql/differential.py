#!/usr/bin/env python3
"""Compares `regelverk validate` with `regelverk sql` run on a real engine.

usage: differential.py ENGINE REGELVERK RULESET CSV...
ENGINE is duckdb or postgresql (PostgreSQL through psql, with PGHOST set to
the server's socket folder). For each CSV: loads it as all-text columns,
runs the generated query, and compares the set of findings (record, rule,
column, message) with validate's. Prints one summary line per file; exits 1
on any difference.
"""
import csv, io, os, re, subprocess, sys, time

def validate(regelverk, ruleset, path):
    out = subprocess.run([regelverk, "validate", "--rules", ruleset, "--format", "csv", path],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"validate failed on {path}: {out.stderr}")
    return list(csv.DictReader(io.StringIO(out.stdout)))

def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))

def run_duckdb(query, path):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute("CREATE TABLE records AS SELECT * FROM read_csv(?, all_varchar = true, header = true, quote = '\"', escape = '\"', delim = ',', strict_mode = false)", [path])
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, ["" if v is None else str(v) for v in row])) for row in cur.fetchall()]

def run_postgresql(query, path):
    cols = header(path)
    q = lambda n: '"' + n.replace('"', '""') + '"'
    # A serial column numbers the rows as COPY reads them: PostgreSQL does not keep the order of loading in scans.
    ddl = "DROP TABLE IF EXISTS records; CREATE TABLE records (" + ", ".join(q(c.strip()) + " text" for c in cols) + ", rv_row bigserial);"
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", ddl], check=True, capture_output=True)
    with open(path, "rb") as f:
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "\\copy records (" + ", ".join(q(c.strip()) for c in cols) + ") FROM STDIN WITH (FORMAT csv, HEADER true)"],
                       stdin=f, check=True, capture_output=True)
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-f", "-"], input=query, text=True, capture_output=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return list(csv.DictReader(io.StringIO(out.stdout)))

# Only DuckDB has the edit distance for "did you mean VK?" on a code that is
# not one; the other engines suggest a code that differs in case alone.
HINT = re.compile(r" \(did you mean [^?]*\? \(codes are case-sensitive\)\)")
exact_hints = True

def key(row, with_message):
    message = row["message"] if exact_hints else HINT.sub("", row["message"])
    return (row["record"], row["line"], row["rule"], row.get("column") or "", message if with_message else "")

def unused(row, with_message):
    return (row["record"], row["line"], row["rule"], row.get("column") or "", row["message"] if with_message else "")

def main():
    engine, regelverk, ruleset = sys.argv[1:4]
    failed = False
    global exact_hints
    exact_hints = engine == "duckdb"
    dialect = {"duckdb": "duckdb", "postgresql": "postgresql"}[engine]
    order = ["--order-column", "rv_row"] if engine == "postgresql" else []
    gen = subprocess.run([regelverk, "sql", "--dialect", dialect, "--rules", ruleset] + order, capture_output=True, text=True)
    if gen.returncode != 0:
        print(f"FAIL {engine} {os.path.basename(ruleset)}: regelverk sql refused:\n{gen.stderr}")
        sys.exit(1)
    for path in sys.argv[4:]:
        expected = validate(regelverk, ruleset, path)
        started = time.time()
        try:
            actual = (run_duckdb if engine == "duckdb" else run_postgresql)(gen.stdout, path)
        except Exception as e:
            print(f"FAIL {engine} {os.path.basename(ruleset)} {os.path.basename(path)}: the engine refused the query: {e}")
            failed = True
            continue
        seconds = time.time() - started
        want, got = set(key(r, True) for r in expected), set(key(r, True) for r in actual)
        ordered = [key(r, True) for r in expected] == [key(r, True) for r in actual]
        missing, extra = sorted(want - got), sorted(got - want)
        status = "ok  " if not missing and not extra and len(expected) == len(actual) else "FAIL"
        failed = failed or status == "FAIL"
        print(f"{status} {engine:10} {os.path.basename(ruleset):28} {os.path.basename(path):32} "
              f"{len(expected):6} findings, sql {len(actual):6} ({seconds:.1f} s){'' if ordered else ', order differs'}")
        if not ordered and not missing and not extra:
            first = next(i for i, (a, b) in enumerate(zip(expected, actual)) if key(a, True) != key(b, True))
            print(f"     first out of order, finding {first}: validate {key(expected[first], False)} line {expected[first]['line']}, sql {key(actual[first], False)} line {actual[first]['line']}")
        for m in missing[:5]:
            print(f"     only validate: {m}")
        for x in extra[:5]:
            print(f"     only sql:      {x}")
    sys.exit(1 if failed else 0)

main()
