// The parse tree of a template, one node type per syntax form as in Go's
// text/template/parse. Every node prints its source back with writeTo()/str(),
// which is the "<...>" context of execution errors. Nodes, their child arrays
// and their strings live in a NodeArena that the trees of a template set (or
// of one parse) share through Tree::arena: building a node is a pointer bump,
// and nodes are trivially destructible, freed all at once with their arena.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/shared_text.h"
#include "templating/go_literals.h"
#include "templating/node_arena.h"

namespace ho::tmpl {

struct FunctionSpec;

enum class NodeType : std::uint8_t {
  Text, Action, Pipe, Command, Identifier, Variable, Dot, Nil, Field, Chain,
  Bool, Number, String, If, Range, With, Break, Continue, Template, List,
  End, Else,  // parser-internal markers, never in a finished tree
};

struct Node {
  // Sources are at most 4 GiB (parseTemplate refuses larger ones), so offsets
  // fit 32 bits: 8 bytes less in each of the ~100,000 nodes of a large chart.
  Node(NodeType type, std::size_t pos) : type(type), pos(static_cast<std::uint32_t>(pos)) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  virtual void writeTo(std::string& out) const = 0;
  std::string str() const {
    std::string out;
    writeTo(out);
    return out;
  }

  NodeType type;
  std::uint32_t pos;  // byte offset in the source text

