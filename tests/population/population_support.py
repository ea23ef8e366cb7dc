"""Helpers for the population tests: a small population where most rules fire, and the engine's answers computed
case by case (one simulation per family and regime, built from a situation dict: not the vectorised path)."""

import copy
import math
import re
from collections import defaultdict

import numpy
import pandas
from openfisca_core.periods import period
from openfisca_core.simulations import SimulationBuilder

from enplan_rules import regimes
from enplan_rules.legal import register
from enplan_rules.population import engine, synth
from enplan_rules.population.columns import ETERNAL, columns


def rich_assumptions():
    """The default assumptions with target groups, complex problems and participation made common, so that a few
    hundred citizens exercise every rule the comparison counts."""
    assumptions = copy.deepcopy(synth.load_assumptions())
    for band in assumptions["target_group_shares"]:
        band["shares"] = {name: share * 5 for name, share in band["shares"].items()}
    assumptions["complex_problems"] = {name: min(0.9, p * 3 + 0.2) for name, p in assumptions["complex_problems"].items()}
    assumptions["household_types"] = {"single_adult": 0.2, "couple": 0.2, "single_parent": 0.3, "couple_with_children": 0.3}
    assumptions["consent_otherwise"] = 0.3
    assumptions.pop("participation")  # a few hundred citizens: the reported counts, scaled, would be ~0
    return assumptions


def internal_ids():
    """Ids a reader must not meet: those that are not also ordinary words (ballerup is both, alleroed is not)."""
    names = set(engine.MUNICIPALITIES) | set(engine.TARGET_GROUPS) | set(regimes.NAMES) | set(regimes.VARIANTS) | set(engine.measures())
    return sorted(name for name in names if "_" in name or re.search("oe|ae", name))


def population(citizens=300, seed=7, outside_share=0.1):
    table = synth.generate(citizens, seed, rich_assumptions(), outside_share)
    return table.to_pandas(date_as_object=False)


def _value(value):
    if value is None or value is pandas.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (pandas.Timestamp, numpy.datetime64)):
        return None if pandas.isna(value) else pandas.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, (numpy.bool_, bool)):
        return bool(value)
    if isinstance(value, (numpy.integer, int)):
        return int(value)
    return value


def family_situations(frame, months):
    """One OpenFisca situation dict per family. The population's facts hold in every month, so each monthly input
    is given once per calendar year of `months` (the inputs' set_input dispatches it to every month of the year);
    meetings_held is given per month, as its set_input would divide a yearly value."""
    years = sorted({month[:4] for month in months})
    names = [c.name for c in columns() if c.name not in ("person_id", "family_id", "role") and c.name in frame.columns]
    result = []
    for family_id, members in frame.groupby("family_id", sort=False):
        persons = {}
        parents, children = [], []
        for row in members.to_dict("records"):
            pid = f"p{row['person_id']}"
            facts = {}
            for name in names:
                value = _value(row[name])
                if value is None:
                    continue  # not recorded: the engine's default
                if name in ETERNAL:
                    facts[name] = {"ETERNITY": value}
                elif name != "meetings_held":
                    facts[name] = {year: value for year in years}
                else:
                    facts[name] = {month: value for month in months}
            persons[pid] = facts
            (parents if row.get("role", "parent") == "parent" else children).append(pid)
        situation = {
            "persons": persons,
            "families": {f"f{family_id}": {"parents": parents, "children": children}},
            "cohorts": {"c": {"members": list(persons)}},
        }
        result.append((members, situation))
    return result


def case_by_case(frame, regime_names, months):
    """Sum, per (regime, month, municipality, target group, measure), the answers of one simulation per family."""
    expected = defaultdict(float)
    situations = family_situations(frame, months)
    periods = [(month, period(month)) for month in months]
    for regime in regime_names:
        system = regimes.load(regime)
        for members, situation in situations:
            simulation = SimulationBuilder().build_from_entities(system, situation)
            municipality = members["municipality"].to_numpy()
            group = members["employment_target_group"].to_numpy()
            held = members["meetings_held"].to_numpy()
            for month, month_period in periods:
                answers = {
                    name: numpy.asarray(simulation.calculate(name, month_period)) for name in engine.OUTPUT_VARIABLES
                }
                flags = register.flags(simulation, month)
                touched = numpy.zeros(len(members), dtype=bool)
                for applies in flags.values():
                    touched |= applies
                for index in range(len(members)):
                    cell = (regime, month, municipality[index], group[index])
                    expected[cell + ("citizen_months",)] += 1
                    expected[cell + ("meetings_held",)] += held[index]
                    for name in engine.PLAN_VARIABLES:
                        expected[cell + ("separate_plans_total",)] += float(answers[name][index])
                    for name in engine.OUTPUT_VARIABLES:
                        expected[cell + (name,)] += float(answers[name][index])
                    if answers["ordinary_contact_process_applies"][index]:
                        expected[cell + ("ordinary_meetings_binding",)] += float(answers["ordinary_required_meetings"][index])
                    expected[cell + ("ambiguity_any",)] += float(touched[index])
                    for entry, applies in flags.items():
                        expected[cell + (f"ambiguity_{entry}",)] += float(applies[index])
    return expected
