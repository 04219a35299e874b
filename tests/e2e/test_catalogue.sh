#!/usr/bin/env bash
# The catalogue of bad inputs: every entry of catalogue.tsv runs gitopsgen on a fresh copy of one
# platform (after the entry's setup function) and must be refused with lib.sh's `refuses`: one
# stderr line holding the entry's text, nothing on stdout, HEAD, refs, index, status and every
# work-tree byte unchanged, within 30 s. The run then writes the catalogue as a markdown table,
# prints it, and fails when docs/bad-inputs.md differs from it.
#
#   CATALOGUE_PENDING=1  also run the `pending:` entries (features not yet on main); no doc check
#   CATALOGUE_UPDATE=1   rewrite docs/bad-inputs.md from this run
#   CATALOGUE_ONLY=RE    run only the entries whose id matches the extended regex RE; no doc check
. "$(dirname "$0")/lib.sh"

CATALOGUE=$SOURCE_DIR/tests/e2e/catalogue.tsv
DOC=$SOURCE_DIR/docs/bad-inputs.md
PENDING=${CATALOGUE_PENDING:-}
ONLY=${CATALOGUE_ONLY:-}

# Values the args column may name.
A35=$(printf 'a%.0s' {1..35})
A64=$(printf 'a%.0s' {1..64})
T129=$(printf 't%.0s' {1..129})
L63=$(printf 'h%.0s' {1..63})
HOST254=$L63.$L63.$L63.${L63:1}
HEX64=$(printf '0%.0s' {1..64})
IN=$WORK/in
mkdir -p "$IN" "$WORK/e"

# One platform with two services, copied for every entry.
"$GITOPSGEN" init --repo-url "$GUIDE_REPO" base -q
"$GITOPSGEN" -C base add-service service-a -l java --secret db:url -q
"$GITOPSGEN" -C base add-service service-b -l go -q
BASE=$WORK/base
VALUE=charts/vsf-miniapp/ci/service-a-dev.yaml

# A hostile input must not take the machine down with it: cap each run's memory, except under a
# sanitizer, which reserves terabytes of address space.
LIMIT_MEMORY=yes
grep -q __asan_init "$GITOPSGEN" && LIMIT_MEMORY=

# ---- setup functions: run in the entry's fresh copy; they may set DIR (where gitopsgen runs and
# what must stay unchanged) and RUN_ENV (arguments of `env` for the run). Repository changes are
# committed, so only the entry's input is unusual.
commit_setup() { git add -A && git commit -qm "catalogue setup: $1"; }
outside() { DIR=$ROOT/e/$ID.outside; mkdir "$DIR"; }
plain_git() { DIR=$ROOT/e/$ID.plain; git init -q -b main "$DIR"; }
no_git() { rm -rf .git; }
bare() { DIR=$ROOT/e/$ID.bare.git; git clone -q --bare . "$DIR"; }
detached() { git checkout -q --detach HEAD; }
no_identity() { RUN_ENV=(-u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL); }
index_lock() { : >.git/index.lock; }
corrupt_index() { echo garbage >.git/index; }
# A real Ed25519 private key in $IN/key.pem (PKCS#8 around a fixed, throwaway seed, so the
# catalogue's fingerprints stay the same run to run): the guard tells keys from placeholders.
key_file() {
  { echo "-----BEGIN PRIVATE KEY-----"
    python3 -c 'import base64; print(base64.b64encode(bytes.fromhex("302e020100300506032b657004220420" + "42" * 32)).decode())'
    echo "-----END PRIVATE KEY-----"; } >"$IN/key.pem"
  openssl pkey -in "$IN/key.pem" -noout  # fails the set-up unless it is a valid key
}
anchor_key() {
  outside
  key_file
}

