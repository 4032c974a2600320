#!/bin/sh
# test-compare.sh: `gloss compare`, as a user and a script see it.
# usage: test-compare.sh GLOSS SAMPLES-FOLDER      prints TAP
set -u
gloss=$1
samples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

a=$samples/coastal-courier.txt
b=$samples/harbor-gazette.md
c=$samples/valley-tribune.html
for f in "$a" "$b" "$c"; do
  "$gloss" text "$f" >"$tmp/$(basename "$f").text"
done

expect 0 "compare --json of the three samples" -- "$gloss" compare --json "$a" "$b" "$c"
cp "$tmp/out" "$tmp/three.json"
[ ! -s "$tmp/err" ]; ok $? "nothing on stderr"

python3 - "$tmp/three.json" <<'PY'; ok $? "the JSON has the documented shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"articles", "passages"}
assert len(d["articles"]) == 3
for a in d["articles"]:
    assert isinstance(a["file"], str) and (a["title"] is None or isinstance(a["title"], str))
assert len(d["passages"]) > 0
for p in d["passages"]:
    assert 0.0 <= p["similarity"] <= 1.0
    assert isinstance(p["words"], int) and p["words"] >= 8
    assert len(p["spans"]) >= 2
    for s in p["spans"]:
        assert s["article"] in (0, 1, 2) and 0 <= s["start"] < s["end"]
PY

python3 - "$tmp/three.json" "$tmp/coastal-courier.txt.text" "$tmp/harbor-gazette.md.text" \
  "$tmp/valley-tribune.html.text" <<'PY'; ok $? "offsets are code points over 'gloss text', and the spans read alike"
import json, re, sys
d = json.load(open(sys.argv[1]))
texts = [open(f, encoding="utf-8").read() for f in sys.argv[2:]]
words = lambda s: re.findall(r"\w+(?:['\u2019]\w+)*", s.lower().replace("\u2019", "'"))
for p in d["passages"]:
    spans = [texts[s["article"]][s["start"]:s["end"]] for s in p["spans"]]
    for s in spans:
        assert re.match(r"\w", s[0]) and re.match(r"\w", s[-1]), s
    # every span shares at least half its words with another span
    for i, s in enumerate(spans):
        w = words(s)
        assert any(sum(x in set(words(o)) for x in w) >= len(w) / 2
                   for j, o in enumerate(spans) if j != i), s
PY

quote="The engineers found cracking in the bridge’s central pivot casting, and I will not ask anyone to cross a structure we cannot vouch for. I know what that means for people who cross it twice a day. The bridge will stay closed until we understand what we are dealing with, and that will take weeks, not days"
python3 - "$tmp/three.json" "$quote" "$tmp/coastal-courier.txt.text" "$tmp/harbor-gazette.md.text" \
  "$tmp/valley-tribune.html.text" <<'PY'; ok $? "the 57-word quote is one passage found in all three samples"
import json, sys
d = json.load(open(sys.argv[1]))
quote = sys.argv[2]
texts = [open(f, encoding="utf-8").read() for f in sys.argv[3:]]
assert len(quote.split()) == 57
found = [p for p in d["passages"]
         if len({s["article"] for s in p["spans"]}) == 3
         and all(quote in texts[s["article"]][s["start"]:s["end"]] for s in p["spans"])]
assert len(found) == 1 and found[0]["words"] >= 57 and found[0]["similarity"] == 1.0, found
PY

expect 0 "compare, readable" -- "$gloss" compare "$a" "$b"
grep -q "shared passage" "$tmp/out" && grep -q "% shared" "$tmp/out"
ok $? "the report has the passages and the shared percentages"
grep -q "57 words, 100% similar" "$tmp/out"; ok $? "the report shows the 57-word quote"
grep -qF "[2] " "$tmp/out" && ! grep -qF "[3] " "$tmp/out"; ok $? "two articles, numbered"

expect 0 "compare --min-words 40" -- "$gloss" compare --json --min-words 40 "$a" "$b" "$c"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["passages"] and all(p["words"] >= 40 for p in d["passages"])' "$tmp/out"
ok $? "--min-words drops the shorter passages"

expect 0 "compare --min-words=1000" -- "$gloss" compare --json --min-words=1000 "$a" "$b"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["passages"] == []' "$tmp/out"
ok $? "no passage is that long"

# Unrelated and empty articles share nothing, and that is not an error.
printf 'Nothing in common with the others at all, as far as anyone can tell.\n' >"$tmp/other.txt"
: >"$tmp/empty.txt"
expect 0 "compare unrelated and empty articles" -- "$gloss" compare --json "$a" "$tmp/other.txt" "$tmp/empty.txt"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["passages"] == []' "$tmp/out"
ok $? "no passages"

# Non-ASCII before the passage: offsets are code points, not bytes or UTF-16 units.
printf '🙂 Ελληνικά «alpha beta gamma delta epsilon zeta eta theta iota» τέλος\n' >"$tmp/u1.txt"
printf 'Другой текст: alpha beta gamma delta epsilon zeta eta theta iota!\n' >"$tmp/u2.txt"
expect 0 "compare non-ASCII articles" -- "$gloss" compare --json "$tmp/u1.txt" "$tmp/u2.txt"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["passages"][0]["spans"]; assert [(x["start"], x["end"]) for x in s] == [(12, 62), (14, 64)], s' "$tmp/out"
ok $? "non-ASCII offsets are code points"

expect 2 "compare with one FILE is bad usage" -- "$gloss" compare "$a"
[ "$(lines "$tmp/out")" = 0 ]; ok $? "bad usage prints nothing on stdout"
expect 2 "compare without FILEs is bad usage" -- "$gloss" compare
expect 2 "--min-words 0 is bad usage" -- "$gloss" compare --min-words 0 "$a" "$b"
expect 2 "--min-words -3 is bad usage" -- "$gloss" compare --min-words -3 "$a" "$b"
expect 2 "--min-words abc is bad usage" -- "$gloss" compare --min-words abc "$a" "$b"
expect 2 "an unknown option is bad usage" -- "$gloss" compare --frobnicate "$a" "$b"

expect 1 "compare with a missing file fails" -- "$gloss" compare "$a" "$tmp/missing.txt"
[ "$(lines "$tmp/err")" = 1 ] && grep -q "missing.txt" "$tmp/err" && [ ! -s "$tmp/out" ]
ok $? "the failure is one line naming the file, and nothing on stdout"

printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >"$tmp/image.txt"
expect 1 "compare with a binary file fails" -- "$gloss" compare "$tmp/image.txt" "$a"
grep -q "image.txt" "$tmp/err"; ok $? "the binary file is named"

# compare is read-only
mkdir "$tmp/ro"
cp "$a" "$b" "$tmp/ro/"
"$gloss" compare "$tmp/ro/coastal-courier.txt" "$tmp/ro/harbor-gazette.md" >/dev/null
[ "$(ls "$tmp/ro" | wc -l)" = 2 ]; ok $? "compare writes nothing next to the articles"

echo "1..$n"
exit $failed
