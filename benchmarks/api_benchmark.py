"""Latency and throughput of the web API on loopback: /trial/calculate on a family case, and /check.

Starts `enplan serve` (gunicorn, --workers 2 by default) on a free 127.0.0.1 port unless --url is given,
then, from this separate process, sends a bounded load and prints p50/p99 latency and requests/s:

- latency: one request at a time (no queueing), --requests per endpoint after a warm-up;
- throughput: --concurrency client threads sending --requests each, bounded by --max-seconds.

Each request opens its own connection (gunicorn's sync workers close it after the answer), as a case system
calling without keep-alive would. Targets on a 2-core machine: /check p50 <= 10 ms, /trial/calculate p50
<= 3 ms, >= 500 requests/s on /trial/calculate with 2 workers.

    .venv/bin/python benchmarks/api_benchmark.py [--workers 2] [--requests 500] [--concurrency 4]
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

MONTH = "2019-03"
PUBLIC_OUTPUTS = (
    "in_en_plan_trial", "separate_plan_required_lab_min_plan", "separate_plan_required_lab_30a_action_part",
    "rehabilitation_plan_preparatory_part_required", "separate_plan_required_sel_141",
    "separate_plan_required_sel_140", "separate_plan_required_sel_54", "separate_plan_required_sel_70",
    "separate_plan_required_las_50", "separate_plan_required_lsd_13c", "separate_plan_required_lab_kap_12a_12b",
    "separate_mentor_form_required", "ordinary_contact_process_applies", "ordinary_required_meetings",
    "right_and_duty_offer_required", "employment_effort_outside_jobcenter_allowed",
    "trial_legal_basis_unresolved",
)


def family_situation(outputs):
    """A Ballerup family: a parent on education benefit (aktivitetsparat) and a child with special support."""
    parent = {
        "municipality": {MONTH: "ballerup"},
        "birth_date": {"ETERNITY": "1985-06-15"},
        "employment_target_group": {MONTH: "uddannelseshjaelp_aktivitetsparat"},
        "benefit_start_date": {MONTH: "2018-09-01"},
        "has_complex_problems": {MONTH: True},
        "consents_to_one_plan": {MONTH: True},
        "meetings_held": {MONTH: 1},
    }
    child = {
        "municipality": {MONTH: "ballerup"},
        "birth_date": {"ETERNITY": "2009-02-01"},
        "receives_child_special_support": {MONTH: True},
    }
    for person in (parent, child):
        person.update({output: {MONTH: None} for output in outputs})
    return {"persons": {"parent": parent, "child": child},
            "families": {"family": {"parents": ["parent"], "children": ["child"]}}}


FAMILY_CASE = {
    "municipality": "ballerup",
    "month": MONTH,
    "persons": [
        {"id": "parent", "role": "parent", "birth_date": "1985-06-15",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-09-01",
         "has_complex_problems": True, "consents_to_one_plan": True, "meetings_held": 1},
        {"id": "child", "role": "child", "birth_date": "2009-02-01", "receives_child_special_support": True},
    ],
}

TARGETS = {
    # name: (path, body, p50 target in ms or None); a GET when the body is None
    "health (HTTP baseline)": ("/health", None, None),
    "calculate (family, 2 questions)": (
        "/trial/calculate", family_situation(("in_en_plan_trial", "ordinary_required_meetings")), 3.0),
    "calculate (family, all 17 questions)": ("/trial/calculate", family_situation(PUBLIC_OUTPUTS), None),
    "check (family case)": ("/check", FAMILY_CASE, 10.0),
}
THROUGHPUT_TARGET = ("calculate (family, 2 questions)", 500.0)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port), "--workers", str(workers),
         "--no-access-log", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if request(url, "GET", "/health", None)[0] == 200:
                return process, url
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("the server did not start within 90 s")


def request(url, method, path, body, token=None):
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, None
    finally:
        connection.close()


def timed_requests(url, path, body, count, token, deadline, latencies, errors):
    method = "GET" if body is None else "POST"
    for _ in range(count):
        if time.monotonic() > deadline:
            return
        started = time.perf_counter()
        status, _ = request(url, method, path, body, token)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(status)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def measure(url, path, document, args, token):
    body = None if document is None else json.dumps(document).encode()
    status, _ = request(url, "GET" if body is None else "POST", path, body, token)
    if status != 200:
        raise SystemExit(f"{path} answered {status}; is the server complete?")
    deadline = time.monotonic() + args.max_seconds
    timed_requests(url, path, body, args.warmup, token, deadline, [], [])
    latencies, errors = [], []
    timed_requests(url, path, body, args.requests, token, deadline, latencies, errors)
    sequential = {"requests": len(latencies), "min_ms": percentile(latencies, 0.0),
                  "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99)}
    loaded, load_errors = [], []
    threads = [
        threading.Thread(target=timed_requests,
                         args=(url, path, body, args.requests, token, deadline, loaded, load_errors))
        for _ in range(args.concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "sequential": sequential,
        "loaded": {"concurrency": args.concurrency, "requests": len(loaded),
                   "requests_per_s": len(loaded) / elapsed if elapsed else 0.0,
                   "p50_ms": percentile(loaded, 0.5), "p99_ms": percentile(loaded, 0.99)},
        "errors": len(errors) + len(load_errors),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=500, help="requests per measurement (and per thread)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads for the throughput run")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="bound on each endpoint's run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    token = os.environ.get("ENPLAN_API_TOKEN")
    process = None
    url = args.url
    if url is None:
        process, url = start_server(args.workers)
    try:
        results = {name: measure(url, path, body, args, token) for name, (path, body, _) in TARGETS.items()}
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    if args.json:
        print(json.dumps({"machine": machine(), "workers": args.workers, "results": results}, indent=2))
        return 0
    print(f"machine: {machine()}; gunicorn workers: {args.workers if args.url is None else '(external)'}")
    print(f"{'':40} {'one request at a time':>35} | {'concurrent load':>31}")
    print(f"{'endpoint':40} {'min ms':>8} {'p50 ms':>8} {'p99 ms':>8} {'target':>8} | {'conc':>4} {'req/s':>8} "
          f"{'p50 ms':>8} {'p99 ms':>8}")
    for name, (_, _, target) in TARGETS.items():
        result = results[name]
        sequential, loaded = result["sequential"], result["loaded"]
        target_text = f"<= {target:g}" if target else "-"
        print(f"{name:40} {sequential['min_ms']:8.2f} {sequential['p50_ms']:8.2f} {sequential['p99_ms']:8.2f} "
              f"{target_text:>8} | "
              f"{loaded['concurrency']:4d} {loaded['requests_per_s']:8.0f} {loaded['p50_ms']:8.2f} "
              f"{loaded['p99_ms']:8.2f}" + (f"  ({result['errors']} errors)" if result["errors"] else ""))
    name, target = THROUGHPUT_TARGET
    print(f"throughput target: >= {target:g} requests/s on {name}; measured "
          f"{results[name]['loaded']['requests_per_s']:.0f}")
    return 0


def machine():
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
