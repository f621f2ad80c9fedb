// Fuzz target: the text/template lexer and parser on arbitrary template text,
// with Helm's function table (so function names resolve as in a chart).
#include "chart/helm_functions.h"
#include "fuzz/fuzz_input.h"
#include "templating/lexer.h"
#include "templating/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ho::tmpl::FunctionTable functions = ho::chart::helmFunctionTable();
  const std::string_view text = ho::fuzz::asText(data, size);
  const ho::tmpl::LexedTokens lexed = ho::tmpl::lexTemplate(text);
  for (const ho::tmpl::Token& token : lexed.tokens) (void)ho::tmpl::describeToken(token);
  (void)ho::tmpl::lexTemplate(text, {.breakIsKeyword = false, .continueIsKeyword = false});
  const auto trees = ho::tmpl::parseTemplate("fuzz", text, functions);
  if (!trees.ok()) return 0;
  for (const auto& tree : trees.value()) (void)tree->root->str();  // printing the AST back
  return 0;
}
