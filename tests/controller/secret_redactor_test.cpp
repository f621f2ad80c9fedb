// SecretRedactor: which strings of a Secret's values are masked in messages.
#include "controller/reconciler/secret_redactor.h"

#include <gtest/gtest.h>

namespace ho::controller {
namespace {

TEST(SecretRedactor, ScalarsOfValuesYamlAreMaskedWhereverTheyAppear) {
  SecretRedactor redactor;
  redactor.addSecretText("db:\n  password: hunter2-s3cr3t\n  port: 54321\ntokens: [tok-aaaa, tok-bbbb]\n");
  EXPECT_EQ(redactor.redact("template: x.yaml:3: refusing password hunter2-s3cr3t on 54321 (tok-bbbb)"),
            "template: x.yaml:3: refusing password ***** on ***** (*****)");
}

TEST(SecretRedactor, ShortScalarsAndKeysAreLeftAlone) {
  SecretRedactor redactor;
  redactor.addSecretText("enabled: true\nn: 1\nuser: bob\n");
  EXPECT_EQ(redactor.redact("user bob enabled true 1"), "user bob enabled true 1");
}

TEST(SecretRedactor, TextThatIsNotYamlIsMaskedByLineAndByValue) {
  SecretRedactor redactor;
  redactor.addSecretText("password: hunter2-s3cr3t\n  - [broken: {yaml\n");
  EXPECT_EQ(redactor.redact("line 2: - [broken: {yaml ... hunter2-s3cr3t"), "line 2: ***** ... *****");
}

TEST(SecretRedactor, ALongerSecretContainingAShorterOneIsMaskedWhole) {
  SecretRedactor redactor;
  redactor.addSecretText("a: abcd\nb: abcdefgh\n");
  EXPECT_EQ(redactor.redact("abcdefgh abcd"), "***** *****");
}

}  // namespace
}  // namespace ho::controller
