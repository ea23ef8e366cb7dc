"""What an analyst reads: summary.md and a self-contained report.html (Danish and English).

Both documents are rendered from one list of blocks (headings, paragraphs, tables, charts), so they say the same
thing. report.html draws its charts itself: interactive Plotly charts (pagecharts.py; hover shows the values, the
modebar downloads a PNG) with plotly.js inline, so the page stays self-contained and offline. summary.md links the
PNG files where the command drew them (drawing.py, matplotlib) and otherwise says where the charts are."""

import functools
import html as html_module
import itertools
import json
import os
import re

import numpy
import pandas

from enplan_rules.population import brief as brief_module
from enplan_rules.population import charts, numbers, pagecharts
from enplan_rules.population import labels as words
from enplan_rules.population.neutral import markdown_cell

KEY_MEASURES = charts.KEY_MEASURES
CHANGE_MEASURES = charts.CHANGE_MEASURES


# ---------------------------------------------------------------- numbers


def number(value, measure="", sign=False):
    """(Danish, English): counts as whole numbers, meetings with one decimal (1.234,5 / 1,234.5); never -0."""
    return numbers.pair(value, 1 if measure in words.MEETING_MEASURES else 0, sign=sign)


def percent(change, base):
    return (numbers.percent(change, base, "da"), numbers.percent(change, base, "en"))


def rate(value, citizens):
    return (numbers.rate(value, citizens, "da"), numbers.rate(value, citizens, "en"))


def pairs(regimes):
    """Every difference later − earlier: one_plan_law − sector_law, trial − one_plan_law, trial − sector_law."""
    return sorted(itertools.combinations(regimes, 2), key=lambda pair: (regimes.index(pair[1]) - regimes.index(pair[0]), regimes.index(pair[0])))


def pair_name(pair):
    """The difference as the tables' columns name it (trial − one_plan_law)."""
    return f"{pair[1]} − {pair[0]}"


def pair_words(pair, suffix=("", "")):
    """(Danish, English, markdown) header of a difference column: words in the report, ids in summary.md."""
    return (words.difference(pair, "da") + suffix[0], words.difference(pair, "en") + suffix[1], pair_name(pair) + suffix[1])


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
    """What the trial changes relative to each One Plan law version, per paragraph and municipality. Each row says
    its unit: `one_plan_law`, `trial` and their difference are summed over the months compared, in `unit`
    (citizen-months, or meetings for the meeting measures); `citizens_in_average_month` is the municipality's
    population in an average month; `…_per_month` and `per_1000_citizens_per_month` are per average month.
    None unless both regimes were compared."""
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
    table["citizens_in_average_month"] = citizens.reindex(key).to_numpy()
    table["unit"] = ["meetings" if m in words.MEETING_MEASURES else "citizen-months" for m in table["measure"]]
    table["trial_minus_one_plan_law_per_month"] = table["trial_minus_one_plan_law"] / months
    table["per_1000_citizens_per_month"] = 1000.0 * table["trial_minus_one_plan_law_per_month"] / table["citizens_in_average_month"]
    order = {name: index for index, name in enumerate(CHANGE_MEASURES)}
    table["_order"] = table["measure"].astype(str).map(order)
    table["_variant"] = table["one_plan_law_variant"].astype(str).map({v: i for i, v in enumerate(plan.all_variants)})
    table["_all"] = table["municipality"].astype(str) == "all"
    table = table.sort_values(["_variant", "_order", "_all", "municipality"]).drop(columns=["_order", "_variant", "_all"])
    columns = [
        "one_plan_law_variant", "theme", "paragraph", "paragraph_da", "measure", "municipality", "unit",
        "one_plan_law", "trial", "trial_minus_one_plan_law", "percent",
        "citizens_in_average_month", "trial_minus_one_plan_law_per_month", "per_1000_citizens_per_month",
    ]
    table = table[columns].reset_index(drop=True)
    # Rounded as a reader quotes them: counts whole (meetings to one decimal), per month and % to one decimal, rates to two.
    meetings = table["unit"] == "meetings"
    for name in ("one_plan_law", "trial", "trial_minus_one_plan_law"):
        table[name] = table[name].round(1).where(meetings, table[name].round(0))
    for name, places in (("percent", 1), ("citizens_in_average_month", 1), ("trial_minus_one_plan_law_per_month", 1),
                         ("per_1000_citizens_per_month", 2)):
        table[name] = table[name].round(places) + 0.0  # + 0.0: no -0.0
    for name in ("one_plan_law_variant", "municipality", "measure"):
        table[name] = table[name].astype(str)
    return table


# ---------------------------------------------------------------- the document


