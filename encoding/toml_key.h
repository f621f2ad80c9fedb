// TOML key spelling shared by the encoder (toToml) and the decoder's error
// messages: BurntSushi/toml's Key.String, which writes bare keys as they are
// and quotes every other part as a basic string.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace ho::encoding {

// A TOML basic string literal: "..." with \" \\ \b \t \n \f \r and \u00XX for
// the other control characters.
std::string tomlQuoted(std::string_view s);

// One key part: bare when it is non-empty A-Za-z0-9_- only, else quoted.
std::string tomlKeyPart(std::string_view part);

// The parts joined with '.', e.g. a."b c".d.
std::string tomlKeyPath(std::span<const std::string> parts);

}  // namespace ho::encoding
