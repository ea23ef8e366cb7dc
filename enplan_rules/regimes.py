"""The three legal regimes, each a TaxBenefitSystem: sector law, the One Plan law, and the trial."""

from functools import cache

from enplan_rules import CountryTaxBenefitSystem
from enplan_rules.reforms.one_plan_law import one_plan_law
from enplan_rules.reforms.one_plan_law_version import one_plan_law_version
from enplan_rules.reforms.trial import trial

NAMES = ("sector_law", "one_plan_law", "trial")
# The three texts of the One Plan law, by document (see docs/legal-sources.md): the consultation draft of
# February 2018, bill L 232 as tabled on 26 April 2018, and lov nr. 707 af 8.6.2018 as enacted (the default).
VARIANTS = ("consultation_draft", "tabled_bill", "enacted")
DEFAULT_VARIANT = "enacted"

DESCRIPTIONS = {
    "sector_law": "Ordinary sector law (LAB, SEL, LAS, LSD and executive orders), without any one-plan provision",
    "one_plan_law": "Sector law plus lov nr. 707 af 8.6.2018 (the holistic plan), nationwide from 1 Jul 2018",
    "trial": "The One Plan law plus the En Plan free-municipality trial (lov 658/2017 § 11; BEK 603/2017, 1255/2017, 529/2018, 1184/2019)",
}


@cache
def load(name, one_plan_law_variant="enacted"):
    """Return the TaxBenefitSystem of regime `name` (cached: treat it as read-only).

    `one_plan_law_variant` names the text of the One Plan law applied: "enacted" (lov nr. 707 af 8.6.2018, the
    default), "tabled_bill" (L 232 as tabled on 26 Apr 2018) or "consultation_draft" (February 2018: a right to
    refuse instead of consent). It has no effect on `sector_law`. The differences are listed, with their source
    records, in reforms/one_plan_law_versions.yaml.
    """
    if name not in NAMES:
        raise ValueError(f"unknown regime {name!r}; expected one of {', '.join(NAMES)}")
    if one_plan_law_variant not in VARIANTS:
        raise ValueError(
            f"unknown One Plan law variant {one_plan_law_variant!r}; expected one of {', '.join(VARIANTS)}"
        )
    system = CountryTaxBenefitSystem()
    if name == "sector_law":
        return system
    system = one_plan_law(system)
    if one_plan_law_variant != DEFAULT_VARIANT:
        system = one_plan_law_version(one_plan_law_variant)(system)
    if name == "trial":
        system = trial(system)
    return system
