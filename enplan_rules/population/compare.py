"""Compare sector law, the One Plan law and the trial over a population, month by month.

    enplan compare population.parquet --regimes sector_law,one_plan_law,trial --from 2017-10 --to 2020-12 --out DIR

Writes to DIR: results.csv and results.parquet (tidy: regime, month, municipality, target_group, measure,
value), meeting_parity.csv/.parquet (per cohort = municipality × target group and calendar year), summary.md
(per municipality and target group), report.html (the answer first, its charts drawn by the page), with --png
plots/da/*.png and plots/en/*.png (the same charts as files) and, with --skip-invalid,
skipped_rows.csv. Each chunk of whole families is one OpenFisca simulation per regime (see engine.py); chunks
are independent, so --executor dask runs them on a Dask cluster.
"""

import dataclasses
import os
import sys
import time
from dataclasses import dataclass, field

import numpy
import pandas

from enplan_rules import regimes as regimes_module
from enplan_rules.answers.readings import system as readings_system
from enplan_rules.population import age_bands, engine
from enplan_rules.population import columns as columns_module
from enplan_rules.population import dedupe as dedupe_module
from enplan_rules.population.processes import end_workers as _end_workers
from enplan_rules.population.processes import worker_start as _worker_start

DEFAULT_CHUNK_SIZE = 100_000


class EmptyPopulation(ValueError):
    """No row is left to compare (an empty file, or every row invalid)."""


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


FIRST_MONTH, LAST_MONTH = "2015-01", "2030-12"  # the years the engine's parameters are written for


def months_between(start, end):
    """Every month from `start` to `end` inclusive, as YYYY-MM (within 2015–2030)."""
    parsed = []
    for flag, text in (("--from", start), ("--to", end)):
        try:
            if not isinstance(text, str) or len(text) != 7 or text[4] != "-":
                raise ValueError
            parsed.append(numpy.datetime64(text, "M"))
        except ValueError:
            raise ValueError(f"{flag} {text!r}: expected a month YYYY-MM, e.g. 2019-01") from None
        if not numpy.datetime64(FIRST_MONTH) <= parsed[-1] <= numpy.datetime64(LAST_MONTH):
            raise ValueError(f"{flag} {text}: outside the months the rules cover ({FIRST_MONTH} to {LAST_MONTH})")
    first, last = parsed
    if last < first:
        raise ValueError(f"--to {end} is before --from {start}")
    return tuple(str(month) for month in numpy.arange(first, last + 1))


def whole_years(months):
    """Calendar years all twelve of whose months are compared (meeting parity is a YEAR quantity)."""
    years = pandas.Series([int(month[:4]) for month in months]).value_counts()
    return tuple(sorted(int(year) for year, count in years.items() if count == 12))


def parity_windows(months):
    """The periods meeting parity is assessed over: each calendar year wholly inside the months; when there is none,
    the months compared themselves (any window: the averages are then per member-year, annualised)."""
    years = whole_years(months)
    if years:
        return tuple(tuple(month for month in months if int(month[:4]) == year) for year in years)
    return (tuple(months),)


def window_label(window):
    """A parity window as its first and last month: 2019-01..2019-12."""
    return f"{window[0]}..{window[-1]}"


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
    """Compact arrays of the kept rows in engine terms, ordered so that each family's members are together.
    `keep`: a bool over the rows, or the kept rows' indices (ascending)."""
    rows = numpy.flatnonzero(keep) if keep.dtype == bool else numpy.asarray(keep)
    return prepare_values(validation.values, rows)


def prepare_values(columns, rows=None):
    """prepare() on parsed columns ({name: array}, as Validation.values), of `rows` (default: every row)."""
    spec = columns_module.by_name()
    system = regimes_module.load("sector_law")
    if rows is None:
        rows = numpy.arange(len(columns["family_id"]))
    family_codes, _ = pandas.factorize(columns["family_id"][rows])
    every_row_in_order = len(rows) == len(columns["family_id"]) and bool((numpy.diff(family_codes) >= 0).all()) and (
        not len(rows) or (rows[0] == 0 and rows[-1] == len(rows) - 1)
    )  # every row, families already together (as `enplan synth` writes them): no row moves
    if not every_row_in_order:
        order = numpy.argsort(family_codes, kind="stable")
        rows, family_codes = rows[order], family_codes[order]
    arrays = {"family": family_codes.astype(numpy.int64)}
    monthly, eternal = {}, {}
    for name, values in columns.items():
        if name in ("person_id", "family_id", "month"):
            continue
        column = spec[name]
        values = values.copy() if every_row_in_order else values[rows]
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
    """Split into chunks of about `chunk_size` citizens, never splitting a family. What would be left for a last
    chunk of less than a quarter of `chunk_size` goes into the one before (each chunk is one simulation per
    regime, whose fixed cost a small chunk pays in full: a snapshot month of 112,000 distinct rows is one chunk,
    not 100,000 and 12,000)."""
    family = prepared["family"]
    count = len(family)
    if count == 0:
        return []
    family_starts = numpy.flatnonzero(numpy.r_[True, family[1:] != family[:-1]])
    targets = numpy.arange(chunk_size, count, max(1, chunk_size))
    if len(targets) and count - targets[-1] < chunk_size / 4:
        targets = targets[:-1]
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
                **({"citizen": prepared["citizen"][start:stop]} if "citizen" in prepared else {}),
                **({"weight": prepared["weight"][start:stop]} if "weight" in prepared else {}),
                "start": start,
                "represents": int(prepared["weight"][start:stop].sum()) if "weight" in prepared else stop - start,
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


def _idle():
    return os.getpid()


def start_pool(workers):
    """A process pool whose `workers` processes are forked now (call it before the population is read: a forked
    worker holds every page of its parent, and the parent then holds little). None for one worker."""
    if workers <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),))
    pool.submit(_idle).result()  # the first task starts the workers (with fork, all of them at once)
    return pool


def _work(task):
    """(function, payload, plan) of a task: a chunk for engine.run_chunk, a month of a panel for run_month, a month
    of a snapshot for run_snapshot_month."""
    payload, plan = task[0], task[1]
    if "panel_month" in payload:
        return run_month, payload, plan
    if "snapshot_month" in payload:
        return run_snapshot_month, payload, plan
    return engine.run_chunk, payload, plan