class Document:
    """Blocks rendered to markdown (English, the tables' ids in the headers) and to HTML in Danish and English,
    one language shown at a time (a switch at the top: CSS hides the other language; the charts of the language shown
    are drawn by the page's script)."""

    def __init__(self):
        self.blocks = []

    def heading(self, level, da, en, anchor=None):
        self.blocks.append(("h", level, da, en, anchor))

    def text(self, da, en):
        self.blocks.append(("p", da, en))

    def table(self, headers, rows, numeric=None, md_only=()):
        """headers: (da, en) or (da, en, markdown) tuples; rows: cells, each a str or such a tuple; numeric: which
        columns align right; md_only: columns only summary.md shows (ids)."""
        numeric = numeric or [False] * len(headers)
        self.blocks.append(("table", headers, rows, numeric, tuple(md_only)))

    def chart(self, name, figures, paths, da, en, key=False):
        """An interactive chart: figures {"da": Plotly figure, "en": …} (None: no chart in the HTML); paths
        {"da": png, "en": png} of its PNG files where they were drawn (summary.md links the English one); `key`:
        the first screen's chart (its title is in the figure: no caption)."""
        self.blocks.append(("chart", name, figures, paths or {}, da, en, key))

    def fold(self, da, en):
        """A folded section (HTML <details>, open with a click; a level-3 heading in markdown); end it with
        raw("</details>")."""
        self.raw(f'<details class="fold"><summary>{_both(da, en)}</summary>', f"### {en}")

    def raw(self, html_text, markdown_text=""):
        """HTML written as is (already escaped), and its markdown."""
        self.blocks.append(("raw", html_text, markdown_text))

    def markdown(self):
        out = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                out += ["#" * block[1] + " " + block[3], ""]
            elif kind == "p":
                out += [block[2], ""]
            elif kind == "raw":
                if block[2]:
                    out += [block[2], ""]
            elif kind == "table":
                _, headers, rows, numeric, _ = block
                out.append("| " + " | ".join(_pick(h, "md") for h in headers) + " |")
                out.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
                for row in rows:
                    out.append("| " + " | ".join(markdown_cell(_pick(cell, "md")) for cell in row) + " |")
                out.append("")
            elif kind == "chart":
                paths = block[3]
                if paths:
                    path = paths.get("en") or next(iter(paths.values()))
                    out += [f"![{block[5]}](plots/en/{os.path.basename(path)})", ""]
        return "\n".join(out)

    def html(self, title):
        body = [SWITCH]
        charts_json = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                level = min(block[1], 4)
                anchor = f' id="{block[4]}"' if block[4] else ""
                body.append(f"<h{level}{anchor}>{_both(block[2], block[3])}</h{level}>")
            elif kind == "p":
                body.append(f'<p lang="da">{_inline(block[1])}</p><p lang="en">{_inline(block[2])}</p>')
            elif kind == "raw":
                body.append(block[1])
            elif kind == "table":
                _, headers, rows, numeric, md_only = block
                shown = [i for i in range(len(headers)) if i not in md_only]
                head = "".join(f'<th scope="col">{_cell_html(headers[i])}</th>' for i in shown)
                lines = []
                for row in rows:
                    cells = "".join(f'<td class="{"num" if numeric[i] else ""}">{_cell_html(row[i])}</td>' for i in shown)
                    lines.append(f"<tr>{cells}</tr>")
                body.append(f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table></div>')
            elif kind == "chart" and block[2]:
                body.append(_chart_html(block, charts_json))
        if charts_json:
            body.append(NOSCRIPT)
            body += charts_json
            body.append(f"<script>{_plotlyjs()}</script>")
            body.append(f"<script>{DRAW}</script>")
        return (
            '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
            f"<title>{html_module.escape(title)}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
        )


def _plotlyjs():
    """plotly.js (minified, ~4.8 MB), from the plotly package: inline, so the report needs no network."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _json(figure):
    """A figure as JSON that cannot end its <script> element."""
    return json.dumps(figure, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def _chart_html(block, charts_json):
    """One <figure> per language with the element the page draws the chart in; the chart's JSON (appended to
    `charts_json`, written once at the end of the page) says what to draw."""
    _, name, figures, _, da, en, key = block
    out = []
    for lang, caption in (("da", da), ("en", en)):
        figure = figures.get(lang)
        if figure is None:
            continue
        ident = f"chart-{lang}-{len(charts_json) + 1}"
        charts_json.append(f'<script type="application/json" id="{ident}">{_json(figure)}</script>')
        label = html_module.escape(caption)
        # the heat map scrolls sideways on a phone: focusable, so a keyboard scrolls it too
        wide = ' class="chart wide" tabindex="0"' if name == "trial_vs_one_plan_law_versions.png" else ' class="chart"'
        text = "" if key else f"<figcaption>{_inline(caption)}</figcaption>"  # the key chart has its title
        out.append(f'<figure lang="{lang}"{wide} aria-label="{label}"><div class="plot" data-figure="{ident}" '
                   f'style="height:{figure["layout"]["height"]}px"></div>{text}</figure>')
    return "".join(out)


NOSCRIPT = ('<noscript><p lang="da">Figurerne tegnes af siden og kræver JavaScript; <code>enplan compare --png</code> skriver '
            'dem også som PNG-filer.</p><p lang="en">The charts are drawn by the page and need JavaScript; '
            '<code>enplan compare --png</code> also writes them as PNG files.</p></noscript>')
# Draws the charts of the language shown (a chart drawn while hidden gets the wrong size), the other language's when
# the switch shows them; the narrow layout below 640 px; redrawn when the width crosses it (plotly.js resizes the rest).
DRAW = """(function () {
  var figures = {};
  function figure(id) {
    if (!figures[id]) { figures[id] = JSON.parse(document.getElementById(id).textContent); }
    return figures[id];
  }
  function draw() {
    document.querySelectorAll('.plot[data-figure]').forEach(function (element) {
      if (!element.getClientRects().length) { return; }
      var fig = figure(element.dataset.figure);
      var mode = element.clientWidth < __NARROW__ ? 'narrow' : 'layout';
      if (element.dataset.drawn === mode) { return; }
      var layout = JSON.parse(JSON.stringify(fig[mode] || fig.layout));
      element.style.height = layout.height + 'px';
      if (element.dataset.drawn) { Plotly.purge(element); }  // a new layout: drawn afresh, at the width it has now
      var done = Plotly.newPlot(element, fig.data, layout, fig.config);
      element.dataset.drawn = mode;
      done.then(function () { element.classList.add('drawn'); });
    });
  }
  document.querySelectorAll('input[name=lang]').forEach(function (input) { input.addEventListener('change', draw); });
  document.addEventListener('toggle', draw, true);
  var timer;
  window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(draw, 120); });
  draw();
})();""".replace("__NARROW__", str(pagecharts.NARROW))


SWITCH = (
    '<nav class="switch" aria-label="Sprog / Language">'
    '<input type="radio" name="lang" id="lang-da" value="da" checked><label for="lang-da" lang="da">Dansk</label>'
    '<input type="radio" name="lang" id="lang-en" value="en"><label for="lang-en">English</label></nav>'
)
CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1160px;margin:.8em auto;padding:0 1em;color:#222;line-height:1.4}"
    "body:has(#lang-en:checked) [lang=da]:not(label){display:none}"
    "body:not(:has(#lang-en:checked)) [lang=en]{display:none}"
    ".switch{float:right;font-size:.9em;margin:.2em 0 0 1em}.switch label{margin:0 .6em 0 .2em;cursor:pointer}"
    "h1{font-size:1.45em;margin:.2em 0 .4em}h2,h3{margin-top:1.6em}"
    ".brief p{margin:.35em 0;font-size:1.02em}.brief figure{margin:.5em 0 .3em}.brief img{border:0}"
    "details{margin:.3em 0 1em;font-size:.92em}summary{cursor:pointer;color:#0b4f8a}"
    "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}"
    "th{background:#f0f0f0;text-align:left}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".scroll{overflow-x:auto}img{max-width:100%;height:auto;border:1px solid #ddd}figure{margin:1em 0}figcaption{font-size:.85em}"
    ".chart{overflow-x:auto}.chart .plot{width:100%;min-width:288px}.chart.wide .plot{min-width:600px}"
    "code{background:#f4f4f4;padding:0 .2em;overflow-wrap:anywhere}"
    "@media (max-width:640px){body{margin:.4em auto;padding:0 .6em}h1{font-size:1.15em}.brief p{font-size:.95em}}"
)


def _pick(cell, lang):
    """The cell in `lang` ("da", "en", or "md": the markdown's, English unless the cell names one)."""
    if isinstance(cell, tuple):
        if lang == "md":
            return cell[2] if len(cell) > 2 else cell[1]
        return cell[0] if lang == "da" else cell[1]
    return str(cell)


@functools.lru_cache(maxsize=1 << 16)
def _inline(text):
    """Escape, then `code` spans and **bold** as in the markdown. (Kept: a report writes the same names and numbers
    many times.)"""
    text = html_module.escape(text)
    parts = text.split("`")
    text = "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))
    parts = text.split("**")
    text = "".join(f"<strong>{part}</strong>" if index % 2 else part for index, part in enumerate(parts))
    return re.sub(r"\[([^\]]+)\]\((#[\w-]+)\)", r'<a href="\2">\1</a>', text)


def _both(da, en):
    if da == en:
        return _inline(da)
    return f'<span lang="da">{_inline(da)}</span><span lang="en">{_inline(en)}</span>'


def _cell_html(cell):
    if isinstance(cell, tuple):
        return _both(cell[0], cell[1])
    return _inline(str(cell))


def _label(measure, titles):
    return (words.measure(measure, "da", titles), words.measure(measure, "en", titles))


def _regime_header(regime):
    """(Danish, English, markdown id) of a regime's column."""
    return (words.regime_short(regime, "da"), words.regime_short(regime, "en"), regime)


def _measure_table(doc, table, regimes, titles, citizens=None):
    """Rows: measures; columns: each regime, every difference and its percentage (and per 1,000 citizens)."""
    differences = pairs(regimes)
    headers = [("Mål", "Measure"), ("id", "id")] + [_regime_header(r) for r in regimes]
    headers += [pair_words(p) for p in differences] + [pair_words(p, (" %", " %")) for p in differences]
    if citizens:
        headers += [pair_words(p, (" pr. 1.000 borgere", " per 1,000 citizens")) for p in differences]
    rows = []
    columns = list(table.columns)
    for measure, line in zip(table.index, table.to_numpy(), strict=True):  # a row as a dict: Series lookups cost
        values = dict(zip(columns, line, strict=True))
        row = [_label(measure, titles), f"`{measure}`"] + [number(values.get(r, 0.0), measure) for r in regimes]
        row += [number(values[b] - values[a], measure) for a, b in differences]
        row += [percent(values[b] - values[a], values[a]) for a, b in differences]
        if citizens:
            row += [rate(values[b] - values[a], citizens) for a, b in differences]
        rows.append(row)
    doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2), md_only=(1,))


