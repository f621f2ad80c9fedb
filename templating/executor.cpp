// The tree walker: Go's exec.go state machine (walk, evalPipeline,
// evalCommand, evalField, evalCall, evalArg, validateType) over Reflected
// values, writing into one output string.
#include "templating/executor.h"

#include <exception>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/stack_guard.h"
#include "templating/builtins.h"
#include "templating/go_complex.h"
#include "templating/go_format.h"
#include "templating/reflected.h"

namespace ho::tmpl {
namespace {

// An execution error already formatted with its position; unlike ho::Failure
// from a function body, it passes through function calls unwrapped.
struct ExecError {
  std::string message;
};

// The static type an argument must have: a Go parameter type, reflect.Value
// for the builtins that take one, or None where Go passes a nil type.
enum class ArgType : std::uint8_t { Any, String, Int, Int64, Float64, Bool, List, StringList, Map, Time, Reflect, None };

ArgType argTypeOf(ParamType p) {
  switch (p) {
    case ParamType::Any: return ArgType::Any;
    case ParamType::String: return ArgType::String;
    case ParamType::Int: return ArgType::Int;
    case ParamType::Int64: return ArgType::Int64;
    case ParamType::Float64: return ArgType::Float64;
    case ParamType::Bool: return ArgType::Bool;
    case ParamType::List: return ArgType::List;
    case ParamType::StringList: return ArgType::StringList;
    case ParamType::Map: return ArgType::Map;
    case ParamType::Time: return ArgType::Time;
  }
  return ArgType::Any;
}

const char* goTypeName(ArgType t) {
  switch (t) {
    case ArgType::Any: return "interface {}";
    case ArgType::String: return "string";
    case ArgType::Int: return "int";
    case ArgType::Int64: return "int64";
    case ArgType::Float64: return "float64";
    case ArgType::Bool: return "bool";
    case ArgType::List: return "[]interface {}";
    case ArgType::StringList: return "[]string";
    case ArgType::Map: return "map[string]interface {}";
    case ArgType::Time: return "time.Time";
    case ArgType::Reflect: return "reflect.Value";
    case ArgType::None: return "<nil>";
  }
  return "";
}

bool canBeNil(ArgType t) {
  return t == ArgType::Any || t == ArgType::List || t == ArgType::StringList || t == ArgType::Map ||
         t == ArgType::Reflect;
}

// Whether a value's dynamic type is assignable to a concrete parameter type.
bool assignable(const Value& value, ArgType to) {
  const GoType type = value.goType();
  switch (to) {
    case ArgType::String: return type == GoType::String;
    case ArgType::Int: return type == GoType::Int;
    case ArgType::Int64: return type == GoType::Int64;
    case ArgType::Float64: return type == GoType::Float64;
    case ArgType::Bool: return type == GoType::Bool;
    case ArgType::List: return type == GoType::InterfaceList;
    case ArgType::StringList: return type == GoType::StringList;
    case ArgType::Map: return type == GoType::InterfaceMap;
    case ArgType::Time: return value.isObject() && value.typeName() == "time.Time";
    default: return true;
  }
}

enum class Flow : std::uint8_t { Normal, Break, Continue };

struct Variable {
  std::string_view name;
  Reflected value;
};

class Execution;

// One template being walked (Go's state): its tree, variables and depth.
struct Frame {
  const Tree* tree;
  std::vector<Variable> vars;
  int depth;
  const Node* node = nullptr;  // the node being evaluated, for error context
};

class Execution final : public CallContext {
 public:
  Execution(const ExecEnvironment& env, const TemplateScope& scope, std::string& out)
      : env_(env), scope_(scope), out_(out) {}

  void run(const Tree& tree, const Value& data) {
    Reflected dot = data.isNil() ? Reflected::missing() : Reflected::of(data);
    Frame frame{&tree, {{"$", dot}}, 0};
    walk(frame, dot, *tree.root);
  }

  std::string executeTemplate(std::string_view name, const Value& data) override {
    std::string output;
    executeNamed(env_, scope_, name, data, output);
    return output;
  }

