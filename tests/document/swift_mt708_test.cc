// MT707 + MT708 (SR2018): an amendment continued in MT708 messages, applied
// in sequence; field 27 positions and the repeated references are checked.
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

std::string Sample(const char* name) {
  return testing::ReadFile(testing::SourceDir() / "samples/swift" / name);
}

std::string Mt708(const std::string& seq, const std::string& refs,
                  const std::string& body) {
  return "{1:F01LDZBPLP0AXXX0000000000}{2:I708SCFBCNC0XXXXN}{4:\r\n:27:" +
         seq + "\r\n" + refs + body + "-}";
}

const std::string kRefs =
    ":20:DEL25LC0001234\r\n:21:NONREF\r\n:23:DEL25LC0001234\r\n:26E:2\r\n"
    ":30:250420\r\n";

Mt707Import Apply(const std::vector<std::string>& msgs) {
  std::vector<std::string_view> v(msgs.begin(), msgs.end());
  auto r = ImportMt707Sequence(v, Original(), {});
  REQUIRE_OK(r);
  for (const SwiftIssue& i : r->issues)
    MESSAGE(FormatSwiftIssue(i, "msg" + std::to_string(i.message_index)));
  return *r;
}

bool Has(const TextLines& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l == text) return true;
  return false;
}

TEST_CASE("the sample MT707 + MT708 amendment applies in order") {
  Mt707Import r = Apply({Sample("mt707-DEL25LC0001234-2.fin"),
                         Sample("mt708-DEL25LC0001234-2.fin")});
  REQUIRE(r.ok());
  CHECK(r.amendment.amendment_number == 2);
  const LetterOfCredit& lc = *r.amended;
  // 47B of the MT707 first, then the MT708's.
  const TextLines& c = lc.additional_conditions;
  REQUIRE(c.size() >= 3);
  CHECK(c[c.size() - 3] == "+ALL DOCUMENTS MUST BE ISSUED IN ENGLISH.");
  CHECK(c[c.size() - 2] ==
        "+THIRD PARTY DOCUMENTS EXCEPT DRAFTS AND INVOICES");
  CHECK(c.back() == "ARE ACCEPTABLE.");
  CHECK(Has(lc.documents_required, "+INSPECTION CERTIFICATE ISSUED BY CCIC."));
  CHECK(lc.amount == Original().amount);
}

TEST_CASE("an MT707 announcing an MT708 needs it, and the reverse") {
  // 27: 1/2 but no continuation given.
  Mt707Import r = Apply({Sample("mt707-DEL25LC0001234-2.fin")});
  CHECK_FALSE(r.ok());
  REQUIRE(!r.issues.empty());
  CHECK(r.issues[0].rule == "sequence");
  CHECK(r.issues[0].tag == "27");
  // The sample MT707 1 is 27: 1/1; an MT708 after it is out of sequence.
  r = Apply({Sample("mt707-DEL25LC0001234-1.fin"),
             Mt708("2/2", kRefs, ":46B:/ADD/+X.\r\n")});
  CHECK_FALSE(r.ok());
}

TEST_CASE("MT708 must repeat the MT707 references, number and date") {
  std::string refs =
      ":20:DEL25LC0001234\r\n:21:NONREF\r\n:23:OTHERCREDIT\r\n:26E:3\r\n"
      ":30:250421\r\n";
  Mt707Import r = Apply({Sample("mt707-DEL25LC0001234-2.fin"),
                         Mt708("2/2", refs, ":47B:/ADD/+X.\r\n")});
  CHECK_FALSE(r.ok());
  int continuation = 0;
  for (const SwiftIssue& i : r.issues) {
    if (i.rule == "continuation-mismatch") {
      ++continuation;
      CHECK(i.message_index == 1);
    }
  }
  CHECK(continuation == 3);  // 23, 26E, 30
  CHECK_FALSE(r.amended.has_value());
}

TEST_CASE("MT708 message type, field set, order and mandatory fields") {
  // An MT707 given where the MT708 belongs.
  Mt707Import r = Apply({Sample("mt707-DEL25LC0001234-2.fin"),
                         Sample("mt707-DEL25LC0001234-2.fin")});
  CHECK_FALSE(r.ok());
  bool type = false;
  for (const SwiftIssue& i : r.issues)
    type |= i.rule == "message-type" && i.message_index == 1;
  CHECK(type);
  // 32B belongs to the MT707 only; 26E missing; 47B before 46B.
  std::string refs =
      ":20:DEL25LC0001234\r\n:21:NONREF\r\n:23:DEL25LC0001234\r\n"
      ":30:250420\r\n";
  r = Apply({Sample("mt707-DEL25LC0001234-2.fin"),
             Mt708("2/2", refs,
                   ":32B:EUR1,\r\n:47B:/ADD/+X.\r\n:46B:/ADD/+Y.\r\n")});
  std::string rules;
  for (const SwiftIssue& i : r.issues) rules += i.rule + " ";
  CHECK(rules.find("unknown-tag") != std::string::npos);
  CHECK(rules.find("mandatory") != std::string::npos);
  CHECK(rules.find("order") != std::string::npos);
}

TEST_CASE("too many messages or none is an error, not an issue") {
  std::vector<std::string_view> none;
  CHECK_FALSE(ImportMt707Sequence(none, Original(), {}).ok());
  std::string s = Sample("mt707-DEL25LC0001234-2.fin");
  std::vector<std::string_view> nine(9, s);
  auto r = ImportMt707Sequence(nine, Original(), {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tradefin
