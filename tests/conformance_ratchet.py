#!/usr/bin/env python3
"""Conformance ratchet: runs ../shared/conformance/compare.py against the built
binary and fails when fewer cases pass than the floor recorded in the repo."""
import argparse
import pathlib
import re
import subprocess
import sys

def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--floor", required=True)
    args = ap.parse_args()
    root = pathlib.Path(__file__).resolve().parent.parent
    compare = root.parent / "shared" / "conformance" / "compare.py"
    if not compare.exists():
        print(f"SKIP: conformance corpus not found at {compare}")
        return 0
    floor = int(pathlib.Path(args.floor).read_text().split()[0])
    proc = subprocess.run([sys.executable, str(compare), "--cmd", args.binary, "--jobs", "2"],
                          capture_output=True, text=True, cwd=root)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    m = re.search(r"(\d+) passed, (\d+) failed", last)
    if not m:
        print(proc.stdout, proc.stderr)
        print("FAIL: compare.py printed no summary")
        return 1
    passed = int(m.group(1))
    print(f"conformance: {last} (floor {floor})")
    if passed < floor:
        print(f"FAIL: {passed} cases pass, below the floor of {floor}")
        return 1
    if passed > floor:
        print(f"note: raise {args.floor} to {passed}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
