"""The upstream suites port_upstream.py records: which upstream tables and
template literals become cases, the data sets they run on (Go test data
translated to values), and which cases are left out and why."""

import re
import subprocess
from pathlib import Path

import go_literals as gl


class Suite:
    def __init__(self, name, data_sets):
        self.name = name
        self.data_sets = data_sets
        self.cases = []      # (upstream name, template text, data set name)
        self.skipped = []    # (upstream name, reason)

    def add(self, name, text, data="nil"):
        self.cases.append((name, text, data))

    def skip(self, name, reason):
        self.skipped.append((name, reason))


# --- Go's text/template -----------------------------------------------------

# exec_test.go's tVal as values: what YAML can say of it.  Fields whose Go type
# carries behaviour (String/Error methods, funcs, interfaces with methods,
# templates, complex numbers) are left out, and the cases using them skipped.
T_VAL = {
    "True": True, "I": 17, "U16": 16, "X": "x", "S": "xyz", "FloatZero": 0.0,
    "U": {"V": "v"},
    "SI": [3, 4, 5], "SICap": [0, 0, 0, 0, 0], "SIEmpty": [], "SB": [True, False],
    "AI": [3, 4, 5],
    "MSI": {"one": 1, "two": 2, "three": 3}, "MSIone": {"one": 1}, "MSIEmpty": {},
    "MXI": {"one": 1}, "MII": {"1": 1},
    "MI32S": {"1": "one", "2": "two"}, "MI64S": {"2": "i642", "3": "i643"},
    "MUI32S": {"2": "u322", "3": "u323"}, "MUI64S": {"2": "ui642", "3": "ui643"},
    "MI8S": {"2": "i82", "3": "i83"}, "MUI8S": {"2": "u82", "3": "u83"},
    "SMSI": [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}],
    "Empty0": None, "Empty1": 3, "Empty2": "empty2", "Empty3": [7, 8], "Empty4": {"V": "UinEmpty"},
    "PI": 23, "PS": "a string", "PSI": [21, 22, 23], "NIL": None,
}

# TestComparison's cmpStruct (uint and int both become YAML numbers).
CMP_DATA = {"Uthree": 3, "Ufour": 4, "NegOne": -1, "Three": 3, "Ptr": 0, "NilPtr": None,
            "NonNilMap": {}, "Map": None}

GO_ONLY_FIELDS = {
    "V0": "Go Stringer field", "V1": "Go Stringer field", "V2": "Go Stringer field",
    "W0": "Go error-method field", "W1": "Go error-method field", "W2": "Go error-method field",
    "NonEmptyInterface": "Go interface with methods", "NonEmptyInterfacePtS": "Go interface with methods",
    "NonEmptyInterfaceNil": "Go interface with methods",
    "NonEmptyInterfaceTypedNil": "Go interface with methods",
    "Str": "Go Stringer field", "Err": "Go error field", "ComplexZero": "Go complex field",
    "BinaryFunc": "Go func field", "VariadicFunc": "Go func field", "VariadicFuncInt": "Go func field",
    "NilOKFunc": "Go func field", "ErrFunc": "Go func field", "PanicFunc": "Go func field",
    "Tmpl": "Go *Template field", "unexported": "unexported Go struct field",
    "Iface1": "Go Stringer field", "NilIface": "Go interface field",
    "V1 .V2": "Go Stringer field",
}
GO_METHODS = ["Method0", "Method1", "Method2", "Method3", "Copy", "MAdd", "MyError", "GetU", "TrueFalse"]
# Functions exec_test.go registers for its own use that Helm does not have
# (typeOf and add exist in Sprig and stay).
GO_TEST_FUNCS = ["count", "dddArg", "die", "echo", "makemap", "mapOfThree", "oneArg", "returnInt",
                 "stringer", "twoArgs", "valueString", "vfunc", "zeroArgs"]
GO_CONSTANTS = {"bigInt": "0x7fffffffffffffff", "bigUint": "0x8000000000000000",
                "rangeTestInt": '{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}'}