settings_set() { printf -- "$1" >gitopsgen.yaml && commit_setup "${FUNCNAME[1]}"; }
settings_edit() { sed -i "$1" gitopsgen.yaml && commit_setup "${FUNCNAME[1]}"; }
settings_broken() { settings_set 'platform: [\n'; }
settings_empty() { settings_set ''; }
settings_list() { settings_set '- a\n- b\n'; }
settings_only_platform() { settings_set 'platform: vsf-miniapp\n'; }
settings_nul() { settings_set 'platform: vsf\0miniapp\n'; }
settings_random() { random_bytes 4096 7 >gitopsgen.yaml && commit_setup settings_random; }
settings_unknown_key() { settings_edit 's/^registry: /regsitry: x\nregistry: /'; }
settings_duplicate_key() { settings_edit 's/^domain: \(.*\)/domain: \1\nplatform: other/'; }
settings_platform_list() { settings_edit 's/^platform: .*/platform: [a, b]/'; }
settings_platform_invalid() { settings_edit 's/^platform: .*/platform: Bad_Name/'; }
settings_domain_list() { settings_edit 's/^domain: .*/domain: [a]/'; }
settings_envs_scalar() { settings_edit 's/^environments:/environments: dev\nold:/'; }
settings_envs_empty() { settings_edit 's/^environments:/environments: []\nold:/'; }
settings_env_twice() { settings_edit 's/^  - name: staging/  - name: dev/'; }
settings_env_traversal() { settings_edit 's|^  - name: staging|  - name: ../x|'; }
settings_namespace_list() { settings_edit 's/^    namespace: staging/    namespace: [x]/'; }
settings_namespace_shared() { settings_edit 's/^    namespace: staging/    namespace: dev/'; }
settings_aws_scalar() { settings_edit 's/^aws:/aws: x\nold:/'; }
settings_repo_url() { settings_edit 's/^repoURL: .*/repoURL: not a url/'; }
adopt_applicationset() {
  git rm -q -r gitopsgen.yaml .gitopsgen applications/dev
  mkdir -p applications/dev
  printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: services-dev\nspec:\n  generators: []\n  template: {}\n' >applications/dev/applicationset.yaml
  commit_setup adopt_applicationset
}
settings_layout_unknown() { settings_edit 's/^aws:/layout: hub\naws:/'; }
settings_latin1() { settings_edit 's/^domain: .*/domain: caf\xe9.example/'; }
settings_deep() { deep_flow 100000 >>gitopsgen.yaml && commit_setup settings_deep; }
settings_missing() { git rm -q gitopsgen.yaml && commit_setup settings_missing; }
settings_directory() {
  git rm -q gitopsgen.yaml && mkdir gitopsgen.yaml && echo x >gitopsgen.yaml/keep && commit_setup settings_directory
}

value_set() { printf -- "$1" >"$VALUE" && commit_setup "${FUNCNAME[1]}"; }
value_broken() { value_set 'image: [\n'; }
value_image_scalar() { value_set 'image: x\n'; }
value_root_sequence() { value_set '- a\n'; }
value_tag_sequence() { value_set 'image:\n  tag: [1]\n'; }
value_anchored() { value_set 'image: &x\n  tag: 1.0.0\nother: *x\n'; }
value_two_documents() { value_set 'replicaCount: 1\n---\nimage:\n  tag: 1.0.0\n'; }
value_nul() { value_set 'image:\n  tag: 1\0\n'; }
value_random() { random_bytes 4096 6 >"$VALUE" && commit_setup value_random; }
value_cr_only() { value_set '\r\r\r'; }
value_stray_cr() { sed -i -e 's/$/\r/' -e '3s/^/\r/' "$VALUE" && commit_setup value_stray_cr; }
value_latin1() { sed -i '1s/.*/# service-a, caf\xe9 edition/' "$VALUE" && commit_setup value_latin1; }
value_latin1_tag() { sed -i 's/^  tag: .*/  tag: caf\xe9/' "$VALUE" && commit_setup value_latin1_tag; }
value_overlong() { sed -i '1s/.*/# overlong slash: \xc0\xaf/' "$VALUE" && commit_setup value_overlong; }
value_utf16() { iconv -f UTF-8 -t UTF-16 "$VALUE" >"$VALUE.16" && mv "$VALUE.16" "$VALUE" && commit_setup value_utf16; }
value_comma() { value_set '\n,\n'; }
value_deep() { deep_flow 100000 >>"$VALUE" && commit_setup value_deep; }
value_bomb() { { alias_bomb; printf 'image:\n  tag: 1.0.0\n'; } >"$VALUE" && commit_setup value_bomb; }
value_huge() { huge_scalar >>"$VALUE" && commit_setup value_huge; }
value_directory() { git rm -q "$VALUE" && mkdir "$VALUE" && echo x >"$VALUE/keep" && commit_setup value_directory; }
value_symlink() { git rm -q "$VALUE" && ln -s /etc/hostname "$VALUE" && commit_setup value_symlink; }
value_uncommitted() { echo "# my local note" >>"$VALUE"; }
app_flow_colon() { printf '{:' >applications/dev/vsf-miniapp-service-a.yaml && commit_setup app_flow_colon; }
app_comma() { printf '\n,\n' >applications/dev/vsf-miniapp-service-a.yaml && commit_setup app_comma; }