  std::string executeText(std::string_view text, const Value& data) override {
    auto parsed = parseTemplate(env_.options.rootName, text, *env_.functions);
    if (!parsed) throw TextParseFailure(parsed.error().message);
    TemplateScope layer(&scope_);
    layer.add(*parsed);
    std::string output;
    executeTree(env_, layer, *layer.find(env_.options.rootName), data, output);
    return output;
  }

 private:
  // ---- errors ----
  [[noreturn]] void errorf(const Frame& f, const std::string& message) const {
    if (f.node == nullptr) throw ExecError{"template: " + f.tree->name + ": " + message};
    throw ExecError{"template: " + errorLocation(*f.tree, *f.node) + ": executing " + quoteGo(f.tree->name) +
                    " at <" + f.node->str() + ">: " + message};
  }
  static void at(Frame& f, const Node& node) { f.node = &node; }
  void checkStack(const Frame& f) const {
    if (f.depth >= env_.options.maxTemplateDepth || stackNearlyExhausted()) {
      errorf(f, "exceeded maximum template depth (" + std::to_string(env_.options.maxTemplateDepth) + ")");
    }
  }

  // ---- variables ----
  static void push(Frame& f, std::string_view name, Reflected value) { f.vars.push_back({name, std::move(value)}); }
  static void pop(Frame& f, std::size_t mark) { f.vars.resize(mark); }
  void setVar(Frame& f, std::string_view name, Reflected value) const {
    for (auto it = f.vars.rbegin(); it != f.vars.rend(); ++it) {
      if (it->name == name) {
        it->value = std::move(value);
        return;
      }
    }
    errorf(f, "undefined variable: " + std::string(name));
  }
  const Reflected& varValue(const Frame& f, std::string_view name) const {
    for (auto it = f.vars.rbegin(); it != f.vars.rend(); ++it) {
      if (it->name == name) return it->value;
    }
    errorf(f, "undefined variable: " + std::string(name));
  }

  // ---- walking ----
  Flow walk(Frame& f, const Reflected& dot, const Node& node) {
    at(f, node);
    switch (node.type) {
      case NodeType::Action: {
        const auto& action = static_cast<const ActionNode&>(node);
        Reflected value = evalPipeline(f, dot, action.pipe);
        if (action.pipe->decl.empty()) printValue(f, node, value);
        return Flow::Normal;
      }
      case NodeType::Text: emit(f, static_cast<const TextNode&>(node).text); return Flow::Normal;
      case NodeType::List:
        for (const auto& child : static_cast<const ListNode&>(node).nodes) {
          Flow flow = walk(f, dot, *child);
          if (flow != Flow::Normal) return flow;
        }
        return Flow::Normal;
      case NodeType::If:
      case NodeType::With: return walkIfOrWith(f, dot, static_cast<const BranchNode&>(node));
      case NodeType::Range: walkRange(f, dot, static_cast<const BranchNode&>(node)); return Flow::Normal;
      case NodeType::Template: walkTemplate(f, dot, static_cast<const TemplateNode&>(node)); return Flow::Normal;
      case NodeType::Break: return Flow::Break;
      case NodeType::Continue: return Flow::Continue;
      default: errorf(f, "unknown node: " + node.str());
    }
  }

  Flow walkIfOrWith(Frame& f, const Reflected& dot, const BranchNode& branch) {
    std::size_t mark = f.vars.size();
    Reflected value = evalPipeline(f, dot, branch.pipe);
    Flow flow = Flow::Normal;
    if (isTrue(value)) {
      flow = walk(f, branch.type == NodeType::With ? value : dot, *branch.list);
    } else if (branch.elseList) {
      flow = walk(f, dot, *branch.elseList);
    }
    pop(f, mark);
    return flow;
  }

