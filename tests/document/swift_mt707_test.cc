// MT707 amendments: /ADD/ /DELETE/ /REPALL/, increase and decrease of the
// amount, replaced fields, metadata, and the credit-number check.
#include <algorithm>
#include <string>

#include "testing/testing.h"
#include "tradefin/document/swift.h"

namespace tradefin {
namespace {

LetterOfCredit Original() {
  std::string s = testing::ReadFile(testing::SourceDir() /
                                    "samples/swift/mt700-DEL25LC0001234.fin");
  auto r = ImportMt700({std::string_view(s)}, {});
  REQUIRE_OK(r);
  REQUIRE(r->ok());
  return *r->lc;
}

std::string Mt707(const std::string& body) {
  return "{1:F01LDZBPLP0AXXX0000000000}{2:I707SCFBCNC0XXXXN}{4:\r\n"
         ":27:1/1\r\n:20:DEL25LC0001234\r\n:21:NONREF\r\n"
         ":23:DEL25LC0001234\r\n:31C:250312\r\n:26E:2\r\n:30:250420\r\n"
         ":22A:ISSU\r\n" +
         body + "-}";
}

Mt707Import Apply(const std::string& msg) {
  auto r = ImportMt707(msg, Original(), {});
  REQUIRE_OK(r);
  for (const SwiftIssue& i : r->issues) MESSAGE(FormatSwiftIssue(i, "mt707"));
  return *r;
}

TEST_CASE("the sample amendment applies") {
  std::string s = testing::ReadFile(testing::SourceDir() /
                                    "samples/swift/mt707-DEL25LC0001234-1.fin");
  Mt707Import r = Apply(s);
  REQUIRE(r.ok());
  const LetterOfCredit& lc = *r.amended;
  CHECK(lc.amount.minor_units == 135000000);
  CHECK(lc.expiry_date == Date{2025, 7, 31});
  CHECK(*lc.latest_shipment_date == Date{2025, 6, 30});
  CHECK(lc.goods_description.size() == 5);
  CHECK(lc.goods_description[4] == "+UNIT PRICE EUR 500.00 PER SET");
  CHECK(lc.documents_required.size() == 10);
  CHECK(lc.documents_required.back() == "+PACKING LIST IN 2 COPIES.");
  CHECK(std::find(lc.documents_required.begin(), lc.documents_required.end(),
                  "+PACKING LIST IN 3 COPIES.") ==
        lc.documents_required.end());
  CHECK(r.amendment.amendment_number == 1);
  CHECK(r.amendment.amendment_date == Date{2025, 4, 15});
  CHECK(r.amendment.purpose == "ISSU");
  CHECK(r.amendment.receiver_reference == "NONREF");
  CHECK(r.amendment.charges_payable_by == "APPL");
  CHECK(r.amendment.increase->minor_units == 10000000);
  // Fields the amendment does not touch stay as they were.
  CHECK(lc.applicant.name == Original().applicant.name);
}

TEST_CASE("REPALL replaces, decrease lowers the amount, 49 and 58a") {
  Mt707Import r = Apply(Mt707(
      ":33B:EUR250000,\r\n:47B:/REPALL/+ONLY THIS CONDITION.\r\n"
      ":49:CONFIRM\r\n:58A:SCFBCNC0\r\n"));
  REQUIRE(r.ok());
  CHECK(r.amended->amount.minor_units == 100000000);
  CHECK(r.amended->additional_conditions == TextLines{"+ONLY THIS CONDITION."});
  CHECK(r.amended->confirmation == ConfirmationInstruction::kConfirm);
  CHECK(r.amended->requested_confirmation_party->bic == "SCFBCNC0");
}

TEST_CASE("wrong credit number, bad DELETE, wrong currency, REPALL mixed") {
  std::string wrong = Mt707(":32B:EUR1,\r\n");
  wrong.replace(wrong.find(":23:DEL25LC0001234"), 18, ":23:DEL25LC9999999");
  Mt707Import a = Apply(wrong);
  CHECK_FALSE(a.amended.has_value());
  REQUIRE(a.issues.size() == 1);
  CHECK(a.issues[0].rule == "credit-number");
  CHECK(a.issues[0].tag == "23");
  CHECK(a.issues[0].line == 5);

  Mt707Import b = Apply(Mt707(":46B:/DELETE/+NOT IN THE CREDIT\r\n"));
  REQUIRE(b.issues.size() == 1);
  CHECK(b.issues[0].rule == "amend-delete");

  Mt707Import c = Apply(Mt707(":32B:USD1,\r\n"));
  REQUIRE(c.issues.size() == 1);
  CHECK(c.issues[0].rule == "currency");

  Mt707Import d = Apply(Mt707(":45B:/REPALL/X\r\n/ADD/Y\r\n"));
  REQUIRE(d.issues.size() == 1);
  CHECK(d.issues[0].rule == "amend-code");

  Mt707Import e = Apply(Mt707(":45B:NO CODE\r\n"));
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].rule == "amend-code");

  Mt707Import f = Apply(Mt707(":33B:EUR1250000,\r\n"));
  CHECK(f.issues.at(0).rule == "amendment-amount");

  Mt707Import g = Apply(Mt707(":58A:SCFBCNC0\r\n"));  // 49 still WITHOUT
  CHECK(g.issues.at(0).rule == "58a-confirmation");
}

TEST_CASE("MT707 envelope, order and mandatory fields") {
  std::string no26 = Mt707("");
  no26.replace(no26.find(":26E:2\r\n"), 8, "");
  Mt707Import a = Apply(no26);
  CHECK(a.issues.at(0).rule == "mandatory");
  CHECK(a.issues.at(0).tag == "26E");
  Mt707Import b = Apply(Mt707(":44C:250630\r\n:31D:250731CHENGDU\r\n"));
  CHECK(b.issues.at(0).rule == "order");
  Mt707Import c = Apply(Mt707(":40A:IRREVOCABLE\r\n:23S:CANCEL\r\n"));
  CHECK(c.issues.at(0).rule == "order");  // 23S comes before 40A
  Mt707Import d = Apply(Mt707(""));
  REQUIRE(d.ok());
  CHECK(d.amendment.amendment_number == 2);
  std::string cancel = Mt707("");
  cancel.replace(cancel.find(":22A:ISSU\r\n") + 11, 0, ":23S:CANCEL\r\n");
  Mt707Import e = Apply(cancel);
  REQUIRE(e.ok());
  CHECK(e.amendment.cancellation_requested);
  auto mt700 = ImportMt707(testing::ReadFile(testing::SourceDir() /
                                             "samples/swift/mt700-DEL25LC0001234.fin"),
                           Original(), {});
  REQUIRE_OK(mt700);
  CHECK(mt700->issues.at(0).rule == "message-type");
}

}  // namespace
}  // namespace tradefin