def _done(progress, piece, plan):
    progress.update(piece["represents"] * len(plan.months) * len(plan.runs))


def _run_local(tasks, workers, progress, combine, pool=None):
    """Run (piece, plan, offset) tasks in `workers` processes (or this one), at most two per worker in flight.
    `pool`: workers started already (start_pool); it is shut down here."""
    tasks = iter(tasks)
    if workers <= 1 and pool is None:
        for task in tasks:
            function, piece, plan = _work(task)
            combine(function(piece, plan), piece, task[2])
            _done(progress, piece, plan)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    pool = pool or start_pool(workers)
    try:
        pending = {}
        exhausted = False
        while not exhausted or pending:
            while not exhausted and len(pending) < 2 * workers:  # a bounded number of chunks in flight
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                started = task[0].get("early")  # a panel's month begun while the file was read
                pending[started if started is not None else pool.submit(*_work(task))] = task
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                piece, plan, offset = pending.pop(future)
                combine(future.result(), piece, offset)
                _done(progress, piece, plan)
    except BaseException:
        _end_workers(pool)
        raise
    pool.shutdown(wait=True)


def _run_dask(tasks, workers, progress, combine, client=None, scheduler=None):
    from dask.distributed import Client, LocalCluster, as_completed

    own_client = client is None
    cluster = None
    if own_client:
        if scheduler:
            client = Client(scheduler, timeout=30)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    try:
        tasks = iter(tasks)
        in_flight = as_completed()
        submitted = {}
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        exhausted = False
        while not exhausted or in_flight.count():
            while not exhausted and in_flight.count() < limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                future = client.submit(*_work(task), pure=False)
                submitted[future.key] = task
                in_flight.add(future)
            if not in_flight.count():
                break
            future = next(in_flight)
            piece, plan, offset = submitted.pop(future.key)
            combine(future.result(), piece, offset)
            _done(progress, piece, plan)
            future.release()
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def parse_variants(text):
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in regimes_module.VARIANTS]
    if unknown or not names:
        raise ValueError(
            f"unknown One Plan law version(s) {', '.join(unknown) or '(none)'}; "
            f"expected a comma list of {', '.join(regimes_module.VARIANTS)}"
        )
    return names


def tidy(total, plan):
    """The tidy results table from the summed counts (municipality × target group cells that have citizens): one
    complete set of regimes per One Plan law version (sector law, which no version changes, repeated in each)."""
    counts = total["counts"]
    citizens = counts[0, :, plan.measures.index("citizen_months")].sum(axis=0)
    present = numpy.flatnonzero(citizens > 0)
    n_regimes, n_months, n_measures = len(plan.regimes), len(plan.months), len(plan.measures)
    grid = numpy.indices((n_regimes, n_months, n_measures, len(present))).reshape(4, -1)
    keys = present[grid[3]]
    n_groups = len(engine.TARGET_GROUPS)
    first_of_month = numpy.array(plan.months, dtype="datetime64[M]").astype("datetime64[D]")
    frames = []
    for variant in plan.all_variants:
        runs = [plan.run_index(regime, variant) for regime in plan.regimes]
        values = counts[runs][:, :, :, present].reshape(-1)
        frames.append(
            pandas.DataFrame(
                {
                    "regime": pandas.Categorical.from_codes(grid[0], categories=list(plan.regimes)),
                    "one_plan_law_variant": pandas.Categorical.from_codes(
                        numpy.full(len(values), plan.all_variants.index(variant)), categories=list(plan.all_variants)
                    ),
                    "month": first_of_month[grid[1]],
                    "municipality": pandas.Categorical.from_codes(keys // n_groups, categories=list(engine.MUNICIPALITIES)),
                    "target_group": pandas.Categorical.from_codes(keys % n_groups, categories=list(engine.TARGET_GROUPS)),
                    "measure": pandas.Categorical.from_codes(grid[2], categories=list(plan.measures)),
                    "value": values.astype(numpy.float64),
                }
            )
        )
    return pandas.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def meeting_parity(total, plan):
    """Meeting parity per cohort (municipality × target group) and calendar year, decided by the engine.

    The cohort averages are the members' summed meetings over the year divided by the members (as the engine's
    `average_*` variables define them); `cohort_in_trial` is whether every member was in the trial in some month
    of the year. `meeting_parity_held` is then calculated by each regime's own formula from those three values.
    """
    from openfisca_core.simulations import SimulationBuilder

    counts = total["counts"]
    q = {name: index for index, name in enumerate(plan.measures)}
    present = numpy.flatnonzero(counts[0, :, q["citizen_months"]].sum(axis=0) > 0)
    n_groups = len(engine.TARGET_GROUPS)
    frames = []
    for variant, regime in [(variant, regime) for variant in plan.all_variants for regime in plan.regimes]:
        r = plan.run_index(regime, variant)
        system = readings_system(regime, variant, dict(plan.readings), dict(plan.overrides))
        for y, window in enumerate(plan.parity_windows):
            months = [m for m, month in enumerate(plan.months) if month in window]
            year = int(window[-1][:4])  # the rules of the year the window ends in
            held = counts[r, months, q["meetings_held"]][:, present].sum(axis=0)
            required = counts[r, months, q["ordinary_required_meetings"]][:, present].sum(axis=0)
            # The months actually recorded: member-years = citizen-months / 12 (a snapshot's members, exactly).
            member_years = counts[r, months, q["citizen_months"]][:, present].sum(axis=0) / 12.0
            snapshot_members = counts[r, months, q["citizen_months"]][:, present].sum(axis=0) / len(window)
            members = total["members"][y, present] if "members" in total else snapshot_members
            in_trial = (total["not_in_trial"][r, y, present] == 0) & (member_years > 0)
            average_held = numpy.where(member_years > 0, held / numpy.where(member_years > 0, member_years, 1.0), 0.0)
            average_required = numpy.where(member_years > 0, required / numpy.where(member_years > 0, member_years, 1.0), 0.0)
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
                        "one_plan_law_variant": variant,
                        "year": year,
                        "window": window_label(window),
                        "municipality": numpy.asarray(engine.MUNICIPALITIES)[present // n_groups],
                        "target_group": numpy.asarray(engine.TARGET_GROUPS)[present % n_groups],
                        "members": numpy.round(members).astype(int),
                        "member_years": member_years,
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
                "regime", "one_plan_law_variant", "year", "window", "municipality", "target_group", "members", "member_years",
                "average_meetings_held",
                "average_ordinary_required_meetings", "cohort_in_trial", "meeting_parity_held",
            ]
        )
    return pandas.concat(frames, ignore_index=True)


