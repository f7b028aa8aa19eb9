// tradefin verify-proof: proofs built in-test (an in-memory RFC 9162 tree,
// a generated Ed25519 hub key, C2SP checkpoint and tlog-proof), then checked
// through the CLI binary.
#include <string>
#include <vector>

#include "store/merkle.h"
#include "store/note.h"
#include "testing/testing.h"
#include "tradefin/signing/keys.h"

namespace tradefin {
namespace {

using testing::RunCli;
using testing::TempDir;
using testing::WriteFile;

const char kOrigin[] = "example.org/tradefin/hub-1";

struct Fixture {
  Fixture() {
    for (int i = 0; i < 21; ++i) {
      // Entry bytes are opaque to the proof: any bytes, including NUL.
      entries.push_back(std::string("TFEN\0\x01 entry ", 13) +
                        std::to_string(i));
      tree.Append(merkle::LeafHash(entries.back()));
    }
    auto v = note::FormatVerifierKey(kOrigin, key.public_key());
    REQUIRE_OK(v);
    vkey = *v;
    WriteFile(dir.path() / "hub.vkey", vkey + "\n");
  }

  std::string Proof(uint64_t index, uint64_t size, std::string origin = kOrigin,
                    const PrivateKey* signer = nullptr) {
    auto root = merkle::RootAt(size, tree);
    REQUIRE_OK(root);
    auto cp = note::SignCheckpoint({origin, size, *root, {}},
                                   signer ? *signer : key);
    REQUIRE_OK(cp);
    auto path = merkle::InclusionProof(index, size, tree);
    REQUIRE_OK(path);
    return note::FormatTlogProof({false, "", index, *path, *cp});
  }

  // Writes proof and entry files and runs the CLI.
  testing::CliResult Run(const std::string& proof, const std::string& entry,
                         std::vector<std::string> extra = {}) {
    WriteFile(dir.path() / "p.tlog-proof", proof);
    WriteFile(dir.path() / "entry.bin", entry);
    std::vector<std::string> args = {
        "verify-proof", (dir.path() / "p.tlog-proof").string(), "--entry",
        (dir.path() / "entry.bin").string(), "--hub-key",
        (dir.path() / "hub.vkey").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }

  TempDir dir;
  PrivateKey key = *PrivateKey::Generate(KeyType::kEd25519);
  std::string vkey;
  merkle::MemoryTree tree;
  std::vector<std::string> entries;
};

TEST_CASE("cli verify-proof: a valid proof exits 0") {
  Fixture f;
  auto r = f.Run(f.Proof(7, 21), f.entries[7]);
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out.find("valid: entry 7 is in log example.org/tradefin/hub-1 at "
                   "tree size 21") != std::string::npos);

  // The key given inline instead of as a file.
  WriteFile(f.dir.path() / "p2", f.Proof(0, 1));
  WriteFile(f.dir.path() / "e2", f.entries[0]);
  r = RunCli({"verify-proof", (f.dir.path() / "p2").string(), "--entry",
              (f.dir.path() / "e2").string(), "--hub-key", f.vkey});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
}

TEST_CASE("cli verify-proof: --json") {
  Fixture f;
  auto r = f.Run(f.Proof(20, 21), f.entries[20], {"--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"valid\":true") != std::string::npos);
  CHECK(r.out.find("\"index\":20") != std::string::npos);
  CHECK(r.out.find("\"size\":21") != std::string::npos);
  CHECK(r.out.find("\"root\":\"" + merkle::ToHex(f.tree.Root()) + "\"") !=
        std::string::npos);

  r = f.Run(f.Proof(20, 21), f.entries[19], {"--json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"valid\":false") != std::string::npos);
  CHECK(r.out.find("\"failure\":\"root-mismatch\"") != std::string::npos);
}

TEST_CASE("cli verify-proof: invalid proofs exit 1 with the reason") {
  Fixture f;
  SUBCASE("another entry") {
    auto r = f.Run(f.Proof(7, 21), f.entries[8]);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("INVALID (root-mismatch)") != std::string::npos);
  }
  SUBCASE("one byte of the entry changed") {
    std::string e = f.entries[7];
    e[2] ^= 1;
    auto r = f.Run(f.Proof(7, 21), e);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("root-mismatch") != std::string::npos);
  }
  SUBCASE("signed by another key") {
    PrivateKey other = *PrivateKey::Generate(KeyType::kEd25519);
    auto r = f.Run(f.Proof(7, 21, kOrigin, &other), f.entries[7]);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("INVALID (bad-signature)") != std::string::npos);
  }
  SUBCASE("checkpoint of another log") {
    auto r = f.Run(f.Proof(7, 21, "example.org/elsewhere"), f.entries[7]);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("INVALID (wrong-origin)") != std::string::npos);
  }
  SUBCASE("checkpoint body altered") {
    std::string p = f.Proof(7, 21);
    size_t pos = p.find("\n21\n");
    REQUIRE(pos != std::string::npos);
    p.replace(pos, 4, "\n22\n");
    auto r = f.Run(p, f.entries[7]);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("bad-signature") != std::string::npos);
  }
  SUBCASE("malformed proof file") {
    auto r = f.Run("c2sp.org/tlog-proof@v1\nindex seven\n\n", f.entries[7]);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("INVALID (malformed)") != std::string::npos);
    CHECK(r.out.find("line 2") != std::string::npos);
  }
}

TEST_CASE("cli verify-proof: I/O and usage errors exit 2") {
  Fixture f;
  WriteFile(f.dir.path() / "e", f.entries[0]);
  auto r = RunCli({"verify-proof", (f.dir.path() / "missing").string(),
                   "--entry", (f.dir.path() / "e").string(), "--hub-key",
                   f.vkey});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("missing") != std::string::npos);

  WriteFile(f.dir.path() / "p", f.Proof(0, 21));
  r = RunCli({"verify-proof", (f.dir.path() / "p").string(), "--entry",
              (f.dir.path() / "e").string(), "--hub-key", "not-a-key"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not-a-key") != std::string::npos);

  r = RunCli({"verify-proof", (f.dir.path() / "p").string(), "--entry",
              (f.dir.path() / "e").string(), "--hub-key", "a+b+c"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("verifier key") != std::string::npos);

  r = RunCli({"verify-proof", (f.dir.path() / "p").string()});
  CHECK(r.exit_code == 2);

  r = RunCli({"verify-proof", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--hub-key") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
