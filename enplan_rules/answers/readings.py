"""Every reading of the ambiguity register as a switch, and per-request overrides of unverified values.

A switch is a parameter leaf `readings.<ID>` (false: the engine's reading; true: the entry's alternative) that a
small reform consults: for each variable the alternative changes, the reform keeps the variable's own formula and
only alters its result where the switch is on — the rules are not copied. Each switch can also be turned, for one
person, by the input `reading_alternative_<ID>` (exclusive or with the parameter), so that the contingent answers
can evaluate every reading's alternative in one vectorised simulation (`enplan_rules.answers.contingent`).

`system(regime, variant, readings, overrides)` is the regime with the switches (cached); with no readings and no
overrides it answers exactly as `regimes.load(regime, variant)` (tests check this). The switched regime is built
once; a request's readings and overrides are parameter values only, set on a system that shares its variables and
copies just the leaves set (`with_values`), and at most SYSTEMS_KEPT such systems are kept.
"""

import copy
import inspect
import os
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy
from openfisca_core.commons import empty_clone
from openfisca_core.periods import ETERNITY
from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from enplan_rules import PARAMETERS_DIR, memo, regimes
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup as G
from enplan_rules.enums import Municipality as M
from enplan_rules.formula_helpers import group_is
from enplan_rules.legal import provenance, register, source_records
from enplan_rules.reforms import add_parameter_tree
from enplan_rules.variable import Variable

READINGS_DIR = os.path.join(PARAMETERS_DIR, "readings")
ENGINE, ALTERNATIVE = "engine", "alternative"
CHOICES = (ENGINE, ALTERNATIVE)


def _false(base, entity, period, parameters):
    return numpy.zeros_like(base, dtype=bool)


def _r1(base, person, period, parameters):
    return base & ~person("in_en_plan_trial", period)


def _r2(base, person, period, parameters):
    return base & (person("municipality", period) != M.ballerup)


def _r4(base, person, period, parameters):
    from enplan_rules.enums import SicknessBenefitCategory

    ballerup_category_2 = (person("municipality", period) == M.ballerup) & (
        person("sickness_benefit_category", period) == SicknessBenefitCategory.category_2
    )
    return base & ~ballerup_category_2


def _r7(base, person, period, parameters):
    return (person("municipality", period) != M.other) & parameters(period).trial.network_covered


def _r3(base, person, period, parameters):
    # The seeds' reading: the § 141 plan set aside where the municipality lists SEL § 141 (Ballerup, Bilag 1).
    from enplan_rules.formula_helpers import trial_adopts

    return base | (
        person("in_en_plan_trial", period)
        & trial_adopts(person, period, parameters, "sel_141")
        & person("municipality_uses_exemption_sel_141", period)
        & person("sel_141_plan_triggered", period)
    )


def _r8(base, person, period, parameters):
    # The seeds' 2018 list read as continuing to the trial's end: LAS § 50 and the mentor form in 2020 too.
    return base | person("trial_order_in_force", period)


def _r15(base, person, period, parameters):
    # The old reading: every exemption from the municipality's own start, whichever order round brought it.
    return base | person("trial_order_in_force", period)


def _r19(base, cohort, period, parameters):
    # The seeds' reading (Bilag 1): the whole cohort's average decides, groups pooled.
    return numpy.ones_like(base, dtype=bool)


def _r9(base, cohort, period, parameters):
    from enplan_rules.variables.trial.meeting_parity import ROUNDING, parity_in_every_group

    # No tolerance: in every group, and on the pooled average, every ordinarily required meeting is owed.
    pooled = cohort("average_meetings_held", period) >= cohort("average_ordinary_required_meetings", period) - ROUNDING
    return pooled & parity_in_every_group(cohort, period, 0)


def _r11(base, person, period, parameters):
    return base | (person("in_trial_target_group", period) & person("trial_covers_month", period))


def _u1(base, person, period, parameters):
    return base & ~person("holistic_plan_eligible", period)


