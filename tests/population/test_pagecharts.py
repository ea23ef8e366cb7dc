"""The report's interactive charts (pagecharts.py: Plotly figures the page draws), in Danish and English: what
issue #22 asks of every chart, checked in the figures' JSON; and report.html / summary.md around them."""

import json
import os
import re
import subprocess
import sys

import numpy
import pandas
import population_support as support
import pytest

from enplan_rules import regimes
from enplan_rules.population import brief as brief_module
from enplan_rules.population import charts, compare, pagecharts, report

REGIMES = ("sector_law", "one_plan_law", "trial")
START, END = "2017-12", "2020-02"  # a trial start (2018-01), the One Plan law (2018-07) and LAB's repeal (2020-01) inside
TIME_CHARTS = ("regimes_over_time.png", "differences_over_time.png", "separate_plans_by_paragraph.png",
               "separate_plans_by_municipality.png")
UNITS = {"da": ("borgere", "samtaler", "pr. 1.000 borgere", "måned"), "en": ("citizens", "meetings", "per 1,000 citizens", "month")}


@pytest.fixture(scope="module")
def comparison():
    return compare.compare(support.population(citizens=200, seed=5, outside_share=0.05), REGIMES, START, END,
                           variants=regimes.VARIANTS, progress=False)


@pytest.fixture(scope="module")
def figures(comparison):
    return pagecharts.figures(comparison, report._results(comparison), report.trial_changes(comparison))


def _layouts(figure):
    return (("wide", figure["layout"]), ("narrow", figure["narrow"]))


