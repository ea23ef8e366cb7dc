"""Budgets of a request: what one request may cost before it is computed (its size in answers to compute) and
while it is computed (wall time), so that no request runs a worker past its timeout.

- `history_cost` and `check_history`: `POST /check/history` (and the /history/ page) computes every month of the
  history's range under each regime asked, once per combination of unknown facts; the product is bounded
  (MAX_MONTH_REGIMES, MAX_WORK) and a history beyond it is refused before anything is computed, saying what to
  shrink (the months, the regimes, the unknown facts).
- `check_deadline`: `POST /check` and `/check/compare` under CHECK_CPU_SECONDS of their thread's CPU time and
  CHECK_WALL_SECONDS of wall time (below the worker's 30 s timeout); their size is bounded before (20 persons, 64
  combinations of unknown facts, the unrecorded judgements' combinations), so the budget is a backstop.
- `deadline`: a computation that has used its CPU budget (its own thread's CPU time: CPU_SECONDS), or is still
  running after WALL_SECONDS, is stopped in its own thread (an asynchronous exception, raised at the thread's
  next bytecode) and answered 503 with what to shrink; the worker and its other threads go on.
"""

import ctypes
import threading
import time
from contextlib import contextmanager

MAX_MONTH_REGIMES = 150  # months × regimes of one history: the default range 2017-10 … 2020-12 × 3 regimes is 117
MAX_WORK = 600  # months × regimes × (1 + unknown facts): ~10-20 ms of CPU per unit without unrecorded judgements
# CPU time of one request's thread: a request still computing then is stopped. A month in which unrecorded
# judgements can change an answer is answered through the contingent path (~0.1-0.4 s of CPU on a quiet machine),
# so a history of 117 months × regimes may need most of a minute.
CPU_SECONDS = 60.0
WALL_SECONDS = 240.0  # and in any case after this long (a machine busy with other work slows every request)
POLL_SECONDS = 0.05
# One /check or /check/compare (three regimes): the largest case the limits let through, 20 persons with their
# unrecorded judgements, takes a few seconds of CPU; beyond these it is answered 503 naming what to shrink.
CHECK_CPU_SECONDS = 20.0
CHECK_WALL_SECONDS = 25.0  # below gunicorn's --timeout (30 s by default): no worker runs past it on a /check


class BudgetExceeded(BaseException):
    """A computation ran past its CPU or wall-time budget (raised inside the computing thread; a BaseException, like
    KeyboardInterrupt, so that no `except Exception` on the way swallows it)."""


def unknown_fact_pointers(history):
    """The JSON pointers of the facts the history gives as unknown (null), in its persons and its changes."""
    pointers = []
    for kind in ("persons", "changes"):
        for index, item in enumerate(history.get(kind) or []):
            if isinstance(item, dict):
                pointers.extend(f"/{kind}/{index}/{key}" for key, value in item.items() if value is None)
    return pointers


def unknown_facts(history):
    """How many facts the history gives as unknown (null), in its persons and its changes."""
    return len(unknown_fact_pointers(history))


def history_cost(history, regime_count, first, last):
    """(months × regimes, months × regimes × (1 + unknown facts)) of reviewing `history` from `first` to `last`."""
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    month_regimes = max(0, months) * regime_count
    return month_regimes, month_regimes * (1 + unknown_facts(history))


