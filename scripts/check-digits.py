#!/usr/bin/env python3
"""Compute or verify the check digits tradefin's identifiers carry.

Usage:
  check-digits.py container CSQU305438      -> prints the full number
  check-digits.py container CSQU3054383     -> verifies (exit 1 if wrong)
  check-digits.py uscc 91510100MA6C8XXXX    -> 17 chars: completes; 18: verifies
  check-digits.py lei 5493001KJTIIGC8Y1R    -> 18 chars: completes; 20: verifies
  check-digits.py wagon 31516651234         -> 11 digits: completes; 12: verifies
  check-digits.py scan FILE.xml...          -> verifies every Uscc, Lei,
                                               container and wagon number
  check-digits.py selftest

Algorithms:
  container  ISO 6346: letters A=10, B=12 ... skipping multiples of 11;
             sum(value * 2**position) over the first 10 chars, mod 11, mod 10.
  uscc       GB 32100-2015: charset 0-9 A-H J-N P-R T U W-Y (31 chars),
             weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28;
             check = (31 - sum mod 31) mod 31.
  lei        ISO 17442 / ISO 7064 mod 97-10: letters A=10..Z=35; check
             digits = 98 - (number(base18 + "00") mod 97); the whole
             20 characters mod 97 == 1.
  wagon      UIC 12-digit wagon number: Luhn over the first 11 digits
             (weights 2,1,2,1,... from the left; digits of products summed),
             check = (10 - sum mod 10) mod 10.
Synthetic test data only; nothing here talks to a registry.
"""
import sys

ISO6346_LETTERS = {}
_v = 10
for _ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _v % 11 == 0:
        _v += 1
    ISO6346_LETTERS[_ch] = _v
    _v += 1

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def container_check(first10):
    assert len(first10) == 10, first10
    total = 0
    for i, ch in enumerate(first10):
        value = ISO6346_LETTERS[ch] if ch.isalpha() else int(ch)
        total += value * (2 ** i)
    return str(total % 11 % 10)


def uscc_check(first17):
    assert len(first17) == 17, first17
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def _lei_number(s):
    return int("".join(str(int(ch, 36)) for ch in s))


def lei_check(first18):
    assert len(first18) == 18, first18
    return "%02d" % (98 - _lei_number(first18 + "00") % 97)


def lei_valid(lei):
    return len(lei) == 20 and _lei_number(lei) % 97 == 1


def wagon_check(first11):
    assert len(first11) == 11 and first11.isdigit(), first11
    total = 0
    for i, ch in enumerate(first11):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return str((10 - total % 10) % 10)


KINDS = {
    # kind: (length without check, length with check, check function)
    "container": (10, 11, container_check),
    "uscc": (17, 18, uscc_check),
    "lei": (18, 20, lei_check),
    "wagon": (11, 12, wagon_check),
}


def run(kind, value):
    short, full, fn = KINDS[kind]
    value = value.strip().upper()
    if len(value) == short:
        print(value + fn(value))
        return 0
    if len(value) == full:
        expected = value[:short] + fn(value[:short])
        if kind == "lei":
            ok = lei_valid(value)
        else:
            ok = expected == value
        print("%s %s%s" % (value, "OK" if ok else "BAD", "" if ok else " (expected %s)" % expected))
        return 0 if ok else 1
    print("%s: expected %d or %d characters, got %d" % (kind, short, full, len(value)), file=sys.stderr)
    return 2


def selftest():
    # Published examples (Wikipedia articles on each scheme).
    assert container_check("CSQU305438") == "3"          # ISO 6346
    assert uscc_check("91350100M000100Y4") == "3"        # GB 32100-2015
    assert lei_check("5493001KJTIIGC8Y1R") == "12"       # ISO 17442
    assert lei_valid("5493001KJTIIGC8Y1R12")
    assert not lei_valid("5493001KJTIIGC8Y1R13")
    assert wagon_check("21812471217") == "3"             # UIC 21 81 2471 217-3
    print("selftest OK")
    return 0


def lei_check_full(first18):
    return first18 + lei_check(first18)


def scan(paths):
    """Verifies the identifiers found in tradefin XML documents."""
    import xml.etree.ElementTree as ET
    status = 0
    for path in paths:
        parent = {}
        root = ET.parse(path).getroot()
        for p in root.iter():
            for ch in p:
                parent[ch] = p
        for el in root.iter():
            local = el.tag.rsplit("}", 1)[-1]
            text = (el.text or "").strip()
            up = parent.get(el)
            up_local = up.tag.rsplit("}", 1)[-1] if up is not None else ""
            kind = None
            if local == "Uscc":
                kind = "uscc"
            elif local == "Lei":
                kind = "lei"
            elif local == "ContainerNumber" or (local == "Number" and up_local == "Container"):
                kind = "container"
            elif local == "Number" and up_local == "Wagon" and len(text) == 12:
                kind = "wagon"
            if kind is None:
                continue
            short, full, fn = KINDS[kind]
            ok = len(text) == full and (
                lei_valid(text) if kind == "lei" else text[:short] + fn(text[:short]) == text)
            print("%s: %s %s %s" % (path, kind, text, "OK" if ok else "BAD"))
            if not ok:
                status = 1
    return status


def main(argv):
    if len(argv) == 2 and argv[1] == "selftest":
        return selftest()
    if len(argv) >= 3 and argv[1] == "scan":
        return scan(argv[2:])
    if len(argv) != 3 or argv[1] not in KINDS:
        print(__doc__, file=sys.stderr)
        return 2
    return run(argv[1], argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
