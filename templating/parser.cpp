// Recursive-descent parser over the lexer's tokens, following Go's
// text/template/parse: the same look-ahead, the same checks, the same errors.
#include "templating/parser.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/stack_guard.h"
#include "templating/builtins.h"
#include "templating/go_format.h"
#include "templating/lexer.h"

namespace ho::tmpl {
namespace {

// Thrown inside the parser; turned into an Error at parseTemplate().
struct ParseFailure {
  std::string message;
};

// Field tokens carry their leading dot: ".a" -> "a".
std::string_view fieldName(std::string_view token) { return token.substr(1); }

class Parser {
 public:
  Parser(std::string_view name, SharedText source, const FunctionTable& functions, std::shared_ptr<NodeArena> arena)
      : functions_(functions),
        source_(std::move(source)),
        parseName_(name),
        arena_(arena ? std::move(arena) : std::make_shared<NodeArena>()) {
    LexOptions options;
    options.breakIsKeyword = !hasFunction("break");
    options.continueIsKeyword = !hasFunction("continue");
    lexed_ = lexTemplate(source_.view(), options);
  }

  ParsedTrees run() {
    auto tree = newTree(parseName_);
    tree->root = parseTopLevel();
    add(std::move(tree));
    return std::move(trees_);
  }

 private:
  // ---- arena ----
  template <class T, class... Args>
  T* make(Args&&... args) {
    return new (arena_->allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }
  // The entries of `stack` from `mark` on, moved into an array in the arena
  // (as T, for node stacks) and popped. Sequences are collected on these
  // stacks while their length is unknown: a nested sequence pushes and pops
  // above the one it belongs to.
  template <class T, class Entry>
  std::span<T const> popInto(std::vector<Entry>& stack, std::size_t mark) {
    const std::size_t count = stack.size() - mark;
    if (count == 0) return {};
    auto* copy = static_cast<T*>(arena_->allocate(count * sizeof(T), alignof(T)));
    for (std::size_t i = 0; i < count; ++i) new (copy + i) T(static_cast<T>(stack[mark + i]));
    stack.resize(mark);
    return {copy, count};
  }
  NodeList popNodes(std::size_t mark) { return popInto<NodePtr>(nodeStack_, mark); }
  Idents popIdents(std::size_t mark) { return popInto<std::string_view>(identStack_, mark); }
  // "$x.a.b" -> {"$x", "a", "b"}
  Idents splitDots(std::string_view text) {
    const std::size_t mark = identStack_.size();
    for (std::size_t start = 0;;) {
      const std::size_t dot = text.find('.', start);
      identStack_.push_back(text.substr(start, dot - start));
      if (dot == std::string_view::npos) return popIdents(mark);
      start = dot + 1;
    }
  }
  // `text` copied into the arena.
  std::string_view keep(std::string_view text) {
    if (text.empty()) return {};
    char* copy = static_cast<char*>(arena_->allocate(text.size(), 1));
    std::copy(text.begin(), text.end(), copy);
    return {copy, text.size()};
  }

  // ---- token access (Go's next/peek/backup over a token buffer) ----
  // Past the last token (Eof or Error) reads that token again, as Go's
  // parser keeps returning EOF; only an index beyond the furthest yet read
  // can be past it.
  const Token& tokenAt(std::size_t index) {
    if (index > furthest_) furthest_ = index = std::min(index, lexed_.tokens.size() - 1);
    return lexed_.tokens[index];
  }
  const Token& next() { return tokenAt(index_++); }
  const Token& peek() { return tokenAt(index_); }
  void backup() { --index_; }
  const Token& nextNonSpace() {
    for (;;) {
      const Token& token = next();
      if (token.kind != TokenKind::Space) return token;
    }
  }
  const Token& peekNonSpace() {
    const Token& token = nextNonSpace();
    backup();
    return token;
  }

  // ---- errors ----
  [[noreturn]] void errorf(const std::string& message) {
    throw ParseFailure{"template: " + parseName_ + ":" + std::to_string(tokenAt(furthest_).line) + ": " + message};
  }
  [[noreturn]] void unexpected(const Token& token, std::string_view context) {
    if (token.kind == TokenKind::Error) {
      std::string extra;
      if (actionLine_ != 0 && actionLine_ != token.line) {
        extra = " in action started at " + parseName_ + ":" + std::to_string(actionLine_);
        if (token.text.ends_with(" action")) extra = extra.substr(std::string_view(" in action").size());
      }
      errorf(std::string(token.text) + extra);
    }
    errorf("unexpected " + describeToken(token) + " in " + std::string(context));
  }
  const Token& expect(TokenKind kind, std::string_view context) {
    const Token& token = nextNonSpace();
    if (token.kind != kind) unexpected(token, context);
    return token;
  }
  void checkDepth() {
    if (stackNearlyExhausted()) errorf("exceeded maximum template nesting depth");
  }

  bool hasFunction(std::string_view name) const { return functions_.contains(name) || findBuiltin(name) >= 0; }

  std::shared_ptr<Tree> newTree(std::string name) {
    auto tree = std::make_shared<Tree>();
    tree->name = std::move(name);
    tree->parseName = parseName_;
    tree->source = source_;
    tree->arena = arena_;
    return tree;
  }

  // parse.Tree.add: a second non-empty definition of one name is an error.
  void add(std::shared_ptr<Tree> tree) {
    auto found = byName_.find(tree->name);
    if (found == byName_.end()) {
      byName_.emplace(tree->name, trees_.size());
      trees_.push_back(std::move(tree));
      return;
    }
    if (isEmptyTree(*trees_[found->second]->root)) {
      trees_[found->second] = std::move(tree);
      return;
    }
    if (!isEmptyTree(*tree->root)) errorf("template: multiple definition of template \"" + tree->name + "\"");
  }

  // ---- structure ----
  ListNode* parseTopLevel() {
    const std::size_t pos = peek().pos;
    const std::size_t mark = nodeStack_.size();
    while (peek().kind != TokenKind::Eof) {
      if (peek().kind == TokenKind::LeftDelim) {
        std::size_t delim = index_;
        next();
        if (nextNonSpace().kind == TokenKind::Define) {
          parseDefinition();
          continue;
        }
        index_ = delim;
      }
      NodePtr node = textOrAction();
      if (node->type == NodeType::End || node->type == NodeType::Else) errorf("unexpected " + node->str());
      nodeStack_.push_back(node);
    }
    return make<ListNode>(pos, popNodes(mark));
  }

  // Runs `body` as a fresh tree would: its own variables ($ only), no enclosing range.
  template <class F>
  void inNewTreeScope(F&& body) {
    auto savedVars = std::move(vars_);
    int savedRangeDepth = rangeDepth_;
    int savedActionLine = actionLine_;
    vars_ = {"$"};
    rangeDepth_ = 0;
    actionLine_ = 0;
    body();
    vars_ = std::move(savedVars);
    rangeDepth_ = savedRangeDepth;
    actionLine_ = savedActionLine;
  }

  void parseDefinition() {
    const std::string context = "define clause";
    const Token& nameToken = nextNonSpace();
    if (nameToken.kind != TokenKind::String && nameToken.kind != TokenKind::RawString) unexpected(nameToken, context);
    auto tree = newTree(std::string(unquoted(nameToken.text)));
    expect(TokenKind::RightDelim, context);
    inNewTreeScope([&] {
      auto [list, end] = itemList();
      if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
      tree->root = list;
    });
    add(std::move(tree));
  }

  std::pair<ListNode*, NodePtr> itemList() {
    checkDepth();
    const std::size_t pos = peekNonSpace().pos;
    const std::size_t mark = nodeStack_.size();
    while (peekNonSpace().kind != TokenKind::Eof) {
      NodePtr node = textOrAction();
      if (node->type == NodeType::End || node->type == NodeType::Else) {
        return {make<ListNode>(pos, popNodes(mark)), node};
      }
      nodeStack_.push_back(node);
    }
    errorf("unexpected EOF");
  }

  NodePtr textOrAction() {
    const Token& token = nextNonSpace();
    switch (token.kind) {
      case TokenKind::Text: return make<TextNode>(token.pos, token.text);
      case TokenKind::LeftDelim: {
        actionLine_ = token.line;
        NodePtr node = action();
        actionLine_ = 0;
        return node;
      }
      default: unexpected(token, "input");
    }
  }

  NodePtr action() {
    const Token& token = nextNonSpace();
    switch (token.kind) {
      case TokenKind::Block: return blockControl();
      case TokenKind::Break: return loopControl(NodeType::Break, token, "{{break}}");
      case TokenKind::Continue: return loopControl(NodeType::Continue, token, "{{continue}}");
      case TokenKind::Else: return elseControl();
      case TokenKind::End: return make<KeywordNode>(NodeType::End, expect(TokenKind::RightDelim, "end").pos, 0);
      case TokenKind::If: return branchControl(NodeType::If, "if");
      case TokenKind::Range: return branchControl(NodeType::Range, "range");
      case TokenKind::Template: return templateControl();
      case TokenKind::With: return branchControl(NodeType::With, "with");
      default: break;
    }
    backup();
    const Token& first = peek();
    std::size_t pos = first.pos;
    int line = first.line;
    return make<ActionNode>(pos, line, pipeline("command", TokenKind::RightDelim));
  }

  NodePtr loopControl(NodeType type, const Token& keyword, std::string_view context) {
    std::size_t pos = keyword.pos;
    int line = keyword.line;
    const Token& token = nextNonSpace();
    if (token.kind != TokenKind::RightDelim) unexpected(token, context);
    if (rangeDepth_ == 0) errorf(std::string(context) + " outside {{range}}");
    return make<KeywordNode>(type, pos, line);
  }

  NodePtr elseControl() {
    const Token& ahead = peekNonSpace();
    if (ahead.kind == TokenKind::If || ahead.kind == TokenKind::With) {
      return make<KeywordNode>(NodeType::Else, ahead.pos, ahead.line);
    }
    const Token& token = expect(TokenKind::RightDelim, "else");
    return make<KeywordNode>(NodeType::Else, token.pos, token.line);
  }

  NodePtr branchControl(NodeType type, std::string_view context) {
    std::size_t varMark = vars_.size();
    auto pipe = pipeline(context, TokenKind::RightDelim);
    if (type == NodeType::Range) ++rangeDepth_;
    auto [list, next] = itemList();
    if (type == NodeType::Range) --rangeDepth_;
    ListNode* elseList = nullptr;
    if (next->type == NodeType::Else) {
      // "else if" and "else with" nest the chained branch inside the else list.
      TokenKind chained = type == NodeType::If ? TokenKind::If : type == NodeType::With ? TokenKind::With : TokenKind::Eof;
      if (chained != TokenKind::Eof && peek().kind == chained) {
        this->next();
        const NodePtr chainedBranch = branchControl(type, context);
        const std::size_t mark = nodeStack_.size();
        nodeStack_.push_back(chainedBranch);
        elseList = make<ListNode>(next->pos, popNodes(mark));
      } else {
        auto [items, end] = itemList();
        if (end->type != NodeType::End) errorf("expected end; found " + end->str());
        elseList = items;
      }
    }
    vars_.resize(varMark);
    std::size_t pos = pipe->pos;
    int line = pipe->line;
    auto* branch = make<BranchNode>(type, pos, line, pipe, list, elseList);
    if (type == NodeType::Range) branch->bodyReadsElement = bodyReadsElement(*branch);
    return branch;
  }

  // Whether a range's body mentions dot, a field of dot, or the element variable.
  static bool bodyReadsElement(const BranchNode& range) {
    const std::string_view element = range.pipe->decl.empty() ? "" : range.pipe->decl.back()->ident[0];
    return anyNode(*range.list, [&element](const Node& node) {
      return node.type == NodeType::Dot || node.type == NodeType::Field ||
             (node.type == NodeType::Variable && static_cast<const VariableNode&>(node).ident[0] == element);
    });
  }

  std::string_view parseTemplateName(const Token& token, std::string_view context) {
    if (token.kind != TokenKind::String && token.kind != TokenKind::RawString) unexpected(token, context);
    return unquoted(token.text);
  }

  NodePtr templateControl() {
    const std::string context = "template clause";
    const Token& token = nextNonSpace();
    std::size_t pos = token.pos;
    int line = token.line;
    std::string_view name = parseTemplateName(token, context);
    PipeNode* pipe = nullptr;
    if (nextNonSpace().kind != TokenKind::RightDelim) {
      backup();
      pipe = pipeline(context, TokenKind::RightDelim);
    }
    return make<TemplateNode>(pos, line, name, pipe);
  }

  NodePtr blockControl() {
    const std::string context = "block clause";
    const Token& token = nextNonSpace();
    std::size_t pos = token.pos;
    int line = token.line;
    std::string_view name = parseTemplateName(token, context);
    auto* pipe = pipeline(context, TokenKind::RightDelim);
    auto tree = newTree(std::string(name));
    inNewTreeScope([&] {
      auto [list, end] = itemList();
      if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
      tree->root = list;
    });
    add(std::move(tree));
    return make<TemplateNode>(pos, line, name, pipe);
  }

  // ---- pipelines ----
  PipeNode* pipeline(std::string_view context, TokenKind end) {
    checkDepth();
    const Token& first = peekNonSpace();
    auto* pipe = make<PipeNode>(first.pos, first.line);
    const std::size_t mark = nodeStack_.size();
    pipe->isAssign = parseDeclarations(mark, context);
    pipe->decl = popInto<VariableNode*>(nodeStack_, mark);
    for (;;) {
      const Token& token = nextNonSpace();
      if (token.kind == end) {
        pipe->cmds = popInto<CommandNode*>(nodeStack_, mark);
        checkPipeline(*pipe, context);
        return pipe;
      }
      switch (token.kind) {
        case TokenKind::Bool: case TokenKind::CharConstant: case TokenKind::Complex: case TokenKind::Dot:
        case TokenKind::Field: case TokenKind::Identifier: case TokenKind::Number: case TokenKind::Nil:
        case TokenKind::RawString: case TokenKind::String: case TokenKind::Variable: case TokenKind::LeftParen:
          backup();
          nodeStack_.push_back(command());
          break;
        default:
          unexpected(token, context);
      }
    }
  }

  // The pipeline's declared variables pushed from `mark` on; whether they are assigned (`=`).
  bool parseDeclarations(std::size_t mark, std::string_view context) {
    for (;;) {
      const Token& variable = peekNonSpace();
      if (variable.kind != TokenKind::Variable) return false;
      std::size_t variableIndex = index_;
      next();
      const Token& following = peekNonSpace();
      if (following.kind == TokenKind::Assign || following.kind == TokenKind::Declare) {
        nextNonSpace();
        declare(variable);
        return following.kind == TokenKind::Assign;
      }
      if (following.kind == TokenKind::Char && following.text == ",") {
        nextNonSpace();
        declare(variable);
        if (context == "range" && nodeStack_.size() - mark < 2) {
          TokenKind k = peekNonSpace().kind;
          if (k == TokenKind::Variable || k == TokenKind::RightDelim || k == TokenKind::RightParen) continue;
          errorf("range can only initialize variables");
        }
        errorf("too many declarations in " + std::string(context));
      }
      index_ = variableIndex;  // not a declaration: the variable is an operand
      return false;
    }
  }

  void declare(const Token& variable) {
    nodeStack_.push_back(make<VariableNode>(variable.pos, splitDots(variable.text)));
    vars_.emplace_back(variable.text);
  }

  void checkPipeline(const PipeNode& pipe, std::string_view context) {
    if (pipe.cmds.empty()) errorf("missing value for " + std::string(context));
    for (std::size_t i = 1; i < pipe.cmds.size(); ++i) {
      switch (pipe.cmds[i]->args[0]->type) {
        case NodeType::Bool: case NodeType::Dot: case NodeType::Nil: case NodeType::Number: case NodeType::String:
          errorf("non executable command in pipeline stage " + std::to_string(i + 1));
        default: break;
      }
    }
  }

  CommandNode* command() {
    const std::size_t pos = peekNonSpace().pos;
    const std::size_t mark = nodeStack_.size();
    for (;;) {
      peekNonSpace();
      if (NodePtr arg = operand()) nodeStack_.push_back(arg);
      const Token& token = next();
      if (token.kind == TokenKind::Space) continue;
      if (token.kind == TokenKind::RightDelim || token.kind == TokenKind::RightParen) {
        backup();
      } else if (token.kind != TokenKind::Pipe) {
        unexpected(token, "operand");
      }
      break;
    }
    if (nodeStack_.size() == mark) errorf("empty command");
    return make<CommandNode>(pos, popNodes(mark));
  }

  NodePtr operand() {
    NodePtr node = term();
    if (!node || peek().kind != TokenKind::Field) return node;
    std::size_t chainPos = peek().pos;
    const std::size_t mark = identStack_.size();
    Idents* merged = node->type == NodeType::Field      ? &static_cast<FieldNode&>(*node).ident
                     : node->type == NodeType::Variable ? &static_cast<VariableNode&>(*node).ident
                                                        : nullptr;
    if (merged) identStack_.insert(identStack_.end(), merged->begin(), merged->end());
    while (peek().kind == TokenKind::Field) identStack_.push_back(fieldName(next().text));
    switch (node->type) {
      case NodeType::Field:
      case NodeType::Variable:  // .a.b and $x.a.b stay one node
        *merged = popIdents(mark);
        node->pos = static_cast<std::uint32_t>(chainPos);
        return node;
      case NodeType::Bool: case NodeType::String: case NodeType::Number: case NodeType::Nil: case NodeType::Dot:
        errorf("unexpected . after term " + quoteGo(node->str()));
      default: return make<ChainNode>(chainPos, node, popIdents(mark));
    }
  }

  NodePtr term() {
    const Token& token = nextNonSpace();
    switch (token.kind) {
      case TokenKind::Identifier: {
        auto* ident = make<IdentifierNode>(token.pos, token.text);
        ident->function = functions_.find(token.text);
        if (!ident->function) ident->builtin = findBuiltin(token.text);
        if (!ident->function && ident->builtin < 0) {
          errorf("function \"" + std::string(token.text) + "\" not defined");
        }
        return ident;
      }
      case TokenKind::Dot: return make<DotNode>(token.pos);
      case TokenKind::Nil: return make<NilNode>(token.pos);
      case TokenKind::Variable: {
        auto* variable = make<VariableNode>(token.pos, splitDots(token.text));
        if (std::find(vars_.begin(), vars_.end(), variable->ident[0]) == vars_.end()) {
          errorf("undefined variable \"" + std::string(variable->ident[0]) + "\"");
        }
        return variable;
      }
      case TokenKind::Field: {
        const std::size_t mark = identStack_.size();
        identStack_.push_back(fieldName(token.text));
        return make<FieldNode>(token.pos, popIdents(mark));
      }
      case TokenKind::Bool: return make<BoolNode>(token.pos, token.text == "true");
      case TokenKind::CharConstant:
      case TokenKind::Complex:
      case TokenKind::Number: {
        auto parsed = parseNumberLiteral(token.text, token.kind == TokenKind::CharConstant,
                                         token.kind == TokenKind::Complex);
        if (auto* message = std::get_if<std::string>(&parsed)) errorf(*message);
        return make<NumberNode>(token.pos, token.text, std::get<NumberLiteral>(parsed));
      }
      case TokenKind::LeftParen: return pipeline("parenthesized pipeline", TokenKind::RightParen);
      case TokenKind::String:
      case TokenKind::RawString:
        return make<StringNode>(token.pos, token.text, unquoted(token.text));
      default:
        backup();
        return nullptr;
    }
  }

  // A string literal's value: viewed in the source when it is its own text
  // (most are), else unquoted into the arena.
  std::string_view unquoted(std::string_view literal) {
    if (auto inPlace = unquotedInPlace(literal)) return *inPlace;
    auto text = unquoteGoString(literal);
    if (!text) errorf("invalid syntax");
    return keep(*text);
  }

  const FunctionTable& functions_;
  SharedText source_;
  std::string parseName_;
  std::shared_ptr<NodeArena> arena_;
  std::vector<NodePtr> nodeStack_;               // sequences being collected (see popInto)
  std::vector<std::string_view> identStack_;
  LexedTokens lexed_;
  std::size_t index_ = 0;
  std::size_t furthest_ = 0;
  std::vector<std::string> vars_{"$"};
  int rangeDepth_ = 0;
  int actionLine_ = 0;
  ParsedTrees trees_;
  std::map<std::string, std::size_t, std::less<>> byName_;
};

}  // namespace

Result<ParsedTrees> parseTemplate(std::string_view name, SharedText source, const FunctionTable& functions,
                                  std::shared_ptr<NodeArena> arena) {
  if (source.size() > std::numeric_limits<std::uint32_t>::max()) {
    return Error{"template: " + std::string(name) + ": source larger than 4 GiB"};
  }
  try {
    return Parser(name, std::move(source), functions, std::move(arena)).run();
  } catch (const ParseFailure& failure) {
    return Error{failure.message};
  }
}

}  // namespace ho::tmpl