RESTS_ON = ("Hvad tallene hviler på", "What the figures rest on")


def figure_sets(figures):
    """{file name: {"da": path, "en": path}} of the plots written (plots/da/…, plots/en/…)."""
    sets = {}
    for path in figures:
        lang = os.path.basename(os.path.dirname(path))
        sets.setdefault(os.path.basename(path), {})[lang if lang in ("da", "en") else "en"] = path
    return sets


def _first_screen(doc, comparison, brief, sets, shown):
    """The question, its answer in words and numbers, the key chart."""
    plan = comparison.plan
    doc.raw('<section class="brief">')
    if brief is None:
        doc.heading(1, f"Befolkningssammenligning: {words.regime_short(plan.regimes[0], 'da')}",
                    f"Population comparison: {words.regime_short(plan.regimes[0], 'en')}", anchor="top")
        doc.text("Kun én ordning er sammenlignet; der er ingen forskel at vise.", "Only one regime was compared; there is no difference to show.")
    else:
        against = words.regime_short(brief.base, "da")
        doc.heading(
            1,
            f"Hvad {words.regime_short(brief.later, 'da').lower()} tillader ud over {against[0].lower() + against[1:]}",
            f"What {words.regime_short(brief.later, 'en').lower()} allows beyond "
            + ("the One Plan law" if brief.base == "one_plan_law" else words.regime_short(brief.base, "en").lower()),
            anchor="top",
        )
        da, en = brief_module.sentences(brief, "da"), brief_module.sentences(brief, "en")
        doc.text(da[0], en[0])
        if "key_chart.png" in sets or "key_chart.png" in shown:
            doc.chart("key_chart.png", shown.get("key_chart.png"), sets.get("key_chart.png"), *FIGURE_CAPTIONS["key_chart.png"], key=True)
        for first, second in zip(da[1:], en[1:], strict=True):
            doc.text(first, second)
    doc.raw("</section>")


