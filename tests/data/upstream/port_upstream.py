#!/usr/bin/env python3
"""Ports upstream template test suites (Go's text/template, Sprig v3.3.0,
Helm's engine function tests) into one case file per suite, and records what
the reference Helm 3.17 prints for every case as golden files.

Usage:
  port_upstream.py --go-src DIR --sprig-git DIR --helm-git DIR [--helm BIN] [--only SUITE]
  port_upstream.py --from-cases [--helm BIN] [--only SUITE]

  --go-src     Go's src/text/template folder (exec_test.go, parse/*_test.go)
  --sprig-git  a git directory of Masterminds/sprig (read at tag v3.3.0)
  --helm-git   a git directory of helm/helm (read at tag v3.17.3)
  --from-cases re-record from the case files already here (no upstream sources)

The expected outputs never come from the upstream files: only the template
texts (and the data, turned into values) do; every case is rendered by the
real `helm template`, in a chart written to a temporary folder.  For each
suite SUITE it writes

  upstream/SUITE.cases.json       "chart": the chart's fixed files (Chart.yaml,
                                  templates/run.yaml, which renders each case as
                                  `ID DATA-SET: <output as JSON>`); "data": the
                                  data sets; "cases": one line per case (id, run,
                                  data set, upstream name, template text);
                                  "skipped": the upstream cases left out, with
                                  the reason
  golden/upstream-SUITE.out       helm's output for the combined run (all cases
                                  with "run": "combined" in one chart)
  golden/upstream-SUITE.isolated.tsv
                                  ID, data set, exit code, stdout, stderr of
                                  every "isolated" case (one that fails or
                                  defines templates), each rendered alone
                                  (\\, tab and newline escaped)

materialize() lays a chart out; tests/templating/upstream_suites_test.cpp lays
it out the same way and runs our binary on it.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from suites import go_suites, sprig_suites, helm_suites

SUITES_DIR = Path(__file__).resolve().parent
DATA_DIR = SUITES_DIR.parent
RUN_TEMPLATE = """{{- range .Values.cases }}
{{ .id }} {{ .data }}: {{ include (printf "%s/templates/cases/_%s.tpl" $.Chart.Name .id) (index $.Values.data .data) | toJson }}
{{- end }}
"""


def escape_field(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def case_id(name, taken):
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "case"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = "%s-%d" % (base, n), n + 1
    taken.add(candidate)
    return candidate


def write_text(path, text, errors="surrogateescape"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", errors=errors, newline="") as out:
        out.write(text)


def materialize(document, cases, folder):
    """Writes the suite's chart into `folder` with `cases` (a subset of
    document["cases"]) as the cases it renders."""
    for relative, text in document["chart"].items():
        write_text(folder / relative, text)
    values = {"data": document["data"], "cases": [{"id": c["id"], "data": c["data"]} for c in cases]}
    write_text(folder / "values.yaml", json.dumps(values, indent=1, ensure_ascii=False) + "\n")
    for case in cases:
        write_text(folder / "templates" / "cases" / ("_%s.tpl" % case["id"]), case["text"])


def render(helm, document, cases):
    """Runs `helm template` on a scratch chart of `cases`; returns (exit, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "chart"
        materialize(document, cases, folder)
        proc = subprocess.run([helm, "template", "r", str(folder)], capture_output=True,
                              env=dict(os.environ, TZ="UTC"))
        return (proc.returncode,
                proc.stdout.decode("utf-8", "surrogateescape"),
                proc.stderr.decode("utf-8", "surrogateescape"))


def document_text(document):
    """The case file: fixed chart files and data sets indented, one line per case."""
    def block(value):
        return json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n ")

    def rows(items):
        return "[" + ",".join("\n  " + json.dumps(item, ensure_ascii=False) for item in items) + "\n ]"
    cases = [{key: case[key] for key in ("id", "run", "data", "name", "text")} for case in document["cases"]]
    return ('{\n "chart": %s,\n "data": %s,\n "cases": %s,\n "skipped": %s\n}\n'
            % (block(document["chart"]), block(document["data"]), rows(cases), rows(document["skipped"])))


def record_suite(helm, suite, data_sets, cases, skipped):
    """cases: dicts with id, name, text, data.  Sorts them into combined and
    isolated, writes the case file and the goldens."""
    document = {"chart": {"Chart.yaml": "apiVersion: v2\nname: upstream-%s\nversion: 0.1.0\n" % suite,
                          "templates/run.yaml": RUN_TEMPLATE},
                "data": data_sets, "cases": cases, "skipped": [list(entry) for entry in skipped]}
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda c: render(helm, document, [c]), cases))
    lines = []
    for case, (code, out, err) in zip(cases, results):
        defines = re.search(r"\{\{-?\s*(define|block)\b", case["text"]) is not None
        case["run"] = "combined" if code == 0 and not defines else "isolated"
        if case["run"] == "isolated":
            lines.append("\t".join([case["id"], case["data"], str(code), escape_field(out), escape_field(err)]))
    combined = [case for case in cases if case["run"] == "combined"]
    code, out, err = render(helm, document, combined)
    if code != 0:
        raise SystemExit("combined run of %s failed: %s" % (suite, err))
    write_text(SUITES_DIR / ("%s.cases.json" % suite), document_text(document), errors="strict")
    write_text(DATA_DIR / "golden" / ("upstream-%s.out" % suite), out)
    write_text(DATA_DIR / "golden" / ("upstream-%s.isolated.tsv" % suite), "".join(l + "\n" for l in lines))
    print("%s: %d cases (%d combined, %d isolated), %d skipped"
          % (suite, len(cases), len(combined), len(lines), len(skipped)))


def stored_suites():
    """(suite, data sets, cases, skipped) from the case files already here."""
    for path in sorted(SUITES_DIR.glob("*.cases.json")):
        with open(path, encoding="utf-8") as source:
            document = json.load(source)
        cases = [{key: case[key] for key in ("id", "name", "text", "data")} for case in document["cases"]]
        yield path.name[:-len(".cases.json")], document["data"], cases, document["skipped"]


def upstream_suites(args):
    """(suite, data sets, cases, skipped) read from the upstream test sources."""
    for suite in go_suites(Path(args.go_src)) + sprig_suites(args.sprig_git) + helm_suites(args.helm_git):
        taken = set()
        cases = [{"id": case_id(name, taken), "name": name, "text": text, "data": data}
                 for name, text, data in suite.cases]
        yield suite.name, suite.data_sets, cases, suite.skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--go-src")
    parser.add_argument("--sprig-git")
    parser.add_argument("--helm-git")
    parser.add_argument("--from-cases", action="store_true")
    parser.add_argument("--helm", default=str(DATA_DIR.parent.parent / ".reference" / "helm"))
    parser.add_argument("--only", help="record only this suite")
    args = parser.parse_args()
    if not args.from_cases and not (args.go_src and args.sprig_git and args.helm_git):
        parser.error("give --go-src, --sprig-git and --helm-git, or --from-cases")
    for name, data_sets, cases, skipped in stored_suites() if args.from_cases else upstream_suites(args):
        if not args.only or name == args.only:
            record_suite(args.helm, name, data_sets, cases, skipped)


if __name__ == "__main__":
    main()
