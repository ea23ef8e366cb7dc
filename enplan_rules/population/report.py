"""What an analyst reads: summary.md, a self-contained report.html (Danish and English) and the PNG plots.

Both documents are rendered from one list of blocks (headings, paragraphs, tables, figures), so they say the same
thing. Matplotlib runs on the Agg backend (no display needed)."""

import base64
import html as html_module
import itertools
import os
import textwrap

import numpy
import pandas

from enplan_rules.population import engine
from enplan_rules.population import labels as words
from enplan_rules.population.neutral import markdown_cell

KEY_MEASURES = (
    "separate_plans_total",
    "ordinary_meetings_binding",
    "right_and_duty_offer_required",
    "in_en_plan_trial",
    "ambiguity_any",
)
# What the trial may change relative to the One Plan law, per paragraph (the mayors' letter, Bilag 2).
CHANGE_MEASURES = tuple(name for name in engine.PLAN_VARIABLES) + (
    "rehabilitation_plan_preparatory_part_required",
    "separate_mentor_form_required",
    "ordinary_contact_process_applies",
    "ordinary_meetings_binding",
    "right_and_duty_offer_required",
    "employment_effort_outside_jobcenter_allowed",
)
LAW_DATES = (
    ("2017-11", "trial begins / forsøget begynder"),
    ("2018-07", "One Plan law in force / lov om én plan"),
    ("2020-01", "LAB sections repealed / LAB-paragraffer ophævet"),
    ("2020-07", "trial ends / forsøget slutter"),
)
STYLES = {  # regimes stay distinguishable where their lines coincide: width, dashes and markers differ
    "sector_law": {"color": "#1f77b4", "linewidth": 3.2, "linestyle": "-", "alpha": 0.55, "zorder": 2},
    "one_plan_law": {"color": "#ff7f0e", "linewidth": 1.8, "linestyle": "--", "marker": "o", "markersize": 3.5, "zorder": 3},
    "trial": {"color": "#2ca02c", "linewidth": 1.4, "linestyle": ":", "marker": "^", "markersize": 4, "zorder": 4},
}
PAIR_STYLES = [
    {"color": "#9467bd", "linestyle": "-", "marker": "s", "markersize": 3},
    {"color": "#d62728", "linestyle": "--", "marker": "v", "markersize": 3},
    {"color": "#8c564b", "linestyle": "-", "linewidth": 4, "alpha": 0.4, "zorder": 1},  # wide and pale: visible under the others
]
CYCLE_LINES = ("-", "--", "-.", ":")
CYCLE_MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "h", "<")


# ---------------------------------------------------------------- numbers


def number(value, measure=""):
    """One format per kind: counts as whole numbers, meetings with one decimal, thousands separated by commas."""
    if value is None or (isinstance(value, float) and numpy.isnan(value)):
        return "–"
    if measure in words.MEETING_MEASURES:
        return f"{float(value):,.1f}"
    return f"{int(round(float(value))):,}"


def percent(change, base):
    if base is None or numpy.isnan(base) or base == 0:
        return "–"
    return f"{100.0 * change / base:+.1f} %"


def rate(value, citizens):
    return "–" if not citizens else f"{1000.0 * value / citizens:,.1f}"


def pairs(regimes):
    """Every difference later − earlier: one_plan_law − sector_law, trial − one_plan_law, trial − sector_law."""
    return sorted(itertools.combinations(regimes, 2), key=lambda pair: (regimes.index(pair[1]) - regimes.index(pair[0]), regimes.index(pair[0])))


def pair_name(pair):
    return f"{pair[1]} − {pair[0]}"


# ---------------------------------------------------------------- data


def primary_variant(plan):
    return "enacted" if "enacted" in plan.all_variants else plan.all_variants[0]


def _results(comparison, variant=None):
    results = comparison.results
    if "one_plan_law_variant" in results:
        results = results[results["one_plan_law_variant"] == (variant or primary_variant(comparison.plan))]
    return results


def _totals(results, by, measures=None):
    frame = results if measures is None else results[results["measure"].isin(measures)]
    return frame.groupby(list(by) + ["regime"], observed=True)["value"].sum().unstack("regime")


def _register_titles():
    try:
        from enplan_rules.legal import register
    except ImportError:
        return {}, []
    entries = register.load()
    return {e["id"]: (e.get("title_da") or e.get("title", ""), e.get("title", "")) for e in entries}, entries


def distinct_citizens(results, by=None):
    """Distinct citizens: a citizen is in one cell per month, so a cell's citizen-months over the months it was
    recorded / the months. For the whole population, comparison.citizens (rows kept) is exact."""
    frame = results[(results["measure"] == "citizen_months") & (results["regime"] == results["regime"].cat.categories[0])]
    months = results["month"].nunique()
    if by is None:
        return frame["value"].sum() / max(months, 1)
    return frame.groupby(by, observed=True)["value"].sum() / max(months, 1)