def build(comparison, figures=(), charts=True, changes=None):
    """The report as a Document. `figures`: the paths of the PNG files drawn (drawing.py; summary.md links them);
    `charts`: report.html draws its interactive charts (False: a report without charts, the command's --no-plots);
    `changes`: trial_changes(comparison) where the caller has it already."""
    plan = comparison.plan
    regimes = list(plan.regimes)
    variant = primary_variant(plan)
    results = _results(comparison, variant)
    titles, entries = _register_titles()
    months = len(plan.months)
    doc = Document()
    sets = figure_sets(figures)
    brief = brief_module.compute(comparison)
    changes = trial_changes(comparison) if changes is None else changes
    shown = {}  # {file name: {lang: figure}}
    if charts:
        for lang, pairs_ in pagecharts.figures(comparison, results, changes, brief).items():
            for name, figure in pairs_:
                shown.setdefault(name, {})[lang] = figure
    _first_screen(doc, comparison, brief, sets, shown)
    skipped = len({e[comparison.line_label] for e in comparison.skipped})
    citizen_months = distinct_citizens(results) * months
    doc.raw(f'<details><summary><span lang="da">{RESTS_ON[0]}</span><span lang="en">{RESTS_ON[1]}</span></summary>',
            f"## {RESTS_ON[1]}")
    doc.text(
        f"Befolkningsfil: `{comparison.source}` — **{numbers.fmt(comparison.citizens, 0, 'da')} forskellige borgere** sammenlignet"
        f" over {months} måneder ({words.period(plan.months, 'da')}): **{numbers.fmt(citizen_months, 0, 'da')} borgermåneder**"
        + (f"; {numbers.fmt(skipped, 0, 'da')} ugyldige rækker sprunget over (listet nedenfor)" if skipped else "")
        + f". Lov om én plan: {', '.join(words.variant(v, 'da') for v in plan.all_variants)}.",
        f"Population file: `{comparison.source}` — **{comparison.citizens:,} distinct citizens** compared over {months} months "
        f"({words.period(plan.months, 'en')}): **{numbers.fmt(citizen_months, 0)} citizen-months**"
        + (f"; {skipped:,} invalid rows skipped (listed below)" if skipped else "")
        + f". One Plan law version(s): {', '.join(words.variant(v) for v in plan.all_variants)}.",
    )
    doc.text(
        "En syntetisk befolkning (`enplan synth`) hviler på [antagelser](#antagelser), ikke statistik: tallene viser, hvordan "
        "reglerne adskiller sig, ikke hvor mange virkelige borgere der berøres. Nogle svar hviler på en omstridt læsning "
        "af kilderne ([tvivlsregistret](#tvivlsregistret)), og forsøgets paritetstolerance er en uverificeret værdi (R9).",
        "A synthetic population (`enplan synth`) rests on [assumptions](#antagelser), not statistics: the figures show how "
        "the rules differ, not how many real citizens are affected. Some answers rest on a contested reading of the "
        "sources ([the ambiguity register](#tvivlsregistret)), and the trial's parity tolerance is an unverified value (R9).",
    )
    doc.text(
        "Tabellerne nedenfor tæller **borgermåneder**: en borger tæller én gang for hver måned, hvor svaret gælder; samtaler "
        "er summeret over borgere og måneder. Procenter er forskellen i forhold til den første ordning i parret."
        + (f" Tabellerne gælder {words.variant(variant, 'da')}; `trial_changes.csv` dækker alle versioner." if len(plan.all_variants) > 1 else ""),
        "The tables below count **citizen-months**: a citizen counts once for each month in which the answer holds; meetings "
        "are summed over citizens and months. Percentages are the difference relative to the first regime of the pair."
        + (f" The tables are under the {words.variant(variant)}; `trial_changes.csv` covers every version." if len(plan.all_variants) > 1 else ""),
    )
    doc.text(
        f"Kørsel: {comparison.chunks} del(e), {numbers.fmt(comparison.seconds, 1, 'da')} s. Filer: `results.csv`/`.parquet` (tidy), "
        "`meeting_parity.csv`, `trial_changes.csv`, `manifest.json` (filer, rækker, SHA-256, kommando, version).",
        f"Run: {comparison.chunks} chunk(s), {comparison.seconds:.1f} s. Files: `results.csv`/`.parquet` (tidy), "
        "`meeting_parity.csv`, `trial_changes.csv`, `manifest.json` (files, rows, SHA-256, command, version).",
    )
    doc.raw("</details>")

    doc.heading(2, "Hele befolkningen", "The whole population")
    whole = _totals(results, ["measure"]).reindex(columns=regimes).fillna(0.0)
    whole = whole.loc[[m for m in plan.measures if m in whole.index]]
    _measure_table(doc, whole, regimes, titles, citizens=comparison.citizens * months)
    doc.text("Pr. 1.000 borgere: pr. 1.000 borgermåneder, dvs. pr. 1.000 borgere i en gennemsnitlig måned.",
             "Per 1,000 citizens: per 1,000 citizen-months, i.e. per 1,000 citizens in an average month.")

    if changes is not None:
        doc.heading(2, "Hvad forsøget ændrer i forhold til hver version af lov om én plan",
                    "What the trial changes relative to each version of the One Plan law")
        doc.text(
            "Forsøget − lov om én plan pr. paragraf for hele netværket (borgermåneder over perioden; samtaler for "
            "samtalemålene). Temaerne er borgmestrenes brev, Bilag 2. Versionerne kommer fra motoren.",
            "The trial − the One Plan law per paragraph for the whole network (citizen-months over the window; meetings "
            "for the meeting measures). The themes are the mayors' letter, Bilag 2. The versions come from the engine.",
        )
        network = changes[changes["municipality"] == "all"]
        headers = [("Tema", "Theme"), ("Paragraf", "Paragraph")]
        for v in plan.all_variants:
            name = (words.variant_short(v, "da"), words.variant_short(v, "en"), v)
            headers += [tuple(f"{n}: {r}" for n, r in zip(name, ("lov om én plan", "One Plan law", "one_plan_law"), strict=True)),
                        tuple(f"{n}: {r}" for n, r in zip(name, ("forsøget", "trial", "trial"), strict=True)),
                        tuple(f"{n}: {r}" for n, r in zip(name, ("forskel", "difference", "trial − one_plan_law"), strict=True)),
                        tuple(f"{n}: %" for n in name)]
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
                        number(line["trial_minus_one_plan_law"], measure, sign=True),
                        percent(line["trial_minus_one_plan_law"], line["one_plan_law"])]
            rows.append(row)
        doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2))
        _changes_per_municipality(doc, changes, plan, titles)

    doc.heading(2, "Figurer", "Charts", anchor="figurer")
    detail = [name for name in dict.fromkeys(list(shown) + list(sets)) if not name.startswith("key_chart")]
    if not any(name in sets for name in detail):
        doc.raw("", ("The charts are in report.html (interactive: hover for the values; the camera button saves a PNG); "
                     "`enplan compare --png` also writes them as PNG files in plots/.") if shown else
                "No charts were drawn (`--no-plots`).")
    if not shown:
        doc.text("Ingen figurer i denne rapport.", "No charts in this report.")
    for name in detail:
        doc.chart(name, shown.get(name), sets.get(name), *FIGURE_CAPTIONS.get(name, (name, name)))

    doc.heading(2, "Pr. kommune", "Per municipality")
    citizens_by = distinct_citizens(results, "municipality")
    plans = _totals(results, ["municipality"], ["separate_plans_total"]).reindex(columns=regimes)
    headers = [("Kommune", "Municipality"), ("Borgere (gns. pr. måned)", "Citizens (average per month)")] + [
        (f"Særskilte planer pr. 1.000 borgere pr. måned: {words.regime_short(r, 'da').lower()}",
         f"Separate plans per 1,000 citizens per month: {words.regime_short(r, 'en')}",
         f"Separate plans per 1,000 citizens per month: {r}") for r in regimes
    ]
    rows = [[words.both(words.municipality, m), number(citizens_by.get(m, 0))]
            + [rate(plans.loc[m, r] / months, citizens_by.get(m, 0)) for r in regimes] for m in plans.index]
    doc.table(headers, rows, [False] + [True] * (len(headers) - 1))
    for heading, level in ((("Pr. kommune, alle mål", "Per municipality, every measure"), "municipality"),
                           (("Pr. målgruppe", "Per target group"), "target_group")):
        doc.heading(2, *heading)
        per_level = _totals(results, [level, "measure"])
        citizens_by = distinct_citizens(results, level)
        for key in per_level.index.get_level_values(0).unique():
            table = per_level.loc[key].reindex(columns=regimes).fillna(0.0)
            table = table.loc[[m for m in plan.measures if m in table.index]]
            name = words.municipality if level == "municipality" else words.target_group
            count = number(citizens_by.get(key, 0))
            doc.fold(f"{name(key, 'da')} ({count[0]} borgere i en gennemsnitlig måned)",
                     f"{name(key, 'en')} ({count[1]} citizens in an average month)")
            _measure_table(doc, table, regimes, titles)
            doc.raw("</details>")

    doc.heading(2, "Kommune × målgruppe (nøglemål, borgermåneder over perioden)",
                "Municipality × target group (key measures, citizen-months over the window)")
    cells = _totals(results, ["municipality", "target_group", "measure"], KEY_MEASURES + ("citizen_months",))
    wide = cells.unstack("measure")
    columns = [(m, r) for m in KEY_MEASURES for r in regimes if (r, m) in wide.columns and wide[(r, m)].fillna(0).any()]
    headers = [("Kommune", "Municipality"), ("Målgruppe", "Target group"), ("Borgere (gns. pr. måned)", "Citizens (average per month)")]
    headers += [(f"{words.measure(m, 'da')}: {words.regime_short(r, 'da').lower()}", f"{words.measure(m)}: {words.regime_short(r, 'en')}",
                 f"{words.measure(m)}: {r}") for m, r in columns]
    rows = []
    position = {column: index for index, column in enumerate(wide.columns)}
    for (municipality, group), line in zip(wide.index, wide.to_numpy(dtype=float), strict=True):  # (not a Series a cell)
        rows.append([words.both(words.municipality, municipality), words.both(words.target_group, group),
                     number(line[position[(regimes[0], "citizen_months")]] / months)]
                    + [number(line[position[(r, m)]], m) for m, r in columns])
    doc.fold("Tabellen (en kolonne, der er nul i alle rækker, er udeladt)", "The table (a column that is zero in every row is left out)")
    doc.table(headers, rows, [False, False] + [True] * (len(headers) - 2))
    doc.raw("</details>")

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