def _strings(value):
    """Every string in a figure (its values, not plotly.js's keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _panels(layout):
    """The left y axes of the panels of a time chart: {"y", "y2", …: axis}."""
    return {("y" + key[5:]): axis for key, axis in layout.items()
            if key.startswith("yaxis") and "domain" in axis and "overlaying" not in axis}


def _population(comparison):
    results = report._results(comparison)
    people = results[(results["measure"] == "citizen_months") & (results["regime"] == REGIMES[0])]
    return people.groupby("month")["value"].sum().to_numpy()


def test_every_chart_in_the_reports_order_in_both_languages(comparison, figures):
    expected = ["key_chart.png"] + charts.planned(list(REGIMES), report.trial_changes(comparison))
    assert len(expected) == 6
    for lang in ("da", "en"):
        assert [name for name, _ in figures[lang]] == expected
        for _, figure in figures[lang]:
            json.dumps(figure, allow_nan=False)  # plain JSON: no NaN, no numpy


@pytest.mark.parametrize("lang", ["da", "en"])
def test_axis_titles_say_the_unit_in_the_reports_language_and_numbers_are_in_its_format(figures, lang):
    other = "en" if lang == "da" else "da"
    for name, figure in figures[lang]:
        for _, layout in _layouts(figure):
            assert layout["separators"] == (",." if lang == "da" else ".,")
            titled = [axis for key, axis in layout.items() if key.startswith(("xaxis", "yaxis")) and axis.get("type") != "category"]
            titled += [axis["colorbar"] for key, axis in layout.items() if key.startswith("coloraxis")]
            assert titled, name
            for axis in titled:
                text = axis["title"]["text"].replace("<br>", " ")
                assert any(unit in text for unit in UNITS[lang]), (name, text)
                assert not any(re.search(rf"\b{re.escape(unit)}\b", text) for unit in UNITS[other] if unit not in UNITS[lang]), (name, text)
            if name in TIME_CHARTS:
                last = layout["xaxis" + ("" if len(_panels(layout)) == 1 else str(len(_panels(layout))))]
                assert UNITS[lang][3] in last["title"]["text"]
                months = last["categoryarray"]
                assert months[0] == ("dec. 2017" if lang == "da" else "Dec 2017") and len(months) == 27


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_time_panel_marks_the_dates_of_the_laws_and_trial_orders(comparison, figures, lang):
    months = list(comparison.plan.months)
    expected = {months.index(month) - 0.5: text for month, text in charts.date_marks(lang) if months[0] <= month <= months[-1]}
    assert len(expected) == 3  # a trial start, the One Plan law and LAB's repeal
    for name, figure in figures[lang]:
        if name not in TIME_CHARTS:
            continue
        for _, layout in _layouts(figure):
            panels = _panels(layout)
            assert len(panels) >= 2
            for panel in panels:
                lines = {shape["x0"] for shape in layout["shapes"] if shape["yref"] == f"{panel} domain" and shape["line"]["dash"] == "dash"}
                assert lines == set(expected), (name, panel)
                texts = {a["x"]: a["text"].replace("<br>", " ") for a in layout["annotations"] if a.get("yref") == f"{panel} domain"}
                assert texts == expected, (name, panel)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_legends_lie_inside_the_figure_and_each_panel_has_its_own_where_they_differ(figures, lang):
    for name, figure in figures[lang]:
        for _, layout in _layouts(figure):
            legends = {key: value for key, value in layout.items() if re.fullmatch(r"legend\d*", key)}
            for key, legend in legends.items():
                assert 0 <= legend["x"] <= 1 and 0 <= legend["y"] <= 1, (name, key, legend)
            shown = {trace.get("legend", "legend") for trace in figure["data"] if trace.get("showlegend", True) and trace.get("name")}
            assert shown <= set(legends) or name == "trial_vs_one_plan_law_versions.png", name
            if name in ("regimes_over_time.png", "differences_over_time.png", "separate_plans_by_paragraph.png"):
                assert len(legends) == len(_panels(layout))  # the panels' series differ: a legend each
            if name == "separate_plans_by_municipality.png":
                assert list(legends) == ["legend"]  # the same municipalities on every panel: one legend


@pytest.mark.parametrize("lang", ["da", "en"])
def test_coinciding_series_are_named_as_such_and_stay_distinguishable(figures, lang):
    same = "samme som" if lang == "da" else "same as"
    found = 0
    for name, figure in figures[lang]:
        if name not in TIME_CHARTS:
            continue
        by_panel = {}
        for trace in figure["data"]:
            if trace.get("showlegend", True) is not False and trace.get("name"):
                by_panel.setdefault(trace["yaxis"], []).append(trace)
        for traces in by_panel.values():
            for index, trace in enumerate(traces):
                values = numpy.array([numpy.nan if v is None else v for v in trace["y"]])
                earlier = [t for t in traces[:index]
                           if numpy.allclose(numpy.array([numpy.nan if v is None else v for v in t["y"]]), values)]
                if earlier and name != "separate_plans_by_municipality.png":
                    found += 1
                    assert same in trace["name"].replace("<br>", " "), (name, trace["name"])
                    looks = {(json.dumps(t["line"], sort_keys=True), json.dumps(t.get("marker"), sort_keys=True)) for t in earlier + [trace]}
                    assert len(looks) == len(earlier) + 1  # width, dashes or markers differ
                if not earlier and name != "separate_plans_by_municipality.png":
                    assert same not in trace["name"].replace("<br>", " "), (name, trace["name"])
    assert found  # the comparison has lines that coincide (the One Plan law's meetings equal sector law's)


def test_the_key_chart_draws_coinciding_versions_once_and_names_them_together(comparison, figures):
    brief = brief_module.compute(comparison)
    groups = pagecharts.keychart.coinciding(brief_module.key_table(brief), list(brief.variants))
    for lang in ("da", "en"):
        key = dict(figures[lang])["key_chart.png"]
        names = [trace["name"] for trace in key["data"] if trace["showlegend"]]
        assert len(names) == len(groups)
        if len(groups) < len(brief.variants):
            assert any(" = " in n or "(ens" in n or "same" in n or "every version" in n or "alle versioner" in n for n in names)
        for trace in key["data"]:
            assert len(trace["text"]) == len(trace["y"])  # the count per month at every bar


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_per_1000_axis_beside_the_counts_where_the_population_is_constant_its_range_linked(comparison, figures, lang):
    people = _population(comparison)
    assert numpy.allclose(people, people[0])  # a synthetic population: the same citizens every month
    for name, figure in figures[lang]:
        if name not in ("regimes_over_time.png", "differences_over_time.png", "separate_plans_by_paragraph.png"):
            continue
        for _, layout in _layouts(figure):
            right = {key: axis for key, axis in layout.items() if key.startswith("yaxis") and "overlaying" in axis}
            assert len(right) == len(_panels(layout)), name
            for axis in right.values():
                left = layout["yaxis" + axis["overlaying"][1:]]
                assert axis["side"] == "right" and pagecharts._t("per_1000", lang) in axis["title"]["text"]
                assert axis["range"] == pytest.approx([v * 1000.0 / people[0] for v in left["range"]])
                assert left["fixedrange"] and axis["fixedrange"]  # no zoom: the ranges stay linked
                assert any(trace.get("yaxis") == "y" + [k for k, v in layout.items() if v is axis][0][5:] for trace in figure["data"])


def test_no_per_1000_axis_where_the_population_changes(comparison):
    frame = charts.Frame(comparison, report._results(comparison), "da")
    frame.constant = False
    for build in (pagecharts.regimes_chart, pagecharts.differences_chart, pagecharts.paragraphs_chart):
        layout = build(frame)["layout"]
        assert not [key for key, axis in layout.items() if key.startswith("yaxis") and "overlaying" in axis]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_head_room_above_the_lines(figures, lang):
    for name, figure in figures[lang]:
        if name not in TIME_CHARTS:
            continue
        for _, layout in _layouts(figure):
            for panel, axis in _panels(layout).items():
                values = [v for trace in figure["data"] if trace.get("yaxis") == panel for v in trace["y"] if v is not None]
                bottom, top = axis["range"]
                assert bottom <= min(values) and top > max(values) + 0.2 * (max(values) - min(values)) - 1e-9, (name, panel)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_heat_map_has_one_unit_per_colour_scale_and_cells_in_the_reports_number_format(figures, lang):
    figure = dict(figures[lang])["trial_vs_one_plan_law_versions.png"]
    meetings = pagecharts.words.measure("ordinary_meetings_binding", lang)
    axes = {}
    for trace in figure["data"]:
        assert trace["type"] == "heatmap"
        axes.setdefault(trace["coloraxis"], set()).update("meetings" if name == meetings else "citizens" for name in trace["y"])
        for line in trace["text"]:
            for cell in line:
                assert not re.fullmatch(r"[-−]0([.,]0+)?", cell), cell
                assert re.fullmatch(r"[+-]?\d+" + (r",\d+" if lang == "da" else r"\.\d+") + "|–", cell), cell
    assert axes == {"coloraxis": {"citizens"}, "coloraxis2": {"meetings"}}
    for _, layout in _layouts(figure):
        titles = {key: layout[key]["colorbar"]["title"]["text"].replace("<br>", " ") for key in ("coloraxis", "coloraxis2")}
        assert UNITS[lang][0] in titles["coloraxis"] and UNITS[lang][1] in titles["coloraxis2"]
        for key in ("coloraxis", "coloraxis2"):
            assert layout[key]["cmin"] == -layout[key]["cmax"]  # zero in the middle


@pytest.mark.parametrize("lang", ["da", "en"])
def test_hover_shows_each_value_in_the_reports_number_format_with_its_unit(figures, lang):
    for name, figure in figures[lang]:
        for trace in figure["data"]:
            if trace.get("hoverinfo") == "skip":
                continue
            assert "hovertemplate" in trace, name
            texts = trace.get("customdata") or trace.get("text")
            assert len(texts) == len(trace["y"]) or trace["type"] == "heatmap", name
            for text in (texts if trace["type"] != "heatmap" else []):
                assert any(unit in text for unit in UNITS[lang]) or name == "key_chart.png" and re.search(r"\d", text), (name, text)
                assert not re.search(r"(?<![\d.,])[-−]0(?:[.,]0+)?(?![\d.,])", text), (name, text)
                if lang == "da":
                    assert not re.search(r"\d\.\d(?!\d{2})", text), (name, text)  # a Danish decimal is a comma


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_internal_id_in_any_text_of_any_figure(figures, lang):
    ids = support.internal_ids()
    for name, figure in figures[lang]:
        for text in _strings(figure):
            found = [i for i in ids if re.search(r"(?<![\w.])" + re.escape(i) + r"(?![\w.])", text)]
            assert not found, (name, text, found)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_modebar_keeps_the_png_download_named_in_the_reports_language(figures, lang):
    names = set()
    for _, figure in figures[lang]:
        config = figure["config"]
        assert config["modeBarButtons"] == [["toImage"]] and config["responsive"] and not config["displaylogo"]
        options = config["toImageButtonOptions"]
        assert options["format"] == "png" and options["scale"] == 2
        names.add(options["filename"])
    assert len(names) == 6
    assert "enplan-nøglefigur" in names if lang == "da" else "enplan-key-chart" in names


def test_report_html_carries_one_plotly_bundle_and_no_external_url(comparison, tmp_path):
    from plotly.offline import get_plotlyjs

    page = report.html(comparison)
    bundle = get_plotlyjs()
    assert page.count(bundle[:400]) == 1 and bundle in page
    markup = re.sub(r"(?s)(<script[^>]*>).*?</script>", r"\1</script>", page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", markup)
    assert not re.search(r"<(?:link|iframe|img)\b", markup)
    assert markup.count('<script type="application/json"') == 12
    assert markup.count("<script>") == 2  # plotly.js and the script that draws the charts
    assert "<noscript>" in page and "--png" in page
    for ident in re.findall(r'data-figure="([\w-]+)"', page):
        assert f'id="{ident}"' in page
    figures = re.findall(r'<script type="application/json" id="[\w-]+">(.*?)</script>', page)
    assert all(json.loads(text.replace("<\\/", "</"))["layout"]["height"] > 200 for text in figures)


def test_a_report_without_charts_has_no_script(comparison):
    page = report.html(comparison, charts=False)
    assert "<script" not in page and "Plotly" not in page and "noscript" not in page
    assert "class=\"plot\"" not in page


def test_summary_links_the_pngs_when_drawn_and_otherwise_says_where_the_charts_are(comparison, tmp_path):
    without = report.summary(comparison)
    assert "report.html" in without and "--png" in without and "](plots/" not in without
    paths = [str(tmp_path / "plots" / lang / name) for lang in ("da", "en")
             for name in ["key_chart.png", "key_chart_narrow.png"] + charts.planned(list(REGIMES), report.trial_changes(comparison))]
    drawn = report.summary(comparison, paths)
    for name in ["key_chart.png"] + charts.planned(list(REGIMES), report.trial_changes(comparison)):
        assert f"](plots/en/{name})" in drawn
    assert "--no-plots" in report.summary(comparison, charts=False)


def test_the_charts_path_imports_no_matplotlib():
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import population_support as support;"
        "from enplan_rules.population import compare, report;"
        "c = compare.compare(support.population(citizens=60, seed=2), ('sector_law', 'one_plan_law', 'trial'), '2019-01', '2019-03',"
        " progress=False);"
        "page = report.html(c);"
        "assert 'application/json' in page;"
        "print('matplotlib' in sys.modules)"
    )
    tests = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, "-c", code, tests], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def test_the_charts_numbers_are_the_results_summed(comparison):
    """What the charts draw (charts.Frame's panels, shared by the PNGs and the page) equals the tidy results summed
    directly, month by month: each regime's key measures, and each municipality's separate plans per 1,000 of its
    citizens."""
    results = report._results(comparison)
    frame = charts.Frame(comparison, results, "en")
    months = list(pandas.to_datetime(list(comparison.plan.months)))

    def summed(measure, regime, municipality=None):
        rows = results[(results["measure"] == measure) & (results["regime"] == regime)]
        if municipality is not None:
            rows = rows[rows["municipality"] == municipality]
        by_month = rows.groupby("month", observed=True)["value"].sum()
        return numpy.array([float(by_month.get(month, 0.0)) for month in months])

    for measure, lines, _ in charts.regime_panels(frame):
        for regime, values in lines.items():
            assert numpy.allclose(values, summed(measure, regime)), (measure, regime)
    municipalities, panels = charts.municipality_panels(frame)
    assert set(municipalities) == set(results.loc[results["measure"] == "separate_plans_total", "municipality"].astype(str))
    for (a, b), lines in panels:
        for municipality, values in zip(municipalities, lines, strict=True):
            people = summed("citizen_months", a, municipality)
            plans = summed("separate_plans_total", b, municipality) - summed("separate_plans_total", a, municipality)
            expected = numpy.where(people > 0, 1000.0 * plans / numpy.where(people > 0, people, 1.0), numpy.nan)
            assert numpy.allclose(values, expected, equal_nan=True), (municipality, a, b)
