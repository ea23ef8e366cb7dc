"""No 5xx, provably; no starvation: the classes of input that once crashed or blocked the server.

- text that is not Unicode (lone surrogates, "\\ud800") in keys and values, on every POST endpoint;
- duplicate JSON keys, ids with a trailing newline, dates out of range, floods of errors;
- HTTP framing gunicorn cannot read: bad chunk sizes, transfer codings other than chunked, bodies shorter
  than their Content-Length (closed early, or never finished: answered when the read timeout expires);
- slow clients and a /trace bomb, while /health and /check must keep answering within a second.

A hypothesis generator mixes these classes into otherwise valid requests; every answer must be a JSON
4xx (or 200) within the read timeout. All on loopback, every wait bounded.
"""

import json
import os
import socket
import threading
import time

import pytest
import requests
from api_cases import PERSON_OUTPUTS, family_case, family_situation
from conftest import READ_TIMEOUT
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from enplan_rules import regimes
from enplan_rules.api.errors import MAX_ERRORS
from enplan_rules.api.situation import MAX_CELLS

EXAMPLES = int(os.environ.get("ENPLAN_FUZZ_EXAMPLES", "60"))
SEED = os.environ.get("ENPLAN_FUZZ_SEED")
JSON = {"Content-Type": "application/json"}
POSTS = ("/check", "/check/compare", "/trial/calculate", "/trial/trace")


def address(server):
    host, port = server.base.removeprefix("http://").split(":")
    return host, int(port)


def exchange(server, data, half_close=False, timeout=READ_TIMEOUT + 10):
    """Send `data` on a new connection, read the answer until the server closes; (status, head, body,
    seconds). With `half_close` the client closes its sending side after `data` (a body cut short)."""
    started = time.monotonic()
    with socket.create_connection(address(server), timeout=timeout) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    assert head, "the server closed the connection without an answer"
    return int(head.split(b" ", 2)[1]), head.decode("latin-1"), body, time.monotonic() - started


def request_bytes(path, body, headers=()):
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def assert_json_refusal(status, head, body, expected=None):
    assert 400 <= status < 500 if expected is None else status == expected, (status, body[:300])
    assert "content-type: application/json" in head.lower()
    payload = json.loads(body)
    assert payload["status"] == status and payload["errors"], payload
    return payload


def post(http, server, path, body, **params):
    return http.post(server.url(path), data=body, headers=JSON, params=params, timeout=30)


# -- text that is not Unicode --------------------------------------------------------------------


@pytest.mark.parametrize("path, body, where", [
    ("/check", '{"municipality": "\\ud800", "month": "2019-03", "persons": [{"id": "a"}]}', "/municipality"),
    ("/check", '{"municipality": "ballerup", "month": "2019-03", "persons": [{"id": "a", "x\\udfff": 1}]}',
     "/persons/0/x\udfff"),
    ("/check/compare", '{"municipality": "ballerup", "month": "2019-03", "persons": [{"id": "\\udc00"}]}',
     "/persons/0/id"),
    ("/trial/calculate", '{"persons": {"\\ud800": {"in_en_plan_trial": {"2019-03": null}}}}', "/persons/\ud800"),
    ("/sector_law/trace", '{"persons": {"a": {"municipality": {"2019-03": "\\ud83d"}}}}',
     "/persons/a/municipality/2019-03"),
])
def test_lone_surrogates_are_refused_at_their_pointer(server, http, path, body, where):
    response = post(http, server, path, body.encode())
    assert response.status_code == 400, response.text[:300]
    payload = response.json()  # the answer is valid JSON (non-Unicode text is \u-escaped)
    assert payload["error"] == "invalid_json"
    assert [item["pointer"] for item in payload["errors"]] == [where]


def test_surrogate_pairs_are_ordinary_text(server, http):
    case = family_case()
    case["persons"][0]["id"] = "x"
    body = json.dumps(case).replace('"x"', '"\\ud83d\\ude00"').encode()  # an emoji, escaped: valid Unicode
    response = post(http, server, "/check", body)
    assert response.status_code == 400  # refused by the id pattern, not as non-Unicode text
    assert response.json()["error"] == "invalid_case"


# -- duplicate keys, whole matches, ranges, floods -------------------------------------------------


@pytest.mark.parametrize("path, body, where", [
    ("/check", '{"municipality": "ballerup", "month": "2019-03", "month": "2030-12", "persons": [{"id": "a"}]}',
     "/month"),
    ("/trial/calculate",
     '{"persons": {"a": {"in_en_plan_trial": {"2019-03": null}, "in_en_plan_trial": {"2030-12": null}}}}',
     "/persons/a/in_en_plan_trial"),
])
def test_duplicate_keys_are_refused(server, http, path, body, where):
    response = post(http, server, path, body.encode())
    assert response.status_code == 400
    assert [item["pointer"] for item in response.json()["errors"]] == [where]


