"""Fredensborg, Frederikssund, Furesø, Hillerød and Helsingør: target groups the seeds state in objective terms."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup as G
from enplan_rules.enums import HelsingoerSolution
from enplan_rules.formula_helpers import group_is
from enplan_rules.variable import Variable

SEEDS = "Midtvejsstatus for Frikommunenetværk En plan (seeds), 'Kommunernes projekter'"


class in_trial_target_group_fredensborg(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Fredensborg: an adult in ressourceforløb"
    label_da = "Fredensborg: en voksen i ressourceforløb"
    reference = [SEEDS + ", Fredensborg", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        rules = parameters(period).trial.target_groups.fredensborg
        return (person("age", period) >= rules.adult_min_age) & group_is(person, period, G.ressourceforloeb)


class in_trial_target_group_frederikssund(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Frederikssund: aged 16–22 with complex problems needing support across several legal areas"
    label_da = "Frederikssund: 16–22 år med komplekse problemer, der kræver støtte på tværs af flere lovområder"
    reference = [SEEDS + ", Frederikssund", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        rules = parameters(period).trial.target_groups.frederikssund
        age = person("age", period)
        return (age >= rules.min_age) & (age <= rules.max_age) & person("has_complex_problems", period)


class in_trial_target_group_furesoe(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Furesø: an unemployed adult (on kontanthjælp, uddannelseshjælp, revalidering, ledighedsydelse or in "
        "ressourceforløb) with a case in adult disability or rehabilitation; never on sygedagpenge, dagpenge "
        "or jobafklaringsforløb"
    )
    label_da = (
        "Furesø: en ledig voksen (på kontanthjælp, uddannelseshjælp, revalidering, ledighedsydelse eller i "
        "ressourceforløb) med en sag i voksenhandicap eller genoptræning; aldrig på sygedagpenge, dagpenge "
        "eller i jobafklaringsforløb"
    )
    reference = [SEEDS + ", Furesø", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        rules = parameters(period).trial.target_groups.furesoe
        unemployed = group_is(
            person,
            period,
            G.kontanthjaelp_jobparat,
            G.kontanthjaelp_aktivitetsparat,
            G.uddannelseshjaelp_uddannelsesparat,
            G.uddannelseshjaelp_aktivitetsparat,
            G.revalidering,
            G.ledighedsydelse,
            G.ressourceforloeb,
        )
        return (
            (person("age", period) >= rules.adult_min_age)
            & unemployed
            & person("has_adult_disability_or_rehabilitation_case", period)
        )


class in_trial_target_group_hilleroed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Hillerød: (i) activity-ready unemployed aged 18–30; (ii) citizens over 30 in ressourceforløb"
    label_da = "Hillerød: (i) aktivitetsparate ledige på 18–30 år; (ii) borgere over 30 år i ressourceforløb"
    reference = [SEEDS + ", Hillerød", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        rules = parameters(period).trial.target_groups.hilleroed
        age = person("age", period)
        activity_ready = group_is(person, period, G.kontanthjaelp_aktivitetsparat, G.uddannelseshjaelp_aktivitetsparat)
        youth = activity_ready & (age >= rules.youth_min_age) & (age <= rules.youth_max_age)
        older = group_is(person, period, G.ressourceforloeb) & (age > rules.ressourceforloeb_older_than)
        return youth | older


class in_trial_target_group_helsingoer(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Helsingør: a case in at least two departments, in one of the four solutions (brain injury from 1 Oct 2018)"
    label_da = "Helsingør: en sag i mindst to fagcentre, i en af de fire løsninger (hjerneskade fra 1.10.2018)"
    reference = [SEEDS + ", Helsingør", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        rules = parameters(period).trial.target_groups.helsingoer
        solution = person("helsingoer_solution", period)
        solution_open = (solution != HelsingoerSolution.none) & (
            (solution != HelsingoerSolution.brain_injury) | rules.brain_injury_solution_covered
        )
        return solution_open & (person("departments_with_case", period) >= rules.min_departments)
