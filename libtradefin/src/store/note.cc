// C2SP signed-note, tlog-checkpoint and tlog-proof text formats. Parsing
// follows golang.org/x/mod/sumdb/note (the reference implementation the C2SP
// text was written from) so notes interoperate both ways; where that code is
// lenient and the spec is silent we are strict (canonical decimals, exact
// base64, 32-byte hashes), because a proof file is attacker-supplied input.
#include "store/note.h"

#include <cstring>
#include <limits>

namespace tradefin::note {
namespace {

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // "— "
constexpr std::string_view kTlogProofHeader = "c2sp.org/tlog-proof@v1";

// Decodes one UTF-8 sequence at `s[i]`; returns its length, or 0 if the
// bytes are not well-formed UTF-8 (overlongs, surrogates and > U+10FFFF
// included).
size_t Utf8Length(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  uint8_t c = b(0);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len = 0;
  uint32_t v = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    v = c & 0x1Fu;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    v = c & 0x0Fu;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    v = c & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(k) & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

// Valid UTF-8 with no control characters except '\n' (and, if
// `allow_newline` is false, not even that).
bool IsCleanText(std::string_view s, bool allow_newline) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = Utf8Length(s, i, &cp);
    if (n == 0) return false;
    if ((cp < 0x20 && !(allow_newline && cp == '\n')) || cp == 0x7F) {
      return false;
    }
    i += n;
  }
  return true;
}

bool IsUnicodeSpace(uint32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Canonical unsigned decimal: digits only, no leading zero unless "0",
// fits in 64 bits.
bool ParseDecimal(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  if (s.size() > 1 && s[0] == '0') return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    auto d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool DecodeHash(std::string_view b64, merkle::Hash* out) {
  auto raw = Base64Decode(b64);
  if (!raw.ok() || raw->size() != out->size()) return false;
  std::memcpy(out->data(), raw->data(), out->size());
  return true;
}

std::string HashLine(const merkle::Hash& h) {
  return Base64Encode(merkle::AsBytes(h)) + "\n";
}

std::string Hex8(uint32_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[v & 0xF];
    v >>= 4;
  }
  return out;
}

// Reads '\n'-terminated lines off the front of a text.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : rest_(text) {}
  // False if no complete line remains.
  bool Next(std::string_view* line) {
    size_t nl = rest_.find('\n');
    if (nl == std::string_view::npos) return false;
    *line = rest_.substr(0, nl);
    rest_.remove_prefix(nl + 1);
    ++number_;
    return true;
  }
  std::string_view rest() const { return rest_; }
  int number() const { return number_; }

 private:
  std::string_view rest_;
  int number_ = 0;
};

Status LineError(std::string_view what, int line, std::string_view msg) {
  return Status::InvalidArgument(std::string(what) + ", line " +
                                 std::to_string(line) + ": " +
                                 std::string(msg));
}

// The hash lines and blank line shared by tlog-proof and the consistency
// text, then the verbatim checkpoint.
Status ReadHashesAndCheckpoint(std::string_view what, LineReader* reader,
                               std::vector<merkle::Hash>* hashes,
                               std::string* checkpoint) {
  std::string_view line;
  while (true) {
    if (!reader->Next(&line)) {
      return LineError(what, reader->number() + 1,
                       "missing the blank line before the checkpoint");
    }
    if (line.empty()) break;
    if (hashes->size() == kMaxProofHashes) {
      return LineError(what, reader->number(),
                       "more than " + std::to_string(kMaxProofHashes) +
                           " proof hashes");
    }
    merkle::Hash h;
    if (!DecodeHash(line, &h)) {
      return LineError(what, reader->number(),
                       "expected a base64 SHA-256 hash (44 characters), got '" +
                           std::string(line.substr(0, 60)) + "'");
    }
    hashes->push_back(h);
  }
  if (reader->rest().empty()) {
    return LineError(what, reader->number() + 1,
                     "missing the signed checkpoint after the blank line");
  }
  *checkpoint = std::string(reader->rest());
  return Status();
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || name.find('+') != std::string_view::npos) return false;
  for (size_t i = 0; i < name.size();) {
    uint32_t cp = 0;
    size_t n = Utf8Length(name, i, &cp);
    if (n == 0 || cp < 0x20 || cp == 0x7F || IsUnicodeSpace(cp)) return false;
    i += n;
  }
  return true;
}

uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key) {
  std::string input(name);
  input.push_back('\n');
  input.push_back(static_cast<char>(kEd25519Type));
  input.append(public_key);
  const Sha256Hash digest = Sha256(input);
  uint32_t id = 0;
  for (size_t i = 0; i < 4; ++i) id = (id << 8) | digest[i];
  return id;
}

Result<VerifierKey> ParseVerifierKey(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' ||
                           text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  auto bad = [](std::string_view msg) {
    return Status::InvalidArgument(
        "verifier key: " + std::string(msg) +
        " (expected <name>+<8 hex digits>+<base64 of 0x01 and a 32-byte "
        "Ed25519 key>)");
  };
  size_t p1 = text.find('+');
  if (p1 == std::string_view::npos) return bad("no '+' separators");
  size_t p2 = text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return bad("only one '+' separator");
  std::string_view name = text.substr(0, p1);
  std::string_view id_hex = text.substr(p1 + 1, p2 - p1 - 1);
  std::string_view b64 = text.substr(p2 + 1);
  if (!IsValidKeyName(name)) return bad("invalid key name");
  if (id_hex.size() != 8) return bad("key id is not 8 hex digits");
  uint32_t id = 0;
  for (char c : id_hex) {
    int v = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                     : -1;
    if (v < 0) return bad("key id is not 8 lowercase hex digits");
    id = (id << 4) | static_cast<uint32_t>(v);
  }
  auto raw = Base64Decode(b64);
  if (!raw.ok()) return bad("key is not valid base64");
  if (raw->empty() || static_cast<uint8_t>((*raw)[0]) != kEd25519Type) {
    return Status::Unsupported(
        "verifier key: only Ed25519 keys (type 0x01) are supported");
  }
  if (raw->size() != 33) return bad("Ed25519 key is not 32 bytes");
  VerifierKey key;
  key.name = std::string(name);
  key.public_key = raw->substr(1);
  key.key_id = id;
  if (Ed25519KeyId(key.name, key.public_key) != id) {
    return bad("key id does not match the name and key");
  }
  return key;
}

Result<std::string> FormatVerifierKey(std::string_view name,
                                      const PublicKey& key) {
  if (!IsValidKeyName(name)) {
    return Status::InvalidArgument("note key name '" + std::string(name) +
                                   "' is empty or contains spaces or '+'");
  }
  std::string raw = key.ed25519_raw();
  if (key.type() != KeyType::kEd25519 || raw.size() != 32) {
    return Status::Unsupported("signed notes need an Ed25519 key, got " +
                               std::string(KeyTypeName(key.type())));
  }
  std::string typed(1, static_cast<char>(kEd25519Type));
  typed += raw;
  return std::string(name) + "+" + Hex8(Ed25519KeyId(name, raw)) + "+" +
         Base64Encode(typed);
}

Result<ParsedNote> ParseNote(std::string_view note) {
  auto bad = [](std::string_view msg) {
    return Status::InvalidArgument("signed note: " + std::string(msg));
  };
  if (note.empty() || note.back() != '\n') {
    return bad("does not end in a newline");
  }
  if (!IsCleanText(note, true)) {
    return bad("not UTF-8, or holds control characters other than newline");
  }
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return bad("no blank line before the signature lines");
  }
  ParsedNote out;
  out.text = std::string(note.substr(0, split + 1));
  if (out.text == "\n") return bad("empty text");
  LineReader lines(note.substr(split + 2));
  std::string_view line;
  while (lines.Next(&line)) {
    if (out.signatures.size() == kMaxSignatures) {
      return bad("more than " + std::to_string(kMaxSignatures) +
                 " signature lines");
    }
    if (line.substr(0, kEmDashSpace.size()) != kEmDashSpace) {
      return bad("signature line " + std::to_string(lines.number()) +
                 " does not start with an em dash (U+2014) and a space");
    }
    line.remove_prefix(kEmDashSpace.size());
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) {
      return bad("signature line " + std::to_string(lines.number()) +
                 " has no space between key name and signature");
    }
    std::string_view name = line.substr(0, sp);
    auto sig = Base64Decode(line.substr(sp + 1));
    if (!IsValidKeyName(name) || !sig.ok() || sig->size() < 5) {
      return bad("signature line " + std::to_string(lines.number()) +
                 " is not '— <name> <base64(key id || signature)>'");
    }
    NoteSignature s;
    s.name = std::string(name);
    for (size_t i = 0; i < 4; ++i) {
      s.key_id = (s.key_id << 8) | static_cast<uint8_t>((*sig)[i]);
    }
    s.signature = sig->substr(4);
    out.signatures.push_back(std::move(s));
  }
  if (out.signatures.empty()) return bad("no signature lines");
  return out;
}

