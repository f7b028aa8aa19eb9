// Which LevelDB file of a store is damaged. LevelDB's own errors often say
// only "checksum mismatch" or "no meta-nextfile entry in descriptor"; the
// store adds the file found here, so that the message names it.
#include <leveldb/env.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/table.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "store/store_env.h"

namespace tradefin::store {

namespace {

// CRC-32C (Castagnoli), as LevelDB's log records carry it, masked.
uint32_t Crc32c(std::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) crc = table[(crc ^ static_cast<uint8_t>(ch)) & 0xff] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}
uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

bool IsNumberedFile(const std::string& name, std::string_view ext) {
  if (name.size() <= ext.size() || !name.ends_with(ext)) return false;
  return std::all_of(name.begin(), name.end() - static_cast<long>(ext.size()),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// The first record of a log-format file that fails its framing or checksum;
// "" if none. A torn tail is reported only when `torn_tail_is_damage`: for a
// log it is what a crash leaves, for the MANIFEST (checked only once
// LevelDB has refused it) it is the likely cause.
std::string CheckLogFile(leveldb::Env* env, const std::string& path, bool torn_tail_is_damage) {
  std::string bytes;
  leveldb::Status s = leveldb::ReadFileToString(env, path, &bytes);
  if (!s.ok()) return "cannot be read: " + s.ToString();
  constexpr size_t kBlock = 32768, kHeader = 7;
  for (size_t block = 0; block < bytes.size(); block += kBlock) {
    const size_t end = std::min(bytes.size(), block + kBlock);
    size_t pos = block;
    while (end - pos >= kHeader) {
      const auto* h = reinterpret_cast<const unsigned char*>(bytes.data() + pos);
      const uint32_t crc = h[0] | (h[1] << 8) | (h[2] << 16) | (static_cast<uint32_t>(h[3]) << 24);
      const size_t length = h[4] | (static_cast<size_t>(h[5]) << 8);
      const int type = h[6];
      const bool last_block = end == bytes.size();
      if (type == 0 && length == 0 && crc == 0) {
        pos += kHeader;  // zeros: padding or a preallocated tail
        continue;
      }
      if (kHeader + length > end - pos) {
        if (last_block)
          return torn_tail_is_damage ? "ends inside a record at byte " + std::to_string(pos) +
                                           " (truncated)"
                                     : "";
        return "record at byte " + std::to_string(pos) + " runs past its block";
      }
      if (type < 1 || type > 4)
        return "record at byte " + std::to_string(pos) + " has an unknown type " +
               std::to_string(type);
      if (Unmask(crc) != Crc32c(std::string_view(bytes.data() + pos + 6, 1 + length)))
        return "record at byte " + std::to_string(pos) + " fails its checksum";
      pos += kHeader + length;
    }
    const bool zeros = std::all_of(bytes.begin() + static_cast<long>(pos),
                                   bytes.begin() + static_cast<long>(end),
                                   [](char c) { return c == 0; });
    if (!zeros) {
      if (end != bytes.size())
        return "bytes at " + std::to_string(pos) + " are neither a record nor padding";
      if (torn_tail_is_damage)
        return "ends inside a record header at byte " + std::to_string(pos) + " (truncated)";
    }
  }
  return "";
}

std::string CheckTable(leveldb::Env* env, const std::string& path) {
  uint64_t size = 0;
  leveldb::Status s = env->GetFileSize(path, &size);
  leveldb::RandomAccessFile* raw = nullptr;
  if (s.ok()) s = env->NewRandomAccessFile(path, &raw);
  if (!s.ok()) return "cannot be read: " + s.ToString();
  std::unique_ptr<leveldb::RandomAccessFile> file(raw);
  leveldb::Options opt;
  opt.env = env;
  opt.paranoid_checks = true;
  leveldb::Table* t = nullptr;
  s = leveldb::Table::Open(opt, file.get(), size, &t);
  if (!s.ok()) return s.ToString();
  std::unique_ptr<leveldb::Table> table(t);
  leveldb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  std::unique_ptr<leveldb::Iterator> it(table->NewIterator(ro));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
  }
  return it->status().ok() ? "" : it->status().ToString();
}

}  // namespace

std::string FindDamagedLevelDbFile(leveldb::Env* env, const std::string& db_dir) {
  std::vector<std::string> children;
  if (!env->GetChildren(db_dir, &children).ok()) return "";
  std::sort(children.begin(), children.end());
  std::string current;
  if (env->FileExists(db_dir + "/CURRENT")) {
    leveldb::Status s = leveldb::ReadFileToString(env, db_dir + "/CURRENT", &current);
    if (!s.ok()) return "db/CURRENT cannot be read: " + s.ToString();
    const bool form = current.size() > 10 && current.back() == '\n' &&
                      current.starts_with("MANIFEST-") &&
                      IsNumberedFile(current.substr(9, current.size() - 10), "");
    if (!form)
      return "db/CURRENT does not name a manifest (it holds " + std::to_string(current.size()) +
             " bytes that are not \"MANIFEST-<number>\\n\")";
    current.pop_back();
    if (!env->FileExists(db_dir + "/" + current))
      return "db/CURRENT names " + current + ", which is missing";
    std::string why = CheckLogFile(env, db_dir + "/" + current, true);
    if (!why.empty()) return "db/" + current + ": " + why;
  }
  for (const std::string& c : children) {
    std::string why;
    if (IsNumberedFile(c, ".log"))
      why = CheckLogFile(env, db_dir + "/" + c, false);
    else if (IsNumberedFile(c, ".ldb") || IsNumberedFile(c, ".sst"))
      why = CheckTable(env, db_dir + "/" + c);
    if (!why.empty()) return "db/" + c + ": " + why;
  }
  return "";
}

}  // namespace tradefin::store
