// Tables from docs/formats/swift-mapping.md (MT700, SR2018+; MT707 SR2018).
#include "document/swift/swift_tables.h"

namespace tradefin::swift_internal {

const SpecTable& Mt700Table() {
  static const SpecTable* table = new SpecTable{{
      {"27", "", true},   {"40A", "", true}, {"20", "", true},
      {"23", "", false},  {"31C", "", true}, {"40E", "", true},
      {"31D", "", true},  {"51a", "AD", false}, {"50", "", true},
      {"59", "", true},   {"32B", "", true}, {"39A", "", false},
      {"39C", "", false}, {"41a", "AD", true}, {"42C", "", false},
      {"42a", "AD", false}, {"42M", "", false}, {"42P", "", false},
      {"43P", "", false}, {"43T", "", false}, {"44A", "", false},
      {"44E", "", false}, {"44F", "", false}, {"44B", "", false},
      {"44C", "", false}, {"44D", "", false}, {"45A", "", false},
      {"46A", "", false}, {"47A", "", false}, {"49G", "", false},
      {"49H", "", false}, {"71D", "", false}, {"48", "", false},
      {"49", "", true},   {"58a", "AD", false}, {"53a", "AD", false},
      {"78", "", false},  {"57a", "ABD", false}, {"72Z", "", false},
  }};
  return *table;
}

const SpecTable& Mt701Table() {
  static const SpecTable* table = new SpecTable{{
      {"27", "", true},   {"20", "", true},   {"45A", "", false},
      {"46A", "", false}, {"47A", "", false}, {"49G", "", false},
      {"49H", "", false},
  }};
  return *table;
}

const SpecTable& Mt707Table() {
  static const SpecTable* table = new SpecTable{{
      {"27", "", true},   {"20", "", true},   {"21", "", true},
      {"23", "", true},   {"52a", "AD", false}, {"50B", "", false},
      {"31C", "", true},  {"26E", "", true},  {"30", "", true},
      {"22A", "", true},  {"23S", "", false}, {"40A", "", false},
      {"40E", "", false}, {"31D", "", false}, {"50", "", false},
      {"59", "", false},  {"32B", "", false}, {"33B", "", false},
      {"39A", "", false}, {"39C", "", false}, {"41a", "AD", false},
      {"42C", "", false}, {"42a", "AD", false}, {"42M", "", false},
      {"42P", "", false}, {"43P", "", false}, {"43T", "", false},
      {"44A", "", false}, {"44E", "", false}, {"44F", "", false},
      {"44B", "", false}, {"44C", "", false}, {"44D", "", false},
      {"45B", "", false}, {"46B", "", false}, {"47B", "", false},
      {"49M", "", false}, {"49N", "", false}, {"71D", "", false},
      {"71N", "", false}, {"48", "", false},  {"49", "", false},
      {"58a", "AD", false}, {"53a", "AD", false}, {"78", "", false},
      {"57a", "ABD", false}, {"72Z", "", false},
  }};
  return *table;
}

// MT708 (SR2018): the continuation of an MT707 whose narrative amendments
// do not fit; it repeats the references, amendment number and date.
const SpecTable& Mt708Table() {
  static const SpecTable* table = new SpecTable{{
      {"27", "", true},   {"20", "", true},   {"21", "", true},
      {"23", "", true},   {"26E", "", true},  {"30", "", true},
      {"45B", "", false}, {"46B", "", false}, {"47B", "", false},
      {"49M", "", false}, {"49N", "", false},
  }};
  return *table;
}

int FindField(const SpecTable& table, std::string_view tag, std::string* canon,
              char* option) {
  for (std::size_t i = 0; i < table.specs.size(); ++i) {
    const FieldSpec& s = table.specs[i];
    if (s.options.empty()) {
      if (s.name == tag) {
        *canon = std::string(s.name);
        *option = 0;
        return static_cast<int>(i);
      }
    } else if (tag.size() == 3 && tag.substr(0, 2) == s.name.substr(0, 2) &&
               s.options.find(tag[2]) != std::string_view::npos) {
      *canon = std::string(s.name);
      *option = tag[2];
      return static_cast<int>(i);
    }
  }
  return -1;
}

void ReportUnknownTag(const SpecTable& table, const FinField& f,
                      std::string_view message_name, IssueSink& sink) {
  std::string_view tag = f.tag;
  std::string replacement;
  if (tag == "39B") replacement = "39A/39C (39B was removed in SR2018)";
  else if (tag == "71B") replacement = "71D (71B became 71D in SR2018)";
  else if (tag == "72") replacement = "72Z (72 became 72Z in SR2018)";
  if (!replacement.empty()) {
    sink.Add(f.line, 1, tag, "obsolete",
             "field " + std::string(tag) + " is not in the SR2018 " +
                 std::string(message_name),
             replacement);
    return;
  }
  for (const FieldSpec& s : table.specs) {
    if (!s.options.empty() && tag.size() == 3 &&
        tag.substr(0, 2) == s.name.substr(0, 2)) {
      sink.Add(f.line, 1, tag, "unknown-tag",
               "option " + std::string(1, tag[2]) + " is not allowed for " +
                   std::string(s.name),
               "options " + std::string(s.options));
      return;
    }
  }
  sink.Add(f.line, 1, tag, "unknown-tag",
           "field " + std::string(tag) + " is not part of an " +
               std::string(message_name),
           "a field of the SR2018 " + std::string(message_name));
}

}  // namespace tradefin::swift_internal
