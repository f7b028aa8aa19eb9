#!/usr/bin/env bash
# libtradefin.so loads Xerces-C only for schema validation, from its plugin
# (libtradefin/src/xml/xsd/xsd_backend.h):
#  1. libtradefin.so does not link Xerces-C;
#  2. `tradefin --version` never loads it; `tradefin validate` does, and works;
#  3. without the plugin beside the library, validation fails with an error
#     that names the plugin, and a verb that does not validate still works.
# Usage: check_xsd_plugin.sh BINARY_DIR SOURCE_DIR
set -euo pipefail
bin=$1/bin/tradefin
lib=$1/lib
sample=$2/samples/shipment/rail-waybill.xml
fail() { echo "check_xsd_plugin: $*" >&2; exit 1; }

needed=$(readelf -d "$lib/libtradefin.so" | grep NEEDED || true)
if grep -q xerces <<<"$needed"; then fail "libtradefin.so links Xerces-C:"$'\n'"$needed"; fi

loaded=$(LD_DEBUG=files "$bin" --version 2>&1 >/dev/null | grep -o 'file=[^ ]*' || true)
if grep -q 'xerces\|curl' <<<"$loaded"; then fail "tradefin --version loaded:"$'\n'"$loaded"; fi
loaded=$(LD_DEBUG=files "$bin" validate "$sample" 2>&1 >/dev/null | grep -o 'file=[^ ]*' || true)
grep -q 'libtradefin-xsd-' <<<"$loaded" || fail "tradefin validate did not load the XSD plugin"
"$bin" validate "$sample" >/dev/null || fail "tradefin validate $sample failed"

# The library alone, without its tradefin/ directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -L "$lib/libtradefin.so.0" "$work/"
set +e
out=$(LD_LIBRARY_PATH=$work "$bin" validate "$sample" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "validate without the plugin succeeded: $out"
grep -q "XSD plugin could not be loaded ($work/tradefin/libtradefin-xsd-" <<<"$out" ||
  fail "validate without the plugin: unexpected error: $out"
grep -q 'installation is incomplete' <<<"$out" || fail "no advice in: $out"
LD_LIBRARY_PATH=$work "$bin" key gen --out "$work/k" >/dev/null &&
  LD_LIBRARY_PATH=$work "$bin" key show "$work/k.pub" >/dev/null ||
  fail "key gen/show (no validation) failed without the plugin"
echo "check_xsd_plugin: ok"
