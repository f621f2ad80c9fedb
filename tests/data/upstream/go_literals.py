"""Reads the parts of Go test files that the upstream-suite port needs: the
tokens of a Go source file, its string/number/composite literals as Python
values, the entries of a table variable (`var xTests = []xTest{...}`), and
each test function's body.  Used by port_upstream.py only."""

import re

_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      |(?P<comment>//[^\n]*|/\*.*?\*/)
      |(?P<raw>`[^`]*`)
      |(?P<str>"(?:\\.|[^"\\\n])*")
      |(?P<char>'(?:\\.|[^'\\\n])+')
      |(?P<num>\.?[0-9][0-9a-zA-Z_.]*(?:[eEpP][+-][0-9_]+)?i?)
      |(?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op>:=|\.\.\.|&&|\|\||<-|[-+*/%&|^<>=!]=?|[{}()\[\],;:.])""",
    re.S | re.X)


class Unsupported(Exception):
    """A literal that has no YAML equivalent (Go-only type or expression)."""


def tokens(source):
    """Yields (kind, text) for every token of `source`, skipping space and comments."""
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if not match:
            raise ValueError("cannot tokenize at %r" % source[pos:pos + 40])
        pos = match.end()
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        yield kind, match.group()


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11,
                   "\\": 92, "'": 39, '"': 34}


def decode_string(text):
    """The value of a Go string or rune literal, as str (bytes that are not
    UTF-8 survive as surrogate escapes)."""
    if text[0] == "`":
        return text[1:-1].replace("\r", "")
    body, out, i = text[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        esc = body[i + 1]
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
            i += 2
        elif esc == "x":
            out.append(int(body[i + 2:i + 4], 16))
            i += 4
        elif esc in "uU":
            width = 4 if esc == "u" else 8
            out += chr(int(body[i + 2:i + 2 + width], 16)).encode("utf-8")
            i += 2 + width
        else:
            out.append(int(body[i + 1:i + 4], 8))
            i += 4
    return out.decode("utf-8", "surrogateescape")


def go_number(text):
    """The value of a Go integer or float literal (complex ones are Unsupported)."""
    clean = text.replace("_", "")
    if clean.endswith("i"):
        raise Unsupported("complex literal " + text)
    lower = clean.lower()
    if lower.startswith(("0x", "0b", "0o")) and "p" not in lower and "." not in lower:
        return int(clean, 0)
    if re.fullmatch(r"0[0-7]+", clean):
        return int(clean, 8)
    if re.fullmatch(r"[0-9]+", clean):
        return int(clean)
    if lower.startswith("0x"):
        return float.fromhex(clean)
    return float(clean)


class TokenStream:
    """A cursor over a token list with the helpers the literal parser needs."""

    def __init__(self, toks):
        self.toks = list(toks)
        self.pos = 0

    def peek(self, offset=0):
        index = self.pos + offset
        return self.toks[index] if index < len(self.toks) else ("eof", "")

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def expect(self, text):
        tok = self.take()
        if tok[1] != text:
            raise ValueError("expected %r, got %r" % (text, tok))

    def skip_balanced(self):
        """Skips one token, or a whole bracketed group when it opens one; returns the tokens."""
        start = self.pos
        depth = 0
        while True:
            kind, text = self.take()
            if text in "{([" and kind == "op":
                depth += 1
            elif text in "})]" and kind == "op":
                depth -= 1
            if depth <= 0 or kind == "eof":
                return self.toks[start:self.pos]


def split_fields(toks):
    """Splits the tokens inside a `{...}` entry at its top-level commas."""
    fields, current, depth = [], [], 0
    for tok in toks:
        if tok[0] == "op" and tok[1] in "{([":
            depth += 1
        elif tok[0] == "op" and tok[1] in "})]":
            depth -= 1
        if depth == 0 and tok == ("op", ","):
            fields.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        fields.append(current)
    return fields


def table_entries(source, var_name):
    """The entries of `var NAME = []T{ {...}, {...} }` as lists of field token lists."""
    match = re.search(r"\b%s\s*=\s*\[\]\w+\s*\{" % re.escape(var_name), source)
    if not match:
        raise ValueError("no table " + var_name)
    stream = TokenStream(tokens(source[match.end() - 1:]))
    group = stream.skip_balanced()
    inner = TokenStream(group[1:-1])
    entries = []
    while inner.peek()[0] != "eof":
        if inner.peek() == ("op", ","):
            inner.take()
            continue
        entry = inner.skip_balanced()
        entries.append(split_fields(entry[1:-1]))
    return entries


def string_expr(field, constants):
    """The value of a field that is a string literal or a `+` concatenation of
    string literals and named string constants."""
    parts = []
    for kind, text in field:
        if kind in ("str", "raw"):
            parts.append(decode_string(text))
        elif kind == "ident" and text in constants:
            parts.append(constants[text])
        elif (kind, text) != ("op", "+"):
            raise Unsupported("non-literal string " + " ".join(t for _, t in field))
    return "".join(parts)


def value(toks):
    """A Go literal expression (scalars, map/slice/struct composite literals) as
    a Python value; anything else raises Unsupported."""
    stream = TokenStream(toks)
    result = _value(stream)
    if stream.peek()[0] != "eof":
        raise Unsupported("expression " + " ".join(t for _, t in toks))
    return result


def _value(stream):
    kind, text = stream.peek()
    if kind in ("str", "raw"):
        stream.take()
        return decode_string(text)
    if kind == "char":
        stream.take()
        return ord(decode_string(text))
    if kind == "num":
        stream.take()
        return go_number(text)
    if (kind, text) == ("op", "-") and stream.peek(1)[0] == "num":
        stream.take()
        return -go_number(stream.take()[1])
    if kind == "ident" and text in ("true", "false", "nil"):
        stream.take()
        return {"true": True, "false": False, "nil": None}[text]
    if text in ("map", "[") or (kind == "ident" and stream.peek(1) == ("op", "{")):
        return _composite(stream)
    if kind == "ident" and text in ("int", "int64", "uint", "float64", "string") \
            and stream.peek(1) == ("op", "("):
        stream.take()
        stream.expect("(")
        inner = _value(stream)
        stream.expect(")")
        return inner
    raise Unsupported("expression starting " + text)


def _composite(stream):
    type_tokens = []
    while stream.peek() != ("op", "{"):
        if stream.peek()[0] == "eof":
            raise Unsupported("composite")
        type_tokens.append(stream.take()[1])
        if type_tokens[-1] in ("interface", "struct") and stream.peek() == ("op", "{"):
            type_tokens += [t for _, t in stream.skip_balanced()]
    type_text = "".join(type_tokens)
    if not (type_text.startswith("map[") or type_text.startswith("[]")):
        raise Unsupported("Go struct literal " + type_text)
    body = stream.skip_balanced()[1:-1]
    is_map = type_text.startswith("map[")
    result = {} if is_map else []
    for field in split_fields(body):
        colon = _top_level_colon(field)
        if is_map:
            if colon is None:
                raise Unsupported("map entry without key")
            result[str(value(field[:colon]))] = _element(field[colon + 1:])
        else:
            result.append(_element(field))
    return result


def _element(toks):
    # Elements of a composite literal may leave out their type: `{...}`.
    if toks and toks[0] == ("op", "{"):
        return _value(TokenStream([("ident", "map[string]any")] + toks)) if _top_level_colon(toks[1:-1]) is not None \
            else _value(TokenStream([("op", "["), ("op", "]"), ("ident", "any")] + toks))
    return value(toks)


def _top_level_colon(toks):
    depth = 0
    for index, (kind, text) in enumerate(toks):
        if kind == "op" and text in "{([":
            depth += 1
        elif kind == "op" and text in "})]":
            depth -= 1
        elif depth == 0 and (kind, text) == ("op", ":"):
            return index
    return None


def test_functions(source):
    """(name, body) of every `func TestX(t *testing.T) {...}` in the file."""
    for match in re.finditer(r"^func (Test\w*)\([^)]*\)\s*\{", source, re.M):
        stream = TokenStream(tokens(source[match.end() - 1:]))
        body = stream.skip_balanced()
        yield match.group(1), body