# Generators of hostile text.
random_bytes() { python3 -c 'import random, sys; sys.stdout.buffer.write(random.Random(int(sys.argv[2])).randbytes(int(sys.argv[1])))' "$@"; }
deep_flow() { printf 'deep: '; head -c "$1" /dev/zero | tr '\0' '['; head -c "$1" /dev/zero | tr '\0' ']'; echo; }
deep_mapping() { printf 'name: x\nlanguage: go\nenv: '; { yes '{a: ' || true; } | head -n "$1" | tr -d '\n'; printf 1; head -c "$1" /dev/zero | tr '\0' '}'; echo; }
alias_bomb() {
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  local p=a c
  for c in b c d e f g h i j; do echo "$c: &$c [*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p,*$p]"; p=$c; done
}
huge_scalar() { printf 'blob: "'; head -c $((20 << 20)) /dev/zero | tr '\0' a; printf '"\n'; }

# The services and spec files that `apply -f` and `add-service --from-file` read, outside the
# repository: written once before the entries run; as a setup step it only names them.
spec_files() {
  [ -e "$IN/.done" ] && return
  (
    cd "$IN" || exit 1
    printf 'name: svc\nlanguage: go\nport: [1]\n' >port-list.yaml
    printf 'name: svc\nlanguage: go\ncolour: red\n' >colour.yaml
    printf 'name: svc\nlanguage: [go\n' >unclosed.yaml
    printf '' >empty.yaml
    printf '# nothing but a comment\n' >comment-only.yaml
    printf -- '- name: a\n' >top-list.yaml
    printf 'services: {}\n' >services-map.yaml
    printf 'services: ~\n' >services-null.yaml
    printf 'services:\n  - name: x\n    language: go\n    colour: red\n' >apply-colour.yaml
    printf 'services:\n  - name: x\n    language: go\n    port: [1]\n' >apply-port-list.yaml
    printf 'services:\n  - name: x\n    language: go\n    env: {A: [1]}\n' >apply-env-list.yaml
    printf 'services:\n  - name: x\n    language: go\n  - name: x\n    language: go\n' >apply-twice.yaml
    printf 'services:\n  - &a {name: x, language: go}\n  - *a\n' >apply-alias-twice.yaml
    printf 'services:\n  - name: ok1\n    language: go\n  - name: Bad\n    language: go\n  - name: ok2\n    language: go\n  - name: y\n    language: rust\n  - name: z\n    language: go\n    tag: "a b"\n' >apply-three-bad.yaml
    printf 'services:\n  - x\n' >apply-scalar.yaml
    printf 'services:\n  - language: go\n' >apply-no-name.yaml
    printf 'services:\n  - name: x\n    language: go\n    secrets: [{name: db}]\n' >apply-secret.yaml
    printf 'services:\n  - name: x\n    language: go\n    replicas: {production: -1}\n' >apply-replicas.yaml
    printf 'services:\n  - name: x\n    language: go\n    replicas: {qa: 2}\n' >apply-replicas-qa.yaml
    printf 'services:\n  - name: x\n    name: y\n    language: go\n' >apply-dup-key.yaml
    printf 'services:\n  - name: x\n    language: go\n---\nservices: []\n' >apply-two-docs.yaml
    printf 'services:\n  - name: x\n    language: [go\n' >apply-unclosed.yaml
    random_bytes 4096 5 >random.bin
    printf 'name: svc\x00\nlanguage: go\n' >nul.yaml
    printf 'services:\n  - name: caf\xe9\n    language: go\n' >latin1.yaml
    { printf 'services:\n  - name: x\n    language: go\n    env: '; deep_flow 100000 | cut -c7-; } >deep.yaml
    deep_mapping 100000 >deep-map.yaml
    { alias_bomb; printf 'services:\n  - name: x\n    language: go\n    env: {A: *j}\n'; } >bomb.yaml
    { printf 'services:\n  - name: x\n    language: go\n    tag: "'; head -c $((20 << 20)) /dev/zero | tr '\0' a; printf '"\n'; } >huge.yaml
    printf '\n,\n' >comma.yaml
    printf '{:' >flow-colon.yaml
    printf '[:' >seq-colon.yaml
    printf '{# ke\ny{:' >comment-flow.yaml
    : >.done
  )
}

