#!/usr/bin/env bash
# Push-query latency benchmark (docs/benchmarks.md, "Push query latency"): starts a real server on a
# free port with a scratch data directory, runs PushLatencyBench against it over pgjdbc, stops the
# server by PID. Usage: bench/run-push-latency-bench.sh [rowsPerSecond] [seconds] [batch]
set -euo pipefail
cd "$(dirname "$0")/.."
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
PG_VERSION=42.7.8

mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true -pl server -am package
OUT=bench/target/push-bench-classes
rm -rf "$OUT" && mkdir -p "$OUT"
PGJDBC="$M2/org/postgresql/postgresql/$PG_VERSION/postgresql-$PG_VERSION.jar"
javac -d "$OUT" -cp "$PGJDBC" bench/src/main/java/dev/sluice/bench/push/*.java

DATA=$(mktemp -d /tmp/sluice-push-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
SLUICE_LOG_LEVEL=WARN java -Xmx2g -jar server/target/sluice-server.jar server --port "$PORT" \
  --data-dir "$DATA/data" ${SLUICE_BENCH_SERVER_FLAGS:-} > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  if bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then break; fi
  sleep 0.5
done
java -Xmx1g -cp "$OUT:$PGJDBC" dev.sluice.bench.push.PushLatencyBench \
  "jdbc:postgresql://127.0.0.1:$PORT/sluice" "$@"
