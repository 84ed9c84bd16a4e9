#!/usr/bin/env bash
# Builds the benchmarks jar and prints the Troupe/Pekko table of every workload.
#
#   bench/run.sh                  full run (3 alternating rounds, ~10-15 min on 2 cores)
#   bench/run.sh --quick          one short round (~3 min)
#   bench/run.sh --prof gc        also bytes allocated per operation
#   bench/run.sh --only echo,spawn --rounds 5
#   bench/run.sh --jdk /usr/lib/jvm/some-jdk-21 ...   run on that JDK
#   bench/run.sh --all-jdks ...   run the table once on every JDK >= 21 found
#   bench/run.sh --no-build ...   reuse bench/target/troupe-benchmarks.jar
#   bench/run.sh --help           every option of the table runner
#
# The JDK: --jdk, else JAVA_HOME if it is >= 21, else the newest >= 21 under /usr/lib/jvm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/troupe-benchmarks.jar"

# The feature version of the JDK at $1 (e.g. 25), or nothing if it is not a JDK.
jdk_version() {
  local java="$1/bin/java"
  [[ -x "$java" ]] || return 0
  "$java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//' | cut -d. -f1
}

# Every JDK >= 21 under /usr/lib/jvm, newest first, one per line, without duplicates (symlinks).
jdks_found() {
  local dir real v
  declare -A seen=()
  for dir in /usr/lib/jvm/*; do
    [[ -d "$dir" ]] || continue
    real="$(readlink -f "$dir")"
    [[ -n "${seen[$real]:-}" ]] && continue
    seen[$real]=1
    v="$(jdk_version "$real")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then
      echo "$v $real"
    fi
  done | sort -rn | cut -d' ' -f2-
}

jdk=""
all_jdks=false
build=true
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jdk)
      [[ $# -ge 2 ]] || { echo "error: --jdk needs a path" >&2; exit 2; }
      jdk="$2"; shift 2 ;;
    --all-jdks) all_jdks=true; shift ;;
    --no-build) build=false; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

if [[ -n "$jdk" ]]; then
  v="$(jdk_version "$jdk")"
  if [[ -z "$v" || "$v" -lt 21 ]]; then
    echo "error: --jdk $jdk is not a JDK >= 21 (found version '${v:-none}')" >&2
    exit 2
  fi
  jdks=("$jdk")
elif $all_jdks; then
  mapfile -t jdks < <(jdks_found)
elif [[ -n "${JAVA_HOME:-}" && "$(jdk_version "$JAVA_HOME")" -ge 21 ]] 2>/dev/null; then
  jdks=("$JAVA_HOME")
else
  mapfile -t jdks < <(jdks_found | head -n 1)
fi
if [[ ${#jdks[@]} -eq 0 || -z "${jdks[0]}" ]]; then
  echo "error: no JDK >= 21 found (set JAVA_HOME or pass --jdk); Troupe needs Java 21+" >&2
  exit 2
fi

if $build; then
  echo "building $jar ..." >&2
  # -am builds the actor runtime from this checkout too, so the table measures the code here.
  (cd "$root" && mvn -q -B -pl bench -am package -Dmaven.test.skip=true)
fi
[[ -f "$jar" ]] || { echo "error: $jar is missing; run without --no-build" >&2; exit 2; }

status=0
for j in "${jdks[@]}"; do
  v="$(jdk_version "$j")"
  flags=()
  # JMH and Pekko use sun.misc.Unsafe; from JDK 23 on that prints warnings unless allowed.
  if [[ "$v" -ge 23 ]]; then
    flags+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # Netty's native epoll transport (Troupe's TCP on Linux) loads a JNI library; JDK 24+ warns.
  flags+=(--enable-native-access=ALL-UNNAMED)
  echo "running on $j (Java $v)" >&2
  "$j/bin/java" "${flags[@]}" -jar "$jar" "${args[@]}" || status=$?
  echo
done
exit "$status"