  // One pass of a range body; false when the body executed {{break}}.
  bool rangeIteration(Frame& f, const BranchNode& range, std::size_t mark, Reflected index, const Reflected& element) {
    const auto& decl = range.pipe->decl;
    if (range.pipe->isAssign) {
      if (decl.size() > 1) {
        setVar(f, decl[0]->ident[0], std::move(index));
        setVar(f, decl[1]->ident[0], element);
      } else if (!decl.empty()) {
        setVar(f, decl[0]->ident[0], element);
      }
    } else {
      if (!decl.empty()) f.vars[f.vars.size() - 1].value = element;
      if (decl.size() > 1) f.vars[f.vars.size() - 2].value = std::move(index);
    }
    Flow flow = walk(f, element, *range.list);
    pop(f, mark);
    return flow != Flow::Break;
  }

  void walkRange(Frame& f, const Reflected& dot, const BranchNode& range) {
    at(f, range);
    std::size_t outerMark = f.vars.size();
    Reflected value = evalPipeline(f, dot, range.pipe);
    std::size_t mark = f.vars.size();
    bool iterated = false;
    std::optional<std::vector<std::string>> keysOnly;
    if (!value.isMissing() && !range.bodyReadsElement && value.value.isObject()) keysOnly = value.value.asObject().keys();
    if (keysOnly) {
      for (const std::string& key : *keysOnly) {
        iterated = true;
        if (!rangeIteration(f, range, mark, Reflected::of(Value::string(key)), Reflected::inInterface(Value::nil()))) {
          break;
        }
      }
    } else if (!value.isMissing()) {
      const Value v = value.value.withContents();
      if (v.isList()) {
        const List& items = v.asList();
        bool interfaceElements = v.goType() == GoType::InterfaceList;
        for (std::size_t i = 0; i < items.size(); ++i) {
          iterated = true;
          Reflected element{items[i], interfaceElements ? Origin::Interface : Origin::Concrete};
          if (!rangeIteration(f, range, mark, Reflected::of(Value::integer(static_cast<std::int64_t>(i), GoType::Int)),
                              element)) {
            break;
          }
        }
      } else if (v.isMap()) {
        for (const auto& [key, element] : v.asMap()) {
          iterated = true;
          if (!rangeIteration(f, range, mark, Reflected::of(Value::string(key)), Reflected::inInterface(element))) break;
        }
      } else {
        errorf(f, "range can't iterate over " + formatValue(v));
      }
    }
    if (!iterated && range.elseList) walk(f, dot, *range.elseList);
    pop(f, outerMark);
  }

  void walkTemplate(Frame& f, const Reflected& dot, const TemplateNode& call) {
    at(f, call);
    const Tree* tree = scope_.find(call.name);
    if (tree == nullptr) errorf(f, "template " + quoteGo(call.name) + " not defined");
    checkStack(f);
    Reflected newDot = evalPipeline(f, dot, call.pipe);
    Frame callee{tree, {{"$", newDot}}, f.depth + 1};
    walk(callee, newDot, *tree->root);
  }

  void printValue(Frame& f, const Node& node, const Reflected& value) {
    at(f, node);
    if (value.isMissing()) {
      emit(f, "<no value>");
    } else if (value.value.isString()) {
      emit(f, value.value.asString());
    } else {
      emit(f, formatValue(value.value));
    }
  }

  // Appends to the output, within ExecOptions::maxOutputBytes.
  void emit(const Frame& f, std::string_view text) {
    if (out_.size() + text.size() > env_.options.maxOutputBytes) {
      errorf(f, "template output exceeds the limit of " + std::to_string(env_.options.maxOutputBytes) + " bytes");
    }
    out_ += text;
  }

  // ---- evaluation ----
  Reflected evalPipeline(Frame& f, const Reflected& dot, const PipeNode* pipe) {
    if (pipe == nullptr) return Reflected::missing();
    checkStack(f);
    at(f, *pipe);
    Reflected value;
    const Reflected* final = nullptr;
    for (const auto& cmd : pipe->cmds) {
      value = evalCommand(f, dot, *cmd, final);
      if (value.origin == Origin::Interface) value = std::move(value).unwrapped();
      final = &value;
    }
    if (value.origin == Origin::Concrete && value.value.isNil()) value = Reflected::missing();
    for (const auto& variable : pipe->decl) {
      if (pipe->isAssign) {
        setVar(f, variable->ident[0], value);
      } else {
        push(f, variable->ident[0], value);
      }
    }
    return value;
  }