def _panel(validation, keep, months):
    """What a citizen × month file needs besides the rows: each row's citizen and cohort key, and the kept rows
    grouped by month (`month_rows(month)`: the kept rows of a month, ascending)."""
    spec = columns_module.by_name()
    values = validation.values
    rows = len(values["person_id"])
    municipality = _engine_codes("municipality", values["municipality"], spec["municipality"])
    group = (
        _engine_codes("employment_target_group", values["employment_target_group"], spec["employment_target_group"])
        if "employment_target_group" in values
        else numpy.zeros(rows, dtype=numpy.int16)
    )
    index_type = numpy.int32 if rows < 2**31 - 1 else numpy.int64
    kept = numpy.flatnonzero(keep).astype(index_type)
    number = validation.month_numbers[kept]  # kept rows: always a month in 2015–2030
    in_order = bool((number[1:] >= number[:-1]).all())  # a file in month order: the stable sort leaves it as it is
    order = kept if in_order else kept[numpy.argsort(number, kind="stable")]
    starts = numpy.r_[0, numpy.cumsum(numpy.bincount(number, minlength=columns_module.MONTH_SPAN))]
    first = numpy.datetime64(columns_module.PANEL_MONTHS[0], "M")

    def month_rows(month):
        m = int((numpy.datetime64(month, "M") - first).astype(numpy.int64))
        return order[starts[m] : starts[m + 1]]

    in_window = sum(len(month_rows(month)) for month in months)
    return {
        "citizen": values["person_id"],  # numbered 0, 1, … over every row (columns.validate_source)
        "n_citizens": len(validation.ids["person_id"]),
        "key": engine.key_of(municipality, group),
        "month_rows": month_rows,
        "in_window": in_window,
        "months_present": (first + numpy.flatnonzero(numpy.diff(starts) > 0)) if len(kept) else None,
    }


def _panel_members(panel, plan):
    """For each parity window, every (cohort key, citizen) recorded in some month of it: key × citizens + citizen,
    each once."""
    n_citizens = panel["n_citizens"]
    result = []
    for window in plan.parity_windows:
        rows = numpy.concatenate([panel["month_rows"](month) for month in window])
        result.append(pandas.unique(panel["key"][rows].astype(numpy.int64) * n_citizens + panel["citizen"][rows]))
    return result


def _panel_cohorts(total, ever, panel, plan, members=None):
    """For a panel, a cohort (municipality × target group) in a year holds every citizen recorded in it in some
    month of the year; it is wholly in the trial when each of them was in the trial in some month of that year.
    Also the distinct members per cohort and year (a snapshot's members are its citizens). `members`:
    _panel_members, found already."""
    total["members"] = numpy.zeros((len(plan.parity_windows), engine.N_KEYS))
    n_citizens = panel["n_citizens"]
    for y, pairs in enumerate(members if members is not None else _panel_members(panel, plan)):
        keys, citizens = pairs // n_citizens, pairs % n_citizens
        total["members"][y] = numpy.bincount(keys, minlength=engine.N_KEYS)
        for r in range(len(plan.runs)):
            total["not_in_trial"][r, y] = numpy.bincount(keys[~ever[r, y, citizens]], minlength=engine.N_KEYS)


def _computed(computed, plan, chunk_size):
    """A month's rows computed chunk by chunk (engine.run_chunk): (the counts summed over the chunks in order, the
    number of chunks, each computed row's in_en_plan_trial per run where the plan asks for row flags, else None)."""
    pieces = chunks(computed, chunk_size)
    counts = None
    flags = numpy.zeros((len(plan.runs), len(computed["family"])), dtype=bool) if plan.row_flags else None
    for piece in pieces:
        result = engine.run_chunk(piece, plan)
        counts = result["counts"] if counts is None else counts + result["counts"]
        if flags is not None:
            flags[:, piece["start"] : piece["start"] + piece["count"]] = result["in_trial_rows"]
    return counts, len(pieces), flags


def run_month(payload, plan):
    """One month of a panel, in a worker: its rows in engine terms (prepare), with dedupe each distinct family
    once, computed chunk by chunk (engine.run_chunk). Returns the month's counts (summed over the chunks in order),
    the chunks run and, where the month is in a parity window, each row's in_en_plan_trial (rows as given)."""
    if "month_rows" in payload:
        rows = payload["month_rows"]
    else:  # read from the arena this worker shares with the command (columns.Arena)
        arena = columns_module._ARENAS[payload["arena"]]
        rows = {name: arena.values[name][payload["rows"]] for name in payload["columns"]}
    prepared = prepare_values(rows)
    month = plan.months[0]
    if payload["dedupe"]:
        coarse = payload["coarse"]
        systems = [readings_system(regime, version, dict(plan.readings), dict(plan.overrides)) for regime, version in plan.runs]
        computed = dedupe_module.month_families(systems, prepared, dedupe_module.row_codes(prepared, skip=coarse), month, coarse)
    else:
        computed = prepared
    counts, count_of_chunks, flags = _computed(computed, plan, payload["chunk_size"])
    result = {"counts": counts, "chunks": count_of_chunks}
    if flags is not None:
        if payload["dedupe"]:
            flags = flags[:, computed["expand"]]  # each row's representative's flags
        in_order = numpy.empty_like(flags)
        in_order[:, prepared["rows"]] = flags  # prepared rows are ordered by family: back to the order given
        result["in_trial_rows"] = in_order
    return result


_SHARED = {}  # a snapshot's prepared rows while it is compared: set before the workers are forked (they share it)