# Cases of newer Go releases (1.20-1.24) than the Go source the port reads:
# range over an integer (Go 1.22) and its errors.
NEWER_EXEC_CASES = [
    ("range 5", '{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}', "nil"),
    ("range int data", '{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}', "int5"),
    ("range int literal no var", "{{range 3}}{{.}}{{end}}", "nil"),
    ("range int zero else", "{{range 0}}x{{else}}empty{{end}}", "nil"),
    ("range int negative", "{{range -2}}x{{else}}empty{{end}}", "nil"),
    ("range int two vars", "{{range $i, $v := 3}}{{$i}}{{end}}", "nil"),
    ("range int break", "{{range $v := 10}}{{if eq $v 3}}{{break}}{{end}}{{$v}}{{end}}", "nil"),
    ("range int continue", "{{range $v := 5}}{{if eq $v 2}}{{continue}}{{end}}{{$v}}{{end}}", "nil"),
    ("range float literal", "{{range 2.5}}x{{end}}", "nil"),
    ("range int64 value", "{{range int64 3}}{{.}}{{end}}", "nil"),
    ("range len", "{{range len .SI}}{{.}}{{end}}", "tVal"),
    ("issue56490", "{{$i := 0}}{{$x := 0}}{{range $i = .AI}}{{end}}{{$i}}", "tVal"),
    ("issue60801", "{{$k := 0}}{{$v := 0}}{{range $k, $v = .AI}}{{$k}}={{$v}} {{end}}", "tVal"),
    ("complex literal", "{{ 1i }}", "nil"),
    ("complex printf", '{{ printf "%v" 2i }}', "nil"),
    ("complex sum literal", "{{ 1+2i }}", "nil"),
    ("complex typeOf kindOf", "{{ typeOf 1i }} {{ kindOf 2i }}", "nil"),
    ("complex printf verbs", '{{ printf "%T %.2f %g %e" 1.5i 1.5i -2i 3i }}', "nil"),
    ("complex toJson", "{{ 1i | toJson }}", "nil"),
    ("complex eq", "{{ eq 1i 1i }} {{ eq 0i 0 }}", "nil"),
    ("complex as int arg", "{{ add 1i 2 }}", "nil"),
    ("complex quote", "{{ quote 1i }}", "nil"),
    ("complex imaginary float", "{{ 1.5e2i }} {{ 0x1p-2i }} {{ 0i }}", "nil"),
    ("complex bad literal", "{{ 1ii }}", "nil"),
    ("missing key", "{{.x}} {{.y}}", "x99"),
    ("unterminated raw string", "hello\n\n{{`unterminated\n\n\n\n}}\n some more\n\n", "nil"),
    ("nested template error", 'line 1\nline 2\nline 3\n{{template "one" .}}\n{{define "one"}}{{template "two" .}}'
     '{{end}}\n{{define "two"}}{{template "three" .}}{{end}}\n{{define "three"}}{{index "hi" $}}{{end}}', "int5"),
    ("final for printf", '{{"x" | printf}}', "nil"),
    ("exec error context", "hello, {{.X.Y}}", "nil"),
]


def _skip_reason(text):
    for field, reason in GO_ONLY_FIELDS.items():
        if re.search(r"\.%s\b" % re.escape(field), text):
            return "%s (.%s)" % (reason, field)
    for method in GO_METHODS:
        if re.search(r"\.%s\b" % method, text):
            return "Go method call (.%s)" % method
    for func in GO_TEST_FUNCS:
        if re.search(r"(^|[^.\w$])%s\b" % func, text):
            return "test-only Go function %s" % func
    if re.search(r"\bcall\b", text):
        return "call needs a Go func value"
    return None


def _exec_data(field, suite, literal_names):
    """The data set name for an execTests data field, adding literal data sets."""
    text = " ".join(t for _, t in field)
    if text == "tVal":
        return "tVal"
    if text == "nil":
        return "nil"
    if text == "T { }":  # T's zero value: only used by cases that read no field
        return "tZero"
    data = gl.value(field)
    key = literal_names.get(repr(data))
    if key is None:
        key = "lit%d" % len(literal_names)
        literal_names[repr(data)] = key
        suite.data_sets[key] = data
    return key


