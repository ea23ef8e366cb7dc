"""Fuzzing the real server: no request may produce a 5xx.

- schemathesis, from each regime's own /spec and from the gateway's /spec (the /check schema), positive
  and negative data;
- hypothesis, near-valid OpenFisca situations (real variable names, odd periods, values of every JSON type,
  odd ids, roles) that reach deeper than schema-based data.

Bounded: a fixed number of examples per target, derandomised so the suite is repeatable. Set
ENPLAN_FUZZ_EXAMPLES (and ENPLAN_FUZZ_SEED to explore other examples) for a longer run.
"""

import json
import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from enplan_rules import regimes

EXAMPLES = int(os.environ.get("ENPLAN_FUZZ_EXAMPLES", "60"))
SEED = os.environ.get("ENPLAN_FUZZ_SEED")


def fuzz_settings(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def seeded(function):
    return seed(int(SEED))(function) if SEED is not None else function


def run_schema(spec, base_url, session, examples):
    """Call every operation of `spec` with generated data; return the cases answered with a 5xx."""
    schema = schemathesis.openapi.from_dict(spec)
    failures = []
    statuses = {}
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = schema.as_strategy(generation_mode=mode)

        @fuzz_settings(examples)
        @seeded
        @given(case=strategy)
        def call(case):
            response = case.call(base_url=base_url, session=session, timeout=30)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append((case.method, case.path, response.status_code, response.text[:300]))

        call()
    return failures, statuses


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_schemathesis_regime_spec_finds_no_server_error(server, http, regime):
    base = server.url(f"/{regime}")
    spec = http.get(f"{base}/spec", timeout=10).json()
    failures, statuses = run_schema(spec, base, http, EXAMPLES)
    assert not failures, failures
    assert sum(statuses.values()) >= EXAMPLES  # the fuzzer did reach the server


def test_schemathesis_check_spec_finds_no_server_error(server, http):
    spec = http.get(server.url("/spec"), timeout=10).json()
    failures, statuses = run_schema(spec, server.base, http, EXAMPLES)
    assert not failures, failures
    assert statuses.get(200, 0) > 0  # positive cases did get through the validation


def test_schemathesis_with_token_finds_no_server_error(secured_server, http):
    spec = http.get(secured_server.url("/spec"), headers=secured_server.headers(), timeout=10).json()
    session = requests.Session()
    session.headers.update(secured_server.headers())
    failures, _ = run_schema(spec, secured_server.base, session, max(10, EXAMPLES // 3))
    assert not failures, failures


# -- near-valid situations -------------------------------------------------------------------------

TRIAL = regimes.load("trial")
VARIABLE_NAMES = sorted(TRIAL.variables) + ["salary", "parents", "members", "children"]
PERIODS = st.sampled_from([
    "2019-03", "2019", "2015-01", "2014-12", "ETERNITY", "eternity", "2019-03-01", "month:2019-01:3",
    "year:2018:2", "9999-12", "9999", "0001-01", "2019-W03", "month:9999-12:2", "year:9999-12",
    "2020-02", "year:2019-03", "month:2019-01:1200", "day:2019-03-01:40", "x", "", "2019-3",
])
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
    st.sampled_from(["1980-01-01", "2019-02-30", "0001-01-01", "9999-12-31", "ballerup", "other", "none",
                     "uddannelseshjaelp_aktivitetsparat", "category_1", "families", "1+1"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)
IDS = st.sampled_from(["a", "b", "0", "1", "a b", "\u00f8", "*", "a.b", "~", "[0]", "-1", "", "a/b", "%2F"])
VARIABLES = st.dictionaries(
    st.sampled_from(VARIABLE_NAMES),
    st.one_of(st.dictionaries(PERIODS, VALUES, max_size=3), VALUES),
    max_size=5,
)


def group(roles):
    members = st.one_of(IDS, st.lists(IDS, max_size=3), VALUES)
    return st.dictionaries(IDS, st.tuples(
        st.fixed_dictionaries({}, optional={role: members for role in roles}), VARIABLES,
    ).map(lambda pair: {**pair[1], **pair[0]}), max_size=2)


SITUATIONS = st.fixed_dictionaries(
    {"persons": st.dictionaries(IDS, VARIABLES, min_size=1, max_size=4)},
    optional={"families": group(["parents", "children"]), "cohorts": group(["members"]),
              "axes": st.just([[{"name": "meetings_held", "count": 3, "min": 0, "max": 2}]])},
)


def test_near_valid_situations_find_no_server_error(server, http):
    statuses = {}
    failures = []

    @fuzz_settings(EXAMPLES * 5)
    @seeded
    @given(SITUATIONS, st.sampled_from(regimes.NAMES), st.sampled_from(["calculate", "trace"]))
    def call(situation, regime, endpoint):
        response = http.post(server.url(f"/{regime}/{endpoint}"), data=json.dumps(situation),
                             headers={"Content-Type": "application/json"}, timeout=30)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((regime, endpoint, json.dumps(situation)[:300], response.text[:300]))
        else:
            assert response.headers["Content-Type"].startswith("application/json")

    call()
    assert not failures, failures
    assert statuses.get(200, 0) > 0 and statuses.get(400, 0) > 0, statuses


def test_the_fuzzed_servers_logged_no_bug(server):
    log = server.log()
    assert "unexpected" not in log and "input error not caught" not in log, log[-3000:]
