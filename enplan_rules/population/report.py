"""The markdown summary and the PNG plots of a comparison (matplotlib, Agg backend: no display needed)."""

import os

import numpy
import pandas

from enplan_rules.population import engine

KEY_MEASURES = (
    "separate_plans_total",
    "ordinary_meetings_binding",
    "right_and_duty_offer_required",
    "in_en_plan_trial",
    "ambiguity_any",
)
SHORT = {
    "separate_plans_total": "separate plans",
    "ordinary_meetings_binding": "ordinary meetings required",
    "right_and_duty_offer_required": "right-and-duty offers",
    "in_en_plan_trial": "in the trial",
    "ambiguity_any": "touching an ambiguity",
}


def _number(value):
    if isinstance(value, (bool, numpy.bool_)):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if abs(value - round(value)) < 1e-6:
        return f"{int(round(value)):,}"
    return f"{value:,.1f}"


def _table(frame):
    """A DataFrame as a markdown table (index included)."""
    frame = frame.reset_index()
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if pandas.api.types.is_numeric_dtype(frame[c]) else "---" for c in frame.columns) + "|"
    lines = [header, rule]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_number(v) if not isinstance(v, str) else v for v in row) + " |")
    return "\n".join(lines)


def _with_differences(wide, regimes):
    """Add a column per consecutive pair of regimes: later − earlier."""
    for earlier, later in zip(regimes[:-1], regimes[1:], strict=True):
        wide[f"{later} − {earlier}"] = wide[later] - wide[earlier]
    return wide


def _totals(results, by, measures=None):
    frame = results if measures is None else results[results["measure"].isin(measures)]
    return frame.groupby(list(by) + ["regime"], observed=True)["value"].sum().unstack("regime")


