#!/usr/bin/env python3
"""Paired timings for docs/sql.md: `validate` (a release build), then the
query on DuckDB (load, then CREATE TABLE findings AS the query), then on Spark
local (load and cache, then the query written to Parquet), one after the other
per round, so that each round's three figures share the machine's load.
usage: ENGINES="validate duckdb spark" timing.py REGELVERK RULESET CSV ROUNDS
(PySpark and DuckDB from PyPI; Spark with 10 GB of driver memory.)"""
import shutil, subprocess, sys, tempfile, time, os
regelverk, ruleset, path, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
engines = os.environ.get("ENGINES", "validate duckdb spark").split()
def q(dialect):
    order = ["--order-column", "rv_row"] if dialect == "spark" else []
    return subprocess.run([regelverk, "sql", "--dialect", dialect, "--rules", ruleset] + order, capture_output=True, text=True, check=True).stdout
spark = None
out_dir = tempfile.mkdtemp()
def run_validate():
    t = time.time()
    out = subprocess.run([regelverk, "validate", "--rules", ruleset, "--format", "csv", path], capture_output=True, text=True)
    return time.time() - t, None, out.stdout.count("\n") - 1
def run_duckdb():
    import duckdb
    con = duckdb.connect(); con.execute("SET threads TO 2")
    t = time.time()
    con.execute("CREATE TABLE records AS SELECT * FROM read_csv(?, all_varchar = true, header = true)", [path])
    load = time.time() - t
    t = time.time(); con.execute("CREATE TABLE findings AS " + q("duckdb")); secs = time.time() - t
    return secs, load, con.execute("SELECT count(*) FROM findings").fetchone()[0]
def run_spark():
    global spark
    from pyspark.sql import SparkSession, functions as F
    if spark is None:
        spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.memory", "10g").config("spark.sql.shuffle.partitions", "8").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
    t = time.time()
    df = spark.read.option("header", True).option("escape", '"').csv(path)
    df = df.withColumn("rv_row", F.monotonically_increasing_id()).cache()
    df.count(); df.createOrReplaceTempView("records")
    load = time.time() - t
    t = time.time(); spark.sql(q("spark")).write.mode("overwrite").parquet(os.path.join(out_dir, "findings")); secs = time.time() - t
    return secs, load, spark.read.parquet(os.path.join(out_dir, "findings")).count()
for r in range(rounds):
    for e in engines:
        secs, load, n = {"validate": run_validate, "duckdb": run_duckdb, "spark": run_spark}[e]()
        print(f"round {r+1} {os.path.basename(ruleset)} {os.path.basename(path)} {e:8} {secs:8.1f} s" + (f" (load {load:.1f} s)" if load is not None else "") + f" findings {n}", flush=True)
    if spark is not None:
        spark.catalog.clearCache()
shutil.rmtree(out_dir, ignore_errors=True)
