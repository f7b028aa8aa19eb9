// MT700/MT701 import: the sample MT700 (samples/swift, see
// docs/design/trade-rules.md §1), negative tests that each break one rule,
// and one test per envelope, format and network rule.
#include <string>
#include <vector>

#include "testing/testing.h"
#include "tradefin/document/swift.h"

namespace tradefin {
namespace {

std::string Sample() {
  return testing::ReadFile(testing::SourceDir() /
                           "tests/data/swift/mt700_sample.fin");
}

// Replaces the first occurrence of `from` (REQUIRES: present).
std::string Replace(std::string text, const std::string& from,
                    const std::string& to) {
  std::size_t p = text.find(from);
  REQUIRE_MESSAGE(p != std::string::npos, from);
  text.replace(p, from.size(), to);
  return text;
}

Mt700Import Import(const std::vector<std::string>& msgs) {
  std::vector<std::string_view> views(msgs.begin(), msgs.end());
  Result<Mt700Import> r = ImportMt700(views, SwiftOptions{});
  REQUIRE_OK(r);
  return *r;
}

// The issue with `rule`, or fails.
SwiftIssue Find(const Mt700Import& r, const std::string& rule) {
  for (const SwiftIssue& i : r.issues) {
    if (i.rule == rule) return i;
  }
  std::string all;
  for (const SwiftIssue& i : r.issues) all += FormatSwiftIssue(i, "m") + "\n";
  FAIL("no issue with rule " << rule << "; got:\n" << all);
  return {};
}

TEST_CASE("the sample MT700 parses to the expected credit") {
  Mt700Import r = Import({Sample()});
  for (const SwiftIssue& i : r.issues) MESSAGE(FormatSwiftIssue(i, "sample"));
  REQUIRE(r.ok());
  const LetterOfCredit& lc = *r.lc;
  CHECK(lc.issuing_bank.bic == "LDZBPLP0XXX");
  CHECK(lc.advising_bank.bic == "SCFBCNC0XXX");
  CHECK(lc.form == FormOfCredit::kIrrevocable);
  CHECK(lc.credit_number == "DEL25LC0001234");
  CHECK(lc.issue_date == Date{2025, 3, 12});
  CHECK(lc.applicable_rules == "UCP LATEST VERSION");
  CHECK(lc.applicable_rules_narrative.empty());
  CHECK(lc.expiry_date == Date{2025, 6, 30});
  CHECK(lc.expiry_place == "CHENGDU CHINA");
  CHECK_FALSE(lc.applicant_bank.has_value());
  CHECK(lc.applicant.name == "CHEMTRADE EUROPE SP. Z O.O.");
  CHECK(lc.applicant.address.lines ==
        TextLines{"UL. PRZEMYSLOWA 12", "93-000 LODZ", "POLAND"});
  CHECK(lc.applicant.address.country == "PL");
  CHECK(lc.beneficiary.name == "SICHUAN TIANFU PRECISION CO LTD");
  CHECK(lc.beneficiary.ids.account == "1234567890123456789");
  CHECK(lc.beneficiary.address.country == "CN");
  CHECK(lc.beneficiary.address.lines.size() == 3);
  CHECK(lc.amount.currency == "EUR");
  CHECK(lc.amount.minor_units == 125000000);
  CHECK(lc.tolerance_plus_percent == 5);
  CHECK(lc.tolerance_minus_percent == 5);
  CHECK(lc.available_with.name_address == TextLines{"ANY BANK IN CHINA"});
  CHECK(lc.available_by == AvailableBy::kNegotiation);
  CHECK(lc.drafts_at == TextLines{"AT SIGHT"});
  REQUIRE(lc.drawee.has_value());
  CHECK(lc.drawee->bic == "LDZBPLP0");
  CHECK(lc.partial_shipments == ShipmentPermission::kAllowed);
  CHECK(lc.transhipment == ShipmentPermission::kAllowed);
  CHECK(lc.place_of_dispatch ==
        "CHENGDU QINGBAIJIANG (CHENGXIANG STATION), CHINA");
  CHECK(lc.final_destination == "LODZ OLECHOW RAIL TERMINAL, POLAND");
  CHECK(lc.port_of_loading.empty());
  REQUIRE(lc.latest_shipment_date.has_value());
  CHECK(*lc.latest_shipment_date == Date{2025, 5, 31});
  CHECK(lc.shipment_period.empty());
  CHECK(lc.goods_description.size() == 3);
  CHECK(lc.documents_required.size() == 10);
  CHECK(lc.documents_required.back() ==
        "+COPY OF CHINA CUSTOMS EXPORT DECLARATION (18-DIGIT NUMBER).");
  CHECK(lc.additional_conditions.size() == 4);
  CHECK(lc.charges ==
        TextLines{"ALL BANK CHARGES OUTSIDE POLAND",
                  "ARE FOR BENEFICIARY'S ACCOUNT"});
  CHECK(lc.presentation_days == 21);
  CHECK(lc.confirmation == ConfirmationInstruction::kWithout);
  CHECK_FALSE(lc.requested_confirmation_party.has_value());
  CHECK(lc.instructions_to_bank.size() == 3);
  CHECK(lc.sender_to_receiver == TextLines{"/PHONBEN/"});
}

TEST_CASE("LF-only input is accepted and gives the same credit") {
  std::string crlf = Sample();
  std::string lf;
  for (char c : crlf)
    if (c != '\r') lf += c;
  Mt700Import a = Import({crlf});
  Mt700Import b = Import({lf});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(LetterOfCreditToXml(*a.lc) == LetterOfCreditToXml(*b.lc));
  SwiftOptions strict;
  strict.allow_lf = false;
  std::string_view view = lf;
  auto r = ImportMt700({view}, strict);
  REQUIRE_OK(r);
  CHECK_FALSE(r->ok());
}

// Negative tests: each breaks one rule of docs/formats/swift-mapping.md.
TEST_CASE("32B without a decimal comma") {
  auto r = Import({Replace(Sample(), ":32B:EUR1250000,", ":32B:EUR1250000")});
  CHECK_FALSE(r.lc.has_value());
  SwiftIssue i = Find(r, "amount");
  CHECK(i.tag == "32B");
  CHECK(i.line == 17);
  CHECK(i.column == 9);
}

TEST_CASE("44C together with 44D is D06") {
  auto r = Import({Replace(Sample(), ":44C:250531\r\n",
                           ":44C:250531\r\n:44D:MAY 2025\r\n")});
  SwiftIssue i = Find(r, "D06");
  CHECK(i.tag == "44D");
  CHECK(i.line == 28);
}

TEST_CASE("42C without 42a is C90") {
  auto r = Import({Replace(Sample(), ":42A:LDZBPLP0\r\n", "")});
  SwiftIssue i = Find(r, "C90");
  CHECK(i.tag == "42C");
  CHECK(i.line == 21);
}

TEST_CASE("42M with 42C/42a is C90 (payment terms exclusive)") {
  auto r = Import({Replace(Sample(), ":43P:", ":42M:50 PCT AT SIGHT\r\n:43P:")});
  SwiftIssue i = Find(r, "C90");
  CHECK(i.tag == "42M");
}

TEST_CASE("a non-X character in field 50 is named with line and column") {
  auto r = Import({Replace(Sample(), "93-000 LODZ", "93-000 \xC5\x81\xC3\x93" "DZ")});
  SwiftIssue i = Find(r, "charset");
  CHECK(i.tag == "50");
  CHECK(i.line == 10);
  CHECK(i.column == 8);
  CHECK(i.message.find("\xC5\x81") != std::string::npos);
}

TEST_CASE("a closing brace inside a field is a charset error") {
  auto r = Import({Replace(Sample(), "UL. PRZEMYSLOWA 12", "UL. PRZEMYSLOWA }2")});
  SwiftIssue i = Find(r, "charset");
  CHECK(i.line == 9);
  CHECK(i.column == 17);
}

TEST_CASE("a 66-character 45A line") {
  std::string line66(66, 'A');
  auto r = Import({Replace(Sample(), "+UNIT PRICE EUR 250.00 PER SET", line66)});
  SwiftIssue i = Find(r, "line-length");
  CHECK(i.tag == "45A");
  CHECK(i.line == 29);
  CHECK(i.column == 66);
}

TEST_CASE("narrative in 40E without OTHR") {
  auto r = Import({Replace(Sample(), ":40E:UCP LATEST VERSION",
                           ":40E:UCP LATEST VERSION/OUR OWN RULES")});
  SwiftIssue i = Find(r, "40E-narrative");
  CHECK(i.line == 6);
  CHECK(i.column == 24);
  auto ok = Import({Replace(Sample(), ":40E:UCP LATEST VERSION",
                            ":40E:OTHR/OUR OWN RULES")});
  REQUIRE(ok.ok());
  CHECK(ok.lc->applicable_rules == "OTHR");
  CHECK(ok.lc->applicable_rules_narrative == "OUR OWN RULES");
}

TEST_CASE("58a with 49 WITHOUT; accepted with CONFIRM") {
  auto r = Import({Replace(Sample(), ":78:", ":58A:SCFBCNC0\r\n:78:")});
  SwiftIssue i = Find(r, "58a-confirmation");
  CHECK(i.tag == "58a");
  auto ok = Import({Replace(Replace(Sample(), ":78:", ":58A:SCFBCNC0\r\n:78:"),
                            ":49:WITHOUT", ":49:CONFIRM")});
  for (const SwiftIssue& is : ok.issues) MESSAGE(FormatSwiftIssue(is, "m"));
  REQUIRE(ok.ok());
  CHECK(ok.lc->requested_confirmation_party->bic == "SCFBCNC0");
  CHECK(ok.lc->confirmation == ConfirmationInstruction::kConfirm);
}

TEST_CASE("field order violation") {
  // 31C moved after 40E.
  std::string s = Replace(Sample(), ":31C:250312\r\n", "");
  s = Replace(s, ":31D:", ":31C:250312\r\n:31D:");
  auto r = Import({s});
  SwiftIssue i = Find(r, "order");
  CHECK(i.tag == "31C");
  CHECK(i.line == 6);
}

TEST_CASE("unknown and obsolete tags") {
  auto r = Import({Replace(Sample(), ":78:", ":99Z:HELLO\r\n:78:")});
  CHECK(Find(r, "unknown-tag").tag == "99Z");
  auto o = Import({Replace(Sample(), ":71D:", ":71B:CHARGES\r\n:71D:")});
  CHECK(Find(o, "obsolete").tag == "71B");
  auto opt = Import({Replace(Sample(), ":42A:LDZBPLP0", ":42B:LODZ")});
  CHECK(Find(opt, "unknown-tag").tag == "42B");
}

TEST_CASE("missing mandatory field") {
  auto r = Import({Replace(Sample(), ":49:WITHOUT\r\n", "")});
  SwiftIssue i = Find(r, "mandatory");
  CHECK(i.tag == "49");
  CHECK(i.line > 50);
}

TEST_CASE("46A repeated within one message") {
  auto r = Import({Replace(Sample(), ":47A:", ":46A:+ANOTHER DOCUMENT\r\n:47A:")});
  CHECK(Find(r, "repeat").tag == "46A");
}

TEST_CASE("bad date, wrong currency decimals, bad tolerance") {
  auto d = Import({Replace(Sample(), ":44C:250531", ":44C:250230")});
  SwiftIssue i = Find(d, "date");
  CHECK(i.tag == "44C");
  CHECK(i.message.find("250230") != std::string::npos);
  auto j = Import({Replace(Sample(), ":32B:EUR1250000,", ":32B:JPY1000,5")});
  SwiftIssue k = Find(j, "currency-decimals");
  CHECK(k.column == 14);
  auto e = Import({Replace(Sample(), ":32B:EUR1250000,", ":32B:EUR1250000,123")});
  Find(e, "currency-decimals");
  auto t = Import({Replace(Sample(), ":39A:05/05", ":39A:5")});
  CHECK(Find(t, "format").tag == "39A");
  auto c = Import({Replace(Sample(), ":32B:EUR", ":32B:XYZ")});
  Find(c, "currency");
}

TEST_CASE("codes: 40A, 41a, 43P, 49") {
  CHECK(Find(Import({Replace(Sample(), ":40A:IRREVOCABLE", ":40A:REVOCABLE")}),
             "code").tag == "40A");
  CHECK(Find(Import({Replace(Sample(), "BY NEGOTIATION", "BY CHEQUE")}), "code")
            .tag == "41D");
  CHECK(Find(Import({Replace(Sample(), ":43P:ALLOWED", ":43P:PERMITTED")}),
             "code").tag == "43P");
  CHECK(Find(Import({Replace(Sample(), ":49:WITHOUT", ":49:MAYBE")}), "code")
            .tag == "49");
}

TEST_CASE("field 20 slash rule T26 and 48 format") {
  CHECK(Find(Import({Replace(Sample(), ":20:DEL25LC0001234", ":20:DEL25//LC1")}),
             "T26").tag == "20");
  CHECK(Find(Import({Replace(Sample(), ":20:DEL25LC0001234", ":20:/DEL25")}),
             "T26").tag == "20");
  auto ok = Import({Replace(Sample(), ":48:21", ":48:10/FROM INVOICE DATE")});
  REQUIRE(ok.ok());
  CHECK(ok.lc->presentation_days == 10);
  CHECK(ok.lc->presentation_narrative == "FROM INVOICE DATE");
  CHECK(Find(Import({Replace(Sample(), ":48:21", ":48:1234")}), "format").tag ==
        "48");
}

TEST_CASE("line count limits") {
  CHECK(Find(Import({Replace(Sample(), "POLAND\r\n:59:",
                             "POLAND\r\nEU\r\n:59:")}),
             "line-count").tag == "50");
}

TEST_CASE("malformed blocks") {
  Mt700Import a = Import({Replace(Sample(), "{1:F01LDZBPLP0AXXX", "{1:F01LDZB")});
  CHECK(Find(a, "block").line == 1);
  Mt700Import b = Import({Replace(Sample(), "-}{5:", "{5:")});
  Find(b, "block");
  Mt700Import c = Import({Replace(Sample(), "{2:I700", "{2:X700")});
  Find(c, "block");
  Mt700Import d = Import({Replace(Sample(), "{5:{CHK:4F2A9C1B7D3E}}",
                                  "{5:{CHK:4F2A9C1B7D3E}}garbage")});
  Find(d, "block");
  Mt700Import e = Import({Replace(Sample(), "{4:\r\n", "{4::27:1/1")});
  Find(e, "block");
  Mt700Import f = Import({Replace(Sample(), "\r\n:40A:", "\r\n-40A:")});
  Find(f, "continuation");
  Mt700Import g = Import({Replace(Sample(), "{2:I700", "{2:I799")});
  Find(g, "message-type");
}

TEST_CASE("output message: sender from the MIR, receiver from block 1") {
  std::string s = Replace(Sample(), "{1:F01LDZBPLP0AXXX0000000000}{2:I700SCFBCNC0XXXXN}",
                          "{1:F01SCFBCNC0AXXX0000000000}{2:O7001200250312"
                          "LDZBPLP0AXXX00000000002503121201N}");
  Mt700Import r = Import({s});
  for (const SwiftIssue& is : r.issues) MESSAGE(FormatSwiftIssue(is, "m"));
  REQUIRE(r.ok());
  CHECK(r.lc->issuing_bank.bic == "LDZBPLP0XXX");
  CHECK(r.lc->advising_bank.bic == "SCFBCNC0XXX");
}

TEST_CASE("block 4 longer than 10,000 characters") {
  std::string extra;
  for (int i = 0; i < 99; ++i) extra += std::string(64, 'G') + "\r\n";
  // 45A full, 46A and 47A too: about 19,000 characters in block 4.
  std::string s = Replace(Sample(), "+CPT LODZ", extra.substr(0, 99 * 66 - 2 - 66 * 3) + "\r\n+CPT LODZ");
  s = Replace(s, "+PACKING LIST IN 3 COPIES.\r\n", extra.substr(0, 80 * 66));
  auto r = Import({s});
  SwiftIssue i = Find(r, "block-size");
  CHECK(i.message.find("characters") != std::string::npos);
}

std::string Mt701(const std::string& seq, const std::string& ref,
                  const std::string& fields) {
  return "{1:F01LDZBPLP0AXXX0000000000}{2:I701SCFBCNC0XXXXN}{4:\r\n:27:" +
         seq + "\r\n:20:" + ref + "\r\n" + fields + "-}";
}

TEST_CASE("MT701 continuations append 45A/46A/47A/49G/49H") {
  std::string mt700 = Replace(Sample(), ":27:1/1", ":27:1/3");
  std::string a = Mt701("2/3", "DEL25LC0001234",
                        ":45A:+SPARE PARTS KIT, 50 SETS\r\n"
                        ":49G:PAYMENT CONDITION\r\n");
  std::string b = Mt701("3/3", "DEL25LC0001234",
                        ":45A:+MANUALS IN ENGLISH\r\n"
                        ":46A:+INSURANCE CERTIFICATE\r\n"
                        ":49H:BANK ONLY NOTE\r\n");
  Mt700Import r = Import({mt700, a, b});
  for (const SwiftIssue& is : r.issues) MESSAGE(FormatSwiftIssue(is, "m"));
  REQUIRE(r.ok());
  CHECK(r.lc->goods_description.size() == 5);
  CHECK(r.lc->goods_description[3] == "+SPARE PARTS KIT, 50 SETS");
  CHECK(r.lc->goods_description[4] == "+MANUALS IN ENGLISH");
  CHECK(r.lc->documents_required.back() == "+INSURANCE CERTIFICATE");
  CHECK(r.lc->special_payment_beneficiary == TextLines{"PAYMENT CONDITION"});
  CHECK(r.lc->special_payment_bank == TextLines{"BANK ONLY NOTE"});
}

TEST_CASE("MT701 sequence, credit number and allowed fields are checked") {
  std::string mt700 = Replace(Sample(), ":27:1/1", ":27:1/2");
  auto wrong_seq = Import({mt700, Mt701("3/2", "DEL25LC0001234",
                                        ":45A:X\r\n")});
  SwiftIssue i = Find(wrong_seq, "sequence");
  CHECK(i.message_index == 1);
  CHECK(i.line == 2);
  auto total = Import({Sample(), Mt701("2/2", "DEL25LC0001234", ":45A:X\r\n")});
  CHECK(Find(total, "sequence").message_index == 0);
  auto ref = Import({mt700, Mt701("2/2", "OTHER", ":45A:X\r\n")});
  CHECK(Find(ref, "continuation-mismatch").tag == "20");
  auto tag = Import({mt700, Mt701("2/2", "DEL25LC0001234", ":32B:EUR1,\r\n")});
  CHECK(Find(tag, "unknown-tag").message_index == 1);
  auto rep = Import({mt700, Mt701("2/2", "DEL25LC0001234",
                                  ":46A:+A\r\n:46A:+B\r\n")});
  CHECK(Find(rep, "repeat").tag == "46A");
}

TEST_CASE("all issues are collected, not just the first") {
  std::string s = Replace(Sample(), ":32B:EUR1250000,", ":32B:EUR1250000");
  s = Replace(s, ":44C:250531", ":44C:250230");
  s = Replace(s, ":42A:LDZBPLP0\r\n", "");
  auto r = Import({s});
  CHECK(r.issues.size() >= 3);
  CHECK_FALSE(r.lc.has_value());
}

TEST_CASE("FormatSwiftIssue") {
  SwiftIssue i{0, 17, 9, "32B", "amount", "no comma", "a comma"};
  CHECK(FormatSwiftIssue(i, "lc.fin") ==
        "lc.fin:17:9: 32B: amount: no comma (expected a comma)");
}

}  // namespace
}  // namespace tradefin
