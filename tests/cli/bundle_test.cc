// CLI tests for bundle export|verify, and the independent Python verifier
// (scripts/verify-bundle.py) on the same bundles.
#include <filesystem>
#include <map>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunCli;
using testing::RunProgram;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

struct Story {
  TempDir tmp;
  std::string store = (tmp.path() / "store").string();
  std::map<std::string, PrivateKey> keys;
  std::string Path(const std::string& n) const { return (tmp.path() / n).string(); }
  std::string Ok(const std::vector<std::string>& args) {
    auto r = RunCli(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
    return r.out;
  }
  void AddParty(const std::string& id, const std::string& role) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(Path(role + ".pub"), k->public_key().ToPem());
    keys.emplace(role, *k);
    Ok({"party", "add", "--store", store, "--id", id, "--name", "Party " + id, "--role", role,
        "--pubkey", Path(role + ".pub")});
  }
  std::string Signed(const std::string& sample, const std::string& role) {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / sample);
    auto signer = NewSoftwareSigner(keys.at(role));
    REQUIRE_OK(signer);
    auto s = SignDocument(xml, **signer, SignOptions());
    REQUIRE_OK(s);
    WriteFile(Path(sample), *s);
    return Path(sample);
  }
  Story() {
    Ok({"init", "--store", store, "--origin", "example.org/tradefin/cli-bundle"});
    AddParty("LDZBPLP0XXX", "issuing-bank");
    AddParty("91510000MA61CRW0XE", "carrier");
    AddParty("91510113MA6CT4K21P", "shipper");
    AddParty("91510100MA62XJ8N0J", "customs-broker");
    Ok({"submit", "--store", store, Signed("letter-of-credit.xml", "issuing-bank"),
        Signed("rail-waybill.xml", "carrier"), Signed("customs-declaration.xml", "customs-broker"),
        Signed("commercial-invoice.xml", "shipper")});
    WriteFile(Path("hub.vkey"), Ok({"hub-key", "--store", store}));
    WriteFile(Path("cp"), Ok({"checkpoint", "--store", store}));
    std::string policy = "log " + ReadFile(Path("hub.vkey"));
    std::string cosigned = ReadFile(Path("cp"));
    std::vector<std::string> add{"cosign-add", "--store", store, Path("cosigned")};
    for (std::string w : {"port", "bank"}) {
      std::string dir = Path("w-" + w);
      std::string vk = Ok({"witness", "init", "--dir", dir, "--name", w + ".example/w"});
      policy += "witness " + w + " " + vk;
      std::string out = Ok({"witness", "cosign", "--dir", dir, "--checkpoint", Path("cp"),
                            "--hub-key", Path("hub.vkey")});
      cosigned += out.substr(ReadFile(Path("cp")).size());
      add.push_back("--witness-key");
      add.push_back(dir + "/witness.vkey");
    }
    policy += "group both all port bank\nquorum both\n";
    WriteFile(Path("policy"), policy);
    WriteFile(Path("cosigned"), cosigned);
    Ok(add);
  }
};

TEST_CASE("bundle export shows progress on a terminal and nothing when piped") {
  Runtime runtime;
  Story s;
  auto piped = RunCli({"bundle", "export", "--store", s.store, "5", "--out", s.Path("p.json")});
  REQUIRE_MESSAGE(piped.exit_code == 0, piped.err);
  CHECK_MESSAGE(piped.err.empty(), piped.err);
  // "wrote FILE: N entries (...)": the terminal shows "N / N entries" last.
  const size_t colon = piped.out.find(": ");
  REQUIRE(colon != std::string::npos);
  const std::string n = piped.out.substr(colon + 2, piped.out.find(' ', colon + 2) - colon - 2);
  auto tty = testing::RunCliOnTerminal(
      {"bundle", "export", "--store", s.store, "5", "--out", s.Path("t.json")});
  CHECK(tty.exit_code == 0);
  CHECK_MESSAGE(tty.err.find("bundle export: " + n + " / " + n + " entries") != std::string::npos,
                tty.err);
  CHECK(ReadFile(s.Path("t.json")) == ReadFile(s.Path("p.json")));
}