  void notAFunction(const Frame& f, std::span<const NodePtr> args, const Reflected* final) const {
    if (args.size() > 1 || final != nullptr) errorf(f, "can't give argument to non-function " + args[0]->str());
  }

  Reflected evalCommand(Frame& f, const Reflected& dot, const CommandNode& cmd, const Reflected* final) {
    const Node& first = *cmd.args[0];
    std::span<const NodePtr> args(cmd.args);
    switch (first.type) {
      case NodeType::Field: return evalFieldNode(f, dot, static_cast<const FieldNode&>(first), args, final);
      case NodeType::Chain: return evalChainNode(f, dot, static_cast<const ChainNode&>(first), args, final);
      case NodeType::Identifier:
        return evalFunction(f, dot, static_cast<const IdentifierNode&>(first), cmd, args, final);
      case NodeType::Pipe:
        notAFunction(f, args, final);
        return evalPipeline(f, dot, static_cast<const PipeNode*>(&first));
      case NodeType::Variable: return evalVariableNode(f, dot, static_cast<const VariableNode&>(first), args, final);
      default: break;
    }
    at(f, first);
    notAFunction(f, args, final);
    switch (first.type) {
      case NodeType::Bool: return Reflected::of(Value::boolean(static_cast<const BoolNode&>(first).value));
      case NodeType::Dot: return dot;
      case NodeType::Nil: errorf(f, "nil is not a command");
      case NodeType::Number: return idealConstant(f, static_cast<const NumberNode&>(first));
      case NodeType::String: return stringConstant(first);
      default: errorf(f, "can't evaluate command " + quoteGo(first.str()));
    }
  }

  // An untyped numeric constant: float64 if written like a float, else int.
  Reflected idealConstant(Frame& f, const NumberNode& constant) {
    at(f, constant);
    const NumberLiteral& n = constant.number;
    std::string_view text = constant.text;
    bool hexInt = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                  text.find_first_of("pP") == std::string_view::npos;
    bool runeInt = !text.empty() && text[0] == '\'';
    if (n.isComplex) return Reflected::of(ComplexNumber::make(n.complexReal, n.complexImag));
    if (n.isFloat && !hexInt && !runeInt && text.find_first_of(".eEpP") != std::string_view::npos) {
      return Reflected::of(Value::floating(n.floatValue));
    }
    if (n.isInt) return Reflected::of(Value::integer(n.intValue, GoType::Int));
    if (n.isUint) errorf(f, std::string(text) + " overflows int");
    return Reflected::missing();
  }

  Reflected evalFieldNode(Frame& f, const Reflected& dot, const FieldNode& field, std::span<const NodePtr> args,
                          const Reflected* final) {
    at(f, field);
    return evalFieldChain(f, dot, dot, field, field.ident, args, final);
  }

  Reflected evalChainNode(Frame& f, const Reflected& dot, const ChainNode& chain, std::span<const NodePtr> args,
                          const Reflected* final) {
    at(f, chain);
    if (chain.node->type == NodeType::Nil) errorf(f, "indirection through explicit nil in " + chain.str());
    Reflected receiver = evalArg(f, dot, ArgType::None, *chain.node);
    return evalFieldChain(f, dot, receiver, chain, chain.fields, args, final);
  }

  Reflected evalVariableNode(Frame& f, const Reflected& dot, const VariableNode& variable,
                             std::span<const NodePtr> args, const Reflected* final) {
    at(f, variable);
    const Reflected& value = varValue(f, variable.ident[0]);
    if (variable.ident.size() == 1) {
      notAFunction(f, args, final);
      return value;
    }
    Reflected receiver = value;
    return evalFieldChain(f, dot, receiver, variable, std::span(variable.ident).subspan(1), args, final);
  }

  Reflected evalFieldChain(Frame& f, const Reflected& dot, Reflected receiver, const Node& node,
                           std::span<const std::string_view> idents, std::span<const NodePtr> args, const Reflected* final) {
    for (std::size_t i = 0; i + 1 < idents.size(); ++i) {
      receiver = evalField(f, dot, idents[i], node, {}, nullptr, receiver);
    }
    return evalField(f, dot, idents.back(), node, args, final, receiver);
  }

