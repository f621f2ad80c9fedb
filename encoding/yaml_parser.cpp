// The YAML event state machine, following go-yaml v2's parser state by state
// so that errors are found at the same token and worded the same way.
#include "encoding/yaml_parser.h"

#include <string>

namespace ho::encoding::yaml {
namespace {

constexpr std::string_view kDefaultTagPrefix = "tag:yaml.org,2002:";

Event eventAt(EventType type, const Mark& at) {
  Event event;
  event.type = type;
  event.start = at;
  return event;
}

}  // namespace

void Parser::fail(std::string_view problem, const Mark& at) const {
  throwSyntaxError(ErrorSource::Parser, at, {}, problem);
}

void Parser::fail(const Mark& context, std::string_view problem, const Mark& at) const {
  throwSyntaxError(ErrorSource::Parser, at, context, problem);
}

void Parser::popState() {
  state_ = states_.back();
  states_.pop_back();
}

Event Parser::next() {
  switch (state_) {
    case State::StreamStart: return streamStart();
    case State::ImplicitDocumentStart: return documentStart(true);
    case State::DocumentStart: return documentStart(false);
    case State::DocumentContent: return documentContent();
    case State::DocumentEnd: return documentEnd();
    case State::BlockNode: return node(true, false);
    case State::BlockNodeOrIndentlessSequence: return node(true, true);
    case State::FlowNode: return node(false, false);
    case State::BlockSequenceFirstEntry: return blockSequenceEntry(true);
    case State::BlockSequenceEntry: return blockSequenceEntry(false);
    case State::IndentlessSequenceEntry: return indentlessSequenceEntry();
    case State::BlockMappingFirstKey: return blockMappingKey(true);
    case State::BlockMappingKey: return blockMappingKey(false);
    case State::BlockMappingValue: return blockMappingValue();
    case State::FlowSequenceFirstEntry: return flowSequenceEntry(true);
    case State::FlowSequenceEntry: return flowSequenceEntry(false);
    case State::FlowSequenceEntryMappingKey: return flowSequenceEntryMappingKey();
    case State::FlowSequenceEntryMappingValue: return flowSequenceEntryMappingValue();
    case State::FlowSequenceEntryMappingEnd: return flowSequenceEntryMappingEnd();
    case State::FlowMappingFirstKey: return flowMappingKey(true);
    case State::FlowMappingKey: return flowMappingKey(false);
    case State::FlowMappingValue: return flowMappingValue(false);
    case State::FlowMappingEmptyValue: return flowMappingValue(true);
    case State::End: break;
  }
  return eventAt(EventType::StreamEnd, {});
}

Event Parser::streamStart() {
  Token token = scanner_.peek();
  if (token.type != TokenType::StreamStart) fail("did not find expected <stream-start>", token.start);
  state_ = State::ImplicitDocumentStart;
  scanner_.consume();
  return eventAt(EventType::StreamStart, token.start);
}

Event Parser::documentStart(bool implicit) {
  Token token = scanner_.peek();
  if (!implicit) {
    while (token.type == TokenType::DocumentEnd) {
      scanner_.consume();
      token = scanner_.peek();
    }
  }
  bool directiveOrMarker = token.type == TokenType::VersionDirective ||
                           token.type == TokenType::TagDirective ||
                           token.type == TokenType::DocumentStart;
  if (implicit && !directiveOrMarker && token.type != TokenType::StreamEnd) {
    processDirectives();
    states_.push_back(State::DocumentEnd);
    state_ = State::BlockNode;
    return eventAt(EventType::DocumentStart, token.start);
  }
  if (token.type == TokenType::StreamEnd) {
    state_ = State::End;
    scanner_.consume();
    return eventAt(EventType::StreamEnd, token.start);
  }
  Mark start = token.start;
  processDirectives();
  token = scanner_.peek();
  if (token.type != TokenType::DocumentStart) fail("did not find expected <document start>", token.start);
  states_.push_back(State::DocumentEnd);
  state_ = State::DocumentContent;
  scanner_.consume();
  return eventAt(EventType::DocumentStart, start);
}

Event Parser::documentContent() {
  const Token& token = scanner_.peek();
  switch (token.type) {
    case TokenType::VersionDirective:
    case TokenType::TagDirective:
    case TokenType::DocumentStart:
    case TokenType::DocumentEnd:
    case TokenType::StreamEnd: {
      Mark at = token.start;
      popState();
      return emptyScalar(at);
    }
    default: return node(true, false);
  }
}

Event Parser::documentEnd() {
  const Token& token = scanner_.peek();
  Mark start = token.start;
  if (token.type == TokenType::DocumentEnd) scanner_.consume();
  tagDirectives_.clear();
  state_ = State::DocumentStart;
  return eventAt(EventType::DocumentEnd, start);
}

Event Parser::node(bool block, bool indentlessSequence) {
  Token token = scanner_.peek();
  if (token.type == TokenType::Alias) {
    popState();
    scanner_.consume();
    Event event = eventAt(EventType::Alias, token.start);
    event.anchor = token.value;
    return event;
  }
  Event event;
  event.start = token.start;
  bool tagged = false;
  std::string_view tagHandle;
  std::string_view tagSuffix;
  Mark tagMark;
  auto takeTag = [&] {
    tagged = true;
    tagHandle = token.value;
    tagSuffix = token.suffix;
    tagMark = token.start;
    scanner_.consume();
    token = scanner_.peek();
  };
  auto takeAnchor = [&] {
    event.anchor = token.value;
    scanner_.consume();
    token = scanner_.peek();
  };
  if (token.type == TokenType::Anchor) {
    takeAnchor();
    if (token.type == TokenType::Tag) takeTag();
  } else if (token.type == TokenType::Tag) {
    takeTag();
    if (token.type == TokenType::Anchor) takeAnchor();
  }
  if (tagged) {
    if (tagHandle.empty()) {
      event.tag = tagSuffix;
    } else {
      for (const TagDirective& directive : tagDirectives_) {
        if (directive.handle == tagHandle) {
          event.tag = tagSuffix.empty()
                          ? directive.prefix
                          : scanner_.keep(std::string(directive.prefix) + std::string(tagSuffix));
          break;
        }
      }
      if (event.tag.empty()) fail(event.start, "found undefined tag handle", tagMark);
    }
  }
  event.implicit = event.tag.empty();
  if (indentlessSequence && token.type == TokenType::BlockEntry) {
    event.type = EventType::SequenceStart;
    state_ = State::IndentlessSequenceEntry;
    return event;
  }
  switch (token.type) {
    case TokenType::Scalar:
      event.type = EventType::Scalar;
      event.value = token.value;
      event.style = token.style;
      event.implicit = (event.tag.empty() && token.style == ScalarStyle::Plain) || event.tag == "!";
      popState();
      scanner_.consume();
      return event;
    case TokenType::FlowSequenceStart:
      event.type = EventType::SequenceStart;
      state_ = State::FlowSequenceFirstEntry;
      return event;
    case TokenType::FlowMappingStart:
      event.type = EventType::MappingStart;
      state_ = State::FlowMappingFirstKey;
      return event;
    case TokenType::BlockSequenceStart:
      if (!block) break;
      event.type = EventType::SequenceStart;
      state_ = State::BlockSequenceFirstEntry;
      return event;
    case TokenType::BlockMappingStart:
      if (!block) break;
      event.type = EventType::MappingStart;
      state_ = State::BlockMappingFirstKey;
      return event;
    default: break;
  }
  if (!event.anchor.empty() || !event.tag.empty()) {
    event.type = EventType::Scalar;
    popState();
    return event;
  }
  fail(event.start, "did not find expected node content", token.start);
}

Event Parser::blockSequenceEntry(bool first) {
  if (first) {
    marks_.push_back(scanner_.peek().start);
    scanner_.consume();
  }
  Token token = scanner_.peek();
  if (token.type == TokenType::BlockEntry) {
    Mark mark = token.end;
    scanner_.consume();
    TokenType following = scanner_.peek().type;
    if (following != TokenType::BlockEntry && following != TokenType::BlockEnd) {
      states_.push_back(State::BlockSequenceEntry);
      return node(true, false);
    }
    state_ = State::BlockSequenceEntry;
    return emptyScalar(mark);
  }
  if (token.type == TokenType::BlockEnd) {
    popState();
    marks_.pop_back();
    scanner_.consume();
    return eventAt(EventType::SequenceEnd, token.start);
  }
  fail(marks_.back(), "did not find expected '-' indicator", token.start);
}

Event Parser::indentlessSequenceEntry() {
  Token token = scanner_.peek();
  if (token.type == TokenType::BlockEntry) {
    Mark mark = token.end;
    scanner_.consume();
    TokenType following = scanner_.peek().type;
    if (following != TokenType::BlockEntry && following != TokenType::Key &&
        following != TokenType::Value && following != TokenType::BlockEnd) {
      states_.push_back(State::IndentlessSequenceEntry);
      return node(true, false);
    }
    state_ = State::IndentlessSequenceEntry;
    return emptyScalar(mark);
  }
  popState();
  return eventAt(EventType::SequenceEnd, token.start);
}

Event Parser::blockMappingKey(bool first) {
  if (first) {
    marks_.push_back(scanner_.peek().start);
    scanner_.consume();
  }
  Token token = scanner_.peek();
  if (token.type == TokenType::Key) {
    Mark mark = token.end;
    scanner_.consume();
    TokenType following = scanner_.peek().type;
    if (following != TokenType::Key && following != TokenType::Value && following != TokenType::BlockEnd) {
      states_.push_back(State::BlockMappingValue);
      return node(true, true);
    }
    state_ = State::BlockMappingValue;
    return emptyScalar(mark);
  }
  if (token.type == TokenType::BlockEnd) {
    popState();
    marks_.pop_back();
    scanner_.consume();
    return eventAt(EventType::MappingEnd, token.start);
  }
  fail(marks_.back(), "did not find expected key", token.start);
}

Event Parser::blockMappingValue() {
  Token token = scanner_.peek();
  if (token.type == TokenType::Value) {
    Mark mark = token.end;
    scanner_.consume();
    TokenType following = scanner_.peek().type;
    if (following != TokenType::Key && following != TokenType::Value && following != TokenType::BlockEnd) {
      states_.push_back(State::BlockMappingKey);
      return node(true, true);
    }
    state_ = State::BlockMappingKey;
    return emptyScalar(mark);
  }
  state_ = State::BlockMappingKey;
  return emptyScalar(token.start);
}

Event Parser::flowSequenceEntry(bool first) {
  if (first) {
    marks_.push_back(scanner_.peek().start);
    scanner_.consume();
  }
  Token token = scanner_.peek();
  if (token.type != TokenType::FlowSequenceEnd) {
    if (!first) {
      if (token.type != TokenType::FlowEntry) {
        fail(marks_.back(), "did not find expected ',' or ']'", token.start);
      }
      scanner_.consume();
      token = scanner_.peek();
    }
    if (token.type == TokenType::Key) {
      state_ = State::FlowSequenceEntryMappingKey;
      scanner_.consume();
      Event event = eventAt(EventType::MappingStart, token.start);
      event.implicit = true;
      return event;
    }
    if (token.type != TokenType::FlowSequenceEnd) {
      states_.push_back(State::FlowSequenceEntry);
      return node(false, false);
    }
  }
  popState();
  marks_.pop_back();
  scanner_.consume();
  return eventAt(EventType::SequenceEnd, token.start);
}

Event Parser::flowSequenceEntryMappingKey() {
  Token token = scanner_.peek();
  if (token.type != TokenType::Value && token.type != TokenType::FlowEntry &&
      token.type != TokenType::FlowSequenceEnd) {
    states_.push_back(State::FlowSequenceEntryMappingValue);
    return node(false, false);
  }
  Mark mark = token.end;
  scanner_.consume();
  state_ = State::FlowSequenceEntryMappingValue;
  return emptyScalar(mark);
}

Event Parser::flowSequenceEntryMappingValue() {
  Token token = scanner_.peek();
  if (token.type == TokenType::Value) {
    scanner_.consume();
    token = scanner_.peek();
    if (token.type != TokenType::FlowEntry && token.type != TokenType::FlowSequenceEnd) {
      states_.push_back(State::FlowSequenceEntryMappingEnd);
      return node(false, false);
    }
  }
  state_ = State::FlowSequenceEntryMappingEnd;
  return emptyScalar(token.start);
}

Event Parser::flowSequenceEntryMappingEnd() {
  Mark at = scanner_.peek().start;
  state_ = State::FlowSequenceEntry;
  return eventAt(EventType::MappingEnd, at);
}

Event Parser::flowMappingKey(bool first) {
  if (first) {
    marks_.push_back(scanner_.peek().start);
    scanner_.consume();
  }
  Token token = scanner_.peek();
  if (token.type != TokenType::FlowMappingEnd) {
    if (!first) {
      if (token.type != TokenType::FlowEntry) {
        fail(marks_.back(), "did not find expected ',' or '}'", token.start);
      }
      scanner_.consume();
      token = scanner_.peek();
    }
    if (token.type == TokenType::Key) {
      scanner_.consume();
      token = scanner_.peek();
      if (token.type != TokenType::Value && token.type != TokenType::FlowEntry &&
          token.type != TokenType::FlowMappingEnd) {
        states_.push_back(State::FlowMappingValue);
        return node(false, false);
      }
      state_ = State::FlowMappingValue;
      return emptyScalar(token.start);
    }
    if (token.type != TokenType::FlowMappingEnd) {
      states_.push_back(State::FlowMappingEmptyValue);
      return node(false, false);
    }
  }
  popState();
  marks_.pop_back();
  scanner_.consume();
  return eventAt(EventType::MappingEnd, token.start);
}

Event Parser::flowMappingValue(bool empty) {
  Token token = scanner_.peek();
  if (empty) {
    state_ = State::FlowMappingKey;
    return emptyScalar(token.start);
  }
  if (token.type == TokenType::Value) {
    scanner_.consume();
    token = scanner_.peek();
    if (token.type != TokenType::FlowEntry && token.type != TokenType::FlowMappingEnd) {
      states_.push_back(State::FlowMappingKey);
      return node(false, false);
    }
  }
  state_ = State::FlowMappingKey;
  return emptyScalar(token.start);
}

Event Parser::emptyScalar(const Mark& at) {
  Event event = eventAt(EventType::Scalar, at);
  event.implicit = true;
  return event;
}

void Parser::processDirectives() {
  bool sawVersion = false;
  Token token = scanner_.peek();
  while (token.type == TokenType::VersionDirective || token.type == TokenType::TagDirective) {
    if (token.type == TokenType::VersionDirective) {
      if (sawVersion) fail("found duplicate %YAML directive", token.start);
      if (token.major != 1 || token.minor != 1) fail("found incompatible YAML document", token.start);
      sawVersion = true;
    } else {
      addTagDirective({token.value, token.suffix}, false, token.start);
    }
    scanner_.consume();
    token = scanner_.peek();
  }
  addTagDirective({"!", "!"}, true, token.start);
  addTagDirective({"!!", kDefaultTagPrefix}, true, token.start);
}

void Parser::addTagDirective(TagDirective directive, bool allowDuplicates, const Mark& at) {
  for (const TagDirective& existing : tagDirectives_) {
    if (existing.handle == directive.handle) {
      if (allowDuplicates) return;
      fail("found duplicate %TAG directive", at);
    }
  }
  tagDirectives_.push_back(directive);
}

}  // namespace ho::encoding::yaml