def run_snapshot_month(payload, plan):
    """One month of a snapshot (the rows in _SHARED), in a worker: each distinct family of the month once
    (dedupe.py), computed chunk by chunk. Returns what run_month returns, the flags for every row of the snapshot."""
    prepared, coarse = _SHARED["prepared"], _SHARED["coarse"]
    runs = plan.runs
    systems = [readings_system(regime, version, dict(plan.readings), dict(plan.overrides)) for regime, version in runs]
    computed = dedupe_module.month_families(systems, prepared, _SHARED["codes"], plan.months[0], coarse, _SHARED["date_cache"])
    counts, count_of_chunks, flags = _computed(computed, plan, payload["chunk_size"])
    result = {"counts": counts, "chunks": count_of_chunks}
    if flags is not None:
        result["in_trial_rows"] = flags[:, computed["expand"]]  # each citizen's representative's flags
    return result


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
    variants=None,
    dedupe=True,
    batch_rows=None,
):
    """Run the comparison and return a Comparison (raises InvalidPopulation on bad rows unless skip_invalid,
    EmptyPopulation when no row is left to compare). `variants` (default: `variant` alone) are the One Plan law
    versions compared: the results hold the regimes once for each. With `dedupe` (the default) each distinct
    family (of each month, in a panel) is computed once and its counts weighted (dedupe.py); the answers are the
    same without it. The file is read and checked `batch_rows` rows at a time (columns.validate_source)."""
    began = time.perf_counter()
    variants = tuple(variants) if variants else (variant,)
    for name in variants:
        if name not in regimes_module.VARIANTS:
            raise ValueError(f"unknown One Plan law version {name!r}; expected one of {', '.join(regimes_module.VARIANTS)}")
    months = months_between(start, end)
    ambiguities = engine.ambiguity_ids()
    plan = engine.Plan(
        regimes=tuple(regimes),
        months=months,
        parity_windows=parity_windows(months),
        variant=variants[0],
        measures=engine.measures(ambiguities),
        ambiguities=ambiguities,
        readings=tuple(sorted((readings or {}).items())),
        overrides=tuple(sorted((overrides or {}).items())),
        variants=variants,
    )

    def load():
        systems = [readings_system(regime, version, readings, overrides) for regime, version in plan.runs]
        coarse = dedupe_module.month_grain_dates(systems) if dedupe else ()
        if "birth_date" in coarse:  # the limits ages are compared with, read from the formulas once, here: the
            age_bands.limit_expressions(systems)  # forked workers find them read (a tenth of a second each)
        return systems, coarse

    # The workers are forked before the population is read: each holds the loaded systems (loaded once here, so
    # that forked workers inherit them), not the population; a Parquet file's parsed columns go to memory they
    # share with the command (columns.Arena), made first. A snapshot file's workers only parse it (they are forked
    # anew, with the systems and the rows, to compute): they are forked first, and the systems load in a thread
    # while the file is read. Loading the systems is Python the interpreter runs in one thread at a time, while
    # reading a snapshot file is mostly waiting for the workers that parse it, so the two overlap; nothing else
    # loads a system meanwhile (the file's columns loaded the one they read before), and no process is forked
    # before the loading has been waited for (a fork copies only the thread that forks).
    population, arena = _shared_source(source, batch_rows) if executor == "local" and workers > 1 else (None, None)
    snapshot_file = arena is not None and arena.month is None
    loading = None if snapshot_file else _Background(load, "enplan-load-systems", thread=False)
    pools = {"pool": start_pool(workers) if executor == "local" else None}
    try:
        loading = loading or _Background(load, "enplan-load-systems")
        comparison = _compare(source, plan, loading, chunk_size, skip_invalid, executor, workers, progress,
                              client, scheduler, dedupe, batch_rows, pools, population, arena)
    finally:
        if loading is not None:
            loading.wait()  # (after an error: no thread left loading)
        _SHARED.clear()
        if pools["pool"] is not None:  # not handed to _run_local (which shuts it down): an error came first
            _end_workers(pools["pool"])
        if arena is not None:
            arena.close()
    comparison.seconds = time.perf_counter() - began
    return comparison


class _Background:
    """What `function()` returns, computed in a thread named `name` begun now (at once, in this thread, without
    `thread`): result() waits for it and returns it, or raises what it raised, in the caller's thread; wait() only
    waits (after an error elsewhere: no thread left running)."""

    def __init__(self, function, name, thread=True):
        import threading

        self.value, self.error = None, None
        self.thread = None
        if thread:
            self.thread = threading.Thread(target=self._run, args=(function,), name=name, daemon=True)
            self.thread.start()
        else:
            self._run(function)

    def _run(self, function):
        try:
            self.value = function()
        except BaseException as error:  # raised by result(), in the caller's thread
            self.error = error

    def wait(self):
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def result(self):
        self.wait()
        if self.error is not None:
            raise self.error
        return self.value


