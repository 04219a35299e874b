#!/usr/bin/env bash
# set-image of several services in one commit, and rollback to an image the environment ran
# before: byte-exact edits, one commit each, messages, refusals that change nothing.
. "$(dirname "$0")/lib.sh"
G="$GITOPSGEN"
"$G" init --repo-url "$GUIDE_REPO" demo -q
cd demo
for s in service-a:java service-b:nodejs service-c:python; do "$G" add-service "${s%%:*}" -l "${s##*:}" -q; done
ci=charts/vsf-miniapp/ci
# unchanged DESCRIPTION ARGS...: exits 0, ends with "Nothing to change.", no stderr, no byte changed.
unchanged() {
  local what=$1 before; shift
  before=$(fingerprint .)
  if ! "$G" "$@" >"$WORK/out" 2>"$WORK/err"; then fail "$what: exited non-zero: $(cat "$WORK/err")"; return; fi
  if [ "$(tail -1 "$WORK/out")" != "Nothing to change." ]; then fail "$what: printed '$(cat "$WORK/out")'"; return; fi
  if [ "$(grep -c 'Nothing to change' "$WORK/out")" != 1 ] || [ -s "$WORK/err" ]; then fail "$what: said twice, or on stderr"; return; fi
  if [ "$before" != "$(fingerprint .)" ]; then fail "$what: the repository changed"; return; fi
  ok
}

case_ "set-image --env ENV SERVICE=TAG…: every service in one commit, only the tag bytes"
sed -i 's/^  tag: 1.0.0$/  tag: 1.0.0  # pinned by TICKET-7/' $ci/service-b-dev.yaml
git commit -qam "a comment on service-b's tag"
cp $ci/service-a-dev.yaml ../a.before; cp $ci/service-b-dev.yaml ../b.before
before=$(git rev-list --count HEAD)
out=$("$G" set-image --env dev service-a=1.1.0 service-b=1.10)
check "one commit" eq "$(git rev-list --count HEAD)" "$((before + 1))"
check "subject" eq "$(git log -1 --format=%s)" "chore(release): set 2 services in dev"
check "body lists each" eq "$(git log -1 --format=%b)" "service-a: 1.0.0 → 1.1.0
service-b: 1.0.0 → 1.10"
check "summary" contains "$out" "service-b (dev): 1.0.0 → 1.10"
check "only those two files, one line each" eq "$(git show --numstat --format= HEAD | sort)" \
  "$(printf '1\t1\t%s\n1\t1\t%s' $ci/service-a-dev.yaml $ci/service-b-dev.yaml)"
check "service-a: every other byte" eq "$(diff ../a.before $ci/service-a-dev.yaml | grep '^[<>]')" "< $(grep -m1 '^  tag:' ../a.before)
>   tag: 1.1.0"
check "service-b: the comment kept, 1.10 quoted" grep -qx '  tag: "1.10"  # pinned by TICKET-7' $ci/service-b-dev.yaml
unchanged "the same tags again" set-image --env dev service-a=1.1.0 service-b=1.10
refuses "a service without a tag among pairs" . "'service-c' has no tag" "$G" set-image --env dev service-a=1.2.0 service-c
refuses "pairs with --tag" . "--tag and --repository go with one SERVICE" "$G" set-image --env dev service-a=1.2.0 --tag 2
refuses "a service named twice" . "service 'service-a' is named twice" "$G" set-image --env dev service-a=1.2.0 service-a=1.3.0
refuses "an unknown service among them: nothing is set" . "service 'ghost' has no value file in dev" \
  "$G" set-image --env dev service-a=1.2.0 ghost=1.0.0
refuses "a bad tag among them" . "tag" "$G" set-image --env dev service-a=1.2.0 'service-b=bad tag'
check "the old form still works" "$G" set-image service-c --env dev --tag 1.0.1 -q

case_ "rollback: back to the image before the current one, found in the history"
"$G" set-image service-a --env dev --tag 1.2.0 -q
"$G" set-image service-a --env dev --tag 2.0.0 -q
cp $ci/service-a-dev.yaml ../a.before
out=$("$G" rollback service-a --env dev)
check "summary" contains "$out" "service-a (dev): 2.0.0 → 1.2.0"
check "subject" eq "$(git log -1 --format=%s)" "chore(release): roll back service-a in dev to 1.2.0"
check "body" eq "$(git log -1 --format=%b)" "service-a: 2.0.0 → 1.2.0"
check "one line of one file" eq "$(git show --numstat --format= HEAD)" "$(printf '1\t1\t%s' $ci/service-a-dev.yaml)"
check "the tag is the one before" eq "$(grep '^  tag:' $ci/service-a-dev.yaml)" "  tag: 1.2.0"
check "history shows the rollback" eq "$("$G" history service-a --env dev -n 1 | awk '{ print $4, $6 }')" "2.0.0 1.2.0"

case_ "rollback --steps N counts distinct images; --to TAG names one the environment ran"
# Ran, newest first: 1.2.0 (now), 2.0.0, 1.1.0, 1.0.0.
"$G" rollback service-a --env dev --steps 2 -q
check "--steps 2 from 1.2.0 skips 2.0.0" eq "$(grep '^  tag:' $ci/service-a-dev.yaml)" "  tag: 1.1.0"
"$G" rollback service-a --env dev --to 2.0.0 -q
check "--to 2.0.0" eq "$(grep '^  tag:' $ci/service-a-dev.yaml)" "  tag: 2.0.0"
unchanged "--to the current tag" rollback service-a --env dev --to 2.0.0
refuses "--to a tag never run there" . "service-a in dev never ran 9.9.9 (it ran 1.1.0, 1.2.0, 1.0.0); --force sets it anyway" \
  "$G" rollback service-a --env dev --to 9.9.9
"$G" rollback service-a --env dev --to 9.9.9 --force -q
check "--force sets it anyway" eq "$(grep '^  tag:' $ci/service-a-dev.yaml)" "  tag: 9.9.9"
refuses "--steps past the start" . "--steps 9 goes past the start of its history" "$G" rollback service-a --env dev --steps 9
refuses "an environment that ran one image" . "service-a in production has run no other image to go back to" \
  "$G" rollback service-a --env production
refuses "--to and --steps" . "--to and --steps both say where to go back to" "$G" rollback service-a --env dev --to 1.0.0 --steps 2
refuses "--force without --to" . "--force goes with --to TAG" "$G" rollback service-a --env dev --force
refuses "an unknown service" . "service 'ghost' has no value file in dev" "$G" rollback ghost --env dev
refuses "an unknown environment" . "unknown environment 'qa'" "$G" rollback service-a --env qa
check "--dry-run shows the diff and commits nothing" eq \
  "$(before=$(git rev-parse HEAD); "$G" rollback service-a --env dev --dry-run | grep -c '^-  tag: 9.9.9'; git rev-parse HEAD | grep -c "$before")" "1
1"

case_ "rollback restores the repository the image had then"
"$G" set-image service-b --env staging --tag 3.0.0 --repository registry.example.test/other/service-b -q
"$G" rollback service-b --env staging -q
check "repository and tag both back" eq "$(grep -A2 '^image:' $ci/service-b-staging.yaml | grep -E 'repository|tag' | tr -d ' ')" \
  "$(git show HEAD~2:$ci/service-b-staging.yaml | grep -A2 '^image:' | grep -E 'repository|tag' | tr -d ' ')"
check "status is clean" eq "$(git status --porcelain)" ""

finish
