"""The report's first screen: what the trial allows that the One Plan law does not, for whom, where and at what
cost in plans and meetings — in words and numbers, in Danish and English.

Every figure is an average per month over the months compared (a month's count: separate plans required,
meetings the municipality is bound to hold, citizens), computed from the comparison's tidy results; a rate is per
1,000 citizens of the population (or of the municipality) in an average month."""

from dataclasses import dataclass, field

import pandas

from enplan_rules.population import engine
from enplan_rules.population import labels as words
from enplan_rules.population.numbers import decimals_for, fmt

PLANS = "separate_plans_total"
MEETINGS = "ordinary_meetings_binding"
OFFERS = "right_and_duty_offer_required"
OUTSIDE = "employment_effort_outside_jobcenter_allowed"
CONTACT = "ordinary_contact_process_applies"
IN_TRIAL = "in_en_plan_trial"
REGISTER = "ambiguity_any"
BRIEF_MEASURES = (PLANS, MEETINGS, OFFERS, OUTSIDE, CONTACT, IN_TRIAL, REGISTER) + engine.PLAN_VARIABLES


@dataclass
class Brief:
    """The comparison that answers the question (`later` − `base`) with its monthly averages."""

    base: str  # the regime compared against: one_plan_law when there is one, else the first
    later: str  # the last regime (the trial)
    variants: tuple  # One Plan law versions compared
    months: tuple
    citizens: float  # citizens in an average month, whole population
    # per version: {measure: (base per month, later per month)}
    network: dict = field(default_factory=dict)
    # per version: DataFrame index municipality, columns plans/meetings (reduction per month), citizens
    by_municipality: dict = field(default_factory=dict)
    # per version: Series target group -> reduction in separate plans per month
    by_group: dict = field(default_factory=dict)
    # per version: Series paragraph measure -> reduction in separate plans per month
    by_paragraph: dict = field(default_factory=dict)

    @property
    def main_variant(self):
        return "enacted" if "enacted" in self.variants else self.variants[0]

    def reduction(self, measure, variant=None):
        """base − later per month (positive: the later regime requires fewer)."""
        base, later = self.network[variant or self.main_variant].get(measure, (0.0, 0.0))
        return base - later

    def per_thousand(self, value):
        return 1000.0 * value / self.citizens if self.citizens else float("nan")


def _pick_regimes(regimes):
    regimes = list(regimes)
    later = regimes[-1]
    base = "one_plan_law" if "one_plan_law" in regimes and later != "one_plan_law" else regimes[0]
    return base, later


def compute(comparison):
    """The Brief of a comparison (None for a single regime: there is nothing to compare)."""
    plan = comparison.plan
    if len(plan.regimes) < 2:
        return None
    base, later = _pick_regimes(plan.regimes)
    months = len(plan.months)
    results = comparison.results
    first = plan.regimes[0]
    people = results[(results["measure"] == "citizen_months") & (results["regime"] == first)]
    if "one_plan_law_variant" in people:
        people = people[people["one_plan_law_variant"] == people["one_plan_law_variant"].iloc[0]] if len(people) else people
    citizens_by = people.groupby("municipality", observed=True)["value"].sum() / months
    brief = Brief(base, later, tuple(plan.all_variants), tuple(plan.months), float(citizens_by.sum()))
    for variant in plan.all_variants:
        this = results
        if "one_plan_law_variant" in this:
            this = this[this["one_plan_law_variant"] == variant]
        this = this[this["measure"].isin(BRIEF_MEASURES) & this["regime"].isin([base, later])]
        network = this.groupby(["measure", "regime"], observed=True)["value"].sum().unstack("regime") / months
        network = network.reindex(columns=[base, later]).fillna(0.0)
        brief.network[variant] = {m: (float(network.loc[m, base]), float(network.loc[m, later])) for m in network.index}
        per = this[this["measure"].isin([PLANS, MEETINGS])].groupby(["municipality", "measure", "regime"], observed=True)["value"].sum()
        per = per.unstack("regime").reindex(columns=[base, later]).fillna(0.0)
        reduction = ((per[base] - per[later]) / months).unstack("measure").reindex(columns=[PLANS, MEETINGS]).fillna(0.0)
        reduction["citizens"] = citizens_by.reindex(reduction.index).fillna(0.0)
        brief.by_municipality[variant] = reduction[reduction["citizens"] > 0]
        plans = this[this["measure"] == PLANS].groupby(["target_group", "regime"], observed=True)["value"].sum().unstack("regime")
        plans = plans.reindex(columns=[base, later]).fillna(0.0)
        brief.by_group[variant] = ((plans[base] - plans[later]) / months).sort_values(ascending=False)
        paragraphs = this[this["measure"].isin(engine.PLAN_VARIABLES)].groupby(["measure", "regime"], observed=True)["value"].sum()
        paragraphs = paragraphs.unstack("regime").reindex(columns=[base, later]).fillna(0.0)
        brief.by_paragraph[variant] = ((paragraphs[base] - paragraphs[later]) / months).sort_values(ascending=False)
    return brief


def _count(value, lang):
    return fmt(value, 0 if abs(value) >= 10 or value == 0 else 1, lang)


def _rate(value, lang):
    return fmt(value, decimals_for(value), lang)


def _fewer(value, lang, noun_da, noun_en):
    """'1.234 færre særskilte planer' / '1,234 more …' with the sign in words."""
    more = value < 0 and round(abs(value), 1) > 0
    amount = _count(abs(value), lang)
    if lang == "da":
        return f"{amount} {'flere' if more else 'færre'} {noun_da}"
    return f"{amount} {'more' if more else 'fewer'} {noun_en}"


