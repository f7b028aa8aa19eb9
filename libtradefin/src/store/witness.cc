// Witness side of c2sp.org/tlog-witness and cosignature/v1 lines
// (docs/formats/witness.md). Built on the note module (signed-note parsing,
// checkpoint bodies) and on proof.h for the hub signature and consistency
// checks, so a witness accepts exactly what `tradefin verify-consistency`
// accepts.
#include "tradefin/store/witness.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "store/note.h"
#include "tradefin/store/proof.h"

namespace tradefin {
namespace {

constexpr uint8_t kCosignatureType = 0x04;  // c2sp.org/signed-note: cosignature/v1
constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";
constexpr std::string_view kStateHeader = "tradefin-witness-state/v1\n";

std::string Hex8(uint32_t v) {
  static const char* kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 0xF];
  return out;
}

uint32_t CosignKeyId(std::string_view name, std::string_view pub) {
  std::string in(name);
  in.push_back('\n');
  in.push_back(static_cast<char>(kCosignatureType));
  in.append(pub);
  const Sha256Hash h = Sha256(in);
  uint32_t id = 0;
  for (size_t i = 0; i < 4; ++i) id = (id << 8) | h[i];
  return id;
}

std::string CosignedMessage(std::string_view text, uint64_t time) {
  std::string msg = "cosignature/v1\ntime " + std::to_string(time) + "\n";
  msg.append(text);
  return msg;
}

Result<std::string> ReadWholeFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Status::IOError("error reading " + p.string());
  return s.str();
}

