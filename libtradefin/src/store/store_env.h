// Internal: the store's file-system seam. Every file operation of a Store
// (LevelDB's table, log, MANIFEST and CURRENT files, and the hub.key the
// store writes at Create and reads at Open) goes through one leveldb::Env,
// so tests can hand in an Env that fails any write, sync, read or rename
// (tests/testing/fault_env.h). The public Store::Create / Store::Open use
// leveldb::Env::Default(); the public header keeps no LevelDB type.
//
// Two exceptions, both before any byte of the store is written: the
// directory checks of Create (std::filesystem) and the O_EXCL creation of
// an empty hub.key with mode 0600 (an Env creates files 0644; the key must
// never be readable by others, not even for an instant). Its contents are
// appended, synced and closed through the Env.
#ifndef TRADEFIN_STORE_STORE_ENV_H_
#define TRADEFIN_STORE_STORE_ENV_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "tradefin/core/result.h"
#include "tradefin/store/store.h"

namespace leveldb {
class Env;
}

namespace tradefin::store {

struct StoreEnv {
  // Borrowed; must outlive the Store. Default: nullptr = Env::Default().
  leveldb::Env* env = nullptr;
  // LevelDB memtable size. Tests set it small so that a few writes flush
  // tables, rewrite the MANIFEST and compact. Default: 0 = LevelDB's 4 MiB.
  size_t write_buffer_bytes = 0;
};

Result<std::unique_ptr<Store>> CreateStore(const CreateStoreOptions& options,
                                           const StoreEnv& env);
Result<std::unique_ptr<Store>> OpenStore(const OpenStoreOptions& options,
                                         const StoreEnv& env);

// True if the LevelDB log or MANIFEST bytes `tail_block` (the file's last
// 32 KiB block, from its start; `file_size` the whole file's size) end
// inside a record: a torn write (disk full, a crash between two write
// calls). LevelDB ignores such a tail when it reads the file, but with
// reuse_logs it would append after it, and the next open would report the
// torn record as corruption in the middle of the file. Exposed for tests.
bool LevelDbLogTailIsTorn(std::string_view tail_block, uint64_t file_size);

// The first damaged file of the LevelDB directory `db_dir`: "db/CURRENT
// does not name a manifest ...", "db/000005.ldb: Corruption: block checksum
// mismatch", "db/000003.log: record at byte 1234 fails its checksum"; ""
// if none is found. A torn tail of a log is a crash, not damage. Reads
// every file: only for an error path (damage.cc).
std::string FindDamagedLevelDbFile(leveldb::Env* env, const std::string& db_dir);

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_STORE_ENV_H_