def _top(series, name, lang, count=2):
    shown = [(key, value) for key, value in series.items() if round(value, 1) > 0][:count]
    return [f"{name(key, lang)} ({_count(value, lang)})" for key, value in shown]


def _against(brief, variant, lang):
    if brief.base == "one_plan_law":
        return words.variant_phrase(variant, lang)
    name = words.regime_short(brief.base, lang)
    return name[0].lower() + name[1:]


def sentences(brief, lang):
    """The summary in words and numbers: a list of paragraphs (markdown **bold** allowed), the first the answer."""
    da = lang == "da"
    variant = brief.main_variant
    later = words.regime_short(brief.later, lang)
    later = later[0].lower() + later[1:]
    period = words.period(brief.months, lang)
    plans, meetings = brief.reduction(PLANS), brief.reduction(MEETINGS)
    offers, outside, contact = brief.reduction(OFFERS), -brief.reduction(OUTSIDE), brief.reduction(CONTACT)
    in_trial = brief.network[variant].get(IN_TRIAL, (0.0, 0.0))[1]
    per_1000 = "pr. 1.000 borgere" if da else "per 1,000 citizens"
    out = []
    if da:
        out.append(
            f"I en gennemsnitlig måned ({period}) kræver {later} **{_fewer(plans, lang, 'særskilte planer', '')}** end "
            f"{_against(brief, variant, lang)} ({_rate(brief.per_thousand(plans), lang)} {per_1000}), og kommunerne er "
            f"bundet til **{_fewer(meetings, lang, 'samtaler', '')}** ({_rate(brief.per_thousand(meetings), lang)} {per_1000})."
        )
    else:
        out.append(
            f"In an average month ({period}) {later} requires **{_fewer(plans, lang, '', 'separate plans')}** than "
            f"{_against(brief, variant, lang)} ({_rate(brief.per_thousand(plans), lang)} {per_1000}), and binds the "
            f"municipalities to **{_fewer(meetings, lang, '', 'meetings')}** ({_rate(brief.per_thousand(meetings), lang)} {per_1000})."
        )
    if len(brief.variants) > 1:
        others = [v for v in brief.variants if v != variant]
        same = all(round(brief.reduction(m, v)) == round(brief.reduction(m, variant)) for v in others for m in (PLANS, MEETINGS))
        if same:
            versions = (" Besparelsen er den samme over for " if da else " The savings are the same against ") + (
                " og " if da else " and ").join(words.variant_phrase(v, lang) for v in others) + "."
        else:
            versions = (" Over for " if da else " Against ") + "; ".join(
                f"{words.variant_phrase(v, lang)}: {_fewer(brief.reduction(PLANS, v), lang, 'planer', 'plans')} "
                + ("og " if da else "and ") + _fewer(brief.reduction(MEETINGS, v), lang, "samtaler", "meetings")
                for v in others
            ) + "."
    else:
        versions = ""
    paragraphs = _top(brief.by_paragraph[variant], words.measure, lang)
    groups = _top(brief.by_group[variant], words.target_group_short, lang)
    municipalities = brief.by_municipality[variant]
    rates = (1000.0 * municipalities[PLANS] / municipalities["citizens"]).sort_values(ascending=False)
    where = [f"{words.municipality(m, lang)} ({_rate(v, lang)})" for m, v in rates.items() if round(v, 2) > 0][:3]
    who = []
    if paragraphs:
        who.append(("mest " if da else "most under ") + (" og " if da else " and ").join(paragraphs))
    if groups:
        who.append(("for " if da else "for ") + (" og " if da else " and ").join(groups))
    if where:
        who.append(("især i " if da else "above all in ") + ", ".join(where) + f" {per_1000}")
    extra = []
    if round(contact, 1):
        extra.append(f"{_count(contact, lang)} " + ("borgere er fri for det ordinære kontaktforløb" if da
                                                    else "citizens are freed from the ordinary contact process"))
    if round(offers, 1):
        extra.append(_fewer(offers, lang, "skal have et ret og pligt-tilbud", "need a right-and-duty offer"))
    if round(outside, 1):
        extra.append(f"{_count(outside, lang)} " + ("flere må få indsatsen uden for jobcentret" if da
                                                    else "more may have the effort run outside the jobcenter"))
    second = []
    if who:
        second.append(("Færre planer: " if da else "Fewer plans: ") + "; ".join(who) + ".")
    if extra:
        second.append(("Desuden pr. måned: " if da else "Also per month: ") + "; ".join(extra) + ".")
    second.append(f"I forsøget: {_count(in_trial, lang)} borgere i en gennemsnitlig måned." if da
                   else f"In the trial: {_count(in_trial, lang)} citizens in an average month.")
    out.append(" ".join(second) + versions)
    return out


def key_table(brief):
    """Rows for the key chart: per version, the network and each municipality (reduction per month and per 1,000)."""
    rows = []
    for variant in brief.variants:
        frame = brief.by_municipality[variant]
        network = pandas.DataFrame(
            {PLANS: [brief.reduction(PLANS, variant)], MEETINGS: [brief.reduction(MEETINGS, variant)], "citizens": [brief.citizens]},
            index=["all"],
        )
        both = pandas.concat([network, frame])
        both["variant"] = variant
        rows.append(both)
    table = pandas.concat(rows)
    table.index.name = "municipality"
    for measure in (PLANS, MEETINGS):
        table[measure + "_per_1000"] = 1000.0 * table[measure] / table["citizens"].where(table["citizens"] > 0)
    return table.reset_index()