# ---- the runner
# run_gitopsgen ARGS...: gitopsgen in $DIR under `env $RUN_ENV`, killed after 30 s; a hang or a
# crash adds a line saying so, which no entry expects.
run_gitopsgen() {
  local rc=0
  (
    cd "$DIR" || exit 99
    [ -z "$LIMIT_MEMORY" ] || ulimit -v $((4 << 20))
    exec env "${RUN_ENV[@]}" timeout 30 "$GITOPSGEN" "$@"
  ) || rc=$?
  if [ "$rc" -eq 124 ]; then
    echo "catalogue: gitopsgen did not finish within 30 s" >&2
  elif [ "$rc" -gt 128 ]; then
    echo "catalogue: gitopsgen died of signal $((rc - 128))" >&2
  fi
  return "$rc"
}

# refuses_lines DESCRIPTION DIR EXPECTED COMMAND...: like lib.sh's refuses, for the errors that
# deliberately take several lines (apply names every invalid entry): EXPECTED holds one text per
# line, separated by "\n", and stderr must have exactly those lines, each holding its text.
refuses_lines() {
  local what=$1 dir=$2 expected=$3; shift 3
  local before after rc=0 i
  local -a want have
  mapfile -t want < <(printf '%s' "$expected" | sed 's/\\n/\n/g')
  before=$(fingerprint "$dir")
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  after=$(fingerprint "$dir")
  mapfile -t have <"$WORK/err"
  if [ "$rc" -eq 0 ]; then fail "$what: exited 0"; return; fi
  if [ "${#have[@]}" -ne "${#want[@]}" ]; then fail "$what: ${#have[@]} stderr lines, expected ${#want[@]}: $(cat "$WORK/err")"; return; fi
  for i in "${!want[@]}"; do
    case "${have[$i]}" in *"${want[$i]}"*) ;; *) fail "$what: stderr line $((i + 1)) '${have[$i]}' lacks '${want[$i]}'"; return ;; esac
  done
  if [ -s "$WORK/out" ]; then fail "$what: printed to stdout: $(head -c 300 "$WORK/out")"; return; fi
  if [ "$before" != "$after" ]; then fail "$what: the repository changed"; diff <(echo "$before") <(echo "$after") | head -20 >&2; return; fi
  ok
}