class _EarlyMonths:
    """A panel's months started in the workers while the rest of the file is still being read and checked.

    While the rows read so far are in month order, a month is complete as far as is known once a row of a later
    month comes: its rows (one run of rows in the Arena) are then computed at once, if no cell of them is invalid
    — as run_month computes them later, from the same values. Once every row is read and checked, a month's
    early result is used only where the month's kept rows are exactly that run of rows (no later row of the month,
    none found invalid over the whole file, e.g. a citizen twice in the month); otherwise it is discarded and the
    month computed as without early starts. A file not in month order stops the early starts (the months
    started stand or fall as above). While row groups are still being parsed, at most `workers` months are in
    the workers at a time (the reading, which the checks over the whole file wait for, comes first); once the last
    row is read, every month read is started (the last one too), and the workers compute them while the command
    checks the rows over the whole file."""

    def __init__(self, pool, arena, plan, dedupe, coarse, chunk_size, workers):
        self.pool, self.arena, self.plan = pool, arena, plan
        self.dedupe, self.coarse, self.chunk_size = dedupe, coarse, chunk_size
        self.columns = [name for name in arena.values if name != "person_id"]
        self.in_order = True
        self.month = None  # the month (as a number, columns._month_numbers) of the last row read
        self.begin = 0  # the row its run of rows began at
        self.clean = True  # no row of that run has an invalid cell
        self.started = {}  # {month YYYY-MM: (first row, row after the last, future)}
        self.waiting = []  # (month YYYY-MM, first row, row after the last) complete, not yet started
        self.workers = workers

    def piece(self, start, stop, invalid):
        """validate_source's on_piece: rows start … stop-1 are in the Arena."""
        if not self.in_order or stop <= start:
            return
        numbers = self.arena.month[start:stop]
        outside = columns_module.MONTH_SPAN - 1  # a month not read
        if (self.month is not None and numbers[0] < self.month) or bool((numbers[1:] < numbers[:-1]).any()) or bool(
            (numbers == outside).any()
        ):
            self.in_order = False
            self.waiting.clear()
            return
        cuts = [start] + [start + int(at) for at in numpy.flatnonzero(numbers[1:] != numbers[:-1]) + 1] + [stop]
        for begin, end in zip(cuts[:-1], cuts[1:], strict=True):
            number = int(numbers[begin - start])
            if number != self.month:
                if self.month is not None:
                    self._complete(self.month, self.begin, begin)
                self.month, self.begin, self.clean = number, begin, True
            self.clean = self.clean and not bool(invalid[begin - start : end - start].any())
        last = stop >= self.arena.rows
        if last:
            self._complete(self.month, self.begin, stop)
        in_flight = sum(not future.done() for _, _, future in self.started.values())
        while self.waiting and (last or in_flight < self.workers):
            self._start(*self.waiting.pop(0))
            in_flight += 1

    def _complete(self, number, begin, end):
        month = str(numpy.datetime64(columns_module.PANEL_MONTHS[0], "M") + number)
        if self.clean and month in self.plan.months:
            self.waiting.append((month, begin, end))

    def _start(self, month, begin, end):
        payload = {"panel_month": True, "represents": end - begin, "dedupe": self.dedupe, "coarse": self.coarse,
                   "chunk_size": self.chunk_size, "arena": self.arena.token, "rows": slice(begin, end),
                   "columns": self.columns}
        month_plan = dataclasses.replace(self.plan, months=(month,), parity_windows=(),
                                         row_flags=month in self.plan.window_index())
        self.started[month] = (begin, end, self.pool.submit(run_month, payload, month_plan))

    def take(self, month, rows):
        """The future of `month` started early, if its kept rows are `rows` (ascending) exactly; else None (the
        early start, if any, is cancelled)."""
        begin, end, future = self.started.pop(month, (0, 0, None))
        if future is None:
            return None
        if len(rows) == end - begin and len(rows) and int(rows[0]) == begin and int(rows[-1]) == end - 1:
            return future
        future.cancel()
        return None

    def cancel_rest(self):
        """Cancel the early starts not taken (a month left with no kept row)."""
        for _, _, future in self.started.values():
            future.cancel()
        self.started.clear()


def _shared_source(source, batch_rows):
    """(the open source, an Arena of it) for a Parquet file with rows whose columns are all known, else (None,
    None): the source is then opened, and any error about it raised, as without workers."""
    if isinstance(source, pandas.DataFrame) or not os.fspath(source).lower().endswith((".parquet", ".pq")):
        return None, None  # (a CSV file is read whole when opened: not before the workers are forked)
    try:
        population = columns_module.open_source(source, batch_rows)
    except (ValueError, OSError):
        return None, None
    if not isinstance(population, columns_module._ParquetSource) or not population.rows:
        return None, None
    return population, columns_module.Arena(population)


