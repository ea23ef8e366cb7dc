"""One OpenFisca simulation per chunk of citizens and regime, reused month after month.

A chunk holds whole families. Its inputs are numpy arrays handed to `Simulation.set_input` (no case-by-case
loop); for each month only the outputs the comparison reports are calculated, counted per municipality ×
target group with `numpy.bincount`, and every array of that month is then dropped, so memory stays bounded by
the chunk size whatever the number of months.
"""

from dataclasses import dataclass

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder

from enplan_rules.answers.readings import system as readings_system
from enplan_rules.enums import EmploymentTargetGroup, Municipality
from enplan_rules.outputs import PERSON_OUTPUTS, PLAN_OUTPUTS

# The separate plans, one measure per paragraph; `separate_plans_total` is their sum.
PLAN_VARIABLES = tuple(name for name in PLAN_OUTPUTS if name.startswith("separate_plan_required_"))
SUMMED_VARIABLES = ("ordinary_required_meetings",)
# Other person outputs counted (bool).
COUNTED_VARIABLES = tuple(name for name in PERSON_OUTPUTS if name not in PLAN_VARIABLES + SUMMED_VARIABLES)
OUTPUT_VARIABLES = PLAN_VARIABLES + COUNTED_VARIABLES + SUMMED_VARIABLES

MUNICIPALITIES = tuple(member.name for member in Municipality)
TARGET_GROUPS = tuple(member.name for member in EmploymentTargetGroup)
N_KEYS = len(MUNICIPALITIES) * len(TARGET_GROUPS)

MEASURE_LABELS = {
    "citizen_months": "Citizen-months: each citizen of the population file counts once for every month compared",
    "in_en_plan_trial": "Citizens in the En Plan trial",
    **{name: f"Separate plan required: {name.removeprefix('separate_plan_required_')}" for name in PLAN_VARIABLES},
    "separate_plans_total": "Separate plans required, all paragraphs above together",
    "rehabilitation_plan_preparatory_part_required": "Preparatory part of the rehabilitation plan required (LAB § 30 a)",
    "separate_mentor_form_required": "Separate mentor form required (LAB § 31 c)",
    "ordinary_contact_process_applies": "Citizens bound by the ordinary contact process (LAB kap. 7 / LSD § 13 b)",
    "ordinary_required_meetings": "Meetings the ordinary rules would require (parity benchmark, whatever the regime)",
    "ordinary_meetings_binding": "Meetings the ordinary rules bind the municipality to hold (where the ordinary contact process applies)",
    "meetings_held": "Meetings held (input)",
    "right_and_duty_offer_required": "Right-and-duty offers required (LAB §§ 85 ff.)",
    "employment_effort_outside_jobcenter_allowed": "Employment effort may be run outside the jobcenter",
    "trial_legal_basis_unresolved": "Trial answers in a month no trial order covers (none: BEK 1184/2019 from 2020)",
    "ambiguity_any": "Citizens whose answers that month rest on an ambiguity-register entry",
}


def ambiguity_ids():
    """The ids of the ambiguity register's entries (empty if the register is not installed)."""
    try:
        from enplan_rules.legal import register
    except ImportError:
        return ()
    return tuple(entry["id"] for entry in register.load())


def measures(ambiguities=None):
    """Every measure of the results table, in order."""
    ambiguities = ambiguity_ids() if ambiguities is None else ambiguities
    return (
        ("citizen_months", "in_en_plan_trial")
        + PLAN_VARIABLES
        + ("separate_plans_total",)
        + COUNTED_VARIABLES[1:]
        + ("ordinary_required_meetings", "ordinary_meetings_binding", "meetings_held")
        + ("ambiguity_any",)
        + tuple(f"ambiguity_{entry}" for entry in ambiguities)
    )


