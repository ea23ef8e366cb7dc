"""The key chart of the report's first screen: how many fewer separate plans and meetings the trial requires than
the One Plan law, per month, for the network and each municipality — bars per 1,000 citizens, the count per month
written at each bar; one bar per One Plan law version compared (colour and hatch differ).

Drawn in one language, wide (a laptop) or narrow (a phone: the panels stacked)."""

import os
import textwrap

import numpy

from enplan_rules.population import brief as brief_module
from enplan_rules.population import labels as words
from enplan_rules.population.numbers import fmt

VARIANT_STYLES = {  # colour-blind-safe colours; the hatch keeps them apart in grey print too
    "consultation_draft": {"color": "#a6cee3", "hatch": "///", "edgecolor": "#1f78b4"},
    "tabled_bill": {"color": "#fdbf6f", "hatch": "...", "edgecolor": "#b15928"},
    "enacted": {"color": "#1f78b4", "hatch": "", "edgecolor": "#0b3c5d"},
}
PANELS = (
    (brief_module.PLANS, ("Færre særskilte planer", "Fewer separate plans")),
    (brief_module.MEETINGS, ("Færre samtaler kommunen er bundet til", "Fewer meetings the municipality is bound to hold")),
)


def title(brief, lang):
    against = words.regime_short(brief.base, lang)
    against = "the One Plan law" if brief.base == "one_plan_law" and lang == "en" else against[0].lower() + against[1:]
    later = words.regime_short(brief.later, lang)
    later = later[0].lower() + later[1:]
    period = words.period(brief.months, lang)
    if lang == "da":
        return f"Hvad {later} sparer i forhold til {against} i en gennemsnitlig måned, {period}"
    return f"What {later} saves relative to {against} in an average month, {period}"


def coinciding(table, variants):
    """The versions grouped where their bars coincide (every rate equal to 0.01): drawn once, named together."""
    groups = []
    for variant in variants:
        mine = table[table["variant"] == variant].set_index("municipality")
        for group in groups:
            theirs = table[table["variant"] == group[0]].set_index("municipality").reindex(mine.index)
            columns = [brief_module.PLANS + "_per_1000", brief_module.MEETINGS + "_per_1000"]
            if numpy.allclose(mine[columns].fillna(0).to_numpy(), theirs[columns].fillna(0).to_numpy(), atol=0.005):
                group.append(variant)
                break
        else:
            groups.append([variant])
    return groups


def _label(brief, group, lang):
    if brief.base != "one_plan_law":
        return words.regime_short(brief.base, lang)
    if len(group) == len(brief.variants) and len(group) > 1:
        return "alle versioner (ens i perioden)" if lang == "da" else "every version (the same in this period)"
    text = " = ".join(words.variant_short(v, lang) for v in group)
    return text + (" (ens)" if len(group) > 1 and lang == "da" else " (the same)" if len(group) > 1 else "")


def rows(brief, lang):
    """(key table, the versions' groups (coinciding), municipalities from the bottom row up (the network on top),
    their names in `lang`)."""
    table = brief_module.key_table(brief)
    groups = coinciding(table, list(brief.variants))
    order_rows = table[(table["variant"] == brief.main_variant) & (table["municipality"] != "all")].sort_values(brief_module.PLANS + "_per_1000")
    municipalities = list(order_rows["municipality"]) + ["all"]  # the network on top
    names = [words.municipality_short(m, lang) for m in municipalities]
    names[-1] = words.NETWORK_SHORT[0 if lang == "da" else 1]
    return table, groups, municipalities, names


def bars(brief, table, group, municipalities):
    """(the version drawn for `group`, rates per 1,000 citizens, counts per month) of one panel's measure pair:
    {measure: (rates, counts)} in the order of `municipalities`."""
    variant = brief.main_variant if brief.main_variant in group else group[0]
    rows_ = table[table["variant"] == variant].set_index("municipality").reindex(municipalities)
    return variant, {measure: (rows_[measure + "_per_1000"].fillna(0.0).to_numpy(), rows_[measure].fillna(0.0).to_numpy())
                     for measure, _ in PANELS}


def draw(brief, path, lang="da", narrow=False):
    """Write the key chart PNG to `path`; return `path`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table, groups, municipalities, names = rows(brief, lang)
    if narrow:
        figure, axes = plt.subplots(2, 1, figsize=(3.8, 5.0), sharey=True)
    else:
        figure, axes = plt.subplots(1, 2, figsize=(11.0, 3.9), sharey=True)
    height = 0.8 / len(groups)
    positions = numpy.arange(len(municipalities))
    for axis, (measure, heading) in zip(axes, PANELS, strict=True):
        limit = 0.0
        for index, group in enumerate(groups):
            variant, values = bars(brief, table, group, municipalities)
            rates, counts = values[measure]
            offset = (len(groups) - 1 - index) * height - 0.4 + height / 2
            label = _label(brief, group, lang)
            axis.barh(positions + offset, rates, height=height * 0.92, label=label, linewidth=0.6, **VARIANT_STYLES.get(variant, {}))
            for y, value, count in zip(positions + offset, rates, counts, strict=True):
                axis.text(value, y, " " + fmt(count, 0 if abs(count) >= 10 else 1, lang), va="center", ha="left" if value >= 0 else "right",
                          fontsize=6.5 if len(groups) > 1 else 7.5, color="#222")
            limit = max(limit, float(numpy.nanmax(numpy.abs(rates))) if len(rates) else 0.0)
        axis.set_xlim(min(0.0, axis.get_xlim()[0]), (limit or 1.0) * 1.32)
        axis.axvline(0, color="#333", linewidth=0.7)
        axis.axhline(len(municipalities) - 1.5, color="#999", linewidth=0.6)
        axis.set_yticks(positions)
        axis.set_yticklabels(names, fontsize=8)
        for tick in axis.get_yticklabels()[-1:]:
            tick.set_fontweight("bold")
        axis.set_title(textwrap.fill(heading[0 if lang == "da" else 1], 30 if narrow else 80), fontsize=9, loc="left", fontweight="bold", y=1.0)
        unit = ("pr. 1.000 borgere pr. måned (ved søjlen: antal pr. måned)" if lang == "da"
                else "per 1,000 citizens per month (at the bar: count per month)")
        axis.set_xlabel(textwrap.fill(unit, 48) if narrow else unit, fontsize=7.5)
        axis.tick_params(axis="x", labelsize=7.5)
        axis.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt(v, 0 if float(v).is_integer() else 1, lang)))
        axis.grid(axis="x", alpha=0.3)
        axis.spines[["top", "right"]].set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    prefix = "Over for lov om én plan:" if lang == "da" else "Against the One Plan law:"
    if brief.base != "one_plan_law":
        prefix = "Over for:" if lang == "da" else "Against:"
    axes[0].legend(handles[::-1], labels[::-1], title=prefix, fontsize=7, title_fontsize=7, loc="lower right", framealpha=0.95)
    figure.suptitle(textwrap.fill(title(brief, lang), 58 if narrow else 140), fontsize=9.5 if not narrow else 8.5,
                    x=0.01, ha="left", fontweight="bold")
    if narrow:
        figure.subplots_adjust(left=0.31, right=0.97, top=0.85, bottom=0.125, hspace=0.66)
    else:
        figure.subplots_adjust(left=0.135, right=0.985, top=0.86, bottom=0.13, wspace=0.08)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    figure.savefig(path, dpi=100)  # fixed margins: "tight" would draw the figure twice
    plt.close(figure)
    return path
