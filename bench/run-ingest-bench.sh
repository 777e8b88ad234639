#!/usr/bin/env bash
# Streams and tables benchmark (docs/benchmarks.md, "Streams and tables"): starts a real server on a
# free port with a scratch data directory, runs IngestAndLookupBench against it over pgjdbc, stops
# the server by PID. Usage: bench/run-ingest-bench.sh [copyRows] [insertRows] [tableRows] [lookupSeconds]
# Extra server flags (e.g. --log-flush always) go in SLUICE_BENCH_SERVER_FLAGS, extra server JVM flags
# (e.g. -XX:StartFlightRecording=filename=/tmp/copy.jfr) in SLUICE_BENCH_JVM_FLAGS. MAVEN_REPO names the
# local Maven repository (default ~/.m2/repository); MVN_FLAGS adds Maven flags (e.g. -o); SKIP_BUILD=1
# runs the server jar as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
PG_VERSION=42.7.8

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # The jar plugin does not always rebuild an existing server jar: remove it so it reflects this tree.
  rm -f server/target/sluice-server.jar
  # shellcheck disable=SC2086
  mvn -B -q -ntp ${MVN_FLAGS:-} -Dmaven.repo.local="$M2" -DskipTests -Dspotless.check.skip=true -pl server -am package
fi
OUT=bench/target/ingest-bench-classes
rm -rf "$OUT" && mkdir -p "$OUT"
PGJDBC="$M2/org/postgresql/postgresql/$PG_VERSION/postgresql-$PG_VERSION.jar"
javac -d "$OUT" -cp "$PGJDBC" bench/src/main/java/dev/sluice/bench/ingest/*.java

DATA=$(mktemp -d /tmp/sluice-ingest-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
SLUICE_LOG_LEVEL=WARN java -Xmx4g ${SLUICE_BENCH_JVM_FLAGS:-} -jar server/target/sluice-server.jar server --port "$PORT" \
  --data-dir "$DATA/data" ${SLUICE_BENCH_SERVER_FLAGS:-} > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  if bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then break; fi
  sleep 0.5
done
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }  # server user+system CPU, clock ticks
CPU0=$(cpu)
java -Xmx1g -cp "$OUT:$PGJDBC" dev.sluice.bench.ingest.IngestAndLookupBench \
  "jdbc:postgresql://127.0.0.1:$PORT/sluice" "$@"
# CPU time is steadier than wall time on a shared machine: it does not count waiting for other work.
echo "server CPU time during the benchmark: $(( ($(cpu) - CPU0) * 1000 / $(getconf CLK_TCK) )) ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
