"""A vectorised test population for the invariant suites, and an independent reading of the trial's reach.

The population is built as columns (one numpy array per case fact) so that one OpenFisca simulation per
regime computes every person at once. `expected_in_trial` re-reads the seeds' dates, target groups and the
participation rule directly from the facts, without the engine, so the sweep can check the engine against it.
"""

from dataclasses import dataclass, field

import numpy
from openfisca_core.simulation_builder import SimulationBuilder

from enplan_rules import regimes
from enplan_rules.outputs import (  # noqa: F401 - re-exported to the tests
    COHORT_OUTPUTS,
    DUTY_OUTPUTS,
    PERSON_OUTPUTS,
    PLAN_OUTPUTS,
)

MUNICIPALITIES = (
    "alleroed",
    "ballerup",
    "fredensborg",
    "frederikssund",
    "furesoe",
    "gribskov",
    "halsnaes",
    "helsingoer",
    "hilleroed",
    "other",
)
TARGET_GROUPS = (
    "none",
    "dagpenge",
    "kontanthjaelp_jobparat",
    "kontanthjaelp_aktivitetsparat",
    "uddannelseshjaelp_uddannelsesparat",
    "uddannelseshjaelp_aktivitetsparat",
    "revalidering",
    "sygedagpenge",
    "ledighedsydelse",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "foertidspension",
)
SICKNESS_CATEGORIES = ("none", "category_1", "category_2", "category_3")
HELSINGOER_SOLUTIONS = ("none", "families", "substance_misuse", "brain_injury", "youth")

# No regime sets these aside: the child's SEL § 140 plan and the rehabilitation plan's preparatory part
# (Bilag 1, 'Undtagelser'); the ordinary meeting count is the parity benchmark in every regime.
REGIME_INVARIANT_OUTPUTS = (
    "separate_plan_required_sel_140",
    "rehabilitation_plan_preparatory_part_required",
    "ordinary_required_meetings",
)

SWEEP_MONTHS = tuple(
    f"{year}-{month:02d}"
    for year in range(2017, 2021)
    for month in range(1, 13)
    if "2017-10" <= f"{year}-{month:02d}" <= "2020-12"
)

# Each municipality's own trial months: first covered month and first month no longer covered
# (network: 1 Nov 2017 – 1 Jul 2020; Gribskov from 1 Jul 2017; Frederikssund from 1 Jan 2018;
# Helsingør to 31 Jul 2020 — the brief's section 1 and the task's reading of register entry 7).
TRIAL_MONTHS = {name: ("2017-11", "2020-07") for name in MUNICIPALITIES}
TRIAL_MONTHS["gribskov"] = ("2017-07", "2020-07")
TRIAL_MONTHS["frederikssund"] = ("2018-01", "2020-07")
TRIAL_MONTHS["helsingoer"] = ("2017-11", "2020-08")
TRIAL_MONTHS["other"] = None

FURESOE_UNEMPLOYED = (
    "kontanthjaelp_jobparat",
    "kontanthjaelp_aktivitetsparat",
    "uddannelseshjaelp_uddannelsesparat",
    "uddannelseshjaelp_aktivitetsparat",
    "revalidering",
    "ledighedsydelse",
    "ressourceforloeb",
)
NO_DATE = numpy.datetime64("9999-12-31")


@dataclass
class Population:
    """Case facts as columns, one entry per person; `role` is 'parent' or 'child'."""

    municipality: numpy.ndarray
    employment_target_group: numpy.ndarray
    sickness_benefit_category: numpy.ndarray
    birth_date: numpy.ndarray
    benefit_start_date: numpy.ndarray
    en_plan_start_date: numpy.ndarray
    helsingoer_solution: numpy.ndarray
    departments_with_case: numpy.ndarray
    flags: dict  # bool input name -> array
    family: numpy.ndarray  # family index of each person
    role: numpy.ndarray
    cohort: numpy.ndarray  # cohort index of each person
    meetings_held: dict = field(default_factory=dict)  # month -> int array

    @property
    def count(self):
        return len(self.municipality)

    def describe(self, index):
        """The facts of one person, for an assertion message."""
        facts = {
            "municipality": str(self.municipality[index]),
            "employment_target_group": str(self.employment_target_group[index]),
            "sickness_benefit_category": str(self.sickness_benefit_category[index]),
            "birth_date": str(self.birth_date[index]),
            "benefit_start_date": str(self.benefit_start_date[index]),
            "en_plan_start_date": str(self.en_plan_start_date[index]),
            "helsingoer_solution": str(self.helsingoer_solution[index]),
            "departments_with_case": int(self.departments_with_case[index]),
            "role": str(self.role[index]),
        }
        facts.update({name: bool(values[index]) for name, values in self.flags.items()})
        return facts


BOOL_INPUTS = (
    "has_complex_problems",
    "consents_to_one_plan",
    "refuses_one_plan",
    "receives_adult_social_support",
    "receives_child_special_support",
    "parent_of_child_in_care",
    "has_mentor",
    "rehabilitation_team_case",
    "assessed_not_to_benefit_from_offers",
    "municipal_visitation_to_trial",
    "has_adult_disability_or_rehabilitation_case",
)


