"""Benchmark (not a test): the whole-network comparison, vectorised, against the same questions asked case by case.

    .venv/bin/python benchmarks/population_benchmark.py            # 385,000 citizens × 3 regimes × 12 months

1. `enplan synth` writes the 385,000-citizen population (Parquet).
2. `enplan compare` runs as a separate process exactly as an analyst would run it (tables, summary and the report
   with its charts included; with --png, timed again with the charts as PNG files too); wall time, citizen-months
   per second and the peak memory of its whole process tree (the sum of the resident memory of the command and
   its worker processes, sampled every 20 ms in one more run, whose times are not counted) are reported.
3. The same questions (every output the comparison counts, and the ambiguity flags) are answered case by case
   on a sample of families: one OpenFisca simulation per family, regime and month, built from a situation
   dict — and, for a smaller sample, through `enplan_rules.case.check` (the API's path, which also explains and
   cites each answer). The cost per citizen-month gives the ratio to the vectorised run.
4. A trace of one chunk shows which engine variables take the time.

Targets on the 2-core reference machine (issue 22): step 2 ≤ 2 s for 385,000 × 12 months; the national
5.9 million × 12 months (--citizens 5900000) ≤ 30 s and ≤ 2 GB per process; with --panel, 385,000 × 44 months
(--from 2017-07 --to 2021-02) ≤ 15 s and ≤ 2 GB, and `enplan synth --panel` ≤ 10 s. Each command runs --repeat
times (min and median printed) with the machine's load before each run: other work on a shared machine slows
every figure.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict

import numpy
import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from enplan_rules import regimes  # noqa: E402
from enplan_rules.population import columns, compare, engine  # noqa: E402

REGIMES = ("sector_law", "one_plan_law", "trial")


def enplan():
    candidate = os.path.join(os.path.dirname(sys.executable), "enplan")
    return [candidate] if os.path.exists(candidate) else [sys.executable, "-m", "enplan_rules.cli"]


CPU_SECONDS = []  # the CPU time (user + system) of each command measured, its worker processes included
LARGEST = []  # the peak resident memory of the largest single process of each command measured (bytes)


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command, sample=True):
    """Run `command`; return (wall seconds, peak summed RSS of its process tree in bytes, stdout). Its CPU seconds
    (every process of the tree, once reaped) are appended to CPU_SECONDS: on a shared machine the wall time
    grows with the load, the CPU time much less. With `sample`, a thread reads the memory of every process of
    the tree every 20 ms (it takes CPU from the command: about a tenth of a second of a two-second run), and the
    CPU seconds are not kept; without, the peak is 0."""
    cpu_before = _children_cpu()
    LARGEST.append(0)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def read_memory():
        nonlocal peak
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                tree = [root] + root.children(recursive=True)
                sizes = [p.memory_info().rss for p in tree if p.is_running()]
                peak = max(peak, sum(sizes))
                LARGEST[-1] = max(LARGEST[-1], max(sizes, default=0))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=read_memory, daemon=True) if sample else None
    if sampler is not None:
        sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - began
    done.set()
    if sampler is not None:
        sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    if not sample:
        CPU_SECONDS.append(_children_cpu() - cpu_before)
    return wall, peak, stdout


def repeated(command, times):
    """Run `command` `times` times, timed, then once more with its memory sampled (that run's times are not
    kept); return ([wall seconds], [peak bytes], last stdout, [1-minute load before each timed run])."""
    walls, peaks, loads, stdout = [], [], [], ""
    del CPU_SECONDS[:]
    del LARGEST[:]
    for _ in range(times):
        loads.append(os.getloadavg()[0])
        wall, _, stdout = run_measured(command, sample=False)
        walls.append(wall)
    peaks.append(run_measured(command, sample=True)[1])
    return walls, peaks, stdout, loads


def figures(walls, peaks, loads):
    """min / median wall, the largest peak memory and the load averages, as one line."""
    return (
        f"wall min {min(walls):.2f} s, median {statistics.median(walls):.2f} s over {len(walls)} run(s); "
        f"CPU (user + system, all processes) min {min(CPU_SECONDS):.1f} s, median {statistics.median(CPU_SECONDS):.1f} s; "
        f"peak memory {max(peaks) / 2**20:,.0f} MiB summed over the process tree (forked workers share the "
        f"command's pages, counted again in each), largest process {max(LARGEST) / 2**20:,.0f} MiB; "
        "1-minute load before each run "
        + "/".join(f"{load:.1f}" for load in loads)
        + f" on {os.cpu_count()} cores"
    )


def _case(members, month):
    """One family of the population file as a case document for one month (not the vectorised path)."""
    persons = []
    for row in members:
        person = {"id": f"p{row['person_id']}", "role": row["role"]}
        for name, value in row.items():
            if name in ("person_id", "family_id", "role", "municipality") or value is None:
                continue
            if isinstance(value, numpy.datetime64):
                if numpy.isnat(value):
                    continue
                value = str(value.astype("datetime64[D]"))
            elif isinstance(value, numpy.generic):
                value = value.item()
            person[name] = value
        persons.append(person)
    return {"municipality": members[0]["municipality"], "month": month, "persons": persons}


def _situation(members, month):
    """One family as an OpenFisca situation dict for one month, as the case path builds it."""
    from enplan_rules.case.check import situation

    return situation(_case(members, month), month)


def _families(path, count, seed):
    frame, _, _ = columns.read_table(path)
    rng = numpy.random.default_rng(seed)
    chosen = rng.choice(frame["family_id"].unique(), size=count, replace=False)
    sample = frame[frame["family_id"].isin(chosen)]
    records = sample.to_dict("records")
    for record in records:
        for name in ("birth_date", "benefit_start_date", "en_plan_start_date"):
            value = record.get(name)
            record[name] = None if value is None or value != value else numpy.datetime64(value, "D")
    grouped = defaultdict(list)
    for record in records:
        grouped[record["family_id"]].append(record)
    return list(grouped.values())


def case_by_case_engine(families, months):
    """Seconds per citizen-month: one simulation per family, regime and month, the same outputs and flags."""
    from openfisca_core.simulations import SimulationBuilder

    from enplan_rules.legal import register

    citizen_months = 0
    began = time.perf_counter()
    for regime in REGIMES:
        system = regimes.load(regime)
        for members in families:
            for month in months:
                simulation = SimulationBuilder().build_from_entities(system, _situation(members, month))
                for name in engine.OUTPUT_VARIABLES:
                    simulation.calculate(name, month)
                register.flags(simulation, month)
                citizen_months += len(members)
    return (time.perf_counter() - began) / citizen_months, citizen_months


def case_by_case_check(families, month):
    """Seconds per citizen-month through enplan_rules.case.check (one case document per family and regime)."""
    from enplan_rules.answers import check

    citizen_months = 0
    began = time.perf_counter()
    for regime in REGIMES:
        for members in families:
            check(_case(members, month), regime=regime)
            citizen_months += len(members)
    return (time.perf_counter() - began) / citizen_months, citizen_months


def engine_profile(path, months, chunk_size):
    """For one chunk over every month: seconds per regime for the outputs and for the ambiguity flags, and the
    engine's self time (a formula's time without the variables it calls) per variable, from OpenFisca's tracer."""
    from enplan_rules.legal import register

    frame, label, first = columns.read_table(path)
    validation = columns.validate(frame.head(chunk_size), label, first)
    chunk = compare.chunks(compare.prepare(validation, ~validation.invalid), chunk_size)[0]
    phases = {}
    times = defaultdict(float)
    for regime in REGIMES:
        system = regimes.load(regime)
        for traced in (False, True):
            simulation = engine.build_simulation(system, chunk)
            inputs = engine.encoded_inputs(system, chunk)
            simulation.trace = traced
            outputs = flags = 0.0
            for month in months:
                for name, values in inputs.items():
                    simulation.set_input(name, month, values)
                began = time.perf_counter()
                for name in engine.OUTPUT_VARIABLES:
                    simulation.calculate(name, month)
                outputs += time.perf_counter() - began
                if not traced:
                    began = time.perf_counter()
                    register.flags(simulation, month)
                    flags += time.perf_counter() - began
                engine.drop_month(simulation)
            if traced:
                for node in simulation.tracer.browse_trace():
                    times[(regime, node.name)] += node.formula_time()
            else:
                phases[regime] = (outputs, flags)
    return chunk["count"], phases, sorted(times.items(), key=lambda item: -item[1])


