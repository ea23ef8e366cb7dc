"""Latency and throughput of the web API on loopback: /trial/calculate on a family case, and /check,
beside OpenFisca's own country template served the same way.

Starts `enplan serve` (gunicorn threaded workers, --workers 2 by default) on a free 127.0.0.1 port unless
--url is given and, when the openfisca-country-template package is installed, OpenFisca's country-template
web API under the very same gunicorn setup (`--serve-country-template`: same worker class, threads,
preload, timeouts; only the WSGI app differs). Then, from this separate process, it sends a bounded load
and prints p50/p99 latency and requests/s:

- latency: one request at a time (no queueing), --requests per endpoint after a warm-up;
- throughput: --concurrency client threads sending --requests each, bounded by --max-seconds.

Each request opens its own connection, as a case system calling without keep-alive would. The measurements
alternate between the two servers endpoint by endpoint, so both meet the same machine load; the ratio
/trial/calculate p50 ÷ country-template /calculate p50 is printed. Targets (issue 12): the ratio <= 1.0,
/check p50 <= 3 ms. On a shared machine the figures move between runs: --rounds N measures everything N times
against the same servers and prints each round and the median of the ratios.

    .venv/bin/python benchmarks/api_benchmark.py [--workers 2] [--requests 500] [--concurrency 8] [--rounds 1]
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import statistics
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

# The country template's nearest request: a household of a parent with a salary and a child, two monthly
# person outputs (the family case above asks two monthly person questions of two persons).
COUNTRY_TEMPLATE_SITUATION = {
    "persons": {
        "parent": {"salary": {MONTH: 3000}, "birth": {"ETERNITY": "1985-06-15"},
                   "income_tax": {MONTH: None}, "social_security_contribution": {MONTH: None}},
        "child": {"salary": {MONTH: 0}, "birth": {"ETERNITY": "2009-02-01"},
                  "income_tax": {MONTH: None}, "social_security_contribution": {MONTH: None}},
    },
    "households": {"household": {"adults": ["parent"], "children": ["child"]}},
}

TARGETS = {
    # name: (server, path, body, p50 target in ms or None); a GET when the body is None
    "health (HTTP baseline)": ("enplan", "/health", None, None),
    "calculate (family, 2 questions)": (
        "enplan", "/trial/calculate", family_situation(("in_en_plan_trial", "ordinary_required_meetings")), None),
    "country template calculate (2 outputs)": ("openfisca", "/calculate", COUNTRY_TEMPLATE_SITUATION, None),
    "calculate (family, all 17 questions)": ("enplan", "/trial/calculate", family_situation(PUBLIC_OUTPUTS), None),
    "check (family case)": ("enplan", "/check", FAMILY_CASE, 3.0),
}
RATIO = ("calculate (family, 2 questions)", "country template calculate (2 outputs)", 1.0)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def country_template_installed():
    try:
        import openfisca_country_template  # noqa: F401
    except ImportError:
        return False
    return True


def serve_country_template(argv):
    """Serve OpenFisca's country template with the gunicorn setup of `enplan serve` (same options)."""
    from enplan_rules.api import serve

    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    args = parser.parse_args(argv)

    def factory():
        from openfisca_country_template import CountryTaxBenefitSystem
        from openfisca_web_api.app import create_app

        return create_app(CountryTaxBenefitSystem())

    serve.configure_logging(args.log_level, False)
    serve.patch_gunicorn(args.read_timeout)
    serve._Server(serve.options(args), factory).run()
    return 0


