"""How much each contested reading and each unverified value moves a population's totals (`enplan compare
--sensitivity`): the comparison run once as the engine reads the law, then once per register reading turned to
its alternative and once per parity tolerance, each with the same population, months and regime."""

import pandas

from enplan_rules.answers.readings import ALTERNATIVE, SWITCHES

MEASURES = (
    "in_en_plan_trial",
    "separate_plans_total",
    "ordinary_contact_process_applies",
    "ordinary_meetings_binding",
    "right_and_duty_offer_required",
    "employment_effort_outside_jobcenter_allowed",
)
TOLERANCES = (0.0, 0.05, 0.1, 0.2)
TOLERANCE = "trial.meeting_parity_tolerance"


def _totals(comparison, regime):
    results = comparison.results
    rows = results[(results["regime"] == regime) & results["measure"].isin(MEASURES)]
    totals = rows.groupby("measure", observed=True)["value"].sum().to_dict()
    parity = comparison.parity[comparison.parity["regime"] == regime]
    totals["cohort_years_with_parity"] = float(parity["meeting_parity_held"].sum())
    return totals


def sensitivity(source, regime="trial", tolerances=TOLERANCES, base=None, **options):
    """A table: one row per variant (the engine's readings; each reading's alternative; each parity tolerance)
    and measure, with the total, the engine's total and the change. `options` go to population.compare.compare;
    `base`, a comparison already run with the engine's readings, saves one run."""
    from enplan_rules.population.compare import compare

    options = {**options, "regimes": (regime,)}
    base = _totals(base if base is not None else compare(source, **options), regime)
    variants = [("engine", "engine's readings", {}, {})]
    variants += [(reading_id, f"{reading_id}: alternative", {reading_id: ALTERNATIVE}, {}) for reading_id in SWITCHES]
    if regime == "trial":
        variants += [(f"tolerance {t:g}", f"{TOLERANCE} = {t:g}", {}, {TOLERANCE: t}) for t in tolerances]
    rows = []
    for key, label, readings, overrides in variants:
        totals = base if key == "engine" else _totals(compare(source, readings=readings, overrides=overrides, **options),
                                                       regime)
        for measure, value in totals.items():
            rows.append({"variant": key, "label": label, "measure": measure, "total": value,
                         "engine_total": base[measure], "change": value - base[measure]})
    return pandas.DataFrame(rows)


def markdown(table):
    """The sensitivity table as markdown: variants as rows, measures as columns, changes against the engine."""
    pivot = table.pivot(index="variant", columns="measure", values="change")
    order = list(dict.fromkeys(table["variant"]))
    pivot = pivot.loc[order]
    engine = table[table["variant"] == "engine"].set_index("measure")["total"]
    columns = list(engine.index)
    lines = ["# Sensitivity: change in the totals against the engine's readings", "",
             "| variant | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns),
             "| engine (totals) | " + " | ".join(f"{engine[c]:,.0f}" for c in columns) + " |"]
    for variant in order[1:]:
        lines.append(f"| {variant} | " + " | ".join(f"{pivot.loc[variant, c]:+,.0f}" for c in columns) + " |")
    return "\n".join(lines) + "\n"


def write(args, comparison, out_dir):
    """`enplan compare --sensitivity`: sensitivity.csv and sensitivity.md for the trial (else the last regime)."""
    import os

    regime = "trial" if "trial" in comparison.plan.regimes else comparison.plan.regimes[-1]
    table = sensitivity(args.population, regime, base=comparison, start=args.start, end=args.end,
                        chunk_size=args.chunk_size, skip_invalid=args.skip_invalid, executor=args.executor,
                        workers=max(1, args.workers), variant=comparison.plan.variant, progress=False,
                        scheduler=args.scheduler)
    os.makedirs(out_dir, exist_ok=True)
    csv_path, md_path = os.path.join(out_dir, "sensitivity.csv"), os.path.join(out_dir, "sensitivity.md")
    table.to_csv(csv_path, index=False)
    with open(md_path, "w", encoding="utf-8") as file:
        file.write(markdown(table))
    return [csv_path, md_path]