def _random_dates(rng, start, stop, size):
    first, last = numpy.datetime64(start), numpy.datetime64(stop)
    return first + rng.integers(0, (last - first).astype(int) + 1, size=size).astype(
        "timedelta64[D]"
    )


def sweep_population(per_combination=8, seed=20171101, months=SWEEP_MONTHS):
    """Every municipality x every target group, `per_combination` adults each, with random facts.

    Half the adults have a child (aged 0-17 over the sweep), a fifth a second parent. Half the adults are
    born 1994-2004, so that the youth groups' age limits (15/16, 17/18, 22/23, 30/31) are crossed inside
    the sweep; entry dates run from 2015 to 2020, so deadlines fall on both sides.
    Cohorts split each municipality x target group by trial membership in June 2019.
    `en_plan_start_date` is recorded only for Ballerup families: Ballerup's statute is the only source of
    a continuation rule.
    """
    rng = numpy.random.default_rng(seed)
    rows = []  # (municipality, group, family, role)
    family = 0
    for municipality in MUNICIPALITIES:
        for group in TARGET_GROUPS:
            for _ in range(per_combination):
                rows.append((municipality, group, family, "parent"))
                if rng.random() < 0.2:
                    rows.append((municipality, str(rng.choice(TARGET_GROUPS)), family, "parent"))
                if rng.random() < 0.5:
                    rows.append((municipality, "none", family, "child"))
                family += 1
    count = len(rows)
    municipality = numpy.array([row[0] for row in rows])
    group = numpy.array([row[1] for row in rows])
    role = numpy.array([row[3] for row in rows])
    is_child = role == "child"

    birth_date = numpy.where(
        rng.random(count) < 0.5,
        _random_dates(rng, "1994-01-01", "2004-12-31", count),
        _random_dates(rng, "1955-01-01", "1993-12-31", count),
    )
    birth_date[is_child] = _random_dates(rng, "2002-06-01", "2019-12-31", int(is_child.sum()))
    category = numpy.where(
        group == "sygedagpenge",
        rng.choice(SICKNESS_CATEGORIES[1:], size=count),
        numpy.where(rng.random(count) < 0.1, rng.choice(SICKNESS_CATEGORIES, size=count), "none"),
    )
    flags = {name: rng.random(count) < 0.5 for name in BOOL_INPUTS}
    flags["consents_to_one_plan"] = rng.random(count) < 0.7
    flags["refuses_one_plan"] &= ~flags["consents_to_one_plan"]
    flags["consents_to_one_plan"] &= ~is_child
    flags["receives_child_special_support"] &= is_child
    en_plan_start = numpy.full(count, NO_DATE)
    recorded = (municipality == "ballerup") & (rng.random(count) < 0.4)
    en_plan_start[recorded] = _random_dates(rng, "2017-06-01", "2020-12-31", int(recorded.sum()))
    population = Population(
        municipality=municipality,
        employment_target_group=group,
        sickness_benefit_category=category,
        birth_date=birth_date,
        benefit_start_date=_random_dates(rng, "2015-01-01", "2020-12-31", count),
        en_plan_start_date=en_plan_start,
        helsingoer_solution=rng.choice(HELSINGOER_SOLUTIONS, size=count),
        departments_with_case=rng.integers(0, 4, size=count),
        flags=flags,
        family=numpy.array([row[2] for row in rows]),
        role=role,
        cohort=numpy.zeros(count, dtype=int),
        meetings_held={month: rng.integers(0, 3, size=count) for month in months},
    )
    # Cohorts: municipality x target group x in the trial in June 2019 or not, so that some cohorts are
    # wholly in the trial (the trial's parity tolerance applies to them) and others are not.
    keys = list(zip(municipality, group, expected_in_trial(population, "2019-06"), strict=True))
    index = {key: number for number, key in enumerate(sorted(set(keys)))}
    population.cohort = numpy.array([index[key] for key in keys])
    return population


def build_simulation(population, months, regime="trial", **load_options):
    """One simulation of regime `regime` holding every person's facts for every month in `months`."""
    system = regimes.load(regime, **load_options)
    builder = SimulationBuilder()
    builder.create_entities(system)
    ids = [f"p{index}" for index in range(population.count)]
    builder.declare_person_entity("person", ids)
    family_ids = sorted(set(population.family.tolist()))
    families = builder.declare_entity("family", [f"f{index}" for index in family_ids])
    builder.join_with_persons(
        families, [f"f{index}" for index in population.family], list(population.role)
    )
    cohort_ids = sorted(set(population.cohort.tolist()))
    cohorts = builder.declare_entity("cohort", [f"c{index}" for index in cohort_ids])
    builder.join_with_persons(
        cohorts, [f"c{index}" for index in population.cohort], ["member"] * population.count
    )
    simulation = builder.build(system)
    simulation.set_input("birth_date", "ETERNITY", population.birth_date)
    simulation.set_input("en_plan_start_date", "ETERNITY", population.en_plan_start_date)
    for month in months:
        simulation.set_input("municipality", month, population.municipality)
        simulation.set_input("employment_target_group", month, population.employment_target_group)
        simulation.set_input(
            "sickness_benefit_category", month, population.sickness_benefit_category
        )
        simulation.set_input("benefit_start_date", month, population.benefit_start_date)
        simulation.set_input("helsingoer_solution", month, population.helsingoer_solution)
        simulation.set_input("departments_with_case", month, population.departments_with_case)
        for name, values in population.flags.items():
            simulation.set_input(name, month, values)
        if month in population.meetings_held:
            simulation.set_input("meetings_held", month, population.meetings_held[month])
    return simulation