def start_server(workers, country_template=False):
    port = free_port()
    command = ([sys.executable, __file__, "--serve-country-template"] if country_template
               else [sys.executable, "-m", "enplan_rules.cli", "serve"])
    process = subprocess.Popen(
        [*command, "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    health = "/spec" if country_template else "/health"
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if request(url, "GET", health, None)[0] == 200:
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
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--serve-country-template"]:
        return serve_country_template(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="benchmark a running server instead of starting one")
    parser.add_argument("--openfisca-url", help="a running country-template server to compare with")
    parser.add_argument("--no-openfisca", action="store_true", help="do not start the country template")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=500, help="requests per measurement (and per thread)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=8, help="client threads for the throughput run")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="bound on each endpoint's run")
    parser.add_argument("--rounds", type=int, default=1, help="measure everything this many times")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    token = os.environ.get("ENPLAN_API_TOKEN")
    processes = []
    urls = {"enplan": args.url, "openfisca": args.openfisca_url}
    try:
        if urls["enplan"] is None:
            process, urls["enplan"] = start_server(args.workers)
            processes.append(process)
        if urls["openfisca"] is None and not args.no_openfisca and country_template_installed():
            process, urls["openfisca"] = start_server(args.workers, country_template=True)
            processes.append(process)
        rounds = [
            {
                name: measure(urls[server], path, body, args, token if server == "enplan" else None)
                for name, (server, path, body, _) in TARGETS.items() if urls[server] is not None
            }
            for _ in range(max(1, args.rounds))
        ]
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    ratios = [ratios_of(results) for results in rounds]
    if args.json:
        document = {"machine": machine(), "workers": args.workers, "results": rounds[-1],
                    "calculate_p50_ratio_to_country_template": ratios[-1][0]}
        if len(rounds) > 1:
            document.update(rounds=rounds, median_p50_ratio=statistics.median([ratio for ratio, _ in ratios]),
                            median_throughput_ratio=statistics.median([throughput for _, throughput in ratios]))
        print(json.dumps(document, indent=2))
        return 0
    print(f"machine: {machine()}; gunicorn threaded workers: {args.workers if args.url is None else '(external)'}")
    for results, (ratio, throughput) in zip(rounds, ratios, strict=True):
        print_round(results, ratio, throughput, args.concurrency)
    if len(rounds) > 1 and ratios[0][0] is not None:
        print(f"{len(rounds)} rounds: p50 ratio " + ", ".join(f"{ratio:.2f}" for ratio, _ in ratios)
              + f" (median {statistics.median([ratio for ratio, _ in ratios]):.2f}); throughput ratio "
              + ", ".join(f"{throughput:.2f}" for _, throughput in ratios)
              + f" (median {statistics.median([throughput for _, throughput in ratios]):.2f})")
    return 0


def ratios_of(results):
    """(/trial/calculate p50 ÷ the country template's, and the same for requests/s), or (None, None)."""
    ours, theirs, _ = RATIO
    if theirs not in results:
        return None, None
    return (results[ours]["sequential"]["p50_ms"] / results[theirs]["sequential"]["p50_ms"],
            results[ours]["loaded"]["requests_per_s"] / results[theirs]["loaded"]["requests_per_s"])


def print_round(results, ratio, throughput, concurrency):
    """One round's table and its ratios."""
    print(f"{'':40} {'one request at a time':>35} | {'concurrent load':>31}")
    print(f"{'endpoint':40} {'min ms':>8} {'p50 ms':>8} {'p99 ms':>8} {'target':>8} | {'conc':>4} {'req/s':>8} "
          f"{'p50 ms':>8} {'p99 ms':>8}")
    for name, (_, _, _, target) in TARGETS.items():
        if name not in results:
            continue
        result = results[name]
        sequential, loaded = result["sequential"], result["loaded"]
        target_text = f"<= {target:g}" if target else "-"
        print(f"{name:40} {sequential['min_ms']:8.2f} {sequential['p50_ms']:8.2f} {sequential['p99_ms']:8.2f} "
              f"{target_text:>8} | "
              f"{loaded['concurrency']:4d} {loaded['requests_per_s']:8.0f} {loaded['p50_ms']:8.2f} "
              f"{loaded['p99_ms']:8.2f}" + (f"  ({result['errors']} errors)" if result["errors"] else ""))
    if ratio is None:
        print("country template not measured (pip install openfisca-country-template, or --openfisca-url)")
    else:
        print(f"/trial/calculate p50 / country-template /calculate p50 = {ratio:.2f} (target <= {RATIO[2]:g}); "
              f"throughput ratio at {concurrency} clients = {throughput:.2f}")


def machine():
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
