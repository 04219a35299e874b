#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang in build-fuzz/ and runs each for a while.
#   tests/fuzz/run.sh --smoke              every target ~15 s (what CI runs)
#   tests/fuzz/run.sh --seconds 300 NAME   NAME (e.g. fuzz_names) for 5 minutes
#   tests/fuzz/run.sh --merge ...          afterwards, add inputs reaching new code to the
#                                          committed corpus (minimized; review, then commit)
# Seeds come from tests/fuzz/corpus/<target>/ (committed; every crash found stays there as a
# regression input, so a smoke run replays them all first); new inputs go to
# build-fuzz/corpus/<target>/. Exits non-zero when any target finds a crash, a leak, a hang
# (over 5 s per input) or a broken invariant, and prints where the input that did it is.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
build=${FUZZ_BUILD:-$src/build-fuzz}
seconds=15
merge=
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --smoke) seconds=15 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift ;;
    --merge) merge=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    fuzz_*) targets+=("$1") ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_yaml_edit fuzz_services_spec fuzz_settings fuzz_names)

command -v clang++ >/dev/null || { echo "run.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
echo "== building ${targets[*]} in $build"
CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGITOPSGEN_FUZZ=ON >/dev/null || exit 2
if ! cmake --build "$build" --target "${targets[@]}" -j"$(nproc)" >"$build/fuzz-build.log" 2>&1; then
  grep -E "error|warning" "$build/fuzz-build.log" | head -20 >&2
  echo "run.sh: the build failed; see $build/fuzz-build.log" >&2
  exit 2
fi
grep -E "warning:" "$build/fuzz-build.log" | sort -u | head -20

failed=()
for t in "${targets[@]}"; do
  seeds=$src/tests/fuzz/corpus/$t
  work=$build/corpus/$t
  artifacts=$build/artifacts/$t
  mkdir -p "$work" "$artifacts"
  log=$build/$t.log
  echo "== $t: ${seconds} s (seeds: tests/fuzz/corpus/$t, log: $log)"
  # Leaks are findings; a sanitizer report or an uncaught exception aborts the input.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|cov: .*DONE" "$log" | tr '\n' ' '
  echo
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    echo "!! $t failed (exit $rc):" >&2
    grep -E "ERROR: |fuzz invariant broken|==[0-9]+==|terminate called|what\(\)" "$log" | head -5 >&2
    grep -E "Test unit written to" "$log" | sed 's/^/!! /' >&2
    echo "!! reproduce: $build/tests/fuzz/$t <that file>   (full log: $log)" >&2
  elif [ -n "$merge" ]; then
    "$build/tests/fuzz/$t" -merge=1 -max_len=16384 "$seeds" "$work" >>"$log" 2>&1 &&
      echo "   merged: $(ls "$seeds" | wc -l) inputs in tests/fuzz/corpus/$t"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: findings in ${failed[*]}" >&2
  exit 1
fi
echo "run.sh: no findings in ${targets[*]}"
