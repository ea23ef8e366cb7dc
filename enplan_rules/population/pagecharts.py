"""The report's charts as the page draws them: Plotly figures (plain dicts and lists in plotly.js's JSON schema, no
plotly.graph_objects: their validation is slow) in one language, for report.html to draw with the plotly.js it
carries inline (self-contained, offline; hover shows the values).

The same charts as the PNGs, from the same data (charts.Frame and its panels; keychart.rows and bars), and the same
promises (issue #22): axis titles with units in the report's language and its number format; the months as a reader
writes them; the dates of the laws and the trial orders as dashed verticals with their names on every time panel;
a per-1,000-citizens axis on the right where the population is the same every month (its range the left one's ×
1000 / the population: the y axes do not zoom, so they stay linked); head-room above the lines; legends inside the
figure, each panel its own where the panels' series differ, saying which series coincide (they stay visible: width,
dashes and markers differ); one unit per colour scale in the heat map. No matplotlib on this path.

Each figure is {"data", "layout", "narrow", "config"}: `narrow` is the layout for a phone's width (panels stacked,
smaller fonts, titles wrapped), the page picks one by the width it has."""

import math
import textwrap

import numpy

from enplan_rules.population import brief as brief_module
from enplan_rules.population import charts, keychart, numbers
from enplan_rules.population import labels as words
from enplan_rules.population.charts import _t

LANGUAGES = ("da", "en")
LEGEND_WRAP = 38  # characters of a legend's line: a phone's width
NARROW = 640  # px: below this width of the page's chart the narrow layout is drawn (report.py's script)
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
DASHES = {"-": "solid", "--": "dash", "-.": "dashdot", ":": "dot"}
SYMBOLS = {"o": "circle", "s": "square", "^": "triangle-up", "v": "triangle-down", "D": "diamond", "P": "cross", "X": "x",
           "*": "star", "h": "hexagon", "<": "triangle-left"}
HATCHES = {"///": "/", "...": ".", "": ""}
RDBU_R = ((0.0, "#053061"), (0.1, "#2166ac"), (0.2, "#4393c3"), (0.3, "#92c5de"), (0.4, "#d1e5f0"), (0.5, "#f7f7f7"),
          (0.6, "#fddbc7"), (0.7, "#f4a582"), (0.8, "#d6604d"), (0.9, "#b2182b"), (1.0, "#67001f"))  # matplotlib's RdBu_r
FILE_NAMES = {  # the modebar's "download as PNG" names the file in the report's language
    "key_chart": ("enplan-nøglefigur", "enplan-key-chart"),
    "regimes_over_time": ("enplan-ordningerne-pr-måned", "enplan-regimes-per-month"),
    "differences_over_time": ("enplan-forskellene-pr-måned", "enplan-differences-per-month"),
    "separate_plans_by_paragraph": ("enplan-særskilte-planer-pr-paragraf", "enplan-separate-plans-per-paragraph"),
    "separate_plans_by_municipality": ("enplan-særskilte-planer-pr-kommune", "enplan-separate-plans-per-municipality"),
    "trial_vs_one_plan_law_versions": ("enplan-forsøget-mod-lov-om-én-plan", "enplan-trial-against-the-one-plan-law"),
}
SIZES = {  # px and font sizes of the two layouts
    False: {"font": 12, "small": 10.5, "title": 16, "panel": 230, "wrap": 120, "mark_wrap": 34, "legend_row": 19, "ticks": 34,
            "margin": {"l": 70, "r": 70, "t": 78, "b": 92}},
    True: {"font": 10.5, "small": 9, "title": 13, "panel": 200, "wrap": 40, "mark_wrap": 30, "legend_row": 17, "ticks": 64,
           "margin": {"l": 52, "r": 50, "t": 104, "b": 150}},
}


