// tradefin show: text and JSON rendering of a valid document, refusal of an
// invalid one.
#include <string>

#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::RunCli;
using testing::SourceDir;

std::string Path(const std::string& rel) { return (SourceDir() / rel).string(); }

TEST_CASE("show --help") {
  auto r = RunCli({"show", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--json") != std::string::npos);
}

TEST_CASE("show prints the key fields of a waybill") {
  auto r = RunCli({"show", Path("samples/shipment/rail-waybill.xml")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("Document: rail-waybill\nNatural key: 25CX050417|796006|2025-05-20\n", 0) == 0);
  CHECK(r.out.find("Consignee: LDZ BANK SA (LODZ, PL) [BIC LDZBPLP0XXX]") != std::string::npos);
  CHECK(r.out.find("TFRU2500124 45G1 seals CX25052002") != std::string::npos);
  CHECK(r.out.find("Departure date: 2025-05-20 (stamped)") != std::string::npos);
  CHECK(r.out.find("Total: 100 packages, 21500 kg gross") != std::string::npos);
}

TEST_CASE("show prints amounts of an LC and never the account number") {
  auto r = RunCli({"show", Path("samples/shipment/letter-of-credit.xml")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Amount: EUR 1250000.00 (+5%/-5%)") != std::string::npos);
  CHECK(r.out.find("Expiry: 2025-06-30 CHENGDU CHINA") != std::string::npos);
  CHECK(r.out.find("1234567890123456789") == std::string::npos);
}

TEST_CASE("show --json prints the model") {
  auto r = RunCli({"show", "--json", Path("samples/shipment/commercial-invoice.xml")});
  REQUIRE(r.exit_code == 0);
  // One compact line, like every other verb's --json.
  CHECK(r.out.rfind("{\"type\":\"commercial-invoice\",\"natural_key\":\"TF2025-0517|91510113MA6CT4K21P\",\"model\":{", 0) == 0);
  CHECK(r.out.find("\"minor_units\":125000000") != std::string::npos);
  CHECK(r.out.find("\"issue_date\":\"2025-05-16\"") != std::string::npos);
  CHECK(r.out.find('\n') == r.out.size() - 1);
}

TEST_CASE("show refuses an invalid document with exit 1 and its issues") {
  auto r = RunCli({"show", Path("samples/invalid/invoice-bad-lei.xml")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("ID-LEI-CHECK") != std::string::npos);
}

TEST_CASE("show: missing file exits 2 naming it") {
  auto r = RunCli({"show", "/nonexistent/wb.xml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent/wb.xml") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
