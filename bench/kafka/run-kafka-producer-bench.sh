#!/usr/bin/env bash
# Apache Kafka producer benchmark, run side by side with Sluice's own ingest / log-engine benchmarks.
#
#   bench/kafka/run-kafka-producer-bench.sh
#
# What it does (see docs/benchmarks.md, "Apache Kafka producer, side by side"):
#   1. Copies Apache Kafka's jars (broker kafka_2.13, kafka-tools, kafka-clients, their runtime deps and
#      log4j's slf4j binding) from Maven Central into bench/kafka/target/kafka-lib-<version>/ with
#      `mvn dependency:copy-dependencies` on bench/kafka/pom.xml (a fetch-only POM, not in the reactor).
#      The copy is reused on later runs. Nothing is downloaded from anywhere else.
#   2. Formats a temporary KRaft storage dir and starts ONE combined broker+controller on 127.0.0.1 on
#      free ports, and waits until it is ready.
#   3. Runs Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance): RECORD_SIZE-byte
#      records (100), acks=all, unthrottled, against a topic with 1 partition and then one with 4
#      partitions (RF 1), and prints records/s, MB/s and latency percentiles.
#      Then (FSYNC_RUN=1, the default) a shorter run against a 1-partition topic with flush.messages=1,
#      the topic-level form of log.flush.interval.messages=1: the broker fsyncs the log after every
#      append (every produce request's record batch) before it answers, so acks=all then means "on disk",
#      not just "in the page cache of the one replica".
#   4. Always stops the broker by PID (TERM, then KILL after BROKER_STOP_TIMEOUT s) and deletes the
#      temp dir, on any exit (trap EXIT/INT/TERM). Every step has a time limit.
#
# Knobs (environment variables, defaults in brackets):
#   KAFKA_VERSION [4.3.1]      version fetched from Maven Central (kafka_2.13 and kafka-tools must both exist)
#   NUM_RECORDS [5000000]      records per normal run (includes the warm-up records)
#   WARMUP_RECORDS [500000]    records excluded from the "steady state" line (JIT warm-up)
#   RECORD_SIZE [100]          bytes per record value (no key)
#   PARTITIONS ["1 4"]         one normal run per partition count, in this order
#   FSYNC_RUN [1]              0 skips the flush.messages=1 run
#   FSYNC_RECORDS [500000]     records in the fsync run (it is ~10x slower)
#   FSYNC_WARMUP_RECORDS [50000]
#   PRODUCER_PROPS [""]        extra producer properties, space separated k=v (e.g. "linger.ms=10 batch.size=262144");
#                              acks=all is always set
#   BROKER_HEAP [1g]  PRODUCER_HEAP [512m]
#   RUN_TIMEOUT [300]          seconds allowed for each ProducerPerformance run
#   RESULTS_FILE [bench/kafka/target/results-<UTC timestamp>.txt]   summary copy
#   KEEP_TMP [0]               1 keeps the temp dir (broker log, data) for inspection
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
NUM_RECORDS="${NUM_RECORDS:-5000000}"
WARMUP_RECORDS="${WARMUP_RECORDS:-500000}"
RECORD_SIZE="${RECORD_SIZE:-100}"
PARTITIONS="${PARTITIONS:-1 4}"
FSYNC_RUN="${FSYNC_RUN:-1}"
FSYNC_RECORDS="${FSYNC_RECORDS:-500000}"
FSYNC_WARMUP_RECORDS="${FSYNC_WARMUP_RECORDS:-50000}"
PRODUCER_PROPS="${PRODUCER_PROPS:-}"
BROKER_HEAP="${BROKER_HEAP:-1g}"
PRODUCER_HEAP="${PRODUCER_HEAP:-512m}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
BROKER_READY_TIMEOUT="${BROKER_READY_TIMEOUT:-90}"
BROKER_STOP_TIMEOUT="${BROKER_STOP_TIMEOUT:-30}"
KEEP_TMP="${KEEP_TMP:-0}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS_FILE="${RESULTS_FILE:-$HERE/target/results-$STAMP.txt}"

LIB="$HERE/target/kafka-lib-$KAFKA_VERSION"
JAVA="${JAVA:-java}"
# Same GC flags as Kafka's own kafka-run-class.sh.
JVM_COMMON=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
            -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)

