// The named templates visible to an execution: a set's own templates, or a
// temporary layer over them (the text `tpl` parses, whose defines must not
// leak into the set). Adding trees follows text/template's AddParseTree rule:
// a later definition replaces an earlier one, except that an empty body never
// replaces an existing template.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/string_hash.h"
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
  // Hashed: a chart's template names share long prefixes ("common.names."),
  // which a sorted map compared again at every level of each lookup.
  std::unordered_map<std::string, std::shared_ptr<const Tree>, StringHash, std::equal_to<>> trees_;
};

}  // namespace ho::tmpl
