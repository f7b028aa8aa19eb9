// Export and round trips: ImportMt700(ExportMt700(lc)) == lc for the sample,
// a credit using every field and bank option, one that needs MT701s and
// seeded random credits. Equality = equal LetterOfCreditToXml output, which
// is also checked against the schema through the Validator.
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/swift.h"
#include "tradefin/document/validate.h"

namespace tradefin {
namespace {

std::string Sample() {
  return testing::ReadFile(testing::SourceDir() /
                           "tests/data/swift/mt700_sample.fin");
}

LetterOfCredit ImportOne(const std::vector<std::string>& msgs) {
  std::vector<std::string_view> views(msgs.begin(), msgs.end());
  auto r = ImportMt700(views, {});
  REQUIRE_OK(r);
  for (const SwiftIssue& i : r->issues) MESSAGE(FormatSwiftIssue(i, "msg"));
  REQUIRE(r->ok());
  return *r->lc;
}

std::vector<std::string> Export(const LetterOfCredit& lc) {
  auto r = ExportMt700(lc, {});
  REQUIRE_OK(r);
  return *r;
}

void CheckRoundTrip(const LetterOfCredit& lc) {
  std::vector<std::string> msgs = Export(lc);
  LetterOfCredit back = ImportOne(msgs);
  CHECK(LetterOfCreditToXml(back) == LetterOfCreditToXml(lc));
}

// The XML is schema-valid and reads back (Validator::Parse) to the same
// credit.
void CheckXml(const LetterOfCredit& lc) {
  static Runtime* runtime = new Runtime();
  (void)runtime;
  static auto validator = Validator::Create({});
  REQUIRE_OK(validator);
  std::string xml = LetterOfCreditToXml(lc);
  auto report = (*validator)->Validate(xml, "lc.xml");
  REQUIRE_OK(report);
  for (const ValidationIssue& i : report->issues)
    MESSAGE(i.code << " " << i.path << " " << i.message);
  CHECK(report->valid());
  auto doc = (*validator)->Parse(xml, "lc.xml");
  REQUIRE_OK(doc);
  REQUIRE(std::holds_alternative<LetterOfCredit>(doc->model));
  CHECK(LetterOfCreditToXml(std::get<LetterOfCredit>(doc->model)) == xml);
}

TEST_CASE("export of the imported sample reproduces the message text") {
  LetterOfCredit lc = ImportOne({Sample()});
  SwiftExportOptions o;
  o.user_reference = "DEL25LC0001234";
  auto out = ExportMt700(lc, o);
  REQUIRE_OK(out);
  REQUIRE(out->size() == 1);
  std::string original = Sample();
  original = original.substr(0, original.find("-}") + 2);
  CHECK((*out)[0] == original);
  CheckRoundTrip(lc);
  CheckXml(lc);
}

LetterOfCredit Full() {
  LetterOfCredit lc;
  lc.issuing_bank.bic = "LDZBPLP0XXX";
  lc.advising_bank.bic = "SCFBCNC0CDU";
  lc.form = FormOfCredit::kIrrevocableTransferable;
  lc.credit_number = "LC/2025-7";
  lc.pre_advice_reference = "PRE-1";
  lc.issue_date = {2025, 1, 2};
  lc.applicable_rules = "OTHR";
  lc.applicable_rules_narrative = "ISP98 AND LOCAL LAW";
  lc.expiry_date = {2026, 2, 28};
  lc.expiry_place = "WARSAW";
  lc.applicant_bank = Bank{"", "/D/PL61109010140000071219812874", {"BANK A", "WARSAW"}, ""};
  lc.applicant = {"ACME SP. Z O.O.", {{"UL. X 1", "POLAND"}, "", "", "PL"}, {}};
  lc.beneficiary = {"SHANGHAI CO", {{"1 ROAD"}, "", "", ""}, {}};
  lc.amount = {"KWD", 1234567};
  lc.tolerance_plus_percent = 10;
  lc.tolerance_minus_percent = 0;
  lc.additional_amounts = {"FREIGHT UP TO KWD 100,000"};
  lc.available_with.bic = "SCFBCNC0";
  lc.available_by = AvailableBy::kMixedPayment;
  lc.mixed_payment_details = {"50 PCT AT SIGHT", "50 PCT AT 60 DAYS"};
  lc.partial_shipments = ShipmentPermission::kNotAllowed;
  lc.transhipment = ShipmentPermission::kConditional;
  lc.place_of_dispatch = "A";
  lc.port_of_loading = "GDANSK; GDYNIA & <OTHER> \"PORTS\"";
  lc.port_of_discharge = "SHANGHAI";
  lc.final_destination = "XI'AN";
  lc.shipment_period = {"FROM 1 MAY TO 30 JUNE 2025"};
  lc.goods_description = {"GOODS = 100% @ #1_A {"};
  lc.special_payment_beneficiary = {"PAY ON 1ST"};
  lc.special_payment_bank = {"BANK NOTE"};
  lc.charges = {"/COMM/ ALL"};
  lc.presentation_days = 5;
  lc.presentation_narrative = "FROM INVOICE DATE";
  lc.confirmation = ConfirmationInstruction::kMayAdd;
  lc.requested_confirmation_party = Bank{"SCFBCNC0", "", {}, ""};
  lc.reimbursing_bank = Bank{"", "", {"REIMB BANK", "FRANKFURT"}, ""};
  lc.instructions_to_bank = {"REIMBURSE YOURSELF"};
  lc.advise_through_bank = Bank{"", "/123", {}, "CHENGDU"};
  lc.sender_to_receiver = {"/TELEBEN/"};
  return lc;
}

TEST_CASE("a credit using every field and every bank option round-trips") {
  LetterOfCredit lc = Full();
  CheckRoundTrip(lc);
  CheckXml(lc);
  std::vector<std::string> msgs = Export(lc);
  CHECK(msgs[0].find(":51D:/D/PL61109010140000071219812874\r\nBANK A") !=
        std::string::npos);
  CHECK(msgs[0].find(":57B:/123\r\nCHENGDU") != std::string::npos);
  CHECK(msgs[0].find(":32B:KWD1234,567\r\n") != std::string::npos);
  CHECK(msgs[0].find(":39A:10/00\r\n") != std::string::npos);
  CHECK(msgs[0].find(":41A:SCFBCNC0\r\nBY MIXED PYMT") != std::string::npos);
}

TEST_CASE("long narratives go to MT701 continuations and come back") {
  LetterOfCredit lc = Full();
  lc.goods_description.clear();
  for (int i = 0; i < 250; ++i)
    lc.goods_description.push_back("+ITEM " + std::to_string(i) + " " +
                                   std::string(50, 'X'));
  for (int i = 0; i < 120; ++i)
    lc.documents_required.push_back("+DOC " + std::to_string(i));
  std::vector<std::string> msgs = Export(lc);
  CHECK(msgs.size() >= 3);
  for (std::size_t i = 1; i < msgs.size(); ++i) {
    CHECK(msgs[i].find("{2:I701") != std::string::npos);
    CHECK(msgs[i].find(":27:" + std::to_string(i + 1) + "/" +
                       std::to_string(msgs.size())) != std::string::npos);
  }
  for (const std::string& m : msgs) {
    std::size_t b4 = m.find("{4:") + 3;
    CHECK(m.size() - b4 - 1 <= 10000);
  }
  CheckRoundTrip(lc);
}

TEST_CASE("export refuses what FIN cannot carry") {
  LetterOfCredit lc = Full();
  lc.applicant.name = "\xC5\x81" "ODZ TRADING";
  auto r = ExportMt700(lc, {});
  CHECK_FALSE(r.ok());
  CHECK(r.status().message().find("field 50") != std::string::npos);
  lc = Full();
  lc.instructions_to_bank = {std::string(66, 'A')};
  CHECK_FALSE(ExportMt700(lc, {}).ok());
  lc = Full();
  lc.tolerance_minus_percent.reset();
  CHECK_FALSE(ExportMt700(lc, {}).ok());
  lc = Full();
  lc.goods_description.assign(900, "+X");
  CHECK_FALSE(ExportMt700(lc, {}).ok());  // more than 8 messages
}

std::string RandomLine(std::mt19937& rng, std::size_t max, bool z) {
  static const std::string x =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789/-?:().,'+ ";
  static const std::string zx = x + "=!\"%&*<>;{@#_";
  const std::string& set = z ? zx : x;
  std::size_t len = 1 + rng() % max;
  std::string s;
  for (std::size_t i = 0; i < len; ++i) s += set[rng() % set.size()];
  // A leading ':' or '-' would start a field or end the block; SWIFT text
  // never starts a line with them.
  if (s[0] == ':' || s[0] == '-' || s[0] == '/') s[0] = 'Q';
  if (s.back() == ' ') s.back() = 'E';
  return s;
}

TextLines RandomLines(std::mt19937& rng, std::size_t lines, std::size_t width,
                      bool z) {
  TextLines out;
  std::size_t n = 1 + rng() % lines;
  for (std::size_t i = 0; i < n; ++i) out.push_back(RandomLine(rng, width, z));
  return out;
}

TEST_CASE("seeded random credits round-trip through FIN and XML") {
  std::mt19937 rng(20250312);
  for (int iter = 0; iter < 200; ++iter) {
    CAPTURE(iter);
    LetterOfCredit lc = Full();
    auto coin = [&] { return rng() % 2 == 0; };
    lc.credit_number = "R" + std::to_string(rng() % 1000000);
    lc.applicable_rules = coin() ? "UCP LATEST VERSION" : "EUCP LATEST VERSION";
    lc.applicable_rules_narrative.clear();
    if (coin()) lc.applicant_bank.reset();
    lc.applicant = {RandomLine(rng, 35, false), {RandomLines(rng, 3, 35, false), "", "", ""}, {}};
    lc.beneficiary = {RandomLine(rng, 35, false), {}, {}};
    if (coin()) lc.beneficiary.ids.account = "ACC" + std::to_string(rng());
    lc.amount = {coin() ? "JPY" : "EUR", static_cast<int64_t>(rng() % 100000000000ULL)};
    if (coin()) {
      lc.tolerance_plus_percent.reset();
      lc.tolerance_minus_percent.reset();
    }
    lc.goods_description = RandomLines(rng, 100, 65, true);
    lc.documents_required = RandomLines(rng, 100, 65, true);
    if (coin()) lc.additional_conditions = RandomLines(rng, 100, 65, true);
    lc.charges = RandomLines(rng, 6, 35, true);
    lc.instructions_to_bank = RandomLines(rng, 12, 65, false);
    if (coin()) {
      lc.mixed_payment_details.clear();
      lc.drafts_at = RandomLines(rng, 3, 35, false);
      lc.drawee = Bank{"", "", RandomLines(rng, 4, 35, false), ""};
      lc.available_by = AvailableBy::kAcceptance;
    }
    if (coin()) {
      lc.shipment_period.clear();
      lc.latest_shipment_date = Date{2025, 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28)};
    }
    lc.port_of_loading = RandomLine(rng, 140, true);
    lc.confirmation = coin() ? ConfirmationInstruction::kConfirm
                             : ConfirmationInstruction::kMayAdd;
    CheckRoundTrip(lc);
    if (iter % 20 == 0) CheckXml(lc);
  }
}

}  // namespace
}  // namespace tradefin
