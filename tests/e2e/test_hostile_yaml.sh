#!/usr/bin/env bash
# Hostile YAML (deep nesting, alias bombs, the inputs that make yaml-cpp 0.7 loop, oversized
# files) in a services file, a service spec or the platform's own files: refused fast (each
# command runs under `timeout 20`, so a hang fails) with one line, nothing changed.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"

"$G" init --repo-url "$GUIDE_REPO" demo -q
"$G" -C demo add-service service-a -l java -q
R="$WORK/demo"
g() { timeout 20 "$G" -C demo "$@"; }

# hostile NAME: writes one of the hostile texts to NAME.
deep() { printf 'services:\n  - name: x\n    language: go\n    env: '; head -c "$1" /dev/zero | tr '\0' '['; head -c "$1" /dev/zero | tr '\0' ']'; echo; }
laughs() {
  echo 'services:'
  echo '  - name: x'
  echo '    language: go'
  echo '    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
  for i in 1 2 3 4 5 6 7 8; do
    printf '    a%s: &a%s [' "$i" "$i"
    for j in 1 2 3 4 5 6 7 8 9; do printf '*a%s, ' $((i - 1)); done
    printf '*a%s]\n' $((i - 1))
  done
}

case_ "apply -f: deep nesting, a billion laughs, the yaml-cpp LoadAll loop, 9 MiB"
deep 100000 >../deep.yaml
refuses "100,000 levels" "$R" "deep.yaml:4: YAML nesting deeper than 64 levels" g apply -f ../deep.yaml
laughs >../laughs.yaml
refuses "billion laughs" "$R" "laughs.yaml:8: YAML aliases stand for more than 100000 nodes" g apply -f ../laughs.yaml
printf '\n,\n    ' >../comma.yaml
refuses "yaml-cpp LoadAll loop" "$R" "comma.yaml:2: invalid YAML" g apply -f ../comma.yaml
printf 'services: &s [*s]\n' >../cycle.yaml
refuses "an alias to itself" "$R" "cycle.yaml:1: invalid YAML: alias *s names no complete anchor" g apply -f ../cycle.yaml
{ printf 'services: []\nx: '; head -c $((9 * 1024 * 1024)) /dev/zero | tr '\0' 'x'; echo; } >../big.yaml
refuses "9 MiB" "$R" "big.yaml: YAML text of $(stat -c %s ../big.yaml) bytes is over the 8 MiB limit" \
  g apply -f ../big.yaml

case_ "add-service --from-file with a hostile spec"
{ printf 'name: svc\nlanguage: go\nenv: '; head -c 20000 /dev/zero | tr '\0' '{'; } >../spec.yaml
refuses "deep unclosed flow" "$R" "spec.yaml:3: YAML nesting deeper than 64 levels" g add-service --from-file ../spec.yaml

case_ "a hostile gitopsgen.yaml stops every command with one line"
cp demo/gitopsgen.yaml ../settings.orig
{ cat ../settings.orig; printf 'extra: '; head -c 100000 /dev/zero | tr '\0' '['; } >demo/gitopsgen.yaml
git -C demo commit -qam "hostile settings"
deep_line="gitopsgen.yaml:$(($(wc -l <../settings.orig) + 1)): YAML nesting deeper than 64 levels"
refuses "add-service" "$R" "$deep_line" g add-service svc -l go
refuses "set-image" "$R" "$deep_line" g set-image service-a --env dev --tag 2.0.0
refuses "apply" "$R" "$deep_line" g apply -f ../comma.yaml
before=$(fingerprint "$R")
rc=0; out=$(g validate 2>&1) || rc=$?
check "validate reports it" contains "$out" "gitopsgen.yaml: error: $deep_line"
check "validate fails" test "$rc" -eq 1
check "validate changes nothing" eq "$(fingerprint "$R")" "$before"
laughs | sed 's/^    //; 1,3d' >demo/gitopsgen.yaml
git -C demo commit -qam "billion laughs settings"
refuses "billion laughs settings" "$R" "gitopsgen.yaml:5: YAML aliases stand for more than 100000 nodes" g add-service svc -l go
printf ',\n' >demo/gitopsgen.yaml
git -C demo commit -qam "yaml-cpp loop settings"
refuses "LoadAll loop settings" "$R" "gitopsgen.yaml:1: invalid YAML" g promote service-a --from dev --to staging
cp ../settings.orig demo/gitopsgen.yaml
git -C demo commit -qam "settings back"

case_ "validate: a hostile Application file is a finding, found fast"
laughs | sed 's/^    //; 1,3d' >demo/applications/dev/bomb.yaml
{ printf 'a: '; head -c 100000 /dev/zero | tr '\0' '['; } >demo/applications/dev/deep.yaml
git -C demo add -A && git -C demo commit -qm "hostile applications"
before=$(fingerprint "$R")
rc=0; out=$(g validate) || rc=$?
check "fails" test "$rc" -eq 1
check "alias bomb reported" contains "$out" "applications/dev/bomb.yaml:5: error: YAML aliases stand for more than 100000 nodes"
check "deep file reported" contains "$out" "applications/dev/deep.yaml:1: error: YAML nesting deeper than 64 levels"
check "unchanged" eq "$(fingerprint "$R")" "$before"

finish
