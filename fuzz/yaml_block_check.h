// The block reader (encoding/yaml_block_reader.h) checked against the full
// parser on one text: whenever it does not refuse the text, the full parser
// must accept it and visit the same collections, keys and scalars, with the
// same values (decodeVisitedScalar's for those it leaves undecoded). Shared
// by the yaml_block_reader fuzz target and the block reader's tests.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/yaml_block_reader.h"
#include "encoding/yaml_resolve.h"

namespace ho::fuzz {

enum class BlockVerdict { Refused, Agrees, Disagrees };

struct BlockCheck {
  BlockVerdict verdict;
  std::string detail;  // for Disagrees: what differs
};

namespace block_check {

using namespace ho::encoding::yaml;

struct Visit {
  char kind;  // '{' '}' '[' ']' 'K' (key) 'V' (value)
  ScalarStyle style;
  bool exact;
  std::string text;  // the value (decoded when the block reader left it undecoded)
};

class Recorder final : public YamlVisitor {
 public:
  std::vector<Visit> visits;
  void mappingStart() override { mark('{'); }
  void mappingEnd() override { mark('}'); }
  void sequenceStart() override { mark('['); }
  void sequenceEnd() override { mark(']'); }
  void key(const VisitedScalar& key) override { scalar('K', key); }
  void value(const VisitedScalar& value) override { scalar('V', value); }

 private:
  void mark(char kind) { visits.push_back(Visit{kind, ScalarStyle::Plain, true, ""}); }
  void scalar(char kind, const VisitedScalar& s) {
    visits.push_back(Visit{kind, s.style, s.exact, s.exact ? std::string(s.text) : decodeVisitedScalar(s)});
  }
};

enum class Outcome { Visited, Refused, SyntaxError };

template <class Walk>
inline Outcome walk(Walk visit, std::string_view text, std::vector<Visit>& visits) {
  Recorder recorder;
  try {
    visit(text, recorder);
  } catch (const NotPlainYaml&) {
    return Outcome::Refused;
  } catch (const SyntaxError&) {
    return Outcome::SyntaxError;
  }
  visits = std::move(recorder.visits);
  return Outcome::Visited;
}

inline std::string show(const std::vector<Visit>& visits) {
  std::string out;
  for (const Visit& v : visits) {
    out += v.kind;
    if (v.kind == 'K' || v.kind == 'V') out += std::string(v.exact ? "<" : "~<") + v.text + ">";
    out += ' ';
  }
  return out;
}

}  // namespace block_check

inline BlockCheck checkBlockReader(std::string_view text) {
  using namespace block_check;
  std::vector<Visit> fast, full;
  const Outcome fastOutcome = walk(visitBlockDocument, text, fast);
  if (fastOutcome == Outcome::Refused) return {BlockVerdict::Refused, ""};
  if (fastOutcome == Outcome::SyntaxError) return {BlockVerdict::Disagrees, "the block reader threw SyntaxError"};
  const Outcome fullOutcome = walk(visitPlainDocument, text, full);
  if (fullOutcome != Outcome::Visited) {
    return {BlockVerdict::Disagrees,
            std::string("accepted what the full parser ") + (fullOutcome == Outcome::Refused ? "refuses" : "rejects")};
  }
  bool same = fast.size() == full.size();
  for (std::size_t i = 0; same && i < fast.size(); ++i) {
    const Visit& a = fast[i];
    const Visit& b = full[i];
    same = a.kind == b.kind && a.style == b.style && a.text == b.text;
    // What the manifest head reader relies on: a continued plain scalar is never null, a bool or a number.
    if (same && !a.exact && a.style == ScalarStyle::Plain) {
      const encoding::ScalarKind kind = encoding::resolvePlainScalar(b.text).kind;
      same = kind == encoding::ScalarKind::String || kind == encoding::ScalarKind::Timestamp;
    }
  }
  if (same) return {BlockVerdict::Agrees, ""};
  return {BlockVerdict::Disagrees, "block reader: " + show(fast) + "\nfull parser:  " + show(full)};
}

}  // namespace ho::fuzz
