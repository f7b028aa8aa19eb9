// FormatReportText is for people (issue 13): it fits an 80-column terminal
// and names fields in words, not as model field names.
#include <sstream>

#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

TEST_CASE("report text wraps at 80 columns and names fields in words") {
  ExamineOptions o;
  o.presentation_place = "SHANGHAI PUDONG NEW AREA FREE TRADE ZONE, PEOPLE'S REPUBLIC OF CHINA";
  Presentation p = SamplePresentation();
  p.presentation_date = Date{2025, 7, 1};
  LetterOfCredit lc = SampleCredit();
  lc.additional_conditions.push_back(
      "+A DISCREPANCY FEE OF EUR 80.00 APPLIES PER DISCREPANT SET OF DOCUMENTS PRESENTED "
      "UNDER THIS CREDIT AND WILL BE DEDUCTED FROM THE PROCEEDS.");
  ExaminationReport r = Run(lc, p, o);
  REQUIRE(Count(r, "UCP6D-EXPIRY-PLACE") == 1);
  const std::string text = FormatReportText(r);
  std::ostringstream streamed;
  streamed << r;  // the same text through the standard streams
  CHECK(streamed.str() == text);
  std::istringstream in(text);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    CHECK_MESSAGE(line.size() <= 80, line);
  }
  CHECK(lines > static_cast<int>(r.findings.size()) * 3);
  // Field names people read, never the C++ member names.
  CHECK(text.find("presentation_place") == std::string::npos);
  CHECK(text.find("presentation_date") == std::string::npos);
  CHECK_MESSAGE(text.find("presentation: presentation place\n") != std::string::npos, text);
  CHECK(text.find("\n  found:    SHANGHAI PUDONG") != std::string::npos);
  CHECK(text.find("\n  expected: ") != std::string::npos);
  // Continuation lines are indented under the value.
  CHECK(text.find("\n            ") != std::string::npos);
}

}  // namespace
}  // namespace tradefin::testing
