#include "testing/fault_env.h"

#include <memory>

namespace tradefin::testing {

const char* FileOpName(FileOp op) {
  switch (op) {
    case FileOp::kNewWritable: return "NewWritableFile";
    case FileOp::kNewAppendable: return "NewAppendableFile";
    case FileOp::kNewSequential: return "NewSequentialFile";
    case FileOp::kNewRandomAccess: return "NewRandomAccessFile";
    case FileOp::kAppend: return "Append";
    case FileOp::kFlush: return "Flush";
    case FileOp::kSync: return "Sync";
    case FileOp::kClose: return "Close";
    case FileOp::kSequentialRead: return "SequentialRead";
    case FileOp::kRandomRead: return "RandomRead";
    case FileOp::kRename: return "RenameFile";
    case FileOp::kRemove: return "RemoveFile";
    case FileOp::kCreateDir: return "CreateDir";
  }
  return "?";
}

bool IsWriteOp(FileOp op) {
  switch (op) {
    case FileOp::kNewWritable:
    case FileOp::kNewAppendable:
    case FileOp::kAppend:
    case FileOp::kFlush:
    case FileOp::kSync:
    case FileOp::kClose:
    case FileOp::kRename:
    case FileOp::kRemove:
    case FileOp::kCreateDir:
      return true;
    default:
      return false;
  }
}

const char* FaultErrorText(FaultError e) {
  switch (e) {
    case FaultError::kNoSpace: return "No space left on device";
    case FaultError::kReadOnly: return "Read-only file system";
    case FaultError::kIo: return "Input/output error";
  }
  return "?";
}

namespace {

class FaultWritable final : public leveldb::WritableFile {
 public:
  FaultWritable(FaultEnv* env, std::string name, leveldb::WritableFile* target)
      : env_(env), name_(std::move(name)), target_(target) {}
  leveldb::Status Append(const leveldb::Slice& data) override {
    leveldb::Status s = env_->Check(FileOp::kAppend, name_);
    if (!s.ok()) {
      if (env_->torn_appends() && data.size() > 1) {
        // Half of it reaches the file, as when the disk fills mid-write.
        target_->Append(leveldb::Slice(data.data(), data.size() / 2));
        target_->Flush();
      }
      return s;
    }
    return target_->Append(data);
  }
  leveldb::Status Flush() override {
    leveldb::Status s = env_->Check(FileOp::kFlush, name_);
    return s.ok() ? target_->Flush() : s;
  }
  leveldb::Status Sync() override {
    leveldb::Status s = env_->Check(FileOp::kSync, name_);
    return s.ok() ? target_->Sync() : s;
  }
  leveldb::Status Close() override {
    leveldb::Status s = env_->Check(FileOp::kClose, name_);
    return s.ok() ? target_->Close() : s;
  }

 private:
  FaultEnv* env_;
  std::string name_;
  std::unique_ptr<leveldb::WritableFile> target_;
};

class FaultSequential final : public leveldb::SequentialFile {
 public:
  FaultSequential(FaultEnv* env, std::string name, leveldb::SequentialFile* target)
      : env_(env), name_(std::move(name)), target_(target) {}
  leveldb::Status Read(size_t n, leveldb::Slice* result, char* scratch) override {
    leveldb::Status s = env_->Check(FileOp::kSequentialRead, name_);
    return s.ok() ? target_->Read(n, result, scratch) : s;
  }
  leveldb::Status Skip(uint64_t n) override { return target_->Skip(n); }

 private:
  FaultEnv* env_;
  std::string name_;
  std::unique_ptr<leveldb::SequentialFile> target_;
};

class FaultRandom final : public leveldb::RandomAccessFile {
 public:
  FaultRandom(FaultEnv* env, std::string name, leveldb::RandomAccessFile* target)
      : env_(env), name_(std::move(name)), target_(target) {}
  leveldb::Status Read(uint64_t offset, size_t n, leveldb::Slice* result,
                       char* scratch) const override {
    leveldb::Status s = env_->Check(FileOp::kRandomRead, name_);
    return s.ok() ? target_->Read(offset, n, result, scratch) : s;
  }

