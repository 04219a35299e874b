#!/usr/bin/env bash
# shellcheck disable=SC2154  # TREE_<side> and US_<side> are set by measure() with printf -v
# Performance benchmark of gitopsgen against the git CLI doing the same commit (the floor).
#
#   bash tests/bench/run.sh [--quick] [--sizes SERVICES] [--only SECTIONS]
#
# Not part of the test suite. Each row runs gitopsgen and its baseline side by side, alternating,
# each run on a fresh copy of the same prepared repository, and prints the medians and their
# RATIO (absolute times drift on a shared machine; the ratio is what the targets are about).
# Prints a table on stdout, progress on stderr; exits 0 even when a target is missed (the row
# then says MISSED). --sizes sets the platform of the validate, status, add-service and promote-one
# rows (9: on both layouts); --only runs only the sections listed (1 apply, 2 promote --all,
# 3 set-image/rollback/set, 6 render, 7 validate/status, 9 layouts). See README.md.
set -euo pipefail

QUICK=0 SIZES="" ONLY=""
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --sizes)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench: --sizes takes a number of services" >&2; exit 2; }
      SIZES=$2; shift ;;
    --only)
      [[ ${2:-} =~ ^[123679](,[123679])*$ ]] || { echo "bench: --only takes section numbers: 1,2,3,6,7,9" >&2; exit 2; }
      ONLY=",$2,"; shift ;;
    -h | --help) sed -n '3,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "usage: bash tests/bench/run.sh [--quick] [--sizes SERVICES] [--only 1,2,3,6,7,9]" >&2; exit 2 ;;
  esac
  shift
done

if ((QUICK)); then
  APPLY_N=100 PROMOTE_N=100 APPLY_BIG_N=300 PROMOTE_BIG_N=300 RUNS_BIG=2
  SET_N=100 SET_C=50 SET_SMALL_N=10 SET_SMALL_C=5
  RUNS_APPLY=3 RUNS_PROMOTE=3 RUNS_SET=5 RENDER_N=5 RUNS_RENDER=2 SCALE_N=300 RUNS_SCALE=3
else
  APPLY_N=1000 PROMOTE_N=1000 APPLY_BIG_N=10000 PROMOTE_BIG_N=10000 RUNS_BIG=3
  SET_N=5000 SET_C=2000 SET_SMALL_N=500 SET_SMALL_C=200
  RUNS_APPLY=5 RUNS_PROMOTE=5 RUNS_SET=9 RENDER_N=100 RUNS_RENDER=3 SCALE_N=10000 RUNS_SCALE=3
fi
[[ -z $SIZES ]] || SCALE_N=$SIZES
TARGET_RATIO=1.5     # gitopsgen / baseline, the timed rows without a target of their own
TARGET_APPLY=1.0     # apply / git add -A && git commit, at 1,000 and 10,000 (issue 14)
TARGET_PROMOTE=1.0   # promote --all / git commit -a, at 1,000 and 10,000 (issue 14)
TARGET_SET=1.1       # set-image / sed + git commit -a (issue 14)
TARGET_SCALING=1.5   # set-image large / small: "~1", with room for the index that grows with files
TARGET_RSS_MIB=100   # apply of 10,000 x 3 (issue 14)
TARGET_ONE_EDIT=1.25 # rollback (and set) / set-image: "no more than one set-image costs", and noise
TARGET_RENDER=1.2    # validate --render / (its helm template runs one after another / cores)
TARGET_VALIDATE=2.0  # validate / every YAML file parsed once by libyaml on every core
TARGET_STATUS=1.5    # status / the value files parsed once by libyaml on every core

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GEN="$HERE/gen.py"
SRC_BIN=${GITOPSGEN:-$ROOT/build/gitopsgen}
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

