#!/bin/sh
# test-faults.sh: faults while saving annotations, through the command line and the core.
# For each: a clear message, a safe outcome (the old sidecar whole), nothing lost.
# usage: test-faults.sh GLOSS SAMPLES-FOLDER FAULTS-SAVER      prints TAP
#
# A full disk and a read-only folder are made with tmpfs mounts in a private mount
# namespace (`unshare -m` as root, `unshare -rm` otherwise: nothing leaks to the system);
# permission denied runs `gloss` as nobody (setpriv) when we are root, as root ignores
# permissions. Where these are missing the tests skip, and fail in CI (CI=true).
set -u
gloss=$1
samples=$2
saver=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

. "$here/../cli/tap.sh"

ci=${CI:-false}
article=$samples/coastal-courier.txt
export XDG_DATA_HOME="$tmp/data"
fallbacks=$XDG_DATA_HOME/io.github.glossreader.Gloss/annotations

# missing WHAT WHY: a test this machine cannot run
missing () {
  if [ "$ci" = true ]; then
    ok 1 "$1: cannot run here ($2), and CI must run it"
  else
    n=$((n + 1)); echo "ok $n # SKIP $1: $2"
  fi
}

# count SIDECAR: its number of annotations, -1 if it is not a whole JSON file
count () {
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["annotations"]))' \
    "$1" 2>/dev/null || echo -1
}

# has_notes SIDECAR PREFIX N: whether notes "PREFIX 0" to "PREFIX N-1" are all there, once
has_notes () {
  python3 - "$@" <<'PY'
import json, sys
path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
notes = [a["note"] for a in json.load(open(path))["annotations"]]
want = [f"{prefix} {i}" for i in range(n)]
missing = [w for w in want if w not in notes]
doubled = [w for w in want if notes.count(w) > 1]
if missing or doubled:
    print(f"# {path}: missing {missing[:10]} doubled {doubled[:10]}")
sys.exit(1 if missing or doubled else 0)
PY
}

# results FILE: the "STATUS DESCRIPTION" lines a namespaced part wrote, as TAP
results () {
  while read -r st what; do ok "$st" "$what"; done <"$1"
}

if [ "$(id -u)" = 0 ]; then ns="unshare -m"; else ns="unshare -rm"; fi
has_ns=false
$ns sh -c "mount -t tmpfs -o size=64k gloss-probe '$tmp'" 2>/dev/null && has_ns=true

# The inner scripts run in the namespace; they write their results for the outer one.
cat >"$tmp/lib.sh" <<'SH'
res () { echo "$1 $2" >>"$results"; }
count () {
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["annotations"]))' \
    "$1" 2>/dev/null || echo -1
}
SH
export gloss article tmp fallbacks

# 1. The disk is full: the save fails with a message saying so, the old sidecar stays whole,
# and once there is room the same save works.
disk_full () {
  results=$tmp/full.res; export results; : >"$results"
  $ns sh -c '
    . "$tmp/lib.sh"
    d=$tmp/full; mkdir -p "$d"
    mount -t tmpfs -o size=64k gloss-full "$d" || { res 1 "disk full: mount a tmpfs"; exit; }
    cp "$article" "$d/story.txt"
    "$gloss" annotate "$d/story.txt" --range 0:5 --note one >/dev/null &&
    "$gloss" annotate "$d/story.txt" --range 6:9 --note two >/dev/null
    res $? "disk full: two annotations saved before"
    cp "$d/story.txt.annotations.json" "$tmp/full-before.json"
    dd if=/dev/zero of="$d/filler" bs=4k 2>/dev/null
    big=$(head -c 20000 /dev/zero | tr "\0" x)
    "$gloss" annotate "$d/story.txt" --range 10:15 --note "$big" >"$tmp/out" 2>"$tmp/err"
    st=$?
    [ $st = 1 ]; res $? "disk full: annotate fails (exit $st)"
    grep -q "No space left on device" "$tmp/err"
    res $? "disk full: the message says so: $(head -c 200 "$tmp/err")"
    cmp -s "$d/story.txt.annotations.json" "$tmp/full-before.json"
    res $? "disk full: the old sidecar is whole and unchanged"
    left=$(ls -A "$d" | grep -v -x -e story.txt -e story.txt.annotations.json -e filler)
    [ -z "$left" ]; res $? "disk full: no temporary file left behind ($left)"
    [ ! -e "$fallbacks" ] || [ -z "$(ls -A "$fallbacks")" ]
    res $? "disk full: nothing written elsewhere"
    rm "$d/filler"
    "$gloss" annotate "$d/story.txt" --range 10:15 --note "$big" >/dev/null 2>"$tmp/err"
    res $? "disk full: after room is made, the same annotate works: $(cat "$tmp/err")"
    python3 -c "import json,sys; a=json.load(open(sys.argv[1]))[\"annotations\"]; \
sys.exit(0 if len(a) == 3 and max(len(x[\"note\"]) for x in a) == 20000 else 1)" \
      "$d/story.txt.annotations.json"
    res $? "disk full: the sidecar has all three, the long note whole"
  '
  results "$results"
}