 private:
  FaultEnv* env_;
  std::string name_;
  std::unique_ptr<leveldb::RandomAccessFile> target_;
};

}  // namespace

FaultEnv::FaultEnv() : leveldb::EnvWrapper(leveldb::Env::Default()) {}

uint64_t FaultEnv::count() const {
  std::lock_guard<std::mutex> l(mu_);
  return total_;
}
uint64_t FaultEnv::count(FileOp op) const {
  std::lock_guard<std::mutex> l(mu_);
  return counts_[static_cast<size_t>(op)];
}
void FaultEnv::ResetCounts() {
  std::lock_guard<std::mutex> l(mu_);
  counts_.fill(0);
  total_ = 0;
}
void FaultEnv::FailNth(uint64_t n, FaultError error, std::optional<FileOp> only) {
  std::lock_guard<std::mutex> l(mu_);
  nth_ = n;
  seen_ = 0;
  nth_only_ = only;
  nth_error_ = error;
}
void FaultEnv::FailAll(std::vector<FileOp> ops, FaultError error) {
  std::lock_guard<std::mutex> l(mu_);
  for (FileOp op : ops) fail_all_[static_cast<size_t>(op)] = true;
  all_error_ = error;
}
void FaultEnv::FailAllWrites(FaultError error) {
  std::vector<FileOp> ops;
  for (int i = 0; i < kFileOpCount; ++i)
    if (IsWriteOp(static_cast<FileOp>(i))) ops.push_back(static_cast<FileOp>(i));
  FailAll(ops, error);
}
void FaultEnv::Clear() {
  std::lock_guard<std::mutex> l(mu_);
  nth_ = 0;
  fail_all_.fill(false);
}
void FaultEnv::set_torn_appends(bool torn) {
  std::lock_guard<std::mutex> l(mu_);
  torn_ = torn;
}
bool FaultEnv::torn_appends() const {
  std::lock_guard<std::mutex> l(mu_);
  return torn_;
}
int FaultEnv::faults() const {
  std::lock_guard<std::mutex> l(mu_);
  return faults_;
}
std::string FaultEnv::first_fault() const {
  std::lock_guard<std::mutex> l(mu_);
  return first_fault_;
}

leveldb::Status FaultEnv::Check(FileOp op, const std::string& fname) {
  std::lock_guard<std::mutex> l(mu_);
  const auto i = static_cast<size_t>(op);
  ++counts_[i];
  ++total_;
  bool fail = fail_all_[i];
  FaultError error = all_error_;
  if (!fail && nth_ != 0 && (!nth_only_ || *nth_only_ == op) && ++seen_ == nth_) {
    fail = true;
    error = nth_error_;
    nth_ = 0;
  }
  if (!fail) return leveldb::Status::OK();
  if (faults_++ == 0)
    first_fault_ = std::string(FileOpName(op)) + " " + fname + ": " + FaultErrorText(error);
  // The form of LevelDB's own PosixError: the file, then strerror.
  return leveldb::Status::IOError(fname, FaultErrorText(error));
}

leveldb::Status FaultEnv::NewSequentialFile(const std::string& f, leveldb::SequentialFile** r) {
  *r = nullptr;
  leveldb::Status s = Check(FileOp::kNewSequential, f);
  if (!s.ok()) return s;
  leveldb::SequentialFile* t = nullptr;
  s = target()->NewSequentialFile(f, &t);
  if (s.ok()) *r = new FaultSequential(this, f, t);
  return s;
}
leveldb::Status FaultEnv::NewRandomAccessFile(const std::string& f,
                                              leveldb::RandomAccessFile** r) {
  *r = nullptr;
  leveldb::Status s = Check(FileOp::kNewRandomAccess, f);
  if (!s.ok()) return s;
  leveldb::RandomAccessFile* t = nullptr;
  s = target()->NewRandomAccessFile(f, &t);
  if (s.ok()) *r = new FaultRandom(this, f, t);
  return s;
}
leveldb::Status FaultEnv::NewWritableFile(const std::string& f, leveldb::WritableFile** r) {
  *r = nullptr;
  leveldb::Status s = Check(FileOp::kNewWritable, f);
  if (!s.ok()) return s;
  leveldb::WritableFile* t = nullptr;
  s = target()->NewWritableFile(f, &t);
  if (s.ok()) *r = new FaultWritable(this, f, t);
  return s;
}
leveldb::Status FaultEnv::NewAppendableFile(const std::string& f, leveldb::WritableFile** r) {
  *r = nullptr;
  leveldb::Status s = Check(FileOp::kNewAppendable, f);
  if (!s.ok()) return s;
  leveldb::WritableFile* t = nullptr;
  s = target()->NewAppendableFile(f, &t);
  if (s.ok()) *r = new FaultWritable(this, f, t);
  return s;
}
leveldb::Status FaultEnv::RemoveFile(const std::string& f) {
  leveldb::Status s = Check(FileOp::kRemove, f);
  return s.ok() ? target()->RemoveFile(f) : s;
}
leveldb::Status FaultEnv::CreateDir(const std::string& d) {
  leveldb::Status s = Check(FileOp::kCreateDir, d);
  return s.ok() ? target()->CreateDir(d) : s;
}
leveldb::Status FaultEnv::RenameFile(const std::string& src, const std::string& t) {
  leveldb::Status s = Check(FileOp::kRename, src);
  return s.ok() ? target()->RenameFile(src, t) : s;
}

}  // namespace tradefin::testing
