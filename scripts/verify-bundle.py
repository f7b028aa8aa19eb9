#!/usr/bin/env python3
"""Independent verifier for tradefin guarantor bundles (docs/formats/bundle.md).

Python 3 standard library only; shares no code with tradefin. Ed25519
verification is written from RFC 8032 section 5.1.7.

    python3 scripts/verify-bundle.py BUNDLE --hub-key VKEY [--policy FILE]

Exit 0: valid; 1: not valid (the reason is printed); 2: could not run.
What it does not check (XML signatures, schema validity, the financing
replay) is printed on every run and explained in docs/formats/bundle.md §4.
"""
import argparse
import base64
import binascii
import hashlib
import json
import os
import struct
import sys

# ---------------------------------------------------------------- Ed25519
# RFC 8032 §5.1: edwards25519, extended coordinates.
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _point_add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    A = (y1 - x1) * (y2 - x2) % P
    B = (y1 + x1) * (y2 + x2) % P
    C = 2 * t1 * t2 * D % P
    Dd = 2 * z1 * z2 % P
    E, F, G, H = B - A, Dd - C, Dd + C, B + A
    return (E * F % P, G * H % P, F * G % P, E * H % P)


def _scalar_mult(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _point_add(q, pt)
        pt = _point_add(pt, pt)
        s >>= 1
    return q


def _point_equal(a, b):
    x1, y1, z1, _ = a
    x2, y2, z2, _ = b
    return (x1 * z2 - x2 * z1) % P == 0 and (y1 * z2 - y2 * z1) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def _decompress(b):
    if len(b) != 32:
        return None
    y = int.from_bytes(b, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
_G = (_recover_x(_GY, 0), _GY, 1, _recover_x(_GY, 0) * _GY % P)


def ed25519_verify(public, msg, sig):
    """RFC 8032 §5.1.7 (cofactorless check, as most libraries do)."""
    if len(public) != 32 or len(sig) != 64:
        return False
    a = _decompress(public)
    r = _decompress(sig[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(sig[32:], "little")
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), "little") % L
    return _point_equal(_scalar_mult(s, _G), _point_add(r, _scalar_mult(h, a)))


# ----------------------------------------------------------- primitives


class Invalid(Exception):
    def __init__(self, code, reason):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def b64(text, what):
    if not isinstance(text, str):
        raise Invalid("malformed", what + " is not a string")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise Invalid("malformed", what + " is not strict base64")
    if base64.b64encode(raw).decode("ascii") != text:
        raise Invalid("malformed", what + " is not canonical base64")
    return raw


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# --------------------------------------------------------- signed notes
EM_DASH = "\u2014 "


def parse_vkey(text, want_type, what):
    text = text.strip()
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise ValueError(what + ": not <name>+<id>+<key>")
    name, id_hex, key_b64 = parts
    raw = base64.b64decode(key_b64, validate=True)
    if len(raw) != 33 or raw[0] != want_type:
        raise ValueError(what + ": not an Ed25519 key of type 0x%02x" % want_type)
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if key_id.hex() != id_hex:
        raise ValueError(what + ": key id does not match")
    return {"name": name, "id": key_id, "key": raw[1:], "text": text}


def split_note(note):
    if not note.endswith("\n") or "\n\n" not in note:
        raise Invalid("checkpoint", "checkpoint is not a signed note")
    cut = note.rfind("\n\n")
    text = note[: cut + 1]
    sigs = []
    for line in note[cut + 2:].splitlines():
        if not line.startswith(EM_DASH):
            raise Invalid("checkpoint", "signature line does not start with an em dash")
        name, _, blob = line[len(EM_DASH):].partition(" ")
        raw = b64(blob, "signature line")
        if len(raw) < 5:
            raise Invalid("checkpoint", "signature line too short")
        sigs.append((name, raw[:4], raw[4:]))
    return text, sigs


# ---------------------------------------------------------------- entries


class Reader:
    def __init__(self, data, where):
        self.d, self.p, self.where = data, 0, where

    def take(self, n):
        if self.p + n > len(self.d):
            raise Invalid("inclusion", self.where + ": entry bytes truncated")
        out = self.d[self.p: self.p + n]
        self.p += n
        return out

    def u16(self):
        return struct.unpack(">H", self.take(2))[0]

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]

    def s(self):
        return self.take(self.u32())


PARTY_TYPES = {2: "party-registration", 3: "party-key-rotation", 4: "party-revocation",
               5: "party-roles"}
HUB_MADE = set(PARTY_TYPES) | {17}          # encumbrance entries are hub-made too
KNOWN_TYPES = {1: {1, 2}, 2: {1, 2}, 3: {1, 2}, 4: {1, 2}, 5: {2}, 16: {2}, 17: {2}}


def decode_entry(data, where):
    r = Reader(data, where)
    e = {}
    if r.take(4) != b"TFEN":
        raise Invalid("inclusion", where + ": bad magic")
    version = r.u16()
    if version not in (1, 2):
        raise Invalid("inclusion", where + ": unknown version")
    e["origin"] = r.s().decode()
    e["index"] = r.u64()
    e["time_ms"] = r.u64()
    e["type"] = r.u16()
    if version not in KNOWN_TYPES.get(e["type"], ()):
        raise Invalid("inclusion", where + ": entry type %d (version %d) not known to this verifier"
                      % (e["type"], version))
    e["submitter_party"] = r.s().decode()
    e["submitter_key_id"] = r.s().decode()
    e["document_type"] = r.s().decode()
    e["natural_keys"] = [r.s().decode() for _ in range(r.u32())]
    e["links"] = []
    for _ in range(r.u32()):
        rel = r.s().decode()
        e["links"].append((rel, r.u64(), r.take(32)))
    e["prev_leaf_hash"] = r.take(32)
    e["document_sha256"] = r.take(32)
    payload = r.s()
    signed_end = r.p
    e["hub_signature"] = r.s()
    if r.p != len(data):
        raise Invalid("inclusion", where + ": trailing bytes")
    e["signing_input"] = b"tradefin/entry/v1\n" + data[:signed_end]
    if e["type"] in PARTY_TYPES:
        pr = Reader(payload, where + " payload")
        pid, name = pr.s().decode(), pr.s().decode()
        if version == 1:
            role = pr.s().decode()
            roles = [role] if role else []
        else:
            roles = [pr.s().decode() for _ in range(pr.u32())]
        e["party"] = {"id": pid, "name": name, "roles": roles, "spki": pr.s()}
        if pr.p != len(payload):
            raise Invalid("inclusion", where + ": trailing payload bytes")
    elif e["type"] == 17:
        pass  # encumbrance payload: covered by the hub signature, not interpreted here
    elif payload:
        raise Invalid("inclusion", where + ": unexpected payload")
    return e


ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
ROLE_MAY_ISSUE = {
    "rail-waybill": {"carrier"},
    "letter-of-credit": {"issuing-bank"},
    "commercial-invoice": {"shipper"},
    "customs-declaration": {"shipper", "customs-broker"},
}


# ------------------------------------------------------------------ policy


def parse_policy(text):
    witnesses, groups, quorum, log = {}, {}, None, None
    for n, line in enumerate(text.splitlines(), 1):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] == "log":
            log = f[1]
        elif f[0] == "witness":
            witnesses[f[1]] = parse_vkey(f[2], 0x04, "policy line %d" % n)
        elif f[0] == "group":
            members = f[3:]
            for m in members:
                if m not in witnesses and m not in groups:
                    raise ValueError("policy line %d: unknown member %s" % (n, m))
            k = len(members) if f[2] == "all" else 1 if f[2] == "any" else int(f[2])
            groups[f[1]] = (k, members)
        elif f[0] == "quorum":
            quorum = None if f[1] == "none" else f[1]
        else:
            raise ValueError("policy line %d: unknown keyword %s" % (n, f[0]))
    return {"log": log, "witnesses": witnesses, "groups": groups, "quorum": quorum}


