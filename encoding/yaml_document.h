// YAML documents as node trees, the way go-yaml v2 builds them before decoding:
// scalars, sequences, mappings (keys and values alternating) and aliases that
// point at the node their anchor named when the alias was read. Nodes live in
// one vector and link by index; text is viewed, not copied.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/yaml_parser.h"

namespace ho::encoding::yaml {

enum class NodeKind : std::uint8_t { Scalar, Sequence, Mapping, Alias };

inline constexpr std::uint32_t kNoNode = UINT32_MAX;

struct Node {
  NodeKind kind = NodeKind::Scalar;
  bool implicit = false;  // plain untagged scalar (go-yaml resolves its type)
  std::string_view tag;   // full tag, empty when none
  std::string_view value; // scalar text; for an alias, the anchor name
  std::uint32_t firstChild = kNoNode;
  std::uint32_t lastChild = kNoNode;
  std::uint32_t next = kNoNode;    // next sibling
  std::uint32_t target = kNoNode;  // alias: the anchored node
};

struct Document {
  std::vector<Node> nodes;
  std::uint32_t root = kNoNode;  // kNoNode for an empty stream
};

// Reads a stream document by document. The text must outlive the reader, and
// the reader must outlive the documents it fills.
// Fills `doc` with the one document of `text` when the block reader models it
// (yaml_block_reader.h), several times faster than DocumentReader; throws
// NotPlainYaml otherwise. Scalars it had to decode are kept in `kept`.
void readBlockDocument(std::string_view text, Document& doc, std::deque<std::string>& kept);

class DocumentReader {
 public:
  explicit DocumentReader(std::string_view text) : parser_(text) {}

  // Fills `doc` with the next document; false at the end of the stream.
  // Throws SyntaxError (also for "unknown anchor 'x' referenced").
  bool next(Document& doc);

 private:
  Parser parser_;
  bool started_ = false;
};

}  // namespace ho::encoding::yaml