def _u2(base, person, period, parameters):
    return person("consents_to_one_plan", period)


def _u3(base, person, period, parameters):
    return base & group_is(person, period, G.kontanthjaelp_jobparat, G.kontanthjaelp_aktivitetsparat,
                           G.uddannelseshjaelp_uddannelsesparat, G.uddannelseshjaelp_aktivitetsparat,
                           G.ledighedsydelse)


def _not_in_ballerup(base, person, period, parameters):
    return base & (person("municipality", period) != M.ballerup)


def _only_in_ballerup(base, person, period, parameters):
    return base & (person("municipality", period) == M.ballerup)


def _r17(base, person, period, parameters):
    return base & ~group_is(person, period, G.dagpenge)


def _r18(base, person, period, parameters):
    # The press's wider group: adults long outside the labour market with social and/or health problems.
    return base | ((person("age", period) >= 18) & person("has_complex_problems", period))


def _r14(base, person, period, parameters):
    # The seeds' reading: § 70 a plan of its own for every parent of a child in care, whether or not a § 54 plan exists.
    return base | (person("parent_of_child_in_care", period) & ~person("sel_70_plan_set_aside_by_trial", period))


def _u4(base, person, period, parameters):
    # The 0.1 count: the kap. 12 a–12 b programme, and from 2020 the LSD § 13 c agreement (before 2020 it is counted
    # apart in any case), as plans of their own.
    programme_apart = person("lab_kap_12a_12b_plan_triggered", period) & person("lab_30a_action_part_triggered", period)
    agreement_inside_min_plan = person("lsd_13c_plan_triggered", period) & ~person(
        "lsd_13c_agreement_counted_as_own_plan", period
    )
    return base + agreement_inside_min_plan.astype(int) + programme_apart.astype(int)


def _u5(base, person, period, parameters):
    from enplan_rules.variables.one_plan_law.holistic_plan import sel_140a_young_person_meets

    law = parameters(period).one_plan_law  # the alternative: 'mellem 16 og 23 år' up to and including 23
    return base | sel_140a_young_person_meets(person, period, law, law.sel_140a_young_person_age.maximum + 1)


@dataclass(frozen=True)
class Switch:
    id: str
    alters: tuple  # ((variable, alternative(base, entity, period, parameters)), ...)
    needs: tuple = ()  # variables the alternatives read; a regime without them keeps the switch inert


SWITCHES = {switch.id: switch for switch in (
    Switch("R1", (("separate_plan_required_sel_140", _r1),), ("in_en_plan_trial",)),
    Switch("R2", (("sel_70_plan_set_aside_by_trial", _r2),)),
    Switch("R3", (("sel_141_plan_set_aside_by_trial", _r3),), ("trial_order_in_force",)),
    Switch("R4", (("lsd_13b_followup_set_aside_by_trial", _r4),)),
    Switch("R7", (("trial_covers_month", _r7),), ("trial_dates_disputed",)),
    Switch("R8", (("trial_text_gives_las_50", _r8), ("trial_text_gives_lab_31c_mentor_form", _r8)),
           ("trial_order_in_force",)),
    Switch("R9", (("meeting_parity_held", _r9),), ("cohort_in_trial",)),
    Switch("R10", (("in_trial_by_ballerup_continuation", _false),)),
    Switch("R11", (("participates_in_en_plan", _r11),), ("in_trial_target_group", "trial_covers_month")),
    Switch("U1", (("ordinary_contact_process_applies", _u1), ("right_and_duty_offer_required", _u1)),
           ("holistic_plan_eligible",)),
    Switch("U2", (("holistic_plan_consent_given", _u2),)),
    Switch("U3", (("in_trial_target_group_furesoe", _u3),)),
    Switch("R13", (("sel_54_plan_set_aside_by_trial", _not_in_ballerup),)),
    Switch("R14", (("separate_plan_required_sel_70", _r14),)),
    Switch("R15", tuple((f"trial_text_gives_{exemption}", _r15) for exemption in (
        "lsd_13b_followup", "right_and_duty", "lab_31c_mentor_form", "lab_contact_process")), ("trial_order_in_force",)),
    Switch("R19", (("meeting_parity_held_in_each_target_group", _r19),), ("cohort_in_trial",)),
    Switch("R16", (("lab_31c_mentor_form_set_aside_by_trial", _only_in_ballerup),)),
    Switch("R17", (("lab_contact_process_set_aside_by_trial", _r17),)),
    Switch("R18", (("in_trial_target_group_fredensborg", _r18),)),
    Switch("U4", (("number_of_sector_plans_triggered", _u4),), ("holistic_plan_conditions_met",)),
    Switch("U5", (("sel_140a_young_person_eligible", _u5),), ("sel_140a_young_person_eligible",)),
)}


