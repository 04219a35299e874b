#!/usr/bin/env bash
# ThreadSanitizer over the code that runs on several threads (parallel_map): the unit tests, then
# a promote --all of 300 services and an apply of 300 services x 3 environments, each of which
# must make the same commit as a plain build on one thread and report no data race.
#
#   bash tests/sanitizers/tsan.sh        # builds build-tsan/ (about 10 minutes the first time)
#
# Not part of .ci/test (it would add a third full build); run it after touching threaded code.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="-fsanitize=thread -g" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$(nproc)" --target gitopsgen unit_tests >build-tsan/build.log 2>&1 ||
  { tail -30 build-tsan/build.log; exit 1; }
plain=${GITOPSGEN:-$src/build/gitopsgen}
[ -x "$plain" ] || { echo "tsan.sh: build the plain binary first (cmake --build build)" >&2; exit 1; }
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
build-tsan/tests/unit_tests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.test GIT_COMMITTER_NAME=T
export GIT_COMMITTER_EMAIL=t@example.test GIT_AUTHOR_DATE="1767225600 +0000"
export GIT_COMMITTER_DATE="1767225600 +0000" GIT_CONFIG_NOSYSTEM=1 HOME=$work
gen=tests/bench/gen.py
"$plain" init --repo-url https://github.com/oNddleo/gitops.git "$work/proto" -q
for lang in go java nodejs python; do
  "$plain" -C "$work/proto" add-service "proto-$lang" -l "$lang" -q
  # shellcheck disable=SC2046  # the secret flags are words
  "$plain" -C "$work/proto" add-service "proto-$lang-sec" -l "$lang" $(python3 "$gen" proto-secrets "$lang") -q
done
"$plain" init --repo-url https://github.com/oNddleo/gitops.git "$work/tpl" -q
python3 "$gen" clone-services "$work/proto" "$work/tpl" 300
git -C "$work/tpl" add -A && git -C "$work/tpl" commit -qm services
python3 "$gen" bump-tags "$work/tpl" staging && git -C "$work/tpl" commit -qam tags
python3 "$gen" services-yaml 300 "$work/services.yaml"
"$plain" init --repo-url https://github.com/oNddleo/gitops.git "$work/empty" -q
# run NAME BINARY THREADS: the two commands in fresh copies; prints the two commits.
run() {
  rm -rf "$work/p-$1" "$work/a-$1"
  cp -a "$work/tpl" "$work/p-$1"
  cp -a "$work/empty" "$work/a-$1"
  GITOPSGEN_THREADS=$3 "$2" -C "$work/p-$1" promote --all --from staging --to production -q
  GITOPSGEN_THREADS=$3 "$2" -C "$work/a-$1" apply -f "$work/services.yaml" -q
  echo "$(git -C "$work/p-$1" rev-parse HEAD) $(git -C "$work/a-$1" rev-parse HEAD)"
}
want=$(run plain "$plain" 1)
got=$(run tsan "$src/build-tsan/gitopsgen" 4)
[ "$want" = "$got" ] || { echo "tsan.sh: threaded commits $got differ from one thread's $want" >&2; exit 1; }
echo "tsan.sh: no data race; promote and apply on 4 threads made the same commits as on one"
