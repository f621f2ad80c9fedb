// goutils word helpers (byte-indexed, as the Go originals are).
#include "templating/sprig/word_text.h"

#include "templating/go_unicode.h"

namespace ho::tmpl {

namespace {

using namespace unicode;  // NOLINT(google-build-using-namespace)

std::string abbreviate(std::string_view str, int maxWidth) { return abbreviateFull(str, 0, maxWidth); }

}  // namespace

std::string abbreviateFull(std::string_view str, int offset, int maxWidth) {
  const int length = static_cast<int>(str.size());
  if (str.empty() || maxWidth < 4) return "";
  if (length <= maxWidth) return std::string(str);
  if (offset > length) offset = length;
  if (length - offset < maxWidth - 3) offset = length - (maxWidth - 3);
  const std::string marker = "...";
  if (offset <= 4) return std::string(str.substr(0, static_cast<std::size_t>(maxWidth - 3))) + marker;
  if (maxWidth < 7) return "";
  if (offset + maxWidth - 3 < length) return marker + abbreviate(str.substr(static_cast<std::size_t>(offset)), maxWidth - 3);
  return marker + std::string(str.substr(static_cast<std::size_t>(length - (maxWidth - 3))));
}

std::string wrapCustom(std::string_view str, int wrapLength, std::string_view newLine, bool wrapLongWords) {
  if (str.empty()) return "";
  if (newLine.empty()) newLine = "\n";
  if (wrapLength < 1) wrapLength = 1;
  const auto wrap = static_cast<std::size_t>(wrapLength);
  const std::size_t inputLength = str.size();
  std::size_t offset = 0;
  std::string out;
  while (inputLength - offset > wrap) {
    if (str[offset] == ' ') {
      ++offset;
      continue;
    }
    std::size_t lastSpace = str.substr(offset, wrap + 1).rfind(' ');
    if (lastSpace != std::string_view::npos) {
      out += str.substr(offset, lastSpace);
      out += newLine;
      offset += lastSpace + 1;
    } else if (wrapLongWords) {
      out += str.substr(offset, wrap);
      out += newLine;
      offset += wrap;
    } else {
      std::size_t nextSpace = str.find(' ', offset + wrap);
      if (nextSpace == std::string_view::npos) {
        out += str.substr(offset);
        offset = inputLength;
      } else {
        out += str.substr(offset, nextSpace - offset);
        out += newLine;
        offset = nextSpace + 1;
      }
    }
  }
  out += str.substr(offset);
  return out;
}

std::string initials(std::string_view str) {
  std::string out;
  bool lastWasGap = true;
  for (char c : str) {
    auto latin1 = static_cast<char32_t>(static_cast<unsigned char>(c));
    if (isSpace(latin1)) {
      lastWasGap = true;
    } else if (lastWasGap) {
      appendRune(out, latin1);
      lastWasGap = false;
    }
  }
  return out;
}

std::string deleteWhiteSpace(std::string_view str) {
  std::string out;
  bool removedAny = false;
  for (char c : str) {
    auto latin1 = static_cast<char32_t>(static_cast<unsigned char>(c));
    if (isSpace(latin1)) {
      removedAny = true;
    } else {
      appendRune(out, latin1);
    }
  }
  return removedAny ? out : std::string(str);
}

std::string uncapitalize(std::string_view str) {
  std::u32string runes = toRunes(str);
  bool atWordStart = true;
  for (char32_t& r : runes) {
    if (isSpace(r)) {
      atWordStart = true;
    } else if (atWordStart) {
      r = toLower(r);
      atWordStart = false;
    }
  }
  return fromRunes(runes);
}

std::string swapCase(std::string_view str) {
  std::u32string runes = toRunes(str);
  bool afterSpace = true;
  for (char32_t& r : runes) {
    if (isUpper(r) || isTitle(r)) {
      r = toLower(r);
      afterSpace = false;
    } else if (isLower(r)) {
      r = afterSpace ? toTitle(r) : toUpper(r);
      afterSpace = false;
    } else {
      afterSpace = isSpace(r);
    }
  }
  return fromRunes(runes);
}

}  // namespace ho::tmpl