def over_budget(history, regime_count, first, last, lang="en"):
    """The refusal items ([{pointer|parameter, message, expected}]) when the review of `history` is beyond the
    budget; [] when it is within it."""
    month_regimes, work = history_cost(history, regime_count, first, last)
    if month_regimes > MAX_MONTH_REGIMES:
        return [{
            "pointer": "/to",
            "message": (f"forløbet beder om {month_regimes} måneder × regimer; højst {MAX_MONTH_REGIMES}" if lang == "da"
                        else f"the history asks for {month_regimes} months × regimes; at most {MAX_MONTH_REGIMES}"),
            "expected": (f"en kortere periode (from/to) eller ét regime (regime=): højst {MAX_MONTH_REGIMES} "
                         "måneder × regimer" if lang == "da" else
                         f"a shorter range (from/to) or one regime (regime=): at most {MAX_MONTH_REGIMES} "
                         "months × regimes"),
        }]
    if work > MAX_WORK:
        unknown = unknown_facts(history)
        return [{
            "pointer": pointer,
            "message": (f"{month_regimes} måneder × regimer med {unknown} ukendte oplysninger er for meget "
                        f"({work} > {MAX_WORK})" if lang == "da" else
                        f"{month_regimes} months × regimes with {unknown} unknown facts is too much "
                        f"({work} > {MAX_WORK})"),
            "expected": (f"færre ukendte oplysninger, en kortere periode eller ét regime: måneder × regimer × "
                         f"(1 + ukendte oplysninger) højst {MAX_WORK}" if lang == "da" else
                         f"fewer unknown facts, a shorter range or one regime: months × regimes × "
                         f"(1 + unknown facts) at most {MAX_WORK}"),
        } for pointer in unknown_fact_pointers(history) or ["/persons"]]
    return []


def _raise_in(thread_id, exception):
    """Raise `exception` (a class) in the thread at its next bytecode; None withdraws a pending one."""
    given = ctypes.py_object(exception) if exception is not None else None  # None: NULL
    return ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), given)


@contextmanager
def deadline(cpu_seconds=None, wall_seconds=None):
    """Stop the code in the `with` block (BudgetExceeded, in this thread) once its thread has used more than
    `cpu_seconds` of CPU (default CPU_SECONDS) or `wall_seconds` have passed (default WALL_SECONDS). The CPU
    clock is the thread's own, so a request is not stopped because the machine is busy with others."""
    cpu_seconds = CPU_SECONDS if cpu_seconds is None else cpu_seconds
    wall_seconds = WALL_SECONDS if wall_seconds is None else wall_seconds
    thread_id = threading.get_ident()
    clock = time.pthread_getcpuclockid(thread_id)
    cpu_start, wall_start = time.clock_gettime(clock), time.monotonic()
    lock = threading.Lock()
    done = threading.Event()
    state = {"running": True, "fired": False}

    def watch():
        while not done.wait(POLL_SECONDS):
            over = (time.clock_gettime(clock) - cpu_start > cpu_seconds
                    or time.monotonic() - wall_start > wall_seconds)
            if over:
                with lock:
                    if state["running"]:
                        state["fired"] = True
                        _raise_in(thread_id, BudgetExceeded)
                return

    watcher = threading.Thread(target=watch, name="enplan-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
            done.set()
            if state["fired"]:
                _raise_in(thread_id, None)  # withdraw it if it has not been raised yet
    if state["fired"]:
        raise BudgetExceeded(cpu_seconds)


def check_deadline():
    """`deadline` with the budget of one /check or /check/compare."""
    return deadline(CHECK_CPU_SECONDS, CHECK_WALL_SECONDS)


def check_too_slow(lang="en"):
    """(message, expected) of a /check or /check/compare stopped by its budget, in `lang`."""
    if lang == "da":
        return ("Sagen tog længere end serverens tidsbudget.",
                f"færre personer, færre ukendte oplysninger (null) eller de vurderinger, sagen ikke registrerer, "
                f"registreret; ét regime (/check) frem for tre (/check/compare) (højst {CHECK_CPU_SECONDS:g} s "
                f"CPU-tid, {CHECK_WALL_SECONDS:g} s i alt)")
    return ("The check took longer than the server's time budget.",
            f"fewer persons, fewer unknown (null) facts, or the judgements the case leaves unrecorded recorded; one "
            f"regime (/check) rather than three (/check/compare) (at most {CHECK_CPU_SECONDS:g} s of CPU, "
            f"{CHECK_WALL_SECONDS:g} s in all)")