# run_entry N ID CATEGORY SETUP ARGS EXPECTED: one entry, its outcome appended to $WORK/results.
run_entry() {
  local n=$1 id=$2 category=$3 setup=$4 args=$5 expected=$6
  local status=pass failed_before=$FAILED started=$EPOCHREALTIME took copy=$ROOT/e/$2
  # pending: a feature not on main yet; defect: a known open defect, kept with the right
  # expectation and listed in the doc until it is fixed.
  if [[ "$category" == pending:* || "$category" == defect:* ]] && [ -z "$PENDING" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\tpending\t\n' "$n" "$id" "$category" "$setup" "$args" "$expected" >>"$WORK/results"
    return
  fi
  ID=$id
  RUN_ENV=()
  if [ "$setup" = - ]; then
    # No setup: the lane's pristine copy serves, until an entry fails and may have changed it.
    DIR=$WORK/pristine
    [ -d "$DIR" ] || cp -a "$BASE" "$DIR"
  else
    DIR=$copy
    cp -a "$BASE" "$copy"
    pushd "$copy" >/dev/null || return 1
    "$setup" >/dev/null || fail "$id: setup $setup failed"
    popd >/dev/null || return 1
  fi
  eval "ARGV=( $args )"
  : >"$WORK/err"
  if [[ "$expected" == *'\n'* ]]; then
    refuses_lines "$id" "$DIR" "$expected" run_gitopsgen "${ARGV[@]}"
  else
    refuses "$id" "$DIR" "$expected" run_gitopsgen "${ARGV[@]}"
  fi
  if [ "$FAILED" -ne "$failed_before" ]; then
    status=fail
    echo "$id" >>"$WORK/failing"
    rm -rf "$WORK/pristine"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$id" "$category" "$setup" "$args" "$expected" "$status" \
    "$(head -c 4000 "$WORK/err" | sed -e "s|$DIR|\$REPO|g" -e "s|$ROOT|\$WORK|g" | base64 -w0)" >>"$WORK/results"
  rm -rf "$copy" "$copy".*
  took=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if awk -v t="$took" 'BEGIN { exit !(t >= 5) }'; then echo "  $id took $took s"; fi
}

# The entries, checked for shape first.
ROWS=()
declare -A SEEN=()
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  IFS=$'\t' read -r id category setup args expected rest <<<"$line"
  if [ -z "$expected" ] || [ -n "$rest" ] || [ -n "${SEEN[$id]:-}" ]; then
    fail "catalogue.tsv: entry '$id' needs five tab-separated columns and a unique id"
    continue
  fi
  SEEN[$id]=1
  [ -z "$ONLY" ] || [[ "$id" =~ $ONLY ]] || continue
  ROWS+=("$line")
done <"$CATALOGUE"
ENTRIES=${#SEEN[@]}

# Entries run in lanes, in parallel, each lane with its own $WORK for lib.sh's out and err files.
ROOT=$WORK
LANES=${CATALOGUE_LANES:-2}
spec_files
case_ "catalogue ($ENTRIES entries in $LANES lanes)"
run_lane() {
  local lane=$1 n
  WORK=$ROOT/lane$lane
  PASSED=0 FAILED=0
  mkdir -p "$WORK"
  : >"$WORK/results"
  : >"$WORK/failing"
  for n in "${!ROWS[@]}"; do
    [ $((n % LANES)) -eq "$lane" ] || continue
    IFS=$'\t' read -r id category setup args expected <<<"${ROWS[$n]}"
    run_entry "$n" "$id" "$category" "$setup" "$args" "$expected" || fail "$id: the runner stopped ($?)"
  done
  echo "$PASSED $FAILED" >"$WORK/counts"
}
for ((lane = 0; lane < LANES; lane++)); do run_lane "$lane" & done
wait
RESULTS=$ROOT/results.tsv
FAILING=()
for ((lane = 0; lane < LANES; lane++)); do
  if [ ! -f "$ROOT/lane$lane/counts" ]; then fail "lane $lane stopped early"; continue; fi
  read -r p f <"$ROOT/lane$lane/counts"
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f))
  mapfile -t -O "${#FAILING[@]}" FAILING <"$ROOT/lane$lane/failing"
done
cat "$ROOT"/lane*/results | sort -n -k1,1 | cut -f2- >"$RESULTS"
WORK=$ROOT