def switch_variable(reading_id):
    return f"reading_alternative_{reading_id}"


def active_switches(system):
    """The switches that change something in `system` (their variables and what they read exist there)."""
    return [
        switch for switch in SWITCHES.values()
        if all(name in system.variables for name, _ in switch.alters) and all(n in system.variables for n in switch.needs)
    ]


@cache
def _arity(formula):
    return len(inspect.signature(formula).parameters)


def _call(formula, entity, period, parameters):
    return formula(entity, period, parameters) if _arity(formula) >= 3 else formula(entity, period)


def _wrapped(baseline_variable, switch, alternative):
    """A copy of `baseline_variable` whose result is the alternative where switch `switch` is on."""
    reading_id = switch.id
    person_switch = switch_variable(reading_id)

    def formula(entity, period, parameters):
        base = _call(baseline_variable.get_formula(period), entity, period, parameters)
        on = bool(parameters(period).readings[reading_id])
        if entity.entity.is_person:
            flipped = entity(person_switch, period)
        else:
            flipped = entity.any(entity.members(person_switch, period))
        return numpy.where(numpy.logical_xor(on, flipped), alternative(base, entity, period, parameters), base)

    formula.law_layer = source_records.layer_of(baseline_variable)  # its citations stay those of the rule
    attributes = {
        "value_type": baseline_variable.value_type,
        "entity": baseline_variable.entity,
        "definition_period": baseline_variable.definition_period,
        "label": baseline_variable.label,
        "label_da": getattr(baseline_variable, "label_da", None),
        "reference": baseline_variable.reference,
        "default_value": baseline_variable.default_value,
        "formula": formula,
        "__module__": __name__,
        "__doc__": baseline_variable.__doc__,
    }
    if getattr(baseline_variable, "possible_values", None) is not None:
        attributes["possible_values"] = baseline_variable.possible_values
    if getattr(baseline_variable, "unit", None) is not None:
        attributes["unit"] = baseline_variable.unit
    return type(baseline_variable.name, (Variable,), attributes)


def _switch_input(reading_id):
    return type(switch_variable(reading_id), (Variable,), {
        "value_type": bool,
        "entity": Person,
        "definition_period": ETERNITY,
        "label": f"Evaluate this person's answers under register {reading_id}'s alternative reading (contingent answers)",
        "label_da": f"Vurder personens svar efter registerpost {reading_id}s alternative læsning (betingede svar)",
        "__module__": __name__,
    })


class readings_reform(Reform):
    name = "The ambiguity register's readings as switches"

    @memo.on_first_argument
    def get_parameters_at_instant(self, instant):
        """OpenFisca's, memoised on the system (OpenFisca's own memo is one cache for every system, which would
        keep each system made for a request's overrides alive long after it is needed)."""
        return TaxBenefitSystem.get_parameters_at_instant.__wrapped__(self, instant)

    def apply(self):
        self.modify_parameters(lambda parameters: add_parameter_tree(parameters, "readings", READINGS_DIR))
        for switch in active_switches(self):
            self.add_variable(_switch_input(switch.id))
            for name, alternative in switch.alters:
                self.replace_variable(_wrapped(self.variables[name], switch, alternative))


