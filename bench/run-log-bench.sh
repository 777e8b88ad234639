#!/usr/bin/env bash
# Embedded log engine benchmark (docs/benchmarks.md, "Log engine (embedded backend)").
# Builds only log-engine (offline), compiles the bench classes of dev.sluice.bench.log against it with
# javac (so a half-finished module elsewhere in bench/ cannot block it), and runs them.
# Usage: bench/run-log-bench.sh [seconds per case, default 3] [scratch dir, default /tmp/sluice-log-bench] [case prefix, default all:
#        append, append-os-1-100, fetch, compression, latency, latency-100]; BENCH_JAVA_OPTS adds JVM flags (e.g. JFR).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_CASE="${1:-3}"
SCRATCH="${2:-/tmp/sluice-log-bench}"
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
SLF4J_VERSION=2.0.17

mvn -B -o -q -Dmaven.repo.local="$M2" -pl log-engine package -DskipTests -Dspotless.check.skip=true
OUT=bench/target/log-bench-classes
rm -rf "$OUT" && mkdir -p "$OUT"
CP="log-engine/target/classes:$M2/org/slf4j/slf4j-api/$SLF4J_VERSION/slf4j-api-$SLF4J_VERSION.jar"
# The compression codecs, at the versions the parent pom pins.
for dep in at/yawk/lz4/lz4-java/lz4.version com/github/luben/zstd-jni/zstd.version org/xerial/snappy/snappy-java/snappy.version; do
  version=$(sed -n "s|.*<${dep##*/}>\(.*\)</${dep##*/}>.*|\1|p" pom.xml)
  artifact=$(basename "$(dirname "$dep")")
  CP="$CP:$M2/$(dirname "$dep")/$version/$artifact-$version.jar"
done
javac -d "$OUT" -cp "$CP" bench/src/main/java/dev/sluice/bench/log/*.java
# slf4j-nop keeps the engine's INFO logs out of the tables.
exec java -Xms1g -Xmx1g -cp "$OUT:$CP:$M2/org/slf4j/slf4j-nop/$SLF4J_VERSION/slf4j-nop-$SLF4J_VERSION.jar" \
  ${BENCH_JAVA_OPTS:-} dev.sluice.bench.log.LogEngineBench "$SCRATCH" "$SECONDS_PER_CASE" "${3:-all}"