@dataclass(frozen=True)
class Plan:
    """What to compute for each chunk (small and picklable: sent to every worker)."""

    regimes: tuple
    months: tuple  # "YYYY-MM"
    parity_windows: tuple  # the periods meeting parity is assessed over: tuples of months ("YYYY-MM", …)
    variant: str = "enacted"  # the first of `variants`
    measures: tuple = ()
    ambiguities: tuple = ()
    readings: tuple = ()  # ((register id, "engine"|"alternative"), ...): enplan_rules.answers.readings
    overrides: tuple = ()  # ((unverified parameter, value), ...)
    variants: tuple = ()  # the One Plan law versions compared (regimes.VARIANTS); () = (variant,)
    row_flags: bool = False  # also return each row's in_en_plan_trial (panels: cohorts span months)

    @property
    def all_variants(self):
        return tuple(self.variants) or (self.variant,)

    @property
    def runs(self):
        """(regime, One Plan law version) computed, each once: sector law does not depend on the version."""
        result = []
        for regime in self.regimes:
            for variant in self.all_variants:
                if regime == "sector_law" and result and any(name == regime for name, _ in result):
                    continue
                result.append((regime, variant))
        return tuple(result)

    def window_index(self):
        """{month: index of the parity window holding it}."""
        return {month: w for w, window in enumerate(self.parity_windows) for month in window}

    def run_index(self, regime, variant):
        """The index into `runs` of `regime` under One Plan law version `variant`."""
        for index, (name, version) in enumerate(self.runs):
            if name == regime and (version == variant or name == "sector_law"):
                return index
        raise KeyError((regime, variant))


def key_of(municipality_codes, group_codes):
    """The aggregation key municipality × target group (engine enum indices)."""
    return municipality_codes.astype(numpy.int32) * len(TARGET_GROUPS) + group_codes.astype(numpy.int32)


def cohorts_of(keys):
    """numpy.unique(keys, return_inverse=True) for the aggregation keys (small non-negative integers), by counting
    instead of sorting: (the keys that occur, in increasing order; each row's index among them)."""
    keys = numpy.asarray(keys, dtype=numpy.intp)
    occurs = numpy.bincount(keys) > 0
    return numpy.flatnonzero(occurs), (numpy.cumsum(occurs) - 1)[keys]


class RoleArray(numpy.ndarray):
    """The members' roles of a group population (an object array of OpenFisca Roles, as OpenFisca keeps them) that
    compares with one of the group's roles through each member's role code: OpenFisca's `has_role` and the role
    filter of its aggregations compare `members_role == role`, which on an object array is one Python
    comparison per member. A Role has no equality of its own (two roles are equal when they are the same
    object), so `codes == index of the role` is the same answer. Anything else, and any view or copy of the
    array (they carry no codes), is compared as an object array."""

    def __eq__(self, other):
        codes = self.__dict__.get("codes")
        if codes is not None and codes.shape == self.shape:
            for index, role in enumerate(self.__dict__["roles"]):
                if other is role:
                    return codes == index
        result = super().__eq__(other)
        return result.view(numpy.ndarray) if isinstance(result, RoleArray) else result

    __hash__ = None


def role_array(roles, codes):
    """The RoleArray of the members whose role is `roles[code]` for each of `codes`."""
    result = numpy.array(roles, dtype=object)[codes].view(RoleArray)
    result.__dict__.update(codes=numpy.asarray(codes), roles=tuple(roles))
    return result


def count_by_key(key, values, weight=None):
    """The rows where the bool `values` are true, each counted `weight` times (once without weights), summed per
    aggregation key (`key`: intp, as numpy.bincount reads its indices). Most outputs are true for few rows (none,
    for a paragraph the regime sets aside): those rows alone are then summed, in their order, so each key's sum
    adds the same weights in the same order as the sum over every row of `values * weight` (which adds only
    zeros besides); where many are true, that product over every row is the quicker."""
    if weight is None:
        return numpy.bincount(key[values], minlength=N_KEYS)
    if values.dtype == bool and numpy.count_nonzero(values) * 8 <= len(values):
        rows = numpy.flatnonzero(values)
        return numpy.bincount(key[rows], weights=weight[rows], minlength=N_KEYS)
    return numpy.bincount(key, weights=values * weight, minlength=N_KEYS)


