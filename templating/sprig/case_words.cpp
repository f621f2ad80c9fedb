// huandu/xstrings v1.5 case conversions (checked against Helm 3.17): words
// are split by connectors (- _ space), punctuation, case changes and digits.
#include "templating/go_unicode.h"
#include "templating/sprig/word_text.h"

namespace ho::tmpl {

namespace {

using namespace unicode;  // NOLINT(google-build-using-namespace)

bool isConnector(char32_t r) { return r == '-' || r == '_' || isSpace(r); }

// A letter that is not a CJK ideograph (xstrings treats those as "other").
bool isAlphabet(char32_t r) {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  return !((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) || (r >= 0x20000 && r <= 0x2B81D));
}

enum class WordType { Invalid, Number, UpperCase, Alphabet, Connector, Punct, Other };

struct Word {
  WordType type = WordType::Invalid;
  std::string_view text;
  std::string_view remaining;
};

// xstrings.nextValidRune: the next decodable rune (skipping invalid bytes), or `prev`.
DecodedRune nextValidRune(std::string_view s, char32_t prev) {
  std::size_t size = 0;
  while (!s.empty()) {
    DecodedRune d = decodeRune(s);
    size += d.size;
    if (d.rune != kRuneError) return {d.rune, size};
    s.remove_prefix(d.size);
  }
  return {prev, size};
}

// Consumes runes while `keep` holds; returns the bytes consumed.
template <class Predicate>
std::size_t consumeWhile(std::string_view& remaining, char32_t prev, Predicate keep) {
  std::size_t consumed = 0;
  while (!remaining.empty()) {
    DecodedRune d = nextValidRune(remaining, prev);
    if (!keep(d.rune, d.size)) break;
    consumed += d.size;
    remaining.remove_prefix(d.size);
    prev = d.rune;
  }
  return consumed;
}

Word nextWord(std::string_view str) {
  Word word;
  if (str.empty()) return word;
  std::string_view remaining = str;
  DecodedRune first = nextValidRune(remaining, kRuneError);
  std::size_t offset = first.size;
  if (first.rune == kRuneError) {
    return {WordType::Invalid, str.substr(0, offset), str.substr(offset)};
  }
  char32_t r = first.rune;
  remaining.remove_prefix(first.size);
  if (isConnector(r)) {
    word.type = WordType::Connector;
    offset += consumeWhile(remaining, r, [](char32_t c, std::size_t) { return isConnector(c); });
  } else if (isPunct(r)) {
    word.type = WordType::Punct;
    offset += consumeWhile(remaining, r, [](char32_t c, std::size_t) { return isPunct(c); });
  } else if (isUpper(r)) {
    word.type = WordType::UpperCase;
    if (!remaining.empty()) {
      DecodedRune second = nextValidRune(remaining, r);
      if (isUpper(second.rune)) {
        // A run of capitals; the last one starts the next word when a lowercase letter follows.
        std::size_t lastSize = second.size;
        offset += second.size;
        remaining.remove_prefix(second.size);
        char32_t stop = second.rune;
        offset += consumeWhile(remaining, second.rune, [&](char32_t c, std::size_t size) {
          stop = c;
          if (!isUpper(c)) return false;
          lastSize = size;
          return true;
        });
        if (!remaining.empty() && isAlphabet(stop)) {
          offset -= lastSize;
          remaining = str.substr(offset);
        }
      } else if (isAlphabet(second.rune)) {
        offset += second.size;
        remaining.remove_prefix(second.size);
        offset += consumeWhile(remaining, second.rune,
                               [](char32_t c, std::size_t) { return isAlphabet(c) && !isUpper(c); });
      }
    }
  } else if (isAlphabet(r)) {
    word.type = WordType::Alphabet;
    offset += consumeWhile(remaining, r, [](char32_t c, std::size_t) { return isAlphabet(c) && !isUpper(c); });
  } else if (isNumber(r)) {
    word.type = WordType::Number;
    offset += consumeWhile(remaining, r, [](char32_t c, std::size_t) { return isNumber(c); });
  } else {
    word.type = WordType::Other;
    offset += consumeWhile(remaining, r, [](char32_t c, std::size_t size) {
      return size != 0 && !isConnector(c) && !isAlphabet(c) && !isNumber(c) && !isPunct(c);
    });
  }
  word.text = str.substr(0, offset);
  word.remaining = remaining;
  return word;
}

void appendLowered(std::string& out, WordType type, std::string_view text, char connector) {
  if (type != WordType::UpperCase && type != WordType::Connector) {
    out += text;
    return;
  }
  while (!text.empty()) {
    DecodedRune d = decodeRune(text);
    text.remove_prefix(d.size);
    if (isConnector(d.rune)) {
      out.push_back(connector);
    } else {
      appendRune(out, isUpper(d.rune) ? toLower(d.rune) : d.rune);
    }
  }
}

bool continuesWord(WordType t) { return t == WordType::Alphabet || t == WordType::Number; }
bool separatesItself(WordType t) { return t == WordType::Connector || t == WordType::Punct; }

// xstrings.camelCaseToLowerCase.
std::string camelCaseToLowerCase(std::string_view str, char connector) {
  std::string out;
  if (str.empty()) return out;
  Word w = nextWord(str);
  while (!w.remaining.empty()) {
    if (w.type != WordType::Connector) appendLowered(out, w.type, w.text, connector);
    const WordType prev = w.type;
    const std::string_view last = w.text;
    w = nextWord(w.remaining);
    switch (prev) {
      case WordType::Number:
        while (continuesWord(w.type)) {
          appendLowered(out, w.type, w.text, connector);
          w = nextWord(w.remaining);
        }
        if (w.type != WordType::Invalid && !separatesItself(w.type)) out.push_back(connector);
        break;
      case WordType::Connector: appendLowered(out, prev, last, connector); break;
      case WordType::Punct: break;
      default: {
        if (w.type != WordType::Number) {
          if (!separatesItself(w.type)) out.push_back(connector);
          break;
        }
        if (w.remaining.empty()) break;
        const std::string_view number = w.text;
        w = nextWord(w.remaining);
        if (w.type != WordType::Alphabet) {
          appendLowered(out, WordType::Number, number, connector);
          if (!separatesItself(w.type)) out.push_back(connector);
          break;
        }
        out.push_back(connector);
        appendLowered(out, WordType::Number, number, connector);
        while (continuesWord(w.type)) {
          appendLowered(out, w.type, w.text, connector);
          w = nextWord(w.remaining);
        }
        if (w.type != WordType::Invalid && !separatesItself(w.type)) out.push_back(connector);
      }
    }
  }
  appendLowered(out, w.type, w.text, connector);
  return out;
}

}  // namespace

// Words split at connectors are capitalised; a word that starts with two
// capitals has its leading run of capitals lowered after the first ("HTTP" ->
// "Http"), while other words keep their case ("fooBAR" -> "FooBAR").
std::string toCamelCase(std::string_view str) {
  std::string out;
  if (str.empty()) return out;
  char32_t r0 = 0;
  std::size_t size = 0;
  bool wordStartsUpper = false;  // and every rune so far in this word was upper
  // Leading connectors are kept; the first real rune is upper-cased.
  while (!str.empty()) {
    DecodedRune d = decodeRune(str);
    r0 = d.rune;
    size = d.size;
    str.remove_prefix(d.size);
    if (!isConnector(r0)) {
      wordStartsUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    appendRune(out, r0);
  }
  if (str.empty()) {
    if (size != 0) appendRune(out, r0);
    return out;
  }
  while (!str.empty()) {
    char32_t r1 = r0;
    DecodedRune d = decodeRune(str);
    r0 = d.rune;
    str.remove_prefix(d.size);
    if (isConnector(r0) && isConnector(r1)) {
      appendRune(out, r1);
      continue;
    }
    if (isConnector(r0)) wordStartsUpper = false;
    if (isConnector(r1)) {
      wordStartsUpper = isUpper(r0);
      r0 = toUpper(r0);
      continue;
    }
    if (wordStartsUpper) {
      if (isUpper(r0)) {
        r0 = toLower(r0);
      } else {
        wordStartsUpper = false;
      }
    }
    appendRune(out, r1);
  }
  appendRune(out, r0);
  return out;
}

std::string toSnakeCase(std::string_view str) { return camelCaseToLowerCase(str, '_'); }

std::string toKebabCase(std::string_view str) { return camelCaseToLowerCase(str, '-'); }

}  // namespace ho::tmpl
