#!/bin/sh
# test-export.sh: `gloss export` and `gloss import`, as a user and a script see them.
# usage: test-export.sh GLOSS SAMPLES-FOLDER      prints TAP
set -u
gloss=$1
samples=$2
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
export GLOSS_EXPORT_DATE=2026-11-25T18:55:00Z

. "$(dirname "$0")/tap.sh"

cp "$samples/coastal-courier.txt" "$tmp/a.txt"
cp "$samples/harbor-gazette.md" "$tmp/b.md"
quote='I will not ask anyone to cross a structure'
"$gloss" annotate "$tmp/a.txt" --quote "$quote" --tag "official quote" --tag Council \
  --note 'Key quote, "verbatim"
# not a heading <script>x</script>' --color green >/dev/null
"$gloss" annotate "$tmp/a.txt" --range 0:9 --color red --note '=1+1' >/dev/null
"$gloss" annotate "$tmp/b.md" --quote "$quote" --tag council >/dev/null
ok $? "three annotations made"

expect 0 "export (Markdown by default)" -- "$gloss" export "$tmp/a.txt" "$tmp/b.md"
head -1 "$tmp/out" | grep -qx -- '---' && grep -q '^exported: "2026-11-25T18:55:00Z"$' "$tmp/out"
ok $? "front matter with the export date from GLOSS_EXPORT_DATE"
grep -q "^> $quote" "$tmp/out" && grep -q '^#official_quote #Council$' "$tmp/out"
ok $? "the passage is a block quote and tags are #tags"
grep -q '^\\# not a heading \\<script\\>x\\</script\\>$' "$tmp/out"
ok $? "the note is escaped"
[ ! -s "$tmp/err" ]; ok $? "nothing on stderr"

expect 0 "export --group-by tag" -- "$gloss" export --group-by tag "$tmp/a.txt" "$tmp/b.md"
[ "$(grep -c '^# Council$' "$tmp/out")" = 1 ] && grep -q '^# Untagged$' "$tmp/out"
ok $? "one heading per tag (ignoring case), the untagged last"

expect 0 "export --format html" -- "$gloss" export --format html "$tmp/a.txt"
head -1 "$tmp/out" | grep -qx '<!DOCTYPE html>' && ! grep -q '<script>' "$tmp/out" &&
  grep -q '&lt;script&gt;x&lt;/script&gt;' "$tmp/out"
ok $? "HTML is a page with the note escaped and no script"

expect 0 "export --format json" -- "$gloss" export --format json "$tmp/a.txt" "$tmp/b.md"
python3 - "$tmp/out" <<'PY'; ok $? "JSON is a W3C AnnotationCollection of 3 annotations"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["@context"] == "http://www.w3.org/ns/anno.jsonld" and c["type"] == "AnnotationCollection"
items = c["first"]["items"]
assert c["total"] == len(items) == 3
for a in items:
    assert a["type"] == "Annotation" and a["id"].startswith("urn:uuid:")
    kinds = [s["type"] for s in a["target"]["selector"]]
    assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
PY

expect 0 "export --format csv" -- "$gloss" export --format csv "$tmp/a.txt"
python3 - "$tmp/out" <<'PY'; ok $? "CSV reads back with its commas, quotes and newlines"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2
notes = sorted(r["note"] for r in rows)
assert notes == ["'=1+1", 'Key quote, "verbatim"\n# not a heading <script>x</script>'], notes
PY

expect 0 "export --tag" -- "$gloss" export --format csv --tag COUNCIL "$tmp/a.txt" "$tmp/b.md"
[ "$(grep -c ',exact,' "$tmp/out")" = 2 ]; ok $? "--tag keeps the tagged annotations, any case"
expect 0 "export --color" -- "$gloss" export --format csv --color red --color blue "$tmp/a.txt"
[ "$(grep -c ',red,' "$tmp/out")" = 1 ] && [ "$(wc -l <"$tmp/out")" = 2 ]
ok $? "--color keeps that colour only"

expect 0 "export -o OUT" -- "$gloss" export --format html -o "$tmp/notes.html" "$tmp/a.txt"
[ ! -s "$tmp/out" ] && grep -q '</html>' "$tmp/notes.html"; ok $? "-o writes the file, not stdout"
expect 0 "export -o over an existing file" -- "$gloss" export -o "$tmp/notes.html" "$tmp/a.txt"
grep -q '^---$' "$tmp/notes.html" && ! ls "$tmp" | grep -q '^\.goutputstream'
ok $? "OUT is replaced, no temporary file is left"