def summary(comparison):
    """The comparison's summary in markdown: totals, per municipality, per target group, parity, ambiguities."""
    plan = comparison.plan
    results = comparison.results
    regimes = list(plan.regimes)
    out = []
    out.append("# Population comparison: " + ", ".join(regimes))
    out.append("")
    out.append(
        f"- Population: `{comparison.source}` — {comparison.citizens:,} citizens compared"
        + (f", {len({e[comparison.line_label] for e in comparison.skipped}):,} invalid rows skipped (listed below)" if comparison.skipped else "")
    )
    out.append(f"- Months: {plan.months[0]} to {plan.months[-1]} ({len(plan.months)} months); One Plan law variant: {plan.variant}")
    out.append(f"- Run: {comparison.chunks} chunk(s), {comparison.seconds:.1f} s")
    out.append(
        "- Every figure is a count of **citizen-months** (a citizen counts once for each month in which the answer "
        "holds), or for meetings the number of meetings summed over citizens and months. Tables: `results.csv` / "
        "`results.parquet` (tidy), `meeting_parity.csv`."
    )
    out.append(
        "- A synthetic population (`enplan synth`) rests on assumptions, not statistics "
        "(`enplan_rules/population/assumptions.yaml`): these figures show how the rules differ, not how many "
        "real citizens are affected."
    )
    out.append("")
    out.append("## Measures")
    out.append("")
    for measure in plan.measures:
        label = engine.MEASURE_LABELS.get(measure)
        if label is None and measure.startswith("ambiguity_"):
            label = f"Citizens whose answers rest on ambiguity-register entry {measure.removeprefix('ambiguity_')}"
        out.append(f"- `{measure}`: {label}")
    out.append("")

    out.append("## The whole population")
    out.append("")
    whole = _totals(results, ["measure"]).reindex(columns=regimes)
    whole = whole.loc[[m for m in plan.measures if m in whole.index]]
    out.append(_table(_with_differences(whole, regimes)))
    out.append("")

    for heading, level in (("Per municipality", "municipality"), ("Per target group", "target_group")):
        out.append(f"## {heading}")
        out.append("")
        per_level = _totals(results, [level, "measure"])
        for key in per_level.index.get_level_values(0).unique():
            table = per_level.loc[key].reindex(columns=regimes)
            table = table.loc[[m for m in plan.measures if m in table.index and not m.startswith("ambiguity_R")]]
            out.append(f"### {key}")
            out.append("")
            out.append(_table(_with_differences(table, regimes)))
            out.append("")

    out.append("## Municipality × target group (key measures, citizen-months over the window)")
    out.append("")
    cells = _totals(results, ["municipality", "target_group", "measure"], KEY_MEASURES + ("citizens",))
    wide = cells.unstack("measure")
    columns = {}
    months = len(plan.months)
    columns["citizens"] = wide[(regimes[0], "citizens")] / months
    for measure in KEY_MEASURES:
        for regime in regimes:
            if (regime, measure) in wide.columns and wide[(regime, measure)].fillna(0).any():
                columns[f"{SHORT[measure]}: {regime}"] = wide[(regime, measure)]
    out.append("(A column that is zero in every row is left out; `citizens` is the number of citizens.)")
    out.append("")
    out.append(_table(pandas.DataFrame(columns)))
    out.append("")

    out.append("## Meeting parity per cohort (municipality × target group, calendar year)")
    out.append("")
    out.append(
        "The cohort's average meetings held against the average the ordinary contact rules would require, decided "
        "by each regime's `meeting_parity_held` (the trial allows the tolerance `trial.meeting_parity_tolerance`, "
        "an unverified value, only to a cohort wholly in the trial: ambiguity register R9). Meetings held are "
        "an input of the population file."
    )
    partial = sorted({int(m[:4]) for m in plan.months} - set(plan.parity_years))
    if partial:
        out.append(
            f"Years only partly inside the months compared are not assessed (parity is a yearly quantity): "
            f"{', '.join(str(y) for y in partial)}."
        )
    out.append("")
    parity = comparison.parity
    if len(parity):
        parity = parity[parity["target_group"] != "none"]
        for year in plan.parity_years:
            this = parity[parity["year"] == year]
            if this.empty:
                continue
            held = this.pivot_table(
                index=["municipality", "target_group"], columns="regime", values="meeting_parity_held", aggfunc="first", observed=True
            ).reindex(columns=regimes)
            first = this[this["regime"] == regimes[0]].set_index(["municipality", "target_group"])
            table = pandas.DataFrame(
                {
                    "members": first["members"],
                    "average held": first["average_meetings_held"].round(2),
                    "average required": first["average_ordinary_required_meetings"].round(2),
                }
            )
            for regime in regimes:
                table[f"parity: {regime}"] = held[regime].map({True: "held", False: "NOT held"})
            if "trial" in regimes:
                table["wholly in trial"] = this[this["regime"] == "trial"].set_index(["municipality", "target_group"])[
                    "cohort_in_trial"
                ].map({True: "yes", False: "no"})
            out.append(f"### {year}")
            out.append("")
            out.append(_table(table))
            out.append("")
    else:
        out.append("No calendar year lies wholly inside the months compared, so no cohort was assessed.")
        out.append("")

    out.append("## Cases touching an ambiguity-register entry")
    out.append("")
    ambiguity = [m for m in plan.measures if m.startswith("ambiguity_")]
    if plan.ambiguities:
        titles = {}
        try:
            from enplan_rules.legal import register

            titles = {entry["id"]: entry.get("title", "") for entry in register.load()}
        except ImportError:
            pass
        table = _totals(results, ["measure"], ambiguity).reindex(columns=regimes).reindex(ambiguity).fillna(0)
        table.insert(0, "title", [titles.get(m.removeprefix("ambiguity_"), "any entry") for m in table.index])
        out.append(_table(table))
        out.append("")
        out.append("Per municipality (citizen-months touching any entry):")
        out.append("")
        out.append(_table(_totals(results, ["municipality"], ["ambiguity_any"]).reindex(columns=regimes)))
    else:
        out.append("The ambiguity register (`enplan_rules.legal.register`) is not installed: nothing was flagged.")
    out.append("")

    if comparison.skipped:
        out.append("## Skipped rows")
        out.append("")
        out.append("Every invalid value of every skipped row (also in `skipped_rows.csv`):")
        out.append("")
        label = comparison.line_label
        frame = pandas.DataFrame(comparison.skipped)[[label, "person_id", "field", "value", "message"]]
        frame[label] = frame[label].astype(str)
        out.append(_table(frame.set_index(label)))
        out.append("")
    return "\n".join(out)


def _monthly(results, measures):
    frame = results[results["measure"].isin(measures)]
    return frame.groupby(["measure", "month", "regime"], observed=True)["value"].sum().unstack("regime")


