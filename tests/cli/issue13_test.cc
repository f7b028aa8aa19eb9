// Issue 13 regressions that cut across verbs: a directory where a file is
// expected, dates that do not exist, and --json that must be valid UTF-8
// whatever bytes came in.
#include <filesystem>
#include <string>

#include "cli/utf8_check.h"
#include "store/merkle.h"
#include "store/note.h"
#include "testing/testing.h"
#include "tradefin/signing/keys.h"

namespace tradefin {
namespace {

using testing::IsUtf8;
using testing::ReadFile;
using testing::RunCli;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

std::string Sample(const std::string& rel) {
  return (SourceDir() / "samples" / rel).string();
}

TEST_CASE("issue 13: import, verify-proof --entry and PROOF refuse a directory") {
  TempDir dir;
  const std::string d = dir.path().string();
  auto r = RunCli({"import", "mt700", d});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("is a directory") != std::string::npos, r.err);

  WriteFile(dir.path() / "p.tlog-proof", "not a proof\n");
  r = RunCli({"verify-proof", (dir.path() / "p.tlog-proof").string(), "--entry",
              d, "--hub-key", "example.org+00000000+AAAA"});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("is a directory") != std::string::npos, r.err);
  CHECK(r.err.find("entry") != std::string::npos);
  r = RunCli({"verify-proof", d, "--entry", (dir.path() / "p.tlog-proof").string(),
              "--hub-key", "example.org+00000000+AAAA"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is a directory") != std::string::npos);
}

TEST_CASE("issue 13: examine --presented 2025-02-29 says the date does not exist") {
  auto r = RunCli({"examine", "--lc", Sample("shipment/letter-of-credit.xml"),
                   Sample("shipment/rail-waybill.xml"), "--presented",
                   "2025-02-29"});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("2025-02-29 is not a date (2025 is not a leap year)") !=
                    std::string::npos,
                r.err);
}

TEST_CASE("issue 13: import --json of an MT700 with a 0xFF byte is valid UTF-8") {
  TempDir dir;
  std::string text = ReadFile(Sample("swift/mt700-DEL25LC0001234.fin"));
  const size_t at = text.find("EUR1250000,");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "EUR1250000\xff");
  const std::string bad = (dir.path() / "bad.fin").string();
  WriteFile(bad, text);
  auto r = RunCli({"import", "mt700", bad, "--json"});
  CHECK(r.exit_code == 1);
  CHECK(IsUtf8(r.out));
  CHECK(r.out.find("\"issues\":") != std::string::npos);
}

TEST_CASE("issue 13: verify-proof --json of a proof with a 0xFF byte is valid UTF-8") {
  TempDir dir;
  merkle::MemoryTree tree;
  const std::string entry = "TFEN entry 0";
  tree.Append(merkle::LeafHash(entry));
  auto key = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(key);
  const std::string origin = "example.org/tradefin/hub-1";
  auto vkey = note::FormatVerifierKey(origin, key->public_key());
  REQUIRE_OK(vkey);
  auto root = merkle::RootAt(1, tree);
  REQUIRE_OK(root);
  auto cp = note::SignCheckpoint({origin, 1, *root, {}}, *key);
  REQUIRE_OK(cp);
  auto path = merkle::InclusionProof(0, 1, tree);
  REQUIRE_OK(path);
  // The checkpoint's origin line rewritten to bytes that are not UTF-8: the
  // origin is checked first, and the failure reason quotes it.
  std::string proof = note::FormatTlogProof({false, "", 0, *path, *cp});
  const size_t at = proof.find(origin + "\n");
  REQUIRE(at != std::string::npos);
  proof.replace(at, origin.size(), "example.org/\xff");
  WriteFile(dir.path() / "p.tlog-proof", proof);
  WriteFile(dir.path() / "entry.bin", entry);
  auto r = RunCli({"verify-proof", (dir.path() / "p.tlog-proof").string(),
                   "--entry", (dir.path() / "entry.bin").string(), "--hub-key",
                   *vkey, "--json"});
  CHECK_MESSAGE(r.exit_code != 0, (r.out + r.err));
  CHECK(IsUtf8(r.out));
  CHECK(r.out.find("\"valid\":false") != std::string::npos);
}