def trial_changes(comparison):
    """What the trial changes relative to each One Plan law version, per paragraph and municipality: citizen-months
    (meetings for the meeting measures) over the months compared. None unless both regimes were compared."""
    plan = comparison.plan
    if not {"one_plan_law", "trial"} <= set(plan.regimes):
        return None
    results = comparison.results
    frame = results[results["measure"].isin(CHANGE_MEASURES + ("citizen_months",)) & results["regime"].isin(["one_plan_law", "trial"])]
    grouped = frame.groupby(["one_plan_law_variant", "municipality", "measure", "regime"], observed=True)["value"].sum().unstack("regime")
    network = frame.groupby(["one_plan_law_variant", "measure", "regime"], observed=True)["value"].sum().unstack("regime")
    network = pandas.concat({"all": network}, names=["municipality"]).reorder_levels(["one_plan_law_variant", "municipality", "measure"])
    table = pandas.concat([grouped, network]).reset_index()
    months = len(plan.months)
    citizens = table[table["measure"] == "citizen_months"].set_index(["one_plan_law_variant", "municipality"])["one_plan_law"] / months
    table = table[table["measure"] != "citizen_months"].copy()
    table["paragraph"] = [words.measure(m) for m in table["measure"]]
    table["paragraph_da"] = [words.measure(m, "da") for m in table["measure"]]
    table["theme"] = [words.theme(m) for m in table["measure"]]
    table["trial_minus_one_plan_law"] = table["trial"] - table["one_plan_law"]
    base = table["one_plan_law"].where(table["one_plan_law"] != 0)
    table["percent"] = 100.0 * table["trial_minus_one_plan_law"] / base
    key = pandas.MultiIndex.from_frame(table[["one_plan_law_variant", "municipality"]].astype(str))
    table["citizens"] = citizens.reindex(key).to_numpy()
    table["per_1000_citizens_per_month"] = 1000.0 * table["trial_minus_one_plan_law"] / months / table["citizens"]
    order = {name: index for index, name in enumerate(CHANGE_MEASURES)}
    table["_order"] = table["measure"].astype(str).map(order)
    table["_variant"] = table["one_plan_law_variant"].astype(str).map({v: i for i, v in enumerate(plan.all_variants)})
    table["_all"] = table["municipality"].astype(str) == "all"
    table = table.sort_values(["_variant", "_order", "_all", "municipality"]).drop(columns=["_order", "_variant", "_all"])
    columns = [
        "one_plan_law_variant", "theme", "paragraph", "paragraph_da", "measure", "municipality", "citizens",
        "one_plan_law", "trial", "trial_minus_one_plan_law", "percent", "per_1000_citizens_per_month",
    ]
    table = table[columns].reset_index(drop=True)
    for name in ("one_plan_law_variant", "municipality", "measure"):
        table[name] = table[name].astype(str)
    return table


# ---------------------------------------------------------------- the document


class Document:
    """Blocks rendered to markdown (English) and HTML (Danish and English)."""

    def __init__(self):
        self.blocks = []

    def heading(self, level, da, en):
        self.blocks.append(("h", level, da, en))

    def text(self, da, en):
        self.blocks.append(("p", da, en))

    def table(self, headers, rows, numeric=None):
        """headers: (da, en) pairs; rows: cells, each a str or a (da, en) pair; numeric: which columns align right."""
        numeric = numeric or [False] * len(headers)
        self.blocks.append(("table", headers, rows, numeric))

    def figure(self, path, da, en):
        self.blocks.append(("img", path, da, en))

    def markdown(self):
        out = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                out += ["#" * block[1] + " " + block[3], ""]
            elif kind == "p":
                out += [block[2], ""]
            elif kind == "table":
                _, headers, rows, numeric = block
                out.append("| " + " | ".join(_pick(h, "en") for h in headers) + " |")
                out.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
                for row in rows:
                    out.append("| " + " | ".join(markdown_cell(_pick(cell, "en")) for cell in row) + " |")
                out.append("")
            elif kind == "img":
                out += [f"![{block[3]}](plots/{os.path.basename(block[1])})", ""]
        return "\n".join(out)

    def html(self, title):
        body = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                level = min(block[1], 4)
                body.append(f"<h{level}>{_both(block[2], block[3])}</h{level}>")
            elif kind == "p":
                body.append(f'<p lang="da">{_inline(block[1])}</p><p lang="en" class="en">{_inline(block[2])}</p>')
            elif kind == "table":
                _, headers, rows, numeric = block
                head = "".join(f"<th>{_cell_html(h)}</th>" for h in headers)
                lines = []
                for row in rows:
                    cells = "".join(
                        f'<td class="{"num" if right else ""}">{_cell_html(cell)}</td>' for cell, right in zip(row, numeric, strict=True)
                    )
                    lines.append(f"<tr>{cells}</tr>")
                body.append(f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table></div>')
            elif kind == "img":
                with open(block[1], "rb") as file:
                    data = base64.b64encode(file.read()).decode("ascii")
                alt = html_module.escape(f"{block[2]} / {block[3]}")
                body.append(
                    f'<figure><img alt="{alt}" src="data:image/png;base64,{data}">'
                    f"<figcaption>{_both(block[2], block[3])}</figcaption></figure>"
                )
        return (
            '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
            f"<title>{html_module.escape(title)}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
        )


CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}"
    "h1,h2,h3{margin-top:1.6em}.en{color:#555;font-style:italic}h1 .en,h2 .en,h3 .en,h4 .en{font-weight:normal;font-size:.8em}"
    "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}"
    "th{background:#f0f0f0;text-align:left}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".scroll{overflow-x:auto}img{max-width:100%;border:1px solid #ddd}figure{margin:1em 0}figcaption{font-size:.85em}"
    "p.en{margin-top:-.6em}code{background:#f4f4f4;padding:0 .2em}"
)


def _pick(cell, lang):
    if isinstance(cell, tuple):
        return cell[0] if lang == "da" else cell[1]
    return str(cell)


def _inline(text):
    """Escape, then `code` spans and **bold** as in the markdown."""
    text = html_module.escape(text)
    parts = text.split("`")
    text = "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))
    parts = text.split("**")
    return "".join(f"<strong>{part}</strong>" if index % 2 else part for index, part in enumerate(parts))


