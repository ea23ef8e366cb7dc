"""Benchmark (not a test): what the report's interactive charts add to building the report (issue #22: ≤ 0.1 s).

    .venv/bin/python benchmarks/report_charts_benchmark.py                     # 385,000 citizens × 3 regimes × 12 months
    .venv/bin/python benchmarks/report_charts_benchmark.py --population pop.parquet

The population (`enplan synth --citizens 385000 --seed 1`, written to a temporary folder unless --population is
given) is compared in this process (sector law, the One Plan law and the trial, 2019-01..2019-12); then, --repeat
times each, the report is built and rendered (report.build + Document.html/markdown) without charts and with them,
and pagecharts.figures (every chart dict of both languages) alone. CPU seconds of this process (user + sys), min
and median, the load before the runs, and the peak memory are printed. Matplotlib is not imported on this path.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import pandas  # noqa: E402

from enplan_rules.population import brief as brief_module  # noqa: E402
from enplan_rules.population import compare, pagecharts, report  # noqa: E402


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(function, repeat):
    times = []
    for _ in range(repeat):
        start = cpu()
        function()
        times.append(cpu() - start)
    return min(times), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", help="a population file (default: enplan synth --citizens 385000 --seed 1)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.population
        if path is None:
            path = os.path.join(folder, "population.parquet")
            enplan = os.path.join(os.path.dirname(sys.executable), "enplan")
            subprocess.run([enplan, "synth", "--citizens", "385000", "--seed", "1", "--out", path], check=True, capture_output=True)
        comparison = compare.compare(pandas.read_parquet(path), ("sector_law", "one_plan_law", "trial"), "2019-01", "2019-12",
                                     progress=False)
    results, changes = report._results(comparison), report.trial_changes(comparison)
    brief = brief_module.compute(comparison)

    def without():
        document = report.build(comparison, (), charts=False)
        document.markdown(), document.html(report.TITLE)

    def with_charts():
        document = report.build(comparison, (), charts=True)
        document.markdown(), document.html(report.TITLE)

    with_charts()  # imports, plotly.js read once into the page cache
    load = os.getloadavg()
    print(f"{comparison.citizens:,} citizens × {len(comparison.plan.months)} months × {len(comparison.plan.regimes)} regimes; "
          f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.repeat} runs each, CPU-s (user+sys) min / median")
    figures = measure(lambda: pagecharts.figures(comparison, results, changes, brief), args.repeat)
    plain = measure(without, args.repeat)
    charted = measure(with_charts, args.repeat)
    print(f"  pagecharts.figures, both languages: {figures[0]:.3f} / {figures[1]:.3f}")
    print(f"  report without charts:              {plain[0]:.3f} / {plain[1]:.3f}")
    print(f"  report with charts:                 {charted[0]:.3f} / {charted[1]:.3f}")
    print(f"  added by the charts:                {charted[0] - plain[0]:.3f} / {charted[1] - plain[1]:.3f}  (target ≤ 0.1)")
    page = report.build(comparison, (), charts=True).html(report.TITLE)
    print(f"  report.html {len(page.encode()) / 1e6:.2f} MB; matplotlib imported: {'matplotlib' in sys.modules}; "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
