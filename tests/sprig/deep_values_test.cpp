// Values nested far deeper than native recursion can walk, built by a template
// in a loop: releasing them works, printing marks the cut, and the recursive
// functions fail with an error instead of overflowing the stack. (Helm, on
// Go's growable stacks, prints and compares them in full; we cannot, but we
// must not crash.)
#include <gtest/gtest.h>

#include "tests/core/stack_thread.h"
#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

// Two maps nested 100,000 levels deep, $d and $e, then `body`, rendered on an
// 8 MiB stack (the usual main-thread stack) whatever `ulimit -s` says: the
// sanitizer stage raises it to 64 MiB, where -O1 frames walk all the levels.
std::string withDeepMaps(std::string_view body) {
  std::string output;
  ho::testing::runWithStack(std::size_t{8} << 20, [&] {
    output = renderTemplate(
        "{{- $d := dict }}{{- $e := dict }}{{- range until 100000 }}{{- $d = dict \"a\" $d }}{{- $e = dict \"a\" $e }}"
        "{{- end }}" +
        std::string(body));
  });
  return output;
}

bool mentions(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST(DeepValues, AreReleasedWithoutOverflowingTheStack) { EXPECT_EQ(withDeepMaps("done"), "done"); }

TEST(DeepValues, PrintingCutsTheDeepestLevelsWithAMarker) {
  EXPECT_EQ(withDeepMaps("{{ contains \"<nested too deeply>\" (printf \"%v\" $d) }}"), "true");
}

TEST(DeepValues, RecursiveFunctionsFailWithAnError) {
  EXPECT_TRUE(mentions(withDeepMaps("{{ deepCopy $d }}"), "deepCopy: value nested too deeply"));
  EXPECT_TRUE(mentions(withDeepMaps("{{ deepEqual $d $e }}"), "deepEqual: values nested too deeply to compare"));
  EXPECT_TRUE(mentions(withDeepMaps("{{ mergeOverwrite $d $e }}"), "merge: maps nested too deeply"));
}

}  // namespace
}  // namespace ho::tmpl::testing
