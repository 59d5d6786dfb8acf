#!/usr/bin/env python3
"""Compares `regelverk validate` with `regelverk sql` run on a real engine.

usage: differential.py ENGINE REGELVERK RULESET CSV... [-- RULESET CSV...]...
ENGINE is duckdb, spark (PySpark, local) or postgresql (PostgreSQL through psql, with PGHOST set to
the server's socket folder). For each CSV: loads it as all-text columns,
runs the generated query, and compares the set of findings (record, rule,
column, message) with validate's. Prints one summary line per file; exits 1
on any difference. Several rulesets, separated by `--`, share one engine
session (for Spark: one JVM and one SparkSession for all of them).
"""
import csv, io, json, os, re, subprocess, sys, time

def rules(ruleset):
    """RULESET may name several versions of one ruleset, separated by commas."""
    return [a for path in ruleset.split(",") for a in ("--rules", path)]

def validate(regelverk, ruleset, path):
    # JSON Lines, not CSV: CSV output neutralises formula-like cells ('-K4), and the
    # engine's rows are compared as the data has them; personnummer in full, as the
    # query writes them.
    out = subprocess.run([regelverk, "validate", *rules(ruleset), "--format", "jsonl", "--show-personnummer", path],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"validate failed on {path}: {out.stderr}")
    return [{k: str(v) for k, v in json.loads(line).items()} for line in out.stdout.splitlines() if line]

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

spark_session = None

def run_spark(query, path):
    global spark_session
    if spark_session is None:
        from pyspark.sql import SparkSession
        spark_session = (SparkSession.builder.master("local[2]").appName("regelverk-differential")
                         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                         .config("spark.sql.shuffle.partitions", "2")
                         # Re-planning after each stage costs more than it saves on exports this small.
                         .config("spark.sql.adaptive.enabled", "false")
                         # Small pages: one stage holds dozens of joins and sorts, each with its own pages.
                         .config("spark.driver.memory", "4g").config("spark.buffer.pageSize", "2m").getOrCreate())
        spark_session.sparkContext.setLogLevel("ERROR")
    from pyspark.sql import functions as F
    df = (spark_session.read.option("header", True).option("inferSchema", False).option("escape", '"')
          .option("multiLine", True).csv(path)).cache()
    # The file's order, as a column: Spark keeps no order of its own.
    df.withColumn("rv_row", F.monotonically_increasing_id()).createOrReplaceTempView("records")
    rows = spark_session.sql(query).collect()
    df.unpersist()
    return [{k: "" if v is None else str(v) for k, v in r.asDict().items()} for r in rows]

def key(row, with_message):
    message = row["message"] if exact_hints else HINT.sub("", row["message"])
    return (row["record"], row["line"], row["rule"], row.get("column") or "", message if with_message else "")

def unused(row, with_message):
    return (row["record"], row["line"], row["rule"], row.get("column") or "", row["message"] if with_message else "")

FORMULA = re.compile("^'( *[-=+@\t\r\n\0\uff1d\uff0b\uff0d\uff20])")

def unneutralised(cell):
    """A CSV text cell as the data has it: without the ' that keeps a spreadsheet from taking it for a formula."""
    return FORMULA.sub(r"\1", cell)

def report(regelverk, ruleset, path):
    """`report --format csv` in long form: (measure, group, name, value) rows."""
    out = subprocess.run([regelverk, "report", "--rules", ruleset, "--format", "csv", "--show-personnummer", path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"report failed on {path}: {out.stderr}")
    rows, head = [], None
    for cells in csv.reader(io.StringIO(out.stdout)):
        cells = [unneutralised(c) for c in cells]
        if cells and cells[0] == "measure":
            head = cells
            continue
        values = dict(zip(head, cells))
        names = head[1:]
        groups = [n for n in names if n in group_names.get(cells[0], [])]
        group = ", ".join(f"{n}={values[n]}" for n in groups)
        rows += [(cells[0], group, n, values[n]) for n in names if n not in groups]
    return rows

group_names = {}

def compare_measures(engine, regelverk, ruleset, paths, run):
    if "," in ruleset:
        return False
    text = open(ruleset, encoding="utf-8").read()
    if "\nmeasure " not in text:
        return False
    for block in text.split("\nmeasure ")[1:]:
        name = block.split()[0]
        line = next((l for l in block.splitlines() if l.strip().startswith("group by ")), "")
        keys = [k.split("=")[0].strip() for k in line.strip()[len("group by "):].split(",")] if line else []
        group_names[name] = keys
    order = ["--order-column", "rv_row"] if engine in ("postgresql", "spark") else []
    gen = subprocess.run([regelverk, "sql", "--dialect", engine, "--measures", "--rules", ruleset] + order, capture_output=True, text=True)
    if gen.returncode != 0:
        print(f"FAIL {engine} {os.path.basename(ruleset)} measures: regelverk sql refused:\n{gen.stderr}")
        return True
    failed = False
    for path in paths:
        want = report(regelverk, ruleset, path)
        started = time.time()
        got = [(r["measure"], r["group"], r["name"], r["value"]) for r in run(gen.stdout, path)]
        seconds = time.time() - started
        ok = want == got
        failed = failed or not ok
        print(f"{'ok  ' if ok else 'FAIL'} {engine:10} {os.path.basename(ruleset):28} {os.path.basename(path):32} {len(want):6} figures, sql {len(got):6} (measures, {seconds:.1f} s)", flush=True)
        if not ok:
            for a, b in [(a, b) for a, b in zip(want, got) if a != b][:5]:
                print(f"     report {a}\n     sql    {b}")
    return failed

def check(engine, regelverk, ruleset, paths):
    """True when a finding or figure differs on one of the files."""
    failed = False
    order = ["--order-column", "rv_row"] if engine in ("postgresql", "spark") else []
    gen = subprocess.run([regelverk, "sql", "--dialect", engine, *rules(ruleset)] + order, capture_output=True, text=True)
    if gen.returncode != 0:
        print(f"FAIL {engine} {os.path.basename(ruleset)}: regelverk sql refused:\n{gen.stderr}")
        return True
    runner = {"duckdb": run_duckdb, "postgresql": run_postgresql, "spark": run_spark}[engine]
    for path in paths:
        expected = validate(regelverk, ruleset, path)
        started = time.time()
        try:
            actual = runner(gen.stdout, path)
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
              f"{len(expected):6} findings, sql {len(actual):6} ({seconds:.1f} s){'' if ordered else ', order differs'}", flush=True)
        if not ordered and not missing and not extra:
            first = next(i for i, (a, b) in enumerate(zip(expected, actual)) if key(a, True) != key(b, True))
            print(f"     first out of order, finding {first}: validate {key(expected[first], False)} line {expected[first]['line']}, sql {key(actual[first], False)} line {actual[first]['line']}")
        for m in missing[:5]:
            print(f"     only validate: {m}")
        for x in extra[:5]:
            print(f"     only sql:      {x}")
    return compare_measures(engine, regelverk, ruleset, paths, runner) or failed

def main():
    engine, regelverk = sys.argv[1:3]
    global exact_hints
    exact_hints = engine == "duckdb"
    jobs, job = [], []
    for arg in sys.argv[3:] + ["--"]:
        if arg == "--":
            if job:
                jobs.append(job)
            job = []
        else:
            job.append(arg)
    failed = False
    for ruleset, *paths in jobs:
        failed = check(engine, regelverk, ruleset, paths) or failed
    if spark_session is not None:
        spark_session.stop()
    sys.exit(1 if failed else 0)

main()
