"""Response sizes of /check, /check/compare and /check/history in the full and the compact form (`?form=compact`),
for every worked scenario and history, through the gateway in process (the bytes the server sends), and the
compact form's time on top of the answer.

    .venv/bin/python benchmarks/response_sizes.py

Prints one line per request and the totals; the figures go to README.md's section on response sizes.
"""

import glob
import gzip
import json
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from enplan_rules.api.app import build_gateway  # noqa: E402
from enplan_rules.history.files import load as load_history  # noqa: E402
from enplan_rules.scenarios import load as load_scenario  # noqa: E402

JSON = {"Content-Type": "application/json"}


def sizes(client, path, body, params):
    out = {}
    for form in ("full", "compact"):
        started = time.perf_counter()
        response = client.post(path, data=json.dumps(body), headers=JSON, query_string={**params, "form": form})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        data = response.get_data()
        out[form] = (len(data), len(gzip.compress(data)), elapsed)
    return out


def main():
    client = build_gateway().test_client()
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))):
        case = load_scenario(path, "da").case
        name = os.path.basename(path)[:-5]
        rows.append(("/check", name, sizes(client, "/check", case, {"regime": "trial"})))
        rows.append(("/check/compare", name, sizes(client, "/check/compare", case, {})))
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "histories", "*.yaml"))):
        history = load_history(path).history
        rows.append(("/check/history", os.path.basename(path)[:-5],
                     sizes(client, "/check/history", history, {"regime": "all"})))
    print(f"{'endpoint':16} {'case':45} {'full KB':>8} {'compact KB':>10} {'ratio':>6} {'full gz':>8} {'cpt gz':>7}")
    for endpoint, name, s in rows:
        full, small = s["full"], s["compact"]
        print(f"{endpoint:16} {name[:45]:45} {full[0] / 1000:8.1f} {small[0] / 1000:10.1f} "
              f"{small[0] / full[0]:6.2f} {full[1] / 1000:8.1f} {small[1] / 1000:7.1f}")
    for endpoint in ("/check", "/check/compare", "/check/history"):
        chosen = [s for e, _, s in rows if e == endpoint]
        full = statistics.median(s["full"][0] for s in chosen) / 1000
        small = statistics.median(s["compact"][0] for s in chosen) / 1000
        largest = max(chosen, key=lambda s: s["full"][0])
        print(f"{endpoint}: median {full:.1f} KB full, {small:.1f} KB compact; largest {largest['full'][0] / 1000:.1f} "
              f"KB full, {largest['compact'][0] / 1000:.1f} KB compact")


if __name__ == "__main__":
    main()