def _changes_per_municipality(doc, changes, plan, titles):
    """Per municipality, per 1,000 citizens per month: one table per One Plan law version, versions whose tables are
    the same shown once (and said)."""
    shown = []
    for v in plan.all_variants:
        this = changes[(changes["one_plan_law_variant"] == v) & (changes["municipality"] != "all")]
        wide = this.pivot_table(index="measure", columns="municipality", values="per_1000_citizens_per_month", observed=True)
        wide = wide.reindex([m for m in CHANGE_MEASURES if m in wide.index])
        for group in shown:
            if group[1].shape == wide.shape and numpy.allclose(group[1].to_numpy(), wide.to_numpy(), atol=0.05, equal_nan=True):
                group[0].append(v)
                break
        else:
            shown.append(([v], wide))
    for variants, wide in shown:
        names_da = " = ".join(words.variant_short(v, "da") for v in variants)
        names_en = " = ".join(words.variant_short(v, "en") for v in variants)
        same = (" (ens)", " (the same)") if len(variants) > 1 else ("", "")
        doc.heading(3, f"Pr. kommune, {names_da}{same[0]}: forsøget − lov om én plan pr. 1.000 borgere pr. måned",
                    f"Per municipality, {names_en}{same[1]}: the trial − the One Plan law per 1,000 citizens per month")
        municipalities = list(wide.columns)
        rows = []
        for measure in wide.index:
            rows.append([_label(measure, titles)] + [numbers.pair(wide.loc[measure, m], 1, sign=True) for m in municipalities])
        doc.table([("Paragraf", "Paragraph")] + [words.both(words.municipality, m) + (m,) for m in municipalities],
                  rows, [False] + [True] * len(municipalities))