def _lines(text, width):
    """Wrapped with <br> (plotly.js's line break)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) if len(text) > width else text


def _values(array):
    """Plain floats for JSON; None (a gap) where there is no number."""
    return [float(v) if math.isfinite(v) else None for v in numpy.asarray(array, dtype=float)]


DOWNLOAD = ("Download plot as a PNG", "Gem figuren som PNG")  # plotly.js's words for the camera button, and ours


def _config(name, lang):
    config = {
        "responsive": True,
        "displaylogo": False,
        "displayModeBar": True,
        "modeBarButtons": [["toImage"]],  # the memo's PNG; zooming and panning are off (the axes stay linked)
        "toImageButtonOptions": {"format": "png", "filename": FILE_NAMES[name][0 if lang == "da" else 1], "scale": 2},
    }
    if lang == "da":  # the button's title in Danish (plotly.js's own words are English)
        config.update(locale="da", locales={"da": {"dictionary": {DOWNLOAD[0]: DOWNLOAD[1]}}})
    return config


def _base_layout(lang, narrow, height, title, subtitle=""):
    size = SIZES[narrow]
    heading = {"text": "<b>" + _lines(title, size["wrap"] - 4 if narrow else size["wrap"]) + "</b>", "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.995, "yref": "container", "yanchor": "top", "pad": {"t": 6},
               "font": {"size": size["title"]}}
    if subtitle:
        heading["subtitle"] = {"text": _lines(subtitle, size["wrap"] + 8), "font": {"size": size["font"]}}
    return {
        "height": height,
        "autosize": True,
        "separators": ",." if lang == "da" else ".,",  # decimal mark, thousands separator
        "font": {"family": FONT, "size": size["font"], "color": "#222"},
        "title": heading,
        "margin": dict(size["margin"]),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "dragmode": False,
        "hoverlabel": {"font": {"size": size["font"]}},
        "showlegend": True,
    }


def _number_axis(**extra):
    axis = {"separatethousands": True, "exponentformat": "none", "fixedrange": True, "gridcolor": "#e3e3e3",
            "zeroline": True, "zerolinecolor": "#333", "zerolinewidth": 1, "linecolor": "#888", "showline": True, "ticks": "outside",
            "tickcolor": "#888", "automargin": True}
    axis.update(extra)
    return axis


def _legend(y, narrow, title="", x=0.0, orientation="v"):
    legend = {"x": x, "y": y, "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "top", "orientation": orientation,
              "bgcolor": "rgba(255,255,255,0.9)", "bordercolor": "#ccc", "borderwidth": 1, "tracegroupgap": 2,
              "font": {"size": SIZES[narrow]["small"]}}
    if title:
        legend["title"] = {"text": title, "font": {"size": SIZES[narrow]["small"]}}
    return legend


# ---------------------------------------------------------------- the time charts (stacked panels)


def _stack(panels, narrow, shared=0.0, ticks=None):
    """Pixel plan of stacked panels: [(title lines, legend px)] → (height, [panel's (title y, legend y, plot y0,
    plot y1)] in paper fractions, y of the shared legend (`shared` px high)). Each panel: its title, its legend,
    the plot, the month ticks (the last panel's in the bottom margin)."""
    size = SIZES[narrow]
    blocks, cursor = [], 0.0
    shared_y = None
    if shared:
        shared_y = cursor
        cursor += shared + 26
    for index, (title_lines, legend) in enumerate(panels):
        title_y = cursor
        cursor += 8 + title_lines * (size["font"] + 5)
        legend_y = cursor
        cursor += legend + (10 if legend else 0)
        top = cursor
        cursor += size["panel"]
        bottom = cursor
        if index < len(panels) - 1:
            cursor += (ticks or size["ticks"]) + 18
        blocks.append((title_y, legend_y, top, bottom))
    paper = cursor
    margin = size["margin"]
    height = int(round(paper + margin["t"] + margin["b"]))

    def frac(px):
        return 1.0 - px / paper

    plan = [(frac(t), frac(legend), frac(bottom), frac(top)) for t, legend, top, bottom in blocks]
    return height, plan, (frac(shared_y) if shared_y is not None else None)


def _legend_height(labels, narrow, title=False):
    """px of a vertical legend of `labels` (plotly.js: an entry's lines at ~1.35 × the font, 6 px apart)."""
    font = SIZES[narrow]["small"]
    lines = [label.count("<br>") + 1 for label in labels] + ([1] if title else [])
    return sum(6 + count * font * 1.35 for count in lines) + 6


class _TimeChart:
    """A chart of stacked panels over the months, built for one layout (wide or narrow)."""

    def __init__(self, frame, name, title, shared_legend=None):
        self.frame, self.name, self.title = frame, name, title
        self.lang = frame.lang
        self.months = [words.month(m, self.lang) for m in frame.plan.months]
        self.marks = frame.marks()
        self.panels = []  # dicts: heading, ytitle, traces, values, per_1000, legend labels
        self.shared_legend = shared_legend  # legend title when every panel has the same series

    def panel(self, heading, ytitle, traces, values, per_1000=False, note=None):
        """`note`: a line under the panel's heading (the paragraphs that do not change)."""
        self.panels.append({"heading": heading, "ytitle": ytitle, "traces": traces, "values": values, "per_1000": per_1000,
                            "note": note})

    def figure(self):
        data = self._data()
        return {"data": data, "layout": self._layout(False), "narrow": self._layout(True), "config": _config(self.name, self.lang)}

    def _data(self):
        data = []
        count = len(self.panels)
        for index, panel in enumerate(self.panels, start=1):
            suffix = "" if index == 1 else str(index)
            legend = "legend" if self.shared_legend or index == 1 else f"legend{index}"
            for trace in panel["traces"]:
                trace = dict(trace, xaxis="x" + suffix, yaxis="y" + suffix, legend=legend)
                if self.shared_legend:
                    trace["legendgroup"] = trace["name"]
                    trace["showlegend"] = index == 1
                data.append(trace)
            if panel["per_1000"]:  # the right axis: an empty series, so plotly.js draws it
                data.append({"type": "scatter", "mode": "lines", "x": [self.months[0]], "y": [None], "showlegend": False,
                             "hoverinfo": "skip", "xaxis": "x" + suffix, "yaxis": f"y{count + index}"})
        return data

    def _layout(self, narrow):
        size = SIZES[narrow]
        frame = self.frame
        headings = []
        for panel in self.panels:
            heading = f"<b>{_lines(panel['heading'], size['wrap'] - (0 if not narrow else 6))}</b>"
            if panel["note"]:
                note = _lines(panel["note"], size["wrap"] + (20 if not narrow else 4))
                heading += f"<br><span style=\"font-size:{size['small']}px;color:#444\">{note}</span>"
            headings.append(heading)
        legends = [0 if self.shared_legend else _legend_height([t["name"] for t in panel["traces"]], narrow) for panel in self.panels]
        shared, entry = 0, 0
        if self.shared_legend:  # wide: in rows, each entry as wide as the longest name; narrow: one entry a row
            labels = [t["name"] for t in self.panels[0]["traces"]]
            entry = 44 + 6.6 * max(len(label) for label in labels)
            rows = math.ceil(len(labels) / max(1, int(960 // entry)))
            shared = _legend_height(labels, narrow, title=True) if narrow else rows * 24 + 8
        rotated = narrow or len(self.months) > 14
        height, plan, shared_y = _stack([(h.count("<br>") + 1, rows) for h, rows in zip(headings, legends, strict=True)],
                                        narrow, shared, ticks=SIZES[True]["ticks"] if rotated else None)
        layout = _base_layout(self.lang, narrow, height, self.title, frame.subtitle)
        layout["hovermode"] = "x unified"
        if rotated and not narrow:
            layout["height"] += 122 - layout["margin"]["b"]
            layout["margin"]["b"] = 122  # the months' slanted names and the axis title
        annotations, shapes = [], []
        count = len(self.panels)
        for index, (panel, heading, (title_y, legend_y, y0, y1)) in enumerate(zip(self.panels, headings, plan, strict=True), start=1):
            suffix = "" if index == 1 else str(index)
            last = index == count
            bottom, top = charts.limits(panel["values"])
            layout["xaxis" + suffix] = {
                "type": "category", "categoryorder": "array", "categoryarray": self.months, "anchor": "y" + suffix,
                "domain": [0.0, 1.0], "fixedrange": True, "showline": True, "linecolor": "#888", "ticks": "outside",
                "tickcolor": "#888", "gridcolor": "#eeeeee", "tickangle": -45 if rotated else 0,
                "tickfont": {"size": size["small"]}, "automargin": False, "range": [-0.7, len(self.months) - 0.3],
            }
            if index > 1:
                layout["xaxis" + suffix]["matches"] = "x"
            if last:
                layout["xaxis" + suffix]["title"] = {"text": _lines(_t("month", self.lang), size["wrap"] - 10 if narrow else 200),
                                                     "font": {"size": size["font"]}}
            layout["yaxis" + suffix] = _number_axis(
                domain=[y0, y1], anchor="x" + suffix, range=[bottom, top],
                title={"text": _lines(panel["ytitle"], 26 if narrow else 34), "font": {"size": size["small"]}},
                tickfont={"size": size["small"]})
            if panel["per_1000"]:
                base = float(frame.people[0])
                layout[f"yaxis{count + index}"] = _number_axis(
                    overlaying="y" + suffix, side="right", anchor="x" + suffix, range=[bottom * 1000.0 / base, top * 1000.0 / base],
                    showgrid=False, zeroline=False, tickmode="auto", title={"text": _t("per_1000", self.lang), "font": {"size": size["small"]}},
                    tickfont={"size": size["small"]})
            annotations.append({"text": heading, "x": 0.0, "y": title_y, "xref": "paper", "yref": "paper",
                                "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
                                "font": {"size": size["font"] + 0.5}})
            if not self.shared_legend:
                layout["legend" if index == 1 else f"legend{index}"] = _legend(legend_y, narrow)
            for position, text in self.marks:
                shapes.append({"type": "line", "xref": "x" + suffix, "yref": f"y{suffix} domain", "x0": position, "x1": position,
                               "y0": 0, "y1": 1, "line": {"color": "#555", "width": 1, "dash": "dash"}, "layer": "below"})
                annotations.append({"text": _lines(text, size["mark_wrap"]), "x": position, "y": 0.99, "xref": "x" + suffix,
                                    "yref": f"y{suffix} domain", "xanchor": "left", "yanchor": "top", "textangle": -90,
                                    "showarrow": False, "align": "right", "font": {"size": size["small"] - 1, "color": "#333"},
                                    "bgcolor": "rgba(255,255,255,0.75)", "xshift": 1})
        if self.shared_legend:
            layout["legend"] = _legend(shared_y, narrow, self.shared_legend, orientation="v" if narrow else "h")
            if not narrow:
                layout["legend"]["entrywidth"] = round(entry)
        layout["annotations"], layout["shapes"] = annotations, shapes
        return layout

    # the traces

    def line(self, values, name, style, texts):
        """A line (markers where its style has them); hover: `texts`, the values in words."""
        trace = {"type": "scatter", "x": self.months, "y": _values(values), "name": _lines(name, LEGEND_WRAP), "customdata": texts,
                 "hovertemplate": f"{_escape(name)}: %{{customdata}}<extra></extra>", "connectgaps": False}
        trace.update(style)
        return trace


def _escape(text):
    return text.replace("%{", "% {")


def _style(color, width, dash="-", marker=None, size=6, alpha=1.0):
    line = {"color": _rgba(color, alpha), "width": width, "dash": DASHES[dash]}
    if marker:
        return {"mode": "lines+markers", "line": line, "marker": {"symbol": SYMBOLS[marker], "size": size, "color": color}}
    return {"mode": "lines", "line": line}


def _rgba(color, alpha):
    if alpha >= 1:
        return color
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _from_matplotlib(style):
    """A charts.STYLES / PAIR_STYLES entry as a plotly line style (width in px: points × 1.33)."""
    return _style(style["color"], round(style.get("linewidth", 1.5) * 1.33, 1), style.get("linestyle", "-"), style.get("marker"),
                  round(style.get("markersize", 4) * 1.8, 1), style.get("alpha", 1.0))


def _cycle(number):
    return _style(TAB10[number % 10], 2.0, charts.CYCLE_LINES[number % 4], charts.CYCLE_MARKERS[number % 10], 6)


def _noun(measure, lang):
    """What a count counts ("borgere", "meetings")."""
    return charts._unit(measure, lang).split(" ")[0]


def _decimals(measure):
    return 1 if measure in words.MEETING_MEASURES else 0


def regimes_chart(frame):
    lang = frame.lang
    chart = _TimeChart(frame, "regimes_over_time", _t("regimes", lang))
    for measure, lines, labels in charts.regime_panels(frame):
        unit = charts._unit(measure, lang)
        traces = [chart.line(values, label, _from_matplotlib(charts.STYLES.get(regime, {"color": "#444"})),
                             _hover(frame, values, _noun(measure, lang), _decimals(measure)))
                  for (regime, values), label in zip(lines.items(), labels, strict=True)]
        chart.panel(words.measure(measure, lang), unit, traces, list(lines.values()), per_1000=frame.constant)
    return chart.figure()


def _hover(frame, values, noun, decimals, sign=False, rates=True):
    """Hover texts: each value in the report's number format with its unit, and per 1,000 citizens where the
    population is the same every month."""
    lang = frame.lang
    texts = []
    for value in values:
        text = f"{numbers.fmt(value, decimals, lang, sign=sign)} {noun}"
        if rates and frame.constant and math.isfinite(value):
            rate = 1000.0 * value / float(frame.people[0])
            text += f" ({numbers.fmt(rate, numbers.decimals_for(rate), lang, sign=sign)} {_t('per_1000', lang)})"
        texts.append(text)
    return texts


def differences_chart(frame):
    lang = frame.lang
    chart = _TimeChart(frame, "differences_over_time", _t("differences", lang))
    for measure, lines, labels in charts.difference_panels(frame):
        unit = charts._unit(measure, lang)
        traces = []
        for number, (values, label) in enumerate(zip(lines.values(), labels, strict=True)):
            style = _from_matplotlib(charts.PAIR_STYLES[number % len(charts.PAIR_STYLES)])
            traces.append(chart.line(values, label, style, _hover(frame, values, _noun(measure, lang), _decimals(measure), sign=True)))
        chart.panel(f"{words.measure(measure, lang)}: {_t('difference', lang)}", f"{_t('difference', lang)}, {unit}", traces,
                    list(lines.values()), per_1000=frame.constant)
    return chart.figure()


def paragraphs_chart(frame):
    lang = frame.lang
    chart = _TimeChart(frame, "separate_plans_by_paragraph", _t("paragraphs", lang))
    unit = _t("citizens", lang)
    for pair, lines, unchanged in charts.paragraph_panels(frame):
        series = {measure: values for _, measure, values in lines}
        labels = charts.coinciding_labels(series, {m: words.measure(m, lang) for m in series}, lang, lower=False)
        traces = [chart.line(values, label, _cycle(number), _hover(frame, values, _noun(measure, lang), 0, sign=True))
                  for (number, measure, values), label in zip(lines, labels, strict=True)]
        note = f"{_t('no_change', lang)}: " + "; ".join(unchanged) if unchanged else None
        chart.panel(words.difference(pair, lang), f"{_t('difference', lang)}, {unit}", traces, [v for _, _, v in lines],
                    per_1000=frame.constant, note=note)
    return chart.figure()


def municipalities_chart(frame):
    lang = frame.lang
    chart = _TimeChart(frame, "separate_plans_by_municipality", _t("municipalities", lang),
                       shared_legend=words.TEXT_MUNICIPALITY[0 if lang == "da" else 1])
    municipalities, panels = charts.municipality_panels(frame)
    unit = _t("per_1000", lang)
    names = {m: words.municipality(m, lang) for m in municipalities}
    # one legend for every panel: a municipality is "the same as" another where their lines coincide on every panel
    whole = {m: numpy.concatenate([lines[i] for _, lines in panels]) for i, m in enumerate(municipalities)}
    labels = charts.coinciding_labels(whole, names, lang, lower=False)
    for pair, lines in panels:
        traces = [chart.line(values, label, _cycle(number), _hover(frame, values, unit, 2, sign=True, rates=False))
                  for number, (values, label) in enumerate(zip(lines, labels, strict=True))]
        chart.panel(words.difference(pair, lang), f"{_t('difference', lang)}, {unit}", traces, lines)
    return chart.figure()


# ---------------------------------------------------------------- the heat map


def changes_chart(frame, changes):
    """Paragraph × municipality, the trial − the One Plan law per 1,000 citizens per month: one column per group of
    coinciding versions, citizens and meetings on separate colour scales (coloraxis, coloraxis2)."""
    lang = frame.lang
    municipalities, groups, citizen_rows, meeting_rows = charts.change_grids(frame, changes)
    columns = [words.municipality(m, lang) for m in municipalities]
    units = (("citizens", citizen_rows, "coloraxis"), ("meetings", meeting_rows, "coloraxis2"))
    limits = {}
    for unit, rows, _ in units:
        parts = numpy.concatenate([grid[rows].ravel() for _, grid in groups]) if rows else numpy.zeros(0)
        finite = parts[numpy.isfinite(parts)]
        limits[unit] = float(numpy.max(numpy.abs(finite))) if finite.size and numpy.max(numpy.abs(finite)) else 1.0
    data = []
    for column, (_, grid) in enumerate(groups):
        for row, (unit, rows, coloraxis) in enumerate(units):
            if not rows:
                continue
            part = grid[rows]
            names = [words.measure(charts.CHANGE_MEASURES[i], lang) for i in rows]
            text = [[numbers.fmt(v, 1 if not math.isfinite(v) or abs(v) >= 0.05 or v == 0 else 2, lang, sign=True) for v in line]
                    for line in part]
            axis = str(2 * column + row + 1)
            unit_text = f"{_t(unit, lang)}, {_t('per_1000', lang)}"
            data.append({
                "type": "heatmap", "z": [_values(line) for line in part], "x": columns, "y": names, "text": text,
                "texttemplate": "%{text}", "textfont": {"size": 10}, "coloraxis": coloraxis, "xgap": 1, "ygap": 1,
                "hovertemplate": f"%{{y}}<br>%{{x}}: %{{text}} {_escape(unit_text)}<extra></extra>",
                "xaxis": "x" + ("" if axis == "1" else axis), "yaxis": "y" + ("" if axis == "1" else axis),
            })
    title = _t("changes", lang)
    figure = {"data": data, "config": _config("trial_vs_one_plan_law_versions", lang)}
    for narrow in (False, True):
        figure["narrow" if narrow else "layout"] = _changes_layout(frame, groups, units, limits, title, narrow)
    return figure


def _changes_layout(frame, groups, units, limits, title, narrow):
    lang = frame.lang
    size = SIZES[narrow]
    cell = 30
    citizen_rows, meeting_rows = len(units[0][1]), len(units[1][1])
    heading = 30 + 16 * max(len(_lines(_group_title(v, lang), 44 if narrow else 70).split("<br>")) for v, _ in groups)
    if narrow:  # the versions' maps stacked
        blocks = []
        cursor = 0.0
        for _ in groups:
            start = cursor
            cursor += heading
            cursor += citizen_rows * cell
            split = cursor
            cursor += 14
            cursor += meeting_rows * cell
            end = cursor
            cursor += 110
            blocks.append((start, split, end))
        paper = cursor - 110
    else:
        paper = heading + citizen_rows * cell + 14 + meeting_rows * cell
        blocks = [(0.0, heading + citizen_rows * cell, paper)] * len(groups)
    margin = dict(size["margin"], r=110 if not narrow else 80, b=120 if not narrow else 110, l=20)
    layout = _base_layout(lang, narrow, int(paper + margin["t"] + margin["b"]), title, frame.subtitle)
    layout["margin"] = margin
    layout["showlegend"] = False
    annotations = []
    width = 1.0 / len(groups) if not narrow else 1.0
    for column, (variants, _) in enumerate(groups):
        start, split, end = blocks[column]
        x0 = column * width if not narrow else 0.0
        x1 = x0 + width - (0.02 if not narrow and column < len(groups) - 1 else 0.0)
        top = 1.0 - (start + heading) / paper
        cut = 1.0 - split / paper
        low = 1.0 - (split + 14) / paper
        bottom = 1.0 - end / paper
        for row, (y0, y1) in enumerate(((cut, top), (bottom, low))):
            axis = str(2 * column + row + 1)
            suffix = "" if axis == "1" else axis
            layout["xaxis" + suffix] = {"domain": [x0, x1], "anchor": "y" + suffix, "type": "category", "fixedrange": True,
                                        "showticklabels": row == 1, "ticks": "outside" if row == 1 else "", "tickangle": -40, "tickfont": {"size": size["small"]},
                                        "automargin": True}
            names = [words.measure(charts.CHANGE_MEASURES[i], lang) for i in units[row][1]]
            layout["yaxis" + suffix] = {"domain": [y0, y1], "anchor": "x" + suffix, "type": "category", "autorange": "reversed",
                                        "fixedrange": True, "showticklabels": column == 0 or narrow, "automargin": True,
                                        "tickfont": {"size": size["small"]}, "tickmode": "array", "tickvals": names,
                                        "ticktext": [_lines(n, 36 if narrow else 48) for n in names]}
        annotations.append({"text": f"<b>{_lines(_group_title(variants, lang), 44 if narrow else 70)}</b>",
                            "x": x0 if narrow else (x0 + x1) / 2, "y": 1.0 - (start + 4) / paper, "xref": "paper", "yref": "paper",
                            "xanchor": "left" if narrow else "center", "align": "left" if narrow else "center",
                            "yanchor": "top", "showarrow": False, "font": {"size": size["font"]}})
    first = blocks[0]
    for number, (unit, _, coloraxis) in enumerate(units):
        limit = limits[unit]
        if number == 0:
            y0, y1 = 1.0 - first[1] / paper, 1.0 - (first[0] + heading) / paper
        else:
            y0, y1 = 1.0 - first[2] / paper, 1.0 - (first[1] + 14) / paper
        unit_text = f"{_t(unit, lang)}, {_t('per_1000', lang)}"
        layout[coloraxis] = {
            "cmin": -limit, "cmax": limit, "colorscale": [list(stop) for stop in RDBU_R],
            "colorbar": {"title": {"text": _lines(unit_text, 16), "side": "right", "font": {"size": size["small"]}},
                         "x": 1.0, "xref": "paper", "xanchor": "left", "xpad": 6, "y": (y0 + y1) / 2, "yanchor": "middle",
                         "len": max((y1 - y0) * paper, 96), "lenmode": "pixels", "thickness": 12, "separatethousands": True, "exponentformat": "none",
                         "tickfont": {"size": size["small"]}, "ticks": "outside"},
        }
    layout["annotations"] = annotations
    layout["hovermode"] = "closest"
    return layout


def _group_title(variants, lang):
    names = " = ".join(words.variant_short(v, lang) for v in variants)
    return names + ((" (ens)" if lang == "da" else " (the same)") if len(variants) > 1 else "")


# ---------------------------------------------------------------- the key chart


def key_chart(brief, lang):
    """Bars per 1,000 citizens (the count per month written at each bar), plans and meetings side by side (stacked
    on a phone), one bar per One Plan law version where versions differ (coinciding ones drawn once, named
    together)."""
    table, groups, municipalities, names = keychart.rows(brief, lang)
    names = list(names)
    names[-1] = f"<b>{names[-1]}</b>"
    unit = "pr. 1.000 borgere pr. måned" if lang == "da" else "per 1,000 citizens per month"
    per_month = "pr. måned" if lang == "da" else "per month"
    data, limits = [], {measure: [0.0, 0.0] for measure, _ in keychart.PANELS}
    for group in groups:
        variant, values = keychart.bars(brief, table, group, municipalities)
        style = keychart.VARIANT_STYLES.get(variant, {"color": "#1f78b4", "hatch": "", "edgecolor": "#0b3c5d"})
        label = keychart._label(brief, group, lang)
        for panel, (measure, _) in enumerate(keychart.PANELS):
            rates, counts = values[measure]
            count_text = [numbers.fmt(c, 0 if abs(c) >= 10 else 1, lang) for c in counts]
            hover = [f"{numbers.fmt(r, numbers.decimals_for(r), lang)} {unit}; {c} {per_month}" for r, c in zip(rates, count_text, strict=True)]
            suffix = "" if panel == 0 else "2"
            marker = {"color": style["color"], "line": {"color": style["edgecolor"], "width": 0.8}}
            if HATCHES.get(style["hatch"]):
                marker["pattern"] = {"shape": HATCHES[style["hatch"]], "fgcolor": style["edgecolor"], "size": 6, "solidity": 0.25}
            data.append({
                "type": "bar", "orientation": "h", "x": _values(rates), "y": names, "name": label, "legendgroup": label,
                "showlegend": panel == 0, "marker": marker, "text": count_text, "textposition": "outside", "cliponaxis": False,
                "textfont": {"size": 10.5 if len(groups) == 1 else 9.5, "color": "#222"}, "customdata": hover,
                "hovertemplate": f"%{{y}}: %{{customdata}}<extra>{_escape(label)}</extra>", "xaxis": "x" + suffix,
                "yaxis": "y" + suffix,
            })
            finite = [float(r) for r in rates if math.isfinite(r)]
            limits[measure][0] = min([limits[measure][0]] + finite)
            limits[measure][1] = max([limits[measure][1]] + [abs(r) for r in finite])
    # the last version first in the legend and at the top of each municipality's bars, as in the PNG
    data = [trace for group in range(len(groups) - 1, -1, -1) for trace in data[2 * group: 2 * group + 2]]
    figure = {"data": data, "config": _config("key_chart", lang)}
    for narrow in (False, True):
        figure["narrow" if narrow else "layout"] = _key_layout(brief, lang, names, groups, limits, unit, narrow)
    return figure


def _key_layout(brief, lang, names, groups, limits, unit, narrow):
    size = SIZES[narrow]
    rows = len(names)
    # px per municipality: on a phone the bars are thin, so that the question, the answer and the chart fit the
    # first screen (as the narrow PNG did)
    bar = max(15, 6 + 4 * len(groups)) if narrow else 10 * len(groups) + 8
    legend_rows = len(groups) + 1 if narrow else 1  # wide: the versions in one row, after the legend's title
    plot = rows * bar
    title = keychart.title(brief, lang)
    prefix = "Over for lov om én plan:" if lang == "da" else "Against the One Plan law:"
    if brief.base != "one_plan_law":
        prefix = "Over for:" if lang == "da" else "Against:"
    heading = 22 if not narrow else 26
    legend_height = legend_rows * (size["legend_row"] - (1 if narrow else 0)) + (8 if narrow else 18)
    if narrow:
        paper = legend_height + 2 * (heading + plot) + 58
        panels = []
        cursor = legend_height
        for _ in keychart.PANELS:
            panels.append((cursor, cursor + heading, cursor + heading + plot))
            cursor += heading + plot + 58
    else:
        paper = legend_height + heading + plot
        panels = [(legend_height, legend_height + heading, paper)] * 2
    margin = {"l": 10, "r": 12, "t": 58 if not narrow else 62, "b": 64 if not narrow else 52}
    layout = _base_layout(lang, narrow, int(paper + margin["t"] + margin["b"]), title)
    layout["title"]["text"] = "<b>" + _lines(title, 120 if not narrow else 36) + "</b>"
    layout["margin"] = margin
    layout["barmode"] = "group"
    layout["bargap"] = 0.2
    layout["bargroupgap"] = 0.05
    layout["hovermode"] = "closest"
    layout["legend"] = _legend(1.0, narrow, prefix, orientation="h" if not narrow else "v")
    annotations = []
    for number, ((measure, heading_words), (start, top, end)) in enumerate(zip(keychart.PANELS, panels, strict=True)):
        suffix = "" if number == 0 else "2"
        if narrow:
            x0, x1 = 0.0, 1.0
        else:
            x0, x1 = (0.0, 0.47) if number == 0 else (0.53, 1.0)
        low, high = limits[measure]
        layout["xaxis" + suffix] = _number_axis(
            domain=[x0, x1], anchor="y" + suffix, range=[min(0.0, low * 1.32), (high or 1.0) * 1.32],
            title={"text": _lines(unit + (" (ved søjlen: antal pr. måned)" if lang == "da" else " (at the bar: count per month)"),
                                  48 if narrow else 80), "font": {"size": size["small"]}},
            tickfont={"size": size["small"]}, showline=False, zerolinecolor="#333")
        layout["yaxis" + suffix] = {"domain": [1.0 - end / paper, 1.0 - top / paper], "anchor": "x" + suffix, "type": "category",
                                    "categoryorder": "array", "categoryarray": names, "fixedrange": True, "automargin": True,
                                    "showticklabels": narrow or number == 0, "ticks": "", "tickfont": {"size": size["font"]}}
        if not narrow and number == 1:
            layout["yaxis2"]["matches"] = "y"
        annotations.append({"text": f"<b>{_lines(heading_words[0 if lang == 'da' else 1], 32 if narrow else 80)}</b>", "x": x0, "y": 1.0 - start / paper,
                            "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "top", "showarrow": False,
                            "font": {"size": size["font"] + 1}})
    layout["annotations"] = annotations
    layout["shapes"] = [{"type": "line", "xref": f"x{s} domain", "yref": "y" + s, "x0": 0, "x1": 1, "y0": rows - 1.5, "y1": rows - 1.5,
                         "line": {"color": "#999", "width": 1}} for s in ("", "2")]
    return layout


# ---------------------------------------------------------------- one comparison


DETAIL = {"regimes_over_time.png": regimes_chart, "differences_over_time.png": differences_chart,
          "separate_plans_by_paragraph.png": paragraphs_chart, "separate_plans_by_municipality.png": municipalities_chart}


def figures(comparison, results, changes, brief=None, languages=LANGUAGES):
    """{lang: [(file name the PNG has, figure)]}: the key chart (where there are two regimes to compare) and the
    detail charts of charts.planned, in the report's order. `results`: one One Plan law version's (report._results);
    `changes`: report.trial_changes (or None); `brief`: brief.compute(comparison) when the caller has it."""
    if brief is None:
        brief = brief_module.compute(comparison)
    names = charts.planned(list(comparison.plan.regimes), changes)
    out, cache = {}, {}  # the numbers computed once for both languages
    for lang in languages:
        frame = charts.Frame(comparison, results, lang, cache)
        shown = [("key_chart.png", key_chart(brief, lang))] if brief is not None else []
        for name in names:
            figure = changes_chart(frame, changes) if name == "trial_vs_one_plan_law_versions.png" else DETAIL[name](frame)
            shown.append((name, figure))
        out[lang] = shown
    return out
