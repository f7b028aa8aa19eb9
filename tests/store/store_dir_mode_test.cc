// Issue 13: a store directory that Store::Create makes holds the 0600 hub
// key, so the directory itself is private (0700), whatever the umask.
#include <sys/stat.h>

#include <filesystem>

#include "testing/testing.h"
#include "tradefin/store/store.h"

namespace tradefin {

TEST_CASE("issue 13: Store::Create makes a new store directory 0700") {
  testing::TempDir tmp;
  const std::filesystem::path dir = tmp.path() / "new-store";
  const mode_t old_mask = ::umask(022);
  CreateStoreOptions o;
  o.dir = dir.string();
  o.origin = "example.org/tradefin/mode-test";
  auto store = Store::Create(o);
  ::umask(old_mask);
  REQUIRE_OK(store);
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat((dir / "hub.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("issue 13: an existing empty directory keeps the mode its owner chose") {
  testing::TempDir tmp;
  const std::filesystem::path dir = tmp.path() / "mine";
  std::filesystem::create_directory(dir);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all |
                                        std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec);
  CreateStoreOptions o;
  o.dir = dir.string();
  o.origin = "example.org/tradefin/mode-test";
  auto store = Store::Create(o);
  REQUIRE_OK(store);
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0750);
}

}  // namespace tradefin