def _theme_pair(measure):
    return (words.theme(measure, "da"), words.theme(measure, "en"))


def _parity(doc, comparison, regimes, variant):
    plan = comparison.plan
    doc.heading(2, "Samtaleparitet pr. kohorte (kommune × målgruppe, pr. periode)",
                "Meeting parity per cohort (municipality × target group, per period)")
    doc.text(
        "Kohortens gennemsnitlige afholdte samtaler mod det gennemsnit, de ordinære regler ville kræve, afgjort af hver "
        "ordnings `meeting_parity_held` (forsøgets tolerance `trial.meeting_parity_tolerance` er uverificeret: tvivlsregistret R9).",
        "The cohort's average meetings held against the average the ordinary contact rules would require, decided by "
        "each regime's `meeting_parity_held` (the trial's tolerance `trial.meeting_parity_tolerance` is unverified: "
        "ambiguity register R9). Meetings held are an input of the population file.",
    )
    calendar = [int(window[0][:4]) for window in plan.parity_windows if len(window) == 12 and window[0].endswith("-01")]
    partial = sorted({int(m[:4]) for m in plan.months} - set(calendar)) if calendar else []
    if not calendar:
        period = words.period(plan.months, "da"), words.period(plan.months, "en")
        doc.text(f"Intet kalenderår ligger helt i perioden, så pariteten er vurderet over hele perioden ({period[0]}): "
                 "gennemsnit pr. medlemsår (omregnet til år).",
                 f"No calendar year lies wholly inside the months compared, so parity is assessed over the whole window "
                 f"({period[1]}): averages per member-year (annualised).")
    if partial:
        years = ", ".join(str(y) for y in partial)
        doc.text(f"År, der kun delvis ligger i perioden, vurderes ikke (paritet er årlig): {years}.",
                 f"Years only partly inside the months compared are not assessed (parity is a yearly quantity): {years}.")
    parity = comparison.parity
    if "one_plan_law_variant" in parity:
        parity = parity[parity["one_plan_law_variant"] == variant]
    if not len(parity):
        doc.text("Ingen kohorte blev vurderet.", "No cohort was assessed.")
        return
    parity = parity[parity["target_group"] != "none"]
    for window in plan.parity_windows:
        label = f"{window[0]}..{window[-1]}"
        this = parity[parity["window"] == label]
        if this.empty:
            continue
        first = this[this["regime"] == regimes[0]].set_index(["municipality", "target_group"])
        held = this.pivot_table(index=["municipality", "target_group"], columns="regime", values="meeting_parity_held",
                                aggfunc="first", observed=True).reindex(columns=regimes)
        in_trial = this[this["regime"] == "trial"].set_index(["municipality", "target_group"])["cohort_in_trial"] if "trial" in regimes else None
        headers = [("Kommune", "Municipality"), ("Målgruppe", "Target group"), ("Medlemmer", "Members"),
                   ("Gns. afholdt", "Average held"), ("Gns. krævet", "Average required")]
        headers += [(f"Paritet: {words.regime_short(r, 'da').lower()}", f"Parity: {words.regime_short(r, 'en')}", f"Parity: {r}")
                    for r in regimes]
        if in_trial is not None:
            headers.append(("Helt i forsøget", "Wholly in trial"))
        rows = []
        held_in = held.to_dict("index")  # {cohort: {regime: held}}: read as dicts, not a .loc a cell
        in_trial = in_trial.to_dict() if in_trial is not None else None
        lines = first[["members", "average_meetings_held", "average_ordinary_required_meetings"]].to_numpy(dtype=float)
        for key, (members, held_average, required_average) in zip(first.index, lines, strict=True):
            row = [words.both(words.municipality, key[0]), words.both(words.target_group, key[1]), number(members),
                   numbers.pair(held_average, 2), numbers.pair(required_average, 2)]
            row += [("overholdt", "held") if held_in[key][r] else ("IKKE overholdt", "NOT held") for r in regimes]
            if in_trial is not None:
                row.append(("ja", "yes") if in_trial.get(key, False) else ("nej", "no"))
            rows.append(row)
        whole = len(window) == 12 and window[0].endswith("-01")
        doc.heading(3, window[0][:4] if whole else words.period(window, "da"), window[0][:4] if whole else words.period(window, "en"))
        doc.table(headers, rows, [False, False, True, True, True] + [False] * (len(headers) - 5))


