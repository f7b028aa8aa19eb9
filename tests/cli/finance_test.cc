// CLI tests for `tradefin finance`: a full cycle, double financing refused
// naming the pledge, wrong party / role refused with nothing written, an
// out-of-state step naming the allowed steps, status and list as JSON.
#include <nlohmann/json.hpp>

#include <map>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

using nlohmann::json;
using testing::ReadFile;
using testing::RunCli;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";
constexpr char kBank[] = "LDZBPLP0XXX";
constexpr char kBank2[] = "SCFBCNC0XXX";
constexpr char kGuarantor[] = "GUARDEFFXXX";

struct Desk {
  Runtime runtime;
  TempDir tmp;
  std::string store;
  std::map<std::string, PrivateKey> keys;
  uint64_t waybill = 0, invoice = 0;

  Desk() : store((tmp.path() / "store").string()) {
    auto r = RunCli({"init", "--store", store, "--origin", "example.org/tradefin/finance-cli"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    Add(kCarrier, "carrier");
    Add(kShipper, "shipper");
    Add(kBank, "financing-bank");
    Add(kBank2, "financing-bank");
    Add(kGuarantor, "guarantor");
    waybill = Submit("rail-waybill.xml", kCarrier);
    invoice = Submit("commercial-invoice.xml", kShipper);
  }
  std::string Path(const std::string& name) const { return (tmp.path() / name).string(); }
  std::string Key(const std::string& id) const { return Path(id + ".key"); }
  void Add(const std::string& id, const std::string& role) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(Path(id + ".pub"), k->public_key().ToPem());
    REQUIRE_STATUS_OK(k->WriteFile(Key(id)));
    keys.emplace(id, *k);
    auto r = RunCli({"party", "add", "--store", store, "--id", id, "--name", "Party " + id,
                     "--role", role, "--pubkey", Path(id + ".pub")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  uint64_t Submit(const std::string& sample, const std::string& id) {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / sample);
    auto signer = NewSoftwareSigner(keys.at(id));
    REQUIRE_OK(signer);
    auto s = SignDocument(xml, **signer, SignOptions());
    REQUIRE_OK(s);
    WriteFile(Path(sample), *s);
    auto r = RunCli({"submit", "--store", store, "--json", Path(sample)});
    REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
    return json::parse(r.out)["documents"][0]["entry"].get<uint64_t>();
  }
  testing::CliResult Finance(std::vector<std::string> args) {
    args.insert(args.begin(), "finance");
    args.push_back("--store");
    args.push_back(store);
    return RunCli(args);
  }
  std::string Checkpoint() {
    auto r = RunCli({"checkpoint", "--store", store});
    REQUIRE(r.exit_code == 0);
    return r.out;
  }
};

TEST_CASE("finance CLI: full cycle with partial repayments, status and list") {
  Desk d;
  std::string wb = std::to_string(d.waybill);
  auto r = d.Finance({"request", wb, "--key", d.Key(kShipper), "--amount", "1000000.00",
                      "--currency", "EUR", "--bank", kBank, "--tenor-days", "90", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  json j = json::parse(r.out);
  CHECK(j["accepted"] == true);
  CHECK(j["status"]["state"] == "requested");
  r = d.Finance({"approve", wb, "--key", d.Key(kBank), "--amount", "800000.00",
                 "--advance-rate-bp", "8000"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK(r.out.find("approve accepted") != std::string::npos);
  CHECK(r.out.find("encumbrance entry") != std::string::npos);
  CHECK(r.out.find("controlled by " + std::string(kBank)) != std::string::npos);
  r = d.Finance({"guarantee", wb, "--key", d.Key(kGuarantor), "--covered-share-bp", "5000"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = d.Finance({"disburse", wb, "--key", d.Key(kBank), "--amount", "800000.00"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = d.Finance({"repay", wb, "--key", d.Key(kBank), "--amount", "300000.01"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = d.Finance({"repay", wb, "--key", d.Key(kBank), "--amount", "499999.99", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK(json::parse(r.out)["status"]["state"] == "repaid");

  r = d.Finance({"list", "--state", "repaid", "--json"});
  REQUIRE(r.exit_code == 0);
  j = json::parse(r.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["entry"] == d.waybill);

  r = d.Finance({"release", wb, "--key", d.Key(kBank)});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = d.Finance({"status", wb, "--json"});
  REQUIRE(r.exit_code == 0);
  j = json::parse(r.out);
  CHECK(j["state"] == "released");
  CHECK(j["controller"] == kShipper);
  CHECK(j["repaid"]["minor_units"] == 80000000);
  CHECK(j["outstanding"]["minor_units"] == 0);
  REQUIRE(j["events"].size() == 7);
  CHECK(j["events"][1]["kind"] == "approve");
  CHECK(j["events"][1]["signer"] == kBank);
  CHECK(j["events"][1]["time"].get<std::string>().size() == 20);  // ISO 8601 UTC
  // The stored event comes back as the signed XML the bank submitted, and
  // the encumbrance the hub made right after it says what it encumbers.
  {
    const std::string approve = std::to_string(j["events"][1]["entry"].get<uint64_t>());
    auto ev = RunCli({"get", "--store", d.store, approve, "--document"});
    CHECK_MESSAGE(ev.exit_code == 0, ev.err);
    CHECK(ev.out.find("Approve") != std::string::npos);
    CHECK(ev.out.find("Signature") != std::string::npos);
    CHECK(ev.err.find("the stored financing event of entry " + approve) != std::string::npos);
    ev = RunCli({"get", "--store", d.store, approve});
    CHECK(ev.out.find("actor: " + std::string(kBank)) != std::string::npos);
    CHECK(ev.out.find("party:") == std::string::npos);
    const std::string enc = std::to_string(j["events"][1]["entry"].get<uint64_t>() + 1);
    ev = RunCli({"get", "--store", d.store, enc});
    CHECK_MESSAGE(ev.out.find("encumbrance: encumber of entry " + wb + " to " + kBank) !=
                      std::string::npos,
                  ev.out);
    CHECK(ev.out.find("EUR 800000.00") != std::string::npos);
  }
  r = d.Finance({"status", wb});
  CHECK(r.out.find("released") != std::string::npos);
  r = d.Finance({"list", "--party", kBank2});
  CHECK(r.out.find("(no financed documents)") != std::string::npos);
  r = RunCli({"audit", "--store", d.store});
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
}

TEST_CASE("finance CLI: double financing, wrong party, wrong role, out of state") {
  Desk d;
  std::string wb = std::to_string(d.waybill);
  auto r = d.Finance({"request", wb, "--key", d.Key(kShipper), "--amount", "1000000.00",
                      "--currency", "EUR", "--bank", kBank, "--tenor-days", "90"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));

  // Out of state: names the state and the allowed steps.
  std::string cp = d.Checkpoint();
  r = d.Finance({"disburse", wb, "--key", d.Key(kBank), "--amount", "1.00"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("OUT-OF-STATE") != std::string::npos);
  CHECK(r.out.find("is requested") != std::string::npos);
  CHECK(r.out.find("approve, reject, withdraw") != std::string::npos);
  CHECK(d.Checkpoint() == cp);

  // Wrong party: a bank that was not asked.
  r = d.Finance({"approve", wb, "--key", d.Key(kBank2), "--amount", "800000.00",
                 "--advance-rate-bp", "8000", "--json"});
  CHECK(r.exit_code == 1);
  CHECK(json::parse(r.out)["code"] == "WRONG-PARTY");
  CHECK(d.Checkpoint() == cp);

  r = d.Finance({"approve", wb, "--key", d.Key(kBank), "--amount", "800000.00",
                 "--advance-rate-bp", "8000", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  uint64_t pledge = json::parse(r.out)["event_entry"].get<uint64_t>();
  cp = d.Checkpoint();

  // Wrong role: the carrier cannot guarantee.
  r = d.Finance({"guarantee", wb, "--key", d.Key(kCarrier), "--covered-share-bp", "5000"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("ROLE-NOT-ALLOWED") != std::string::npos);
  CHECK(r.out.find("nothing was written") != std::string::npos);
  CHECK(d.Checkpoint() == cp);

  // Double financing: the invoice of the same goods, at a second bank.
  r = d.Finance({"request", std::to_string(d.invoice), "--key", d.Key(kShipper), "--amount",
                 "500000.00", "--currency", "EUR", "--bank", kBank2, "--tenor-days", "60",
                 "--json"});
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["code"] == "DOUBLE-FINANCING");
  CHECK(j["existing_pledge"]["pledge_entry"] == pledge);
  CHECK(j["existing_pledge"]["bank"] == kBank);
  CHECK(j["existing_pledge"]["amount"]["amount"] == "800000.00");
  CHECK(j["existing_pledge"]["date"].get<std::string>().size() == 20);
  CHECK(d.Checkpoint() == cp);

  // Usage errors exit 2.
  r = d.Finance({"request", wb, "--key", d.Key(kShipper), "--amount", "1.00", "--bank", kBank,
                 "--tenor-days", "90"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--currency") != std::string::npos);
  r = d.Finance({"status", "999"});
  CHECK(r.exit_code == 2);
  r = d.Finance({"list", "--state", "nonsense"});
  CHECK(r.exit_code == 2);
}


TEST_CASE("examine --credit judges 47A from the store: complying until the waybill is pledged") {
  Desk d;
  // The issuing bank of the credit is also the financing bank.
  auto r = RunCli({"party", "roles", "--store", d.store, "--id", kBank, "--role",
                   "issuing-bank", "--role", "financing-bank"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  d.Submit("letter-of-credit.xml", kBank);
  auto examine = [&] {
    return RunCli({"examine", "--store", d.store, "--credit", "DEL25LC0001234", "--presented",
                   "2025-05-28", "--other-document", "packing list", "--other-document",
                   "certificate of origin", "--json"});
  };
  // (The desk stores no customs declaration, so the presentation has other
  // discrepancies; only 47A matters here.)
  r = examine();
  REQUIRE_MESSAGE(r.exit_code != 2, (r.out + r.err));
  CHECK(r.out.find("LC47A-NOT-PLEDGED") == std::string::npos);

  std::string wb = std::to_string(d.waybill);
  REQUIRE(d.Finance({"request", wb, "--key", d.Key(kShipper), "--amount", "1000000.00",
                     "--currency", "EUR", "--bank", kBank, "--tenor-days", "90"})
              .exit_code == 0);
  r = d.Finance({"approve", wb, "--key", d.Key(kBank), "--amount", "800000.00",
                 "--advance-rate-bp", "8000", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  uint64_t pledge = json::parse(r.out)["event_entry"].get<uint64_t>();

  r = examine();
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  bool found = false;
  for (const auto& f : j["findings"]) {
    if (f["rule_id"] != "LC47A-NOT-PLEDGED") continue;
    found = true;
    CHECK(f["severity"] == "discrepancy");
    CHECK(f.dump().find("store entry " + std::to_string(pledge)) != std::string::npos);
    CHECK(f.dump().find(kBank) != std::string::npos);
  }
  CHECK_MESSAGE(found, r.out);
}

}  // namespace
}  // namespace tradefin
