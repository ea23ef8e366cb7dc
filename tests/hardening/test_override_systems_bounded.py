"""Rules systems built for overrides and readings are bounded: the cache keeps at most its size, and a system
pushed out of it is freed (nothing else holds it), so distinct `override=` values do not grow the worker."""

import gc
import weakref

from enplan_rules.answers import readings
from enplan_rules.case import check

CASE = {"municipality": "ballerup", "month": "2019-03",
        "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                     "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2018-06-01"}]}
TOLERANCE = "trial.meeting_parity_tolerance"


def test_distinct_overrides_keep_the_cache_bounded_and_free_what_it_drops():
    readings._system.cache_clear()
    check(CASE, "trial", "en", overrides={TOLERANCE: 0.5})
    first = weakref.ref(readings.switched("trial", overrides={TOLERANCE: 0.5}))
    size = readings._system.cache_info().maxsize
    for index in range(size + 8):
        check(CASE, "trial", "en", overrides={TOLERANCE: round(0.001 * (index + 1), 4)})
    assert readings._system.cache_info().currsize <= size
    gc.collect()
    assert first() is None, "a system pushed out of the cache is still held somewhere"
