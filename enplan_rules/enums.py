"""Enumerations shared by the case facts and the rules."""

from openfisca_core.indexed_enums import Enum


class Municipality(Enum):
    alleroed = "Allerød"
    ballerup = "Ballerup"
    fredensborg = "Fredensborg"
    frederikssund = "Frederikssund"
    furesoe = "Furesø"
    gribskov = "Gribskov"
    halsnaes = "Halsnæs"
    helsingoer = "Helsingør"
    hilleroed = "Hillerød"
    other = "A municipality outside the network"


TRIAL_MUNICIPALITIES = [m for m in Municipality if m is not Municipality.other]


class EmploymentTargetGroup(Enum):
    none = "Not in a LAB § 2 target group"
    dagpenge = "Dagpenge (LAB § 2 nr. 1)"
    kontanthjaelp_jobparat = "Kontanthjælp, jobparat (LAB § 2 nr. 2)"
    kontanthjaelp_aktivitetsparat = "Kontanthjælp, aktivitetsparat (LAB § 2 nr. 3)"
    uddannelseshjaelp_uddannelsesparat = "Uddannelseshjælp, uddannelsesparat (LAB § 2 nr. 12)"
    uddannelseshjaelp_aktivitetsparat = "Uddannelseshjælp, aktivitetsparat (LAB § 2 nr. 13)"
    revalidering = "Revalidering (LAB § 2 nr. 4)"
    sygedagpenge = "Sygedagpenge (LAB § 2 nr. 5)"
    ledighedsydelse = "Ledighedsydelse (LAB § 2 nr. 7)"
    ressourceforloeb = "Ressourceforløb (LAB § 2 nr. 11)"
    jobafklaringsforloeb = "Jobafklaringsforløb (LAB § 2 nr. 14)"
    foertidspension = "Førtidspension (LAB § 2 nr. 6)"


class SicknessBenefitCategory(Enum):
    none = "No sickness-benefit case"
    category_1 = "Category 1 (LSD § 12 stk. 1 nr. 1)"
    category_2 = "Category 2 (LSD § 12 stk. 1 nr. 2)"
    category_3 = "Category 3 (LSD § 12 stk. 1 nr. 3)"


class HelsingoerSolution(Enum):
    none = "Not in one of Helsingør's solutions"
    families = "Families"
    substance_misuse = "Adults with substance misuse"
    brain_injury = "Adults with brain injury"
    youth = "Youth"
