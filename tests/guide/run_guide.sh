#!/bin/bash
# Runs a guide as a script: every ```sh block of GUIDE.md, in order, as one
# bash script with `set -euo pipefail`, in a fresh temporary directory that
# is also $HOME, with the built CLI first on PATH and TRADEFIN_STORE unset.
# A block right after a line `<!-- guide-test: skip -->` is left out.
# Fails (with that exit code) naming the guide line of the first command
# that failed.
#
#   run_guide.sh GUIDE.md BIN_DIR SOURCE_DIR
set -euo pipefail
guide=$1 bin_dir=$2 src_dir=$3
[ -f "$guide" ] || { echo "run_guide: no guide $guide" >&2; exit 2; }
[ -x "$bin_dir/tradefin" ] || { echo "run_guide: no $bin_dir/tradefin" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tradefin-guide.XXXXXX")
trap 'rm -rf "$work"' EXIT
script=$work/guide.sh

# Each guide line is kept at the same line number in the script (other lines
# become empty), so bash's $LINENO is the guide's line.
awk '
  /^<!-- guide-test: skip -->/ { skip = 1; print ""; next }
  !inblock && /^```sh[ \t]*$/ { inblock = 1; run = !skip; skip = 0; print ""; next }
  inblock && /^```/ { inblock = 0; print ""; next }
  inblock && run { print; next }
  { if (!/^[ \t]*$/) skip = 0; print "" }
' "$guide" > "$script.body"
if ! grep -q '[^[:space:]]' "$script.body"; then
  echo "run_guide: $guide has no sh block to run" >&2
  exit 2
fi
# The header takes no lines: it is prepended on line 1 with the body's line 1.
{
  printf 'set -euo pipefail; trap '\''echo "run_guide: %s:$LINENO: command failed (exit $?)" >&2'\'' ERR; ' "$guide"
  cat "$script.body"
} > "$script"

mkdir -p "$work/home"
cd "$work/home"
env -u TRADEFIN_STORE -u TRADEFIN_JSON_PRETTY HOME="$work/home" \
  PATH="$bin_dir:$PATH" TF_SRC="$src_dir" bash "$script"
echo "run_guide: $guide ran top to bottom"
