#!/bin/sh
# test-install.sh: `meson install` into a DESTDIR gives a complete, working Gloss.
# usage: test-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR VERSION
#   BINDIR, DATADIR and LOCALEDIR as meson's options (relative to PREFIX or absolute).
# Prints TAP. The DESTDIR is a temporary folder, removed at the end whatever happens.
set -u
meson=$1 build_root=$2 source_root=$3 prefix=$4 bindir=$5 datadir=$6 localedir=$7 version=$8
app_id=io.github.glossreader.Gloss

under_prefix () { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gloss-install.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
dest="$tmp/root"
bin="$dest$(under_prefix "$bindir")"
data="$dest$(under_prefix "$datadir")"
locale="$dest$(under_prefix "$localedir")"

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; failed=1; fi
}
diag () { sed 's/^/# /' "$@"; }

# The test runs inside `meson test`, which has already built everything.
"$meson" install -C "$build_root" --destdir "$dest" --no-rebuild --quiet \
  >"$tmp/install.log" 2>&1
r=$?
[ $r = 0 ] || diag "$tmp/install.log"
ok $r "meson install --destdir"
if [ $r != 0 ]; then echo "1..$n"; exit 1; fi

[ -x "$bin/gloss" ]; ok $? "the gloss executable is installed in bindir"

schemas="$data/glib-2.0/schemas"
[ -f "$schemas/$app_id.gschema.xml" ]; ok $? "the GSettings schema is installed"
# Distributions compile schemas after installing; with a DESTDIR meson leaves that to us.
glib-compile-schemas --strict "$schemas" >"$tmp/out" 2>&1; r=$?
[ $r = 0 ] || diag "$tmp/out"
ok $r "glib-compile-schemas --strict on the installed schemas"
[ -s "$schemas/gschemas.compiled" ]; ok $? "gschemas.compiled is written"
if command -v gsettings >/dev/null 2>&1; then
  gsettings --schemadir "$schemas" list-keys "$app_id" >"$tmp/out" 2>&1 &&
    grep -qx 'window-width' "$tmp/out"
  r=$?
  [ $r = 0 ] || diag "$tmp/out"
  ok $r "the compiled schema holds $app_id"
fi

desktop="$data/applications/$app_id.desktop"
[ -f "$desktop" ]; ok $? "the desktop file is installed"
grep -q "^Icon=$app_id\$" "$desktop" && grep -q '^Exec=gloss ' "$desktop"
ok $? "the desktop file starts gloss with the application icon"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" >"$tmp/out" 2>&1; r=$?
  [ $r = 0 ] || diag "$tmp/out"
  ok $r "the installed desktop file is valid"
fi

metainfo="$data/metainfo/$app_id.metainfo.xml"
[ -f "$metainfo" ]; ok $? "the metainfo is installed"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"
ok $? "the metainfo launches the installed desktop file"

[ -f "$data/icons/hicolor/scalable/apps/$app_id.svg" ]
ok $? "the full-colour scalable icon is installed"
[ -f "$data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" ]
ok $? "the symbolic icon is installed"

# Every language in LINGUAS has its catalogue.
missing=""
for lang in $(sed 's/#.*//' "$source_root/po/LINGUAS"); do
  [ -f "$locale/$lang/LC_MESSAGES/gloss.mo" ] || missing="$missing $lang"
done
[ -z "$missing" ]; r=$?
[ $r = 0 ] || echo "# no gloss.mo for:$missing"
ok $r "a translation catalogue for every language in po/LINGUAS"

# The installed program runs on its own: no build folder in its environment.
run_installed () {
  env -u GSETTINGS_SCHEMA_DIR -u G_DEBUG XDG_DATA_DIRS="$data:/usr/local/share:/usr/share" \
    HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
    XDG_CACHE_HOME="$tmp/home/cache" LC_ALL=C.UTF-8 "$bin/gloss" "$@"
}
mkdir -p "$tmp/home"

run_installed --version >"$tmp/out" 2>"$tmp/err"; r=$?
[ $r = 0 ] && [ "$(cat "$tmp/out")" = "gloss $version" ]; r=$?
[ $r = 0 ] || { diag "$tmp/out"; diag "$tmp/err"; }
ok $r "the installed gloss --version prints gloss $version"

cp "$source_root/data/samples/coastal-courier.txt" "$source_root/data/samples/harbor-gazette.md" \
  "$tmp/"
for f in coastal-courier.txt harbor-gazette.md; do
  run_installed text "$tmp/$f" >"$tmp/out" 2>"$tmp/err"; r=$?
  [ $r = 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ] &&
    grep -q 'Swing Bridge' "$tmp/out"
  r=$?
  [ $r = 0 ] || diag "$tmp/err"
  ok $r "the installed gloss text $f prints the article text"
done
# `text` is read-only: nothing may have been written next to the samples.
[ "$(ls "$tmp" | grep -c annotations)" = 0 ]; ok $? "gloss text wrote no file"

echo "1..$n"
exit $failed
