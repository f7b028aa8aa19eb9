#include "tradefin/signing/trust_store.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace tradefin {

TrustStore::~TrustStore() = default;
PinnedKeyTrustStore::PinnedKeyTrustStore() = default;
PinnedKeyTrustStore::~PinnedKeyTrustStore() = default;

void PinnedKeyTrustStore::Add(std::string name, PublicKey key) {
  if (name.empty()) name = key.key_id();
  keys_.push_back(TrustedKey{std::move(name), std::move(key)});
}

Status PinnedKeyTrustStore::AddKeyFile(const std::string& path) {
  TRADEFIN_ASSIGN_OR_RETURN(PublicKey key, PublicKey::FromFile(path));
  Add(std::filesystem::path(path).filename().string(), std::move(key));
  return Status::Ok();
}

namespace {

bool IsKeyId(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Status PinnedKeyTrustStore::AddTrustList(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Status::IOError(path + ": cannot open trust list (" +
                           std::strerror(errno) + ")");
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string where = path + ":" + std::to_string(line_no);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    size_t name_end = line.find_first_of(" \t", start);
    if (name_end == std::string::npos) {
      return Status::InvalidArgument(
          where + ": expected '<name-or-key-id> <public key file>', found "
                  "only one field");
    }
    std::string name = line.substr(start, name_end - start);
    size_t file_start = line.find_first_not_of(" \t", name_end);
    size_t file_end = line.find_last_not_of(" \t");
    if (file_start == std::string::npos) {
      return Status::InvalidArgument(where + ": missing public key file");
    }
    std::filesystem::path file =
        line.substr(file_start, file_end - file_start + 1);
    if (file.is_relative()) file = dir / file;
    auto key = PublicKey::FromFile(file.string());
    if (!key.ok()) return key.status().WithPrefix(where);
    if (IsKeyId(name) && name != key->key_id()) {
      return Status::InvalidArgument(where + ": key id " + name +
                                     " does not match " + file.string() +
                                     " (its key id is " + key->key_id() +
                                     ")");
    }
    Add(std::move(name), std::move(*key));
  }
  return Status::Ok();
}

const TrustedKey* PinnedKeyTrustStore::FindKey(
    std::string_view key_name_hint,
    const std::vector<PublicKey>& keyinfo_candidates) const {
  if (!key_name_hint.empty()) {
    for (const TrustedKey& k : keys_) {
      if (k.name == key_name_hint || k.key.key_id() == key_name_hint) {
        return &k;
      }
    }
  }
  if (!keyinfo_candidates.empty()) {
    for (const PublicKey& c : keyinfo_candidates) {
      for (const TrustedKey& k : keys_) {
        if (k.key.key_id() == c.key_id()) return &k;
      }
    }
    return nullptr;
  }
  // A KeyName that is a key id names one exact key; if that key is not
  // pinned, the pinned key cannot be the signer's.
  if (IsKeyId(key_name_hint)) return nullptr;
  if (keys_.size() == 1) return &keys_.front();
  return nullptr;
}

}  // namespace tradefin
