"""Compute each distinct family of a month once: dedupe the rows on the facts the rules read, then broadcast back.

The rules read a handful of facts per person, and many families of a population (and many citizen-months of a
panel) share all of them. What the comparison counts for a person in a month depends only on that month's facts
of the person's family (a family formula reads its members; nothing counted reads another family or another
month: engine.drop_month), so two families whose members carry the same facts in a month get the same answers
that month. Each month is therefore computed on one representative of each distinct family, and every count is
weighted by the number of families it stands for.

The two dates given for all time are compared at the grain the rules read them in that month:
- `birth_date` is read only by `age` (whole years on the first day of the month), and `age` only for the month
  being calculated: a birth date is replaced by 1 January of the year that gives the engine's own age that month
  — and where every age the formulas read is only compared with limits (age_bands.py), the age standing for its
  band of ages (under 0, 0, 1–14, 15, 16, 17, 18, 19–21, 22, 23, 24–29, 30, 31–49, 50, from 51 in 2019).
- `en_plan_start_date` is read only by `family_en_plan_started` (begun on or before the first day of the month,
  and the month it began in): a date is replaced by the first of its month once begun, by the default (none
  recorded, 9999-12-31) before.
Both are checked in the source of every formula of the systems compared, and in the syntax of every module holding
one and of the package modules they import (helper functions included); where another variable or a helper reads
the date, or `age` or `family_en_plan_started` is read for another period, or an ambiguity-register condition
names the date, the date is compared exactly instead. Every other
fact, `benefit_start_date` included (LSD § 13 b counts days from it), is compared exactly.
"""

import inspect
import re

import numpy
import pandas
from openfisca_core.simulations import SimulationBuilder

from enplan_rules.population import age_bands

# {date given for all time: the one variable that reads it, always for the month calculated}
MONTH_READERS = {"birth_date": "age", "en_plan_start_date": "family_en_plan_started"}
NOT_BEGUN = numpy.datetime64("9999-12-31", "D")  # en_plan_start_date's default: none recorded


_SOURCE_AT = {}  # {(file, first line): source text}: each system loads its variables anew, from the same files


def _source(formula):
    """A formula's source text (None where it cannot be read: then no date is coarsened). Read once for each place
    in a file: the regimes' copies of a formula are the same text (finding a function's lines tokenizes them, and
    the check below reads every formula of every system compared)."""
    code = getattr(formula, "__code__", None)
    key = (code.co_filename, code.co_firstlineno) if code is not None else None
    if key is not None and key in _SOURCE_AT:
        return _SOURCE_AT[key]
    try:
        source = inspect.getsource(formula)
    except (OSError, TypeError):
        source = None
    if key is not None:
        _SOURCE_AT[key] = source
    return source


def _sources(system):
    for variable in system.variables.values():
        for formula in variable.formulas.values():
            yield variable.name, _source(formula)


_CHECKED = {}  # {ids of the systems: (the systems, kept so that their ids stay theirs; the answer)}


def month_grain_dates(systems):
    """The dates (of MONTH_READERS) that every system in `systems` reads only through their reader, and the reader
    only for the month being calculated; and only where every system's reader is the same formula. Answered once
    per set of systems in a process (reading every formula's source takes a few tenths of a second)."""
    key = tuple(id(system) for system in systems)
    if key not in _CHECKED:
        _CHECKED[key] = (tuple(systems), _month_grain_dates(systems))
    return _CHECKED[key][1]


def _month_grain_dates(systems):
    result = []
    for name, reader in MONTH_READERS.items():
        ok = True
        formulas = {
            tuple(_source(formula) for formula in system.variables[reader].formulas.values())
            for system in systems
            if reader in system.variables
        }  # each system loads the variables anew: the same formula is the same source text
        if len(formulas) > 1:
            ok = False
        for system in systems:
            for variable, source in _sources(system):
                if source is None:
                    ok = False
                    break
                if re.search(rf"[\"']{name}[\"']", source) and variable != reader:
                    ok = False  # another variable reads the date
                # every mention of the reader must read it for `period` itself (not period.last_month, …)
                if len(re.findall(rf"[\"']{reader}[\"']", source)) != len(
                    re.findall(rf"[\"']{reader}[\"']\s*,\s*period\s*[,)]", source)
                ):
                    ok = False
        if name in _register_reads():
            ok = False  # an ambiguity-register condition compares the date itself (population counts read them)
        if ok and not _modules_read_only_through(systems, name, reader):
            ok = False
        if ok:
            result.append(name)
    return tuple(result)