def go_exec_suite(go_src):
    source = (go_src / "exec_test.go").read_text()
    suite = Suite("go-exec", {"tVal": T_VAL, "tZero": {}, "cmp": CMP_DATA, "int5": 5, "x99": {"x": 99}})
    literal_names = {}
    for fields in gl.table_entries(source, "execTests"):
        name = gl.decode_string(fields[0][0][1])
        try:
            text = gl.string_expr(fields[1], GO_CONSTANTS)
            reason = _skip_reason(text)
            if reason:
                suite.skip(name, reason)
                continue
            data = _exec_data(fields[3], suite, literal_names)
        except gl.Unsupported as why:
            suite.skip(name, "Go-only data: %s" % why)
            continue
        suite.add(name, text, data)
    for fields in gl.table_entries(source, "cmpTests"):
        expr = gl.decode_string(fields[0][0][1])
        reason = _skip_reason(expr)
        if reason:
            suite.skip("cmp " + expr, reason)
            continue
        suite.add("cmp " + expr, "{{if %s}}true{{else}}false{{end}}" % expr, "cmp")
    for name, text, data in NEWER_EXEC_CASES:
        suite.add(name, text, data)
    return suite


# lex_test.go's named string constants.
LEX_CONSTANTS = {"raw": "`" + "abc\\n\\t\\\" " + "`", "rawNL": "`now is{{\n}}the time`"}


def go_parse_suite(go_src):
    parse_source = (go_src / "parse" / "parse_test.go").read_text()
    lex_source = (go_src / "parse" / "lex_test.go").read_text()
    suite = Suite("go-parse", {"tVal": T_VAL})
    for table in ("parseTests", "errorTests"):
        for fields in gl.table_entries(parse_source, table):
            name = gl.decode_string(fields[0][0][1])
            text = gl.string_expr(fields[1], {})
            suite.add("%s %s" % (table, name), text, "tVal")
    for fields in gl.table_entries(parse_source, "numberTests"):
        number = gl.decode_string(fields[0][0][1])
        suite.add("number " + number, '{{print %s}}|{{printf "%%T" %s}}' % (number, number))
    for fields in gl.table_entries(lex_source, "lexTests"):
        name = gl.decode_string(fields[0][0][1])
        try:
            text = gl.string_expr(fields[1], LEX_CONSTANTS)
        except gl.Unsupported as why:
            suite.skip("lex " + name, str(why))
            continue
        suite.add("lex " + name, text, "tVal")
    return suite


def go_suites(go_src):
    return [go_exec_suite(go_src), go_parse_suite(go_src)]


# --- Sprig and Helm: template literals inside test functions ----------------

def git_show(git_dir, rev, path):
    return subprocess.run(["git", "-C", git_dir, "show", "%s:%s" % (rev, path)],
                          check=True, capture_output=True, text=True).stdout


# Functions whose output changes from run to run (or with the clock), and
# functions Helm removes from Sprig: cases using them are not recorded.
NONDETERMINISTIC = ["randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt",
                    "uuidv4", "now", "genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert",
                    "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "bcrypt",
                    "htpasswd", "encryptAES", "shuffle", "dateInZone", "ago", "getHostByName"]
HELM_REMOVED = ["env", "expandenv"]


def _literal_cases(suite, source, prefix, data_for_function):
    """Adds every template literal (a string with `{{`) of each test function."""
    for func_name, body in gl.test_functions(source):
        data, untranslated = data_for_function(func_name, body)
        literal_index = 0
        for kind, text in body:
            if kind not in ("str", "raw"):
                continue
            template = gl.decode_string(text)
            if "{{" not in template:
                continue
            literal_index += 1
            name = "%s %s %d" % (prefix, func_name, literal_index)
            used = re.findall(r"[A-Za-z_]\w*", " ".join(re.findall(r"\{\{(.*?)\}\}", template, re.S)))
            bad = [f for f in NONDETERMINISTIC if f in used]
            if bad:
                suite.skip(name, "not deterministic: " + bad[0])
                continue
            removed = [f for f in HELM_REMOVED if f in used]
            if removed:
                suite.skip(name, "Helm removes %s from Sprig" % removed[0])
                continue
            if untranslated and re.search(r"\{\{[^}]*\.[A-Za-z]", template):
                suite.skip(name, "Go-only data: " + untranslated)
                continue
            suite.add(name, template, data)


