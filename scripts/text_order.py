#!/usr/bin/env python3
"""Writes cli/text_order.txt, the order in which the linker lays out the
executable's functions (CMakeLists.txt passes it to gold as
--section-ordering-file): the sections of every function `helm-operator
template` runs over the conformance corpus, those that the most cases run
first, then the hottest.

A `template` run touches ~1.5 MB of the binary's 10 MB of code; scattered,
the kernel maps about 6 MB of text around the faults (64 KiB windows, and
whole page-cache folios), which is RSS and page-table work in every process.
Laid out together they take ~3 MB (see docs/rendering-performance.md).

Each case runs once under valgrind's callgrind (a few minutes). Run this after
larger changes to the rendering code: functions missing from the list still
work, they are only placed among the cold code.
Usage: scripts/text_order.py [path/to/helm-operator] (default build/helm-operator)"""
import collections, concurrent.futures, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "conformance")
OUTPUT = os.path.join(ROOT, "cli", "text_order.txt")

# "fn=(12) name" defines a compressed name, "fn=(12)" reuses it; likewise ob=, cob=, cfn=.
NAMED = re.compile(r"(ob|cob|fn|cfn)=(?:\((\d+)\))? ?(.*)")
SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_.$]*")


def functions_run(profile, binary):
    """{function: self instructions} for the functions of `binary` in one callgrind profile."""
    names = {"ob": {}, "fn": {}}
    costs = collections.Counter()
    current, in_binary, after_call = None, False, False
    with open(profile, errors="replace") as lines:
        for line in lines:
            match = NAMED.match(line)
            if match:
                kind, ident, name = match.group(1), match.group(2), match.group(3).strip()
                table = names["ob" if kind in ("ob", "cob") else "fn"]
                if ident is not None and name:
                    table[ident] = name
                resolved = table.get(ident, name) if ident is not None else name
                if kind == "ob":
                    in_binary = os.path.realpath(resolved) == binary
                elif kind == "fn":
                    current = re.sub(r"'\d+$", "", resolved)  # recursion-level suffix
                    if in_binary:
                        costs[current] += 0
                continue
            if line.startswith("calls="):
                after_call = True  # the next cost line is the call's inclusive cost
                continue
            if in_binary and current and line[:1] in "0123456789+-*":
                if after_call:
                    after_call = False
                    continue
                fields = line.split()
                if len(fields) >= 2:
                    costs[current] += int(fields[1])
    return costs


def sections_of(symbol):
    """The names GCC gives the section of a function compiled with -ffunction-sections."""
    if symbol.endswith(".cold"):  # the unlikely part of a split function
        return [".text.unlikely." + symbol[: -len(".cold")]]
    if symbol.startswith("_GLOBAL__sub_I_") or symbol == "main":
        return [".text.startup." + symbol]
    names = [".text." + symbol]
    # Complete-object constructors and destructors (C1, D1) are aliases in the
    # section of the base-object ones (C2, D2).
    base = re.sub(r"([CD])1(?=[EIB])", r"\g<1>2", symbol)
    if base != symbol:
        names.append(".text." + base)
    return names


def main():
    binary = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "helm-operator"))
    if not shutil.which("valgrind"):
        sys.exit("text_order: valgrind is needed (apt-get install valgrind)")
    if not os.path.exists(binary):
        sys.exit("text_order: no binary at %s (build it first)" % binary)
    sys.path.insert(0, CORPUS)
    import compare  # the corpus's own case -> arguments mapping

    corpus = os.path.realpath(CORPUS)
    cases = json.load(open(os.path.join(corpus, "cases.json")))
    cases_run = collections.Counter()
    instructions = collections.Counter()
    with tempfile.TemporaryDirectory() as scratch:
        def profile(index_case):
            index, case = index_case
            out = os.path.join(scratch, "%d.out" % index)
            subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--callgrind-out-file=" + out, binary]
                           + compare.case_args(case, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return functions_run(out, binary)

        with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
            for costs in pool.map(profile, enumerate(cases)):
                for name, cost in costs.items():
                    cases_run[name] += 1
                    instructions[name] += cost
    if not cases_run:
        sys.exit("text_order: callgrind reported no function of %s" % binary)
    # Callgrind also names code without a symbol ("0x4cb6a0", "(below main)").
    symbols = [name for name in cases_run if SYMBOL.fullmatch(name)]
    order = sorted(symbols, key=lambda name: (-cases_run[name], -instructions[name], name))
    sections = [section for symbol in order for section in sections_of(symbol)]
    with open(OUTPUT, "w") as out:
        out.write("\n".join(sections) + "\n")
    print("text_order: %d functions from %d cases -> %s" % (len(order), len(cases), os.path.relpath(OUTPUT, ROOT)))


if __name__ == "__main__":
    main()
