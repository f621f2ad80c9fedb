// Printing parse nodes back to template source, and the tree helpers Go's
// parse package offers (IsEmptyTree, ErrorContext's location).
#include "templating/ast.h"

#include <algorithm>

#include "templating/go_format.h"

namespace ho::tmpl {
namespace {

void writeIdents(std::string& out, const Idents& idents, bool leadingDot) {
  for (std::size_t i = 0; i < idents.size(); ++i) {
    if (leadingDot || i > 0) out += '.';
    out += idents[i];
  }
}

}  // namespace

void ListNode::writeTo(std::string& out) const {
  for (const auto& node : nodes) node->writeTo(out);
}

void VariableNode::writeTo(std::string& out) const { writeIdents(out, ident, false); }

void FieldNode::writeTo(std::string& out) const { writeIdents(out, ident, true); }

void CommandNode::writeTo(std::string& out) const {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    if (args[i]->type == NodeType::Pipe) {
      out += '(';
      args[i]->writeTo(out);
      out += ')';
    } else {
      args[i]->writeTo(out);
    }
  }
}

void PipeNode::writeTo(std::string& out) const {
  if (!decl.empty()) {
    for (std::size_t i = 0; i < decl.size(); ++i) {
      if (i > 0) out += ", ";
      decl[i]->writeTo(out);
    }
    out += isAssign ? " = " : " := ";
  }
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    if (i > 0) out += " | ";
    cmds[i]->writeTo(out);
  }
}

void ActionNode::writeTo(std::string& out) const {
  out += "{{";
  pipe->writeTo(out);
  out += "}}";
}

void ChainNode::writeTo(std::string& out) const {
  if (node->type == NodeType::Pipe) {
    out += '(';
    node->writeTo(out);
    out += ')';
  } else {
    node->writeTo(out);
  }
  writeIdents(out, fields, true);
}

void BranchNode::writeTo(std::string& out) const {
  out += type == NodeType::If ? "{{if " : type == NodeType::Range ? "{{range " : "{{with ";
  pipe->writeTo(out);
  out += "}}";
  list->writeTo(out);
  if (elseList) {
    out += "{{else}}";
    elseList->writeTo(out);
  }
  out += "{{end}}";
}

void KeywordNode::writeTo(std::string& out) const {
  switch (type) {
    case NodeType::Break: out += "{{break}}"; break;
    case NodeType::Continue: out += "{{continue}}"; break;
    case NodeType::End: out += "{{end}}"; break;
    default: out += "{{else}}"; break;
  }
}

void TemplateNode::writeTo(std::string& out) const {
  out += "{{template ";
  out += quoteGo(name);
  if (pipe) {
    out += ' ';
    pipe->writeTo(out);
  }
  out += "}}";
}

bool anyNode(const Node& node, const std::function<bool(const Node&)>& matches) {
  if (matches(node)) return true;
  auto any = [&matches](const auto& children) {
    return std::any_of(children.begin(), children.end(), [&matches](const auto& child) {
      return child && anyNode(*child, matches);
    });
  };
  switch (node.type) {
    case NodeType::List: return any(static_cast<const ListNode&>(node).nodes);
    case NodeType::Command: return any(static_cast<const CommandNode&>(node).args);
    case NodeType::Pipe: {
      const auto& pipe = static_cast<const PipeNode&>(node);
      return any(pipe.decl) || any(pipe.cmds);
    }
    case NodeType::Action: return anyNode(*static_cast<const ActionNode&>(node).pipe, matches);
    case NodeType::Chain: return anyNode(*static_cast<const ChainNode&>(node).node, matches);
    case NodeType::If:
    case NodeType::Range:
    case NodeType::With: {
      const auto& branch = static_cast<const BranchNode&>(node);
      return anyNode(*branch.pipe, matches) || anyNode(*branch.list, matches) ||
             (branch.elseList && anyNode(*branch.elseList, matches));
    }
    case NodeType::Template: {
      const auto& call = static_cast<const TemplateNode&>(node);
      return call.pipe && anyNode(*call.pipe, matches);
    }
    default: return false;
  }
}

bool isEmptyTree(const Node& node) {
  switch (node.type) {
    case NodeType::List: {
      const auto& list = static_cast<const ListNode&>(node);
      return std::all_of(list.nodes.begin(), list.nodes.end(), [](const NodePtr& n) { return isEmptyTree(*n); });
    }
    case NodeType::Text: {
      std::string_view text = static_cast<const TextNode&>(node).text;
      return text.find_first_not_of(" \t\n\v\f\r") == std::string::npos;
    }
    default: return false;
  }
}

std::string errorLocation(const Tree& tree, const Node& node) {
  std::string_view before = tree.source.view().substr(0, std::min<std::size_t>(node.pos, tree.source.size()));
  std::size_t lastNewline = before.rfind('\n');
  std::size_t column = lastNewline == std::string_view::npos ? node.pos : node.pos - (lastNewline + 1);
  auto line = 1 + std::count(before.begin(), before.end(), '\n');
  return tree.parseName + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace ho::tmpl