def _function_data(suite):
    """A data-set chooser: the map literals of a test function, merged; returns
    the data set's name and why a literal could not be translated (or None)."""
    def choose(func_name, body):
        merged, untranslated = {}, None
        stream = gl.TokenStream(body)
        while stream.peek()[0] != "eof":
            if stream.peek() == ("ident", "map"):
                start = stream.pos
                try:
                    literal = gl._composite(stream)
                    if isinstance(literal, dict):
                        merged.update(literal)
                except (gl.Unsupported, ValueError, KeyError) as why:
                    untranslated = untranslated or str(why)
                    stream.pos = start + 1
                continue
            stream.take()
        if not merged:
            return "nil", untranslated
        suite.data_sets[func_name] = merged
        return func_name, untranslated
    return choose


SPRIG_FILES = ["strings_test.go", "list_test.go", "dict_test.go", "numeric_test.go", "defaults_test.go",
               "semver_test.go", "regex_test.go", "crypto_test.go", "date_test.go", "url_test.go",
               "reflect_test.go", "flow_control_test.go", "functions_test.go"]


# date_test.go's cases run on Go time values; these take the same functions
# over fixed instants that templates can make.
SPRIG_DATE_CASES = [
    ("date fixed date", '{{ toDate "2006-01-02" "2017-12-31" | date "02 Jan 06 15:04 -0700" }}'),
    ("date fixed unix", '{{ date "2006-01-02T15:04:05Z07:00" 1500000000 }}'),
    ("date in zone", '{{ dateInZone "02 Jan 06 15:04 -0700" 1500000000 "Asia/Tokyo" }}'),
    ("date in bad zone", '{{ date_in_zone "02 Jan 06 15:04 -0700" 1500000000 "foobar" }}'),
    ("date modify", '{{ toDate "2006-01-02" "2017-12-31" | dateModify "-1.5h" | date "2006-01-02 15:04" }}'),
    ("date modify bad", '{{ toDate "2006-01-02" "2017-12-31" | mustDateModify "1x" }}'),
    ("date unixEpoch", '{{ toDate "2006-01-02" "2017-12-31" | unixEpoch }}'),
    ("date unixEpoch wrong type", '{{ unixEpoch "2017" }}'),
    ("date html", '{{ htmlDateInZone 1500000000 "UTC" }} {{ htmlDate 0 }}'),
    ("date toDate bad", '{{ mustToDate "2006-01-02" "nope" }}'),
    ("date duration", '{{ duration 95 }} {{ duration "3600" }} {{ durationRound "2h10m5s" }}'),
    ("date print time", '{{ toDate "2006-01-02 15:04" "2017-12-31 23:59" }}'),
]


def sprig_suites(git_dir):
    suite = Suite("sprig", {})
    for file_name in SPRIG_FILES:
        source = git_show(git_dir, "v3.3.0", file_name)
        _literal_cases(suite, source, file_name.replace("_test.go", ""), _function_data(suite))
    for name, template in SPRIG_DATE_CASES:
        suite.add(name, template)
    return [suite]