def _modules_read_only_through(systems, name, reader):
    """The modules of the systems' formulas, and the package modules they import (helpers included, which the
    formula sources above do not show), read `name` only inside the class of `reader`, and `reader` only for the
    month calculated (`…("reader", period)`): the name written anywhere else, and the answer is no."""
    import ast

    try:
        texts = age_bands.module_texts(systems)
    except age_bands.Unsafe:
        return False
    for module, text in texts.items():
        if not any(f"{quote}{word}{quote}" in text for word in (name, reader) for quote in "\"'"):
            continue  # neither name written as a string: nothing of it is read here
        tree = ast.parse(text, filename=module)
        parent, _, classes = age_bands.enclosing(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and node.value in (name, reader)):
                continue
            call = parent.get(node)
            if not (isinstance(call, ast.Call) and call.args and call.args[0] is node):
                return False  # the name kept aside (a constant, a list): what reads it cannot be seen
            if node.value == name and classes.get(node) != reader:
                return False  # read outside its reader
            if node.value == reader and not (len(call.args) > 1 and isinstance(call.args[1], ast.Name) and call.args[1].id == "period"):
                return False  # the reader read for another period
    return True


def _register_reads():
    """The variables the ambiguity register's conditions read (legal/register.py `flags`)."""
    try:
        from enplan_rules.legal import register
    except ImportError:
        return set()
    return {name for entry in register.load() for condition in entry.get("applies_when") or [] for name in condition}


def _ages(system, birth_dates, month):
    """The engine's own `age` in `month` of persons born on `birth_dates`."""
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("person", numpy.arange(len(birth_dates)))
    simulation = builder.build(system)
    simulation.set_input("birth_date", "ETERNITY", birth_dates)
    return numpy.asarray(simulation.calculate("age", month), dtype=numpy.int64)


def _unique(values):
    """(distinct dates, index of each value among them), by hashing (a fifth of the time numpy.unique's sort takes
    on millions of dates; the distinct dates in order of first appearance, not sorted)."""
    days = numpy.asarray(values).astype("datetime64[D]")
    index, distinct = pandas.factorize(days.view(numpy.int64), sort=False, use_na_sentinel=False)
    return distinct.astype("datetime64[D]"), index.astype(numpy.int32) if len(days) < 2**31 else index


def _distinct(values, cache, key="unique"):
    """_unique(values), kept in `cache` while the same array is asked again (a snapshot's dates are the same array
    every month)."""
    if cache is None:
        return _unique(values)
    if cache.get(key + " of") is not values:
        cache[key + " of"] = values
        cache[key] = _unique(values)
    return cache[key]


def month_dates(systems, eternal, month, coarse, cache=None):
    """The dates given for all time as they count in `month` (see the module docstring), for those in `coarse`, in
    the systems compared (`systems`, or one system). `cache`: a dict kept between the months of one population (the
    distinct birth dates are found once)."""
    systems = list(systems) if isinstance(systems, (list, tuple)) else [systems]
    result = dict(eternal)
    if "birth_date" in coarse and "birth_date" in eternal:
        births = eternal["birth_date"]
        distinct, index = _distinct(births, cache)
        ages = _ages(systems[0], distinct, month)
        bounds = age_bands.limits(systems, month)
        if bounds is not None:  # one age for each band of ages the rules tell apart (age_bands.py)
            ages = age_bands.representatives(ages, bounds)
        year = int(month[:4])
        result["birth_date"] = (year - ages - 1970).astype("datetime64[Y]").astype("datetime64[D]")[index]
    if "en_plan_start_date" in coarse and "en_plan_start_date" in eternal:
        distinct, index = _distinct(eternal["en_plan_start_date"], cache, key="starts")
        first_day = numpy.datetime64(month, "M").astype("datetime64[D]")
        begun = distinct <= first_day
        result["en_plan_start_date"] = numpy.where(begun, distinct.astype("datetime64[M]").astype("datetime64[D]"), NOT_BEGUN)[index]
    return result