case_ "the catalogue covers every command and kind of input"
check "at least 80 entries ($ENTRIES)" test "$ENTRIES" -ge 80
if [ -z "$ONLY" ]; then
  for command in init add-service remove-service set-image promote status history apply migrate validate; do
    check "an entry for $command" grep -qP "^[^#][^\t]*\t[^\t]*\t[^\t]*\t(-[^\t]* )*$command\b" "$CATALOGUE"
  done
  for category in name tag image host path port replicas environment env-var secret spec-file \
    apply-spec settings value-file binary non-utf8 hostile-yaml git-state cli; do
    check "entries of category $category" grep -qP "^[^#][^\t]*\t(pending:|defect:)?$category\t" "$CATALOGUE"
  done
fi

# The catalogue as markdown: every entry, its input and the error this run printed.
python3 - "$RESULTS" >"$WORK/bad-inputs.md" <<'PY'
import base64, sys

def cell(text):
    return text.replace("|", "\\|").replace("\n", "<br>")

def code(text):
    return "<code>" + cell(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")) + "</code>"

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8", errors="surrogateescape")]
counts = {s: sum(1 for r in rows if r[5] == s) for s in ("pass", "fail", "pending")}
print("# The catalogue of bad inputs\n")
print("<!-- Generated by tests/e2e/test_catalogue.sh from tests/e2e/catalogue.tsv; do not edit.")
print("     After changing either, or gitopsgen's messages: CATALOGUE_UPDATE=1 ctest -R e2e_test_catalogue -->\n")
print("Every input below is refused by `gitopsgen`: a non-zero exit, the error on stderr (one line;")
print("`apply -f` adds one line per invalid entry), nothing on stdout, and the repository exactly as")
print("it was (HEAD, refs, index, status, every byte of the work tree), within 30 seconds. Each runs")
print("on a fresh copy of a platform with service-a (java) and service-b (go) in dev, staging and")
print("production, after the named setup step, if any (a function of `tests/e2e/test_catalogue.sh`;")
print("it commits what it changes). The error column is what the test run printed: `$REPO` is the")
print("entry's repository, `$WORK` the run's temporary directory and `$IN` its input files. `$A35`")
print("and `$A64` are 35 and 64 letters, `$T129` a 129-character tag, `$HOST254` a 254-character")
print("host name, `$HEX64` 64 hex digits.\n")
print(f"{len(rows)} entries: {counts['pass']} refused as expected, {counts['fail']} not yet "
      f"(marked **fails**), {counts['pending']} waiting for a feature (marked *pending*).\n")
print("| id | category | input | error |")
print("|---|---|---|---|")
for id_, category, setup, args, expected, status, err in rows:
    command = "gitopsgen " + args
    given = code(command) + ("" if setup == "-" else f" after `{setup}`")
    if status == "pass":
        shown = base64.b64decode(err).decode("utf-8", errors="backslashreplace").rstrip("\n")
        lines = [l if len(l) <= 240 else l[:240] + f"… ({len(l)} characters)" for l in shown.split("\n")]
        error = code("\n".join(lines))
    elif status == "fail":
        error = "**fails** — should hold " + code(expected.replace("\\n", "\n"))
    else:
        error = "*pending* — should hold " + code(expected.replace("\\n", "\n"))
    print(f"| {id_} | {category} | {given} | {error} |")
PY

cat "$WORK/bad-inputs.md"
if [ ${#FAILING[@]} -gt 0 ]; then
  echo "entries failing now (${#FAILING[@]}): ${FAILING[*]}"
fi

case_ "docs/bad-inputs.md is this run's catalogue"
if [ -n "${CATALOGUE_UPDATE:-}" ]; then
  mkdir -p "$(dirname "$DOC")"
  cp "$WORK/bad-inputs.md" "$DOC"
  echo "wrote $DOC"
elif [ -z "$PENDING" ] && [ -z "$ONLY" ]; then
  if diff -u "$DOC" "$WORK/bad-inputs.md" >"$WORK/doc.diff" 2>&1; then ok; else
    head -60 "$WORK/doc.diff" >&2
    fail "docs/bad-inputs.md is out of date: rerun with CATALOGUE_UPDATE=1 and commit it"
  fi
fi

finish
