"""A /check with an override or a reading against one without: the time of check() in process on the family case
of contingent_benchmark.py, plain, with the same override each time (the system cached), with a distinct override
value each time (a system made for it), and with a distinct reading each time; and the time of making a system.

    .venv/bin/python benchmarks/override_benchmark.py [--repeat 50]

Issue 21: each distinct `override=` value built a reform (a deep copy of the parameter tree, the switches made
again, the static dependencies traced again) — 3.7 times a plain /check — and left ~11 KB behind. Now the values
are set on a system sharing the regime's variables (`readings.with_values`); the target is a distinct override
within the plain check's time give or take the machine's noise. The cases run interleaved, so that the machine's
load falls on all alike.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

from contingent_benchmark import FAMILY  # noqa: E402

from enplan_rules.answers import check, readings  # noqa: E402

TOLERANCE = "trial.meeting_parity_tolerance"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    switches = list(readings.SWITCHES)
    counter = iter(range(1, 10**9))
    runs = {
        "plain": lambda: check(FAMILY, "trial"),
        "same override": lambda: check(FAMILY, "trial", overrides={TOLERANCE: 0.25}),
        "distinct override": lambda: check(FAMILY, "trial", overrides={TOLERANCE: next(counter) / 10**6}),
        "distinct reading": lambda: check(FAMILY, "trial", readings={
            switches[next(counter) % len(switches)]: "alternative",
            switches[next(counter) % len(switches)]: "alternative"}),
    }
    for run in runs.values():
        run()  # warm the caches of the regime
    times = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    plain = statistics.median(times["plain"])
    print(f"{'check(), family, trial':<24} {'p50':>9} {'min':>9} {'× plain':>8}")
    for name in runs:
        median = statistics.median(times[name])
        print(f"{name:<24} {median * 1000:>7.1f}ms {min(times[name]) * 1000:>7.1f}ms {median / plain:>8.2f}")
    made = 1000
    start = time.perf_counter()
    for index in range(made):
        readings.switched("trial", overrides={TOLERANCE: (index + 1) / 10**7})
    each = (time.perf_counter() - start) / made
    print(f"making a system for a distinct override: {each * 1000:.3f} ms each ({made} made)")


if __name__ == "__main__":
    main()