def test_ids_are_matched_whole(server, http):
    case = family_case()
    case["persons"][0]["id"] = "parent\n"
    response = post(http, server, "/check", json.dumps(case))
    assert response.status_code == 400
    assert "/persons/0/id" in [item["pointer"] for item in response.json()["errors"]]
    situation = {"persons": {"a\n": {"in_en_plan_trial": {"2019-03": None}}}}
    response = post(http, server, "/trial/calculate", json.dumps(situation))
    assert response.status_code == 400
    assert [item["pointer"] for item in response.json()["errors"]] == ["/persons/a\n"]
    case = family_case()
    case["month"] = "2019-03\n"
    assert post(http, server, "/check", json.dumps(case)).status_code == 400


@pytest.mark.parametrize("birth_date", ["0001-01-01", "1899-12-31", "2031-01-01", "9999-12-31"])
def test_birth_dates_out_of_range_are_refused(server, http, birth_date):
    case = family_case()
    case["persons"][0]["birth_date"] = birth_date
    response = post(http, server, "/check", json.dumps(case))
    assert response.status_code == 400
    assert [item["pointer"] for item in response.json()["errors"]] == ["/persons/0/birth_date"]
    situation = family_situation()
    situation["persons"]["parent"]["birth_date"] = {"ETERNITY": birth_date}
    response = post(http, server, "/trial/calculate", json.dumps(situation))
    assert response.status_code == 400
    assert [item["pointer"] for item in response.json()["errors"]] == [
        "/persons/parent/birth_date/ETERNITY"]


@pytest.mark.parametrize("birth_date", ["1900-01-01", "2019-02-28"])
def test_birth_dates_in_range_are_accepted(server, http, birth_date):
    case = family_case()
    case["persons"][1]["birth_date"] = birth_date
    assert post(http, server, "/check", json.dumps(case)).status_code == 200


def test_the_number_of_errors_is_capped(server, http):
    case = family_case()
    case["persons"][0].update({f"unknown_{index}": 1 for index in range(5000)})
    response = post(http, server, "/check", json.dumps(case))
    assert response.status_code == 400
    payload = response.json()
    assert len(payload["errors"]) == MAX_ERRORS
    assert payload["errors_omitted"] == 5000 - MAX_ERRORS
    assert len(response.content) < 64 * 1024  # was 31 MiB for 466 KiB of unknown fields
    situation = {"persons": {f"p{index}": {f"nonsense_{index}": {}} for index in range(300)}}
    response = post(http, server, "/trial/calculate", json.dumps(situation))
    payload = response.json()
    assert len(payload["errors"]) == MAX_ERRORS and payload["errors_omitted"] == 300 - MAX_ERRORS


def bomb(persons=9999, outputs=10, months=50):
    """Many empty persons and one asking for many outputs over many months (once a 180 MiB trace)."""
    names = list(PERSON_OUTPUTS)
    situation = {"persons": {f"p{index}": {} for index in range(persons)}}
    situation["persons"]["p0"] = {
        name: {f"{2016 + month // 12}-{month % 12 + 1:02d}": None for month in range(months)}
        for name in names[:outputs]
    }
    return situation


def test_trace_and_calculate_output_is_capped(server, http):
    names = set(regimes.load("trial").variables)
    situation = bomb()
    assert set(situation["persons"]["p0"]) <= names
    response = post(http, server, "/trial/trace", json.dumps(situation))
    assert response.status_code == 400
    expected = [item["expected"] for item in response.json()["errors"]]
    assert any(f"at most {MAX_CELLS['trace']} values" in text for text in expected), expected
    response = post(http, server, "/trial/calculate", json.dumps(situation))
    assert response.status_code == 400
    expected = [item["expected"] for item in response.json()["errors"]]
    assert any(f"at most {MAX_CELLS['calculate']} values" in text for text in expected), expected
    response = post(http, server, "/trial/calculate", json.dumps(bomb(persons=1900)))
    assert response.status_code == 200  # 1900 × 10 × 50 values: within the /calculate limit
    response = post(http, server, "/trial/trace", json.dumps(bomb(persons=100, months=50)))
    assert response.status_code == 200 and len(response.content) < 20 * 1024 * 1024


# -- HTTP framing --------------------------------------------------------------------------------

CASE_BODY = json.dumps(family_case()).encode()


