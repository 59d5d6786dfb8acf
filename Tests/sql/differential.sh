#!/usr/bin/env bash
# Differential test of `regelverk sql` against `regelverk validate` on real
# engines: DuckDB (from PyPI), a PostgreSQL server (Debian's package)
# started here on a Unix socket in a temporary folder and stopped at the end,
# and Spark SQL in local mode (PySpark from PyPI, installed into a virtual
# environment in the temporary folder; Java 17 from Debian if missing).
# For every shipped ruleset: its example export, a file of unreadable cells,
# and 20 000 generated records. Exits non-zero on any difference.
#   Tests/sql/differential.sh [duckdb] [postgresql] [spark]
#                                (default: duckdb and postgresql)
# SQL_RECORDS=N changes the number of generated records.
set -euo pipefail
cd "$(dirname "$0")/../.."
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(duckdb postgresql)
records="${SQL_RECORDS:-20000}"

swift build 2>&1 | tail -n 1
regelverk="$(swift build --show-bin-path)/regelverk"
work="$(mktemp -d)"
pg_started=""
cleanup() {
    if [ -n "$pg_started" ]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pgdata" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

python="python3"
if printf '%s\n' "${engines[@]}" | grep -qx spark; then
    if ! java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; then
        apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    fi
    # PySpark (with its own Spark) in a virtual environment of its own, removed at the end.
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet pyspark duckdb
    python="$work/venv/bin/python"
    # Spark binds to the loopback only, and warns less.
    export SPARK_LOCAL_IP=127.0.0.1
fi

if printf '%s\n' "${engines[@]}" | grep -qx postgresql; then
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    fi
    pg_bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
    # PostgreSQL refuses to run as root: its data folder belongs to the postgres user.
    chmod 755 "$work"
    mkdir "$work/pgdata" "$work/socket" "$work/pglog"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$work/pgdata" "$work/socket" "$work/pglog"
        as_pg=(runuser -u postgres --)
    else
        as_pg=()
    fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U regelverk --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/pglog/server.log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories='$work/socket' -c fsync=off" start >/dev/null
    pg_started=yes
    export PGHOST="$work/socket" PGUSER=regelverk PGDATABASE=postgres
fi

status=0
started=$SECONDS
# The jobs, each a ruleset (several versions joined by commas) and its files,
# separated by `--`: one engine session runs all of them (one JVM for Spark).
jobs=()
for rules in rulesets/*.regel; do
    name="$(basename "$rules" .regel)"
    "$regelverk" generate "$name" --records "$records" --output "$work/$name-generated.csv" >/dev/null
    jobs+=(-- "$rules" "rulesets/examples/$name.csv" "$work/$name-generated.csv")
    [ -f "Tests/sql/data/$name-cells.csv" ] && jobs+=("Tests/sql/data/$name-cells.csv")
done
# Small rule files written for the SQL compiler, each with its data.
for rules in Tests/sql/golden/*.regel; do
    data="${rules%.regel}.csv"
    [ -f "$data" ] && jobs+=(-- "$rules" "$data")
done
# Two versions of one ruleset, each judging the records of its dates.
jobs+=(-- Tests/sql/golden/versions/besok-v1.regel,Tests/sql/golden/versions/besok-v2.regel Tests/sql/golden/besok.csv)
for engine in "${engines[@]}"; do
    engine_started=$SECONDS
    # Spark's JVM writes its start-up notes on stderr; its errors reach the summary lines.
    if [ "$engine" = spark ]; then
        "$python" Tests/sql/differential.py "$engine" "$regelverk" "${jobs[@]}" 2>"$work/spark.log" || { status=1; tail -n 20 "$work/spark.log"; }
    else
        "$python" Tests/sql/differential.py "$engine" "$regelverk" "${jobs[@]}" || status=1
    fi
    echo "$engine: $((SECONDS - engine_started)) s"
done
echo "sql differential: $([ $status -eq 0 ] && echo passed || echo FAILED) on ${engines[*]} in $((SECONDS - started)) s"
exit $status