  Reflected evalField(Frame& f, const Reflected& dot, std::string_view name, const Node& node,
                      std::span<const NodePtr> args, const Reflected* final, const Reflected& receiver) {
    if (receiver.isMissing()) {
      if (env_.options.missingKey == MissingKey::Error) errorf(f, "nil data; no entry for key " + quoteGo(name));
      return Reflected::missing();
    }
    if (receiver.isNilInterface()) {
      errorf(f, "nil pointer evaluating " + receiver.staticTypeName() + "." + std::string(name));
    }
    const Value& v = receiver.value;
    bool hasArgs = args.size() > 1 || final != nullptr;
    if (v.isObject()) {
      const Object& object = v.asObject();
      if (object.hasMethod(name)) return callMethod(f, dot, object, name, node, args, final);
      if (auto member = object.field(name)) {
        if (hasArgs) errorf(f, std::string(name) + " has arguments but cannot be invoked as function");
        return member->isNil() ? Reflected::inInterface(std::move(*member)) : Reflected::of(std::move(*member));
      }
    } else if (v.isMap()) {
      if (hasArgs) errorf(f, std::string(name) + " is not a method but has arguments");
      if (const Value* found = v.find(name)) return Reflected::inInterface(*found);
      switch (env_.options.missingKey) {
        case MissingKey::Invalid: return Reflected::missing();
        case MissingKey::Zero: return Reflected::inInterface(Value());
        case MissingKey::Error: errorf(f, "map has no entry for key " + quoteGo(name));
      }
    }
    errorf(f, "can't evaluate field " + std::string(name) + " in type " + receiver.staticTypeName());
  }

  Reflected callMethod(Frame& f, const Reflected& dot, const Object& object, std::string_view name, const Node& node,
                       std::span<const NodePtr> args, const Reflected* final) {
    std::vector<Value> argv;
    for (std::size_t i = 1; i < args.size(); ++i) argv.push_back(evalArg(f, dot, ArgType::Any, *args[i]).value);
    if (final != nullptr) argv.push_back(final->value);
    at(f, node);
    try {
      Value result = object.callMethod(name, argv);
      return result.isNil() ? Reflected::inInterface(std::move(result)) : Reflected::of(std::move(result));
    } catch (const std::exception& failure) {  // Go recovers panics in calls too
      errorf(f, failure.what());
    }
  }

  Reflected evalFunction(Frame& f, const Reflected& dot, const IdentifierNode& ident, const Node& callNode,
                         std::span<const NodePtr> args, const Reflected* final) {
    at(f, ident);
    if (ident.function != nullptr) return callFunction(f, dot, ident, *ident.function, callNode, args, final);
    if (ident.builtin >= 0) return callBuiltin(f, dot, ident, builtinAt(ident.builtin), callNode, args, final);
    errorf(f, quoteGo(ident.name) + " is not a defined function");
  }

  // Go's arity check in evalCall; args excludes the function name.
  void checkArity(const Frame& f, std::string_view name, std::size_t fixed, bool variadic, std::size_t argCount,
                  const Reflected* final) const {
    std::size_t numIn = argCount + (final != nullptr ? 1 : 0);
    if (variadic) {
      if (numIn < fixed) {
        errorf(f, "wrong number of args for " + std::string(name) + ": want at least " + std::to_string(fixed) + " got " +
                      std::to_string(argCount));
      }
    } else if (numIn != fixed) {
      errorf(f, "wrong number of args for " + std::string(name) + ": want " + std::to_string(fixed) + " got " +
                    std::to_string(numIn));
    }
  }