@pytest.mark.parametrize("headers, body", [
    (["Transfer-Encoding: chunked"], b"zz\r\n" + CASE_BODY + b"\r\n0\r\n\r\n"),  # invalid chunk size
    (["Transfer-Encoding: chunked"], b"%x\r\n" % len(CASE_BODY) + CASE_BODY + b"XX0\r\n\r\n"),  # no CRLF
    (["Transfer-Encoding: gzip"], CASE_BODY),
    (["Transfer-Encoding: deflate", f"Content-Length: {len(CASE_BODY)}"], CASE_BODY),
    (["Transfer-Encoding: gzip, chunked"], b"%x\r\n" % len(CASE_BODY) + CASE_BODY + b"\r\n0\r\n\r\n"),
])
@pytest.mark.parametrize("path", POSTS)
def test_bad_framing_is_a_json_400(server, headers, body, path):
    status, head, payload, _ = exchange(server, request_bytes(path, body, headers))
    assert_json_refusal(status, head, payload, 400)


@pytest.mark.parametrize("path", POSTS)
def test_a_body_cut_short_is_a_json_400(server, path):
    data = request_bytes(path, CASE_BODY[:40], [f"Content-Length: {len(CASE_BODY)}"])
    status, head, payload, seconds = exchange(server, data, half_close=True)
    assert_json_refusal(status, head, payload, 400)
    assert seconds < READ_TIMEOUT  # answered when the client closed, not at the timeout


def test_a_body_never_finished_is_a_json_408_at_the_read_timeout(server, http):
    data = request_bytes("/check", CASE_BODY[:40], [f"Content-Length: {len(CASE_BODY)}"])
    status, head, payload, seconds = exchange(server, data)
    assert_json_refusal(status, head, payload, 408)
    assert READ_TIMEOUT - 0.5 < seconds < READ_TIMEOUT + 5
    assert http.get(server.url("/health"), timeout=5).status_code == 200  # no worker was lost