expect 2 "export without FILE is bad usage" -- "$gloss" export
[ ! -s "$tmp/out" ]; ok $? "bad usage prints nothing on stdout"
expect 2 "export --format pdf is bad usage" -- "$gloss" export --format pdf "$tmp/a.txt"
expect 2 "export --group-by colour is bad usage" -- "$gloss" export --group-by colour "$tmp/a.txt"
expect 2 "export --color mauve is bad usage" -- "$gloss" export --color mauve "$tmp/a.txt"
expect 2 "export --frobnicate is bad usage" -- "$gloss" export --frobnicate "$tmp/a.txt"
cp "$tmp/a.txt" "$tmp/keep.txt"
expect 2 "export -o onto an article is refused" -- "$gloss" export -o "$tmp/keep.txt" "$tmp/keep.txt"
cmp -s "$tmp/a.txt" "$tmp/keep.txt"; ok $? "the article is untouched"

expect 1 "export of a missing file fails" -- "$gloss" export "$tmp/a.txt" "$tmp/missing.txt"
[ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q 'missing.txt' "$tmp/err"
ok $? "nothing is exported, and one line names the file"

cp "$tmp/a.txt" "$tmp/broken.txt"
printf '{ "version": 1, "annotations": [' >"$tmp/broken.txt.annotations.json"
expect 1 "export with an unreadable sidecar fails" -- "$gloss" export -o "$tmp/x.md" "$tmp/broken.txt"
grep -q 'broken.txt.annotations.json' "$tmp/err" && [ ! -e "$tmp/x.md" ]
ok $? "the message names the sidecar, and OUT is not written"

before=$(cat "$tmp/a.txt.annotations.json")
"$gloss" export --format json "$tmp/a.txt" >/dev/null
[ "$(cat "$tmp/a.txt.annotations.json")" = "$before" ]; ok $? "export does not touch sidecars"

# import: export as JSON, import onto an edited copy, twice
"$gloss" export --format json -o "$tmp/a.json" "$tmp/a.txt"
{ printf 'A paragraph added at the top.\n\n'; cat "$tmp/a.txt"; } >"$tmp/copy.txt"
expect 0 "import onto an edited copy" -- "$gloss" import "$tmp/a.json" "$tmp/copy.txt"
grep -q 'copy.txt: 2 added, 0 updated, 0 already there' "$tmp/out"; ok $? "import says 2 added"
"$gloss" list --json "$tmp/copy.txt" >"$tmp/list.json"
python3 - "$tmp/list.json" "$tmp/a.txt.annotations.json" "$quote" <<'PY'; ok $? "the annotations are on the copy, same ids, moved"
import json, sys
items = json.load(open(sys.argv[1]))
original = json.load(open(sys.argv[2]))["annotations"]
assert sorted(a["id"] for a in items) == sorted(a["id"] for a in original)
key = [a for a in items if a["tags"] == ["official quote", "Council"]][0]
assert key["state"] == "exact" and key["quote"] == sys.argv[3] and key["color"] == "green"
PY
cp "$tmp/copy.txt.annotations.json" "$tmp/sidecar-before"
expect 0 "import the same file again" -- "$gloss" import "$tmp/a.json" "$tmp/copy.txt"
grep -q '0 added, 0 updated, 2 already there' "$tmp/out" &&
  cmp -s "$tmp/sidecar-before" "$tmp/copy.txt.annotations.json"
ok $? "importing twice adds nothing and leaves the sidecar as it was"

expect 0 "round trip: export of the copy" -- "$gloss" export --format csv "$tmp/copy.txt"
[ "$(wc -l <"$tmp/out")" = 4 ]; ok $? "the copy exports its two annotations (one note has 2 lines)"

expect 2 "import without FILE is bad usage" -- "$gloss" import "$tmp/a.json"
expect 1 "import of a missing JSON fails" -- "$gloss" import "$tmp/none.json" "$tmp/copy.txt"
printf 'not json' >"$tmp/bad.json"
expect 1 "import of a file that is not JSON fails" -- "$gloss" import "$tmp/bad.json" "$tmp/copy.txt"
grep -q 'bad.json' "$tmp/err"; ok $? "the message names the JSON file"
expect 1 "import into an unreadable sidecar fails" -- "$gloss" import "$tmp/a.json" "$tmp/broken.txt"
grep -q '^{ "version": 1, "annotations": \[$' "$tmp/broken.txt.annotations.json"
ok $? "the unreadable sidecar is not overwritten"
"$gloss" export --format json -o "$tmp/ab.json" "$tmp/a.txt" "$tmp/b.md"
expect 1 "import of other articles' annotations fails" -- "$gloss" import "$tmp/ab.json" "$tmp/copy.txt"
expect 0 "import picks an article's own from a collection" -- "$gloss" import "$tmp/ab.json" "$tmp/b.md"
grep -q '0 added, 0 updated, 1 already there' "$tmp/out"; ok $? "only b.md's annotation is considered"

echo "1..$n"
exit $failed