def _both(da, en):
    if da == en:
        return _inline(da)
    return f'<span lang="da">{_inline(da)}</span> <span lang="en" class="en">/ {_inline(en)}</span>'


def _cell_html(cell):
    if isinstance(cell, tuple):
        return _both(*cell)
    return _inline(str(cell))


def _label(measure, titles):
    return (words.measure(measure, "da", titles), words.measure(measure, "en", titles))


def _regime_header(regime):
    return (f"{words.regime(regime, 'da')}", f"{regime}")


def _measure_table(doc, table, regimes, titles, citizens=None):
    """Rows: measures; columns: each regime, every difference and its percentage (and per 1,000 citizens)."""
    differences = pairs(regimes)
    headers = [("Mål", "Measure"), ("id", "id")] + [_regime_header(r) for r in regimes]
    headers += [(pair_name(p), pair_name(p)) for p in differences] + [(f"{pair_name(p)} %", f"{pair_name(p)} %") for p in differences]
    if citizens:
        headers += [(f"{pair_name(p)} pr. 1.000 borgere", f"{pair_name(p)} per 1,000 citizens") for p in differences]
    rows = []
    for measure in table.index:
        values = table.loc[measure]
        row = [_label(measure, titles), f"`{measure}`"] + [number(values.get(r, 0.0), measure) for r in regimes]
        row += [number(values[b] - values[a], measure) for a, b in differences]
        row += [percent(values[b] - values[a], values[a]) for a, b in differences]
        if citizens:
            row += [rate(values[b] - values[a], citizens) for a, b in differences]
        rows.append(row)
    doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2))