def _compare(source, plan, loading, chunk_size, skip_invalid, executor, workers, progress, client, scheduler,
             dedupe, batch_rows, pools, population=None, arena=None):
    months = plan.months
    population = population if population is not None else columns_module.open_source(source, batch_rows)
    label = source if isinstance(source, str) else "the population"
    if population.rows == 0:
        raise EmptyPopulation(f"{label}: the file has no rows (a header alone); nothing to compare")
    early = None
    if arena is not None and arena.month is not None and pools["pool"] is not None:
        early = _EarlyMonths(pools["pool"], arena, plan, dedupe, loading.result()[1], chunk_size, workers)
    validation = columns_module.validate_source(population, months[-1], pool=pools["pool"], arena=arena,
                                                on_piece=early.piece if early is not None else None)
    del population
    systems, coarse = loading.result()
    line_label = validation.line_label
    if validation.errors and not skip_invalid:
        raise InvalidPopulation(validation.errors, line_label)
    keep = ~validation.invalid
    if not keep.any():
        raise EmptyPopulation(
            f"{label}: every one of the {len(keep):,} row(s) is invalid; nothing to compare "
            f"(the first: {line_label} {validation.errors[0][line_label]}, field {validation.errors[0]['field']}: "
            f"{validation.errors[0]['message']})"
        )
    errors = validation.errors
    panel = _panel(validation, keep, months) if validation.month_numbers is not None else None
    if panel is None:
        prepared = prepare(validation, keep)
        validation = None  # the parsed columns: only the compact arrays of `prepared` are needed from here
        if arena is not None:
            arena.release()  # (their shared memory too)
    elif not panel["in_window"]:
        present = panel["months_present"]
        raise EmptyPopulation(
            f"{label}: no row of the panel falls in {months[0]} … {months[-1]} (its months: "
            f"{numpy.datetime_as_string(present.min())} … {numpy.datetime_as_string(present.max())})"
        )
    citizens = int(keep.sum())
    runs, n_years = len(plan.runs), len(plan.parity_windows)
    total = {
        "counts": numpy.zeros((runs, len(months), len(plan.measures), engine.N_KEYS)),
        "not_in_trial": numpy.zeros((runs, n_years, engine.N_KEYS)),
    }
    window_index = plan.window_index()
    chunk_count = 0
    if panel is None and not dedupe:
        pieces = chunks(prepared, chunk_size)
        tasks = [(piece, plan, 0) for piece in pieces]
        chunk_count = len(pieces)
        work = citizens * len(months) * runs

        def combine(result, piece, offset):
            total["counts"] += result["counts"]
            total["not_in_trial"] += result["not_in_trial"]

    elif panel is not None:
        # Month by month, each month's rows one task: a worker prepares them (with dedupe, each distinct family
        # once) and computes them chunk by chunk.
        citizens = int(numpy.count_nonzero(numpy.bincount(panel["citizen"][keep], minlength=panel["n_citizens"])))
        n_citizens = panel["n_citizens"]
        work = panel["in_window"] * runs
        ever = numpy.zeros((runs, n_years, n_citizens), dtype=bool)
        del keep
        payload_columns = [name for name in validation.values if name != "person_id"]
        shared = arena is not None and all(validation.values[name] is arena.values.get(name) for name in payload_columns)
        citizens_of = {}  # {offset: the citizen of each row of the month}, until the month is combined
        cohort_members = []  # _panel_members, once every month is handed out

        def monthly_tasks():
            for offset, month in enumerate(months):
                rows = panel["month_rows"](month)
                if not len(rows):
                    continue
                month_plan = dataclasses.replace(plan, months=(month,), parity_windows=(), row_flags=month in window_index)
                represents = len(rows)
                if rows[-1] - rows[0] + 1 == len(rows):  # ascending: one run of rows (a file ordered by month)
                    rows = slice(int(rows[0]), int(rows[-1]) + 1)  # a view, not a copy of every column
                payload = {
                    "panel_month": True,
                    "represents": represents,
                    "dedupe": dedupe,
                    "coarse": coarse,
                    "chunk_size": chunk_size,
                }
                started = early.take(month, panel["month_rows"](month)) if early is not None and shared else None
                if started is not None:  # begun while the file was read: the same rows (_EarlyMonths)
                    payload["early"] = started
                if shared:  # the workers read the month's rows from the arena they share with this process
                    payload.update(arena=arena.token, rows=rows, columns=payload_columns)
                else:
                    payload["month_rows"] = {name: validation.values[name][rows] for name in payload_columns}
                citizens_of[offset] = panel["citizen"][rows]
                yield payload, month_plan, offset
            if early is not None:
                early.cancel_rest()  # (all of them where the columns were not all in the arena)
            # every month handed out: the cohorts' members found while the last months are computed
            cohort_members.extend(_panel_members(panel, plan))

        def combine(result, payload, offset):
            nonlocal chunk_count
            chunk_count += result["chunks"]
            total["counts"][:, offset : offset + 1] += result["counts"]
            citizen = citizens_of.pop(offset)
            if "in_trial_rows" in result:
                ever[:, window_index[months[offset]], citizen] |= result["in_trial_rows"]

        tasks = monthly_tasks()
    else:
        # A snapshot with dedupe, month by month: each month's distinct families once.
        n_citizens = len(prepared["family"])
        work = citizens * len(months) * runs
        snapshot_codes = dedupe_module.row_codes(prepared, skip=coarse)
        # in_en_plan_trial in some month of each parity window, per citizen (cohort_in_trial needs every member)
        ever = numpy.zeros((runs, n_years, n_citizens), dtype=bool)
        if executor == "local":
            # Each month one task: the workers, forked anew now, share the prepared rows (copy-on-write) and find
            # the month's distinct families themselves.
            _SHARED.update(prepared=prepared, codes=snapshot_codes, coarse=coarse, date_cache={})
            if pools["pool"] is not None:
                pools["pool"].shutdown(wait=True)
                pools["pool"] = None
                pools["pool"] = start_pool(workers)

            def monthly_tasks():
                for offset, month in enumerate(months):
                    month_plan = dataclasses.replace(plan, months=(month,), parity_windows=(), row_flags=month in window_index)
                    yield {"snapshot_month": True, "represents": citizens, "chunk_size": chunk_size}, month_plan, offset

            def combine(result, payload, offset):
                nonlocal chunk_count
                chunk_count += result["chunks"]
                total["counts"][:, offset : offset + 1] += result["counts"]
                if "in_trial_rows" in result:
                    ever[:, window_index[months[offset]]] |= result["in_trial_rows"]

            tasks = monthly_tasks()
    if panel is None and dedupe and executor != "local":
        # (Dask: the month's distinct families are found here and sent chunk by chunk.)
        pending = {}
        date_cache = {}

        def monthly_tasks():
            nonlocal chunk_count
            for offset, month in enumerate(months):
                month_prepared = dedupe_module.month_families(systems, prepared, snapshot_codes, month, coarse, date_cache)
                month_plan = dataclasses.replace(plan, months=(month,), parity_windows=(), row_flags=month in window_index)
                pieces = chunks(month_prepared, chunk_size)
                if month_plan.row_flags:
                    # the representatives' flags are gathered, then spread to the citizens they stand for
                    pending[offset] = {
                        "expand": month_prepared["expand"],
                        "flags": numpy.zeros((runs, len(month_prepared["family"])), dtype=bool),
                        "left": len(pieces),
                    }
                for piece in pieces:
                    chunk_count += 1
                    yield piece, month_plan, offset

        def combine(result, piece, offset):
            total["counts"][:, offset : offset + 1] += result["counts"]
            if "in_trial_rows" in result:
                y = window_index[months[offset]]
                state = pending[offset]
                state["flags"][:, piece["start"] : piece["start"] + piece["count"]] = result["in_trial_rows"]
                state["left"] -= 1
                if not state["left"]:
                    ever[:, y] |= state["flags"][:, state["expand"]]
                    del pending[offset]

        tasks = monthly_tasks()
    with _progress(work, progress) as bar:
        if executor == "dask":
            _run_dask(tasks, workers, bar, combine, client=client, scheduler=scheduler)
        elif executor == "local":
            pool, pools["pool"] = pools["pool"], None
            _run_local(tasks, workers, bar, combine, pool=pool)
        else:
            raise ValueError(f"unknown executor {executor!r}; expected local or dask")
    if panel is not None:
        _panel_cohorts(total, ever, panel, plan, cohort_members if len(cohort_members) == n_years else None)
    elif dedupe:
        for r in range(runs):  # a snapshot's citizens are members in every window
            for y in range(n_years):
                total["not_in_trial"][r, y] = numpy.bincount(prepared["key"][~ever[r, y]], minlength=engine.N_KEYS)
    return Comparison(
        results=tidy(total, plan),
        parity=meeting_parity(total, plan),
        skipped=errors,
        line_label=line_label,
        plan=plan,
        citizens=citizens,
        chunks=chunk_count,
        source=source if isinstance(source, str) else "(table)",
    )


