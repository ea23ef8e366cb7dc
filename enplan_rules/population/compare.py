"""Compare sector law, the One Plan law and the trial over a population, month by month.

    enplan compare population.parquet --regimes sector_law,one_plan_law,trial --from 2017-10 --to 2020-12 --out DIR

Writes to DIR: results.csv and results.parquet (tidy: regime, month, municipality, target_group, measure,
value), meeting_parity.csv/.parquet (per cohort = municipality × target group and calendar year), summary.md
(per municipality and target group), plots/*.png (the differences over time) and, with --skip-invalid,
skipped_rows.csv. Each chunk of whole families is one OpenFisca simulation per regime (see engine.py); chunks
are independent, so --executor dask runs them on a Dask cluster.
"""

import os
import sys
import time
from dataclasses import dataclass, field

import numpy
import pandas

from enplan_rules import regimes as regimes_module
from enplan_rules.answers.readings import system as readings_system
from enplan_rules.population import columns as columns_module
from enplan_rules.population import engine

DEFAULT_CHUNK_SIZE = 100_000


class InvalidPopulation(ValueError):
    """Rows failed validation and --skip-invalid was not given."""

    def __init__(self, errors, line_label):
        self.errors = errors
        self.line_label = line_label
        super().__init__(f"{len(errors)} invalid value(s) in the population file")


@dataclass
class Comparison:
    results: pandas.DataFrame  # tidy
    parity: pandas.DataFrame
    skipped: list = field(default_factory=list)  # every error of every skipped row
    line_label: str = "line"
    plan: engine.Plan | None = None
    citizens: int = 0
    chunks: int = 0
    seconds: float = 0.0
    source: str = ""


def months_between(start, end):
    """Every month from `start` to `end` inclusive, as YYYY-MM."""
    try:
        first = numpy.datetime64(start, "M")
        last = numpy.datetime64(end, "M")
    except ValueError as error:
        raise ValueError(f"months must be YYYY-MM: {error}") from None
    if last < first:
        raise ValueError(f"--to {end} is before --from {start}")
    return tuple(str(month) for month in numpy.arange(first, last + 1))


def whole_years(months):
    """Calendar years all twelve of whose months are compared (meeting parity is a YEAR quantity)."""
    years = pandas.Series([int(month[:4]) for month in months]).value_counts()
    return tuple(sorted(int(year) for year, count in years.items() if count == 12))


def parse_regimes(text):
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in regimes_module.NAMES]
    if unknown or not names:
        raise ValueError(f"unknown regime(s) {', '.join(unknown) or '(none)'}; expected a comma list of {', '.join(regimes_module.NAMES)}")
    return names


def _engine_codes(name, values, column):
    """Map codes in schema order to the engine enum's indices."""
    if name == "role":
        return values.astype(numpy.int8)
    system = regimes_module.load("sector_law")
    enum = system.variables[name].possible_values
    lookup = numpy.array([enum[value].index for value in column.values], dtype=numpy.int16)
    return lookup[values]


def prepare(validation, keep):
    """Compact arrays of the kept rows in engine terms, ordered so that each family's members are together."""
    spec = columns_module.by_name()
    system = regimes_module.load("sector_law")
    rows = numpy.flatnonzero(keep)
    family_codes, _ = pandas.factorize(pandas.Series(validation.values["family_id"][rows]))
    order = numpy.argsort(family_codes, kind="stable")
    rows = rows[order]
    arrays = {"family": family_codes[order].astype(numpy.int64)}
    monthly, eternal = {}, {}
    for name, values in validation.values.items():
        if name in ("person_id", "family_id"):
            continue
        column = spec[name]
        values = values[rows]
        if column.kind == "enum":
            values = _engine_codes(name, values, column)
        elif column.kind == "date":
            default = numpy.datetime64(system.variables[name].default_value, "D")
            values = numpy.where(numpy.isnat(values), default, values).astype("datetime64[D]")
        if name == "role":
            arrays["role"] = values
        elif name in columns_module.ETERNAL:
            eternal[name] = values
        else:
            monthly[name] = values
    if "role" not in arrays:
        arrays["role"] = numpy.zeros(len(rows), dtype=numpy.int8)
    municipality = monthly.get("municipality", numpy.zeros(len(rows), dtype=numpy.int16))
    group = monthly.get("employment_target_group", numpy.zeros(len(rows), dtype=numpy.int16))
    arrays["key"] = engine.key_of(municipality, group)
    arrays["monthly"] = monthly
    arrays["eternal"] = eternal
    arrays["rows"] = rows
    return arrays