def build(comparison, figures=()):
    """The report as a Document."""
    plan = comparison.plan
    regimes = list(plan.regimes)
    variant = primary_variant(plan)
    results = _results(comparison, variant)
    titles, entries = _register_titles()
    months = len(plan.months)
    doc = Document()
    doc.heading(1, "Befolkningssammenligning: " + ", ".join(regimes), "Population comparison: " + ", ".join(regimes))
    skipped = len({e[comparison.line_label] for e in comparison.skipped})
    doc.text(
        f"Befolkningsfil: `{comparison.source}` — **{comparison.citizens:,} forskellige borgere** sammenlignet"
        f" over {months} måneder ({plan.months[0]} til {plan.months[-1]}): **{int(distinct_citizens(results) * months):,} borgermåneder**"
        + (f"; {skipped:,} ugyldige rækker sprunget over (listet nedenfor)" if skipped else "")
        + f". Lov om én plan: {', '.join(words.variant(v, 'da') for v in plan.all_variants)}.",
        f"Population file: `{comparison.source}` — **{comparison.citizens:,} distinct citizens** compared over {months} months "
        f"({plan.months[0]} to {plan.months[-1]}): **{int(distinct_citizens(results) * months):,} citizen-months**"
        + (f"; {skipped:,} invalid rows skipped (listed below)" if skipped else "")
        + f". One Plan law version(s): {', '.join(words.variant(v) for v in plan.all_variants)}.",
    )
    doc.text(
        "Tal er **borgermåneder**: en borger tæller én gang for hver måned, hvor svaret gælder; samtaler er summeret over "
        "borgere og måneder. Procenter er forskellen i forhold til den første ordning i parret. En syntetisk befolkning "
        "(`enplan synth`) hviler på antagelser (nedenfor), ikke statistik: tallene viser, hvordan reglerne adskiller sig."
        + (f" Tabellerne gælder {words.variant(variant, 'da')}; `trial_changes.csv` dækker alle versioner." if len(plan.all_variants) > 1 else ""),
        "Figures are **citizen-months**: a citizen counts once for each month in which the answer holds; meetings are "
        "summed over citizens and months. Percentages are the difference relative to the first regime of the pair. A "
        "synthetic population (`enplan synth`) rests on assumptions (below), not statistics: the figures show how the "
        "rules differ, not how many real citizens are affected."
        + (f" The tables are under the {words.variant(variant)}; `trial_changes.csv` covers every version." if len(plan.all_variants) > 1 else ""),
    )
    doc.text(
        f"Kørsel: {comparison.chunks} del(e), {comparison.seconds:.1f} s. Filer: `results.csv`/`.parquet` (tidy), "
        "`meeting_parity.csv`, `trial_changes.csv`, `manifest.json` (filer, rækker, SHA-256, kommando, version).",
        f"Run: {comparison.chunks} chunk(s), {comparison.seconds:.1f} s. Files: `results.csv`/`.parquet` (tidy), "
        "`meeting_parity.csv`, `trial_changes.csv`, `manifest.json` (files, rows, SHA-256, command, version).",
    )

    doc.heading(2, "Hele befolkningen", "The whole population")
    whole = _totals(results, ["measure"]).reindex(columns=regimes).fillna(0.0)
    whole = whole.loc[[m for m in plan.measures if m in whole.index]]
    _measure_table(doc, whole, regimes, titles, citizens=comparison.citizens * months)
    doc.text("Pr. 1.000 borgere: pr. 1.000 borgermåneder, dvs. pr. 1.000 borgere i en gennemsnitlig måned.",
             "Per 1,000 citizens: per 1,000 citizen-months, i.e. per 1,000 citizens in an average month.")

    changes = trial_changes(comparison)
    if changes is not None:
        doc.heading(2, "Hvad forsøget ændrer i forhold til hver version af lov om én plan",
                    "What the trial changes relative to each version of the One Plan law")
        doc.text(
            "trial − one_plan_law pr. paragraf, hele netværket og pr. kommune (borgermåneder over perioden; samtaler for "
            "samtalemålene). Temaerne er borgmestrenes brev, Bilag 2. Versionerne kommer fra motoren "
            "(`regimes.load(..., one_plan_law_variant=...)`).",
            "trial − one_plan_law per paragraph, the whole network and per municipality (citizen-months over the window; "
            "meetings for the meeting measures). The themes are the mayors' letter, Bilag 2. The versions come from the "
            "engine (`regimes.load(..., one_plan_law_variant=...)`).",
        )
        network = changes[changes["municipality"] == "all"]
        headers = [("Tema", "Theme"), ("Paragraf", "Paragraph")]
        for v in plan.all_variants:
            headers += [(f"{v}: one_plan_law", f"{v}: one_plan_law"), (f"{v}: trial", f"{v}: trial"),
                        (f"{v}: trial − one_plan_law", f"{v}: trial − one_plan_law"), (f"{v}: %", f"{v}: %")]
        rows = []
        for measure in CHANGE_MEASURES:
            row = [(_theme_pair(measure)), _label(measure, titles)]
            for v in plan.all_variants:
                line = network[(network["measure"] == measure) & (network["one_plan_law_variant"] == v)]
                if line.empty:
                    row += ["–"] * 4
                    continue
                line = line.iloc[0]
                row += [number(line["one_plan_law"], measure), number(line["trial"], measure),
                        number(line["trial_minus_one_plan_law"], measure), percent(line["trial_minus_one_plan_law"], line["one_plan_law"])]
            rows.append(row)
        doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2))
        for v in plan.all_variants:
            doc.heading(3, f"Pr. kommune, {words.variant(v, 'da')}: trial − one_plan_law pr. 1.000 borgere pr. måned",
                        f"Per municipality, {words.variant(v)}: trial − one_plan_law per 1,000 citizens per month")
            this = changes[(changes["one_plan_law_variant"] == v) & (changes["municipality"] != "all")]
            municipalities = list(dict.fromkeys(this["municipality"]))
            wide = this.pivot_table(index="measure", columns="municipality", values="per_1000_citizens_per_month", observed=True)
            rows = []
            for measure in CHANGE_MEASURES:
                if measure in wide.index:
                    rows.append([_label(measure, titles)] + [f"{wide.loc[measure, m]:+,.1f}" if m in wide.columns and not numpy.isnan(wide.loc[measure, m]) else "–" for m in municipalities])
            doc.table([("Paragraf", "Paragraph")] + [(m, m) for m in municipalities], rows, [False] + [True] * len(municipalities))

    for path in figures:
        name = os.path.basename(path)
        doc.figure(path, *FIGURE_CAPTIONS.get(name, (name, name)))

    doc.heading(2, "Pr. kommune", "Per municipality")
    citizens_by = distinct_citizens(results, "municipality")
    plans = _totals(results, ["municipality"], ["separate_plans_total"]).reindex(columns=regimes)
    headers = [("Kommune", "Municipality"), ("Borgere (gns. pr. måned)", "Citizens (average per month)")] + [
        (f"Særskilte planer pr. 1.000 borgere pr. måned: {r}", f"Separate plans per 1,000 citizens per month: {r}") for r in regimes
    ]
    rows = [[m, number(citizens_by.get(m, 0))] + [rate(plans.loc[m, r] / months, citizens_by.get(m, 0)) for r in regimes] for m in plans.index]
    doc.table(headers, rows, [False] + [True] * (len(headers) - 1))
    for heading, level in ((("Pr. kommune, alle mål", "Per municipality, every measure"), "municipality"),
                           (("Pr. målgruppe", "Per target group"), "target_group")):
        doc.heading(2, *heading)
        per_level = _totals(results, [level, "measure"])
        citizens_by = distinct_citizens(results, level)
        for key in per_level.index.get_level_values(0).unique():
            table = per_level.loc[key].reindex(columns=regimes).fillna(0.0)
            table = table.loc[[m for m in plan.measures if m in table.index]]
            doc.heading(3, f"{key} ({number(citizens_by.get(key, 0))} borgere)", f"{key} ({number(citizens_by.get(key, 0))} citizens)")
            _measure_table(doc, table, regimes, titles)

    doc.heading(2, "Kommune × målgruppe (nøglemål, borgermåneder over perioden)",
                "Municipality × target group (key measures, citizen-months over the window)")
    cells = _totals(results, ["municipality", "target_group", "measure"], KEY_MEASURES + ("citizen_months",))
    wide = cells.unstack("measure")
    columns = [(m, r) for m in KEY_MEASURES for r in regimes if (r, m) in wide.columns and wide[(r, m)].fillna(0).any()]
    headers = [("Kommune", "Municipality"), ("Målgruppe", "Target group"), ("Borgere (gns. pr. måned)", "Citizens (average per month)")]
    headers += [(f"{words.measure(m, 'da')}: {r}", f"{words.measure(m)}: {r}") for m, r in columns]
    rows = []
    for (municipality, group), line in wide.iterrows():
        rows.append([municipality, group, number(line[(regimes[0], "citizen_months")] / months)]
                    + [number(line[(r, m)], m) for m, r in columns])
    doc.text("En kolonne, der er nul i alle rækker, er udeladt.", "A column that is zero in every row is left out.")
    doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2))

    _parity(doc, comparison, regimes, variant)
    _register(doc, results, regimes, titles, entries, plan)
    _assumptions(doc, comparison)
    if comparison.skipped:
        doc.heading(2, "Overspringede rækker", "Skipped rows")
        doc.text("Hver ugyldig værdi i hver oversprunget række (også i `skipped_rows.csv`):",
                 "Every invalid value of every skipped row (also in `skipped_rows.csv`):")
        label = comparison.line_label
        doc.table([(label, label), ("person_id", "person_id"), ("felt", "field"), ("værdi", "value"), ("fejl", "message")],
                  [[str(e[label]), str(e["person_id"]), e["field"], str(e["value"]), e["message"]] for e in comparison.skipped],
                  [True, False, False, False, False])
    return doc