TEST_CASE("issue 13: hub-key, checkpoint, prove and export have --json; get --raw says what it wrote") {
  TempDir dir;
  const std::string store = (dir.path() / "store").string();
  auto r = RunCli({"init", "--store", store, "--origin", "example.org/tradefin/i13"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  REQUIRE(RunCli({"key", "gen", "--out", (dir.path() / "c").string()}).exit_code == 0);
  r = RunCli({"party", "add", "--store", store, "--id", "91510000MA61CRW0XE",
              "--name", "CARRIER", "--role", "carrier", "--pubkey",
              (dir.path() / "c.pub").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  r = RunCli({"hub-key", "--store", store, "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("{\"origin\":\"example.org/tradefin/i13\",\"verifier_key\":\"example.org/tradefin/i13+", 0) == 0);

  r = RunCli({"checkpoint", "--store", store, "--json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("\"size\":1") != std::string::npos);
  CHECK(r.out.find("\"checkpoint\":\"example.org/tradefin/i13\\n1\\n") != std::string::npos);

  r = RunCli({"prove", "--store", store, "0", "--json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("\"entry\":0,\"size\":1,\"out\":null,\"proof\":\"c2sp.org/tlog-proof@v1\\n") != std::string::npos);
  r = RunCli({"prove", "--store", store, "0"});
  CHECK(r.err.find("proof of entry 0 at tree size 1") != std::string::npos);

  r = RunCli({"get", "--store", store, "0", "--raw"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("tradefin: wrote " + std::to_string(r.out.size()) +
                   " bytes (the exact entry bytes of entry 0)") != std::string::npos);
  // People read ISO 8601 times, not epoch milliseconds.
  r = RunCli({"get", "--store", store, "0"});
  CHECK(r.out.find("Z\n") != std::string::npos);
  CHECK(r.out.find(" ms\n") == std::string::npos);

  r = RunCli({"export", "mt700", Sample("shipment/letter-of-credit.xml"), "--json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("\"messages\":[{\"type\":\"MT700\",\"path\":null,\"message\":\"{1:") != std::string::npos);
  r = RunCli({"export", "mt700", Sample("shipment/rail-waybill.xml")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is a rail-waybill, expected a letter-of-credit") != std::string::npos);
}

TEST_CASE("issue 13: a new store directory is private (0700)") {
  TempDir dir;
  const auto store = dir.path() / "store";
  auto r = RunCli({"init", "--store", store.string(), "--origin", "example.org/tradefin/i13"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK((std::filesystem::status(store).permissions() & std::filesystem::perms::all) ==
        std::filesystem::perms::owner_all);
}

TEST_CASE("issue 13: errors name their kind in plain words, not code names") {
  TempDir dir;
  auto r = RunCli({"validate", (dir.path() / "missing.xml").string()});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.rfind("tradefin: not found: cannot read '", 0) == 0, r.err);
  CHECK(r.err.find("NotFound") == std::string::npos);
  // --json keeps the code name for programs.
  r = RunCli({"validate", "--json", (dir.path() / "missing.xml").string()});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.out.find("\"error\":\"NotFound: cannot read") != std::string::npos, r.out);

  r = RunCli({"log", "--store", (dir.path() / "nostore").string()});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.rfind("tradefin: not found: no store at ", 0) == 0, r.err);
}

TEST_CASE("issue 13: verify --pubkey A --pubkey B FILE takes FILE as the document") {
  TempDir dir;
  auto p = [&](const std::string& n) { return (dir.path() / n).string(); };
  REQUIRE(RunCli({"key", "gen", "--out", p("a")}).exit_code == 0);
  REQUIRE(RunCli({"key", "gen", "--out", p("b")}).exit_code == 0);
  REQUIRE(RunCli({"sign", Sample("shipment/letter-of-credit.xml"), "--key",
                  p("b.key"), "--out", p("signed.xml")})
              .exit_code == 0);
  // Before the fix CLI11 read signed.xml as a second value of the last
  // --pubkey and then failed for want of a FILE.
  auto r = RunCli({"verify", "--pubkey", p("a.pub"), "--pubkey", p("b.pub"),
                   p("signed.xml")});
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK(r.out.find("OK") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