def helm_suites(git_dir):
    suite = Suite("helm-funcs", {})
    source = git_show(git_dir, "v3.17.3", "pkg/engine/funcs_test.go")
    for func_name, body in gl.test_functions(source):
        if func_name != "TestFuncs":
            continue
        table = gl.TokenStream(body)
        # The table literal: `tests := []struct{...}{ {...}, ... }`.
        start = next(i for i, tok in enumerate(body) if tok == ("ident", "struct"))
        table.pos = start + 1
        table.skip_balanced()
        entries = gl.split_fields(table.skip_balanced()[1:-1])
        for index, entry_tokens in enumerate(entries, 1):
            fields = {}
            for field in gl.split_fields(entry_tokens[1:-1]):
                colon = gl._top_level_colon(field)
                fields[field[0][1]] = field[colon + 1:]
            name = "funcs %d" % index
            template = gl.string_expr(fields["tpl"], {})
            try:
                data = gl.value(fields["vars"]) if "vars" in fields else None
            except gl.Unsupported as why:
                suite.skip(name, "Go-only data: %s" % why)
                continue
            key = "nil"
            if data is not None:
                key = "funcs%d" % index
                suite.data_sets[key] = data
            suite.add(name, template, key)
    for name, template, data in HELM_ENGINE_CASES:
        suite.add(name, template, data)
    suite.data_sets.setdefault("values", {"name": "world", "items": ["a", "b"], "nested": {"k": "v"}})
    return [suite]


# Cases after Helm's engine_test.go (include, tpl, required, fail and the
# YAML/JSON helpers' error forms), whose charts are Go structs there.
HELM_ENGINE_CASES = [
    ("engine include", '{{define "x"}}hello {{.name}}{{end}}{{include "x" .}}', "values"),
    ("engine include nested", '{{define "a"}}[{{include "b" .}}]{{end}}{{define "b"}}{{.name}}{{end}}{{include "a" .}}',
     "values"),
    ("engine include missing", '{{include "nope" .}}', "values"),
    ("engine include recursion", '{{define "r"}}{{include "r" .}}{{end}}{{include "r" .}}', "values"),
    ("engine tpl", '{{tpl "{{ .name }}!" .}}', "values"),
    ("engine tpl define", '{{tpl "{{define \\"t\\"}}in{{end}}{{include \\"t\\" .}}" .}}', "values"),
    ("engine tpl parse error", '{{tpl "{{ .name " .}}', "values"),
    ("engine tpl exec error", '{{tpl "{{ fail \\"boom\\" }}" .}}', "values"),
    ("engine required ok", '{{required "need name" .name}}', "values"),
    ("engine required missing", '{{required "need other" .other}}', "values"),
    ("engine required empty string", '{{required "need empty" ""}}', "values"),
    ("engine fail", '{{fail "stop here"}}', "values"),
    ("engine toYaml list", "{{toYaml .items}}", "values"),
    ("engine fromYaml error", '{{fromYaml "a: b: c" | toJson}}', "values"),
    ("engine fromYamlArray", '{{fromYamlArray "- 1\\n- two" | toJson}}', "values"),
    ("engine fromYamlArray error", '{{fromYamlArray "a: 1" | toJson}}', "values"),
    ("engine fromJson error", '{{fromJson "{" | toJson}}', "values"),
    ("engine fromJsonArray", '{{fromJsonArray "[1, \\"a\\", null]" | toJson}}', "values"),
    ("engine fromJsonArray error", '{{fromJsonArray "{}" | toJson}}', "values"),
    ("engine toToml nested", "{{toToml .}}", "values"),
    ("engine mustToYaml", "{{mustToYaml .nested}}", "values"),
    ("engine mustToJson", "{{mustToJson .nested}}", "values"),
    ("engine lookup offline", '{{lookup "v1" "Pod" "ns" "name" | toJson}}', "values"),
    ("engine no value replaced", "{{.missing}}|{{index . \"missing\"}}", "values"),
    ("engine tpl empty", '{{tpl "" .}}', "values"),
    ("engine tpl empty string action", '{{tpl "{{ \\"\\"}}" .}}', "values"),
    ("engine tpl define not invoked", '{{tpl "{{define \\"not-invoked\\"}}not-rendered{{end}}" .}}', "values"),
    ("engine lookup error kind", '{{ lookup "v1" "Error" "" "" }}', "values"),
    ("engine required in text", 'All {{ required "A valid \'bases\' is required" .bases }} of them!', "values"),
    ("engine tpl include define", '{{define "test"}}parent value{{end}}{{ tpl "{{ include \\"test\\" . }}" . }}',
     "values"),
]
