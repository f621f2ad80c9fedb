// Bounds on what one template execution may produce: output past
// ExecOptions::maxOutputBytes fails with an error naming the limit (Go and
// Helm have none; the depth limit is tested in exec_basics_test).
#include <gtest/gtest.h>

#include "template_test_support.h"

namespace ho::tmpl {
namespace {

using testing::testFunctions;

Value items(int count) {
  List list;
  for (int i = 0; i < count; ++i) list.push_back(Value::string("x"));
  return Value::list(std::move(list));
}

TEST(Exec_Limits, OutputUpToTheLimitIsWritten) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ range . }}0123456789{{ end }}"));
  set.setMaxOutputBytes(100);
  auto result = set.execute("t", items(10));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->size(), 100u);
}

TEST(Exec_Limits, OutputPastTheLimitFailsNamingIt) {
  TemplateSet set(testFunctions());
  ASSERT_TRUE(set.parse("t", "{{ range . }}{{ . }}0123456789{{ end }}"));
  set.setMaxOutputBytes(100);
  auto result = set.execute("t", items(10));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "template: t:1:20: executing \"t\" at <0123456789>: "
                                    "template output exceeds the limit of 100 bytes");
}

TEST(Exec_Limits, DefaultLimitIs256MiB) { EXPECT_EQ(ExecOptions{}.maxOutputBytes, 256u * 1024 * 1024); }

}  // namespace
}  // namespace ho::tmpl