  // Evaluates the arguments of a call; `paramType(i)` is the type of argument
  // i. Element is Reflected, or Value when only the values are needed.
  template <class Element, class ParamTypeOf>
  std::vector<Element> evalArgs(Frame& f, const Reflected& dot, std::span<const NodePtr> args, const Reflected* final,
                                ParamTypeOf paramType) {
    auto element = [](Reflected&& arg) -> Element {
      if constexpr (std::is_same_v<Element, Value>) {
        return std::move(arg.value);
      } else {
        return std::move(arg);
      }
    };
    std::vector<Element> argv;
    argv.reserve(args.size() + 1);
    for (std::size_t i = 0; i < args.size(); ++i) argv.push_back(element(evalArg(f, dot, paramType(i), *args[i])));
    if (final != nullptr) argv.push_back(element(validateType(f, *final, paramType(args.size()))));
    return argv;
  }

  Reflected callFunction(Frame& f, const Reflected& dot, const IdentifierNode& ident, const FunctionSpec& spec,
                         const Node& callNode, std::span<const NodePtr> args, const Reflected* final) {
    args = args.empty() ? args : args.subspan(1);
    checkArity(f, ident.name, spec.params.size(), spec.variadic.has_value(), args.size(), final);
    checkStack(f);
    auto paramType = [&](std::size_t i) {
      return argTypeOf(i < spec.params.size() ? spec.params[i] : *spec.variadic);
    };
    std::vector<Value> argv = evalArgs<Value>(f, dot, args, final, paramType);
    try {
      Value result = spec.impl(*this, argv);
      return result.isNil() ? Reflected::inInterface(std::move(result)) : Reflected::of(std::move(result));
    } catch (const std::exception& failure) {  // Go recovers panics in calls too
      at(f, callNode);
      errorf(f, "error calling " + std::string(ident.name) + ": " + failure.what());
    }
  }

  Reflected callBuiltin(Frame& f, const Reflected& dot, const IdentifierNode& ident, const Builtin& builtin,
                        const Node& callNode, std::span<const NodePtr> args, const Reflected* final) {
    args = args.empty() ? args : args.subspan(1);
    checkArity(f, ident.name, static_cast<std::size_t>(builtin.fixedParams), builtin.variadic, args.size(), final);
    auto paramType = [&](std::size_t i) {
      switch (builtin.args) {
        case BuiltinArgs::Reflect: return ArgType::Reflect;
        case BuiltinArgs::Interface: return ArgType::Any;
        case BuiltinArgs::FormatFirst: return i == 0 ? ArgType::String : ArgType::Any;
      }
      return ArgType::Any;
    };
    if (builtin.impl == nullptr) return shortCircuit(f, dot, ident.name == "or", args, final);
    std::vector<Reflected> argv = evalArgs<Reflected>(f, dot, args, final, paramType);
    if (ident.name == "call") {
      argv.insert(argv.begin(), Reflected::of(Value::string(args.empty() ? std::string() : args[0]->str())));
    }
    try {
      return builtin.impl(argv);
    } catch (const std::exception& failure) {  // Go recovers panics in calls too
      at(f, callNode);
      errorf(f, "error calling " + std::string(ident.name) + ": " + failure.what());
    }
  }

  // and/or: evaluate arguments left to right, stopping at the deciding one.
  Reflected shortCircuit(Frame& f, const Reflected& dot, bool isOr, std::span<const NodePtr> args,
                         const Reflected* final) {
    Reflected value;
    for (const auto& arg : args) {
      value = evalArg(f, dot, ArgType::Reflect, *arg);
      if (isTrue(value) == isOr) return value;
    }
    if (final != nullptr) value = *final;
    return value;
  }

  // ---- arguments ----
  Reflected validateType(const Frame& f, const Reflected& value, ArgType type) const {
    if (value.isMissing()) {
      if (type == ArgType::None || type == ArgType::Reflect) return Reflected::missing();
      if (canBeNil(type)) return Reflected::of(Value());
      errorf(f, std::string("invalid value; expected ") + goTypeName(type));
    }
    if (type == ArgType::None || type == ArgType::Reflect || type == ArgType::Any) return value;
    if (value.origin == Origin::Concrete && assignable(value.value, type)) return value;
    if (value.origin == Origin::Interface && !value.value.isNil()) {
      if (assignable(value.value, type)) return Reflected::of(value.value);
      errorf(f, std::string("wrong type for value; expected ") + goTypeName(type) + "; got " + value.value.typeName());
    }
    errorf(f, std::string("wrong type for value; expected ") + goTypeName(type) + "; got " + value.staticTypeName());
  }