 protected:
  ~Node() = default;  // nodes go with their arena, never one by one
};

using NodePtr = Node*;  // owned by the arena of the tree it belongs to
// Sequences are arrays in the arena, made once their length is known.
using NodeList = std::span<const NodePtr>;

struct ListNode final : Node {
  ListNode(std::size_t pos, NodeList nodes) : Node(NodeType::List, pos), nodes(nodes) {}
  void writeTo(std::string& out) const override;
  NodeList nodes;
};

// Its text views the source of the tree it belongs to (Tree::source keeps it).
struct TextNode final : Node {
  TextNode(std::size_t pos, std::string_view text) : Node(NodeType::Text, pos), text(text) {}
  void writeTo(std::string& out) const override { out += text; }
  std::string_view text;
};

// Names in variable, field and chain nodes view the tree's source (Tree::source keeps it).
using Idents = std::span<const std::string_view>;

// $x or $x.Field.Other: Ident[0] is the variable name.
struct VariableNode final : Node {
  VariableNode(std::size_t pos, Idents ident) : Node(NodeType::Variable, pos), ident(ident) {}
  void writeTo(std::string& out) const override;
  Idents ident;
};

struct CommandNode final : Node {
  CommandNode(std::size_t pos, NodeList args) : Node(NodeType::Command, pos), args(args) {}
  void writeTo(std::string& out) const override;
  NodeList args;  // args[0] is the function, field, or operand
};

struct PipeNode final : Node {
  PipeNode(std::size_t pos, int line) : Node(NodeType::Pipe, pos), line(line) {}
  void writeTo(std::string& out) const override;
  int line;
  bool isAssign = false;  // `=` rather than `:=`
  std::span<VariableNode* const> decl;
  std::span<CommandNode* const> cmds;
};

struct ActionNode final : Node {
  ActionNode(std::size_t pos, int line, PipeNode* pipe) : Node(NodeType::Action, pos), line(line), pipe(pipe) {}
  void writeTo(std::string& out) const override;
  int line;
  PipeNode* pipe;
};

struct IdentifierNode final : Node {
  IdentifierNode(std::size_t pos, std::string_view name) : Node(NodeType::Identifier, pos), name(name) {}
  void writeTo(std::string& out) const override { out += name; }
  std::string_view name;  // views the source
  const FunctionSpec* function = nullptr;  // from the function table, resolved at parse time
  int builtin = -1;                        // index into the Go builtins when not in the table
};

struct DotNode final : Node {
  explicit DotNode(std::size_t pos) : Node(NodeType::Dot, pos) {}
  void writeTo(std::string& out) const override { out += '.'; }
};

struct NilNode final : Node {
  explicit NilNode(std::size_t pos) : Node(NodeType::Nil, pos) {}
  void writeTo(std::string& out) const override { out += "nil"; }
};

struct FieldNode final : Node {
  FieldNode(std::size_t pos, Idents ident) : Node(NodeType::Field, pos), ident(ident) {}
  void writeTo(std::string& out) const override;
  Idents ident;  // without the dots
};

// (pipeline).Field1.Field2 or a literal followed by fields.
struct ChainNode final : Node {
  ChainNode(std::size_t pos, NodePtr node, Idents fields) : Node(NodeType::Chain, pos), node(node), fields(fields) {}
  void writeTo(std::string& out) const override;
  NodePtr node;
  Idents fields;  // without the dots
};

struct BoolNode final : Node {
  BoolNode(std::size_t pos, bool value) : Node(NodeType::Bool, pos), value(value) {}
  void writeTo(std::string& out) const override { out += value ? "true" : "false"; }
  bool value;
};

struct NumberNode final : Node {
  NumberNode(std::size_t pos, std::string_view text, NumberLiteral number)
      : Node(NodeType::Number, pos), text(text), number(number) {}
  void writeTo(std::string& out) const override { out += text; }
  std::string_view text;  // views the source
  NumberLiteral number;
};

struct StringNode final : Node {
  StringNode(std::size_t pos, std::string_view quoted, std::string_view text)
      : Node(NodeType::String, pos), quoted(quoted), text(text) {}
  void writeTo(std::string& out) const override { out += quoted; }
  std::string_view quoted;  // the original literal, quotes included (views the source)
  std::string_view text;    // its value (in the arena)
};

// if, range and with share one shape.
struct BranchNode final : Node {
  BranchNode(NodeType type, std::size_t pos, int line, PipeNode* pipe, ListNode* list, ListNode* elseList)
      : Node(type, pos), line(line), pipe(pipe), list(list), elseList(elseList) {}
  void writeTo(std::string& out) const override;
  int line;
  PipeNode* pipe;
  ListNode* list;
  ListNode* elseList;  // may be null
  // range only: whether the body can see an element (through dot or the
  // element variable). When it cannot, ranging over a map-kind object visits
  // its keys without building its entries.
  bool bodyReadsElement = true;
};

// {{break}}, {{continue}}, and the parser's {{end}} and {{else}} markers.
struct KeywordNode final : Node {
  KeywordNode(NodeType type, std::size_t pos, int line) : Node(type, pos), line(line) {}
  void writeTo(std::string& out) const override;
  int line;
};

struct TemplateNode final : Node {
  TemplateNode(std::size_t pos, int line, std::string_view name, PipeNode* pipe)
      : Node(NodeType::Template, pos), line(line), name(name), pipe(pipe) {}
  void writeTo(std::string& out) const override;
  int line;
  std::string_view name;  // in the arena
  PipeNode* pipe;         // may be null
};

// One named template: its body and the source it was parsed from (for the
// "NAME:LINE:COL" of errors, which Go computes from byte offsets).
struct Tree {
  std::string name;                          // the template's name (a define's name, or the file's)
  std::string parseName;                     // the name of the top-level template being parsed
  SharedText source;                         // the whole parsed text
  std::shared_ptr<NodeArena> arena;          // holds the nodes, shared by the trees of one parse
  ListNode* root = nullptr;
};

// Whether `matches` holds for `node` or any node under it.
bool anyNode(const Node& node, const std::function<bool(const Node&)>& matches);

// parse.IsEmptyTree: nothing but whitespace text.
bool isEmptyTree(const Node& node);

// parse.Tree.ErrorContext location: "PARSENAME:LINE:COL" (COL is the 0-based byte column).
std::string errorLocation(const Tree& tree, const Node& node);

}  // namespace ho::tmpl