def chunks(prepared, chunk_size):
    """Split into chunks of about `chunk_size` citizens, never splitting a family."""
    family = prepared["family"]
    count = len(family)
    if count == 0:
        return []
    family_starts = numpy.flatnonzero(numpy.r_[True, family[1:] != family[:-1]])
    targets = numpy.arange(chunk_size, count, max(1, chunk_size))
    cuts = numpy.unique(family_starts[numpy.minimum(numpy.searchsorted(family_starts, targets), len(family_starts) - 1)])
    bounds = [0] + [int(cut) for cut in cuts if 0 < cut < count] + [count]
    result = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        piece_family = family[start:stop]
        base = piece_family[0]
        result.append(
            {
                "count": stop - start,
                "families": int(piece_family[-1] - base + 1),
                "family": (piece_family - base).astype(numpy.int32),
                "role": prepared["role"][start:stop],
                "key": prepared["key"][start:stop],
                "monthly": {name: values[start:stop] for name, values in prepared["monthly"].items()},
                "eternal": {name: values[start:stop] for name, values in prepared["eternal"].items()},
            }
        )
    return result


def _progress(total, enabled):
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the local executor forks worker processes
    return tqdm(
        total=total,
        unit="citizen-month",
        unit_scale=True,
        desc="enplan compare",
        disable=None if enabled is None else not enabled,
        file=sys.stderr,
    )


def _run_local(pieces, plan, workers, progress):
    total = None
    if workers <= 1:
        for piece in pieces:
            result = engine.run_chunk(piece, plan)
            progress.update(piece["count"] * len(plan.months) * len(plan.regimes))
            total = _add(total, result)
        return total
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = {}
        queue = list(pieces)
        while queue or pending:
            while queue and len(pending) < 2 * workers:  # a bounded number of chunks in flight
                piece = queue.pop(0)
                pending[pool.submit(engine.run_chunk, piece, plan)] = piece["count"]
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                size = pending.pop(future)
                total = _add(total, future.result())
                progress.update(size * len(plan.months) * len(plan.regimes))
    return total


def _run_dask(pieces, plan, workers, progress, client=None, scheduler=None):
    from dask.distributed import Client, LocalCluster, as_completed

    own_client = client is None
    cluster = None
    if own_client:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    try:
        total = None
        queue = list(pieces)
        in_flight = as_completed()
        sizes = {}
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        while queue or in_flight.count():
            while queue and in_flight.count() < limit:
                piece = queue.pop(0)
                future = client.submit(engine.run_chunk, piece, plan, pure=False)
                sizes[future.key] = piece["count"]
                in_flight.add(future)
            future = next(in_flight)
            total = _add(total, future.result())
            progress.update(sizes.pop(future.key) * len(plan.months) * len(plan.regimes))
            future.release()
        return total
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def _add(total, result):
    if total is None:
        return {name: array.copy() for name, array in result.items()}
    for name, array in result.items():
        total[name] += array
    return total


