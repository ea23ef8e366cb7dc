"""The report's PNG plots, drawn beside the rest of the output.

Every plot in every language is one job: the key chart (wide and narrow) and the detail charts, in Danish
(plots/da/) and English (plots/en/). The jobs' paths are known before any is drawn, so the report can be built
while they are drawn; it reads the PNGs only when it embeds them.

With `parallel`, two processes forked from the command take the jobs, the costliest first; the command meanwhile
writes the tables and builds the report. Matplotlib is imported once, before the fork (matplotlib draws in one
thread: processes are the way to use two cores). Without `parallel`, the jobs are drawn in this process when
their paths are asked for."""

import os

from enplan_rules.population import brief as brief_module
from enplan_rules.population import charts, keychart, processes

LANGUAGES = ("da", "en")
KEY_CHARTS = ("key_chart.png", "key_chart_narrow.png")
COST = ("regimes_over_time.png", "differences_over_time.png", "trial_vs_one_plan_law_versions.png", "separate_plans_by_paragraph.png",
        "key_chart_narrow.png", "separate_plans_by_municipality.png", "key_chart.png")  # costliest first, as measured

_SOURCES = None  # what the jobs draw from: set before the drawing processes fork, so a job is only (language, name)
_CANVASES = {}  # one charts.Canvas per language and process


class Sources:
    """What every plot of one comparison is drawn from, computed once."""

    def __init__(self, comparison, directory, results, changes):
        self.comparison, self.directory = comparison, directory
        self.brief = brief_module.compute(comparison)
        self.results, self.changes = results, changes

    def jobs(self):
        """[(language, file name)] of every plot, in the report's order (each language's key charts, then its
        detail charts)."""
        names = (list(KEY_CHARTS) if self.brief is not None else []) + charts.planned(list(self.comparison.plan.regimes), self.changes)
        return [(lang, name) for lang in LANGUAGES for name in names]

    def path(self, lang, name):
        return os.path.join(self.directory, lang, name)


def _draw(job):
    """Draw one job from the sources set before the fork; return its path."""
    lang, name = job
    sources = _SOURCES
    if name in KEY_CHARTS:
        return keychart.draw(sources.brief, sources.path(lang, name), lang, narrow=name == "key_chart_narrow.png")
    canvas = _CANVASES.get(lang)
    if canvas is None or canvas.plan is not sources.comparison.plan:
        canvas = _CANVASES[lang] = charts.Canvas(sources.comparison, sources.results, lang, os.path.join(sources.directory, lang))
    return charts.draw(canvas, name, sources.changes)


def _can_fork():
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


class Drawing:
    """The plots of one comparison into `directory`, drawn from its `results` (one One Plan law version's) and the
    trial's `changes` (report.trial_changes, or None), begun at once when `parallel` (see the module's docstring).
    `paths` are the files that will be written; `wait()` returns them once written (and raises what a drawing
    process raised); `stop()` ends the drawing processes (an interrupted or failed command leaves none)."""

    def __init__(self, comparison, directory, results, changes, parallel=False):
        global _SOURCES
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot  # noqa: F401  (imported before the fork: every drawing process has it)

        _SOURCES = Sources(comparison, directory, results, changes)
        _CANVASES.clear()
        self.jobs = _SOURCES.jobs()
        self.paths = [_SOURCES.path(lang, name) for lang, name in self.jobs]
        self.pool, self.futures = None, []
        if parallel and _can_fork() and self.jobs:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"), initializer=processes.worker_start,
                                            initargs=(os.getpid(),))
            costliest_first = sorted(self.jobs, key=lambda job: COST.index(job[1]))
            try:
                futures = {job: self.pool.submit(_draw, job) for job in costliest_first}
                self.futures = [futures[job] for job in self.jobs]
            except BaseException:
                self.stop()
                raise

    def wait(self):
        try:
            if self.pool is None:
                return [_draw(job) for job in self.jobs]
            written = [future.result() for future in self.futures]
            self.pool.shutdown(wait=True)
            self.pool = None
            return written
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.pool is not None:
            processes.end_workers(self.pool)
            self.pool = None
