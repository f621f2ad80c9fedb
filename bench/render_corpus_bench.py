#!/usr/bin/env python3
"""Whole-process rendering benchmark: runs `template` for every case of the
conformance corpus with our binary and with the reference Helm, one process at
a time, alternating ours/helm per case so machine drift hits both alike.

Per case it keeps the median over --rounds of wall time, CPU time (user+sys)
and peak RSS (from wait4, the kernel's own accounting of each finished child).
It prints the corpus totals, ratios helm/ours (time) and ours/helm (memory),
and the slowest cases.  Issue #9's targets: time ratio >= 10, memory <= 0.25.

Usage: bench/render_corpus_bench.py [--ours build/helm-operator] [--helm .reference/helm]
       [--corpus ../shared/conformance] [--rounds 3] [--filter TEXT] [--top 15]
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(cmd):
    """(wall s, cpu s, peak RSS KiB, exit code) of one child process."""
    start = time.monotonic()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, child.returncode


def median_of(samples, index):
    return statistics.median(s[index] for s in samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", default=os.path.join(ROOT, "build", "helm-operator"))
    ap.add_argument("--helm", default=os.path.join(ROOT, ".reference", "helm"))
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(ROOT), "shared", "conformance"))
    ap.add_argument("--rounds", type=int, default=3, help="runs per case and binary; medians are kept")
    ap.add_argument("--filter", default="", help="only cases whose id contains this")
    ap.add_argument("--top", type=int, default=15, help="how many of the slowest cases to list")
    a = ap.parse_args()

    corpus = os.path.abspath(a.corpus)
    sys.path.insert(0, corpus)
    from compare import case_args  # the corpus's own command line per case

    cases = [c for c in json.load(open(os.path.join(corpus, "cases.json"))) if a.filter in c["id"]]
    rows = []
    for case in cases:
        args = case_args(case, corpus)
        ours, helm = [], []
        for _ in range(a.rounds):
            ours.append(run_once([a.ours] + args))
            helm.append(run_once([a.helm] + args))
        rows.append((case["id"], [median_of(ours, i) for i in range(3)], [median_of(helm, i) for i in range(3)]))

    def total(which, index):
        return sum(r[which][index] for r in rows)

    def peak(which):
        return max(r[which][2] for r in rows)

    print("%d cases, %d rounds each, one process at a time (medians per case)" % (len(rows), a.rounds))
    print("%-16s %12s %12s %10s" % ("", "ours", "helm", "ratio"))
    for label, index in (("wall s (sum)", 0), ("cpu s (sum)", 1)):
        o, h = total(1, index), total(2, index)
        print("%-16s %12.3f %12.3f %9.2fx  (helm/ours)" % (label, o, h, h / o if o else float("inf")))
    o, h = peak(1) / 1024, peak(2) / 1024
    print("%-16s %12.1f %12.1f %10.3f  (ours/helm)" % ("peak RSS MiB", o, h, o / h if h else float("inf")))
    print("\nslowest cases (ours): wall ms ours / helm, ratio, peak MiB ours / helm")
    for cid, o, h in sorted(rows, key=lambda r: -r[1][0])[: a.top]:
        print("  %-60s %7.1f %7.1f %6.1fx %6.1f %6.1f" % (cid, o[0] * 1e3, h[0] * 1e3, h[0] / o[0], o[2] / 1024, h[2] / 1024))


if __name__ == "__main__":
    main()