def _theme_pair(measure):
    return (words.theme(measure, "da"), words.theme(measure, "en"))


def _parity(doc, comparison, regimes, variant):
    plan = comparison.plan
    doc.heading(2, "Samtaleparitet pr. kohorte (kommune × målgruppe, kalenderår)",
                "Meeting parity per cohort (municipality × target group, calendar year)")
    doc.text(
        "Kohortens gennemsnitlige afholdte samtaler mod det gennemsnit, de ordinære regler ville kræve, afgjort af hver "
        "ordnings `meeting_parity_held` (forsøgets tolerance `trial.meeting_parity_tolerance` er uverificeret: tvivlsregistret R9).",
        "The cohort's average meetings held against the average the ordinary contact rules would require, decided by "
        "each regime's `meeting_parity_held` (the trial's tolerance `trial.meeting_parity_tolerance` is unverified: "
        "ambiguity register R9). Meetings held are an input of the population file.",
    )
    partial = sorted({int(m[:4]) for m in plan.months} - set(plan.parity_years))
    if partial:
        years = ", ".join(str(y) for y in partial)
        doc.text(f"År, der kun delvis ligger i perioden, vurderes ikke (paritet er årlig): {years}.",
                 f"Years only partly inside the months compared are not assessed (parity is a yearly quantity): {years}.")
    parity = comparison.parity
    if "one_plan_law_variant" in parity:
        parity = parity[parity["one_plan_law_variant"] == variant]
    if not len(parity):
        doc.text("Intet kalenderår ligger helt i perioden, så ingen kohorte blev vurderet.",
                 "No calendar year lies wholly inside the months compared, so no cohort was assessed.")
        return
    parity = parity[parity["target_group"] != "none"]
    for year in plan.parity_years:
        this = parity[parity["year"] == year]
        if this.empty:
            continue
        first = this[this["regime"] == regimes[0]].set_index(["municipality", "target_group"])
        held = this.pivot_table(index=["municipality", "target_group"], columns="regime", values="meeting_parity_held",
                                aggfunc="first", observed=True).reindex(columns=regimes)
        in_trial = this[this["regime"] == "trial"].set_index(["municipality", "target_group"])["cohort_in_trial"] if "trial" in regimes else None
        headers = [("Kommune", "Municipality"), ("Målgruppe", "Target group"), ("Medlemmer", "Members"),
                   ("Gns. afholdt", "Average held"), ("Gns. krævet", "Average required")]
        headers += [(f"Paritet: {r}", f"Parity: {r}") for r in regimes]
        if in_trial is not None:
            headers.append(("Helt i forsøget", "Wholly in trial"))
        rows = []
        for key, line in first.iterrows():
            row = list(key) + [number(line["members"]), f"{line['average_meetings_held']:,.2f}", f"{line['average_ordinary_required_meetings']:,.2f}"]
            row += [("overholdt", "held") if held.loc[key, r] else ("IKKE overholdt", "NOT held") for r in regimes]
            if in_trial is not None:
                row.append(("ja", "yes") if in_trial.get(key, False) else ("nej", "no"))
            rows.append(row)
        doc.heading(3, str(year), str(year))
        doc.table(headers, rows, [False, False, True, True, True] + [False] * (len(headers) - 5))


def _register(doc, results, regimes, titles, entries, plan):
    doc.heading(2, "Svar der hviler på tvivlsregistret", "Answers resting on the ambiguity register")
    if not plan.ambiguities:
        doc.text("Tvivlsregistret er ikke installeret: intet blev markeret.", "The ambiguity register is not installed: nothing was flagged.")
        return
    doc.text(
        "Hver post i registret (R: modsigelser i kilderne, U: åbne læsninger), den læsning motoren tager, og de "
        "borgermåneder hvis svar hviler på den.",
        "Every entry of the register (R: contradictions in the sources, U: open readings), the reading the engine takes, "
        "and the citizen-months whose answers rest on it.",
    )
    measures = ["ambiguity_any"] + [f"ambiguity_{e}" for e in plan.ambiguities]
    table = _totals(results, ["measure"], measures).reindex(columns=regimes).reindex(measures).fillna(0.0)
    by_id = {e["id"]: e for e in entries}
    headers = [("Post", "Entry"), ("Titel", "Title"), ("Motorens læsning", "The engine's reading")] + [_regime_header(r) for r in regimes]
    rows = []
    for measure in measures:
        entry = by_id.get(measure.removeprefix("ambiguity_"), {})
        title = titles.get(entry.get("id"), ("enhver post", "any entry"))
        reading = (entry.get("reading_da") or entry.get("reading", ""), entry.get("reading", "")) if entry else ("", "")
        rows.append([entry.get("id", "any"), title, reading] + [number(table.loc[measure, r]) for r in regimes])
    doc.table(headers, rows, [False, False, False] + [True] * len(regimes))
    doc.heading(3, "Pr. kommune (borgermåneder, sidste ordning)", f"Per municipality (citizen-months, {regimes[-1]})")
    per = results[results["measure"].isin(measures) & (results["regime"] == regimes[-1])]
    wide = per.groupby(["measure", "municipality"], observed=True)["value"].sum().unstack("municipality").reindex(measures).fillna(0.0)
    doc.table([("Post", "Entry")] + [(m, m) for m in wide.columns],
              [[m.removeprefix("ambiguity_")] + [number(v) for v in wide.loc[m]] for m in measures],
              [False] + [True] * len(wide.columns))


