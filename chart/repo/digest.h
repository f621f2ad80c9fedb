// SHA-256 digests of chart archives, as the `digest` field of index.yaml holds
// them (lowercase hex, Helm's provenance.Digest).
#pragma once

#include <string>
#include <string_view>

namespace ho::chart::repo {

std::string sha256Hex(std::string_view bytes);

// The digest in an index entry may be written "sha256:HEX" or just "HEX";
// compares case-insensitively. An empty expected digest matches nothing.
bool digestMatches(std::string_view expected, std::string_view actualHex);

}  // namespace ho::chart::repo