def check_policy(policy, text, sigs, hub_vkey_text):
    if policy["log"] is not None and policy["log"] != hub_vkey_text:
        raise Invalid("checkpoint", "the policy's log key is not the hub key given")
    ok = set()
    for label, w in policy["witnesses"].items():
        for name, kid, rest in sigs:
            if name == w["name"] and kid == w["id"]:
                if len(rest) != 72:
                    raise Invalid("witness-quorum", "cosignature by %s is malformed" % name)
                t = struct.unpack(">Q", rest[:8])[0]
                msg = ("cosignature/v1\ntime %d\n" % t).encode() + text.encode()
                if not ed25519_verify(w["key"], msg, rest[8:]):
                    raise Invalid("witness-quorum", "cosignature by %s does not verify" % name)
                ok.add(label)
                break
    met = set(ok)
    for label, (k, members) in policy["groups"].items():
        if sum(1 for m in members if m in met) >= k:
            met.add(label)
    if policy["quorum"] is not None and policy["quorum"] not in met:
        raise Invalid("witness-quorum", "witness quorum %s is not met" % policy["quorum"])
    return sorted(ok)


# ------------------------------------------------------------------ verify


def verify(bundle_bytes, hub, policy, hub_text):
    try:
        doc = json.loads(bundle_bytes)
    except ValueError:
        raise Invalid("malformed", "not valid JSON")
    if not isinstance(doc, dict) or set(doc) != {"format", "origin", "subject", "subject_leaf_hash", "checkpoint", "entries"}:
        raise Invalid("malformed", "top-level members are not the six of docs/formats/bundle.md")
    if doc["format"] != "tradefin-bundle/v1":
        raise Invalid("malformed", "unknown format")
    origin, subject, note, items = doc["origin"], doc["subject"], doc["checkpoint"], doc["entries"]
    if not isinstance(subject, int) or isinstance(subject, bool) or subject < 0 or not isinstance(note, str) \
            or not isinstance(items, list) or not isinstance(origin, str):
        raise Invalid("malformed", "member types")

    # Checkpoint: hub signature under key name = origin.
    text, sigs = split_note(note)
    lines = text.split("\n")
    if len(lines) < 4 or lines[0] != origin:
        raise Invalid("checkpoint", "checkpoint origin is not the bundle origin")
    if hub["name"] != origin:
        raise Invalid("checkpoint", "the hub key is for origin %s" % hub["name"])
    size = int(lines[1])
    root = b64(lines[2], "checkpoint root")
    hub_ok = False
    for name, kid, sig in sigs:
        if name == hub["name"] and kid == hub["id"]:
            if not ed25519_verify(hub["key"], text.encode(), sig):
                raise Invalid("checkpoint", "the hub signature on the checkpoint does not verify")
            hub_ok = True
            break
    if not hub_ok:
        raise Invalid("checkpoint", "no hub signature on the checkpoint")
    witnesses = check_policy(policy, text, sigs, hub_text) if policy else []

    entries = {}
    last = -1
    for it in items:
        if not isinstance(it, dict) or not set(it) <= {"index", "entry", "inclusion", "blob"} \
                or not {"index", "entry", "inclusion"} <= set(it):
            raise Invalid("malformed", "entry members")
        i = it["index"]
        if not isinstance(i, int) or i <= last:
            raise Invalid("malformed", "entries not strictly ascending")
        last = i
        where = "entry %d" % i
        data = b64(it["entry"], where)
        e = decode_entry(data, where)
        if e["index"] != i or e["origin"] != origin:
            raise Invalid("inclusion", where + ": index or origin differs from the entry bytes")
        path = [b64(h, where + " inclusion hash") for h in it["inclusion"]]
        if any(len(h) != 32 for h in path):
            raise Invalid("malformed", where + ": inclusion hash is not 32 bytes")
        e["leaf"] = leaf_hash(data)
        if not verify_inclusion(i, size, e["leaf"], path, root):
            raise Invalid("inclusion", where + ": inclusion proof does not lead to the checkpoint root")
        e["blob"] = b64(it["blob"], where + " blob") if "blob" in it else None
        entries[i] = e
    if subject not in entries or entries[subject]["type"] != 1:
        raise Invalid("malformed", "subject is not a document entry of the bundle")
    if b64(doc["subject_leaf_hash"], "subject_leaf_hash") != entries[subject]["leaf"]:
        raise Invalid("malformed", "subject_leaf_hash is not the subject entry's leaf hash")

    for i, e in entries.items():
        for rel, target, h in e["links"]:
            if target not in entries:
                raise Invalid("incomplete", "entry %d links (%s) to entry %d, not carried" % (i, rel, target))
            if entries[target]["leaf"] != h:
                raise Invalid("link-mismatch", "entry %d links to entry %d with another leaf hash" % (i, target))

    hub_spki = ED25519_SPKI_PREFIX + hub["key"]
    hub_key_id = hashlib.sha256(hub_spki).hexdigest()
    registry = {}
    documents = 0
    for i in sorted(entries):
        e = entries[i]
        where = "entry %d" % i
        zero = e["document_sha256"] == bytes(32)
        if zero != (e["blob"] is None):
            raise Invalid("incomplete" if not zero else "malformed", where + ": blob presence")
        if not zero and hashlib.sha256(e["blob"]).digest() != e["document_sha256"]:
            raise Invalid("document-hash", where + ": document bytes do not match document_sha256")
        if e["type"] in HUB_MADE:
            if e["submitter_key_id"] != hub_key_id or not ed25519_verify(hub["key"], e["signing_input"], e["hub_signature"]):
                raise Invalid("registration", where + ": hub signature on the hub-made entry does not verify")
            if e["type"] == 17:
                continue
            p = e["party"]
            if e["type"] == 2:
                registry[p["id"]] = {"roles": p["roles"], "name": p["name"], "spki": p["spki"], "revoked": False}
            elif e["type"] == 5 and p["id"] in registry:
                registry[p["id"]]["roles"] = p["roles"]
            elif e["type"] == 3 and p["id"] in registry:
                registry[p["id"]]["spki"] = p["spki"]
            elif e["type"] == 4 and p["id"] in registry:
                registry[p["id"]]["revoked"] = True
            continue
        party = registry.get(e["submitter_party"])
        if party is None or party["revoked"]:
            raise Invalid("signature", where + ": submitter %s not registered (or revoked) before it" % e["submitter_party"])
        if hashlib.sha256(party["spki"]).hexdigest() != e["submitter_key_id"]:
            raise Invalid("signature", where + ": key id is not the submitter's registered key")
        if e["type"] == 1:
            if not set(party["roles"]) & ROLE_MAY_ISSUE.get(e["document_type"], set()):
                raise Invalid("issuer", where + ": a %s may not issue a %s" % (",".join(party["roles"]), e["document_type"]))
            documents += 1
    return {"origin": origin, "size": size, "entries": len(entries), "documents": documents,
            "witnesses": witnesses}