def plots(comparison, directory):
    """PNG plots of the regimes over time and of their differences; return the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(directory, exist_ok=True)
    plan = comparison.plan
    results = comparison.results
    regimes = list(plan.regimes)
    baseline = regimes[0]
    months = numpy.arange(len(plan.months))  # month index: plain axes draw much faster than date axes
    step = max(1, len(months) // 12)
    written = []

    def save(figure, name, axes):
        axes[-1].set_xticks(months[::step])
        axes[-1].set_xticklabels([plan.months[i] for i in months[::step]], rotation=45, fontsize=7)
        for axis in axes:
            axis.set_xlim(months[0] - 0.5, months[-1] + 0.5)
        figure.subplots_adjust(left=0.09, right=0.98, top=0.94, bottom=0.08 if len(axes) > 1 else 0.18, hspace=0.4)
        path = os.path.join(directory, name)
        figure.savefig(path, dpi=100)
        plt.close(figure)
        written.append(path)

    monthly = _monthly(results, KEY_MEASURES)
    figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(10, 2.6 * len(KEY_MEASURES)), sharex=True)
    for axis, measure in zip(axes, KEY_MEASURES, strict=True):
        data = monthly.loc[measure].reindex(list(plan.months)) if measure in monthly.index.get_level_values(0) else None
        for regime in regimes:
            values = data[regime].to_numpy() if data is not None and regime in data else numpy.zeros(len(months))
            axis.plot(months, values, label=regime)
        axis.set_title(engine.MEASURE_LABELS[measure], fontsize=9)
        axis.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    figure.suptitle("Per month, whole population (citizens or meetings)", fontsize=10)
    save(figure, "regimes_over_time.png", axes)

    if len(regimes) > 1:
        figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(10, 2.6 * len(KEY_MEASURES)), sharex=True)
        for axis, measure in zip(axes, KEY_MEASURES, strict=True):
            data = monthly.loc[measure].reindex(list(plan.months)) if measure in monthly.index.get_level_values(0) else None
            for regime in regimes[1:]:
                if data is None:
                    continue
                axis.plot(months, (data[regime] - data[baseline]).to_numpy(), label=f"{regime} − {baseline}")
            axis.axhline(0, color="black", linewidth=0.6)
            axis.set_title(engine.MEASURE_LABELS[measure], fontsize=9)
            axis.grid(alpha=0.3)
        axes[0].legend(fontsize=8)
        figure.suptitle(f"Differences from {baseline} per month", fontsize=10)
        save(figure, "differences_over_time.png", axes)

        paragraphs = _monthly(results, engine.PLAN_VARIABLES)
        figure, axes = plt.subplots(len(regimes) - 1, 1, figsize=(10, 3.6 * (len(regimes) - 1)), sharex=True, squeeze=False)
        for axis, regime in zip(axes[:, 0], regimes[1:], strict=True):
            for measure in engine.PLAN_VARIABLES:
                if measure not in paragraphs.index.get_level_values(0):
                    continue
                data = paragraphs.loc[measure].reindex(list(plan.months))
                axis.plot(months, (data[regime] - data[baseline]).to_numpy(), label=measure.removeprefix("separate_plan_required_"))
            axis.axhline(0, color="black", linewidth=0.6)
            axis.set_title(f"Separate plans required per paragraph: {regime} − {baseline}", fontsize=9)
            axis.grid(alpha=0.3)
            axis.legend(fontsize=7, ncol=3)
        save(figure, "separate_plans_by_paragraph.png", axes[:, 0])

        last = regimes[-1]
        by_municipality = (
            results[results["measure"] == "separate_plans_total"]
            .groupby(["municipality", "month", "regime"], observed=True)["value"]
            .sum()
            .unstack("regime")
        )
        figure, axis = plt.subplots(figsize=(10, 4.5))
        for municipality in by_municipality.index.get_level_values(0).unique():
            data = by_municipality.loc[municipality].reindex(list(plan.months))
            axis.plot(months, (data[last] - data[baseline]).to_numpy(), label=municipality)
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_title(f"Separate plans required per municipality: {last} − {baseline}", fontsize=9)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=7, ncol=2)
        save(figure, "separate_plans_by_municipality.png", [axis])
    return written
