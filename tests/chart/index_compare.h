// Comparing two readings of an index in tests: the same model field by field
// and the same entry fields (parsed back from kept text where there is some).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "chart/repo/index.h"
#include "encoding/go_yaml.h"

namespace ho::chart::testing {

using repo::entryFields;
using repo::IndexFile;

inline std::string yamlOf(const Value& v) {
  auto text = encoding::toYaml(v);
  return text ? *text : "error: " + text.error().message;
}

inline void expectSameIndex(const IndexFile& streamed, const IndexFile& generic) {
  EXPECT_EQ(streamed.apiVersion, generic.apiVersion);
  EXPECT_EQ(streamed.generated, generic.generated);
  ASSERT_EQ(streamed.entries.size(), generic.entries.size());
  for (const auto& [name, versions] : generic.entries) {
    ASSERT_TRUE(streamed.entries.contains(name)) << name;
    const auto& ours = streamed.entries.find(name)->second;
    ASSERT_EQ(ours.size(), versions.size()) << name;
    for (std::size_t i = 0; i < versions.size(); ++i) {
      EXPECT_EQ(ours[i].name, versions[i].name);
      EXPECT_EQ(ours[i].version, versions[i].version);
      EXPECT_EQ(ours[i].appVersion, versions[i].appVersion);
      EXPECT_EQ(ours[i].apiVersion, versions[i].apiVersion);
      EXPECT_EQ(ours[i].digest, versions[i].digest);
      EXPECT_EQ(ours[i].created, versions[i].created);
      EXPECT_EQ(ours[i].urls, versions[i].urls);
      EXPECT_EQ(ours[i].removed, versions[i].removed);
      EXPECT_EQ(yamlOf(entryFields(ours[i])), yamlOf(entryFields(versions[i]))) << name << " " << i;
    }
  }
}

}  // namespace ho::chart::testing