Result<OpenedNote> OpenNote(std::string_view note,
                            const std::vector<VerifierKey>& trusted) {
  TRADEFIN_ASSIGN_OR_RETURN(ParsedNote parsed, ParseNote(note));
  OpenedNote out;
  out.text = std::move(parsed.text);
  out.signatures = std::move(parsed.signatures);
  std::vector<const VerifierKey*> seen;
  for (const NoteSignature& sig : out.signatures) {
    const VerifierKey* key = nullptr;
    for (const VerifierKey& k : trusted) {
      if (k.name == sig.name && k.key_id == sig.key_id) key = &k;
    }
    if (key == nullptr) continue;  // unknown keys are ignored (signed-note)
    bool repeated = false;
    for (const VerifierKey* s : seen) repeated = repeated || s == key;
    if (repeated) continue;
    seen.push_back(key);
    auto pub = PublicKey::FromEd25519Raw(key->public_key);
    bool ok = pub.ok() && sig.signature.size() == 64 &&
              pub->Verify(out.text, sig.signature);
    if (!ok) {
      // A bad signature by a key the caller trusts is never outweighed by a
      // good one: it means the note was altered or the key misused.
      out.verified_names.clear();
      out.failure = "signature by " + key->name + "+" + Hex8(key->key_id) +
                    " does not verify";
      return out;
    }
    out.verified_names.push_back(key->name);
  }
  if (out.verified_names.empty()) {
    out.failure = "no signature by a trusted key";
  }
  return out;
}

Result<std::string> SignNote(std::string_view text, std::string_view name,
                             const PrivateKey& key) {
  TRADEFIN_ASSIGN_OR_RETURN(auto signer, NewSoftwareSigner(key));
  return SignNote(text, name, *signer);
}

Result<std::string> SignNote(std::string_view text, std::string_view name,
                             const Signer& signer) {
  if (text.empty() || text.back() != '\n' || !IsCleanText(text, true)) {
    return Status::InvalidArgument(
        "note text must be non-empty UTF-8 ending in a newline, without "
        "control characters");
  }
  if (!IsValidKeyName(name)) {
    return Status::InvalidArgument("note key name '" + std::string(name) +
                                   "' is empty or contains spaces or '+'");
  }
  // Through the Signer seam, so the hub key can live in an HSM.
  std::string raw = signer.public_key().ed25519_raw();
  if (signer.type() != KeyType::kEd25519 || raw.size() != 32) {
    return Status::Unsupported("signed notes need an Ed25519 key, got " +
                               std::string(KeyTypeName(signer.type())));
  }
  TRADEFIN_ASSIGN_OR_RETURN(std::string sig, signer.SignRaw(text));
  if (sig.size() != 64) {
    return Status::Internal("signer returned " + std::to_string(sig.size()) +
                            " bytes; an Ed25519 signature is 64");
  }
  uint32_t id = Ed25519KeyId(name, raw);
  std::string blob;
  for (int shift = 24; shift >= 0; shift -= 8) {
    blob.push_back(static_cast<char>((id >> shift) & 0xFF));
  }
  blob += sig;
  std::string out(text);
  out += "\n";
  out += kEmDashSpace;
  out += name;
  out += " ";
  out += Base64Encode(blob);
  out += "\n";
  return out;
}

// ---- tlog-checkpoint ----

std::string FormatCheckpointBody(const Checkpoint& checkpoint) {
  return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
         HashLine(checkpoint.root);
}