// Write to a temporary file in the same directory, fsync, rename, fsync the
// directory: the state is either the old or the new one after a crash.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view data,
                       mode_t mode) {
  std::string tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    return Status::IOError("cannot sync " + tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return Status::IOError("cannot rename " + tmp + ": " + std::strerror(errno));
  int dfd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

// Splits "— <name> <base64>" lines of a note; only the bytes, no checks of
// the signature itself.
struct RawLine {
  std::string name;
  uint32_t key_id = 0;
  std::string rest;  // bytes after the key id
  std::string line;  // the line with its '\n'
};

Result<std::pair<std::string, std::vector<RawLine>>> SplitNote(std::string_view note) {
  TRADEFIN_ASSIGN_OR_RETURN(note::ParsedNote parsed, note::ParseNote(note));
  std::vector<RawLine> lines;
  for (auto& s : parsed.signatures) {
    RawLine l;
    l.name = s.name;
    l.key_id = s.key_id;
    l.rest = s.signature;
    std::string blob;
    for (int shift = 24; shift >= 0; shift -= 8)
      blob.push_back(static_cast<char>((s.key_id >> shift) & 0xFF));
    blob += s.signature;
    l.line = std::string(kEmDashSpace) + s.name + " " + Base64Encode(blob) + "\n";
    lines.push_back(std::move(l));
  }
  return std::make_pair(std::move(parsed.text), std::move(lines));
}

CosignatureCheck CheckOne(const std::string& text, const WitnessKey& key,
                          const RawLine& line) {
  CosignatureCheck c;
  c.name = key.name;
  c.key_text = key.text;
  if (line.rest.size() != 8 + 64) {
    c.reason = "cosignature by " + key.name +
               " is not 8 time bytes and a 64-byte Ed25519 signature";
    return c;
  }
  for (size_t i = 0; i < 8; ++i) c.time = (c.time << 8) | static_cast<uint8_t>(line.rest[i]);
  auto pub = PublicKey::FromEd25519Raw(key.public_key);
  if (!pub.ok() || !pub->Verify(CosignedMessage(text, c.time), line.rest.substr(8))) {
    c.reason = "cosignature by " + key.name + "+" + Hex8(key.key_id) +
               " does not verify over this checkpoint";
    return c;
  }
  c.valid = true;
  return c;
}

std::string OriginFileName(std::string_view origin) {
  return HashHex(Sha256(origin));
}

// ---- the witness directory ----

class WitnessImpl final : public Witness {
 public:
  ~WitnessImpl() override {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  }
  const std::string& name() const override { return name_; }
  const std::string& verifier_key() const override { return vkey_; }
  Result<CosignResult> Cosign(const CosignRequest& request) override;

  std::filesystem::path dir_;
  std::string name_, vkey_;
  std::unique_ptr<PrivateKey> key_;
  const Clock* clock_ = nullptr;
  int lock_fd_ = -1;
  std::mutex mu_;

 private:
  Result<CosignResult> Fork(CosignResult r, std::string kind,
                            const std::string& old_cp, const std::string& new_cp,
                            const std::string& proof, const std::string& hub_key,
                            uint64_t now);
};

struct State {
  std::string hub_key;
  uint64_t time = 0;
  std::string checkpoint;
};

Result<State> ParseState(std::string_view s, const std::string& path) {
  auto bad = [&path](std::string_view why) {
    return Status::Corruption("witness state " + path + ": " + std::string(why));
  };
  if (s.substr(0, kStateHeader.size()) != kStateHeader) return bad("bad header");
  s.remove_prefix(kStateHeader.size());
  State st;
  auto line = [&s](std::string_view* out) {
    size_t nl = s.find('\n');
    if (nl == std::string_view::npos) return false;
    *out = s.substr(0, nl);
    s.remove_prefix(nl + 1);
    return true;
  };
  std::string_view l;
  if (!line(&l) || l.substr(0, 8) != "hub-key ") return bad("no hub-key line");
  st.hub_key = std::string(l.substr(8));
  if (!line(&l) || l.substr(0, 5) != "time ") return bad("no time line");
  st.time = std::strtoull(std::string(l.substr(5)).c_str(), nullptr, 10);
  if (!line(&l) || !l.empty()) return bad("no blank line after the header");
  st.checkpoint = std::string(s);
  return st;
}

std::string FormatState(const State& st) {
  return std::string(kStateHeader) + "hub-key " + st.hub_key + "\ntime " +
         std::to_string(st.time) + "\n\n" + st.checkpoint;
}

std::string Block(std::string_view label, std::string_view bytes) {
  return std::string(label) + " " + std::to_string(bytes.size()) + "\n" +
         std::string(bytes) + "\n";
}

Result<CosignResult> WitnessImpl::Fork(CosignResult r, std::string kind,
                                       const std::string& old_cp,
                                       const std::string& new_cp,
                                       const std::string& proof,
                                       const std::string& hub_key, uint64_t now) {
  r.outcome = CosignOutcome::kFork;
  r.evidence_kind = kind;
  r.evidence = "tradefin-fork-evidence/v1\norigin " + r.origin + "\nkind " + kind +
               "\nhub-key " + hub_key + "\nwitness " + vkey_ + "\ndetected " +
               std::to_string(now) + "\n" + Block("cosigned-checkpoint", old_cp) +
               Block("conflicting-checkpoint", new_cp) +
               Block("consistency-proof", proof);
  std::filesystem::path ev = dir_ / "evidence";
  std::error_code ec;
  std::filesystem::create_directories(ev, ec);
  if (ec) return Status::IOError("cannot create " + ev.string() + ": " + ec.message());
  std::filesystem::path file =
      ev / (OriginFileName(r.origin) + "-" + std::to_string(now) + "-" + kind + ".txt");
  TRADEFIN_RETURN_IF_ERROR(WriteFileAtomic(file, r.evidence, 0644));
  r.evidence_path = file.string();
  return r;
}

Result<CosignResult> WitnessImpl::Cosign(const CosignRequest& req) {
  std::lock_guard<std::mutex> lock(mu_);
  CosignResult r;
  auto refuse = [&r](std::string why) {
    r.outcome = CosignOutcome::kRefused;
    r.reason = std::move(why);
    return r;
  };
  TRADEFIN_ASSIGN_OR_RETURN(CheckpointInfo cp, ParseCheckpoint(req.checkpoint, req.hub_key));
  r.origin = cp.origin;
  r.new_size = cp.size;
  if (!cp.valid) return refuse("checkpoint not accepted: " + cp.reason);
  // The note text the hub signed: what the cosignature covers.
  TRADEFIN_ASSIGN_OR_RETURN(auto split, SplitNote(req.checkpoint));
  const std::string& text = split.first;

  uint64_t now = static_cast<uint64_t>(clock_->NowUnixMillis() / 1000);
  std::filesystem::path state_path = dir_ / "state" / OriginFileName(cp.origin);
  std::error_code ec;
  bool have = std::filesystem::exists(state_path, ec);
  State old;
  CheckpointInfo old_cp;
  if (have) {
    TRADEFIN_ASSIGN_OR_RETURN(std::string raw, ReadWholeFile(state_path));
    TRADEFIN_ASSIGN_OR_RETURN(old, ParseState(raw, state_path.string()));
    // Pinned hub key: compare the parsed keys, not the spelling.
    if (old.hub_key != std::string(req.hub_key.substr(0, req.hub_key.find_last_not_of(" \t\r\n") + 1)))
      return refuse("origin " + cp.origin + " is pinned to hub key " + old.hub_key +
                    "; this checkpoint was checked with another key");
    TRADEFIN_ASSIGN_OR_RETURN(old_cp, ParseCheckpoint(old.checkpoint, old.hub_key));
    if (!old_cp.valid)
      return Status::Corruption("witness state " + state_path.string() +
                                ": the stored checkpoint no longer verifies: " +
                                old_cp.reason);
    r.had_state = true;
    r.old_size = old_cp.size;
  }

  if (have) {
    const uint64_t m = old_cp.size, n = cp.size;
    if (n < m)
      return refuse("checkpoint size " + std::to_string(n) +
                    " is older than the last cosigned size " + std::to_string(m) +
                    " for " + cp.origin);
    if (n == m) {
      if (cp.root_hex != old_cp.root_hex)
        return Fork(r, "same-size-different-root", old.checkpoint, req.checkpoint, "",
                    old.hub_key, now);
    } else {
      if (req.consistency_proof.empty())
        return refuse("a consistency proof from size " + std::to_string(m) +
                      " (the last cosigned size) to " + std::to_string(n) +
                      " is needed: tradefin consistency --from " + std::to_string(m) +
                      " --to " + std::to_string(n));
      auto parsed = note::ParseConsistencyProof(req.consistency_proof);
      if (!parsed.ok()) return refuse("consistency proof: " + std::string(parsed.status().message()));
      if (parsed->old_size != m)
        return refuse("the consistency proof starts at size " +
                      std::to_string(parsed->old_size) + "; the last cosigned size is " +
                      std::to_string(m));
      auto proof_note = note::ParseNote(parsed->checkpoint);
      if (!proof_note.ok() || proof_note->text != text)
        return refuse("the consistency proof ends at another checkpoint than the one "
                      "to cosign");
      TRADEFIN_ASSIGN_OR_RETURN(ConsistencyVerification v,
                                VerifyConsistencyProofText(req.consistency_proof,
                                                           old.checkpoint, old.hub_key));
      if (!v.valid) {
        if (v.failure == ProofFailure::kRootMismatch)
          return Fork(r, "inconsistent-proof", old.checkpoint, req.checkpoint,
                      req.consistency_proof, old.hub_key, now);
        return refuse("consistency proof not accepted: " + v.reason);
      }
    }
  }

  TRADEFIN_ASSIGN_OR_RETURN(std::string line, MakeCosignature(text, name_, *key_, now));
  State next;
  next.hub_key = have ? old.hub_key
                      : std::string(req.hub_key.substr(
                            0, req.hub_key.find_last_not_of(" \t\r\n") + 1));
  next.time = now;
  next.checkpoint = req.checkpoint;
  std::filesystem::create_directories(state_path.parent_path(), ec);
  if (ec) return Status::IOError("cannot create " + state_path.parent_path().string());
  TRADEFIN_RETURN_IF_ERROR(WriteFileAtomic(state_path, FormatState(next), 0644));
  r.outcome = CosignOutcome::kCosigned;
  r.time = now;
  r.cosignature = line;
  r.cosigned_checkpoint = req.checkpoint + line;
  return r;
}

}  // namespace

Result<WitnessKey> ParseWitnessKey(std::string_view text) {
  while (!text.empty() && std::strchr(" \t\r\n", text.back()) != nullptr) text.remove_suffix(1);
  while (!text.empty() && std::strchr(" \t", text.front()) != nullptr) text.remove_prefix(1);
  auto bad = [](std::string_view msg) {
    return Status::InvalidArgument(
        "witness key: " + std::string(msg) +
        " (expected <name>+<8 hex digits>+<base64 of 0x04 and a 32-byte Ed25519 key>)");
  };
  size_t p1 = text.find('+');
  size_t p2 = p1 == std::string_view::npos ? p1 : text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return bad("not three '+'-separated parts");
  std::string_view name = text.substr(0, p1);
  std::string_view id_hex = text.substr(p1 + 1, p2 - p1 - 1);
  if (!note::IsValidKeyName(name)) return bad("invalid key name");
  if (id_hex.size() != 8) return bad("key id is not 8 hex digits");
  uint32_t id = 0;
  for (char c : id_hex) {
    int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (v < 0) return bad("key id is not 8 lowercase hex digits");
    id = (id << 4) | static_cast<uint32_t>(v);
  }
  auto raw = Base64Decode(text.substr(p2 + 1));
  if (!raw.ok()) return bad("key is not valid base64");
  if (raw->empty() || static_cast<uint8_t>((*raw)[0]) != kCosignatureType)
    return bad("type byte is not 0x04 (Ed25519 cosignature/v1)");
  if (raw->size() != 33) return bad("Ed25519 key is not 32 bytes");
  WitnessKey k;
  k.name = std::string(name);
  k.key_id = id;
  k.public_key = raw->substr(1);
  k.text = std::string(text);
  if (CosignKeyId(k.name, k.public_key) != id) return bad("key id does not match the name and key");
  return k;
}

Result<std::string> FormatWitnessKey(std::string_view name, const PublicKey& key) {
  if (!note::IsValidKeyName(name))
    return Status::InvalidArgument("witness name '" + std::string(name) +
                                   "' is empty or contains spaces or '+'");
  std::string raw = key.ed25519_raw();
  if (key.type() != KeyType::kEd25519 || raw.size() != 32)
    return Status::InvalidArgument("a witness key must be Ed25519");
  std::string typed(1, static_cast<char>(kCosignatureType));
  typed += raw;
  return std::string(name) + "+" + Hex8(CosignKeyId(name, raw)) + "+" + Base64Encode(typed);
}

Result<std::string> MakeCosignature(std::string_view checkpoint_text, std::string_view name,
                                    const PrivateKey& key, uint64_t time) {
  if (checkpoint_text.empty() || checkpoint_text.back() != '\n')
    return Status::InvalidArgument("checkpoint text must end in a newline");
  TRADEFIN_RETURN_IF_ERROR(note::ParseCheckpointBody(checkpoint_text).status());
  if (!note::IsValidKeyName(name))
    return Status::InvalidArgument("witness name '" + std::string(name) + "' is not a key name");
  std::string raw = key.public_key().ed25519_raw();
  if (key.type() != KeyType::kEd25519 || raw.size() != 32)
    return Status::InvalidArgument("a witness key must be Ed25519");
  TRADEFIN_ASSIGN_OR_RETURN(std::string sig, key.Sign(CosignedMessage(checkpoint_text, time)));
  std::string blob;
  uint32_t id = CosignKeyId(name, raw);
  for (int shift = 24; shift >= 0; shift -= 8) blob.push_back(static_cast<char>((id >> shift) & 0xFF));
  for (int shift = 56; shift >= 0; shift -= 8) blob.push_back(static_cast<char>((time >> shift) & 0xFF));
  blob += sig;
  return std::string(kEmDashSpace) + std::string(name) + " " + Base64Encode(blob) + "\n";
}

Result<std::vector<CosignatureCheck>> VerifyCosignatures(
    std::string_view signed_checkpoint, const std::vector<std::string>& witness_keys) {
  std::vector<WitnessKey> keys;
  for (const auto& k : witness_keys) {
    TRADEFIN_ASSIGN_OR_RETURN(WitnessKey wk, ParseWitnessKey(k));
    keys.push_back(std::move(wk));
  }
  TRADEFIN_ASSIGN_OR_RETURN(auto split, SplitNote(signed_checkpoint));
  std::vector<CosignatureCheck> out;
  for (const WitnessKey& k : keys) {
    for (const RawLine& l : split.second) {
      if (l.name == k.name && l.key_id == k.key_id) {
        out.push_back(CheckOne(split.first, k, l));
        break;  // a repeated line by the same key is ignored
      }
    }
  }
  return out;
}

Result<WitnessPolicy> ParseWitnessPolicy(std::string_view text) {
  WitnessPolicy p;
  std::set<std::string> labels;
  bool have_quorum = false;
  int number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string> f;
    std::istringstream ss{std::string(line)};
    for (std::string w; ss >> w;) f.push_back(w);
    auto bad = [number](std::string why) {
      return Status::InvalidArgument("witness policy line " + std::to_string(number) + ": " + why);
    };
    if (f.empty() || f[0][0] == '#') continue;
    if (f[0] == "log") {
      if (f.size() < 2) return bad("expected 'log <hub verifier key>'");
      if (!p.log_key.empty()) return bad("a second 'log' line (one log per policy)");
      p.log_key = f[1];
    } else if (f[0] == "witness") {
      if (f.size() < 3) return bad("expected 'witness <label> <witness verifier key>'");
      if (!labels.insert(f[1]).second) return bad("label '" + f[1] + "' is used twice");
      auto k = ParseWitnessKey(f[2]);
      if (!k.ok()) return bad(std::string(k.status().message()));
      p.witnesses.push_back({f[1], f[2]});
    } else if (f[0] == "group") {
      if (f.size() < 4) return bad("expected 'group <label> all|any|<k> <member>...'");
      if (!labels.insert(f[1]).second) return bad("label '" + f[1] + "' is used twice");
      WitnessPolicy::Group g;
      g.label = f[1];
      for (size_t i = 3; i < f.size(); ++i) {
        if (f[i] == f[1] || !labels.count(f[i]))
          return bad("member '" + f[i] + "' is not an earlier witness or group");
        g.members.push_back(f[i]);
      }
      if (f[2] == "all") {
        g.threshold = g.members.size();
      } else if (f[2] == "any") {
        g.threshold = 1;
      } else {
        char* end = nullptr;
        unsigned long k = std::strtoul(f[2].c_str(), &end, 10);
        if (*end != '\0' || f[2][0] == '0' || k < 1 || k > g.members.size())
          return bad("threshold '" + f[2] + "' is not all, any or 1.." +
                     std::to_string(g.members.size()));
        g.threshold = k;
      }
      p.groups.push_back(std::move(g));
    } else if (f[0] == "quorum") {
      if (f.size() != 2) return bad("expected 'quorum <label>|none'");
      if (have_quorum) return bad("a second 'quorum' line");
      have_quorum = true;
      if (f[1] != "none") {
        if (!labels.count(f[1])) return bad("quorum '" + f[1] + "' is not a witness or group");
        p.quorum = f[1];
      }
    } else {
      return bad("unknown keyword '" + f[0] + "' (expected log, witness, group or quorum)");
    }
  }
  if (!have_quorum) return Status::InvalidArgument("witness policy: no 'quorum' line");
  return p;
}

