"""Contingent answers: in-process p50 of check() with dependencies against check() without them (same process,
same cases, interleaved), and what the alternative design — one extra run per reading and per fact — would cost.
check() without dependencies is check() with no judgement to flip and no reading to turn: one copy of the case.

    .venv/bin/python benchmarks/contingent_benchmark.py [--repeat 200]

Target (issue 9): /check with dependencies ≤ 2× plain /check.
"""

import argparse
import contextlib
import copy
import statistics
import time
from unittest import mock

from enplan_rules.answers import check, contingent
from enplan_rules.answers.readings import SWITCHES

FAMILY = {
    "municipality": "ballerup", "month": "2019-03",
    "persons": [
        {"id": "mother", "role": "parent", "birth_date": "1988-05-01",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-06-10",
         "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True},
    ],
}
ADULT = {"municipality": "other", "month": "2019-03", "persons": [
    {"id": "a", "employment_target_group": "kontanthjaelp_aktivitetsparat", "has_complex_problems": True,
     "consents_to_one_plan": True, "receives_adult_social_support": True}]}
UNKNOWN = copy.deepcopy(FAMILY)
UNKNOWN["persons"][0].update(consents_to_one_plan=None, municipality_offers_holistic_plan=None)


@contextlib.contextmanager
def without_dependencies():
    """check() evaluating the case alone: no judgement facts to flip, no reading switches to turn."""
    with mock.patch.object(contingent, "judgement_facts", dict), \
            mock.patch.object(contingent.readings_module, "active_switches", lambda system: []):
        yield


def p50(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    print(f"{'case':<28} {'plain p50':>10} {'with deps':>10} {'ratio':>6} {'copies':>7}")
    for name, case, regime in (("family, trial", FAMILY, "trial"), ("adult, one_plan_law", ADULT, "one_plan_law"),
                               ("family, 2 unknowns, trial", UNKNOWN, "trial")):
        check(case, regime)  # warm the caches
        plain_times, full_times = [], []
        for _ in range(args.repeat):  # interleaved, so that the machine's load falls on both alike
            with without_dependencies():
                plain_times.append(p50(lambda case=case, regime=regime: check(case, regime), 1))
            full_times.append(p50(lambda case=case, regime=regime: check(case, regime), 1))
        plain, full = statistics.median(plain_times), statistics.median(full_times)
        copies = check(case, regime)["receipt"]["contingent_copies"]
        print(f"{name:<28} {plain:>9.2f}ms {full:>9.2f}ms {full / plain:>5.2f}× {copies:>7}")
    # the alternative design: one extra check per reading (facts alike would add one per fact and person)
    check(FAMILY, "trial", readings={"R1": "alternative"})
    for reading_id in SWITCHES:
        check(FAMILY, "trial", readings={reading_id: "alternative"})
    with without_dependencies():
        per_run = p50(lambda: check(FAMILY, "trial", readings={"R1": "alternative"}), args.repeat)
    print(f"one extra run per reading instead: {per_run:.2f} ms each × {len(SWITCHES)} readings = "
          f"{per_run * len(SWITCHES):.1f} ms before any judgement fact")


if __name__ == "__main__":
    main()
