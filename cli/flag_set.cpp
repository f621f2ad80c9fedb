// FlagSet: spf13/pflag's parsing rules and messages (see flag_set.h).
#include "cli/flag_set.h"

#include <algorithm>
#include <optional>

#include "templating/go_format.h"

namespace ho::cli {
namespace {

// strconv.ParseBool.
std::optional<bool> parseGoBool(std::string_view text) {
  for (std::string_view yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

// encoding/csv's ParseError for the first record (which starts on line 1).
Error csvError(int line, std::size_t column, std::string_view what) {
  std::string where = "parse error on line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
  if (line != 1) where = "record on line 1; " + where;
  return Error{where + std::string(what)};
}

// The first record of `text` as encoding/csv reads it (pflag's readAsCSV):
// comma-separated fields, a field in double quotes may hold commas, line
// breaks and "" for a quote; a quote elsewhere is an error.
Result<std::vector<std::string>> readCsvRecord(std::string_view text) {
  std::vector<std::string> fields;
  if (text.empty()) return fields;
  constexpr std::string_view kBareQuote = "bare \" in non-quoted-field";
  constexpr std::string_view kQuote = "extraneous or missing \" in quoted-field";
  int line = 1;
  std::size_t lineStart = 0;  // offset of the current line, for 1-based columns
  std::size_t at = 0;
  auto column = [&](std::size_t offset) { return offset - lineStart + 1; };
  auto atRecordEnd = [&](std::size_t i) {
    return i >= text.size() || text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
  };
  while (true) {
    std::string field;
    if (at < text.size() && text[at] == '"') {
      ++at;
      while (true) {
        if (at >= text.size()) return csvError(line, column(at), kQuote);
        const char c = text[at];
        if (c == '\n') {
          field += c;
          ++line;
          lineStart = ++at;
        } else if (c != '"') {
          field += c;
          ++at;
        } else if (at + 1 < text.size() && text[at + 1] == '"') {
          field += '"';
          at += 2;
        } else {
          ++at;
          if (at < text.size() && text[at] == ',') break;
          if (atRecordEnd(at)) break;
          return csvError(line, column(at - 1), kQuote);  // at the closing quote
        }
      }
    } else {
      std::size_t end = at;
      while (!atRecordEnd(end) && text[end] != ',') ++end;
      field.assign(text.substr(at, end - at));
      if (auto quote = field.find('"'); quote != std::string::npos) {
        return csvError(line, column(at + quote), kBareQuote);
      }
      at = end;
    }
    fields.push_back(std::move(field));
    if (at < text.size() && text[at] == ',') {
      ++at;
      continue;
    }
    return fields;
  }
}

}  // namespace

void FlagSet::add(std::string_view names, Kind kind, decltype(Flag::target) target, std::string help) {
  Flag flag{std::string(names), 0, kind, target, std::move(help)};
  if (names.size() > 2 && names[1] == ',') {
    flag.shorthand = names[0];
    flag.name = std::string(names.substr(2));
  }
  flags_.push_back(std::move(flag));
}

void FlagSet::addString(std::string_view names, std::string& target, std::string help) {
  add(names, Kind::String, &target, std::move(help));
}

void FlagSet::addStringArray(std::string_view names, std::vector<std::string>& target, std::string help) {
  add(names, Kind::StringArray, &target, std::move(help));
}

void FlagSet::addStringSlice(std::string_view names, std::vector<std::string>& target, std::string help) {
  add(names, Kind::StringSlice, &target, std::move(help));
}

void FlagSet::addBool(std::string_view names, bool& target, std::string help) {
  add(names, Kind::Bool, &target, std::move(help));
}

const FlagSet::Flag* FlagSet::findLong(std::string_view name) const {
  for (const Flag& flag : flags_) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

const FlagSet::Flag* FlagSet::findShort(char shorthand) const {
  for (const Flag& flag : flags_) {
    if (flag.shorthand != 0 && flag.shorthand == shorthand) return &flag;
  }
  return nullptr;
}

Result<void> FlagSet::set(const Flag& flag, std::string_view value) const {
  auto invalid = [&](const std::string& why) {
    const std::string shown =
        flag.shorthand != 0 ? std::string("-") + flag.shorthand + ", --" + flag.name : "--" + flag.name;
    return Error{"invalid argument " + tmpl::quoteGo(value) + " for " + tmpl::quoteGo(shown) + " flag: " + why};
  };
  switch (flag.kind) {
    case Kind::String:
      *std::get<std::string*>(flag.target) = value;
      break;
    case Kind::StringArray:
      std::get<std::vector<std::string>*>(flag.target)->emplace_back(value);
      break;
    case Kind::StringSlice: {
      auto fields = readCsvRecord(value);
      if (!fields) return invalid(fields.error().message);
      auto& target = *std::get<std::vector<std::string>*>(flag.target);
      target.insert(target.end(), fields->begin(), fields->end());
      break;
    }
    case Kind::Bool: {
      auto parsed = parseGoBool(value);
      if (!parsed) return invalid("strconv.ParseBool: parsing " + tmpl::quoteGo(value) + ": invalid syntax");
      *std::get<bool*>(flag.target) = *parsed;
      break;
    }
  }
  return {};
}

Result<ParsedArgs> FlagSet::parse(std::span<const std::string> args) const {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 2 || arg[0] != '-') {
      parsed.positional.push_back(arg);
      continue;
    }
    // The value after the flag's own argument, if there is one.
    auto takeNext = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (arg[1] == '-') {
      if (arg.size() == 2) {  // "--": the rest are arguments
        parsed.positional.insert(parsed.positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                 args.end());
        break;
      }
      std::string_view name = std::string_view(arg).substr(2);
      if (name[0] == '-' || name[0] == '=') return Error{"bad flag syntax: " + arg};
      std::optional<std::string_view> value;
      if (auto equals = name.find('='); equals != std::string_view::npos) {
        value = name.substr(equals + 1);
        name = name.substr(0, equals);
      }
      const Flag* flag = findLong(name);
      if (flag == nullptr) return Error{"unknown flag: --" + std::string(name)};
      if (!value && flag->kind == Kind::Bool) value = "true";
      if (!value) value = takeNext();
      if (!value) return Error{"flag needs an argument: " + arg};
      if (auto stored = set(*flag, *value); !stored) return stored.error();
      continue;
    }
    // One or more shorthands: -abc, -nVALUE, -n=VALUE, -n VALUE.
    for (std::string_view shorthands = std::string_view(arg).substr(1); !shorthands.empty();) {
      const char c = shorthands[0];
      const Flag* flag = findShort(c);
      if (flag == nullptr) {
        return Error{"unknown shorthand flag: '" + std::string(1, c) + "' in -" + std::string(shorthands)};
      }
      std::optional<std::string_view> value;
      std::string_view rest = shorthands.substr(1);
      if (shorthands.size() > 2 && shorthands[1] == '=') {
        value = shorthands.substr(2);
        rest = {};
      } else if (flag->kind == Kind::Bool) {
        value = "true";
      } else if (shorthands.size() > 1) {
        value = rest;
        rest = {};
      } else {
        value = takeNext();
        if (!value) {
          return Error{"flag needs an argument: '" + std::string(1, c) + "' in -" + std::string(shorthands)};
        }
      }
      if (auto stored = set(*flag, *value); !stored) return stored.error();
      shorthands = rest;
    }
  }
  return parsed;
}

std::string FlagSet::usage() const {
  std::vector<const Flag*> sorted;
  for (const Flag& flag : flags_) sorted.push_back(&flag);
  std::sort(sorted.begin(), sorted.end(), [](const Flag* a, const Flag* b) { return a->name < b->name; });
  std::vector<std::string> heads;
  std::size_t width = 0;
  for (const Flag* flag : sorted) {
    std::string head =
        flag->shorthand != 0 ? std::string("  -") + flag->shorthand + ", --" + flag->name : "      --" + flag->name;
    switch (flag->kind) {  // pflag's names of the value types
      case Kind::String:
        head += " string";
        break;
      case Kind::StringArray:
        head += " stringArray";
        break;
      case Kind::StringSlice:
        head += " strings";
        break;
      case Kind::Bool:
        break;
    }
    width = std::max(width, head.size());
    heads.push_back(std::move(head));
  }
  std::string out;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    out += heads[i] + std::string(width - heads[i].size() + 3, ' ') + sorted[i]->help + "\n";
  }
  return out;
}

void FlagSet::declareOn(CLI::App& app) const {
  for (const Flag& flag : flags_) {
    const std::string names =
        (flag.shorthand != 0 ? std::string("-") + flag.shorthand + "," : std::string()) + "--" + flag.name;
    switch (flag.kind) {
      case Kind::String:
        app.add_option(names, *std::get<std::string*>(flag.target), flag.help);
        break;
      case Kind::StringArray:
        app.add_option(names, *std::get<std::vector<std::string>*>(flag.target), flag.help);
        break;
      case Kind::StringSlice:
        app.add_option(names, *std::get<std::vector<std::string>*>(flag.target), flag.help)->delimiter(',');
        break;
      case Kind::Bool:
        app.add_flag(names, *std::get<bool*>(flag.target), flag.help);
        break;
    }
  }
}

}  // namespace ho::cli