log() { printf 'bench: [%3ds] %s\n' "$SECONDS" "$*" >&2; }
want() { [[ -z $ONLY || $ONLY == *",$1,"* ]]; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

[[ -x $SRC_BIN ]] || die "no gitopsgen binary at $SRC_BIN (build it, or set GITOPSGEN)"
command -v git >/dev/null || die "git is not installed"

# Work on tmpfs when there is one with room: copying a repository of 30,000 files there takes
# ~1.5 s instead of ~10 s on this machine's ext4, and no disk writeback adds noise. Both sides
# run on the same file system either way. BENCH_TMPDIR chooses another place.
pick_base() {
  if [[ -n ${BENCH_TMPDIR:-} ]]; then echo "$BENCH_TMPDIR"; return; fi
  if [[ -d /dev/shm && -w /dev/shm ]] &&
    (($(df -Pk /dev/shm | awk 'NR==2 {print $4}') > 3 * 1024 * 1024)); then
    echo /dev/shm
  else
    echo "${TMPDIR:-/tmp}"
  fi
}
BASE=$(pick_base)
WORK=$(mktemp -d "$BASE/gitopsgen-bench.XXXXXX")
trap 'cd /; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP PIPE   # so that the EXIT trap cleans up then too
cd "$WORK"

# The binary is copied once, so a rebuild during the run cannot hand us a half-written file.
cp "$SRC_BIN" "$WORK/gitopsgen"
G="$WORK/gitopsgen"

# Same identity and no user or system configuration for both sides.
mkdir -p "$WORK/home"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C
export GIT_AUTHOR_NAME="Bench" GIT_AUTHOR_EMAIL="bench@example.test"
export GIT_COMMITTER_NAME="Bench" GIT_COMMITTER_EMAIL="bench@example.test"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
# The floor: no automatic gc, and no `git maintenance run --auto` child process after commit.
GIT=(git -c gc.auto=0 -c maintenance.auto=false)

# ---------------------------------------------------------------------------------------------
# helpers

# fresh SRC DEST: a private copy of a prepared repository, with the index's stat data refreshed
# for the copy's new inodes (otherwise the next git or libgit2 call would re-hash every file).
fresh() {
  cp -a "$1" "$2"
  "${GIT[@]}" -C "$2" update-index -q --refresh >/dev/null || true
}

# copy_changes REF DEST: make DEST's work tree hold exactly the changes of REF's last commit
# (one tar pipe, not a process per file: apply changes 6,000 files).
copy_changes() {
  local ref=$1 dest=$2
  git -C "$ref" diff -z --name-only --no-renames --diff-filter=d HEAD~1 HEAD |
    tar -C "$ref" --null -T - -cf - | tar -C "$dest" -xmf -
  git -C "$ref" diff -z --name-only --no-renames --diff-filter=D HEAD~1 HEAD |
    (cd "$dest" && xargs -0 -r rm -f --)
}

tree_of() { git -C "$1" rev-parse 'HEAD^{tree}'; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# Seconds with 3 significant-ish decimals from microseconds.
fmt_s() { awk -v u="$1" 'BEGIN {s=u/1e6; if (s < 1) printf "%.3fs", s; else printf "%.2fs", s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }

ROWS=()
row() {
  local line
  line=$(printf '%-50s %-11s %-10s %-7s %-8s %s' "$@")
  ROWS+=("${line%"${line##*[![:space:]]}"}")
}
timed_row() { # LABEL G_US B_US TARGET
  local r
  r=$(ratio "$2" "$3")
  row "$1" "$(fmt_s "$2")" "$(fmt_s "$3")" "${r}x" "<=${4}x" "$(le "$r" "$4" && echo ok || echo MISSED)"
}

# measure RUNS SIDE...: for each run, each side (order rotated every run) gets prep_SIDE DIR
# (untimed) then run_SIDE inside DIR (timed, output to a log). Run 0 is a warm-up and not counted.
# Fills US_<side> (median microseconds) and TREE_<side> (tree of the last run's HEAD).
measure() {
  local runs=$1 i k side dir t0 t1 n
  shift
  local -a sides=("$@") order
  declare -gA SAMPLES=()
  n=${#sides[@]}
  for ((i = 0; i <= runs; i++)); do
    order=()
    for ((k = 0; k < n; k++)); do order+=("${sides[(k + i) % n]}"); done
    for side in "${order[@]}"; do
      dir="$WORK/run-$side"
      rm -rf "$dir"
      "prep_$side" "$dir"
      cd "$dir"
      t0=$EPOCHREALTIME
      if ! "run_$side" >"$WORK/run.log" 2>&1; then
        cd "$WORK"
        cat "$WORK/run.log" >&2
        die "run_$side failed"
      fi
      t1=$EPOCHREALTIME
      cd "$WORK"
      ((i == 0)) || SAMPLES[$side]+=" $((${t1/./} - ${t0/./}))"
      printf -v "TREE_$side" '%s' "$(tree_of "$dir")"
      "check_$side" "$dir"
      rm -rf "$dir"
    done
    log "  run $i/$runs done"
  done
  for side in "${sides[@]}"; do
    # shellcheck disable=SC2086
    printf -v "US_$side" '%s' "$(median ${SAMPLES[$side]})"
  done
}

# ---------------------------------------------------------------------------------------------
# prototypes: one service per language, with and without secrets, made by the real add-service;
# bigger platforms are copies of their files with the name replaced (gen.py clone-services).

log "gitopsgen: $SRC_BIN ($(stat -c %y "$SRC_BIN" | cut -d. -f1)); work dir $WORK"
log "building the prototype services and the empty platform"
"$G" init --repo-url https://github.com/oNddleo/gitops.git "$WORK/proto" -q
for lang in go java nodejs python; do
  "$G" -C "$WORK/proto" add-service "proto-$lang" -l "$lang" -q
  # shellcheck disable=SC2046
  "$G" -C "$WORK/proto" add-service "proto-$lang-sec" -l "$lang" $("$PY" "$GEN" proto-secrets "$lang") -q
done
"$G" init --repo-url https://github.com/oNddleo/gitops.git "$WORK/empty" -q
"${GIT[@]}" -C "$WORK/empty" update-index -q --refresh

# make_platform DIR SERVICES [LAYOUT]: init, SERVICES services in one git commit, validated.
make_platform() {
  local dir=$1 n=$2 layout=${3:-app-of-apps}
  "$G" init --repo-url https://github.com/oNddleo/gitops.git "$dir" --layout "$layout" -q
  "$PY" "$GEN" clone-services "$WORK/proto" "$dir" "$n"
  "${GIT[@]}" -C "$dir" add -A
  "${GIT[@]}" -C "$dir" commit -q -m "feat: add $n services"
  if ! "$G" -C "$dir" validate -q >"$WORK/validate.log" 2>&1; then
    cat "$WORK/validate.log" >&2
    die "gitopsgen validate fails on the generated $n-service platform"
  fi
}

# =============================================================================================
# 1. apply N services x 3 environments into an empty platform, vs git add -A && git commit

if want 1; then

# The help is read whole first: with pipefail, grep -q leaving early would SIGPIPE the writer.
HELP_TEXT=$("$G" --help 2>&1)
# bench_apply N RUNS [RSS]: the apply row at N services (and its peak RSS row when RSS is set).
bench_apply() {
  local n=$1 runs=$2 rss=${3:-}
  local label="apply ${n}x3 vs git add+commit" rss_label="peak RSS of apply ${n}x3"
  if ! grep -qE '^[[:space:]]+apply[[:space:]]' <<<"$HELP_TEXT"; then
    log "1. apply: skipped, this gitopsgen has no apply command"
    row "$label" "skipped: apply not available"
    return
  fi
  log "1. apply: $n services x 3 environments"
  "$PY" "$GEN" services-yaml "$n" "$WORK/services.yaml"
  fresh "$WORK/empty" "$WORK/ref-apply"
  "$G" -C "$WORK/ref-apply" apply -f "$WORK/services.yaml" -q ||
    die "gitopsgen apply failed on the generated $WORK/services.yaml"
  [[ $(git -C "$WORK/ref-apply" rev-parse HEAD~1) == $(git -C "$WORK/empty" rev-parse HEAD) ]] ||
    die "apply did not make exactly one commit"
  apply_files=$(git -C "$WORK/ref-apply" diff --name-only HEAD~1 HEAD | wc -l)
  log "   apply writes $apply_files files in one commit"
  APPLY_TREE=$(tree_of "$WORK/ref-apply")
  prep_ag() { fresh "$WORK/empty" "$1"; }
  run_ag() { "$G" apply -f "$WORK/services.yaml" -q; }
  prep_ab() { fresh "$WORK/empty" "$1"; copy_changes "$WORK/ref-apply" "$1"; }
  run_ab() { "${GIT[@]}" add -A && "${GIT[@]}" commit -q -m x; }
  check_ag() { [[ $TREE_ag == "$APPLY_TREE" ]] || die "apply made a different tree than its reference run"; }
  check_ab() { [[ $TREE_ab == "$APPLY_TREE" ]] || die "the git baseline of apply committed a different tree"; }
  measure "$runs" ag ab
  timed_row "$label" "$US_ag" "$US_ab" "$TARGET_APPLY"
  if [[ -n $rss ]]; then
    log "   peak RSS of apply (/usr/bin/time -v)"
    if [[ -x /usr/bin/time ]]; then
      fresh "$WORK/empty" "$WORK/rss"
      /usr/bin/time -v "$G" -C "$WORK/rss" apply -f "$WORK/services.yaml" -q 2>"$WORK/time.log" >/dev/null ||
        { cat "$WORK/time.log" >&2; die "apply failed under /usr/bin/time"; }
      kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.log")
      mib=$(awk -v k="$kib" 'BEGIN {printf "%.0f", k/1024}')
      row "$rss_label" "$mib MiB" "" "" "<=${TARGET_RSS_MIB}MiB" "$( ((mib <= TARGET_RSS_MIB)) && echo ok || echo MISSED)"
      rm -rf "$WORK/rss"
    else
      row "$rss_label" "skipped: /usr/bin/time missing (apt-get install time)"
    fi
  fi
  rm -rf "$WORK/ref-apply"
}
bench_apply "$APPLY_N" "$RUNS_APPLY"
bench_apply "$APPLY_BIG_N" "$RUNS_BIG" rss

fi

# =============================================================================================
# 2. promote --all staging -> production of N services in one commit, vs git commit -a

if want 2; then

# bench_promote N RUNS: the promote --all row at N services.
bench_promote() {
  local n=$1 runs=$2
  log "2. promote: building a platform of $n services, every staging tag different"
  make_platform "$WORK/tpl-promote" "$n"
  "$PY" "$GEN" bump-tags "$WORK/tpl-promote" staging
  "${GIT[@]}" -C "$WORK/tpl-promote" commit -q -a -m "chore(release): new staging tags"
  "${GIT[@]}" -C "$WORK/tpl-promote" repack -adq
  "${GIT[@]}" -C "$WORK/tpl-promote" update-index -q --refresh
  fresh "$WORK/tpl-promote" "$WORK/ref-promote"
  "$G" -C "$WORK/ref-promote" promote --all --from staging --to production -q
  promoted=$(git -C "$WORK/ref-promote" diff --name-only HEAD~1 HEAD | wc -l)
  ((promoted == n)) || die "promote changed $promoted files, expected $n"
  PROMOTE_TREE=$(tree_of "$WORK/ref-promote")
  prep_pg() { fresh "$WORK/tpl-promote" "$1"; }
  run_pg() { "$G" promote --all --from staging --to production -q; }
  prep_pb() { fresh "$WORK/tpl-promote" "$1"; copy_changes "$WORK/ref-promote" "$1"; }
  run_pb() { "${GIT[@]}" commit -a -q -m x; }
  check_pg() { [[ $TREE_pg == "$PROMOTE_TREE" ]] || die "promote made a different tree than its reference run"; }
  check_pb() { [[ $TREE_pb == "$PROMOTE_TREE" ]] || die "the git baseline of promote committed a different tree"; }
  log "   measuring promote --all ($n edits)"
  measure "$runs" pg pb
  timed_row "promote --all ${n} vs git commit -a" "$US_pg" "$US_pb" "$TARGET_PROMOTE"
  rm -rf "$WORK/ref-promote" "$WORK/tpl-promote"
}
bench_promote "$PROMOTE_N" "$RUNS_PROMOTE"
bench_promote "$PROMOTE_BIG_N" "$RUNS_BIG"

fi

# =============================================================================================
# 3. one set-image in a platform of many services and commits, vs sed + git commit -a

if want 3; then

# make_history DIR SERVICES COMMITS: a platform whose main has COMMITS commits in all (init, the
# services, then releases that each set one value file's tag), packed as a clone would be.
make_history() {
  local dir=$1 n=$2 c=$3
  make_platform "$dir" "$n"
  "${GIT[@]}" -C "$dir" repack -adq
  if ((c > 2)); then
    "$PY" "$GEN" history "$dir" $((c - 2)) | git -C "$dir" fast-import --quiet --force
    "${GIT[@]}" -C "$dir" reset -q --hard
  fi
  "${GIT[@]}" -C "$dir" update-index -q --refresh
  local got
  got=$(git -C "$dir" rev-list --count HEAD)
  ((got == c)) || die "$dir has $got commits, expected $c"
}
log "3. set-image: building a platform of $SET_N services and $SET_C commits"
make_history "$WORK/tpl-set" "$SET_N" "$SET_C"
log "   and one of $SET_SMALL_N services and $SET_SMALL_C commits"
make_history "$WORK/tpl-set-small" "$SET_SMALL_N" "$SET_SMALL_C"
# The same files, index and work tree as tpl-set with a history of one commit: isolates the
# cost of history from the cost of the number of files.
log "   and the $SET_N-service one with its history squashed into one commit"
cp -a "$WORK/tpl-set" "$WORK/tpl-set-flat"
(
  cd "$WORK/tpl-set-flat"
  root=$(git commit-tree 'HEAD^{tree}' -m "all $SET_N services")
  git update-ref refs/heads/main "$root"
  rm -rf .git/logs
  "${GIT[@]}" repack -adq
  "${GIT[@]}" prune --expire=now
  "${GIT[@]}" update-index -q --refresh
  [[ $(git rev-list --count HEAD) == 1 ]]
) || die "cannot squash the history of $WORK/tpl-set-flat"

set_target() { printf 'svc-%04d' $(($1 / 2)); }
SVC_L=$(set_target "$SET_N") SVC_S=$(set_target "$SET_SMALL_N")
NEW_TAG=9.9.9
ref_set() { # TEMPLATE SERVICE -> tree
  fresh "$1" "$WORK/ref-set"
  "$G" -C "$WORK/ref-set" set-image "$2" --env production --tag "$NEW_TAG" -q
  [[ $(git -C "$WORK/ref-set" diff --numstat HEAD~1 HEAD | cut -f1,2) == "$(printf '1\t1')" ]] ||
    die "set-image did not change exactly one line"
  tree_of "$WORK/ref-set"
  rm -rf "$WORK/ref-set"
}
# (tpl-set-flat holds the same files as tpl-set: the same edit gives the same tree.)
SET_TREE_L=$(ref_set "$WORK/tpl-set" "$SVC_L")
SET_TREE_S=$(ref_set "$WORK/tpl-set-small" "$SVC_S")
sed_commit() { # the same one-line edit with sed, then git commit -a
  sed -i "s/^  tag: .*\$/  tag: $NEW_TAG/" "charts/vsf-miniapp/ci/$1-production.yaml" &&
    "${GIT[@]}" commit -a -q -m x
}
prep_sg() { fresh "$WORK/tpl-set" "$1"; }
run_sg() { "$G" set-image "$SVC_L" --env production --tag "$NEW_TAG" -q; }
prep_sb() { fresh "$WORK/tpl-set" "$1"; }
run_sb() { sed_commit "$SVC_L"; }
prep_ssg() { fresh "$WORK/tpl-set-small" "$1"; }
run_ssg() { "$G" set-image "$SVC_S" --env production --tag "$NEW_TAG" -q; }
prep_ssb() { fresh "$WORK/tpl-set-small" "$1"; }
run_ssb() { sed_commit "$SVC_S"; }
prep_shg() { fresh "$WORK/tpl-set-flat" "$1"; }
run_shg() { run_sg; }
check_shg() { [[ $TREE_shg == "$SET_TREE_L" ]] || die "set-image (one commit) made a different tree"; }
prep_shb() { fresh "$WORK/tpl-set-flat" "$1"; }
run_shb() { run_sb; }
check_shb() { [[ $TREE_shb == "$SET_TREE_L" ]] || die "sed + git commit -a (one commit) committed a different tree"; }
check_sg() { [[ $TREE_sg == "$SET_TREE_L" ]] || die "set-image made a different tree than its reference run"; }
check_sb() { [[ $TREE_sb == "$SET_TREE_L" ]] || die "sed + git commit -a committed a different tree than set-image"; }
check_ssg() { [[ $TREE_ssg == "$SET_TREE_S" ]] || die "set-image (small) made a different tree than its reference run"; }
check_ssb() { [[ $TREE_ssb == "$SET_TREE_S" ]] || die "sed + git commit -a (small) committed a different tree than set-image"; }
log "   measuring set-image at both sizes, interleaved"
measure "$RUNS_SET" sg sb ssg ssb shg shb
timed_row "set-image ${SET_N}svc/${SET_C}c vs sed+git commit -a" "$US_sg" "$US_sb" "$TARGET_SET"
timed_row "set-image ${SET_SMALL_N}svc/${SET_SMALL_C}c vs sed+git commit -a" "$US_ssg" "$US_ssb" "$TARGET_RATIO"
r=$(ratio "$US_sg" "$US_shg")
row "set-image growth: ${SET_C} commits over 1 (${SET_N}svc)" \
  "$(fmt_s "$US_sg")" "$(fmt_s "$US_shg")" "${r}x" "<=${TARGET_SCALING}x" \
  "$(le "$r" "$TARGET_SCALING" && echo ok || echo MISSED)"
row "  (sed+git commit -a, the same two)" "$(fmt_s "$US_sb")" "$(fmt_s "$US_shb")" \
  "$(ratio "$US_sb" "$US_shb")x" "info" ""
# Ten times the services means ten times the index and the ci/ tree, for git as much as for
# gitopsgen: the target is to grow no more than git's own commit does between the same sizes.
r=$(ratio "$US_sg" "$US_ssg")
git_growth=$(ratio "$US_sb" "$US_ssb")
row "set-image growth: ${SET_N}svc/${SET_C}c over ${SET_SMALL_N}/${SET_SMALL_C}" \
  "$(fmt_s "$US_sg")" "$(fmt_s "$US_ssg")" "${r}x" "<=git" \
  "$(le "$r" "$git_growth" && echo ok || echo MISSED)"
row "  (sed+git commit -a, the same two sizes)" "$(fmt_s "$US_sb")" "$(fmt_s "$US_ssb")" \
  "${git_growth}x" "info" ""

# 4. rollback, which reads the environment's history, against the set-image of the same tag

log "4. rollback: the same $SET_N-service, $SET_C-commit platform after one more release of $SVC_L"
cp -a "$WORK/tpl-set" "$WORK/tpl-rb"
OLD_TAG=$(sed -n 's/^  tag: //p' "$WORK/tpl-rb/charts/vsf-miniapp/ci/$SVC_L-production.yaml")
"$G" -C "$WORK/tpl-rb" set-image "$SVC_L" --env production --tag "$NEW_TAG" -q
"${GIT[@]}" -C "$WORK/tpl-rb" update-index -q --refresh
fresh "$WORK/tpl-rb" "$WORK/ref-rb"
"$G" -C "$WORK/ref-rb" set-image "$SVC_L" --env production --tag "$OLD_TAG" -q
RB_TREE=$(tree_of "$WORK/ref-rb")
rm -rf "$WORK/ref-rb"
prep_rg() { fresh "$WORK/tpl-rb" "$1"; }
run_rg() { "$G" rollback "$SVC_L" --env production -q; }
check_rg() { [[ $TREE_rg == "$RB_TREE" ]] || die "rollback made a different tree than set-image of the tag before"; }
prep_rs() { fresh "$WORK/tpl-rb" "$1"; }
run_rs() { "$G" set-image "$SVC_L" --env production --tag "$OLD_TAG" -q; }
check_rs() { [[ $TREE_rs == "$RB_TREE" ]] || die "set-image made a different tree than its reference run"; }
measure "$RUNS_SET" rg rs
timed_row "rollback ${SET_N}svc/${SET_C}c vs set-image of that tag" "$US_rg" "$US_rs" "$TARGET_ONE_EDIT"

# 5. set, the general editor (key path, schema check, typing), against set-image's same edit

log "5. set image.tag: the same $SET_N-service, $SET_C-commit platform, against set-image"
prep_vg() { fresh "$WORK/tpl-set" "$1"; }
run_vg() { "$G" set "$SVC_L" --env production "image.tag=$NEW_TAG" -q; }
check_vg() { [[ $TREE_vg == "$SET_TREE_L" ]] || die "set made a different tree than set-image of the same tag"; }
measure "$RUNS_SET" vg sg
timed_row "set image.tag ${SET_N}svc/${SET_C}c vs set-image" "$US_vg" "$US_sg" "$TARGET_ONE_EDIT"

fi

# =============================================================================================
# 6. validate --render of N services x 3 environments, against the same helm template runs one
#    after another divided by the cores: the renders are the work, spread on every core

if want 6; then

HELM_BIN=${HELM:-$ROOT/build/tools/helm}
RENDER_LABEL="validate --render ${RENDER_N}x3 vs helm runs/$(nproc) cores"
if [[ -x $HELM_BIN ]]; then
  log "6. validate --render: a platform of $RENDER_N services, $((RENDER_N * 3 + 1)) renders"
  make_platform "$WORK/tpl-render" "$RENDER_N"
  "${GIT[@]}" -C "$WORK/tpl-render" update-index -q --refresh
  # The helm template runs validate makes: the chart with its defaults, then each Application.
  {
    echo "vsf-miniapp"
    for f in "$WORK"/tpl-render/charts/vsf-miniapp/ci/*.yaml; do
      stem=$(basename "$f" .yaml)
      echo "vsf-miniapp-${stem%-*}-${stem##*-} ${stem##*-} ci/$stem.yaml"
    done
  } >"$WORK/renders.txt"
  prep_rv() { cp -a "$WORK/tpl-render" "$1"; }
  run_rv() { "$G" validate --render --helm "$HELM_BIN" -q; }
  check_rv() { :; }
  prep_rh() { cp -a "$WORK/tpl-render" "$1"; }
  run_rh() {
    local release ns values
    while read -r release ns values; do
      if [[ -z $ns ]]; then
        "$HELM_BIN" template "$release" charts/vsf-miniapp --api-versions monitoring.coreos.com/v1 >/dev/null
      else
        "$HELM_BIN" template "$release" charts/vsf-miniapp --api-versions monitoring.coreos.com/v1 \
          --namespace "$ns" --values "charts/vsf-miniapp/$values" >/dev/null
      fi
    done <"$WORK/renders.txt"
  }
  check_rh() { :; }
  measure "$RUNS_RENDER" rv rh
  per_core=$(awk -v b="$US_rh" -v c="$(nproc)" 'BEGIN {printf "%d", b / c}')
  timed_row "$RENDER_LABEL" "$US_rv" "$per_core" "$TARGET_RENDER"
  rm -rf "$WORK/tpl-render"
else
  row "$RENDER_LABEL" "skipped: no helm at $HELM_BIN (ctest -R tools_setup fetches it)"
fi

fi

# =============================================================================================
# 7-8. validate and status of N services x 3 environments, against their floor: the same YAML
#      files read and parsed once by libyaml (events only) on every core (tests/bench/yaml_floor)

if want 7; then

FLOOR="$ROOT/build/tests/yaml_floor"
if cmake --build "$ROOT/build" --target yaml_floor >"$WORK/floor.log" 2>&1 && [[ -x $FLOOR ]]; then
  log "7. validate and 8. status: a platform of $SCALE_N services x 3 environments"
  make_platform "$WORK/tpl-scale" "$SCALE_N"
  prep_vv() { cp -a "$WORK/tpl-scale" "$1"; }
  run_vv() { "$G" validate -q; }
  prep_vf() { cp -a "$WORK/tpl-scale" "$1"; }
  run_vf() { "$FLOOR" . all >/dev/null; }
  check_vv() { :; }
  check_vf() { :; }
  measure "$RUNS_SCALE" vv vf
  timed_row "validate ${SCALE_N}x3 vs libyaml floor" "$US_vv" "$US_vf" "$TARGET_VALIDATE"
  prep_ss() { cp -a "$WORK/tpl-scale" "$1"; }
  run_ss() { "$G" status >/dev/null; }
  prep_sf() { cp -a "$WORK/tpl-scale" "$1"; }
  run_sf() { "$FLOOR" . values >/dev/null; }
  check_ss() { :; }
  check_sf() { :; }
  measure "$RUNS_SCALE" ss sf
  timed_row "status ${SCALE_N}x3 vs libyaml floor (value files)" "$US_ss" "$US_sf" "$TARGET_STATUS"
  rm -rf "$WORK/tpl-scale"
else
  row "validate ${SCALE_N}x3 vs libyaml floor" "skipped: cannot build yaml_floor ($WORK/floor.log)"
  row "status ${SCALE_N}x3 vs libyaml floor (value files)" "skipped: no yaml_floor"
fi

fi

# =============================================================================================
# 9. add-service and promote of one service in a platform of N services, on both layouts,
#    against git committing the same files (git add -A && git commit; git commit -a)

if want 9; then

for layout in app-of-apps applicationset; do
  log "9. add-service and promote: a platform of $SCALE_N services, layout $layout"
  make_platform "$WORK/tpl-one" "$SCALE_N" "$layout"
  "$PY" "$GEN" bump-tags "$WORK/tpl-one" staging
  "${GIT[@]}" -C "$WORK/tpl-one" commit -q -a -m "chore(release): new staging tags"
  "${GIT[@]}" -C "$WORK/tpl-one" repack -adq
  "${GIT[@]}" -C "$WORK/tpl-one" update-index -q --refresh
  fresh "$WORK/tpl-one" "$WORK/ref-add"
  "$G" -C "$WORK/ref-add" add-service newcomer -l go -q
  ADD_TREE=$(tree_of "$WORK/ref-add")
  fresh "$WORK/tpl-one" "$WORK/ref-one"
  "$G" -C "$WORK/ref-one" promote svc-0001 --from staging --to production -q
  ONE_TREE=$(tree_of "$WORK/ref-one")
  prep_xg() { fresh "$WORK/tpl-one" "$1"; }
  run_xg() { "$G" add-service newcomer -l go -q; }
  prep_xb() { fresh "$WORK/tpl-one" "$1"; copy_changes "$WORK/ref-add" "$1"; }
  run_xb() { "${GIT[@]}" add -A && "${GIT[@]}" commit -q -m x; }
  check_xg() { [[ $TREE_xg == "$ADD_TREE" ]] || die "add-service made a different tree than its reference run"; }
  check_xb() { [[ $TREE_xb == "$ADD_TREE" ]] || die "the git baseline of add-service committed a different tree"; }
  measure "$RUNS_SCALE" xg xb
  timed_row "add-service ${SCALE_N}svc ${layout/applicationset/appset} vs git add+commit" "$US_xg" "$US_xb" "$TARGET_RATIO"
  prep_og() { fresh "$WORK/tpl-one" "$1"; }
  run_og() { "$G" promote svc-0001 --from staging --to production -q; }
  prep_ob() { fresh "$WORK/tpl-one" "$1"; copy_changes "$WORK/ref-one" "$1"; }
  run_ob() { "${GIT[@]}" commit -a -q -m x; }
  check_og() { [[ $TREE_og == "$ONE_TREE" ]] || die "promote made a different tree than its reference run"; }
  check_ob() { [[ $TREE_ob == "$ONE_TREE" ]] || die "the git baseline of promote committed a different tree"; }
  measure "$RUNS_SCALE" og ob
  timed_row "promote 1 of ${SCALE_N}svc ${layout/applicationset/appset} vs git commit -a" "$US_og" "$US_ob" "$TARGET_RATIO"
  rm -rf "$WORK/tpl-one" "$WORK/ref-add" "$WORK/ref-one"
done

fi

# =============================================================================================

model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
printf '%-50s %-11s %-10s %-7s %-8s %s\n' benchmark gitopsgen baseline ratio target verdict
printf '%s\n' "${ROWS[@]}"
printf 'machine: %s cores, %s, %s\n' "$(nproc)" "${model:-unknown CPU}" "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'sizes: %s (validate and status: %s services); runs per row: %s/%s/%s/%s/%s (median, alternating, fresh copies); work dir on %s (%s)\n' \
  "$( ((QUICK)) && echo quick || echo full)" "$SCALE_N" "$RUNS_APPLY" "$RUNS_PROMOTE" "$RUNS_SET" "$RUNS_RENDER" "$RUNS_SCALE" \
  "$BASE" "$(df -PT "$BASE" | awk 'NR==2 {print $2}')"