TEST_CASE("bundle CLI: export, verify with a witness policy, a changed byte refused") {
  Runtime runtime;
  Story s;
  // Entry 5 is the rail waybill (4 parties, then LC at 4, waybill at 5).
  auto ex = RunCli({"bundle", "export", "--store", s.store, "5", "--out", s.Path("b.json"),
                    "--json"});
  REQUIRE_MESSAGE(ex.exit_code == 0, ex.err);
  CHECK(ex.out.find("\"documents\":4") != std::string::npos);
  CHECK(ex.out.find("\"cosignatures\":2") != std::string::npos);

  auto v = RunCli({"bundle", "verify", s.Path("b.json"), "--hub-key", s.Path("hub.vkey"),
                   "--policy", s.Path("policy")});
  CHECK_MESSAGE(v.exit_code == 0, v.out << v.err);
  CHECK(v.out.find("VALID bundle for entry 5 (rail-waybill)") == 0);
  CHECK(v.out.find("witnesses: quorum met by bank port") != std::string::npos);
  CHECK(v.out.find("issued by 91510000MA61CRW0XE (Party 91510000MA61CRW0XE, carrier)") != std::string::npos);
  CHECK(v.out.find("Control of the waybill:") != std::string::npos);
  CHECK(v.out.find("Goods:") != std::string::npos);
  auto vj = RunCli({"bundle", "verify", s.Path("b.json"), "--hub-key", s.Path("hub.vkey"),
                    "--json"});
  CHECK(vj.exit_code == 0);
  CHECK(vj.out.find("\"valid\":true") != std::string::npos);

  // One changed byte inside a carried document.
  std::string bundle = ReadFile(s.Path("b.json"));
  size_t at = bundle.find("\"blob\":\"") + 200;
  bundle[at] = bundle[at] == 'A' ? 'B' : 'A';
  WriteFile(s.Path("bad.json"), bundle);
  auto bad = RunCli({"bundle", "verify", s.Path("bad.json"), "--hub-key", s.Path("hub.vkey"),
                     "--policy", s.Path("policy")});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("INVALID (document-hash)") == 0);

  // Usage errors: exit 2.
  CHECK(RunCli({"bundle", "verify", s.Path("nope.json"), "--hub-key", s.Path("hub.vkey")})
            .exit_code == 2);
  CHECK(RunCli({"bundle", "export", "--store", s.store, "0", "--out", s.Path("x.json")})
            .exit_code == 2);

  // The independent verifier agrees on both.
  std::string py = (SourceDir() / "scripts" / "verify-bundle.py").string();
  auto p_ok = RunProgram({"python3", py, s.Path("b.json"), "--hub-key", s.Path("hub.vkey"),
                          "--policy", s.Path("policy")});
  CHECK_MESSAGE(p_ok.exit_code == 0, p_ok.out << p_ok.err);
  CHECK(p_ok.out.find("VALID:") == 0);
  CHECK(p_ok.out.find("not checked here: the XML signatures") != std::string::npos);
  auto p_bad = RunProgram({"python3", py, s.Path("bad.json"), "--hub-key", s.Path("hub.vkey"),
                           "--policy", s.Path("policy")});
  CHECK(p_bad.exit_code == 1);
  CHECK(p_bad.out.find("INVALID (document-hash)") == 0);
  // A changed cosignature: both refuse under the policy.
  std::string cos = ReadFile(s.Path("b.json"));
  size_t line = cos.find("\xE2\x80\x94 port.example/w ");
  REQUIRE(line != std::string::npos);
  size_t c = line + 30;
  cos[c] = cos[c] == 'A' ? 'B' : 'A';
  WriteFile(s.Path("badcos.json"), cos);
  CHECK(RunCli({"bundle", "verify", s.Path("badcos.json"), "--hub-key", s.Path("hub.vkey"),
                "--policy", s.Path("policy")})
            .exit_code == 1);
  auto p_cos = RunProgram({"python3", py, s.Path("badcos.json"), "--hub-key",
                           s.Path("hub.vkey"), "--policy", s.Path("policy")});
  CHECK(p_cos.exit_code == 1);
  CHECK(p_cos.out.find("INVALID (witness-quorum)") == 0);
}

}  // namespace
}  // namespace tradefin
