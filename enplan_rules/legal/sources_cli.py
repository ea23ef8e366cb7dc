"""`enplan sources`: how many rules and parameter values are verified against primary text, per statute.

With `--records` it lists every source record (id, status, paragraph, version, address); with `--rule NAME` the
records behind one rule, with their Danish words.
"""

import json
import sys

from enplan_rules import regimes
from enplan_rules.legal import source_records


def add_arguments(parser):
    parser.add_argument("--records", action="store_true", help="list every source record")
    parser.add_argument("--rule", help="show the source records of one rule (an OpenFisca variable name)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _systems():
    return [regimes.load(name) for name in regimes.NAMES]


def run(args):
    out = sys.stdout
    if args.rule:
        found = {}
        for layer in source_records.LAYERS:
            for record in source_records.for_rule(args.rule, layer):
                found.setdefault(record["id"], (layer, record))
        found = list(found.values())
        if not found:
            print(f"enplan sources: no source record names the rule {args.rule!r}", file=sys.stderr)
            return 2
        if args.format == "json":
            json.dump([source_records.summary(record) for _layer, record in found], out, ensure_ascii=False, indent=2)
            out.write("\n")
            return 0
        for _layer, record in found:
            out.write(f"{record['id']} [{record['status']}] {record['paragraph']} — {record.get('version')}\n")
            out.write(f"  {record.get('address') or '(no address)'}\n")
            out.write(f"  »{record['excerpt']}«\n" if record.get("excerpt") else f"  searched: {record.get('searched')}\n")
        return 0
    if args.records:
        rows = [source_records.summary(record) for record in source_records.records().values()]
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for row in rows:
                out.write(f"{row['id']:40} {row['status']:10} {row['paragraph']} — {row['address'] or ''}\n")
        return 0
    systems = _systems()
    if args.format == "json":
        table, missing = source_records.coverage(systems)
        json.dump({"statutes": table, "missing": missing}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if not missing else 1
    for line in source_records.coverage_lines(systems):
        out.write(line + "\n")
    return 0 if not source_records.coverage(systems)[1] else 1
