#!/bin/sh
# test-cli.sh: the command line, as a user and a script see it (exit status, stdout, stderr).
# usage: test-cli.sh GLOSS SAMPLES-FOLDER      prints TAP
set -u
gloss=$1
samples=$2
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; failed=1; fi
}

# expect STATUS DESCRIPTION -- COMMAND...: runs it with stdout/stderr in $tmp/out, $tmp/err
expect () {
  want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" = "$want" ]; r=$?
  [ $r = 0 ] || echo "# $what: exit $got, wanted $want; stderr: $(cat "$tmp/err")"
  ok $r "$what"
}

lines () { wc -l <"$1" | tr -d ' '; }

expect 0 "--version" -- "$gloss" --version
grep -q '^gloss [0-9]' "$tmp/out"; ok $? "--version prints the version"

expect 0 "--help" -- "$gloss" --help
grep -q 'gloss text FILE' "$tmp/out"; ok $? "--help lists the text command"

for f in coastal-courier.txt harbor-gazette.md valley-tribune.html; do
  expect 0 "text $f" -- "$gloss" text "$samples/$f"
  [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; ok $? "text $f prints the text and nothing on stderr"
done

# The shared official's quote is in the text of every sample.
for f in coastal-courier.txt harbor-gazette.md valley-tribune.html; do
  "$gloss" text "$samples/$f" | grep -qF 'I will not ask anyone to cross a structure we cannot vouch for'
  ok $? "text $f keeps the quote"
done

# Markup never reaches the article text.
"$gloss" text "$samples/valley-tribune.html" | grep -qE '<|analytics|cookie' ; [ $? = 1 ]
ok $? "text of the HTML sample has no markup, script or cookie banner"
"$gloss" text "$samples/harbor-gazette.md" | grep -qE '^---|^title:' ; [ $? = 1 ]
ok $? "text of the Markdown sample has no front matter"

expect 2 "text without FILE is bad usage" -- "$gloss" text
[ "$(lines "$tmp/out")" = 0 ]; ok $? "bad usage prints nothing on stdout"
expect 2 "text with two FILEs is bad usage" -- "$gloss" text a b
expect 2 "text with an unknown option is bad usage" -- "$gloss" text --frobnicate x

expect 1 "text of a missing file fails" -- "$gloss" text "$tmp/missing.txt"
[ "$(lines "$tmp/err")" = 1 ] && grep -q "missing.txt: no such file" "$tmp/err"
ok $? "the failure is one line naming the file"

printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$tmp/image.txt"
expect 1 "text of a binary file fails" -- "$gloss" text "$tmp/image.txt"
grep -q "image.txt: binary" "$tmp/err"; ok $? "the binary file is named and called binary"

expect 1 "text of a folder fails" -- "$gloss" text "$tmp"

printf 'Caf\351 \223quoted\224\n' >"$tmp/latin.txt"
expect 0 "text of a Windows-1252 file" -- "$gloss" text "$tmp/latin.txt"
[ "$(cat "$tmp/out")" = "Café “quoted”" ]; ok $? "Windows-1252 is decoded"

: >"$tmp/empty.txt"
expect 0 "text of an empty file" -- "$gloss" text "$tmp/empty.txt"

# -- ends the options: a file may be called like an option
printf 'Dash\n' >"$tmp/-n.txt"
expect 0 "text -- -n.txt" -- "$gloss" text -- "$tmp/-n.txt"

# text is read-only: nothing new appears next to the article
cp "$samples/coastal-courier.txt" "$tmp/ro.txt"
before=$(ls "$tmp" | wc -l)
"$gloss" text "$tmp/ro.txt" >/dev/null
[ "$(ls "$tmp" | wc -l)" = "$before" ]; ok $? "text writes no file"

echo "1..$n"
exit $failed
