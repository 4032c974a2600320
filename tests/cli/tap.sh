# tap.sh: what the command-line tests share; sourced after they set $tmp.
# ok STATUS DESCRIPTION prints a TAP line; $failed is 1 once one failed.
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