Result<Checkpoint> ParseCheckpointBody(std::string_view text) {
  constexpr std::string_view kWhat = "checkpoint";
  LineReader lines(text);
  std::string_view origin;
  std::string_view size;
  std::string_view root;
  if (!lines.Next(&origin) || !lines.Next(&size) || !lines.Next(&root)) {
    return Status::InvalidArgument(
        "checkpoint: expected three lines (origin, tree size, base64 root)");
  }
  Checkpoint out;
  if (origin.empty() || origin.front() == ' ' || origin.back() == ' ' ||
      !IsCleanText(origin, false)) {
    return LineError(kWhat, 1, "origin is empty or malformed");
  }
  out.origin = std::string(origin);
  if (!ParseDecimal(size, &out.size)) {
    return LineError(kWhat, 2,
                     "tree size is not a canonical decimal: '" +
                         std::string(size.substr(0, 30)) + "'");
  }
  if (!DecodeHash(root, &out.root)) {
    return LineError(kWhat, 3, "root is not base64 of 32 bytes");
  }
  std::string_view ext;
  while (lines.Next(&ext)) {
    if (ext.empty()) {
      return LineError(kWhat, lines.number(), "empty extension line");
    }
    out.extensions.emplace_back(ext);
  }
  if (!lines.rest().empty()) {
    return Status::InvalidArgument("checkpoint: does not end in a newline");
  }
  return out;
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                   const PrivateKey& key) {
  TRADEFIN_ASSIGN_OR_RETURN(auto signer, NewSoftwareSigner(key));
  return SignCheckpoint(checkpoint, *signer);
}

Result<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                   const Signer& key) {
  if (!IsValidKeyName(checkpoint.origin)) {
    return Status::InvalidArgument(
        "checkpoint origin '" + checkpoint.origin +
        "' cannot be a key name (empty, spaces or '+')");
  }
  return SignNote(FormatCheckpointBody(checkpoint), checkpoint.origin, key);
}

// ---- tlog-proof ----

std::string FormatTlogProof(const TlogProof& proof) {
  std::string out(kTlogProofHeader);
  out += "\n";
  if (proof.has_extra) out += "extra " + Base64Encode(proof.extra) + "\n";
  out += "index " + std::to_string(proof.index) + "\n";
  for (const merkle::Hash& h : proof.path) out += HashLine(h);
  out += "\n";
  out += proof.checkpoint;
  return out;
}

Result<TlogProof> ParseTlogProof(std::string_view text) {
  constexpr std::string_view kWhat = "tlog-proof";
  LineReader lines(text);
  std::string_view line;
  if (!lines.Next(&line) || line != kTlogProofHeader) {
    return LineError(kWhat, 1,
                     "expected the header 'c2sp.org/tlog-proof@v1'");
  }
  TlogProof out;
  if (!lines.Next(&line)) {
    return LineError(kWhat, 2, "missing the 'index N' line");
  }
  if (line.substr(0, 6) == "extra ") {
    auto extra = Base64Decode(line.substr(6));
    if (!extra.ok()) {
      return LineError(kWhat, lines.number(), "'extra' is not valid base64");
    }
    out.has_extra = true;
    out.extra = std::move(*extra);
    if (!lines.Next(&line)) {
      return LineError(kWhat, lines.number() + 1,
                       "missing the 'index N' line");
    }
  }
  if (line.substr(0, 6) != "index " ||
      !ParseDecimal(line.substr(6), &out.index)) {
    return LineError(kWhat, lines.number(),
                     "expected 'index N' with N a canonical decimal");
  }
  TRADEFIN_RETURN_IF_ERROR(
      ReadHashesAndCheckpoint(kWhat, &lines, &out.path, &out.checkpoint));
  return out;
}

// ---- consistency proof text ----

std::string FormatConsistencyProof(const ConsistencyProofText& proof) {
  std::string out = "old " + std::to_string(proof.old_size) + "\n";
  for (const merkle::Hash& h : proof.proof) out += HashLine(h);
  out += "\n";
  out += proof.checkpoint;
  return out;
}

Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text) {
  constexpr std::string_view kWhat = "consistency proof";
  LineReader lines(text);
  std::string_view line;
  ConsistencyProofText out;
  if (!lines.Next(&line) || line.substr(0, 4) != "old " ||
      !ParseDecimal(line.substr(4), &out.old_size)) {
    return LineError(kWhat, 1, "expected 'old N' with N a canonical decimal");
  }
  TRADEFIN_RETURN_IF_ERROR(
      ReadHashesAndCheckpoint(kWhat, &lines, &out.proof, &out.checkpoint));
  return out;
}

}  // namespace tradefin::note