def combine_codes(code, values):
    """`code` refined by `values`: equal where both were equal (numbered anew when the numbers grow large)."""
    part, uniques = pandas.factorize(values, sort=False, use_na_sentinel=False)
    if len(code) and int(code.max()) + 1 > (2**62) // max(1, len(uniques)):
        code = pandas.factorize(code, sort=False)[0].astype(numpy.int64)
    return code * len(uniques) + part.astype(numpy.int64)


def dense(code):
    """The codes numbered 0, 1, … in order of first appearance."""
    return pandas.factorize(code, sort=False)[0].astype(numpy.int64)


SPAN = 1 << 16  # a column whose whole numbers span at most this many values is packed, not hashed


def row_codes(prepared, skip=()):
    """One int64 code per row, equal exactly where every fact the engine is given is equal (`skip`: eternal dates
    left out, to be combined month by month). Each column is a digit: its value less its least, in base its span
    (yes/no, the enums and days within 179 years), hashed (pandas.factorize) only where the span is wider; the
    code is renumbered before a digit would overflow it."""
    count = len(prepared["family"])
    code = numpy.zeros(count, dtype=numpy.int64)
    bound = 1  # every code is below it
    columns = [prepared["role"], prepared["key"]]
    for group in ("monthly", "eternal"):
        columns += [values for name, values in sorted(prepared[group].items()) if not (group == "eternal" and name in skip)]
    for values in columns:
        if numpy.issubdtype(values.dtype, numpy.datetime64):
            values = values.astype("datetime64[D]").astype(numpy.int64)
        if count and values.dtype.kind in "biu":
            low, high = int(values.min()), int(values.max())
            span = high - low + 1
            if span <= SPAN:
                if bound > (2**62) // span:
                    code = dense(code)
                    bound = int(code.max()) + 1
                code = code * span + (values.astype(numpy.int64) - low)
                bound *= span
                continue
        code = combine_codes(code, values)
        bound = int(code.max()) + 1 if count else 1
    return code  # not dense: combine the month's dates, then distinct_families numbers them


_LAYOUT = {}  # the last family array's layout (a snapshot's families are the same array every month)


def _layout(family, order):
    """(starts, sizes, family index, position) of the rows in `order` (by family, then code): where each family
    begins, its size, each row's family (0, 1, …) and place in it. Found once for a family array given in order
    0, 1, 2, … (compare.prepare's), which a snapshot gives every month."""
    count = len(family)
    if _LAYOUT.get("of") is family and _LAYOUT.get("count") == count:
        return _LAYOUT["layout"]
    sorted_family = family[order]
    boundary = numpy.empty(count, dtype=bool)
    boundary[0] = True
    numpy.not_equal(sorted_family[1:], sorted_family[:-1], out=boundary[1:])
    starts = numpy.flatnonzero(boundary)
    sizes = numpy.diff(starts, append=count)
    family_index = (numpy.cumsum(boundary) - 1).astype(numpy.int32)
    position = (numpy.arange(count) - starts[family_index]).astype(numpy.int32)
    layout = (starts, sizes, family_index, position)
    numbered = bool(count) and family[0] == 0 and family[-1] == len(starts) - 1 and bool((numpy.diff(family) >= 0).all())
    if numbered:  # the same for every code: keep it for the next month
        _LAYOUT.clear()
        _LAYOUT.update({"of": family, "count": count, "layout": layout})
    return layout