def _assumptions(doc, comparison):
    from enplan_rules.population import synth

    doc.heading(2, "Antagelser bag den syntetiske befolkning", "Assumptions behind the synthetic population")
    doc.text(
        "Fra `enplan_rules/population/assumptions.yaml` (status: assumption). De gælder kun en befolkning fra `enplan synth`.",
        "From `enplan_rules/population/assumptions.yaml` (status: assumption). They apply only to a population made by `enplan synth`.",
    )
    assumptions = synth.load_assumptions()
    rows = []
    for key, value in assumptions.items():
        if key in ("status", "participation"):
            continue
        text = _short(value)
        rows.append([f"`{key}`", text])
    doc.table([("Antagelse", "Assumption"), ("Værdi", "Value")], rows)
    rule = assumptions.get("participation")
    plan = comparison.plan
    if rule and "trial" in plan.regimes:
        month = rule["reference_month"]
        doc.heading(3, f"Deltagere i forsøget: model mod midtvejsstatus ({month})",
                    f"Participants in the trial: model versus the mid-term status ({month})")
        results = _results(comparison)
        this = results[(results["regime"] == "trial") & (results["measure"] == "in_en_plan_trial")
                       & (results["month"] == pandas.Timestamp(month + "-01"))]
        model = this.groupby("municipality", observed=True)["value"].sum()
        if month not in plan.months:
            doc.text(f"{month} ligger uden for perioden: ingen modeltal.", f"{month} is outside the months compared: no model figures.")
        doc.text(
            "Modellen: borgere i forsøget ifølge motoren (`in_en_plan_trial`, børn med via en deltagende forælder) i "
            "befolkningen der blev sammenlignet; `enplan synth` udskriver også tallet i den rapporterede enhed. "
            "Det rapporterede tal gælder hele kommunen; en mindre syntetisk befolkning har forholdsvis færre.",
            "The model: citizens in the trial according to the engine (`in_en_plan_trial`, children through a "
            "participating parent) in the population compared; `enplan synth` also prints the figure in the reported "
            "unit. The reported figure is for the whole municipality; a smaller synthetic population has "
            "proportionally fewer.",
        )
        rows = []
        for name, reported in sorted(rule["reported"].items()):
            rows.append([name, number(reported["count"]), reported["unit"],
                         number(model.get(name, 0.0)) if month in plan.months else "–", reported["quote"], reported["source"]])
        doc.table([("Kommune", "Municipality"), ("Rapporteret", "Reported"), ("Enhed", "Unit"),
                   ("Model: borgere i forsøget", "Model: citizens in the trial"), ("Citat", "Quote"), ("Kilde", "Source")],
                  rows, [False, True, False, True, False, False])


