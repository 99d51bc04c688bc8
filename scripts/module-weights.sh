#!/usr/bin/env bash
# Each module's runtime class path: how many jars and how many MB (its own classes not counted;
# the other liqopt modules it needs are), and whether XChart/AWT-using charts, Parquet/Hadoop,
# Tribuo/XGBoost or DJL/PyTorch are on it. Markdown table to stdout. See BENCHMARKS.md.
#   scripts/module-weights.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
modules=$(sed -n 's|^ *<module>\(.*\)</module>.*|\1|p' pom.xml | grep -v benchmarks)
# one reactor run (no install): each module's runtime class path into its target folder
./mvnw -B -q -o -DskipTests package dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile=target/runtime-classpath.txt >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| module | jars | MB | Parquet/Hadoop | Tribuo/XGBoost | DJL/PyTorch | XChart |"
echo "| --- | ---: | ---: | :-: | :-: | :-: | :-: |"
for m in $modules; do
  tr ':' '\n' < "$m/target/runtime-classpath.txt" | grep -v '^$' > "$out/$m.list" || true
  jars=$(wc -l < "$out/$m.list")
  bytes=$( (xargs -r stat -c %s < "$out/$m.list" || true) | awk '{s+=$1} END {print s+0}')
  has() { grep -q "$1" "$out/$m.list" && echo yes || echo -; }
  printf '| %s | %d | %.1f | %s | %s | %s | %s |\n' "$m" "$jars" \
    "$(awk -v b="$bytes" 'BEGIN {print b/1048576}')" "$(has parquet-hadoop)" \
    "$(has xgboost4j)" "$(has pytorch-native)" "$(has xchart)"
done
