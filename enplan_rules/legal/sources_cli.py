"""`enplan sources`: per statute and in total, the rules and parameter values verified against an official text
of the version in force, those that are a named judgement or reading, those resting on the municipalities' own
documents, and those still unverified with what was searched.

With `--records` it lists every source record (id, status, verdict, paragraph, versions); with `--rule NAME` the
records behind one rule, with their Danish words in each version.
"""

import json
import sys

from enplan_rules import regimes
from enplan_rules.legal import source_records, texts


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
            out.write(f"{record['id']} [{record['status']}, {record['verdict']}] {record['paragraph']}\n")
            for version in record["versions"]:
                document = texts.document(version["text"])
                out.write(f"  {document['number']} {version['paragraph']} ({version['from']} – {version['to'] or ''})"
                          f" {document['address']}\n    »{version['excerpt']}«\n")
            if not record["versions"]:
                out.write(f"  {record.get('document')} — {record.get('address') or '(no address)'}\n")
                out.write(f"  »{record['excerpt']}«\n" if record.get("excerpt")
                          else f"  searched: {record.get('searched')}\n")
            if record.get("reading"):
                out.write(f"  reading: {record['reading']}\n")
        return 0
    if args.records:
        rows = [source_records.summary(record) for record in source_records.records().values()]
        if args.format == "json":
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for row in rows:
                out.write(f"{row['id']:40} {row['status']:10} {row['verdict']:10} {row['paragraph']} — "
                          f"{row['version'] or ''} {row['address'] or ''}\n")
        return 0
    systems = _systems()
    if args.format == "json":
        table, missing, unverified = source_records.coverage(systems)
        json.dump({"statutes": table, "missing": missing,
                   "unverified": [{"kind": kind, "name": name, "record": record["id"],
                                   "searched": record.get("searched")} for kind, name, record in unverified]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if not missing else 1
    lines = source_records.coverage_lines(systems)
    for line in lines:
        out.write(line + "\n")
    return 1 if any(line.startswith("no source record") for line in lines) else 0