  Reflected evalArg(Frame& f, const Reflected& dot, ArgType type, const Node& n) {
    at(f, n);
    switch (n.type) {
      case NodeType::Dot: return validateType(f, dot, type);
      case NodeType::Nil:
        if (canBeNil(type)) return type == ArgType::Reflect ? Reflected::missing() : Reflected::of(Value());
        errorf(f, std::string("cannot assign nil to ") + goTypeName(type));
      case NodeType::Field:
        return validateType(f, evalFieldNode(f, dot, static_cast<const FieldNode&>(n), {}, nullptr), type);
      case NodeType::Variable:
        return validateType(f, evalVariableNode(f, dot, static_cast<const VariableNode&>(n), {}, nullptr), type);
      case NodeType::Pipe: return validateType(f, evalPipeline(f, dot, static_cast<const PipeNode*>(&n)), type);
      case NodeType::Identifier: {
        const auto& ident = static_cast<const IdentifierNode&>(n);
        return validateType(f, evalFunction(f, dot, ident, ident, {}, nullptr), type);
      }
      case NodeType::Chain:
        return validateType(f, evalChainNode(f, dot, static_cast<const ChainNode&>(n), {}, nullptr), type);
      default: break;
    }
    switch (type) {
      case ArgType::Bool:
        if (n.type == NodeType::Bool) return Reflected::of(Value::boolean(static_cast<const BoolNode&>(n).value));
        errorf(f, "expected bool; found " + n.str());
      case ArgType::Float64:
        if (n.type == NodeType::Number && static_cast<const NumberNode&>(n).number.isFloat) {
          return Reflected::of(Value::floating(static_cast<const NumberNode&>(n).number.floatValue));
        }
        errorf(f, "expected float; found " + n.str());
      case ArgType::Int:
      case ArgType::Int64:
        if (n.type == NodeType::Number && static_cast<const NumberNode&>(n).number.isInt) {
          return Reflected::of(Value::integer(static_cast<const NumberNode&>(n).number.intValue,
                                              type == ArgType::Int ? GoType::Int : GoType::Int64));
        }
        errorf(f, "expected integer; found " + n.str());
      case ArgType::String:
        if (n.type == NodeType::String) return stringConstant(n);
        errorf(f, "expected string; found " + n.str());
      case ArgType::Any:
      case ArgType::Reflect:
        return evalEmptyInterface(f, n);
      default:
        errorf(f, "can't handle " + n.str() + " for arg of type " + goTypeName(type));
    }
  }

  // A string literal's value.
  static Reflected stringConstant(const Node& literal) {
    return Reflected::of(Value::string(std::string(static_cast<const StringNode&>(literal).text)));
  }

  Reflected evalEmptyInterface(Frame& f, const Node& n) {
    at(f, n);
    switch (n.type) {
      case NodeType::Bool: return Reflected::of(Value::boolean(static_cast<const BoolNode&>(n).value));
      case NodeType::Number: return idealConstant(f, static_cast<const NumberNode&>(n));
      case NodeType::String: return stringConstant(n);
      default: errorf(f, "can't handle assignment of " + n.str() + " to empty interface argument");
    }
  }

  const ExecEnvironment& env_;
  const TemplateScope& scope_;
  std::string& out_;
};

}  // namespace

void executeTree(const ExecEnvironment& env, const TemplateScope& scope, const Tree& tree, const Value& data,
                 std::string& out) {
  try {
    Execution(env, scope, out).run(tree, data);
  } catch (const ExecError& error) {
    throw Failure(error.message);
  }
}

void executeNamed(const ExecEnvironment& env, const TemplateScope& scope, std::string_view name, const Value& data,
                  std::string& out) {
  const Tree* tree = scope.find(name);
  if (tree == nullptr) {
    throw Failure("template: no template " + quoteGo(name) + " associated with template " +
                  quoteGo(env.options.rootName));
  }
  executeTree(env, scope, *tree, data, out);
}

}  // namespace ho::tmpl