# 2a. A read-only folder (a read-only mount: root ignores permissions): the save goes to
# the fallback location and says where; the sidecar by the article is untouched; reading
# merges both; once the folder is writable, the next save brings everything back to it.
read_only () {
  results=$tmp/ro.res; export results; : >"$results"
  $ns sh -c '
    . "$tmp/lib.sh"
    d=$tmp/ro; mkdir -p "$d"
    mount -t tmpfs -o size=1m gloss-ro "$d" || { res 1 "read-only: mount a tmpfs"; exit; }
    cp "$article" "$d/story.txt"
    "$gloss" annotate "$d/story.txt" --range 0:5 --note "ro 0" >/dev/null &&
    "$gloss" annotate "$d/story.txt" --range 6:9 --note "ro 1" >/dev/null
    res $? "read-only: two annotations saved before"
    cp "$d/story.txt.annotations.json" "$tmp/ro-before.json"
    mount -o remount,bind,ro "$d" || { res 1 "read-only: remount read-only"; exit; }
    touch "$d/probe" 2>/dev/null; [ $? != 0 ]; res $? "read-only: the folder is really read-only"
    "$gloss" annotate "$d/story.txt" --range 10:15 --note "ro 2" >/dev/null 2>"$tmp/err"
    res $? "read-only: annotate succeeds: $(cat "$tmp/err")"
    grep -q "kept in $fallbacks/" "$tmp/err"; res $? "read-only: it says where the annotations are"
    cmp -s "$d/story.txt.annotations.json" "$tmp/ro-before.json"
    res $? "read-only: the sidecar by the article is untouched"
    fb=$(ls "$fallbacks"/*-story.txt.annotations.json 2>/dev/null)
    [ "$(count "$fb")" = 3 ]; res $? "read-only: the fallback sidecar has all three"
    "$gloss" list "$d/story.txt" >"$tmp/out" 2>"$tmp/err"
    grep -q ": 3 annotations" "$tmp/out"; res $? "read-only: gloss list shows all three"
    mount -o remount,bind,rw "$d" || { res 1 "read-only: remount read-write"; exit; }
    "$gloss" annotate "$d/story.txt" --range 20:25 --note "ro 3" >/dev/null 2>"$tmp/err"
    res $? "read-only: writable again, annotate succeeds: $(cat "$tmp/err")"
    has_notes () { python3 -c "import json,sys; n=[a[\"note\"] for a in json.load(open(sys.argv[1]))[\"annotations\"]]; sys.exit(0 if sorted(n) == [\"ro %d\" % i for i in range(4)] else 1)" "$1"; }
    has_notes "$d/story.txt.annotations.json"
    res $? "read-only: all four are back next to the article"
    [ ! -e "$fb" ]; res $? "read-only: the fallback copy is gone"
  '
  results "$results"
}

# 2b. Permission denied: a folder and a sidecar of someone else.
permission_denied () {
  d=$tmp/perm; mkdir -p "$d"
  cp "$article" "$d/story.txt"
  "$gloss" annotate "$d/story.txt" --range 0:5 --note "perm 0" >/dev/null
  cp "$article" "$d/secret.txt"
  "$gloss" annotate "$d/secret.txt" --range 0:5 --note "secret" >/dev/null
  cp "$d/story.txt.annotations.json" "$tmp/perm-before.json"
  cp "$d/secret.txt.annotations.json" "$tmp/secret-before.json"
  chmod 644 "$d"/*
  chmod 600 "$d/secret.txt.annotations.json"
  if [ "$(id -u)" = 0 ]; then
    if ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
      missing "permission denied" "as root, setpriv to nobody is needed"; return
    fi
    # nobody may not reach the build folder: a copy of the program
    mkdir -p "$tmp/bin" "$tmp/nobody"
    cp "$gloss" "$tmp/bin/gloss"; chmod 755 "$tmp/bin" "$tmp/bin/gloss" "$d"
    chown 65534:65534 "$tmp/nobody"
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"; g=$tmp/bin/gloss
  else
    chmod 555 "$d"; chmod 000 "$d/secret.txt.annotations.json"
    as=""; g=$gloss; mkdir -p "$tmp/nobody"
  fi
  XDG_DATA_HOME=$tmp/nobody $as "$g" annotate "$d/story.txt" --range 6:9 --note "perm 1" \
    >/dev/null 2>"$tmp/err"
  ok $? "permission denied: annotate succeeds: $(cat "$tmp/err")"
  grep -q "kept in $tmp/nobody/" "$tmp/err"; ok $? "permission denied: it says where"
  cmp -s "$d/story.txt.annotations.json" "$tmp/perm-before.json"
  ok $? "permission denied: the sidecar by the article is untouched"
  fb=$(ls "$tmp/nobody"/io.github.glossreader.Gloss/annotations/*-story.txt.annotations.json \
       2>/dev/null)
  [ "$(count "$fb")" = 2 ]; ok $? "permission denied: the fallback sidecar has both"

  XDG_DATA_HOME=$tmp/nobody $as "$g" annotate "$d/secret.txt" --range 6:9 >/dev/null 2>"$tmp/err"
  [ $? = 1 ]; ok $? "unreadable sidecar: annotate fails"
  grep -q "secret.txt.annotations.json: .*Permission denied" "$tmp/err"
  ok $? "unreadable sidecar: the message names it: $(cat "$tmp/err")"
  chmod 644 "$d/secret.txt.annotations.json"
  cmp -s "$d/secret.txt.annotations.json" "$tmp/secret-before.json"
  ok $? "unreadable sidecar: untouched"
  [ -z "$(ls "$tmp/nobody"/io.github.glossreader.Gloss/annotations/*-secret.txt.* 2>/dev/null)" ]
  ok $? "unreadable sidecar: nothing written elsewhere"
  chmod 755 "$d"
}

# 3. A symbolic link (out of the folder, or inside it) or a folder in the sidecar's place:
# never followed, never replaced, a message that says what it is.
taken_place () {
  d=$tmp/link; mkdir -p "$d"
  cp "$article" "$d/story.txt"
  "$gloss" annotate "$d/story.txt" --range 0:5 --note "linked" >/dev/null
  mv "$d/story.txt.annotations.json" "$tmp/outside.json"
  cp "$tmp/outside.json" "$tmp/outside-before.json"
  for target in "$tmp/outside.json" inside.json; do
    [ "$target" = inside.json ] && cp "$tmp/outside.json" "$d/inside.json"
    ln -sf "$target" "$d/story.txt.annotations.json"
    expect 1 "link to $target: annotate refuses" -- \
      "$gloss" annotate "$d/story.txt" --range 6:9 --note "more"
    grep -q "symbolic link" "$tmp/err"; ok $? "link to $target: the message says so"
    [ -L "$d/story.txt.annotations.json" ]; ok $? "link to $target: still the link"
    case $target in
      /*) cmp -s "$target" "$tmp/outside-before.json" ;;
      *) cmp -s "$d/$target" "$tmp/outside-before.json" ;;
    esac
    ok $? "link to $target: what it points to is untouched"
    expect 1 "link to $target: gloss list refuses too" -- "$gloss" list "$d/story.txt"
    rm "$d/story.txt.annotations.json"
  done
  mkdir "$d/story.txt.annotations.json"
  expect 1 "a folder in its place: annotate refuses" -- \
    "$gloss" annotate "$d/story.txt" --range 6:9 --note "more"
  grep -q "not a regular file" "$tmp/err"; ok $? "a folder in its place: the message says so"
  [ -d "$d/story.txt.annotations.json" ] && [ -z "$(ls -A "$d/story.txt.annotations.json")" ]
  ok $? "a folder in its place: left as it was"
  [ ! -e "$fallbacks" ] || [ -z "$(ls -A "$fallbacks")" ]
  ok $? "link or folder: nothing written elsewhere"
}

# 5. Another program (no lock, write-and-rename) adds annotations while a Gloss process
# saves again and again: every annotation of both is in the final file.
racing_writer () {
  d=$tmp/race; mkdir -p "$d"
  cp "$article" "$d/story.txt"
  "$gloss" annotate "$d/story.txt" --range 0:5 --note "seed 0" >/dev/null
  python3 "$here/foreign-writer.py" "$d/story.txt.annotations.json" 100 "$tmp/race-stop" \
    2>"$tmp/foreign-err" &
  foreign=$!
  "$saver" "$d/story.txt" 100 "$tmp/race-stop" >"$tmp/out" 2>"$tmp/err"
  ok $? "racing writer: every Gloss save succeeds: $(cat "$tmp/err")"
  wait $foreign
  ok $? "racing writer: the other writer ran: $(head -c 300 "$tmp/foreign-err")"
  echo "# $(cat "$tmp/out")"
  s=$d/story.txt.annotations.json
  [ "$(count "$s")" = 201 ]; ok $? "racing writer: 201 annotations (found $(count "$s"))"
  has_notes "$s" gloss 100; ok $? "racing writer: all of Gloss's"
  has_notes "$s" foreign 100; ok $? "racing writer: all of the other writer's"
}

# 6. Two Gloss processes annotate one article at once, 40 times each.
two_processes () {
  d=$tmp/two; mkdir -p "$d"
  cp "$article" "$d/story.txt"
  for who in A B; do
    (
      i=0
      while [ $i -lt 40 ]; do
        "$gloss" annotate "$d/story.txt" --range "$i:$((i + 3))" --note "$who $i" \
          >/dev/null 2>>"$tmp/two-$who.err" || echo "$who $i failed" >>"$tmp/two-$who.err"
        i=$((i + 1))
      done
    ) &
  done
  wait
  [ ! -s "$tmp/two-A.err" ] && [ ! -s "$tmp/two-B.err" ]
  ok $? "two processes: every annotate succeeds $(cat "$tmp"/two-*.err 2>/dev/null | head -3)"
  s=$d/story.txt.annotations.json
  [ "$(count "$s")" = 80 ]; ok $? "two processes: 80 annotations (found $(count "$s"))"
  has_notes "$s" A 40 && has_notes "$s" B 40; ok $? "two processes: all of both"
}

if [ $has_ns = true ]; then
  disk_full
  rm -rf "$fallbacks"
  read_only
  rm -rf "$fallbacks"
else
  missing "disk full" "no mount namespace (unshare)"
  missing "read-only folder" "no mount namespace (unshare)"
fi
permission_denied
taken_place
racing_writer
two_processes

echo "1..$n"
exit $failed