def _signature(sorted_code, starts, sizes, distinct):
    """One int64 per family, equal exactly where the families' rows of codes (each < `distinct`) are equal. The
    families of each size apart (a row of codes has its family's length): their codes place by place, as digits in
    base `distinct`, renumbered densely only when the next digit would overflow; then each size's numbers after
    the sizes before (so the work is one digit per member, not one per member of the largest family)."""
    signature = numpy.zeros(len(starts), dtype=numpy.int64)
    room = 2**62
    limit = room // max(distinct, 1)
    offset = 0
    for size in numpy.flatnonzero(numpy.bincount(sizes)):  # the sizes present, smallest first
        families = numpy.flatnonzero(sizes == size)
        first = starts[families]
        part = numpy.zeros(len(families), dtype=numpy.int64)
        for place in range(int(size)):
            if place and int(part.max()) >= limit:
                part = dense(part)
            part = part * distinct + sorted_code[first + place]
        top = int(part.max()) + 1
        if offset > room - top:  # no room after the sizes before: those and this one numbered densely
            before = sizes < size
            signature[before] = dense(signature[before])
            offset = int(signature[before].max()) + 1
            part = dense(part)
            top = int(part.max()) + 1
        signature[families] = part + offset
        offset += top
    return signature


def month_families(systems, prepared, codes, month, coarse, cache=None):
    """`prepared`'s distinct families of `month` (distinct_families): `codes` (row_codes, the dates of `coarse`
    left out) refined by those dates as the month reads them (month_dates)."""
    eternal = month_dates(systems, prepared["eternal"], month, coarse, cache)
    for name in coarse:
        if name in eternal:
            codes = combine_codes(codes, eternal[name].astype(numpy.int64))
    return distinct_families(prepared, codes, eternal)


def distinct_families(prepared, code, eternal=None):
    """`prepared` (compare.prepare: rows ordered by family) cut down to one representative family per distinct set
    of members' `code`s (row_codes, with the month's dates combined in). Returns a prepared dict of the
    representatives' rows (their eternal dates from `eternal`, the month's, when given), each with `weight` (the
    families it stands for), and `expand`: for each row of `prepared`, the index of its representative row."""
    family = prepared["family"]
    count = len(family)
    eternal = prepared["eternal"] if eternal is None else eternal
    if count == 0:
        return {**prepared, "weight": numpy.zeros(0), "expand": numpy.zeros(0, dtype=numpy.int64)}
    # Members in a canonical order within each family (by their code), then each family as the row of its codes.
    code = dense(code)
    order = numpy.argsort(family * (int(code.max()) + 1) + code, kind="stable")  # by family, then code
    starts, sizes, family_index, position = _layout(family, order)
    sorted_code = code[order]
    signature = _signature(sorted_code, starts, sizes, int(code.max()) + 1)
    signature = dense(signature)
    # factorize numbers signatures in order of first appearance: distinct family d first appears as family first[d]
    highest = numpy.maximum.accumulate(signature)
    first = numpy.flatnonzero(numpy.r_[True, highest[1:] > highest[:-1]])
    weight_of = numpy.bincount(signature, minlength=len(first)).astype(numpy.float64)
    rep_sizes = sizes[first]
    rep_starts = numpy.r_[0, numpy.cumsum(rep_sizes)[:-1]]
    rep_family = numpy.repeat(numpy.arange(len(first)), rep_sizes)
    rep_rows = order[starts[first][rep_family] + (numpy.arange(len(rep_family)) - rep_starts[rep_family])]
    expand = numpy.empty(count, dtype=numpy.int64)
    expand[order] = rep_starts[signature[family_index]] + position
    return {
        "family": rep_family.astype(numpy.int64),
        "role": prepared["role"][rep_rows],
        "key": prepared["key"][rep_rows],
        "monthly": {name: values[rep_rows] for name, values in prepared["monthly"].items()},
        "eternal": {name: values[rep_rows] for name, values in eternal.items()},
        "rows": prepared["rows"][rep_rows],
        "weight": weight_of[rep_family],
        "expand": expand,
    }
