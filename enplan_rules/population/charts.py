"""The report's detail charts, drawn in one language (Danish or English) for a memo.

Every panel: a title in the report's language, a labelled y axis with its unit (citizens or meetings per month) and,
where the population's size is the same every month, a second axis per 1,000 citizens; the months as a reader
writes them; the dates of the laws and the trial orders as dashed verticals with their names; head-room above the
highest line (nothing sits on the frame); the legend inside the picture, saying which lines coincide (they stay
visible: width, dashes and markers differ). One unit per colour scale in the heat map."""

import functools
import glob
import itertools
import os
import textwrap

import numpy
import pandas

from enplan_rules import yamlfiles
from enplan_rules.population import engine, numbers
from enplan_rules.population import labels as words

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
LAWS = (  # (first day, Danish, English): the law's dates; the trial's come from its parameters
    ("2018-07", "lov om én plan", "One Plan law"),
    ("2020-01", "LAB ophævet", "LAB repealed"),
)
STYLES = {  # regimes stay distinguishable where their lines coincide: width, dashes and markers differ
    "sector_law": {"color": "#1f77b4", "linewidth": 4.0, "linestyle": "-", "alpha": 0.45, "zorder": 2},
    "one_plan_law": {"color": "#d95f02", "linewidth": 1.8, "linestyle": "--", "marker": "o", "markersize": 3.5, "zorder": 3},
    "trial": {"color": "#1b9e77", "linewidth": 1.4, "linestyle": ":", "marker": "^", "markersize": 4.5, "zorder": 4},
}
PAIR_STYLES = [
    {"color": "#7570b3", "linestyle": "-", "marker": "s", "markersize": 3, "linewidth": 1.6, "zorder": 3},
    {"color": "#e7298a", "linestyle": "--", "marker": "v", "markersize": 3.5, "linewidth": 1.4, "zorder": 4},
    {"color": "#66a61e", "linestyle": "-", "linewidth": 4.5, "alpha": 0.4, "zorder": 2},  # wide and pale: visible under the others
]
CYCLE_LINES = ("-", "--", "-.", ":")
CYCLE_MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "h", "<")
TEXT = {
    "citizens": ("borgere pr. måned", "citizens per month"),
    "meetings": ("samtaler pr. måned", "meetings per month"),
    "per_1000": ("pr. 1.000 borgere", "per 1,000 citizens"),
    "difference": ("forskel", "difference"),
    "month": ("måned (stiplede lodrette linjer: lovenes og forsøgets datoer)", "month (dashed verticals: the dates of the laws and the trial)"),
    "same_as": ("samme som", "same as"),
    "no_change": ("ingen ændring", "no change"),
    "regimes": ("Hver ordning pr. måned, hele befolkningen", "Each regime per month, the whole population"),
    "differences": ("Forskellene mellem ordningerne pr. måned", "The differences between the regimes per month"),
    "paragraphs": ("Særskilte planer pr. paragraf: forskel pr. måned", "Separate plans per paragraph: difference per month"),
    "municipalities": ("Særskilte planer pr. kommune: forskel pr. 1.000 borgere i kommunen",
                       "Separate plans per municipality: difference per 1,000 citizens of the municipality"),
    "changes": ("Hvad forsøget ændrer i forhold til lov om én plan, pr. 1.000 borgere pr. måned",
                "What the trial changes relative to the One Plan law, per 1,000 citizens per month"),
}


def _t(key, lang):
    return TEXT[key][0 if lang == "da" else 1]


@functools.cache
def trial_dates():
    """{first day "YYYY-MM": [municipalities]} where the trial starts, and where it ends, from the trial's
    parameters (enplan_rules/parameters/trial/municipalities/*.yaml `covered`)."""
    folder = os.path.join(os.path.dirname(os.path.dirname(__file__)), "parameters", "trial", "municipalities")
    starts, ends = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(path, encoding="utf-8") as file:
            values = (yamlfiles.load(file) or {}).get("covered", {}).get("values", {})
        name = os.path.splitext(os.path.basename(path))[0]
        previous = False
        for day, covered in sorted((str(k), bool(v)) for k, v in values.items()):
            if covered and not previous:
                starts.setdefault(day[:7], []).append(name)
            if previous and not covered:
                ends.setdefault(day[:7], []).append(name)
            previous = covered
    return starts, ends