class ReadingError(ValueError):
    """A reading or an override the engine cannot apply; `errors` as CaseError's: [{pointer, message, expected}]."""

    def __init__(self, errors):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


def _error(lang, pointer, da, en, expected):
    return {"pointer": pointer, "message": da if lang == "da" else en, "expected": expected}


def normalise_readings(readings, lang="da"):
    """{id: "engine"|"alternative"} checked against the register; bools accepted (true: alternative)."""
    errors = []
    result = {}
    for key, value in (readings or {}).items():
        if key not in SWITCHES:
            errors.append(_error(lang, f"/readings/{key}", "ukendt registerpost", "unknown register entry",
                                 "one of: " + ", ".join(SWITCHES)))
            continue
        if isinstance(value, bool):
            value = ALTERNATIVE if value else ENGINE
        if value not in CHOICES:
            errors.append(_error(lang, f"/readings/{key}", "ugyldig læsning", "invalid reading", "engine or alternative"))
            continue
        result[key] = value
    if errors:
        raise ReadingError(errors)
    return result


def _leaf(parameters, name):
    try:
        node = provenance.find(parameters, name)[-1]
    except (KeyError, AttributeError):
        return None
    return node if hasattr(node, "values_list") else None


def has_parameter(system, name):
    """Whether `system` has a parameter leaf called `name`."""
    return _leaf(system.parameters, name) is not None


def normalise_overrides(overrides, regime="trial", variant=regimes.DEFAULT_VARIANT, lang="da"):
    """{parameter: value}, refusing parameters that are not unverified leaves of the regime (they cannot be overridden)."""
    system = regimes.load(regime, variant)
    errors = []
    result = {}
    for name, value in (overrides or {}).items():
        pointer = f"/overrides/{name}"
        leaf = _leaf(system.parameters, name)
        if leaf is None:
            errors.append(_error(lang, pointer, "ukendt parameter i regimet", "no such parameter in the regime",
                                 "the dotted name of a parameter leaf with status unverified"))
            continue
        status = provenance.status(system.parameters, name)
        if status != "unverified":
            errors.append(_error(lang, pointer,
                                 f"parameteren {name} har status {status} og kan ikke tilsidesættes",
                                 f"parameter {name} has status {status} and cannot be overridden",
                                 "a parameter with status unverified"))
            continue
        current = leaf.values_list[0].value
        if isinstance(current, bool) != isinstance(value, bool) or not isinstance(value, (bool, int, float)):
            errors.append(_error(lang, pointer, "forkert type", "wrong type",
                                 "boolean" if isinstance(current, bool) else "number"))
            continue
        if isinstance(value, float) and not numpy.isfinite(value):
            errors.append(_error(lang, pointer, "forkert type", "wrong type", "a finite number"))
            continue
        fault = _out_of_range(value, current, leaf.metadata.get("unit"))
        if fault:
            errors.append(_error(lang, pointer, f"værdien {value} kan ikke bruges ({fault[0]})",
                                 f"the value {value} cannot be used ({fault[1]})", fault[1]))
            continue
        result[name] = int(value) if isinstance(current, int) and not isinstance(current, bool) else value
    if errors:
        raise ReadingError(errors)
    return result


MAX_COUNT = 1000  # months, meetings, weeks, years, plans: an override beyond it is a typing error