def _register(doc, results, regimes, titles, entries, plan):
    doc.heading(2, "Svar der hviler på tvivlsregistret", "Answers resting on the ambiguity register", anchor="tvivlsregistret")
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
        title = (words.humanise(title[0], "da"), words.humanise(title[1], "en"))
        reading = (entry.get("reading_da") or entry.get("reading", ""), entry.get("reading", "")) if entry else ("", "")
        reading = (words.humanise(reading[0], "da"), words.humanise(reading[1], "en"))
        rows.append([entry.get("id", "any"), title, reading] + [number(table.loc[measure, r]) for r in regimes])
    doc.table(headers, rows, [False, False, False] + [True] * len(regimes))
    doc.heading(3, f"Pr. kommune (borgermåneder, {words.regime_short(regimes[-1], 'da').lower()})",
                f"Per municipality (citizen-months, {words.regime_short(regimes[-1], 'en')})")
    per = results[results["measure"].isin(measures) & (results["regime"] == regimes[-1])]
    wide = per.groupby(["measure", "municipality"], observed=True)["value"].sum().unstack("municipality").reindex(measures).fillna(0.0)
    doc.table([("Post", "Entry")] + [words.both(words.municipality, m) + (m,) for m in wide.columns],
              [[m.removeprefix("ambiguity_")] + [number(v) for v in wide.loc[m]] for m in measures],
              [False] + [True] * len(wide.columns))