log() { printf '[kafka-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup (always)
TMP=""
BROKER_PID=""
PRODUCER_PID=""
TAIL_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "$PRODUCER_PID" "$TAIL_PID"; do   # only set while a producer run is in progress
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true     # timeout(1) passes TERM on to the producer JVM
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
    log "stopping broker pid $BROKER_PID (TERM, KILL after ${BROKER_STOP_TIMEOUT}s)"
    kill -TERM "$BROKER_PID" 2>/dev/null || true
    local waited=0
    while kill -0 "$BROKER_PID" 2>/dev/null && (( waited < BROKER_STOP_TIMEOUT * 10 )); do
      sleep 0.1; waited=$((waited + 1))
    done
    if kill -0 "$BROKER_PID" 2>/dev/null; then
      log "broker did not stop in ${BROKER_STOP_TIMEOUT}s: KILL"
      kill -KILL "$BROKER_PID" 2>/dev/null || true
    fi
    wait "$BROKER_PID" 2>/dev/null || true
  fi
  if [[ -n "$TMP" && -d "$TMP" ]]; then
    if [[ "$KEEP_TMP" == 1 ]]; then
      log "kept temp dir $TMP"
    else
      rm -rf -- "$TMP"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- 1. fetch Kafka from Maven Central
command -v "$JAVA" >/dev/null || die "java not found"
command -v mvn >/dev/null || die "mvn not found (needed once, to fetch Kafka's jars from Maven Central)"
if [[ ! -f "$LIB/.complete" ]]; then
  log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $LIB"
  rm -rf -- "$LIB"
  timeout 600 mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" -Dkafka.lib.dir="$LIB" >&2 \
    || die "mvn dependency:copy-dependencies failed (is org.apache.kafka:kafka-tools:$KAFKA_VERSION on Central?)"
  ls "$LIB"/kafka_2.13-"$KAFKA_VERSION".jar "$LIB"/kafka-tools-"$KAFKA_VERSION".jar >/dev/null \
    || die "Kafka jars missing in $LIB"
  touch "$LIB/.complete"
fi
CP="$LIB/*"

# ---------------------------------------------------------------- 2. temp dir, ports, config
TMP="$(mktemp -d "${TMPDIR:-/tmp}/sluice-kafka-bench.XXXXXX")"
DATA="$TMP/data"; LOGS="$TMP/logs"; mkdir -p "$DATA" "$LOGS"

free_port() {  # a currently free TCP port on 127.0.0.1 (loopback only)
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    for _ in $(seq 1 200); do
      p=$(( 20000 + RANDOM % 40000 ))
      ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
    done
    return 1
  fi
}
BROKER_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
while [[ "$CONTROLLER_PORT" == "$BROKER_PORT" ]]; do CONTROLLER_PORT="$(free_port)"; done
BOOTSTRAP="127.0.0.1:$BROKER_PORT"

sed -e "s#@DATA_DIR@#$DATA#g" -e "s#@BROKER_PORT@#$BROKER_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
    "$HERE/server.properties.template" > "$TMP/server.properties"
grep -E '^(listeners|advertised\.listeners|controller\.quorum\.voters)=' "$TMP/server.properties" \
  | grep -vE '127\.0\.0\.1' && die "non-loopback address in server.properties"

tool() {  # run a Kafka tool class with WARN-level logging; first arg: timeout in seconds
  local t="$1"; shift
  timeout --kill-after=10 "$t" "$JAVA" "${JVM_COMMON[@]}" -Xmx256m \
    -Dlog4j2.configurationFile="$HERE/log4j2-tools.xml" -cp "$CP" "$@"
}

# ---------------------------------------------------------------- machine / setup banner
{
  echo "== Apache Kafka producer benchmark (bench/kafka/run-kafka-producer-bench.sh)"
  echo "date (UTC):     $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "machine:        $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM ($(awk '/MemTotal/{printf "%.1f", $2/1048576}' /proc/meminfo) GiB usable), $(uname -sr)"
  echo "load average:   $(cut -d' ' -f1-3 /proc/loadavg) at start (other work on the machine skews the figures)"
  echo "java:           $("$JAVA" -version 2>&1 | head -1)"
  echo "kafka:          $KAFKA_VERSION (jars from Maven Central), 1 KRaft broker+controller, RF 1, $BOOTSTRAP, heap $BROKER_HEAP"
  echo "producer:       ProducerPerformance, ${RECORD_SIZE} B records, acks=all, --throughput -1, heap $PRODUCER_HEAP${PRODUCER_PROPS:+, extra: $PRODUCER_PROPS}"
  echo "runs:           partitions [$PARTITIONS] x $NUM_RECORDS records (warm-up $WARMUP_RECORDS)$([[ "$FSYNC_RUN" == 1 ]] && echo "; flush.messages=1 x $FSYNC_RECORDS records (warm-up $FSYNC_WARMUP_RECORDS)")"
} | tee "$TMP/summary.txt"

# ---------------------------------------------------------------- format + start the broker
CLUSTER_ID="$(tool 60 kafka.tools.StorageTool random-uuid | tail -1)"
[[ -n "$CLUSTER_ID" ]] || die "StorageTool random-uuid failed"
log "formatting $DATA (cluster id $CLUSTER_ID)"
tool 60 kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$TMP/server.properties" >"$LOGS/format.out" 2>&1 \
  || { cat "$LOGS/format.out" >&2; die "StorageTool format failed"; }

log "starting broker on $BOOTSTRAP (controller 127.0.0.1:$CONTROLLER_PORT)"
"$JAVA" "${JVM_COMMON[@]}" -Xms"$BROKER_HEAP" -Xmx"$BROKER_HEAP" \
  -Dkafka.logs.dir="$LOGS" -Dlog4j2.configurationFile="$HERE/log4j2-broker.xml" \
  -cp "$CP" kafka.Kafka "$TMP/server.properties" >"$LOGS/broker.out" 2>&1 &
BROKER_PID=$!

deadline=$(( SECONDS + BROKER_READY_TIMEOUT ))
until grep -q 'Kafka Server started' "$LOGS/server.log" 2>/dev/null; do
  kill -0 "$BROKER_PID" 2>/dev/null || { tail -40 "$LOGS/broker.out" "$LOGS/server.log" >&2 || true; die "broker exited during start-up"; }
  (( SECONDS < deadline )) || { tail -40 "$LOGS/server.log" >&2 || true; die "broker not ready after ${BROKER_READY_TIMEOUT}s"; }
  sleep 0.5
done
log "broker ready (pid $BROKER_PID)"

create_topic() {  # name partitions [--config k=v ...]
  local name="$1" parts="$2"; shift 2
  tool 90 org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$name" \
    --partitions "$parts" --replication-factor 1 "$@" >&2 || die "could not create topic $name"
}

# ---------------------------------------------------------------- 3. producer runs
declare -a RESULTS=()
run_producer() {  # label topic num_records warmup_records
  local label="$1" topic="$2" n="$3" warm="$4" out="$LOGS/producer-$2.out"
  local props=(acks=all)
  # shellcheck disable=SC2206
  [[ -n "$PRODUCER_PROPS" ]] && props+=($PRODUCER_PROPS)
  log "run '$label': $n x ${RECORD_SIZE} B to $topic (warm-up $warm), acks=all"
  # In the background + `wait`, so that a TERM/INT to this script runs cleanup() at once
  # (bash defers traps until a foreground child ends); cleanup() then stops it by PID.
  : >"$out"
  timeout --kill-after=10 "$RUN_TIMEOUT" "$JAVA" "${JVM_COMMON[@]}" -Xmx"$PRODUCER_HEAP" \
      -Dlog4j2.configurationFile="$HERE/log4j2-tools.xml" -cp "$CP" \
      org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      --num-records "$n" --warmup-records "$warm" --record-size "$RECORD_SIZE" --throughput -1 \
      --command-property "${props[@]}" >"$out" 2>&1 &
  PRODUCER_PID=$!
  tail -n +1 -f --pid="$PRODUCER_PID" "$out" >&2 &
  TAIL_PID=$!
  local prc=0
  wait "$PRODUCER_PID" || prc=$?
  PRODUCER_PID=""
  wait "$TAIL_PID" 2>/dev/null || true
  TAIL_PID=""
  (( prc == 0 )) || die "ProducerPerformance failed (exit $prc; 124 = timed out after ${RUN_TIMEOUT}s) for $topic"
  # Final lines: the whole run ("N records sent, ...") and, with warm-up, the steady state after it.
  local total steady
  total="$(grep -E '^[0-9]+ records sent, .*99\.9th' "$out" | tail -1 || true)"
  steady="$(grep -iE 'steady state' "$out" | tail -1 || true)"
  [[ -n "$total" ]] || die "no final result line from ProducerPerformance for $topic"
  RESULTS+=("[$label]" "  all records:  $total" "  steady state: ${steady:-n/a}")
}

for p in $PARTITIONS; do
  create_topic "perf-p$p" "$p"
  run_producer "${p} partition(s), default flushing (page cache)" "perf-p$p" "$NUM_RECORDS" "$WARMUP_RECORDS"
done

if [[ "$FSYNC_RUN" == 1 ]]; then
  create_topic "perf-fsync-p1" 1 --config flush.messages=1
  run_producer "1 partition, flush.messages=1 (fsync every append before the ack)" \
    "perf-fsync-p1" "$FSYNC_RECORDS" "$FSYNC_WARMUP_RECORDS"
fi

du -sh "$DATA" 2>/dev/null | awk '{print "broker data dir after runs: " $1}' >&2 || true

{
  echo "== results (load average at end: $(cut -d' ' -f1-3 /proc/loadavg))"
  printf '%s\n' "${RESULTS[@]}"
} | tee -a "$TMP/summary.txt"
mkdir -p "$(dirname "$RESULTS_FILE")"
cp "$TMP/summary.txt" "$RESULTS_FILE"
log "summary copied to $RESULTS_FILE"
# cleanup() runs on EXIT: stops the broker by PID and deletes $TMP.
