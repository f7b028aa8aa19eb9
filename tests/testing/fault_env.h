// FaultEnv: a leveldb::EnvWrapper over Env::Default() for the store's
// file-system seam (libtradefin/src/store/store_env.h). It counts file
// operations and fails a chosen one, or every one of a kind, with the error
// a real file system gives: ENOSPC, EROFS or EIO.
//
// Counted operations (FileOp): NewWritableFile, NewAppendableFile,
// NewSequentialFile, NewRandomAccessFile, WritableFile::Append / Flush /
// Sync / Close, SequentialFile::Read, RandomAccessFile::Read, RenameFile,
// RemoveFile, CreateDir. Metadata calls (FileExists, GetChildren,
// GetFileSize, LockFile) pass through uncounted.
//
// A failed Append may be torn (set_torn_appends): it writes the first half
// of its data and then fails, as a write that runs out of space does.
//
// Thread safety: all members may be called from any thread (LevelDB's
// background compaction thread calls the Env too).
#ifndef TRADEFIN_TESTS_TESTING_FAULT_ENV_H_
#define TRADEFIN_TESTS_TESTING_FAULT_ENV_H_

#include <leveldb/env.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tradefin::testing {

enum class FileOp {
  kNewWritable,
  kNewAppendable,
  kNewSequential,
  kNewRandomAccess,
  kAppend,
  kFlush,
  kSync,
  kClose,
  kSequentialRead,
  kRandomRead,
  kRename,
  kRemove,
  kCreateDir,
};
inline constexpr int kFileOpCount = 13;
const char* FileOpName(FileOp op);
// True for the operations that change a file or directory.
bool IsWriteOp(FileOp op);

enum class FaultError {
  kNoSpace,   // "No space left on device" (ENOSPC)
  kReadOnly,  // "Read-only file system" (EROFS)
  kIo,        // "Input/output error" (EIO)
};
const char* FaultErrorText(FaultError e);

class FaultEnv final : public leveldb::EnvWrapper {
 public:
  FaultEnv();

  // Operations counted since construction or the last ResetCounts().
  uint64_t count() const;
  uint64_t count(FileOp op) const;
  void ResetCounts();

  // Fails the n-th counted operation from now (1-based) with `error`, once.
  // With `only`, counts and fails only operations of that kind.
  void FailNth(uint64_t n, FaultError error, std::optional<FileOp> only = std::nullopt);
  // Fails every operation of the given kinds from now on.
  void FailAll(std::vector<FileOp> ops, FaultError error);
  // Fails every operation that changes a file (IsWriteOp) from now on.
  void FailAllWrites(FaultError error);
  // No more faults (the counts stay).
  void Clear();
  void set_torn_appends(bool torn);

  // How many faults were injected, and a description of the first
  // ("Sync /tmp/x/db/000003.log: No space left on device").
  int faults() const;
  std::string first_fault() const;

  // Called by the wrapped files; returns the injected error, or OK.
  leveldb::Status Check(FileOp op, const std::string& fname);
  bool torn_appends() const;

  leveldb::Status NewSequentialFile(const std::string& f, leveldb::SequentialFile** r) override;
  leveldb::Status NewRandomAccessFile(const std::string& f,
                                      leveldb::RandomAccessFile** r) override;
  leveldb::Status NewWritableFile(const std::string& f, leveldb::WritableFile** r) override;
  leveldb::Status NewAppendableFile(const std::string& f, leveldb::WritableFile** r) override;
  leveldb::Status RemoveFile(const std::string& f) override;
  leveldb::Status CreateDir(const std::string& d) override;
  leveldb::Status RenameFile(const std::string& s, const std::string& t) override;

 private:
  mutable std::mutex mu_;
  std::array<uint64_t, kFileOpCount> counts_{};
  uint64_t total_ = 0;
  // FailNth
  uint64_t nth_ = 0;  // 0 = none
  uint64_t seen_ = 0;
  std::optional<FileOp> nth_only_;
  FaultError nth_error_ = FaultError::kIo;
  // FailAll
  std::array<bool, kFileOpCount> fail_all_{};
  FaultError all_error_ = FaultError::kIo;
  bool torn_ = false;
  int faults_ = 0;
  std::string first_fault_;
};

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_TESTING_FAULT_ENV_H_
