// The named templates visible to an execution: a set's own templates, or a
// temporary layer over them (the text `tpl` parses, whose defines must not
// leak into the set). Adding trees follows text/template's AddParseTree rule:
// a later definition replaces an earlier one, except that an empty body never
// replaces an existing template.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "templating/ast.h"
#include "templating/parser.h"

namespace ho::tmpl {

class TemplateScope {
 public:
  explicit TemplateScope(const TemplateScope* parent = nullptr) : parent_(parent) {}

  // The template named `name` in this layer or the layers beneath; nullptr if none.
  const Tree* find(std::string_view name) const {
    for (const TemplateScope* scope = this; scope != nullptr; scope = scope->parent_) {
      auto it = scope->trees_.find(name);
      if (it != scope->trees_.end()) return it->second.get();
    }
    return nullptr;
  }

  void add(const ParsedTrees& trees) {
    for (const auto& tree : trees) {
      if (isEmptyTree(*tree->root) && find(tree->name) != nullptr) continue;
      trees_[tree->name] = tree;
    }
  }

 private:
  const TemplateScope* parent_;
  std::map<std::string, std::shared_ptr<const Tree>, std::less<>> trees_;
};

}  // namespace ho::tmpl