Result<PolicyCheck> CheckWitnessPolicy(std::string_view signed_checkpoint,
                                       const WitnessPolicy& policy) {
  PolicyCheck out;
  std::vector<std::string> keys;
  for (const auto& w : policy.witnesses) keys.push_back(w.key);
  TRADEFIN_ASSIGN_OR_RETURN(out.cosignatures, VerifyCosignatures(signed_checkpoint, keys));
  std::set<std::string> ok;
  for (const auto& c : out.cosignatures) {
    if (!c.valid) {
      out.reason = c.reason;
      return out;
    }
    for (const auto& w : policy.witnesses)
      if (ParseWitnessKey(w.key)->name == c.name) ok.insert(w.label);
  }
  out.counted.assign(ok.begin(), ok.end());
  if (policy.quorum.empty()) {
    out.satisfied = true;
    return out;
  }
  // Groups only refer to earlier labels, so one pass in order decides all.
  std::set<std::string> met = ok;
  for (const auto& g : policy.groups) {
    size_t n = 0;
    for (const auto& m : g.members) n += met.count(m);
    if (n >= g.threshold) met.insert(g.label);
  }
  out.satisfied = met.count(policy.quorum) > 0;
  if (!out.satisfied)
    out.reason = "witness quorum '" + policy.quorum + "' is not met (" +
                 std::to_string(ok.size()) + " valid cosignature(s) from the policy's " +
                 std::to_string(policy.witnesses.size()) + " witnesses)";
  return out;
}

