#!/usr/bin/env bash
# Formats every Java source with google-java-format 1.28.0 (the newest that runs on Java 17;
# 2-space indent, 100 columns), fetched once from Maven Central into the local repository.
#   scripts/format.sh           format in place
#   scripts/format.sh --check   list the files it would change; exit 1 if any
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=1.28.0
JAR="${HOME}/.m2/repository/com/google/googlejavaformat/google-java-format/$VERSION/google-java-format-$VERSION-all-deps.jar"
if [[ ! -f "$JAR" ]]; then
  ./mvnw -B -q dependency:get -Dtransitive=false \
    -Dartifact="com.google.googlejavaformat:google-java-format:$VERSION:jar:all-deps" >&2
fi
opens=()
for p in api code file parser tree util; do
  opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
mapfile -t files < <(git ls-files '*.java')
if [[ "${1:-}" == "--check" ]]; then
  changed=$(java "${opens[@]}" -jar "$JAR" --dry-run "${files[@]}")
  if [[ -n "$changed" ]]; then
    echo "$changed"
    echo "format: these files are not formatted (run scripts/format.sh)" >&2
    exit 1
  fi
else
  java "${opens[@]}" -jar "$JAR" --replace "${files[@]}"
fi
