"""The case path in process: p50/p99 of check() with full explanations — citations with the statutes' words,
reasoning, register entries, dependencies and contingent answers, receipt — on the cases of
contingent_benchmark.py, and where the time of the family case goes.

    .venv/bin/python benchmarks/check_benchmark.py [--repeat 500]

Target (issue 12): /check p50 <= 3 ms. The cases are run interleaved, so that the machine's load falls on all
alike. --clock cpu times the process's CPU time instead of the wall clock (on a shared machine the load of other
processes moves wall-clock figures by ±30 % and more); --profile prints the functions that take the most time
(cProfile, cumulative).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from contingent_benchmark import ADULT, FAMILY, UNKNOWN  # noqa: E402

from enplan_rules.answers import check  # noqa: E402

CASES = (("family, trial", FAMILY, "trial"), ("adult, one_plan_law", ADULT, "one_plan_law"),
         ("family, 2 unknowns, trial", UNKNOWN, "trial"))


def percentile(times, fraction):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    parser.add_argument("--profile", action="store_true", help="profile the family case after timing")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    for _name, case, regime in CASES:
        check(case, regime)  # warm the caches of every regime
    times = {name: [] for name, _, _ in CASES}
    for _ in range(args.repeat):
        for name, case, regime in CASES:
            start = clock()
            check(case, regime)
            times[name].append(clock() - start)
    print(f"{'check(), ' + args.clock + ' clock':<28} {'p50':>8} {'p99':>8} {'min':>8} {'copies':>7}")
    for name, case, regime in CASES:
        copies = check(case, regime)["receipt"]["contingent_copies"]
        print(f"{name:<28} {statistics.median(times[name]) * 1000:>6.2f}ms {percentile(times[name], 0.99):>6.2f}ms "
              f"{min(times[name]) * 1000:>6.2f}ms {copies:>7}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            check(FAMILY, "trial")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