def _assumptions(doc, comparison):
    from enplan_rules.population import synth

    doc.heading(2, "Antagelser bag den syntetiske befolkning", "Assumptions behind the synthetic population", anchor="antagelser")
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
        rows.append([f"`{key}`", (words.humanise(text, "da"), words.humanise(text, "en"))])
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
            rows.append([words.both(words.municipality, name), number(reported["count"]), reported["unit"],
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
    "key_chart.png": ("Færre særskilte planer og samtaler pr. måned, pr. 1.000 borgere (tallet ved søjlen: antal pr. måned)",
                      "Fewer separate plans and meetings per month, per 1,000 citizens (the number at each bar: count per month)"),
    "regimes_over_time.png": ("Hver ordning pr. måned, hele befolkningen", "Each regime per month, the whole population"),
    "differences_over_time.png": ("Forskellene mellem ordningerne pr. måned", "The differences between the regimes per month"),
    "separate_plans_by_paragraph.png": ("Forskellen i særskilte planer pr. paragraf", "The difference in separate plans per paragraph"),
    "separate_plans_by_municipality.png": ("Forskellen i særskilte planer pr. kommune, pr. 1.000 borgere",
                                           "The difference in separate plans per municipality, per 1,000 citizens"),
    "trial_vs_one_plan_law_versions.png": ("Hvad forsøget ændrer i forhold til hver version af lov om én plan",
                                           "What the trial changes relative to each version of the One Plan law"),
}


def summary(comparison, figures=(), charts=True):
    """summary.md (English)."""
    return build(comparison, figures, charts).markdown()


def html(comparison, figures=(), charts=True):
    """report.html: self-contained (the charts drawn by the page with plotly.js inline), Danish and English."""
    return build(comparison, figures, charts).html(TITLE)


def rendered(document):
    """(summary.md, report.html) of a built report."""
    return document.markdown(), document.html(TITLE)


TITLE = "En Plan: befolkningssammenligning / population comparison"