def build_simulation(system, chunk, shared=None):
    """A simulation of the chunk's persons, families and cohorts (municipality × target group), from arrays.
    `shared`: a dict kept over the chunk's regimes, so the members' cohorts and roles are built once for the
    chunk (the regimes' roles are the same objects; OpenFisca never changes these arrays)."""
    shared = {} if shared is None else shared
    count = chunk["count"]
    builder = SimulationBuilder()
    builder.create_entities(system)
    persons = builder.populations["person"]
    persons.ids, persons.count = numpy.arange(count), count
    builder.persons_plural = persons.entity.plural
    families = builder.populations["family"]
    flattened = families.entity.flattened_roles
    family_roles = numpy.array([role.key for role in flattened])
    role_codes = None
    if tuple(flattened) not in shared:
        role_codes = numpy.where(chunk["role"] == 0, numpy.flatnonzero(family_roles == "parent")[0], numpy.flatnonzero(family_roles == "child")[0])
    if "cohorts" not in shared:
        shared["cohorts"] = cohorts_of(chunk["key"])
    cohort_keys, cohort_index = shared["cohorts"]
    cohorts = builder.populations["cohort"]
    # What SimulationBuilder.declare_entity and join_with_persons set, from arrays: the groups' ids are 0, 1, …
    # in order and each person's group index is given, so no lookup is needed, and the roles are taken from an
    # object array by index (join_with_persons goes through a Python list of every person's role).
    for group, count_of, index, roles, codes in (
        (families, chunk["families"], chunk["family"], tuple(flattened), role_codes),
        (cohorts, len(cohort_keys), cohort_index, tuple(cohorts.entity.flattened_roles[:1]), None),
    ):
        group.ids, group.count = numpy.arange(count_of), count_of
        group.members_entity_id = numpy.asarray(index, dtype=numpy.int64)
        if roles not in shared:
            shared[roles] = role_array(roles, numpy.zeros(count, dtype=numpy.int8) if codes is None else codes)
        group._members_role = shared[roles]
    simulation = builder.build(system)
    for name, values in chunk["eternal"].items():
        simulation.set_input(name, "ETERNITY", values)
    return simulation


def encoded_inputs(system, chunk, encoded=None):
    """The chunk's monthly inputs as the engine stores them (EnumArrays for enums). `encoded`: a dict kept over
    the chunk's regimes, so each regime is given the very same arrays (an enum's EnumArray built once, where the
    regimes share the enum): what the formulas work out once for each array (formula_helpers.per_array) is then
    worked out once for the chunk."""
    encoded = {} if encoded is None else encoded
    result = {}
    for name, values in chunk["monthly"].items():
        variable = system.variables[name]
        if variable.value_type.__name__ == "Enum":
            key = (name, variable.possible_values)
            if key not in encoded:
                encoded[key] = EnumArray(values.astype(numpy.int16), variable.possible_values)
            values = encoded[key]
        result[name] = values
    return result


def drop_month(simulation):
    """Forget every array of the month just counted (inputs and calculations), keeping those defined for all
    time. No formula counted here reads another month, so each month starts from the inputs alone."""
    for population in simulation.populations.values():
        for holder in population._holders.values():
            if holder.variable.definition_period != DateUnit.ETERNITY:
                holder.delete_arrays()