def age_on_first_day(birth_date, month):
    """Whole years on the first day of `month` ('YYYY-MM'): the birthday counts from its own day."""
    first = numpy.datetime64(f"{month}-01")
    years = first.astype("datetime64[Y]").astype(int) - birth_date.astype("datetime64[Y]").astype(
        int
    )
    born_month = birth_date.astype("datetime64[M]").astype(int) % 12
    born_on_first = (birth_date - birth_date.astype("datetime64[M]")).astype(int) == 0
    first_month = first.astype("datetime64[M]").astype(int) % 12
    had_birthday = (born_month < first_month) | ((born_month == first_month) & born_on_first)
    return years - numpy.where(had_birthday, 0, 1)


def in_groups(values, *names):
    return numpy.isin(values, names)


def expected_in_trial(population, month):
    """Who is in the trial in `month`, read from the seeds without the engine.

    Dates: each municipality's own period. Target groups: the seeds (midtvejsstatus and Ballerup's
    statute). Participation: the citizen's consent, or for a child, a parent's. Ballerup's continuation: the
    family's En Plan began in a month of Ballerup's trial (the family effort admits only its target group).
    """
    p = population
    age = age_on_first_day(p.birth_date, month)
    group = p.employment_target_group
    first_day = numpy.datetime64(f"{month}-01")
    covered = numpy.array(
        [
            TRIAL_MONTHS[m] is not None and TRIAL_MONTHS[m][0] <= month < TRIAL_MONTHS[m][1]
            for m in p.municipality
        ]
    )

    parents = p.role == "parent"
    children = ~parents
    family_count = p.family.max() + 1
    parent_in_group = numpy.zeros(family_count, dtype=bool)
    numpy.logical_or.at(
        parent_in_group,
        p.family,
        parents & in_groups(group, "uddannelseshjaelp_aktivitetsparat", "ressourceforloeb"),
    )
    young_child = numpy.zeros(family_count, dtype=bool)
    numpy.logical_or.at(young_child, p.family, children & (age >= 0) & (age <= 15))
    start_month = p.en_plan_start_date.astype("datetime64[M]")
    began = (p.en_plan_start_date <= first_day) & (start_month >= numpy.datetime64(TRIAL_MONTHS["ballerup"][0])) & (
        start_month < numpy.datetime64(TRIAL_MONTHS["ballerup"][1]))
    started = numpy.zeros(family_count, dtype=bool)
    numpy.logical_or.at(started, p.family, began)
    parent_consents = numpy.zeros(family_count, dtype=bool)
    numpy.logical_or.at(parent_consents, p.family, parents & p.flags["consents_to_one_plan"])

    ballerup = (parent_in_group & young_child)[p.family] | started[p.family]
    solution = p.helsingoer_solution
    helsingoer = (
        (solution != "none")
        & ((solution != "brain_injury") | (month >= "2018-10"))
        & (p.departments_with_case >= 2)
    )
    by_municipality = {
        "alleroed": p.flags["municipal_visitation_to_trial"],
        "gribskov": p.flags["municipal_visitation_to_trial"],
        "halsnaes": p.flags["municipal_visitation_to_trial"],
        "ballerup": ballerup,
        "fredensborg": (age >= 18) & (group == "ressourceforloeb"),
        "frederikssund": (age >= 16) & (age <= 22) & p.flags["has_complex_problems"],
        "furesoe": (age >= 18)
        & in_groups(group, *FURESOE_UNEMPLOYED)
        & p.flags["has_adult_disability_or_rehabilitation_case"],
        "helsingoer": helsingoer,
        "hilleroed": (
            in_groups(group, "kontanthjaelp_aktivitetsparat", "uddannelseshjaelp_aktivitetsparat")
            & (age >= 18)
            & (age <= 30)
        )
        | ((group == "ressourceforloeb") & (age > 30)),
    }
    in_group = numpy.zeros(p.count, dtype=bool)
    for name, rule in by_municipality.items():
        in_group = numpy.where(p.municipality == name, rule, in_group)
    participates = p.flags["consents_to_one_plan"] | (children & parent_consents[p.family])
    return covered & in_group & participates


def first_offenders(population, mask, limit=3):
    """Facts of the first persons where `mask` is true, for an assertion message."""
    return [population.describe(index) for index in numpy.flatnonzero(mask)[:limit]]