def write_errors(errors, line_label, path):
    """skipped_rows.csv: one row per invalid value; cells copied from the input are made inert (neutral.csv_cell)."""
    from enplan_rules.population.neutral import csv_cell

    frame = pandas.DataFrame(errors, columns=[line_label, "person_id", "field", "value", "message", "expected"])
    for column in ("person_id", "field", "value", "message", "expected"):
        frame[column] = frame[column].map(csv_cell)
    frame.to_csv(path, index=False)


def _arrow(frame):
    """The frame as an Arrow table, dates (the first day of each month) as the date type, not timestamps."""
    import pyarrow

    table = pyarrow.Table.from_pandas(frame, preserve_index=False)
    for index, column in enumerate(table.schema):
        if pyarrow.types.is_timestamp(column.type):
            table = table.set_column(index, column.name, table.column(index).cast(pyarrow.date32()))
    return table


def _write_csv(table, path):
    import pyarrow.csv

    pyarrow.csv.write_csv(table, path)


def _write_parquet(table, path):
    import pyarrow.parquet

    pyarrow.parquet.write_table(table, path, compression="zstd")


def _write_tables(out_dir, tables):
    """The tables (frame, name) written as name.parquet and name.csv, each converted to Arrow once, with their
    digests for the manifest (outdir.remember); returns (paths written, {file name: rows}). Arrow converts and
    writes them mostly outside the interpreter's lock: write_outputs runs this in a thread while it builds the
    report."""
    from enplan_rules.population import outdir

    written, rows = [], {}
    for frame, name in tables:
        table = _arrow(frame)
        for suffix, write in ((".parquet", _write_parquet), (".csv", _write_csv)):
            path = os.path.join(out_dir, name + suffix)
            write(table, path)
            outdir.remember(path)
            written.append(path)
            rows[name + suffix] = len(frame)
    return written, rows


