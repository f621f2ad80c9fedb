// Recursive-descent parser over the lexer's tokens, following Go's
// text/template/parse: the same look-ahead, the same checks, the same errors.
#include "templating/parser.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <string_view>

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

Idents splitDots(std::string_view text) {
  Idents parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

// Field tokens carry their leading dot: ".a" -> "a".
std::string_view fieldName(std::string_view token) { return token.substr(1); }

class Parser {
 public:
  Parser(std::string_view name, SharedText source, const FunctionTable& functions)
      : functions_(functions), source_(std::move(source)), parseName_(name) {
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
  // ---- token access (Go's next/peek/backup over a token buffer) ----
  const Token& tokenAt(std::size_t index) {
    index = std::min(index, lexed_.tokens.size() - 1);
    furthest_ = std::max(furthest_, index);
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
  std::unique_ptr<ListNode> parseTopLevel() {
    auto root = std::make_unique<ListNode>(peek().pos);
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
      root->nodes.push_back(std::move(node));
    }
    return root;
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
    auto tree = newTree(unquote(nameToken.text));
    expect(TokenKind::RightDelim, context);
    inNewTreeScope([&] {
      auto [list, end] = itemList();
      if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
      tree->root = std::move(list);
    });
    add(std::move(tree));
  }

  std::pair<std::unique_ptr<ListNode>, NodePtr> itemList() {
    checkDepth();
    auto list = std::make_unique<ListNode>(peekNonSpace().pos);
    while (peekNonSpace().kind != TokenKind::Eof) {
      NodePtr node = textOrAction();
      if (node->type == NodeType::End || node->type == NodeType::Else) return {std::move(list), std::move(node)};
      list->nodes.push_back(std::move(node));
    }
    errorf("unexpected EOF");
  }

  NodePtr textOrAction() {
    const Token& token = nextNonSpace();
    switch (token.kind) {
      case TokenKind::Text: return std::make_unique<TextNode>(token.pos, token.text);
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
      case TokenKind::End: return std::make_unique<KeywordNode>(NodeType::End, expect(TokenKind::RightDelim, "end").pos, 0);
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
    return std::make_unique<ActionNode>(pos, line, pipeline("command", TokenKind::RightDelim));
  }

  NodePtr loopControl(NodeType type, const Token& keyword, std::string_view context) {
    std::size_t pos = keyword.pos;
    int line = keyword.line;
    const Token& token = nextNonSpace();
    if (token.kind != TokenKind::RightDelim) unexpected(token, context);
    if (rangeDepth_ == 0) errorf(std::string(context) + " outside {{range}}");
    return std::make_unique<KeywordNode>(type, pos, line);
  }

  NodePtr elseControl() {
    const Token& ahead = peekNonSpace();
    if (ahead.kind == TokenKind::If || ahead.kind == TokenKind::With) {
      return std::make_unique<KeywordNode>(NodeType::Else, ahead.pos, ahead.line);
    }
    const Token& token = expect(TokenKind::RightDelim, "else");
    return std::make_unique<KeywordNode>(NodeType::Else, token.pos, token.line);
  }

  NodePtr branchControl(NodeType type, std::string_view context) {
    std::size_t varMark = vars_.size();
    auto pipe = pipeline(context, TokenKind::RightDelim);
    if (type == NodeType::Range) ++rangeDepth_;
    auto [list, next] = itemList();
    if (type == NodeType::Range) --rangeDepth_;
    std::unique_ptr<ListNode> elseList;
    if (next->type == NodeType::Else) {
      // "else if" and "else with" nest the chained branch inside the else list.
      TokenKind chained = type == NodeType::If ? TokenKind::If : type == NodeType::With ? TokenKind::With : TokenKind::Eof;
      if (chained != TokenKind::Eof && peek().kind == chained) {
        this->next();
        elseList = std::make_unique<ListNode>(next->pos);
        elseList->nodes.push_back(branchControl(type, context));
      } else {
        auto [items, end] = itemList();
        if (end->type != NodeType::End) errorf("expected end; found " + end->str());
        elseList = std::move(items);
      }
    }
    vars_.resize(varMark);
    std::size_t pos = pipe->pos;
    int line = pipe->line;
    auto branch = std::make_unique<BranchNode>(type, pos, line, std::move(pipe), std::move(list), std::move(elseList));
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

  std::string parseTemplateName(const Token& token, std::string_view context) {
    if (token.kind != TokenKind::String && token.kind != TokenKind::RawString) unexpected(token, context);
    return unquote(token.text);
  }

  NodePtr templateControl() {
    const std::string context = "template clause";
    const Token& token = nextNonSpace();
    std::size_t pos = token.pos;
    int line = token.line;
    std::string name = parseTemplateName(token, context);
    std::unique_ptr<PipeNode> pipe;
    if (nextNonSpace().kind != TokenKind::RightDelim) {
      backup();
      pipe = pipeline(context, TokenKind::RightDelim);
    }
    return std::make_unique<TemplateNode>(pos, line, std::move(name), std::move(pipe));
  }

  NodePtr blockControl() {
    const std::string context = "block clause";
    const Token& token = nextNonSpace();
    std::size_t pos = token.pos;
    int line = token.line;
    std::string name = parseTemplateName(token, context);
    auto pipe = pipeline(context, TokenKind::RightDelim);
    auto tree = newTree(name);
    inNewTreeScope([&] {
      auto [list, end] = itemList();
      if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
      tree->root = std::move(list);
    });
    add(std::move(tree));
    return std::make_unique<TemplateNode>(pos, line, std::move(name), std::move(pipe));
  }

  // ---- pipelines ----
  std::unique_ptr<PipeNode> pipeline(std::string_view context, TokenKind end) {
    checkDepth();
    const Token& first = peekNonSpace();
    auto pipe = std::make_unique<PipeNode>(first.pos, first.line);
    parseDeclarations(*pipe, context);
    for (;;) {
      const Token& token = nextNonSpace();
      if (token.kind == end) {
        checkPipeline(*pipe, context);
        return pipe;
      }
      switch (token.kind) {
        case TokenKind::Bool: case TokenKind::CharConstant: case TokenKind::Complex: case TokenKind::Dot:
        case TokenKind::Field: case TokenKind::Identifier: case TokenKind::Number: case TokenKind::Nil:
        case TokenKind::RawString: case TokenKind::String: case TokenKind::Variable: case TokenKind::LeftParen:
          backup();
          pipe->cmds.push_back(command());
          break;
        default:
          unexpected(token, context);
      }
    }
  }

  void parseDeclarations(PipeNode& pipe, std::string_view context) {
    for (;;) {
      const Token& variable = peekNonSpace();
      if (variable.kind != TokenKind::Variable) return;
      std::size_t variableIndex = index_;
      next();
      const Token& following = peekNonSpace();
      if (following.kind == TokenKind::Assign || following.kind == TokenKind::Declare) {
        pipe.isAssign = following.kind == TokenKind::Assign;
        nextNonSpace();
        declare(pipe, variable);
        return;
      }
      if (following.kind == TokenKind::Char && following.text == ",") {
        nextNonSpace();
        declare(pipe, variable);
        if (context == "range" && pipe.decl.size() < 2) {
          TokenKind k = peekNonSpace().kind;
          if (k == TokenKind::Variable || k == TokenKind::RightDelim || k == TokenKind::RightParen) continue;
          errorf("range can only initialize variables");
        }
        errorf("too many declarations in " + std::string(context));
      }
      index_ = variableIndex;  // not a declaration: the variable is an operand
      return;
    }
  }

  void declare(PipeNode& pipe, const Token& variable) {
    pipe.decl.push_back(std::make_unique<VariableNode>(variable.pos, splitDots(variable.text)));
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

  std::unique_ptr<CommandNode> command() {
    auto cmd = std::make_unique<CommandNode>(peekNonSpace().pos);
    for (;;) {
      peekNonSpace();
      if (NodePtr arg = operand()) cmd->args.push_back(std::move(arg));
      const Token& token = next();
      if (token.kind == TokenKind::Space) continue;
      if (token.kind == TokenKind::RightDelim || token.kind == TokenKind::RightParen) {
        backup();
      } else if (token.kind != TokenKind::Pipe) {
        unexpected(token, "operand");
      }
      break;
    }
    if (cmd->args.empty()) errorf("empty command");
    return cmd;
  }

  NodePtr operand() {
    NodePtr node = term();
    if (!node || peek().kind != TokenKind::Field) return node;
    std::size_t chainPos = peek().pos;
    Idents fields;
    while (peek().kind == TokenKind::Field) fields.push_back(fieldName(next().text));
    switch (node->type) {
      case NodeType::Field:
      case NodeType::Variable: {  // .a.b and $x.a.b stay one node
        auto& idents = node->type == NodeType::Field ? static_cast<FieldNode&>(*node).ident
                                                     : static_cast<VariableNode&>(*node).ident;
        std::move(fields.begin(), fields.end(), std::back_inserter(idents));
        node->pos = static_cast<std::uint32_t>(chainPos);
        return node;
      }
      case NodeType::Bool: case NodeType::String: case NodeType::Number: case NodeType::Nil: case NodeType::Dot:
        errorf("unexpected . after term " + quoteGo(node->str()));
      default: {
        auto chain = std::make_unique<ChainNode>(chainPos, std::move(node));
        chain->fields = std::move(fields);
        return chain;
      }
    }
  }

  NodePtr term() {
    const Token& token = nextNonSpace();
    switch (token.kind) {
      case TokenKind::Identifier: {
        if (!hasFunction(token.text)) errorf("function \"" + std::string(token.text) + "\" not defined");
        auto ident = std::make_unique<IdentifierNode>(token.pos, token.text);
        ident->function = functions_.find(token.text);
        if (!ident->function) ident->builtin = findBuiltin(token.text);
        return ident;
      }
      case TokenKind::Dot: return std::make_unique<DotNode>(token.pos);
      case TokenKind::Nil: return std::make_unique<NilNode>(token.pos);
      case TokenKind::Variable: {
        auto variable = std::make_unique<VariableNode>(token.pos, splitDots(token.text));
        if (std::find(vars_.begin(), vars_.end(), variable->ident[0]) == vars_.end()) {
          errorf("undefined variable \"" + std::string(variable->ident[0]) + "\"");
        }
        return variable;
      }
      case TokenKind::Field: return std::make_unique<FieldNode>(token.pos, Idents{fieldName(token.text)});
      case TokenKind::Bool: return std::make_unique<BoolNode>(token.pos, token.text == "true");
      case TokenKind::CharConstant:
      case TokenKind::Complex:
      case TokenKind::Number: {
        auto parsed = parseNumberLiteral(token.text, token.kind == TokenKind::CharConstant,
                                         token.kind == TokenKind::Complex);
        if (auto* message = std::get_if<std::string>(&parsed)) errorf(*message);
        return std::make_unique<NumberNode>(token.pos, token.text, std::get<NumberLiteral>(parsed));
      }
      case TokenKind::LeftParen: return pipeline("parenthesized pipeline", TokenKind::RightParen);
      case TokenKind::String:
      case TokenKind::RawString: return std::make_unique<StringNode>(token.pos, token.text, unquote(token.text));
      default:
        backup();
        return nullptr;
    }
  }

  std::string unquote(std::string_view literal) {
    auto text = unquoteGoString(literal);
    if (!text) errorf("invalid syntax");
    return *text;
  }

  const FunctionTable& functions_;
  SharedText source_;
  std::string parseName_;
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

Result<ParsedTrees> parseTemplate(std::string_view name, SharedText source,
                                  const FunctionTable& functions) {
  if (source.size() > std::numeric_limits<std::uint32_t>::max()) {
    return Error{"template: " + std::string(name) + ": source larger than 4 GiB"};
  }
  try {
    return Parser(name, std::move(source), functions).run();
  } catch (const ParseFailure& failure) {
    return Error{failure.message};
  }
}

}  // namespace ho::tmpl