def date_marks(lang):
    """(month, label) of every law and trial date, in `lang`."""
    starts, ends = trial_dates()
    marks = {}
    total = max((len(v) for v in starts.values()), default=0)

    def who(names):
        if len(names) == total or len(names) > 3:
            return "" if len(names) == total else (f" ({len(names)} kommuner)" if lang == "da" else f" ({len(names)} municipalities)")
        return " (" + ", ".join(words.municipality(n, lang) for n in names) + ")"

    for month, names in starts.items():
        marks[month] = ("forsøget begynder" if lang == "da" else "trial begins") + who(names)
    for month, names in ends.items():
        marks[month] = ("forsøget slutter" if lang == "da" else "trial ends") + who(names)
    for month, da, en in LAWS:
        marks[month] = (marks[month] + "; " if month in marks else "") + (da if lang == "da" else en)
    return sorted(marks.items())


class Frame:
    """What every chart of one comparison shares, without drawing anything (no matplotlib): the months, their
    dates, the population per month (`constant`: the same every month), the subtitle, the regimes, the language.
    The PNGs (Canvas) and the report's interactive charts (pagecharts.py) both draw from it. `cache`: a dict the
    frames of one comparison's languages share (the numbers do not depend on the language)."""

    def __init__(self, comparison, results, lang, cache=None):
        self.lang = lang
        self.cache = {} if cache is None else cache
        plan = comparison.plan
        self.plan, self.results = plan, results
        self.regimes = list(plan.regimes)
        self.index = numpy.arange(len(plan.months))
        self.dates = numpy.array(plan.months, dtype="datetime64[M]").astype("datetime64[D]")
        self.step = max(1, len(self.index) // 14)
        self.people = self.cached("people", self._people)
        self.constant = bool(len(self.people)) and numpy.allclose(self.people, self.people[0]) and self.people[0] > 0
        variant = "enacted" if "enacted" in plan.all_variants else plan.all_variants[0]
        citizens = numbers.fmt(comparison.citizens, 0, lang)
        self.subtitle = (f"{citizens} borgere, {words.period(plan.months, 'da')}" if lang == "da"
                         else f"{citizens} citizens, {words.period(plan.months, 'en')}")
        if len(plan.all_variants) > 1:
            self.subtitle += f", {words.variant_phrase(variant, lang)}"

    def _people(self):
        results = self.results
        people = results[(results["measure"] == "citizen_months") & (results["regime"] == self.regimes[0])]
        return people.groupby("month")["value"].sum().reindex(self.dates).to_numpy()

    def cached(self, key, compute):
        """compute(), once for the frames sharing this cache."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def monthly(self, measures):
        """{measure: {regime: values per month (0 where none)}} of `measures` (and of every measure the time charts
        draw: one grouping for them all) summed over the population."""
        measures = tuple(dict.fromkeys(KEY_MEASURES + tuple(engine.PLAN_VARIABLES) + tuple(measures)))

        def compute():
            table = _monthly(self.results, measures)
            out = {}
            for measure in table.index.get_level_values(0).unique():
                data = table.loc[measure].reindex(self.dates)
                out[measure] = {regime: data[regime].fillna(0.0).to_numpy() for regime in data.columns}
            return out

        return self.cached(("monthly", tuple(measures)), compute)

    def name(self, regime):
        return words.regime_short(regime, self.lang)

    def marks(self):
        """[(position, text)] of the law and trial dates inside the months compared: the position halfway between
        the month before and the month the date begins (month indices)."""
        out = []
        for month, text in date_marks(self.lang):
            day = numpy.datetime64(month + "-01")
            if self.dates[0] <= day <= self.dates[-1]:
                out.append((float(numpy.searchsorted(self.dates, day) - 0.5), text))
        return out


class Canvas(Frame):
    """A Frame that draws PNGs with matplotlib into `directory`."""

    def __init__(self, comparison, results, lang, directory):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        self.matplotlib, self.plt = matplotlib, plt
        super().__init__(comparison, results, lang)
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def number_axis(self, axis, decimals=None):
        """Tick labels in the report's number format, with as many decimals as the tick spacing needs."""
        lang = self.lang

        def format_(value, _):
            places = decimals
            if places is None:
                ticks = numpy.diff(axis.get_majorticklocs())
                step = float(numpy.min(numpy.abs(ticks))) if len(ticks) and numpy.all(ticks) else 1.0
                places = max(0, min(3, -int(numpy.floor(numpy.log10(step))))) if step < 1 else 0
            return numbers.fmt(value, places, lang)

        axis.set_major_formatter(self.matplotlib.ticker.FuncFormatter(format_))

    def law_dates(self, axis):
        for position, text in self.marks():
            axis.axvline(position, color="#555", linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
            axis.text(position + 0.12, 0.97, textwrap.fill(text, 34), transform=axis.get_xaxis_transform(), rotation=90,
                      fontsize=6.5, ha="left", va="top", color="#333",
                      bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 0.4})

    def per_thousand(self, axis):
        if self.constant:
            base = self.people[0]
            secondary = axis.secondary_yaxis("right", functions=(lambda v: v * 1000.0 / base, lambda v: v * base / 1000.0))
            secondary.set_ylabel(_t("per_1000", self.lang), fontsize=8)
            secondary.tick_params(labelsize=7)
            self.number_axis(secondary.yaxis)

    def headroom(self, axis, values, floor_zero=True):
        axis.set_ylim(*limits(values, floor_zero))

    def finish(self, figure, axes, name, title, right=0.92):
        """Title, ticks and fixed margins (a layout engine would draw every figure twice), then the PNG."""
        height = figure.get_figheight()
        figure.subplots_adjust(left=0.075, right=right, top=1 - 0.95 / height, bottom=0.95 / height, hspace=0.42)
        figure.suptitle(f"{title}\n{self.subtitle}", fontsize=10, x=0.01, ha="left", fontweight="bold")
        for axis in axes:
            axis.set_xlim(self.index[0] - 0.7, self.index[-1] + 0.7)
            axis.grid(alpha=0.3)
            axis.tick_params(labelsize=7)
            self.number_axis(axis.yaxis)
        axes[-1].set_xticks(self.index[:: self.step])
        axes[-1].set_xticklabels([words.month(self.plan.months[i], self.lang) for i in self.index[:: self.step]], rotation=45,
                                 ha="right", fontsize=7)
        axes[-1].set_xlabel(_t("month", self.lang), fontsize=8)
        path = os.path.join(self.directory, name)
        figure.savefig(path, dpi=100)
        self.plt.close(figure)
        return path


def limits(values, floor_zero=True):
    """(bottom, top) of a y axis with room above (and below) the lines `values` so none sits on the frame."""
    finite = numpy.concatenate([v[numpy.isfinite(v)] for v in values]) if values else numpy.zeros(1)
    top, bottom = (float(finite.max()), float(finite.min())) if finite.size else (1.0, 0.0)
    bottom = min(0.0, bottom) if floor_zero else bottom
    span = (top - bottom) or max(abs(top), 1.0)
    return bottom - (0.12 * span if bottom < 0 else 0), top + 0.35 * span


def coinciding_labels(series, names, lang, lower=True):
    """Legend labels that say which lines coincide with an earlier one ("Lov om én plan (samme som sektorlovgivning)");
    `lower=False` keeps the earlier one's name as written (a municipality, a paragraph)."""
    labels = []
    for index, (key, values) in enumerate(series.items()):
        same = [other for other in list(series)[:index] if numpy.allclose(series[other], values)]
        label = names[key]
        if same:
            other = names[same[0]]
            other = other if not lower or other[1:2].isupper() else other[0].lower() + other[1:]  # "sektorlovgivning", "SEL § 54 plan"
            label += f" ({_t('same_as', lang)} {other})"
        labels.append(label)
    return labels


def _monthly(results, measures):
    frame = results[results["measure"].isin(measures)]
    return frame.groupby(["measure", "month", "regime"], observed=True)["value"].sum().unstack("regime")


def planned(regimes, changes=None):
    """The file names of the detail charts a comparison of `regimes` gets, in the report's order."""
    names = ["regimes_over_time.png"]
    if len(regimes) > 1:
        names += ["differences_over_time.png", "separate_plans_by_paragraph.png", "separate_plans_by_municipality.png"]
    if changes is not None:
        names.append("trial_vs_one_plan_law_versions.png")
    return names


def draw(canvas, name, changes=None):
    """Draw the detail chart `name` (one of `planned`) on `canvas`; return its path."""
    if name == "trial_vs_one_plan_law_versions.png":
        return _changes(canvas, changes)
    return {"regimes_over_time.png": _regimes, "differences_over_time.png": _differences,
            "separate_plans_by_paragraph.png": _paragraphs, "separate_plans_by_municipality.png": _municipalities}[name](canvas)


def _series_getter(frame, measures):
    monthly = frame.monthly(measures)

    def series(measure, regime):
        values = monthly.get(measure, {}).get(regime)
        return numpy.zeros(len(frame.index)) if values is None else values

    return series


def _unit(measure, lang):
    return _t("meetings" if measure in words.MEETING_MEASURES else "citizens", lang)


def regime_panels(frame):
    """[(measure, {regime: values per month}, legend labels)] of the regimes-over-time chart, one per key measure."""
    series = _series_getter(frame, KEY_MEASURES)
    panels = []
    for measure in KEY_MEASURES:
        lines = {regime: series(measure, regime) for regime in frame.regimes}
        panels.append((measure, lines, coinciding_labels(lines, {r: frame.name(r) for r in frame.regimes}, frame.lang)))
    return panels


def difference_panels(frame):
    """[(measure, {(earlier, later): later − earlier per month}, legend labels)] of the differences-over-time chart."""
    series = _series_getter(frame, KEY_MEASURES)
    differences = _pairs(frame.regimes)
    panels = []
    for measure in KEY_MEASURES:
        lines = {pair: series(measure, pair[1]) - series(measure, pair[0]) for pair in differences}
        panels.append((measure, lines, coinciding_labels(lines, {pair: words.difference(pair, frame.lang) for pair in differences}, frame.lang)))
    return panels


def _regimes(canvas):
    lang, plt = canvas.lang, canvas.plt
    figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(11, 2.9 * len(KEY_MEASURES)), sharex=True)
    for axis, (measure, lines, labels) in zip(axes, regime_panels(canvas), strict=True):
        for (regime, values), label in zip(lines.items(), labels, strict=True):
            axis.plot(canvas.index, values, label=label, markevery=max(1, len(canvas.index) // 20), **STYLES.get(regime, {}))
        axis.set_title(words.measure(measure, lang), fontsize=9, loc="left", y=1.0)
        axis.set_ylabel(_unit(measure, lang), fontsize=8)
        canvas.headroom(axis, list(lines.values()))
        canvas.per_thousand(axis)
        canvas.law_dates(axis)
        axis.legend(fontsize=7, loc="best", framealpha=0.92)
    return canvas.finish(figure, axes, "regimes_over_time.png", _t("regimes", lang))


def _differences(canvas):
    lang, plt = canvas.lang, canvas.plt
    figure, axes = plt.subplots(len(KEY_MEASURES), 1, figsize=(11, 2.9 * len(KEY_MEASURES)), sharex=True)
    for axis, (measure, lines, labels) in zip(axes, difference_panels(canvas), strict=True):
        for style, values, label in zip(itertools.cycle(PAIR_STYLES), lines.values(), labels):
            axis.plot(canvas.index, values, label=label, markevery=max(1, len(canvas.index) // 20), **style)
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_title(f"{words.measure(measure, lang)}: {_t('difference', lang)}", fontsize=9, loc="left", y=1.0)
        axis.set_ylabel(f"{_t('difference', lang)}, {_unit(measure, lang)}", fontsize=8)
        canvas.headroom(axis, list(lines.values()))
        canvas.per_thousand(axis)
        canvas.law_dates(axis)
        axis.legend(fontsize=7, loc="best", framealpha=0.92)
    return canvas.finish(figure, axes, "differences_over_time.png", _t("differences", lang))


def _pairs(regimes):
    return sorted(itertools.combinations(regimes, 2),
                  key=lambda pair: (regimes.index(pair[1]) - regimes.index(pair[0]), regimes.index(pair[0])))


def paragraph_panels(frame):
    """[((earlier, later), [(number, paragraph measure, later − earlier per month)] of the paragraphs that change,
    [the names of those that do not])], one per difference."""
    paragraphs = frame.monthly(engine.PLAN_VARIABLES)
    panels = []
    for a, b in _pairs(frame.regimes):
        unchanged, drawn = [], []
        for number_, measure in enumerate(engine.PLAN_VARIABLES):
            values = numpy.zeros(len(frame.index))
            data = paragraphs.get(measure, {})
            if a in data and b in data:
                values = data[b] - data[a]
            if not values.any():
                unchanged.append(words.measure(measure, frame.lang))
                continue
            drawn.append((number_, measure, values))
        panels.append(((a, b), drawn, unchanged))
    return panels


def _paragraphs(canvas):
    lang, plt, matplotlib = canvas.lang, canvas.plt, canvas.matplotlib
    panels = paragraph_panels(canvas)
    figure, axes = plt.subplots(len(panels), 1, figsize=(11, 3.6 * len(panels)), sharex=True, squeeze=False)
    for axis, ((a, b), lines, unchanged) in zip(axes[:, 0], panels, strict=True):
        drawn = [values for _, _, values in lines]
        for number_, measure, values in lines:
            axis.plot(canvas.index, values, label=words.measure(measure, lang), color=matplotlib.colormaps["tab10"](number_ % 10),
                      linestyle=CYCLE_LINES[number_ % 4], marker=CYCLE_MARKERS[number_ % 10], markersize=3,
                      markevery=max(1, len(canvas.index) // 15))
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_title(words.difference((a, b), lang), fontsize=9, loc="left", y=1.0)
        axis.set_ylabel(f"{_t('difference', lang)}, {_t('citizens', lang)}", fontsize=8)
        canvas.headroom(axis, drawn)
        canvas.per_thousand(axis)
        canvas.law_dates(axis)
        handles, names = axis.get_legend_handles_labels()
        if unchanged:
            handles.append(matplotlib.lines.Line2D([], [], linestyle="none"))
            names.append(textwrap.fill(f"{_t('no_change', lang)}: " + "; ".join(unchanged), 60))
        axis.legend(handles, names, fontsize=6.5, loc="upper left", bbox_to_anchor=(1.07, 1.0), framealpha=0.92)  # beside the lines, inside the picture
    return canvas.finish(figure, axes[:, 0], "separate_plans_by_paragraph.png", _t("paragraphs", lang), right=0.64)


def municipality_panels(frame):
    """(municipalities, [((earlier, the last regime), [separate plans later − earlier per 1,000 citizens of the
    municipality per month, one per municipality])]), one panel per difference to the last regime."""
    return frame.cached("municipality_panels", lambda: _municipality_panels(frame))


def _municipality_panels(frame):
    regimes = frame.regimes
    shown = [pair for pair in _pairs(regimes) if pair[1] == regimes[-1]]
    by = (frame.results[frame.results["measure"].isin(["separate_plans_total", "citizen_months"])]
          .groupby(["measure", "municipality", "month", "regime"], observed=True)["value"].sum().unstack("regime"))
    plans, people = by.loc["separate_plans_total"], by.loc["citizen_months"]
    municipalities = list(plans.index.get_level_values(0).unique())
    # every municipality's months at once: (municipality, month) rows in the order of municipalities × frame.dates
    rows = pandas.MultiIndex.from_product([municipalities, pandas.DatetimeIndex(frame.dates).as_unit(plans.index.levels[1].unit)])
    shape = (len(municipalities), len(frame.dates))
    plans = plans.reindex(rows).fillna(0.0)
    people = people.reindex(rows)
    panels = []
    for a, b in shown:
        base = people[a].to_numpy().reshape(shape)
        values = 1000.0 * (plans[b] - plans[a]).to_numpy().reshape(shape) / numpy.where(base > 0, base, numpy.nan)
        panels.append(((a, b), list(values)))
    return municipalities, panels


def _municipalities(canvas):
    lang, plt, matplotlib = canvas.lang, canvas.plt, canvas.matplotlib
    municipalities, panels = municipality_panels(canvas)
    figure, axes = plt.subplots(len(panels), 1, figsize=(11, 4.0 * len(panels)), sharex=True, squeeze=False)
    for axis, ((a, b), drawn) in zip(axes[:, 0], panels, strict=True):
        for number_, (municipality, values) in enumerate(zip(municipalities, drawn, strict=True)):
            axis.plot(canvas.index, values, label=words.municipality(municipality, lang),
                      color=matplotlib.colormaps["tab10"](number_ % 10), linestyle=CYCLE_LINES[number_ % 4],
                      marker=CYCLE_MARKERS[number_ % 10], markersize=3, markevery=max(1, len(canvas.index) // 15))
        axis.axhline(0, color="black", linewidth=0.6)
        axis.set_title(words.difference((a, b), lang), fontsize=9, loc="left", y=1.0)
        axis.set_ylabel(f"{_t('difference', lang)}, {_t('per_1000', lang)}", fontsize=8)
        canvas.headroom(axis, drawn)
        canvas.law_dates(axis)
    handles, names = axes[0, 0].get_legend_handles_labels()
    figure.legend(handles, names, fontsize=7.5, loc="upper right", bbox_to_anchor=(0.995, 1 - 0.95 / figure.get_figheight()), title=words.TEXT_MUNICIPALITY[0 if lang == "da" else 1],
                  title_fontsize=7.5)  # the same municipalities on every panel: one legend beside them, inside the picture
    return canvas.finish(figure, axes[:, 0], "separate_plans_by_municipality.png", _t("municipalities", lang), right=0.85)


def change_grids(frame, changes):
    """(municipalities with the network last, [([versions], grid paragraph × municipality of the trial − the One
    Plan law per 1,000 citizens per month)], citizen rows, meeting rows): versions whose grids are the same (to
    0.005) grouped, drawn once."""
    return frame.cached(("change_grids", id(changes)), lambda: _change_grids(frame, changes))


def _change_grids(frame, changes):
    municipalities = [m for m in dict.fromkeys(changes["municipality"]) if m != "all"] + ["all"]
    groups = []
    for variant in frame.plan.all_variants:
        this = changes[changes["one_plan_law_variant"] == variant]
        wide = this.pivot_table(index="measure", columns="municipality", values="per_1000_citizens_per_month", observed=True)
        grid = wide.reindex(index=list(CHANGE_MEASURES), columns=municipalities).to_numpy(dtype=float)
        for group in groups:
            if numpy.allclose(group[1], grid, atol=0.005, equal_nan=True):
                group[0].append(variant)
                break
        else:
            groups.append(([variant], grid))
    meeting_rows = [i for i, m in enumerate(CHANGE_MEASURES) if m in words.MEETING_MEASURES]
    citizen_rows = [i for i in range(len(CHANGE_MEASURES)) if i not in meeting_rows]
    return municipalities, groups, citizen_rows, meeting_rows


def _changes(canvas, changes):
    """Heat map: paragraph × municipality, the trial − the One Plan law per 1,000 citizens per month. Versions whose
    maps are the same are drawn once (and said); the meeting row has its own colour scale (meetings, not citizens)."""
    lang, plt = canvas.lang, canvas.plt
    municipalities, groups, citizen_rows, meeting_rows = change_grids(canvas, changes)
    figure, axes = plt.subplots(2, len(groups), figsize=(3.2 + 7.0 * len(groups), 8.6), squeeze=False, layout="constrained",
                                gridspec_kw={"height_ratios": [len(citizen_rows), max(1, len(meeting_rows)) + 0.6]})
    for column, (variants, grid) in enumerate(groups):
        for row, (rows, unit) in enumerate(((citizen_rows, "citizens"), (meeting_rows, "meetings"))):
            axis = axes[row, column]
            part = grid[rows]
            limit = float(numpy.nanmax(numpy.abs(part))) if numpy.isfinite(part).any() else 0.0
            limit = limit or 1.0
            image = axis.imshow(part, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
            axis.set_xticks(range(len(municipalities)))
            axis.set_xticklabels([words.municipality(m, lang) for m in municipalities] if row == 1 else [], rotation=35,
                                 ha="right", fontsize=8)
            axis.set_yticks(range(len(rows)))
            axis.set_yticklabels([textwrap.fill(words.measure(CHANGE_MEASURES[i], lang), 46) for i in rows] if column == 0 else [],
                                 fontsize=7.5)
            for y in range(part.shape[0]):
                for x in range(part.shape[1]):
                    value = part[y, x]
                    if numpy.isfinite(value):
                        axis.text(x, y, numbers.fmt(value, 1 if abs(value) >= 0.05 or value == 0 else 2, lang, sign=True),
                                  ha="center", va="center", fontsize=7.5, color="white" if abs(value) > 0.6 * limit else "black")
            if row == 0:
                names = " = ".join(words.variant_short(v, lang) for v in variants)
                same = (" (ens)" if lang == "da" else " (the same)") if len(variants) > 1 else ""
                axis.set_title(textwrap.fill(names + same, 60), fontsize=9, y=1.0)
            colorbar = figure.colorbar(image, ax=axis, shrink=0.9, pad=0.01)
            unit_text = (f"{_t(unit, lang)}, {_t('per_1000', lang)}")
            colorbar.set_label(textwrap.fill(unit_text, 22), fontsize=7.5)
            colorbar.ax.tick_params(labelsize=7)
            canvas.number_axis(colorbar.ax.yaxis)
    figure.suptitle(f"{_t('changes', lang)}\n{canvas.subtitle}", fontsize=10, x=0.01, ha="left", fontweight="bold")
    path = os.path.join(canvas.directory, "trial_vs_one_plan_law_versions.png")
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
