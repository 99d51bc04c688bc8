#!/usr/bin/env bash
# serve start-up: launch of the JVM to the first 200 from /ready, on a store and bundle folder
# (default: the quickstart market built by bin/bench-serve), median of N runs (default 5).
#   scripts/serve-startup.sh [--data DIR --models DIR] [--runs N] [--jar JAR]...
# With several --jar (e.g. a build of an earlier commit), the runs alternate between them, so that
# every jar sees the same machine load; one median per jar.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DATA="$ROOT/target/bench-serve-market/data" MODELS="$ROOT/target/bench-serve-market/models" RUNS=5
JARS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --models) MODELS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --jar) JARS+=("$2"); shift 2 ;;
    *) echo "serve-startup: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$MODELS/LATEST" ]] || { echo "serve-startup: no bundle in $MODELS (run bin/liqopt quickstart --no-serve --data ... --models ...)" >&2; exit 1; }
if [[ ${#JARS[@]} -eq 0 ]]; then
  ./mvnw -B -q -o -DskipTests package >/dev/null
  JARS=("cli/target/liqopt.jar")
fi
export ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$ROOT/target/djl-engine}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}"
port=17171
declare -A times
for i in $(seq "$RUNS"); do
  for jar in "${JARS[@]}"; do
    scratch=$(mktemp -d)
    cp -r "$DATA" "$scratch/data"
    start=$(date +%s%N)
    java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
      -Dai.djl.offline=true -jar "$jar" serve --data "$scratch/data" --models "$MODELS" \
      --port "$port" --clock data > "$scratch/log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/ready" > /dev/null; do
      kill -0 "$pid" 2>/dev/null || { cat "$scratch/log" >&2; exit 1; }
      sleep 0.02
    done
    end=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$scratch"
    ms=$(( (end - start) / 1000000 ))
    echo "run $i, $jar: ${ms} ms" >&2
    times[$jar]+="$ms "
  done
done
for jar in "${JARS[@]}"; do
  printf '%s\n' ${times[$jar]} | sort -n | awk -v jar="$jar" '{a[NR]=$1} END {printf "%s: serve start-up to first /ready 200: median %d ms of %d runs (min %d, max %d)\n", jar, a[int((NR+1)/2)], NR, a[1], a[NR]}'
done