def run_chunk(chunk, plan):
    """Counts for one chunk: {"counts": (regimes, months, measures, keys), "not_in_trial": (regimes, parity windows, keys)}."""
    register = None
    if plan.ambiguities:
        from enplan_rules.legal import register
    # numpy.bincount reads its indices as intp: converted once here, not at each of the chunk's many counts
    key = numpy.asarray(chunk["key"], dtype=numpy.intp)
    measure_index = {name: index for index, name in enumerate(plan.measures)}
    runs = plan.runs
    counts = numpy.zeros((len(runs), len(plan.months), len(plan.measures), N_KEYS))
    not_in_trial = numpy.zeros((len(runs), len(plan.parity_windows), N_KEYS))
    # Each row stands for `weight` families' rows alike (dedupe.py); 1 when the rows were not deduplicated.
    weight = chunk.get("weight")
    members = numpy.bincount(key, weights=weight, minlength=N_KEYS).astype(float)
    meetings_held = chunk["monthly"].get("meetings_held")
    if meetings_held is not None and weight is not None:
        meetings_held = meetings_held * weight
    held = numpy.bincount(key, weights=meetings_held, minlength=N_KEYS) if meetings_held is not None else 0.0
    window_index = plan.window_index()
    window_end = {window[-1]: w for w, window in enumerate(plan.parity_windows)}
    in_trial_rows = numpy.zeros((len(runs), chunk["count"]), dtype=bool) if plan.row_flags else None

    def count(values):
        return count_by_key(key, values, weight)

    def weighted(values):
        return values if weight is None else values * weight

    encoded, shared = {}, {}
    for r, (regime, variant) in enumerate(runs):
        system = readings_system(regime, variant, dict(plan.readings), dict(plan.overrides))
        simulation = build_simulation(system, chunk, shared)
        inputs = encoded_inputs(system, chunk, encoded)
        months_in_trial = {}
        for m, month_text in enumerate(plan.months):
            month = periods.period(month_text)  # parsed once, not at every call
            row = counts[r, m]
            for name, values in inputs.items():
                simulation.set_input(name, month, values)
            row[measure_index["citizen_months"]] = members
            row[measure_index["meetings_held"]] = held
            plans_total = numpy.zeros(N_KEYS)
            for name in PLAN_VARIABLES:
                row[measure_index[name]] = count(simulation.calculate(name, month))
                plans_total += row[measure_index[name]]
            row[measure_index["separate_plans_total"]] = plans_total
            for name in COUNTED_VARIABLES:
                row[measure_index[name]] = count(simulation.calculate(name, month))
            # float32 in the engine: back to the decimal it stands for (0.33333334 -> 0.333333), summed in float64
            required = numpy.round(numpy.asarray(simulation.calculate("ordinary_required_meetings", month), dtype=numpy.float64), 6)
            binding = simulation.calculate("ordinary_contact_process_applies", month)
            required = weighted(required)
            row[measure_index["ordinary_required_meetings"]] = numpy.bincount(key, weights=required, minlength=N_KEYS)
            row[measure_index["ordinary_meetings_binding"]] = numpy.bincount(
                key[binding], weights=required[binding], minlength=N_KEYS
            )
            if register is not None:
                flags = register.flags(simulation, month)
                touched = numpy.zeros(chunk["count"], dtype=bool)
                for entry, applies in flags.items():
                    touched |= applies
                    if f"ambiguity_{entry}" in measure_index:
                        row[measure_index[f"ambiguity_{entry}"]] = count(applies)
                row[measure_index["ambiguity_any"]] = count(touched)
            if in_trial_rows is not None:
                in_trial_rows[r] |= numpy.asarray(simulation.calculate("in_en_plan_trial", month), dtype=bool)
            w = window_index.get(month_text)
            if w is not None:
                in_trial = simulation.calculate("in_en_plan_trial", month)
                if w not in months_in_trial:
                    months_in_trial[w] = numpy.zeros(chunk["count"], dtype=bool)
                months_in_trial[w] |= numpy.asarray(in_trial, dtype=bool)
                if month_text in window_end:
                    not_in_trial[r, w] = count(~months_in_trial.pop(w))
            drop_month(simulation)
    result = {"counts": counts, "not_in_trial": not_in_trial}
    if in_trial_rows is not None:
        result["in_trial_rows"] = in_trial_rows
    return result