def _out_of_range(value, current, unit):
    """What `value` should be instead (Danish, English), when it cannot stand in for a parameter now worth
    `current`; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(current, int):
        if not 0 <= value <= MAX_COUNT or float(value) != int(value):
            return f"et helt tal fra 0 til {MAX_COUNT}", f"a whole number from 0 to {MAX_COUNT}"
        return None
    if unit == "/1" and not 0 <= value <= 1:
        return "en andel fra 0 til 1", "a share from 0 to 1"
    if not 0 <= value <= MAX_COUNT:
        return f"et tal fra 0 til {MAX_COUNT}", f"a number from 0 to {MAX_COUNT}"
    return None


def system(regime, variant=regimes.DEFAULT_VARIANT, readings=None, overrides=None):
    """The system a check runs on: the plain regime, or — with readings or overrides — the switched one (cached)."""
    if not readings and not overrides:
        return regimes.load(regime, variant)
    return switched(regime, variant, readings, overrides)


def switched(regime, variant=regimes.DEFAULT_VARIANT, readings=None, overrides=None):
    """The regime with the switches, the given readings turned and the given overrides set (cached)."""
    return _system(regime, variant, tuple(sorted((readings or {}).items())), tuple(sorted((overrides or {}).items())))


SYSTEMS_KEPT = 32  # systems for distinct readings and overrides kept at once (each a few hundred KB at most)


@lru_cache(maxsize=SYSTEMS_KEPT)
def _system(regime, variant, readings, overrides):
    base = _base(regime, variant)
    if not readings and not overrides:
        return base
    return with_values(base, readings, overrides)


def _own_copy(node):
    """A shallow copy of a parameter node or leaf: its own children (or values), the rest shared."""
    clone = empty_clone(node)
    clone.__dict__ = node.__dict__.copy()
    if hasattr(node, "children"):
        clone.children = dict(node.children)
    else:
        clone.values_list = list(node.values_list)
    return clone


def _leaves_copied(parameters, names):
    """`parameters` with the leaves `names` — and every node above them — copied (path copying): a copy's leaf can
    be updated without touching `parameters`, and every other node is shared."""
    root = _own_copy(parameters)
    copied = {id(root)}
    for name in names:
        node = root
        for part in name.split("."):
            child = node.children[part]
            if id(child) not in copied:
                child = _own_copy(child)
                copied.add(id(child))
                node.children[part] = child
                setattr(node, part, child)
            node = child
    return root


def with_values(base, readings, overrides):
    """`base` (the regime with the switches) with `readings` turned and `overrides` set: a system sharing base's
    variables and formulas (built once per regime), with a parameter tree of its own in which only the leaves set
    are new. No reform is built and no tree copied: a request's readings or overrides cost a few nodes, and the
    system names `base` as its `structure` (`memo.on_structure`)."""
    readings_at = [(f"readings.{reading_id}", "2000-01-01", choice == ALTERNATIVE) for reading_id, choice in readings]
    parameters = _leaves_copied(base.parameters, [name for name, _, _ in readings_at] + [name for name, _ in overrides])
    for name, start, value in readings_at:
        provenance.find(parameters, name)[-1].update(start=start, value=value)
    for name, value in overrides:
        leaf = provenance.find(parameters, name)[-1]
        leaf.update(start=min(at.instant_str for at in leaf.values_list), value=value)
    system = empty_clone(base)
    system.__dict__.update({key: value for key, value in base.__dict__.items() if not key.startswith("_memo_")})
    system.entities = [copy.copy(entity) for entity in base.entities]  # an entity knows its system (OpenFisca)
    system.person_entity = next(entity for entity in system.entities if entity.is_person)
    system.group_entities = [entity for entity in system.entities if not entity.is_person]
    for entity in system.entities:
        entity.set_tax_benefit_system(system)
    system.parameters = parameters
    system._parameters_at_instant_cache = {}  # OpenFisca's (unused here: get_parameters_at_instant is memoised)
    system.structure = base
    return system


@lru_cache(maxsize=len(regimes.NAMES) * len(regimes.VARIANTS))  # each regime and version: never built twice
def _base(regime, variant):
    return readings_reform(regimes.load(regime, variant))


def state(readings=None):
    """The reading taken for every register entry that has a switch: {id: "engine"|"alternative"}."""
    readings = readings or {}
    return {reading_id: readings.get(reading_id, ENGINE) for reading_id in SWITCHES}


def unswitched_entries():
    """Register entries with no switch (their alternative is not encoded yet)."""
    return [entry["id"] for entry in register.entries() if entry["id"] not in SWITCHES]