def test_a_head_never_finished_is_a_json_408_at_the_read_timeout(server):
    status, head, payload, seconds = exchange(server, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert_json_refusal(status, head, payload, 408)
    assert READ_TIMEOUT - 0.5 < seconds < READ_TIMEOUT + 5


# -- a generator of all these classes ------------------------------------------------------------

SURROGATES = st.sampled_from(["\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d"])
CODINGS = st.sampled_from(["gzip", "deflate", "compress", "br", "x-gzip", "chunked, gzip", "gzip, chunked",
                           "identity, chunked", "chunked, chunked", "", "chunked;q=1"])


def corrupt_text(document, draw):
    """The JSON text of `document` with a lone surrogate put into one of its strings."""
    text = json.dumps(document)
    quotes = [index for index, char in enumerate(text) if char == '"']
    position = draw(st.sampled_from(quotes))
    return text[:position + 1] + draw(SURROGATES) + text[position + 1:]


def duplicate_key(document, draw):
    """The JSON text of `document` with one of its keys repeated (the repeat says something else)."""
    text = json.dumps(document)
    keys = [index for index in range(len(text)) if text.startswith('": ', index)]
    end = draw(st.sampled_from(keys))
    start = text.rindex('"', 0, end)
    key = text[start:end + 1]
    return text.replace(key + ": ", key + ': 0, ' + key + ": ", 1)


@st.composite
def hostile_requests(draw):
    """(path, bytes, half_close, expected answer kind) for one request of a hostile class."""
    path = draw(st.sampled_from(POSTS))
    document = family_case() if path.startswith("/check") else family_situation()
    kind = draw(st.sampled_from(["surrogate", "duplicate", "coding", "chunk", "short"]))
    if kind == "surrogate":
        body = corrupt_text(document, draw).encode()
        return path, request_bytes(path, body, [f"Content-Length: {len(body)}"]), False
    if kind == "duplicate":
        body = duplicate_key(document, draw).encode()
        return path, request_bytes(path, body, [f"Content-Length: {len(body)}"]), False
    body = json.dumps(document).encode()
    if kind == "coding":
        coding = draw(CODINGS)
        framed = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n" if "chunked" in coding else body
        return path, request_bytes(path, framed, [f"Transfer-Encoding: {coding}"]), False
    if kind == "chunk":
        size = draw(st.sampled_from([b"zz", b"-1", b"0x10", b"%x" % (len(body) + 7), b"", b"1" * 30, b"a;b=\x00"]))
        return path, request_bytes(path, size + b"\r\n" + body + b"\r\n0\r\n\r\n",
                                   ["Transfer-Encoding: chunked"]), True
    cut = draw(st.integers(0, len(body) - 1))
    return path, request_bytes(path, body[:cut], [f"Content-Length: {len(body)}"]), True


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=SEED is None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
@given(hostile_requests())
def fuzz_hostile_requests(server, request):
    path, data, half_close = request
    status, head, body, seconds = exchange(server, data, half_close=half_close)
    assert status < 500, (path, data[:300], status, body[:300])
    assert "content-type: application/json" in head.lower(), head
    json.loads(body)
    assert seconds < READ_TIMEOUT + 5


def test_hostile_requests_never_get_a_server_error(server):
    test = seed(int(SEED))(fuzz_hostile_requests) if SEED is not None else fuzz_hostile_requests
    test(server)


# -- slow clients and bombs must not starve the others ---------------------------------------------


def slow_client(server, stop, opened):
    """A client that sends its request head one header line every 0.3 s (and never finishes it)."""
    try:
        with socket.create_connection(address(server), timeout=READ_TIMEOUT + 10) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            opened.release()
            index = 0
            while not stop.is_set():
                sock.sendall(b"X-Slow-%d: 1\r\n" % index)
                index += 1
                stop.wait(0.3)
    except OSError:  # the server gave up on it (read timeout): that is the point
        pass


def test_slow_clients_and_a_trace_bomb_do_not_starve_health_and_check(server, http):
    stop = threading.Event()
    opened = threading.Semaphore(0)
    clients = [threading.Thread(target=slow_client, args=(server, stop, opened), daemon=True)
               for _ in range(50)]
    bombs = []
    try:
        for client in clients:
            client.start()
        for _ in clients:
            assert opened.acquire(timeout=10)
        time.sleep(0.5)  # every slow client has sent its first bytes: each holds a thread now

        def drop(path, body):
            with requests.Session() as session:
                session.post(server.url(path), data=body, headers=JSON, timeout=60)

        for body in (json.dumps(bomb()), json.dumps(bomb(persons=2000, outputs=10, months=2))):
            bombs.append(threading.Thread(target=drop, args=("/trial/trace", body), daemon=True))
            bombs[-1].start()
        case = json.dumps(family_case())
        slowest = {}
        for _ in range(5):
            for name, call in (
                ("health", lambda: http.get(server.url("/health"), timeout=5)),
                ("check", lambda: http.post(server.url("/check"), data=case, headers=JSON, timeout=5)),
            ):
                started = time.monotonic()
                response = call()
                seconds = time.monotonic() - started
                assert response.status_code == 200, response.text[:300]
                slowest[name] = max(slowest.get(name, 0), seconds)
            time.sleep(0.1)
        # Starved, these waited behind the bombs: 17 s and 37 s (issue #21). Served beside them, a
        # /check shares two cores with two trace bombs and the other tests of a CI run, which has
        # taken it to about 1 s; 5 s tells the two apart without timing the machine.
        assert max(slowest.values()) < 5.0, slowest
    finally:
        stop.set()
        for thread in clients + bombs:
            thread.join(timeout=READ_TIMEOUT + 15)


def test_answers_under_concurrency_equal_the_answers_one_at_a_time(server):
    """The threaded workers share each regime between threads: concurrent answers must be the same."""
    municipalities = ["alleroed", "ballerup", "furesoe", "gribskov", "helsingoer", "other"]
    groups = ["none", "dagpenge", "kontanthjaelp_aktivitetsparat", "uddannelseshjaelp_aktivitetsparat",
              "sygedagpenge", "ressourceforloeb"]
    calls = []
    for index in range(36):
        case = family_case()
        case["municipality"] = municipalities[index % len(municipalities)]
        case["month"] = ("2016-05", "2019-03", "2022-06")[index % 3]
        if case["month"] < case["persons"][0]["benefit_start_date"][:7]:  # in the group by the month asked
            case["persons"][0]["benefit_start_date"] = "2016-02-01"
        case["persons"][0]["employment_target_group"] = groups[(index // 2) % len(groups)]
        case["persons"][0]["has_complex_problems"] = index % 4 != 0
        regime = regimes.NAMES[index % 3]
        variant = regimes.VARIANTS[(index // 3) % 3]
        calls.append((f"/check?regime={regime}&one_plan_law_variant={variant}", json.dumps(case)))
        situation = family_situation(PERSON_OUTPUTS, month=case["month"])
        situation["persons"]["parent"]["municipality"] = {case["month"]: case["municipality"]}
        calls.append((f"/{regime}/calculate", json.dumps(situation)))

    def answer(call):
        path, body = call
        response = requests.post(server.url(path), data=body, headers=JSON, timeout=60)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    one_at_a_time = [answer(call) for call in calls]
    results = [None] * len(calls)

    def worker(offset):
        for index in range(offset, len(calls), 8):
            results[index] = answer(calls[index])

    threads = [threading.Thread(target=worker, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == one_at_a_time
