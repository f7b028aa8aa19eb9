#!/usr/bin/env bash
# Process start-up and whole-process verify, against xmlsec1 on the same
# document (issue 10: `tradefin --version` <= 5 ms, whole-process `tradefin
# verify` <= 0.33x `xmlsec1 --verify`).
#
# Usage: bench/startup_profile.sh [BUILD_DIR] [RUNS]   (defaults: build, 41)
#
# Two measures, both same-run:
#  * instructions (valgrind --tool=callgrind, whole process including the
#    dynamic loader): deterministic, so the ratio holds on a loaded machine;
#  * wall time: median of RUNS runs, the commands interleaved so that load
#    changes hit both sides alike. Needs xmlsec1, openssl and valgrind.
set -euo pipefail
BUILD_DIR=${1:-build}
RUNS=${2:-41}
CLI="$BUILD_DIR/bin/tradefin"
cd "$(dirname "$0")/.."
for tool in xmlsec1 openssl valgrind python3; do
  command -v "$tool" >/dev/null || { echo "startup_profile: $tool not found" >&2; exit 2; }
done
[ -x "$CLI" ] || { echo "startup_profile: $CLI not built" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same ECDSA P-256 key for both tools; the sample waybill signed by
# xmlsec1 with tradefin's profile (enveloped, exc-c14n, KeyName).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/k.pem" 2>/dev/null
openssl pkey -in "$work/k.pem" -pubout -out "$work/k.pub"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
doc = open("samples/shipment/rail-waybill.xml").read()
sig = ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
       '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
       '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/>'
       '<ds:Reference URI=""><ds:Transforms>'
       '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
       '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
       '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
       '<ds:DigestValue></ds:DigestValue></ds:Reference></ds:SignedInfo>'
       '<ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:KeyName>k</ds:KeyName>'
       '</ds:KeyInfo></ds:Signature>')
at = doc.rfind("</wb:")
open(work + "/tmpl.xml", "w").write(doc[:at] + sig + doc[at:])
PY
xmlsec1 --sign --privkey-pem:k "$work/k.pem" --output "$work/signed.xml" "$work/tmpl.xml"

xmlsec_cmd=(xmlsec1 --verify --pubkey-pem:k "$work/k.pub" --enabled-key-data key-name "$work/signed.xml")
verify_cmd=("$CLI" verify "$work/signed.xml" --pubkey "$work/k.pub" --no-schema)
verify_schema_cmd=("$CLI" verify "$work/signed.xml" --pubkey "$work/k.pub")
version_cmd=("$CLI" --version)
"${xmlsec_cmd[@]}" >/dev/null 2>&1 || { echo "xmlsec1 does not verify its own signature" >&2; exit 2; }
"${verify_cmd[@]}" >/dev/null || { echo "tradefin verify rejected the xmlsec1 signature" >&2; exit 2; }

instr() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# Wall time of one run in ms, timed by bash itself (a timer process of its
# own, e.g. python, would add its fork cost to every row and pull the
# ratios towards 1).
ms() {
  local TIMEFORMAT=%R t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v s="$t" 'BEGIN { printf "%.3f", s * 1000 }'
}

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "document: samples/shipment/rail-waybill.xml + enveloped ECDSA P-256 signature, $(wc -c <"$work/signed.xml") bytes"
echo
echo "| command | instructions (callgrind) | ratio to xmlsec1 |"
echo "|---|---|---|"
x=$(instr "${xmlsec_cmd[@]}")
for name in xmlsec version verify verify_schema; do
  case $name in
    xmlsec) n=$x; label='`xmlsec1 --verify` (anchor)';;
    version) n=$(instr "${version_cmd[@]}"); label='`tradefin --version`';;
    verify) n=$(instr "${verify_cmd[@]}"); label='`tradefin verify --no-schema`';;
    verify_schema) n=$(instr "${verify_schema_cmd[@]}"); label='`tradefin verify` (with schema check)';;
  esac
  printf '| %s | %s | %.3f |\n' "$label" "$n" "$(python3 -c "print($n/$x)")"
done

echo
echo "| command | median wall ms ($RUNS runs, interleaved) | ratio to xmlsec1 |"
echo "|---|---|---|"
declare -A t
for i in $(seq "$RUNS"); do
  t[xmlsec]+="$(ms "${xmlsec_cmd[@]}") "
  t[version]+="$(ms "${version_cmd[@]}") "
  t[verify]+="$(ms "${verify_cmd[@]}") "
  t[verify_schema]+="$(ms "${verify_schema_cmd[@]}") "
done
med() { python3 -c 'import sys,statistics; print("%.2f" % statistics.median(map(float,sys.argv[1:])))' $1; }
mx=$(med "${t[xmlsec]}")
for name in xmlsec version verify verify_schema; do
  m=$(med "${t[$name]}")
  printf '| %s | %s | %.3f |\n' "$name" "$m" "$(python3 -c "print($m/$mx)")"
done