def tidy(total, plan):
    """The tidy results table from the summed counts (municipality × target group cells that have citizens)."""
    counts = total["counts"]
    citizens = counts[0, 0, plan.measures.index("citizens")]
    present = numpy.flatnonzero(citizens > 0)
    n_regimes, n_months, n_measures = len(plan.regimes), len(plan.months), len(plan.measures)
    grid = numpy.indices((n_regimes, n_months, n_measures, len(present))).reshape(4, -1)
    values = counts[:, :, :, present].reshape(-1)
    keys = present[grid[3]]
    n_groups = len(engine.TARGET_GROUPS)
    frame = pandas.DataFrame(
        {
            "regime": pandas.Categorical.from_codes(grid[0], categories=list(plan.regimes)),
            "month": pandas.Categorical.from_codes(grid[1], categories=list(plan.months)),
            "municipality": pandas.Categorical.from_codes(keys // n_groups, categories=list(engine.MUNICIPALITIES)),
            "target_group": pandas.Categorical.from_codes(keys % n_groups, categories=list(engine.TARGET_GROUPS)),
            "measure": pandas.Categorical.from_codes(grid[2], categories=list(plan.measures)),
            "value": values,
        }
    )
    return frame


def meeting_parity(total, plan):
    """Meeting parity per cohort (municipality × target group) and calendar year, decided by the engine.

    The cohort averages are the members' summed meetings over the year divided by the members (as the engine's
    `average_*` variables define them); `cohort_in_trial` is whether every member was in the trial in some month
    of the year. `meeting_parity_held` is then calculated by each regime's own formula from those three values.
    """
    from openfisca_core.simulations import SimulationBuilder

    counts = total["counts"]
    q = {name: index for index, name in enumerate(plan.measures)}
    citizens = counts[0, 0, q["citizens"]]
    present = numpy.flatnonzero(citizens > 0)
    members = citizens[present]
    n_groups = len(engine.TARGET_GROUPS)
    frames = []
    for r, regime in enumerate(plan.regimes):
        system = readings_system(regime, plan.variant, dict(plan.readings), dict(plan.overrides))
        for y, year in enumerate(plan.parity_years):
            months = [m for m, month in enumerate(plan.months) if int(month[:4]) == year]
            held = counts[r, months, q["meetings_held"]][:, present].sum(axis=0)
            required = counts[r, months, q["ordinary_required_meetings"]][:, present].sum(axis=0)
            in_trial = total["not_in_trial"][r, y, present] == 0
            average_held = held / numpy.maximum(members, 1)
            average_required = required / numpy.maximum(members, 1)
            builder = SimulationBuilder()
            builder.create_entities(system)
            builder.declare_person_entity("person", numpy.arange(len(present)))
            families = builder.declare_entity("family", numpy.arange(len(present)))
            builder.join_with_persons(families, numpy.arange(len(present)), numpy.zeros(len(present), dtype=int))
            cohorts = builder.declare_entity("cohort", numpy.arange(len(present)))
            builder.join_with_persons(cohorts, numpy.arange(len(present)), numpy.zeros(len(present), dtype=int))
            simulation = builder.build(system)
            simulation.set_input("average_meetings_held", str(year), average_held)
            simulation.set_input("average_ordinary_required_meetings", str(year), average_required)
            if "cohort_in_trial" in system.variables:
                simulation.set_input("cohort_in_trial", str(year), in_trial)
            held_parity = simulation.calculate("meeting_parity_held", str(year))
            frames.append(
                pandas.DataFrame(
                    {
                        "regime": regime,
                        "year": year,
                        "municipality": numpy.asarray(engine.MUNICIPALITIES)[present // n_groups],
                        "target_group": numpy.asarray(engine.TARGET_GROUPS)[present % n_groups],
                        "members": members.astype(int),
                        "average_meetings_held": average_held,
                        "average_ordinary_required_meetings": average_required,
                        "cohort_in_trial": in_trial,
                        "meeting_parity_held": numpy.asarray(held_parity, dtype=bool),
                    }
                )
            )
    if not frames:
        return pandas.DataFrame(
            columns=[
                "regime", "year", "municipality", "target_group", "members", "average_meetings_held",
                "average_ordinary_required_meetings", "cohort_in_trial", "meeting_parity_held",
            ]
        )
    return pandas.concat(frames, ignore_index=True)


def load_population(source):
    """(frame, line_label, first_line) from a path or a DataFrame (a DataFrame's rows count from 1)."""
    if isinstance(source, pandas.DataFrame):
        return source, "row", 1
    return columns_module.read_table(os.fspath(source))


def compare(
    source,
    regimes=regimes_module.NAMES,
    start="2017-10",
    end="2020-12",
    chunk_size=DEFAULT_CHUNK_SIZE,
    skip_invalid=False,
    executor="local",
    workers=1,
    variant="enacted",
    progress=None,
    client=None,
    scheduler=None,
    readings=None,
    overrides=None,
):
    """Run the comparison and return a Comparison (raises InvalidPopulation on bad rows unless skip_invalid)."""
    began = time.perf_counter()
    frame, line_label, first_line = load_population(source)
    validation = columns_module.validate(frame, line_label, first_line)
    del frame
    if validation.errors and not skip_invalid:
        raise InvalidPopulation(validation.errors, line_label)
    keep = ~validation.invalid
    prepared = prepare(validation, keep)
    errors, line_label = validation.errors, validation.line_label
    del validation  # the parsed columns: only the compact arrays of `prepared` are needed from here
    months = months_between(start, end)
    ambiguities = engine.ambiguity_ids()
    plan = engine.Plan(
        regimes=tuple(regimes),
        months=months,
        parity_years=whole_years(months),
        variant=variant,
        measures=engine.measures(ambiguities),
        ambiguities=ambiguities,
        readings=tuple(sorted((readings or {}).items())),
        overrides=tuple(sorted((overrides or {}).items())),
    )
    pieces = chunks(prepared, chunk_size)
    for regime in plan.regimes:  # loaded once here, so forked workers inherit them
        readings_system(regime, variant, readings, overrides)
    citizens = int(keep.sum())
    with _progress(citizens * len(months) * len(plan.regimes), progress) as bar:
        if not pieces:
            total = {
                "counts": numpy.zeros((len(plan.regimes), len(months), len(plan.measures), engine.N_KEYS)),
                "not_in_trial": numpy.zeros((len(plan.regimes), len(plan.parity_years), engine.N_KEYS)),
            }
        elif executor == "dask":
            total = _run_dask(pieces, plan, workers, bar, client=client, scheduler=scheduler)
        elif executor == "local":
            total = _run_local(pieces, plan, workers, bar)
        else:
            raise ValueError(f"unknown executor {executor!r}; expected local or dask")
    return Comparison(
        results=tidy(total, plan),
        parity=meeting_parity(total, plan),
        skipped=errors,
        line_label=line_label,
        plan=plan,
        citizens=citizens,
        chunks=len(pieces),
        seconds=time.perf_counter() - began,
        source=source if isinstance(source, str) else "(table)",
    )


def write_errors(errors, line_label, path):
    pandas.DataFrame(errors, columns=[line_label, "person_id", "field", "value", "message", "expected"]).to_csv(
        path, index=False
    )


def _write_csv(frame, path):
    import pyarrow
    import pyarrow.csv

    pyarrow.csv.write_csv(pyarrow.Table.from_pandas(frame, preserve_index=False), path)


def write_outputs(comparison, out_dir, plots=True):
    """Write the tables, the summary and the plots; return the paths written."""
    from enplan_rules.population import report

    os.makedirs(out_dir, exist_ok=True)
    written = []
    results = comparison.results
    path = os.path.join(out_dir, "results.parquet")
    results.to_parquet(path, index=False)
    written.append(path)
    path = os.path.join(out_dir, "results.csv")
    _write_csv(results, path)
    written.append(path)
    path = os.path.join(out_dir, "meeting_parity.parquet")
    comparison.parity.to_parquet(path, index=False)
    written.append(path)
    path = os.path.join(out_dir, "meeting_parity.csv")
    _write_csv(comparison.parity, path)
    written.append(path)
    if comparison.skipped:
        path = os.path.join(out_dir, "skipped_rows.csv")
        write_errors(comparison.skipped, comparison.line_label, path)
        written.append(path)
    path = os.path.join(out_dir, "summary.md")
    with open(path, "w", encoding="utf-8") as file:
        file.write(report.summary(comparison))
    written.append(path)
    if plots:
        written.extend(report.plots(comparison, os.path.join(out_dir, "plots")))
    return written


def add_arguments(parser):
    parser.add_argument("population", help="population file (.parquet or .csv), e.g. from `enplan synth`")
    parser.add_argument("--regimes", default=",".join(regimes_module.NAMES), help="comma list (default: all three)")
    parser.add_argument("--from", dest="start", default="2017-10", help="first month YYYY-MM (default 2017-10)")
    parser.add_argument("--to", dest="end", default="2020-12", help="last month YYYY-MM (default 2020-12)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument(
        "--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help=f"citizens per simulation (default {DEFAULT_CHUNK_SIZE:,}); bounds memory"
    )
    parser.add_argument("--skip-invalid", action="store_true", help="skip invalid rows (each one is listed) instead of stopping")
    parser.add_argument("--executor", choices=("local", "dask"), default="local", help="where chunks run (default local)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parallel worker processes (default: the number of cores)"
    )
    parser.add_argument("--scheduler", default=None, help="with --executor dask: address of an existing Dask scheduler")
    parser.add_argument(
        "--one-plan-law-variant", choices=("enacted", "tabled_bill"), default="enacted", help="consent (enacted) or right to refuse (tabled bill)"
    )
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    parser.add_argument("--sensitivity", action="store_true",
                        help="also run each register reading's alternative and parity tolerances 0/5/10/20 %% "
                             "(sensitivity.csv, sensitivity.md)")
    parser.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show the progress bar")
    parser.add_argument("--no-progress", dest="progress", action="store_false", help="never show the progress bar")


def _print_errors(errors, line_label, stream):
    for error in errors:
        print(
            f"  {line_label} {error[line_label]}, field {error['field']}: {error['message']} "
            f"(got {error['value']!r}; expected {error['expected']})",
            file=stream,
        )


def run(args):
    try:
        regimes = parse_regimes(args.regimes)
        months_between(args.start, args.end)
        if args.chunk_size < 1:
            raise ValueError("--chunk-size must be at least 1")
        comparison = compare(
            args.population,
            regimes=regimes,
            start=args.start,
            end=args.end,
            chunk_size=args.chunk_size,
            skip_invalid=args.skip_invalid,
            executor=args.executor,
            workers=max(1, args.workers),
            variant=args.one_plan_law_variant,
            progress=args.progress,
            scheduler=args.scheduler,
        )
    except columns_module.ColumnError as error:
        print(f"enplan compare: {args.population}: the columns are wrong, no row was read:", file=sys.stderr)
        for message in error.messages:
            print(f"  {message}", file=sys.stderr)
        return 2
    except InvalidPopulation as error:
        print(
            f"enplan compare: {args.population}: {len(error.errors)} invalid value(s); nothing was compared "
            "(fix them, or pass --skip-invalid to skip those rows):",
            file=sys.stderr,
        )
        _print_errors(error.errors, error.line_label, sys.stderr)
        return 2
    except (ValueError, OSError) as error:
        print(f"enplan compare: {error}", file=sys.stderr)
        return 2
    if comparison.skipped:
        rows = sorted({error[comparison.line_label] for error in comparison.skipped})
        print(f"enplan compare: skipped {len(rows)} invalid row(s) (also in skipped_rows.csv):", file=sys.stderr)
        _print_errors(comparison.skipped, comparison.line_label, sys.stderr)
    written = write_outputs(comparison, args.out, plots=not args.no_plots)
    if getattr(args, "sensitivity", False):
        from enplan_rules.answers import sensitivity

        written.extend(sensitivity.write(args, comparison, args.out))
    print(
        f"compared {comparison.citizens:,} citizens × {len(comparison.plan.months)} months × "
        f"{len(comparison.plan.regimes)} regimes in {comparison.seconds:.1f} s ({comparison.chunks} chunks)"
    )
    for path in written:
        print(f"  {path}")
    return 0