NOT_CHECKED = ("not checked here: the XML signatures inside the documents (exclusive C14N is not in "
               "the Python standard library; use xmlsec1 or tradefin bundle verify), schema validity "
               "and natural keys of the documents, the roles allowed per financing event kind, "
               "and the financing replay")


def main():
    ap = argparse.ArgumentParser(description="Check a tradefin guarantor bundle (standard library only).")
    ap.add_argument("bundle")
    ap.add_argument("--hub-key", required=True, help="hub verifier key, or a file holding it")
    ap.add_argument("--policy", help="witness policy file")
    a = ap.parse_args()
    try:
        hub_text = open(a.hub_key).read().strip() if os.path.isfile(a.hub_key) else a.hub_key.strip()
        hub = parse_vkey(hub_text, 0x01, "--hub-key")
        policy = parse_policy(open(a.policy).read()) if a.policy else None
        data = open(a.bundle, "rb").read()
    except (OSError, ValueError, binascii.Error) as e:
        print("verify-bundle: %s" % e, file=sys.stderr)
        return 2
    try:
        r = verify(data, hub, policy, hub_text)
    except Invalid as e:
        print("INVALID (%s): %s" % (e.code, e.reason))
        return 1
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        print("INVALID (malformed): %s" % e)
        return 1
    print("VALID: %d entries (%d documents) in %s at tree size %d; witnesses: %s" % (
        r["entries"], r["documents"], r["origin"], r["size"],
        ", ".join(r["witnesses"]) if r["witnesses"] else "none required"))
    print(NOT_CHECKED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
