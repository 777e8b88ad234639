#!/usr/bin/env bash
# Nexmark queries (docs/benchmarks.md, "Nexmark (in-process generator, blackhole)"): the built-in
# generator feeds Sluice's planned stream pipeline for q0, q1, q2 and bids-per-auction on one thread,
# into a blackhole sink. Builds bench and the modules it needs (offline, no tests), then runs
# dev.sluice.bench.nexmark.NexmarkQueryBench with the given arguments, e.g.
#   bench/run-nexmark-bench.sh --events 10M --runs 3 [--queries q0,q2] [--source read]
# MAVEN_REPO selects the local Maven repository (default ~/.m2/repository).
# JAVA_OPTS overrides the JVM flags (default -Xms2g -Xmx2g).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(mvn -B -o -q ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO})

"${MVN[@]}" -pl bench -am install -DskipTests -Dspotless.check.skip=true
CP_FILE=bench/target/nexmark-bench.classpath
"${MVN[@]}" -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=runtime
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms2g -Xmx2g} -cp "bench/target/classes:$(cat "$CP_FILE")" \
  dev.sluice.bench.nexmark.NexmarkQueryBench "$@"