std::string_view CosignOutcomeName(CosignOutcome o) {
  switch (o) {
    case CosignOutcome::kCosigned: return "cosigned";
    case CosignOutcome::kRefused: return "refused";
    case CosignOutcome::kFork: return "fork";
  }
  return "refused";
}

Witness::~Witness() = default;

Status Witness::Init(const WitnessInitOptions& o) {
  namespace fs = std::filesystem;
  if (o.dir.empty()) return Status::InvalidArgument("witness directory is empty");
  if (!note::IsValidKeyName(o.name))
    return Status::InvalidArgument("witness name '" + o.name +
                                   "' is empty or contains spaces or '+'");
  fs::path dir(o.dir);
  std::error_code ec;
  if (fs::exists(dir / "witness.key", ec))
    return Status::AlreadyExists("witness directory " + o.dir + " already holds a witness");
  fs::create_directories(dir / "state", ec);
  if (ec) return Status::IOError("cannot create " + o.dir + ": " + ec.message());
  TRADEFIN_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::Generate(KeyType::kEd25519));
  TRADEFIN_ASSIGN_OR_RETURN(std::string vkey, FormatWitnessKey(o.name, key.public_key()));
  TRADEFIN_RETURN_IF_ERROR(key.WriteFile((dir / "witness.key").string()));
  return WriteFileAtomic(dir / "witness.vkey", vkey + "\n", 0644);
}