def panel_benchmark(args, work, population, months):
    """`enplan synth --panel` and `enplan compare` of the panel, whole commands, wall time and peak memory."""
    synth = enplan() + ["synth", "--panel", "--citizens", str(args.citizens), "--seed", "1", "--from", args.start, "--to", args.end,
                        "--out", population]
    walls, peaks, _, loads = repeated(synth, args.repeat)
    print(f"synth --panel: {args.citizens:,} citizens × {len(months)} months: {figures(walls, peaks, loads)}")
    out = os.path.join(work, "out-panel")
    command = enplan() + ["compare", population, "--from", args.start, "--to", args.end, "--out", out, "--force",
                          "--workers", str(args.workers), "--no-progress"] + (["--no-dedupe"] if args.no_dedupe else [])
    walls, peaks, stdout, loads = repeated(command, args.repeat)
    citizen_months = args.citizens * len(months) * len(REGIMES)
    print(stdout.splitlines()[0] if stdout else "(no output)")
    print(
        f"compare [panel, {args.workers} worker(s){', no dedupe' if args.no_dedupe else ''}]: whole command "
        f"{figures(walls, peaks, loads)}; {citizen_months / min(walls):,.0f} citizen-months/s at the fastest"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--citizens", type=int, default=385_000)
    parser.add_argument("--from", dest="start", default="2019-01")
    parser.add_argument("--to", dest="end", default="2019-12")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample-families", type=int, default=200, help="families answered case by case (engine)")
    parser.add_argument("--check-families", type=int, default=40, help="families answered through case.check")
    parser.add_argument("--png", action="store_true", help="also time the comparison with --png (the charts as PNG files too)")
    parser.add_argument("--single-worker", action="store_true", help="also time the comparison with --workers 1")
    parser.add_argument("--dask", action="store_true", help="also time --executor dask (LocalCluster)")
    parser.add_argument("--scheduler", default=None,
                        help="also time --executor dask on this running scheduler (dask scheduler / dask worker started apart)")
    parser.add_argument("--keep", default=None, help="keep the population and outputs in this directory")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (min and median are printed)")
    parser.add_argument("--no-dedupe", action="store_true", help="compare with --no-dedupe (every row computed)")
    parser.add_argument("--compare-only", action="store_true", help="skip the case-by-case figures and the engine trace")
    parser.add_argument(
        "--panel",
        action="store_true",
        help="instead: a citizen × month panel (enplan synth --panel) over --from … --to, e.g. 2017-07 … 2021-02 (44 months)",
    )
    args = parser.parse_args(argv)

    work = args.keep or tempfile.mkdtemp(prefix="enplan-benchmark-")
    os.makedirs(work, exist_ok=True)
    population = os.path.join(work, "population.parquet")
    months = compare.months_between(args.start, args.end)
    citizen_months = args.citizens * len(months) * len(REGIMES)
    print(
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB; python {sys.version.split()[0]}; "
        f"load average before the run {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)"
    )

    if args.panel:
        return panel_benchmark(args, work, population, months)
    wall, peak, _ = run_measured(enplan() + ["synth", "--citizens", str(args.citizens), "--seed", "1", "--out", population])
    print(f"synth: {args.citizens:,} citizens in {wall:.1f} s (peak {peak / 2**20:.0f} MiB)")

    runs = [("local", args.workers, ())]
    if args.png:
        runs.append(("local", args.workers, ("--png",)))
    if args.single_worker:
        runs.append(("local", 1, ()))
    if args.dask:
        runs.append(("dask", args.workers, ()))
    if args.scheduler:
        runs.append(("scheduler", args.workers, ()))
    vectorised = None
    for executor, workers, extra in runs:
        out = os.path.join(work, f"out-{executor}-{workers}{''.join(extra)}")
        command = enplan() + [
            "compare", population, "--regimes", ",".join(REGIMES), "--from", args.start, "--to", args.end,
            "--out", out, "--force", "--executor", "dask" if executor == "scheduler" else executor, "--workers", str(workers),
            "--no-progress", *extra,
        ] + (["--no-dedupe"] if args.no_dedupe else []) + (["--scheduler", args.scheduler] if executor == "scheduler" else [])
        walls, peaks, stdout, loads = repeated(command, args.repeat)
        shown = " ".join("POPULATION" if part == population else "OUT" if part == out else os.path.basename(part) if part == command[0] else part for part in command)
        print(f"\n$ {shown}")
        print(stdout.splitlines()[0])
        outputs = "tables, summary, report with its charts" + (", the PNG files" if "--png" in extra else "")
        print(
            f"compare [{executor}, {workers} worker(s){', ' + ' '.join(extra) if extra else ''}]: whole command (start-up, "
            f"reading, validation, {args.citizens:,} × {len(months)} months × {len(REGIMES)} regimes, {outputs}): "
            f"{figures(walls, peaks, loads)}; {citizen_months / min(walls):,.0f} citizen-months/s at the fastest"
        )
        if vectorised is None:
            vectorised = min(walls) / citizen_months
    if args.compare_only:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 0

    families = _families(population, args.sample_families, seed=2)
    sample_months = (months[0], months[len(months) // 2])
    per_citizen_month, counted = case_by_case_engine(families, sample_months)
    print(
        f"\ncase by case (engine, one simulation per family × regime × month): {counted:,} citizen-months in "
        f"{per_citizen_month * counted:.1f} s = {1 / per_citizen_month:,.0f} citizen-months/s; the full run would "
        f"take {per_citizen_month * citizen_months / 60:,.0f} min; vectorised is {per_citizen_month / vectorised:,.0f}× faster"
    )
    try:
        per_check, counted = case_by_case_check(families[: args.check_families], months[0])
        print(
            f"case by case (enplan_rules.case.check, answers explained and cited): {counted:,} citizen-months in "
            f"{per_check * counted:.1f} s = {1 / per_check:,.0f} citizen-months/s; the full run would take "
            f"{per_check * citizen_months / 3600:,.1f} h; vectorised is {per_check / vectorised:,.0f}× faster"
        )
    except ImportError:
        print("case by case through enplan_rules.case.check: not installed in this tree")

    count, phases, times = engine_profile(population, months, compare.DEFAULT_CHUNK_SIZE)
    print(f"\none chunk of {count:,} citizens × {len(months)} months, one process (seconds):")
    for regime, (outputs, flags) in phases.items():
        print(f"  {regime:13s} engine outputs {outputs:5.2f}   register.flags {flags:5.2f}")
    total = sum(seconds for _, seconds in times)
    print(f"engine self time per variable (OpenFisca tracer, {total:.2f} s traced), the 15 slowest:")
    for (regime, name), seconds in times[:15]:
        print(f"  {seconds:6.3f} s  {100 * seconds / total:4.1f} %  {regime:13s} {name}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
