#!/usr/bin/env bash
# package: CPack makes a .deb of the build tree under test with the fields and files it should
# have and a Depends naming every library the binary links; installed with dpkg on this machine,
# /usr/bin/gitopsgen runs, `man gitopsgen` shows its page and the shells find the completions;
# it is always removed again. Needs root (CI runs the tests as root); skipped (77) without it,
# in a sanitizer build, or when a gitopsgen is installed already.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$GITOPSGEN")
G=$GITOPSGEN
skip() { echo "SKIP: $*"; exit 77; }
# The sanitizer lane's build-asan/CMakeCache.txt says so, and its tests get ASAN_OPTIONS (SANITIZER_ENV).
{ grep -q '^GITOPSGEN_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" || [ -n "${ASAN_OPTIONS:-}" ]; } &&
  skip "a sanitizer build: its binary needs ASAN_OPTIONS and libasan, a package is made from the release build"
[ "$(id -u)" -eq 0 ] || skip "dpkg -i needs root"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps man fish zsh; do
  command -v $tool >/dev/null || { echo "FAIL: $tool missing" >&2; exit 1; }
done
dpkg -s gitopsgen >/dev/null 2>&1 && skip "a gitopsgen package is installed already; not replacing it"
[ -e /usr/bin/gitopsgen ] && skip "/usr/bin/gitopsgen exists already; not replacing it"
version=$("$G" version | sed -n '1s/^gitopsgen \([^ ]*\) .*/\1/p')
# cpack first builds the `all` target: on a tree newer than the build it would relink the binary
# the other tests are running at this moment. Refuse instead (CI builds before it tests).
built=$("$G" version | sed -n '1s/.*(commit \(.*\))$/\1/p')
tree=$(git -C "$SOURCE_DIR" describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null || echo unknown)
if [ "$built" != "$tree" ]; then
  echo "FAIL: the build ($built) is older than the tree ($tree): build it before running this test" >&2
  exit 1
fi

case_ "cpack makes the .deb from the build tree"
# The package target runs exactly this (cpack --config CPackConfig.cmake), into the build tree;
# here the package goes to the test's own directory.
if ! cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK/pkg" >"$WORK/cpack.log" 2>&1; then
  cat "$WORK/cpack.log" >&2
  fail "cpack"
  finish
fi
deb=$WORK/pkg/gitopsgen_${version}_$(dpkg --print-architecture).deb
check "the package file" test -s "$deb"
[ -s "$deb" ] || finish

case_ "dpkg-deb -I: the control fields"
field() { dpkg-deb -f "$deb" "$1"; }
check "Package" eq "$(field Package)" "gitopsgen"
check "Version is the binary's" eq "$(field Version)" "$version"
check "Architecture" eq "$(field Architecture)" "$(dpkg --print-architecture)"
check "Section" eq "$(field Section)" "devel"
check "Maintainer" contains "$(field Maintainer)" "The gitopsgen authors <"
check "Description" contains "$(field Description)" "generate and maintain an Argo CD GitOps platform repository"
check "Description says what is in it" contains "$(field Description)" "man page and bash, zsh and fish completions"
# The package names Depends lists, without their versions.
depends=$(field Depends | tr ',' '\n' | sed 's/(.*//; s/[[:space:]]//g')
check "Depends from dpkg-shlibdeps" grep -qx "libgit2-1.5" <<<"$depends"
# Every library the binary links directly comes from a package Depends names (or one it provides).
for lib in $(readelf -d "$G" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  # (awk reads on to the end: an early exit would kill the writer with SIGPIPE)
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found { print $NF; found = 1 }')
  # /lib is /usr/lib: dpkg knows a file by the path its package ships.
  owner=$({ dpkg -S "$path" || dpkg -S "$(readlink -f "$path")" || true; } 2>/dev/null | awk -F: 'NR == 1 { print $1 }')
  provides=$(dpkg-query -W -f='${Provides}' "$owner" 2>/dev/null | tr ',' '\n' | sed 's/(.*//; s/[[:space:]]//g')
  named=no
  while read -r n; do
    if [ -n "$n" ] && grep -qxF -- "$n" <<<"$depends"; then named=yes; fi
  done <<<"$owner"$'\n'"$provides"
  check "Depends names $lib ($owner)" eq "$named" yes
done
check "the copyright file is LICENSE" eq "$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/gitopsgen/copyright)" "$(cat "$SOURCE_DIR/LICENSE")"

case_ "dpkg-deb -c: the files"
files=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
for f in ./usr/bin/gitopsgen ./usr/share/man/man1/gitopsgen.1 \
  ./usr/share/bash-completion/completions/gitopsgen ./usr/share/zsh/vendor-completions/_gitopsgen \
  ./usr/share/fish/vendor_completions.d/gitopsgen.fish ./usr/share/doc/gitopsgen/copyright; do
  check "contains $f" grep -qxF "$f" <<<"$files"
done
check "nothing outside /usr" eq "$(grep -v '^\./usr/' <<<"$files" | grep -vx './' || true)" ""

case_ "dpkg -i: installed, it runs, man shows its page, the shells complete"
installed=""
trap 'if [ -n "$installed" ]; then dpkg -r gitopsgen >/dev/null 2>&1 || echo "FAIL: dpkg -r gitopsgen" >&2; fi; rm -rf "$WORK"' EXIT
installed=yes
if ! dpkg -i "$deb" >"$WORK/dpkg.log" 2>&1; then cat "$WORK/dpkg.log" >&2; fail "dpkg -i"; fi
check "dpkg: installed" eq "$(dpkg-query -W -f='${Status}' gitopsgen)" "install ok installed"
check "version" eq "$(/usr/bin/gitopsgen version)" "$("$G" version)"
check "man gitopsgen" eq "$(env -u MANPATH MANWIDTH=100 LC_ALL=C.UTF-8 man -P cat gitopsgen 2>&1)" \
  "$(MANWIDTH=100 LC_ALL=C.UTF-8 man -P cat -l "$BUILD/gitopsgen.1" 2>&1)"
"$G" init p --repo-url "$GUIDE_REPO" -q
"$G" -C p add-service orders -l go -q
# bash-completion loads /usr/share/bash-completion/completions/gitopsgen on demand.
out=$(env -i HOME="$HOME" PATH=/usr/bin:/bin bash --norc --noprofile -c '
  source /usr/share/bash-completion/bash_completion
  __load_completion gitopsgen || exit 1
  complete -p gitopsgen
  COMP_WORDS=(gitopsgen -C p set-image "") COMP_CWORD=4 COMP_LINE="gitopsgen -C p set-image " COMP_POINT=25
  _gitopsgen gitopsgen "" set-image
  echo "services: ${COMPREPLY[*]}"
  COMP_WORDS=(gitopsgen sta) COMP_CWORD=1 COMP_LINE="gitopsgen sta" COMP_POINT=13
  _gitopsgen gitopsgen sta gitopsgen
  echo "commands: ${COMPREPLY[*]}"' 2>&1)
check "bash loads it" contains "$out" "complete -F _gitopsgen gitopsgen"
check "bash: services, from /usr/bin/gitopsgen" contains "$out" "services: orders"
check "bash: commands" contains "$out" "commands: status"
check "zsh finds it in its fpath" eq "$(zsh -f -c 'autoload -U compinit; compinit -u -D; print $_comps[gitopsgen]')" "_gitopsgen"
check "fish finds it" eq "$(PATH=/usr/bin:/bin fish -c 'complete -C "gitopsgen -C p history "' | cut -f1)" "orders"

case_ "dpkg -r: all gone"
dpkg -r gitopsgen >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dpkg -r"; }
installed=""
check "binary gone" test ! -e /usr/bin/gitopsgen
check "man page gone" test ! -e /usr/share/man/man1/gitopsgen.1
check "bash completion gone" test ! -e /usr/share/bash-completion/completions/gitopsgen
check "dpkg: not installed" not_contains "$(dpkg-query -W -f='${Status}' gitopsgen 2>/dev/null || true)" "ok installed"

finish