Result<std::unique_ptr<Witness>> Witness::Open(const WitnessOpenOptions& o) {
  namespace fs = std::filesystem;
  fs::path dir(o.dir);
  std::error_code ec;
  if (!fs::exists(dir / "witness.key", ec) || !fs::exists(dir / "witness.vkey", ec))
    return Status::NotFound("no witness in " + o.dir + " (run tradefin witness init)");
  auto w = std::make_unique<WitnessImpl>();
  w->dir_ = dir;
  w->clock_ = o.clock != nullptr ? o.clock : &SystemClock();
  std::string lock = (dir / "lock").string();
  w->lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (w->lock_fd_ < 0) return Status::IOError("cannot open " + lock);
  if (::flock(w->lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return Status::FailedPrecondition("witness " + o.dir + " is in use by another process");
  TRADEFIN_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::FromFile((dir / "witness.key").string()));
  TRADEFIN_ASSIGN_OR_RETURN(std::string vtext, ReadWholeFile(dir / "witness.vkey"));
  TRADEFIN_ASSIGN_OR_RETURN(WitnessKey vk, ParseWitnessKey(vtext));
  if (vk.public_key != key.public_key().ed25519_raw())
    return Status::Corruption("witness " + o.dir + ": witness.vkey does not match witness.key");
  w->name_ = vk.name;
  w->vkey_ = vk.text;
  w->key_ = std::make_unique<PrivateKey>(std::move(key));
  return std::unique_ptr<Witness>(std::move(w));
}

}  // namespace tradefin