def write_outputs(comparison, out_dir, charts=True, png=False, parallel=False):
    """Write the tables, the summary and the HTML report into `out_dir`; return the paths written and the row
    counts of the tables (by path relative to `out_dir`). `charts`: report.html draws its charts (pagecharts.py);
    `png`: the charts are also drawn as PNG files (plots/da/, plots/en/), which summary.md shows. With `parallel`,
    two processes draw the PNGs while this one builds the report (see drawing.py); the tables are written in a
    thread meanwhile (_write_tables)."""
    from enplan_rules.population import drawing as drawing_module
    from enplan_rules.population import report

    os.makedirs(out_dir, exist_ok=True)
    changes = report.trial_changes(comparison)
    drawing = None
    if png:
        drawing = drawing_module.Drawing(comparison, os.path.join(out_dir, "plots"), report._results(comparison), changes, parallel=parallel)
    tables = [(comparison.results, "results"), (comparison.parity, "meeting_parity")]
    tables += [(changes, "trial_changes")] if changes is not None else []
    writer = _Background(lambda: _write_tables(out_dir, tables), "enplan-write-tables")
    try:
        document = report.build(comparison, drawing.paths if drawing else (), charts=charts, changes=changes)
        written, rows = writer.result()
        if comparison.skipped:
            path = os.path.join(out_dir, "skipped_rows.csv")
            write_errors(comparison.skipped, comparison.line_label, path)
            written.append(path)
            rows["skipped_rows.csv"] = len(comparison.skipped)
        figures = drawing.wait() if drawing else []
    except BaseException:
        writer.wait()  # (no thread left writing into a folder the command discards)
        if drawing:
            drawing.stop()  # no drawing process outlives a failed or interrupted command
        raise
    written.extend(figures)
    for name, text in zip(("summary.md", "report.html"), report.rendered(document), strict=True):
        path = os.path.join(out_dir, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        written.append(path)
    return written, rows


def add_arguments(parser):
    parser.add_argument("population", help="population file (.parquet or .csv), e.g. from `enplan synth`")
    parser.add_argument("--regimes", default=",".join(regimes_module.NAMES), help="comma list (default: all three)")
    parser.add_argument("--from", dest="start", default="2017-10", help="first month YYYY-MM (default 2017-10)")
    parser.add_argument("--to", dest="end", default="2020-12", help="last month YYYY-MM (default 2020-12)")
    parser.add_argument("--out", required=True, help="output folder (created; see --force)")
    parser.add_argument(
        "--force", action="store_true", help="replace a non-empty --out folder whole (without it, the run refuses)"
    )
    parser.add_argument(
        "--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help=f"citizens per simulation (default {DEFAULT_CHUNK_SIZE:,}); bounds memory"
    )
    parser.add_argument("--skip-invalid", action="store_true", help="skip invalid rows (each one is listed) instead of stopping")
    parser.add_argument("--executor", choices=("local", "dask"), default="local", help="where chunks run (default local)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parallel worker processes (default: the number of cores)"
    )
    parser.add_argument("--scheduler", default=None, help="with --executor dask: address of an existing Dask scheduler")
    versions = parser.add_mutually_exclusive_group()
    versions.add_argument(
        "--one-plan-law-variant",
        choices=regimes_module.VARIANTS,
        default=None,
        help=f"the One Plan law version for one_plan_law and trial (default {regimes_module.DEFAULT_VARIANT})",
    )
    versions.add_argument(
        "--one-plan-law-variants",
        default=None,
        metavar="LIST",
        help="several versions, comma list, e.g. consultation_draft,tabled_bill,enacted: the regimes are compared "
        "under each, and trial_changes.csv says what the trial changes relative to each",
    )
    charts = parser.add_mutually_exclusive_group()
    charts.add_argument("--png", action="store_true",
                        help="also write every chart as PNG files, in Danish and in English (plots/da/, plots/en/; "
                             "summary.md then shows them). report.html draws its charts itself, and each chart there "
                             "saves itself as a PNG at a click")
    charts.add_argument("--no-plots", action="store_true", help="no charts at all: none in report.html, no PNG files")
    parser.add_argument("--no-dedupe", action="store_true",
                        help="compute every row (by default each distinct family of a month is computed once and its "
                             "counts weighted; the answers are the same)")
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


class Interrupted(BaseException):
    """SIGTERM (or SIGHUP) arrived: end the workers, discard the staging folder, exit."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def _file_sha256(path):
    from enplan_rules.population import outdir

    return outdir.sha256(path) if isinstance(path, str) and os.path.isfile(path) else None


def command_line(args):
    """The command that gives these outputs, from the parsed options (every option spelled out)."""
    words = ["enplan", "compare", args.population, "--regimes", args.regimes, "--from", args.start, "--to", args.end,
             "--out", args.out, "--chunk-size", str(args.chunk_size), "--executor", args.executor, "--workers", str(args.workers)]
    if args.one_plan_law_variants:
        words += ["--one-plan-law-variants", args.one_plan_law_variants]
    else:
        words += ["--one-plan-law-variant", args.one_plan_law_variant or regimes_module.DEFAULT_VARIANT]
    for flag, on in (("--force", args.force), ("--skip-invalid", args.skip_invalid), ("--png", getattr(args, "png", False)),
                     ("--no-plots", args.no_plots),
                     ("--no-dedupe", getattr(args, "no_dedupe", False))):
        if on:
            words.append(flag)
    if args.scheduler:
        words += ["--scheduler", args.scheduler]
    return words


def empty_measures(comparison):
    """One line for each measure or table that came out empty, saying why (the command prints them)."""
    plan = comparison.plan
    lines = []
    window = f"{plan.months[0]}..{plan.months[-1]}"
    calendar = whole_years(plan.months)
    partial = sorted({int(month[:4]) for month in plan.months} - set(calendar))
    if not calendar:
        lines.append(
            f"meeting parity: no calendar year lies wholly inside {window}, so it is assessed over {window} itself, "
            f"per member-year (annualised), under the rules of {plan.months[-1][:4]}; --from {plan.months[-1][:4]}-01 "
            f"--to {plan.months[-1][:4]}-12 assesses the calendar year"
        )
    elif partial:
        lines.append(f"meeting parity: assessed for {', '.join(map(str, calendar))} only; "
                     f"{', '.join(map(str, partial))} lie only partly inside {window}")
    if not {"one_plan_law", "trial"} <= set(plan.regimes):
        lines.append("trial_changes was not written: it compares one_plan_law with trial, and not both were compared")
    results = comparison.results
    if "trial" in plan.regimes:
        in_trial = results[(results["regime"] == "trial") & (results["measure"] == "in_en_plan_trial")]["value"].sum()
        if not in_trial:
            lines.append(f"no citizen is in the En Plan trial in {window}: the trial ran from 2017 to mid-2020 in the nine "
                         "network municipalities, and only citizens in its target groups who take part are in it")
    if not plan.ambiguities:
        lines.append("the ambiguity-register measures are empty: the register is not installed")
    return lines


def run(args):
    import signal

    from enplan_rules.population import outdir

    previous = {}
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            previous[signum] = signal.signal(signum, _raise_interrupted)
    staging = None
    try:
        regimes = parse_regimes(args.regimes)
        variants = (
            parse_variants(args.one_plan_law_variants)
            if args.one_plan_law_variants
            else (args.one_plan_law_variant or regimes_module.DEFAULT_VARIANT,)
        )
        months_between(args.start, args.end)
        if args.chunk_size < 1:
            raise ValueError("--chunk-size must be at least 1")
        out = outdir.check(args.out, force=args.force, inputs=[args.population])  # before any computation
        comparison = compare(
            args.population,
            regimes=regimes,
            start=args.start,
            end=args.end,
            chunk_size=args.chunk_size,
            skip_invalid=args.skip_invalid,
            executor=args.executor,
            workers=max(1, args.workers),
            variants=variants,
            progress=args.progress,
            scheduler=args.scheduler,
            dedupe=not getattr(args, "no_dedupe", False),
        )
        if comparison.skipped:
            rows = sorted({error[comparison.line_label] for error in comparison.skipped})
            print(f"enplan compare: skipped {len(rows)} invalid row(s) (also in skipped_rows.csv):", file=sys.stderr)
            _print_errors(comparison.skipped, comparison.line_label, sys.stderr)
        outdir.check(out, force=args.force, inputs=[args.population])  # again: something may have appeared
        staging = written_in = outdir.stage(out)
        written, table_rows = write_outputs(comparison, staging, charts=not args.no_plots, png=getattr(args, "png", False),
                                            parallel=args.workers > 1)
        if getattr(args, "sensitivity", False):
            from enplan_rules.population import sensitivity

            written.extend(sensitivity.write(args, comparison, staging))
        outdir.write_manifest(
            staging,
            table_rows,
            {
                "command": command_line(args),
                "population": {"path": args.population, "sha256": _file_sha256(args.population)},
                "citizens": comparison.citizens,
                "skipped_rows": len({error[comparison.line_label] for error in comparison.skipped}),
                "regimes": list(comparison.plan.regimes),
                "one_plan_law_variants": list(comparison.plan.all_variants),
                "months": [comparison.plan.months[0], comparison.plan.months[-1]],
            },
        )
        outdir.commit(staging, out)
        staging = None
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
    except (KeyboardInterrupt, Interrupted) as error:
        name = signal.Signals(error.signum).name if isinstance(error, Interrupted) else "SIGINT"
        print(f"enplan compare: interrupted ({name}); the workers were ended and {args.out} was left as it was", file=sys.stderr)
        return 128 + (error.signum if isinstance(error, Interrupted) else signal.SIGINT)
    finally:
        outdir.discard(staging)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    print(
        f"compared {comparison.citizens:,} citizens × {len(comparison.plan.months)} months × "
        f"{len(comparison.plan.regimes)} regimes"
        + (f" × {len(comparison.plan.all_variants)} One Plan law versions" if len(comparison.plan.all_variants) > 1 else "")
        + f" in {comparison.seconds:.1f} s ({comparison.chunks} chunks)"
    )
    for line in empty_measures(comparison):
        print(f"  note: {line}")
    names = sorted(os.path.relpath(path, written_in) for path in written) + ["manifest.json"]
    print(f"  {out}{os.sep}: " + ", ".join(names))
    return 0
