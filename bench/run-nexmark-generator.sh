#!/usr/bin/env bash
# Nexmark generator throughput (docs/benchmarks.md, "Nexmark generator"): one thread polls the
# built-in generator (dev.sluice.executor.nexmark) into a sink that only reads each row.
# Builds common and executor (offline), compiles the bench class with javac against them, runs it.
# Usage: bench/run-nexmark-generator.sh [seconds per case, default 5]
# MAVEN_REPO selects the local Maven repository (default ~/.m2/repository).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_CASE="${1:-5}"

mvn -B -o -q ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} -pl executor -am compile -Dspotless.check.skip=true
OUT=bench/target/nexmark-generator-bench-classes
rm -rf "$OUT" && mkdir -p "$OUT"
CP="common/target/classes:executor/target/classes"
javac -d "$OUT" -cp "$CP" bench/src/main/java/dev/sluice/bench/nexmark/*.java
exec java -Xms1g -Xmx1g -cp "$OUT:$CP" dev.sluice.bench.nexmark.NexmarkGeneratorBench "$SECONDS_PER_CASE"