def _short(value, limit=220):
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {_short(v, 60)}" for k, v in value.items())
    elif isinstance(value, list):
        text = "; ".join(_short(v, 60) for v in value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


FIGURE_CAPTIONS = {
    "regimes_over_time.png": ("Hver ordning pr. måned, hele befolkningen", "Each regime per month, the whole population"),
    "differences_over_time.png": ("Forskellene mellem ordningerne pr. måned", "The differences between the regimes per month"),
    "separate_plans_by_paragraph.png": ("Forskellen i særskilte planer pr. paragraf", "The difference in separate plans per paragraph"),
    "separate_plans_by_municipality.png": ("Forskellen i særskilte planer pr. kommune, pr. 1.000 borgere",
                                           "The difference in separate plans per municipality, per 1,000 citizens"),
    "trial_vs_one_plan_law_versions.png": ("Hvad forsøget ændrer i forhold til hver version af lov om én plan",
                                           "What the trial changes relative to each version of the One Plan law"),
}


def summary(comparison, figures=()):
    """summary.md (English)."""
    return build(comparison, figures).markdown()


def html(comparison, figures=()):
    """report.html: self-contained (plots embedded), Danish and English."""
    return build(comparison, figures).html("En Plan: befolkningssammenligning / population comparison")


# ---------------------------------------------------------------- plots


def _monthly(results, measures):
    frame = results[results["measure"].isin(measures)]
    return frame.groupby(["measure", "month", "regime"], observed=True)["value"].sum().unstack("regime")


def plots(comparison, directory):
    """PNG plots; return the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(directory, exist_ok=True)
    plan = comparison.plan
    results = _results(comparison)
    regimes = list(plan.regimes)
    month_index = numpy.arange(len(plan.months))
    month_dates = numpy.array(plan.months, dtype="datetime64[M]").astype("datetime64[D]")
    step = max(1, len(month_index) // 14)
    citizens_per_month = (
        results[(results["measure"] == "citizen_months") & (results["regime"] == regimes[0])].groupby("month")["value"].sum().reindex(month_dates).to_numpy()
    )
    constant = bool(len(citizens_per_month)) and numpy.allclose(citizens_per_month, citizens_per_month[0]) and citizens_per_month[0] > 0
    written = []
    variant = primary_variant(plan)
    subtitle = f"{comparison.citizens:,} citizens, {plan.months[0]} to {plan.months[-1]}" + (
        f", One Plan law: {variant}" if len(plan.all_variants) > 1 else ""
    )

    def law_dates(axis, labelled):
        for month, text in LAW_DATES:
            position = numpy.searchsorted(month_dates, numpy.datetime64(month + "-01")) - 0.5
            if month_dates[0] <= numpy.datetime64(month + "-01") <= month_dates[-1]:
                axis.axvline(position, color="#555", linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
                if labelled:
                    axis.text(position + 0.15, 0.03, text.split(" / ")[0], transform=axis.get_xaxis_transform(), rotation=90,
                              fontsize=6.5, ha="left", va="bottom", color="#333",
                              bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 0.5})

    def per_thousand(axis, unit):
        if constant:
            base = citizens_per_month[0]
            secondary = axis.secondary_yaxis("right", functions=(lambda v: v * 1000.0 / base, lambda v: v * base / 1000.0))
            secondary.set_ylabel("per 1,000 citizens", fontsize=7)
            secondary.tick_params(labelsize=7)

    def finish(figure, axes, name, right=0.8):
        figure.subplots_adjust(left=0.08, right=right, top=1 - 0.85 / figure.get_figheight(), bottom=0.75 / figure.get_figheight(), hspace=0.5)
        for axis in axes:
            axis.set_xlim(month_index[0] - 0.7, month_index[-1] + 0.7)
            axis.grid(alpha=0.3)
            axis.tick_params(labelsize=7)
            axis.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{v:,.1f}"))
        axes[-1].set_xticks(month_index[::step])
        axes[-1].set_xticklabels([plan.months[i] for i in month_index[::step]], rotation=45, fontsize=7)
        dated = any(month_dates[0] <= numpy.datetime64(month + "-01") <= month_dates[-1] for month, _ in LAW_DATES)
        axes[-1].set_xlabel("month" + (" (the dashed verticals are the law dates)" if dated else ""), fontsize=8)
        path = os.path.join(directory, name)
        figure.savefig(path, dpi=100)  # fixed margins (subplots_adjust): "tight" would draw everything twice
        plt.close(figure)
        written.append(path)

    monthly = _monthly(results, KEY_MEASURES)

    def series(measure, regime):
        if measure not in monthly.index.get_level_values(0):
            return numpy.zeros(len(month_index))
        data = monthly.loc[measure].reindex(month_dates)
        return data[regime].fillna(0.0).to_numpy() if regime in data else numpy.zeros(len(month_index))

    # 1. every regime per month
    figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(11, 2.9 * len(KEY_MEASURES)), sharex=True)
    for index, (axis, measure) in enumerate(zip(axes, KEY_MEASURES, strict=True)):
        for regime in regimes:
            axis.plot(month_index, series(measure, regime), label=regime, markevery=max(1, len(month_index) // 20), **STYLES.get(regime, {}))
        axis.set_title(f"{words.measure(measure)}\n{words.measure(measure, 'da')}", fontsize=9, loc="left")
        unit = "meetings per month" if measure in words.MEETING_MEASURES else "citizens per month"
        axis.set_ylabel(unit, fontsize=8)
        axis.set_ylim(bottom=0)
        per_thousand(axis, unit)
        law_dates(axis, labelled=index == 0)
        axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.07, 1.0), framealpha=0.9)
    figure.suptitle(f"Each regime per month, whole population ({subtitle})", fontsize=10, x=0.08, ha="left")
    finish(figure, axes, "regimes_over_time.png")

    if len(regimes) > 1:
        differences = pairs(regimes)
        figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(11, 2.9 * len(KEY_MEASURES)), sharex=True)
        for index, (axis, measure) in enumerate(zip(axes, KEY_MEASURES, strict=True)):
            for style, (a, b) in zip(itertools.cycle(PAIR_STYLES), differences):
                axis.plot(month_index, series(measure, b) - series(measure, a), label=pair_name((a, b)),
                          markevery=max(1, len(month_index) // 20), **style)
            axis.axhline(0, color="black", linewidth=0.6)
            axis.set_title(f"{words.measure(measure)}: difference\n{words.measure(measure, 'da')}: forskel", fontsize=9, loc="left")
            unit = "meetings per month" if measure in words.MEETING_MEASURES else "citizens per month"
            axis.set_ylabel(f"difference, {unit}", fontsize=8)
            per_thousand(axis, unit)
            law_dates(axis, labelled=index == 0)
            axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.07, 1.0), framealpha=0.9)
        figure.suptitle(f"Differences between the regimes per month ({subtitle})", fontsize=10, x=0.08, ha="left")
        finish(figure, axes, "differences_over_time.png")

        paragraphs = _monthly(results, engine.PLAN_VARIABLES)
        figure, axes = plt.subplots(len(differences), 1, figsize=(11, 3.4 * len(differences)), sharex=True, squeeze=False)
        for index, (axis, (a, b)) in enumerate(zip(axes[:, 0], differences, strict=True)):
            unchanged = []
            for number_, measure in enumerate(engine.PLAN_VARIABLES):
                if measure not in paragraphs.index.get_level_values(0):
                    unchanged.append(words.measure(measure))
                    continue
                data = paragraphs.loc[measure].reindex(month_dates).fillna(0.0)
                values = (data[b] - data[a]).to_numpy()
                if not values.any():
                    unchanged.append(words.measure(measure))
                    continue
                axis.plot(month_index, values, label=words.measure(measure), color=matplotlib.colormaps["tab10"](number_ % 10),
                          linestyle=CYCLE_LINES[number_ % 4], marker=CYCLE_MARKERS[number_ % 10], markersize=3,
                          markevery=max(1, len(month_index) // 15))
            axis.axhline(0, color="black", linewidth=0.6)
            axis.set_title(f"Separate plans required per paragraph: {pair_name((a, b))}", fontsize=9, loc="left")
            axis.set_ylabel("difference, citizens per month", fontsize=8)
            per_thousand(axis, "citizens")
            law_dates(axis, labelled=index == 0)
            handles, names = axis.get_legend_handles_labels()
            if unchanged:
                handles.append(matplotlib.lines.Line2D([], [], linestyle="none"))
                names.append(textwrap.fill("no change: " + "; ".join(unchanged), 48))
            axis.legend(handles, names, fontsize=7, loc="upper left", bbox_to_anchor=(1.08, 1.0), framealpha=0.9)
        figure.suptitle(f"Separate plans per paragraph ({subtitle})", fontsize=10, x=0.08, ha="left")
        finish(figure, axes[:, 0], "separate_plans_by_paragraph.png", right=0.66)

        shown = [pair for pair in differences if pair[1] == regimes[-1]]
        by_municipality = (
            results[results["measure"].isin(["separate_plans_total", "citizen_months"])]
            .groupby(["measure", "municipality", "month", "regime"], observed=True)["value"].sum().unstack("regime")
        )
        figure, axes = plt.subplots(len(shown), 1, figsize=(11, 3.8 * len(shown)), sharex=True, squeeze=False)
        for index, (axis, (a, b)) in enumerate(zip(axes[:, 0], shown, strict=True)):
            municipalities = by_municipality.loc["separate_plans_total"].index.get_level_values(0).unique()
            for number_, municipality in enumerate(municipalities):
                data = by_municipality.loc[("separate_plans_total", municipality)].reindex(month_dates).fillna(0.0)
                people = by_municipality.loc[("citizen_months", municipality)].reindex(month_dates)[a].to_numpy()
                values = 1000.0 * (data[b] - data[a]).to_numpy() / numpy.where(people > 0, people, numpy.nan)
                axis.plot(month_index, values, label=municipality, color=matplotlib.colormaps["tab10"](number_ % 10),
                          linestyle=CYCLE_LINES[number_ % 4], marker=CYCLE_MARKERS[number_ % 10], markersize=3,
                          markevery=max(1, len(month_index) // 15))
            axis.axhline(0, color="black", linewidth=0.6)
            axis.set_title(f"Separate plans required per municipality: {pair_name((a, b))}, per 1,000 citizens of the municipality",
                           fontsize=9, loc="left")
            axis.set_ylabel("difference per 1,000 citizens", fontsize=8)
            law_dates(axis, labelled=index == 0)
            axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), framealpha=0.9)
        figure.suptitle(f"Separate plans per municipality ({subtitle})", fontsize=10, x=0.08, ha="left")
        finish(figure, axes[:, 0], "separate_plans_by_municipality.png", right=0.84)

    changes = trial_changes(comparison)
    if changes is not None:
        written.append(_changes_plot(plt, matplotlib, changes, plan, directory))
    return written


def _changes_plot(plt, matplotlib, changes, plan, directory):
    """Heat map per One Plan law version: paragraph × municipality, trial − one_plan_law per 1,000 citizens per month."""
    variants = plan.all_variants
    municipalities = [m for m in dict.fromkeys(changes["municipality"]) if m != "all"] + ["all"]
    measures = list(CHANGE_MEASURES)
    grids = []
    for v in variants:
        this = changes[changes["one_plan_law_variant"] == v]
        wide = this.pivot_table(index="measure", columns="municipality", values="per_1000_citizens_per_month", observed=True)
        grids.append(wide.reindex(index=measures, columns=municipalities).to_numpy(dtype=float))
    limit = max(1.0, float(numpy.nanmax(numpy.abs(numpy.stack(grids)))) if numpy.isfinite(numpy.stack(grids)).any() else 1.0)
    figure, axes = plt.subplots(1, len(variants), figsize=(5.2 + 5.4 * len(variants), 7.2), squeeze=False, sharey=True)
    image = None
    for axis, v, grid in zip(axes[0], variants, grids, strict=True):
        image = axis.imshow(grid, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
        axis.set_xticks(range(len(municipalities)))
        axis.set_xticklabels(["network" if m == "all" else m for m in municipalities], rotation=45, ha="right", fontsize=7)
        axis.set_yticks(range(len(measures)))
        axis.set_yticklabels([f"{words.measure(m)}" for m in measures], fontsize=7)
        for row in range(grid.shape[0]):
            for column in range(grid.shape[1]):
                value = grid[row, column]
                if numpy.isfinite(value):
                    text = "0" if not value else f"{value:+.1f}" if abs(value) >= 0.05 else f"{value:+.2f}"
                    axis.text(column, row, text, ha="center", va="center", fontsize=6,
                              color="white" if abs(value) > 0.6 * limit else "black")
        axis.set_title(f"trial − one_plan_law ({words.variant(v)})", fontsize=9)
    colorbar = figure.colorbar(image, ax=axes[0].tolist(), shrink=0.8, pad=0.01)
    colorbar.set_label("per 1,000 citizens per month (meetings for the meeting rows)", fontsize=8)
    figure.suptitle(f"What the trial changes relative to each version of the One Plan law, {plan.months[0]} to {plan.months[-1]}", fontsize=10)
    path = os.path.join(directory, "trial_vs_one_plan_law_versions.png")
    figure.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(figure)
    return path
