#!/bin/sh
# test-cli.sh: the command line, as a user and a script see it (exit status, stdout, stderr).
# usage: test-cli.sh GLOSS SAMPLES-FOLDER      prints TAP
set -u
gloss=$1
samples=$2
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

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

# annotate and list
cp "$samples/coastal-courier.txt" "$tmp/story.txt"
quote='I will not ask anyone to cross a structure'
expect 0 "annotate --quote" -- "$gloss" annotate "$tmp/story.txt" --quote "$quote" --tag "official quote" --tag Council --note "Key quote" --color green
grep -qE '^[0-9a-f-]{36}	[0-9]+:[0-9]+$' "$tmp/out"; ok $? "annotate prints the id and the range"
[ -f "$tmp/story.txt.annotations.json" ]; ok $? "the sidecar is next to the article"
tail -c 1 "$tmp/story.txt.annotations.json" | od -c | grep -q '\\n'; ok $? "the sidecar ends with a newline"

expect 0 "list" -- "$gloss" list "$tmp/story.txt"
grep -q "exact" "$tmp/out" && grep -q "official quote" "$tmp/out"; ok $? "list shows the annotation, exact"

expect 1 "annotate an ambiguous quote fails" -- "$gloss" annotate "$tmp/story.txt" --quote bridge
grep -q -- "--all" "$tmp/err"; ok $? "and says to use --all"
expect 0 "annotate --all" -- "$gloss" annotate "$tmp/story.txt" --quote "Old Harbour Swing Bridge" --all
[ "$(lines "$tmp/out")" -gt 1 ]; ok $? "annotate --all adds one per occurrence"
expect 0 "annotate with straight quotes finds curly ones" -- "$gloss" annotate "$tmp/story.txt" --quote "bridge's central pivot"
expect 1 "annotate a quote that is not there fails" -- "$gloss" annotate "$tmp/story.txt" --quote "no such words here"
expect 0 "annotate --range" -- "$gloss" annotate "$tmp/story.txt" --range 0:10
expect 1 "annotate a range past the end fails" -- "$gloss" annotate "$tmp/story.txt" --range 0:99999999
expect 2 "annotate --range 5:x is bad usage" -- "$gloss" annotate "$tmp/story.txt" --range 5:x
expect 2 "annotate --range -1:3 is bad usage" -- "$gloss" annotate "$tmp/story.txt" --range -1:3
expect 2 "annotate with --quote and --range is bad usage" -- "$gloss" annotate "$tmp/story.txt" --quote a --range 0:1
expect 2 "annotate with an unknown colour is bad usage" -- "$gloss" annotate "$tmp/story.txt" --range 0:1 --color mauve

expect 0 "list --json" -- "$gloss" list --json "$tmp/story.txt"
python3 - "$tmp/out" <<'PY'; ok $? "list --json is an array of annotations with the documented fields"
import json, sys
items = json.load(open(sys.argv[1]))
assert isinstance(items, list) and len(items) >= 4
for a in items:
    for key in ("id", "state", "start", "end", "quote", "tags", "color", "note", "created", "modified"):
        assert key in a, key
assert any(a["tags"] == ["official quote", "Council"] and a["note"] == "Key quote" for a in items)
PY

# list never writes, even when the article changed and annotations moved
sed -i 's/^Marrowick woke/An update.\n\nMarrowick woke/' "$tmp/story.txt"
sum_before=$(cksum <"$tmp/story.txt.annotations.json")
expect 0 "list after the article changed" -- "$gloss" list --json "$tmp/story.txt"
python3 - "$tmp/out" "$quote" <<'PY'; ok $? "the quote moved with the text"
import json, sys
items = json.load(open(sys.argv[1]))
a = [a for a in items if a["quote"] == sys.argv[2]][0]
assert a["state"] == "moved", a["state"]
PY
[ "$(cksum <"$tmp/story.txt.annotations.json")" = "$sum_before" ]; ok $? "list wrote nothing"

# a sidecar that cannot be read is never overwritten
printf '{"version": 1, "annotations": [' >"$tmp/story.txt.annotations.json"
cp "$tmp/story.txt.annotations.json" "$tmp/corrupt.json"
expect 1 "list with a corrupt sidecar fails" -- "$gloss" list "$tmp/story.txt"
grep -q "story.txt.annotations.json: not valid JSON" "$tmp/err"; ok $? "naming the sidecar and the problem"
expect 1 "annotate with a corrupt sidecar fails" -- "$gloss" annotate "$tmp/story.txt" --range 0:5
cmp -s "$tmp/story.txt.annotations.json" "$tmp/corrupt.json"; ok $? "the corrupt sidecar is untouched"
printf '{"version": 2, "annotations": []}\n' >"$tmp/story.txt.annotations.json"
expect 1 "annotate with a newer sidecar fails" -- "$gloss" annotate "$tmp/story.txt" --range 0:5
grep -q "newer" "$tmp/err"; ok $? "saying it is from a newer Gloss"

echo "1..$n"
exit $failed
