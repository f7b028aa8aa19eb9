// Guarantor bundle verification: a typical shipment (LC, rail waybill,
// customs declaration, invoice; four registered signers; two witness
// cosignatures) exported as a bundle, then checked
//   * in process (VerifyBundle), and
//   * as a whole process: `tradefin bundle verify --policy` (goal <= 50 ms),
// against same-run anchors: `tradefin --version` (process start) and the
// independent Python verifier (scripts/verify-bundle.py, no XML-DSig).
// Usage: bundle_bench [runs]   (default 21 process runs; median reported)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "tradefin/core/clock.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/store.h"
#include "tradefin/store/witness.h"
#include "tradefin/workflow/bundle.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace tradefin;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
void Write(const fs::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

int Spawn(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double MedianMs(const std::vector<std::string>& args, int runs) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto s = std::chrono::steady_clock::now();
    int rc = Spawn(args);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count();
    if (rc != 0) {
      std::printf("  (%s exited %d)\n", args[0].c_str(), rc);
      return -1;
    }
    t.push_back(ms);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

#define CHECK_OR_DIE(x)                                         \
  do {                                                          \
    if (!(x).ok()) {                                            \
      std::fprintf(stderr, "%s: %s\n", #x, (x).status().ToString().c_str()); \
      return 2;                                                 \
    }                                                           \
  } while (0)

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 21;
  Runtime runtime;
  fs::path dir = fs::temp_directory_path() / ("bundle_bench." + std::to_string(getpid()));
  fs::create_directories(dir);
  CreateStoreOptions c;
  c.dir = (dir / "store").string();
  c.origin = "example.org/tradefin/bench";
  auto store = Store::Create(c);
  CHECK_OR_DIE(store);
  std::map<std::string, PrivateKey> keys;
  struct P { const char* id; PartyRole role; const char* file; };
  const P parties[] = {{"LDZBPLP0XXX", PartyRole::kIssuingBank, "letter-of-credit.xml"},
                       {"91510000MA61CRW0XE", PartyRole::kCarrier, "rail-waybill.xml"},
                       {"91510100MA62XJ8N0J", PartyRole::kCustomsBroker, "customs-declaration.xml"},
                       {"91510113MA6CT4K21P", PartyRole::kShipper, "commercial-invoice.xml"}};
  std::vector<SubmitItem> items;
  for (const P& p : parties) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    CHECK_OR_DIE(k);
    auto r = (*store)->AddParty(p.id, std::string("Party ") + p.id, {p.role}, k->public_key().spki_der());
    CHECK_OR_DIE(r);
    auto signer = NewSoftwareSigner(*k);
    CHECK_OR_DIE(signer);
    std::string xml = Read(fs::path(TRADEFIN_SOURCE_DIR) / "samples" / "shipment" / p.file);
    auto s = SignDocument(xml, **signer, SignOptions());
    CHECK_OR_DIE(s);
    items.push_back({p.file, *s});
  }
  auto sub = (*store)->Submit(items, {});
  CHECK_OR_DIE(sub);
  uint64_t waybill = sub->outcomes[1].entry.index;
  std::string cp = *(*store)->LatestCheckpoint();
  std::string cosigned = cp, policy = "log " + (*store)->HubVerifierKey() + "\n";
  std::vector<std::string> vkeys;
  for (std::string name : {"port", "bank"}) {
    std::string wdir = (dir / name).string();
    (void)Witness::Init({wdir, name + ".example/w"});
    auto w = Witness::Open({wdir, nullptr});
    CHECK_OR_DIE(w);
    auto r = (*w)->Cosign({cp, (*store)->HubVerifierKey(), ""});
    CHECK_OR_DIE(r);
    cosigned += r->cosignature;
    vkeys.push_back((*w)->verifier_key());
    policy += "witness " + name + " " + (*w)->verifier_key() + "\n";
  }
  policy += "group both all port bank\nquorum both\n";
  auto added = (*store)->AddCosignatures(cosigned, vkeys);
  CHECK_OR_DIE(added);
  auto b = ExportBundle(**store, waybill, {});
  CHECK_OR_DIE(b);
  Write(dir / "bundle.json", b->bytes);
  Write(dir / "hub.vkey", (*store)->HubVerifierKey() + "\n");
  Write(dir / "policy", policy);

  std::printf("bundle_bench: %s\n", tradefin::bench::MachineDescription().c_str());
  std::printf("bundle: %zu bytes, %zu entries (%zu documents, %zu party entries), "
              "%zu cosignatures\n\n",
              b->bytes.size(), b->entries, b->documents, b->party_entries, b->cosignatures);

  BundleVerifyOptions opt;
  opt.hub_key = (*store)->HubVerifierKey();
  opt.policy = policy;
  double per_sec = tradefin::bench::MeasureOpsPerSec([&] {
    auto v = VerifyBundle(b->bytes, opt);
    if (!v.ok() || !v->valid) std::abort();
  });
  std::printf("in process: VerifyBundle                              %8.2f ms/op (%.0f/s)\n",
              1000.0 / per_sec, per_sec);

  fs::path cli = fs::read_symlink("/proc/self/exe").parent_path() / "tradefin";
  std::printf("\nwhole process, median of %d runs:\n", runs);
  if (fs::exists(cli)) {
    double v = MedianMs({cli.string(), "bundle", "verify", (dir / "bundle.json").string(),
                         "--hub-key", (dir / "hub.vkey").string(), "--policy",
                         (dir / "policy").string()}, runs);
    double start = MedianMs({cli.string(), "--version"}, runs);
    std::printf("  %-50s %8.2f ms (goal <= 50)\n", "tradefin bundle verify --policy", v);
    std::printf("  %-50s %8.2f ms\n", "anchor: tradefin --version (process start)", start);
  } else {
    std::printf("  %s not built: whole-process rows skipped\n", cli.string().c_str());
  }
  std::string py = std::string(TRADEFIN_SOURCE_DIR) + "/scripts/verify-bundle.py";
  double p = MedianMs({"python3", py, (dir / "bundle.json").string(), "--hub-key",
                       (dir / "hub.vkey").string(), "--policy", (dir / "policy").string()},
                      std::max(3, runs / 4));
  if (p > 0)
    std::printf("  %-50s %8.2f ms\n", "anchor: scripts/verify-bundle.py (no XML-DSig)", p);
  fs::remove_all(dir);
  return 0;
}
