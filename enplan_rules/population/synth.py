"""Write a synthetic population for the nine municipalities of the En Plan network (no real personal data).

Every figure it draws from is an assumption listed in enplan_rules/population/assumptions.yaml, not a
statistic. The same seed and assumptions give the same file, byte for byte.

    enplan synth --citizens 385000 --seed 1 --out population.parquet
"""

import contextlib
import os
import sys

import numpy
import yaml

from enplan_rules import yamlfiles
from enplan_rules.population.columns import columns

ASSUMPTIONS_PATH = os.path.join(os.path.dirname(__file__), "assumptions.yaml")
NETWORK = ("alleroed", "ballerup", "fredensborg", "frederikssund", "furesoe", "gribskov", "halsnaes", "helsingoer", "hilleroed")
HOUSEHOLD_TYPES = ("single_adult", "couple", "single_parent", "couple_with_children")
DAYS_PER_YEAR = 365.2425


MAX_CITIZENS = 10_000_000  # 26 times the network; beyond it the arrays no longer fit in a machine's memory
MAX_ASSUMPTIONS_BYTES = 1024 * 1024


def load_assumptions(path=None):
    """The assumptions: the built-in file, or a copy at `path` read with the scenario files' guards (a regular
    file of at most 1 MiB, no YAML alias, bounded nesting, no key twice) and of the built-in's shape (every key
    it has, a number where it has a number); ValueError naming what is wrong."""
    if path is None:
        with open(ASSUMPTIONS_PATH, encoding="utf-8") as file:
            return yamlfiles.load(file)
    from enplan_rules.scenarios.loader import _duplicate_keys, _Loader

    if os.path.exists(path) and not os.path.isfile(path):
        raise ValueError(f"--assumptions {path}: not a regular file (a folder, a pipe or a device)")
    with open(path, "rb") as file:
        raw = file.read(MAX_ASSUMPTIONS_BYTES + 1)
    if len(raw) > MAX_ASSUMPTIONS_BYTES:
        raise ValueError(f"--assumptions {path}: larger than {MAX_ASSUMPTIONS_BYTES // 1024} KiB")
    try:
        loader = _Loader(raw.decode("utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as error:
        refused = {"too_deep": "nested too deeply", "alias": "a YAML alias", "anchor": "a YAML anchor"}
        problem = (getattr(error, "problem", None) or refused.get(getattr(error, "key", None))
                   or type(error).__name__)
        raise ValueError(f"--assumptions {path}: not a readable YAML file ({problem})") from None
    if node is not None and _duplicate_keys(node, [], []):
        parts, line = _duplicate_keys(node, [], [])[0]
        raise ValueError(f"--assumptions {path}:{line}: {'/'.join(map(str, parts))} appears twice")
    with open(ASSUMPTIONS_PATH, encoding="utf-8") as file:
        builtin = yamlfiles.load(file)
    fault = _shape_fault(data, builtin, "")
    if fault:
        raise ValueError(f"--assumptions {path}: {fault} (start from a copy of {ASSUMPTIONS_PATH})")
    return data


def _shape_fault(given, builtin, where):
    """Where `given` lacks a key of `builtin` or has another kind of value (text, number, list, mapping)."""
    if isinstance(builtin, dict):
        if not isinstance(given, dict):
            return f"{where or 'the file'} must be a mapping"
        for key, value in builtin.items():
            if key not in given:
                return f"{where}/{key} is missing"
            fault = _shape_fault(given[key], value, f"{where}/{key}")
            if fault:
                return fault
        return None
    if isinstance(builtin, bool) or isinstance(given, bool):
        return None if isinstance(given, bool) == isinstance(builtin, bool) else f"{where} must be true or false"
    if isinstance(builtin, (int, float)):
        if not isinstance(given, (int, float)) or given != given or given in (float("inf"), float("-inf")):
            return f"{where} must be a number"
        if given < 0:
            return f"{where} must not be negative"
        return None
    if isinstance(builtin, list):
        return None if isinstance(given, list) else f"{where} must be a list"
    if isinstance(builtin, str):
        return None if isinstance(given, str) else f"{where} must be text"
    return None


def municipality_counts(citizens, assumptions, outside_share=None):
    """Citizens per municipality: the assumed sizes scaled to `citizens` by largest remainders."""
    share = assumptions["outside_network_share"] if outside_share is None else outside_share
    if not 0 <= share < 1:
        raise ValueError(f"outside share must be in [0, 1), got {share}")
    outside = int(round(citizens * share))
    inside = citizens - outside
    sizes = numpy.array([assumptions["municipality_sizes"][name] for name in NETWORK], dtype=float)
    quotas = sizes / sizes.sum() * inside
    counts = numpy.floor(quotas).astype(int)
    order = numpy.argsort(-(quotas - counts), kind="stable")
    counts[order[: inside - counts.sum()]] += 1
    result = dict(zip(NETWORK, counts.tolist(), strict=True))
    if outside:
        result["other"] = outside
    return result


def _households(rng, count, assumptions):
    """Draw households until they hold `count` persons; the last one is cut to fit (children first)."""
    type_p = numpy.array([assumptions["household_types"][name] for name in HOUSEHOLD_TYPES], dtype=float)
    children_options = sorted(int(k) for k in assumptions["children_per_family_with_children"])
    children_p = numpy.array(
        [assumptions["children_per_family_with_children"][k] for k in children_options], dtype=float
    )
    kinds, parents, children = [], [], []
    total = 0
    while total < count:
        batch = max(16, int((count - total) / 1.8) + 16)
        kind = rng.choice(len(HOUSEHOLD_TYPES), size=batch, p=type_p / type_p.sum())
        n_parents = numpy.where((kind == 1) | (kind == 3), 2, 1)
        n_children = numpy.where(
            kind >= 2, numpy.asarray(children_options)[rng.choice(len(children_options), size=batch, p=children_p / children_p.sum())], 0
        )
        kinds.append(kind)
        parents.append(n_parents)
        children.append(n_children)
        total += int((n_parents + n_children).sum())
    kind = numpy.concatenate(kinds)
    n_parents = numpy.concatenate(parents)
    n_children = numpy.concatenate(children)
    size = n_parents + n_children
    end = numpy.cumsum(size)
    last = int(numpy.searchsorted(end, count))  # the household that reaches `count`
    kind, n_parents, n_children, size = kind[: last + 1], n_parents[: last + 1], n_children[: last + 1], size[: last + 1]
    excess = int(end[last] - count)
    cut_children = min(excess, int(n_children[last]))
    n_children[last] -= cut_children
    n_parents[last] -= excess - cut_children
    size[last] = n_parents[last] + n_children[last]
    if n_children[last] == 0 and kind[last] >= 2:
        kind[last] -= 2  # a family cut down to its parents
    return kind, n_parents, n_children


def _birth_dates(snapshot, age):
    """Birth dates for fractional ages on `snapshot`, and the whole age (in years, by birthdays) they give: the
    last birthday falls the fraction of a year before the snapshot."""
    whole = numpy.floor(age).astype(int)
    days_since_birthday = numpy.floor((age - whole) * 365).astype(int)  # 0..364: less than a year
    month = snapshot.astype("datetime64[M]")
    day_of_month = (snapshot - month.astype("datetime64[D]")).astype(int)
    last_birthday = (month - 12 * whole).astype("datetime64[D]") + day_of_month
    return last_birthday - days_since_birthday.astype("timedelta64[D]"), whole


def _generate(rng, municipality, count, assumptions):
    """Arrays (one entry per person) for the `count` citizens of one municipality."""
    snapshot = numpy.datetime64(assumptions["snapshot_date"], "D")
    kind, n_parents, n_children = _households(rng, count, assumptions)
    size = n_parents + n_children
    families = len(size)
    family = numpy.repeat(numpy.arange(families), size)
    start = numpy.repeat(numpy.cumsum(size) - size, size)
    position = numpy.arange(len(family)) - start
    is_parent = position < numpy.repeat(n_parents, size)
    has_children = numpy.repeat(n_children > 0, size)

    # Ages (in years, fractional) on the snapshot date.
    bands = assumptions["adult_age_bands"]
    band_p = numpy.array([band["share"] for band in bands], dtype=float)
    band = rng.choice(len(bands), size=families, p=band_p / band_p.sum())
    low = numpy.array([band_["min"] for band_ in bands], dtype=float)[band]
    high = numpy.array([band_["max"] for band_ in bands], dtype=float)[band] + 1
    first_adult = rng.uniform(low, high)
    first_parent = rng.uniform(assumptions["parent_age"]["min"], assumptions["parent_age"]["max"] + 1, size=families)
    head_age = numpy.where(n_children > 0, first_parent, first_adult)
    min_birth = float(assumptions["min_age_at_birth"])
    head = numpy.repeat(head_age, size)
    child_age = rng.uniform(0, 1, size=len(family)) * numpy.minimum(17.999, numpy.maximum(head - min_birth, 0.01))
    child_age = numpy.where(is_parent, 0.0, child_age)
    oldest_child = numpy.zeros(families)
    numpy.maximum.at(oldest_child, family, child_age)
    spread = float(assumptions["partner_age_spread"])
    partner = head + rng.uniform(-spread, spread, size=len(family))
    partner = numpy.maximum(partner, numpy.maximum(18.0, numpy.repeat(oldest_child, size) + min_birth))
    age = numpy.where(position == 0, head, numpy.where(is_parent, partner, child_age))
    birth_date, whole_age = _birth_dates(snapshot, age)
    adult = is_parent & (whole_age >= 18)

    # LAB § 2 target groups.
    group_names = [c for c in columns() if c.name == "employment_target_group"][0].values
    target_group = numpy.zeros(len(family), dtype=numpy.int16)
    for band_ in assumptions["target_group_shares"]:
        mask = adult & (whole_age >= band_["min_age"]) & (whole_age <= band_["max_age"])
        names = list(band_["shares"])
        shares = numpy.array([band_["shares"][name] for name in names], dtype=float)
        drawn = rng.choice(len(names) + 1, size=int(mask.sum()), p=numpy.append(shares, 1 - shares.sum()))
        codes = numpy.array([group_names.index(name) for name in names] + [0], dtype=numpy.int16)
        target_group[mask] = codes[drawn]
    in_group = target_group != 0

    def group_is(*names):
        return numpy.isin(target_group, [group_names.index(name) for name in names])

    def by_group(table, default=0.0):
        values = numpy.full(len(group_names), default, dtype=float)
        for name, value in table.items():
            if name in group_names:
                values[group_names.index(name)] = value
        return values[target_group]

    categories = list(assumptions["sickness_benefit_categories"])
    category_p = numpy.array([assumptions["sickness_benefit_categories"][c] for c in categories], dtype=float)
    sick = group_is("sygedagpenge")
    sickness = numpy.zeros(len(family), dtype=object)
    sickness[:] = "none"
    sickness[sick] = numpy.asarray(categories, dtype=object)[rng.choice(len(categories), size=int(sick.sum()), p=category_p)]

    entry = assumptions["benefit_entry"]
    days_before = rng.integers(1, int(entry["months_before"] * DAYS_PER_YEAR / 12) + 1, size=len(family))
    benefit_start = numpy.where(
        in_group, numpy.datetime64(entry["window_end"], "D") - days_before.astype("timedelta64[D]"), numpy.datetime64("NaT")
    )

    # Complex and compound problems, participation and the other facts.
    complex_p = assumptions["complex_problems"]
    p_complex = numpy.where(adult & in_group, by_group(complex_p), 0.0)
    p_complex = numpy.where(adult & ~in_group, complex_p["none_adult"], p_complex)
    p_complex = numpy.where(~adult, complex_p["child"], p_complex)
    p_complex = numpy.where((whole_age >= 16) & (whole_age <= 22), numpy.maximum(p_complex, complex_p["youth_16_22"]), p_complex)
    has_complex = rng.random(len(family)) < p_complex
    can_consent = whole_age >= 15
    consents = can_consent & (
        rng.random(len(family)) < numpy.where(has_complex, assumptions["consent_if_complex"], assumptions["consent_otherwise"])
    )
    refuses = has_complex & ~consents & (rng.random(len(family)) < assumptions["refuse_if_complex_without_consent"])
    facts = {}
    who = {
        "adult": adult,
        "child": ~is_parent,
        "parent_with_children": is_parent & has_children,
        "target_group": in_group,
    }
    for name, rule in assumptions["facts"].items():
        p = numpy.where(has_complex, rule["complex"], rule["other"])
        facts[name] = who[rule["applies_to"]] & (rng.random(len(family)) < p)
    rehabilitation = rng.random(len(family)) < by_group(assumptions["rehabilitation_team_case"])

    visitation_rules = assumptions["municipal_visitation"]
    visited = numpy.zeros(len(family), dtype=bool)
    if municipality in visitation_rules["municipalities"]:
        visited = has_complex & (rng.random(len(family)) < visitation_rules["probability_if_complex"])
        if municipality in visitation_rules["family_municipalities"]:
            visited_family = numpy.zeros(families, dtype=bool)
            visited_family[family[visited & is_parent]] = True
            visited |= ~is_parent & visited_family[family]

    departments_rule = assumptions["departments_with_case"]["complex"]
    departments = numpy.where(
        has_complex,
        rng.integers(departments_rule["min"], departments_rule["max"] + 1, size=len(family)),
        in_group.astype(int),
    ).astype(numpy.int32)
    solution = numpy.full(len(family), "none", dtype=object)
    if municipality == "helsingoer":
        rules = assumptions["helsingoer_solutions"]
        draw = rng.random(len(family))
        second = rng.random(len(family))
        families_parent = has_complex & is_parent & has_children & (draw < rules["families_if_parent_with_children"])
        youth = has_complex & ~families_parent & (whole_age >= 15) & (whole_age <= 29) & (draw < rules["youth_if_aged_15_to_29"])
        rest = has_complex & ~families_parent & ~youth
        solution[rest & (second < rules["substance_misuse"])] = "substance_misuse"
        solution[rest & (second >= rules["substance_misuse"]) & (second < rules["substance_misuse"] + rules["brain_injury"])] = "brain_injury"
        solution[youth] = "youth"
        solution[families_parent] = "families"
        in_family_solution = numpy.zeros(families, dtype=bool)
        in_family_solution[family[families_parent]] = True
        family_departments = numpy.zeros(families, dtype=numpy.int32)
        numpy.maximum.at(family_departments, family, numpy.where(families_parent, departments, 0))
        children_in = ~is_parent & in_family_solution[family]
        solution[children_in] = "families"
        departments = numpy.where(children_in, numpy.maximum(departments, family_departments[family]), departments)

    one_plan = has_complex & consents
    meetings = rng.poisson(
        by_group(assumptions["meetings_held_mean"]) * numpy.where(one_plan, assumptions["meetings_factor_in_one_plan"], 1.0)
    ).astype(numpy.int32)

    start_rule = assumptions["en_plan_start"]
    first = numpy.datetime64(start_rule["from"], "D")
    span = int((numpy.datetime64(start_rule["to"], "D") - first).astype(int)) + 1
    start_offset = rng.integers(0, span, size=len(family)).astype("timedelta64[D]")
    en_plan_start = numpy.where(one_plan & (municipality != "other"), first + start_offset, numpy.datetime64("NaT"))

    return {
        "family": family,
        "role": numpy.where(is_parent, "parent", "child").astype(object),
        "birth_date": birth_date,
        "employment_target_group": numpy.asarray(group_names, dtype=object)[target_group],
        "benefit_start_date": benefit_start,
        "sickness_benefit_category": sickness,
        "has_complex_problems": has_complex,
        "consents_to_one_plan": consents,
        "refuses_one_plan": refuses,
        "receives_adult_social_support": facts["receives_adult_social_support"],
        "receives_child_special_support": facts["receives_child_special_support"],
        "parent_of_child_in_care": facts["parent_of_child_in_care"],
        "has_mentor": facts["has_mentor"],
        "parental_authority_consents_to_holistic_plan": facts["parental_authority_consents_to_holistic_plan"],
        "rehabilitation_team_case": rehabilitation,
        "assessed_not_to_benefit_from_offers": facts["assessed_not_to_benefit_from_offers"],
        "meetings_held": meetings,
        "municipal_visitation_to_trial": visited,
        "has_adult_disability_or_rehabilitation_case": facts["has_adult_disability_or_rehabilitation_case"],
        "helsingoer_solution": solution,
        "departments_with_case": departments,
        "en_plan_start_date": en_plan_start,
    }


def generate(citizens=None, seed=0, assumptions=None, outside_share=None):
    """The synthetic population as a pyarrow Table (one row per citizen, families together)."""
    return generate_with_check(citizens, seed, assumptions, outside_share)[0]


def generate_with_check(citizens=None, seed=0, assumptions=None, outside_share=None):
    """(table, check): the population, and the model's participants against the mid-term status's reported counts
    (None without a `participation` section in the assumptions)."""
    assumptions = assumptions or load_assumptions()
    table = _snapshot(citizens, seed, assumptions, outside_share)
    if not assumptions.get("participation"):
        return table, None
    return calibrate(table, assumptions, seed)


def _calibrated_with_pools(citizens, seed, assumptions, outside_share):
    """(table, pools): the population of `generate_with_check` and the capacity pools its check carries, without
    the check's own run of the engine (a panel prints no check)."""
    table = _snapshot(citizens, seed, assumptions, outside_share)
    if not assumptions.get("participation"):
        return table, {}
    table, check = calibrate(table, assumptions, seed, model_counts=False)
    return table, check.attrs["pools"]


def _engine_answers(table, month, names):
    """The trial regime's answers `names` for every row of `table` in `month` (rows in table order)."""
    from openfisca_core import periods

    from enplan_rules import regimes
    from enplan_rules.population import compare, engine
    from enplan_rules.population.columns import validate

    validation = validate(table.to_pandas(date_as_object=False), "row", 1)
    if validation.errors:
        raise ValueError(f"synthetic population failed validation: {validation.errors[0]}")
    prepared = compare.prepare(validation, ~validation.invalid)
    piece = compare.chunks(prepared, table.num_rows + 1)[0]
    system = regimes.load("trial")
    simulation = engine.build_simulation(system, piece)
    period = periods.period(month)
    for name, values in engine.encoded_inputs(system, piece).items():
        simulation.set_input(name, period, values)
    result = {}
    for name in names:
        values = numpy.empty(table.num_rows, dtype=bool)
        values[prepared["rows"]] = numpy.asarray(simulation.calculate(name, period), dtype=bool)
        result[name] = values
    return result


def _units(unit, eligible, is_parent, family):
    """The units chosen among: persons (adults: parents only) or families with an eligible parent."""
    if unit == "families":
        return numpy.unique(family[eligible & is_parent])
    if unit == "adults":
        return numpy.flatnonzero(eligible & is_parent)
    return numpy.flatnonzero(eligible)


def _count(unit, in_trial, is_parent, family, mask):
    if unit == "families":
        return int(len(numpy.unique(family[mask & in_trial & is_parent])))
    if unit == "adults":
        return int((mask & in_trial & is_parent).sum())
    return int((mask & in_trial).sum())


def calibrate(table, assumptions, seed, model_counts=True):
    """Capacity and take-up: in each municipality with a reported count, exactly that many units (scaled to the
    synthetic size) of the engine's eligible citizens take part in the reference month; the others do not.
    Without `model_counts` the check has no model columns (the engine is not run again to count them)."""
    import pandas
    import pyarrow

    rule = assumptions["participation"]
    month = rule["reference_month"]
    eligible = _engine_answers(table, month, ["in_trial_target_group"])["in_trial_target_group"]
    municipality = table.column("municipality").to_numpy(zero_copy_only=False).astype(str)
    is_parent = table.column("role").to_numpy(zero_copy_only=False).astype(str) == "parent"
    family = table.column("family_id").to_numpy()
    consents = table.column("consents_to_one_plan").to_numpy(zero_copy_only=False).copy()
    refuses = table.column("refuses_one_plan").to_numpy(zero_copy_only=False).copy()
    start = table.column("en_plan_start_date").to_numpy(zero_copy_only=False).astype("datetime64[D]").copy()
    rng = numpy.random.default_rng([int(seed), 1000])
    first = numpy.datetime64(assumptions["en_plan_start"]["from"], "D")
    last = numpy.datetime64(month, "M").astype("datetime64[D]")
    counts = municipality_counts(table.num_rows, assumptions, 0.0)
    targets, pools = {}, {}
    for name, reported in sorted(rule["reported"].items()):
        here = municipality == name
        size = assumptions["municipality_sizes"][name]
        target = int(round(reported["count"] * int(here.sum()) / size)) if counts.get(name) else 0
        units = _units(reported["unit"], eligible & here, is_parent, family)
        order = rng.permutation(units)  # the order in which eligible units are taken in (the panel grows along it)
        chosen = order[:target]
        pools[name] = {"unit": reported["unit"], "order": order, "eligible": eligible & here, "target": target}
        eligible_here = eligible & here
        # Capacity decides who takes part here: nobody else consents (else an eligible child could come in
        # through a consenting parent outside the count); the eligible who are not taken in did not get room.
        consents[here] = False
        start[here] = numpy.datetime64("NaT")
        members = numpy.isin(family, chosen) & eligible_here & is_parent if reported["unit"] == "families" else numpy.isin(
            numpy.arange(table.num_rows), chosen
        )
        consents[members] = True
        refuses[members] = False
        days = int((last - first).astype(int))
        start[members] = first + rng.integers(0, max(days, 1), size=int(members.sum())).astype("timedelta64[D]")
        targets[name] = (target, len(units))
    table = table.set_column(table.schema.get_field_index("consents_to_one_plan"), "consents_to_one_plan", pyarrow.array(consents))
    table = table.set_column(table.schema.get_field_index("refuses_one_plan"), "refuses_one_plan", pyarrow.array(refuses))
    table = table.set_column(
        table.schema.get_field_index("en_plan_start_date"), "en_plan_start_date", pyarrow.array(start, type=pyarrow.date32())
    )
    in_trial = _engine_answers(table, month, ["in_en_plan_trial"])["in_en_plan_trial"] if model_counts else None
    rows = []
    for name, reported in sorted(rule["reported"].items()):
        here = municipality == name
        target, available = targets[name]
        row = {
            "municipality": name,
            "month": month,
            "unit": reported["unit"],
            "reported": reported["count"],
            "reported_scaled": target,
            "eligible_units": available,
        }
        if model_counts:
            row["model"] = _count(reported["unit"], in_trial, is_parent, family, here)
            row["model_citizens_in_trial"] = int((here & in_trial).sum())
        rows.append({**row, "source": reported["source"]})
    check = pandas.DataFrame(rows)
    check.attrs["pools"] = pools
    return table, check


def generate_panel(citizens=None, seed=0, assumptions=None, outside_share=None, start="2017-10", end="2020-12"):
    """A citizen × month panel (pyarrow Table with a `month` column): the snapshot's citizens, with the monthly
    transitions of `assumptions["panel"]` (target groups, consent, moves, meetings, participation growth)."""
    import pyarrow

    return pyarrow.concat_tables(panel_months(citizens, seed, assumptions, outside_share, start, end))


def panel_months(citizens=None, seed=0, assumptions=None, outside_share=None, start="2017-10", end="2020-12"):
    """The panel of `generate_panel` one month at a time (a pyarrow Table per month, months in order), so that a
    writer never holds the whole panel. The facts that change are kept as integer codes (target group, sickness
    category, municipality) and become text only in each month's table; the draws are those of one whole panel."""
    import pyarrow

    from enplan_rules.population.compare import months_between

    assumptions = assumptions or load_assumptions()
    months = months_between(start, end)
    table, pools = _calibrated_with_pools(citizens, seed, assumptions, outside_share)
    rule = assumptions["panel"]
    rng = numpy.random.default_rng([int(seed), 2000])
    frame = table.to_pandas(date_as_object=False)
    rows = len(frame)
    group_names = list([c for c in columns() if c.name == "employment_target_group"][0].values)
    group = _codes(frame["employment_target_group"], group_names, "employment_target_group")
    birth = frame["birth_date"].to_numpy().astype("datetime64[D]")
    benefit = frame["benefit_start_date"].to_numpy().astype("datetime64[D]")
    categories = list(assumptions["sickness_benefit_categories"])
    category_p = numpy.array([assumptions["sickness_benefit_categories"][c] for c in categories], dtype=float)
    sickness_names = list(dict.fromkeys(categories + ["none"]))  # categories first: a draw's index is its code
    no_sickness = sickness_names.index("none")
    sickness = _codes(frame["sickness_benefit_category"], sickness_names, "sickness_benefit_category")
    consents = frame["consents_to_one_plan"].to_numpy(dtype=bool).copy()
    start_date = frame["en_plan_start_date"].to_numpy().astype("datetime64[D]").copy()
    municipality_names = list(NETWORK) + ["other"]  # the network first: a code below len(NETWORK) is in it
    municipality = _codes(frame["municipality"], municipality_names, "municipality")
    visited = frame["municipal_visitation_to_trial"].to_numpy(dtype=bool).copy()
    complex_ = frame["has_complex_problems"].to_numpy(dtype=bool)
    is_parent = frame["role"].to_numpy(dtype=object) == "parent"
    family = frame["family_id"].to_numpy()
    family_codes, family_ids = pandas_factorize(family)
    n_families = int(family_codes.max()) + 1

    def by_group(table_, default=0.0):
        values = numpy.full(len(group_names), default, dtype=float)
        for key, value in table_.items():
            values[group_names.index(key)] = value
        return values

    exit_p = by_group(rule["exit_per_month"])
    meetings_mean = by_group(assumptions["meetings_held_mean"])
    sizes = numpy.array([assumptions["municipality_sizes"][name] for name in NETWORK], dtype=float)
    participation = assumptions.get("participation") or {}
    reference = participation.get("reference_month")
    growth_end = numpy.datetime64(rule["capacity_growth_until"], "M")
    managed_codes = numpy.isin(numpy.asarray(municipality_names, dtype=object), list(pools))
    pool_code = {name: municipality_names.index(name) if name in municipality_names else -1 for name in pools}
    # A family pool's order as a rank per family: the first `target` families of the order are those ranked below it.
    family_rank = {}
    for name, pool in pools.items():
        if pool["unit"] == "families":
            rank = numpy.full(n_families, numpy.iinfo(numpy.int64).max, dtype=numpy.int64)
            taken_codes = pandas_index(family_ids).get_indexer(pool["order"])
            known = taken_codes >= 0
            rank[taken_codes[known]] = numpy.arange(len(pool["order"]), dtype=numpy.int64)[known]
            family_rank[name] = rank[family_codes]
    birth_year, birth_day = _year_and_day(birth)
    moved = numpy.zeros(rows, dtype=bool)
    rename = {
        group_names.index("uddannelseshjaelp_aktivitetsparat"): group_names.index("kontanthjaelp_aktivitetsparat"),
        group_names.index("uddannelseshjaelp_uddannelsesparat"): group_names.index("kontanthjaelp_jobparat"),
    }
    band_rules = []
    for band in assumptions["target_group_shares"]:
        names = list(band["shares"])
        shares = numpy.array([band["shares"][n] for n in names], dtype=float)
        codes = numpy.array([group_names.index(n) for n in names])
        band_rules.append((band, names, codes, exit_p[codes] * shares / max(1.0 - shares.sum(), 1e-9)))
    text = {
        "employment_target_group": pyarrow.array(group_names, type=pyarrow.string()),
        "sickness_benefit_category": pyarrow.array(sickness_names, type=pyarrow.string()),
        "municipality": pyarrow.array(municipality_names, type=pyarrow.string()),
    }
    for month in months:
        first = numpy.datetime64(month, "M").astype("datetime64[D]")
        days = int(((numpy.datetime64(month, "M") + 1).astype("datetime64[D]") - first).astype(int))
        first_year, first_day = _year_and_day(numpy.array([first]))
        age = (first_year[0] - birth_year) - (first_day[0] < birth_day)
        # target groups: exits, entries, turning 30 and 65
        leaving = (group != 0) & (rng.random(rows) < exit_p[group])
        group[leaving] = 0
        # entries balance exits: a band's adult in no group enters group g with exit_g × share_g / share of none
        entering = numpy.zeros(rows, dtype=bool)
        draw = rng.random(rows)
        for band, names, codes, enter in band_rules:
            mask = is_parent & (group == 0) & ~leaving & (age >= band["min_age"]) & (age <= band["max_age"]) & (draw < enter.sum())
            if mask.any() and enter.sum() > 0:
                group[mask] = codes[rng.choice(len(names), size=int(mask.sum()), p=enter / enter.sum())]
            entering |= mask
        benefit[entering] = first + rng.integers(0, days, size=int(entering.sum())).astype("timedelta64[D]")
        for old, new in rename.items():
            group[(group == old) & (age >= 30)] = new
        group[age >= 65] = 0
        benefit[group == 0] = numpy.datetime64("NaT")
        sick = group == group_names.index("sygedagpenge")
        new_sick = sick & (sickness == no_sickness)
        sickness[new_sick] = rng.choice(len(categories), size=int(new_sick.sum()), p=category_p)
        sickness[~sick] = no_sickness
        # moves: whole families, to another network municipality; the collaboration ends
        movers = rng.random(n_families) < rule["move_per_month"]
        moving = movers[family_codes] & (municipality < len(NETWORK))
        if moving.any():
            destination = rng.choice(len(NETWORK), size=n_families, p=sizes / sizes.sum())
            municipality[moving] = destination[family_codes[moving]]
            visited[moving] = False
            consents[moving] = False
            start_date[moving] = numpy.datetime64("NaT")
            moved |= moving
        # consent given and withdrawn (outside the capacity of the municipalities with reported counts)
        managed = managed_codes[municipality]  # there, capacity decides who takes part
        free = complex_ & ~managed & (age >= 15)
        give = free & ~consents & (rng.random(rows) < rule["consent_given_per_month"])
        withdraw = free & consents & (rng.random(rows) < rule["consent_withdrawn_per_month"])
        consents[give] = True
        consents[withdraw] = False
        # capacity: participants grow along each pool's order towards the later reported figure
        for name, pool in pools.items():
            later = participation["reported"][name].get("later")
            target = pool["target"]
            this = numpy.datetime64(month, "M")
            if later is not None and this > numpy.datetime64(reference, "M"):
                scaled = later * pool["target"] / max(participation["reported"][name]["count"], 1)
                span = max(int((growth_end - numpy.datetime64(reference, "M")).astype(int)), 1)
                done = min(int((this - numpy.datetime64(reference, "M")).astype(int)), span)
                target = int(round(pool["target"] + (scaled - pool["target"]) * done / span))
            if pool["unit"] == "families":
                members = (family_rank[name] < target) & pool["eligible"] & is_parent
            else:
                members = numpy.zeros(rows, dtype=bool)
                members[pool["order"][:target]] = True
            members &= ~moved
            joining = members & numpy.isnat(start_date)
            start_date[joining] = first
            started = members & (start_date <= first + numpy.timedelta64(days - 1, "D"))
            consents[(municipality == pool_code[name]) & complex_] = False
            consents[started] = True
        one_plan = complex_ & consents
        meetings_factor = numpy.where(one_plan, assumptions["meetings_factor_in_one_plan"], 1.0)
        meetings = rng.poisson(meetings_mean[group] * meetings_factor)
        part = table
        for name, values in (
            ("employment_target_group", group),
            ("benefit_start_date", benefit),
            ("sickness_benefit_category", sickness),
            ("consents_to_one_plan", consents),
            ("en_plan_start_date", start_date),
            ("municipality", municipality),
            ("municipal_visitation_to_trial", visited),
            ("meetings_held", meetings.astype(numpy.int32)),
        ):
            index = part.schema.get_field_index(name)
            kind = part.schema.field(name).type
            array = text[name].take(pyarrow.array(values.astype(numpy.int32))) if name in text else pyarrow.array(values, type=kind)
            part = part.set_column(index, name, array)
        part = part.add_column(2, "month", pyarrow.repeat(pyarrow.scalar(month, type=pyarrow.string()), rows))
        yield part


def _codes(series, names, column):
    """The index in `names` of each value of a text column (ValueError if one is not among them)."""
    codes = pandas_codes(series, names)
    if (codes < 0).any():
        raise ValueError(f"{column}: {series.astype(str)[codes < 0].iloc[0]!r} is not one of {names}")
    return codes


def _year_and_day(dates):
    """The year of each date, and its day in the year as month × 31 + day (for comparing birthdays)."""
    months = dates.astype("datetime64[M]")
    return dates.astype("datetime64[Y]").astype(int), (months.astype(int) % 12) * 31 + (dates - months.astype("datetime64[D]")).astype(int)


def pandas_codes(series, names):
    import pandas

    return pandas.Index(names).get_indexer(series.astype(str)).astype(numpy.int64)


def pandas_index(values):
    import pandas

    return pandas.Index(values)


def pandas_factorize(values):
    import pandas

    return pandas.factorize(pandas.Series(values))


def _snapshot(citizens, seed, assumptions, outside_share):
    import pyarrow

    if citizens is None:
        citizens = int(sum(assumptions["municipality_sizes"].values()))
    if citizens < 1:
        raise ValueError("--citizens must be at least 1")
    if citizens > MAX_CITIZENS:
        raise ValueError(f"--citizens must be at most {MAX_CITIZENS:,}")
    parts = []
    family_offset = 0
    for name, count in municipality_counts(citizens, assumptions, outside_share).items():
        if count == 0:
            continue
        index = list(NETWORK).index(name) if name in NETWORK else len(NETWORK)
        rng = numpy.random.default_rng([int(seed), index])
        arrays = _generate(rng, name, count, assumptions)
        arrays["family"] = arrays["family"] + family_offset
        family_offset = int(arrays["family"].max()) + 1
        arrays["municipality"] = numpy.full(count, name, dtype=object)
        parts.append(arrays)
    merged = {key: numpy.concatenate([part[key] for part in parts]) for key in parts[0]}
    order = [column.name for column in columns()]
    data = {
        "person_id": pyarrow.array(numpy.arange(1, citizens + 1, dtype=numpy.int64)),
        "family_id": pyarrow.array(merged.pop("family").astype(numpy.int64) + 1),
    }
    for name in order[2:]:
        if name not in merged:  # a judgement fact the synthesis does not draw keeps the engine's default
            continue
        values = merged[name]
        if values.dtype.kind == "M":
            data[name] = pyarrow.array(values.astype("datetime64[D]"), type=pyarrow.date32())
        elif values.dtype == object:
            data[name] = pyarrow.array(values.astype(str), type=pyarrow.string())
        else:
            data[name] = pyarrow.array(values)
    return pyarrow.table(data)


ROW_GROUP_ROWS = 1024 * 1024  # pyarrow's own for a whole table: the same row groups whichever way it is written


def _format(path):
    lower = path.lower()
    if lower.endswith(".parquet") or lower.endswith(".pq"):
        return "parquet"
    if lower.endswith(".csv"):
        return "csv"
    raise ValueError(f"{path}: --out must end in .parquet or .csv")


def write(table, path):
    import pyarrow.csv
    import pyarrow.parquet

    if _format(path) == "parquet":
        pyarrow.parquet.write_table(table, path, compression="zstd")
    else:
        pyarrow.csv.write_csv(table, path)


def write_parts(parts, path):
    """Write the tables `parts` (a panel's months, in order) to `path` one after another: the same file, byte for
    byte, as `write` of their concatenation, without ever holding all of them. A thread writes (compresses) the
    rows while the next table is computed. Returns (rows written, number of tables, the first table); a file
    left half-written by an error is removed."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow
    import pyarrow.csv
    import pyarrow.parquet

    kind = _format(path)
    writer, pending, rows, count, first = None, [], 0, 0, None

    def flush(tables, whole):
        # Parquet: only whole row groups of ROW_GROUP_ROWS until the end, as write_table cuts one table.
        table = pyarrow.concat_tables(tables)
        if kind == "csv":
            writer.write_table(table)
            return []
        size = (table.num_rows // ROW_GROUP_ROWS) * ROW_GROUP_ROWS if not whole else table.num_rows
        if size:
            writer.write_table(table.slice(0, size), row_group_size=min(ROW_GROUP_ROWS, size))
        return [table.slice(size)] if size < table.num_rows else []

    writing = None
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            for part in parts:
                if writer is None:
                    first = part
                    if kind == "parquet":
                        writer = pyarrow.parquet.ParquetWriter(path, part.schema, compression="zstd")
                    else:
                        writer = pyarrow.csv.CSVWriter(path, part.schema)
                if writing is not None:
                    pending = writing.result()
                rows += part.num_rows
                count += 1
                pending = pending + [part]
                if kind == "csv" or sum(table.num_rows for table in pending) >= ROW_GROUP_ROWS:
                    writing = pool.submit(flush, pending, False)
                    pending = []
                else:
                    writing = None
            if writing is not None:
                pending = writing.result()
            if pending:
                flush(pending, True)
        if writer is not None:
            writer.close()
    except BaseException:
        if writer is not None:  # the error may be the writer's own (a full disk): close and remove what is there
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(OSError):
                os.remove(path)
        raise
    return rows, count, first


def add_arguments(parser):
    parser.add_argument("--citizens", type=int, default=None, help="number of citizens (default: the network's 385,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0); the same seed gives the same file")
    parser.add_argument("--out", required=True, help="output file, .parquet or .csv")
    parser.add_argument("--assumptions", default=None, help="a copy of assumptions.yaml to use instead of the built-in one")
    parser.add_argument("--panel", action="store_true", help="write a citizen × month panel (a `month` column) with transitions")
    parser.add_argument("--from", dest="start", default="2017-10", help="with --panel: first month YYYY-MM (default 2017-10)")
    parser.add_argument("--to", dest="end", default="2020-12", help="with --panel: last month YYYY-MM (default 2020-12)")
    parser.add_argument(
        "--outside-share",
        type=float,
        default=None,
        help="share of citizens handled by a municipality outside the network (default: from the assumptions, 0)",
    )


def run(args):
    try:
        assumptions = load_assumptions(args.assumptions)
        _format(args.out)
        if args.panel:
            parts = panel_months(args.citizens, args.seed, assumptions, args.outside_share, args.start, args.end)
            rows, months, table = write_parts(parts, args.out)  # every month holds every citizen: the first counts them
            check = None
        else:
            table, check = generate_with_check(args.citizens, args.seed, assumptions, args.outside_share)
            write(table, args.out)
    except (ValueError, OSError) as error:
        print(f"enplan synth: {error}", file=sys.stderr)
        return 2
    families = len(numpy.unique(table.column("family_id").to_numpy()))
    citizens = len(numpy.unique(table.column("person_id").to_numpy()))
    print(
        f"wrote {citizens} synthetic citizens in {families} families"
        + (f" × {months} months ({rows:,} rows)" if args.panel else "")
        + f" to {args.out} "
        f"(seed {args.seed}; assumptions, not statistics: see enplan_rules/population/assumptions.yaml)"
    )
    if check is not None:
        print("participants in the trial, model versus the mid-term status (reported count scaled to the synthetic size):")
        print(check.drop(columns=["source"]).to_string(index=False))
    return 0
