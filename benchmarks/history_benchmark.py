"""Benchmark: the review of a 44-month history of a two-person family under the three regimes.

Prints the p50 (and min, max) of `enplan_rules.history.review` over repeated runs in one process (the regimes are
loaded once first, as in a running server), and of `POST /check/history` against the WSGI app in-process.

    .venv/bin/python benchmarks/history_benchmark.py [--runs 15]
"""

import argparse
import os
import statistics
import time

HISTORY = {
    "municipality": "ballerup",
    "from": "2017-06",
    "to": "2021-01",  # 44 months
    "persons": [
        {"id": "mother", "role": "parent", "birth_date": "1990-03-02", "en_plan_start_date": "2017-11-15",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2017-06-14",
         "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True,
         "record": {"meetings": ["2017-06-30", "2017-11-20", "2018-02-12", "2018-05-07", "2018-08-20",
                                 "2019-02-04", "2019-05-06", "2019-08-12", "2019-11-04", "2020-02-03"],
                    "offers": ["2017-07-20"],
                    "plans": [{"kind": "plan_lab_min_plan", "date": "2017-07-01"},
                              {"kind": "one_plan", "date": "2017-12-01"}]}},
        {"id": "child", "role": "child", "birth_date": "2002-05-20"},
    ],
    "changes": [
        {"date": "2019-02-01", "person": "mother", "employment_target_group": "ressourceforloeb"},
        {"date": "2019-10-01", "person": "mother", "consents_to_one_plan": False},
        {"date": "2020-03-05", "person": "mother", "employment_target_group": "sygedagpenge",
         "sickness_benefit_category": "category_2"},
    ],
}


def measure(function, runs):
    """p50, min and max wall time, and p50 CPU time of this process (ms): the machine is shared, so the CPU
    figure says what the work costs when the cores are busy with others."""
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from enplan_rules import regimes
    from enplan_rules.history import months, review

    for name in regimes.NAMES:
        regimes.load(name)
    from werkzeug.test import Client

    from enplan_rules.answers.unrecorded import at_defaults
    from enplan_rules.api.app import Config, create_app

    client = Client(create_app(Config()))
    count = len(months(HISTORY["from"], HISTORY["to"]))
    # as given, the history leaves the municipality's and the caseworker's judgements unrecorded: every month is
    # answered through check() (each answer that turns on one says so); recorded, the one simulation answers
    for label, history in (("judgements unrecorded", HISTORY), ("judgements recorded", at_defaults(HISTORY))):
        review(history, "all", "en")  # warm-up: the register's static closures, parameter caches
        p50, low, high, cpu = measure(lambda history=history: review(history, "all", "en"), args.runs)
        print(f"review(), {label}: {count} months x 2 persons x 3 regimes: p50 {p50:.0f} ms (min {low:.0f}, "
              f"max {high:.0f}; CPU p50 {cpu:.0f} ms) over {args.runs} runs")

        def post(history=history):
            response = client.post("/check/history?lang=en", json=history)
            assert response.status_code == 200, response.data[:500]

        post()
        p50, low, high, cpu = measure(post, args.runs)
        print(f"POST /check/history, {label} (in-process WSGI): p50 {p50:.0f} ms (min {low:.0f}, max {high:.0f}; "
              f"CPU p50 {cpu:.0f} ms) over {args.runs} runs")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
