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
    parser.add_argument("--documents", action="store_true",
                        help="list the vendored official texts: version, period in force, address, sections cited")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def _systems():
    return [regimes.load(name) for name in regimes.NAMES]


STATUTE_NAMES = {
    "lab": "LAB — lov om en aktiv beskæftigelsesindsats (to 31 Dec 2019)",
    "lba": "LBA — lov om en aktiv beskæftigelsesindsats (from 1 Jan 2020)",
    "bek_lab": "BEK om en aktiv beskæftigelsesindsats",
    "bek_rehab": "BEK om rehabiliteringsplan og rehabiliteringsteamets indstilling",
    "bek_organisation": "BEK om organisering og understøttelse af beskæftigelsesindsatsen",
    "las": "LAS — lov om aktiv socialpolitik",
    "lsd": "LSD — lov om sygedagpenge",
    "bek_lsd": "BEK om opfølgning i sygedagpengesager",
    "sel": "SEL — lov om social service",
    "one_plan_law": "Lov nr. 707 af 8.6.2018 (the One Plan law; its new sections)",
    "frikommune_act": "Lov om frikommunenetværk and its amending acts",
    "amending_2020": "Amending act passed with LBA",
    "bek_frikommune_reporting": "BEK on publication, evaluation and reporting of network trials",
    "trial_order": "The trial orders: BEK om frikommuneforsøg II på beskæftigelses- og sygedagpengeområdet",
}


def documents():
    """Every vendored text with its version, period in force, address and the paragraphs the records cite."""
    cited = {}
    for record in source_records.records().values():
        for version in record["versions"]:
            cited.setdefault(version["text"], set()).add(texts.parse_paragraph(version["paragraph"])[0])
    rows = []
    for text_id in texts.ids():
        document = texts.document(text_id)
        sections = sorted(cited.get(text_id, ()), key=lambda s: (int(s.split()[1]), s))
        rows.append({**texts.describe(text_id), "statute": document["statute"],
                     "statute_name": STATUTE_NAMES.get(document["statute"], document["statute"]),
                     "cited": sections, "in_force_read": document["in_force_read"]})
    order = list(STATUTE_NAMES)
    return sorted(rows, key=lambda row: (order.index(row["statute"]) if row["statute"] in order else len(order),
                                         row["in_force"]["from"]))


def documents_markdown():
    """The documents table of docs/legal-sources.md (a test keeps the two equal)."""
    lines = ["| statute | version | in force | address | paragraphs the records quote |", "|---|---|---|---|---|"]
    for row in documents():
        period = f"{row['in_force']['from']} – {row['in_force']['to'] or ''}"
        lines.append(f"| {row['statute_name']} | {row['number']} | {period} | <{row['address']}> | "
                     f"{', '.join(row['cited']) or '—'} |")
    return "\n".join(lines) + "\n"


def run(args):
    out = sys.stdout
    if args.documents:
        if args.format == "json":
            json.dump(documents(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "markdown":
            out.write(documents_markdown())
        else:
            for row in documents():
                out.write(f"{row['text_id']:14} {row['number']:28} {row['in_force']['from']} – "
                          f"{row['in_force']['to'] or '':10} {row['address']}  {', '.join(row['cited'])}\n")
        return 0
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
