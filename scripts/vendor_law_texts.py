"""Copy the official law texts the engine rests on into `enplan_rules/legal/texts/<document>.yaml`.

The source is a folder of retsinformation exports in Markdown (one `### § N` heading per section, each `Stk. N.`
on a line of its own, a header naming the document, its official address and how it was obtained). Each document
becomes one YAML file keyed by § and stk., with its official title, number, date, address, the period it was in
force and how it was obtained. Only the sections a source record cites are kept (plus those named in `KEEP`), so
the package carries the law it computes from and not whole statute books; run it again after adding a record.

    python scripts/vendor_law_texts.py PATH/TO/law-folder [--all]

(`--all` keeps every section: for reading and writing records; the project ships the cited ones.)

The words are the export's, whitespace aside. The in-force periods below are read from each document's own
commencement clause (orders, LBA) or, for a consolidation (LBK), from its date until the day before the next
consolidation; an amending act's changes inside such a period are handled by the records (their own from/to).
"""

import datetime
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS_DIR = os.path.join(HERE, "..", "enplan_rules", "legal", "texts")
SOURCES_DIR = os.path.join(HERE, "..", "enplan_rules", "legal", "sources")

# document id: (statute it is a version of, in force from, to (inclusive) or None, how the period was read)
DOCUMENTS = {
    "lbk-2016-1342": ("lab", "2016-11-21", "2019-12-31",
                      "LBK date; LAB is repealed by LBA § 208 stk. 1 (lov nr. 548 af 7.5.2019) from 1 Jan 2020"),
    "lov-2018-1527": ("lab", "2019-01-01", "2019-12-31", "amending act to LAB and LAS; its changes apply from 1 Jan 2019"),
    "lov-2019-548": ("lba", "2020-01-01", None, "§ 208 stk. 1: 'Loven træder i kraft den 1. januar 2020'"),
    "bek-2016-1297": ("bek_lab", "2016-11-14", "2018-06-30", "§ 157 stk. 1; replaced by BEK 977/2018 (§ 159)"),
    "bek-2018-977": ("bek_lab", "2018-07-01", "2019-12-31", "§ 159 stk. 1; replaced by BEK 1180/2019 (§ 155)"),
    "bek-2019-1180": ("bek_lab", "2020-01-01", None, "§ 155 stk. 1"),
    "bek-2016-996": ("bek_rehab", "2016-07-01", "2019-12-31", "§ 17 stk. 1; replaced by BEK 1171/2019 (§ 17)"),
    "bek-2019-1171": ("bek_rehab", "2020-01-01", None, "§ 17 stk. 1"),
    "bek-2015-1006": ("bek_organisation", "2015-09-01", "2019-12-31", "§ 25 stk. 1; replaced by BEK 1178/2019 (§ 25)"),
    "bek-2019-1178": ("bek_organisation", "2020-01-01", None, "§ 25 stk. 1"),
    "lbk-2017-269": ("las", "2017-03-21", "2019-03-12", "LBK date until the next consolidation (LBK 247/2019)"),
    "lbk-2019-247": ("las", "2019-03-13", "2019-09-22", "LBK date until the next consolidation (LBK 981/2019)"),
    "lbk-2019-981": ("las", "2019-09-23", None, "LBK date"),
    "lbk-2017-826": ("lsd", "2017-06-23", "2018-01-18", "LBK date until the next consolidation (LBK 38/2018)"),
    "lbk-2018-38": ("lsd", "2018-01-19", "2018-06-19", "LBK date until the next consolidation (LBK 809/2018)"),
    "lbk-2018-809": ("lsd", "2018-06-20", "2019-01-24", "LBK date until the next consolidation (LBK 68/2019)"),
    "lbk-2019-68": ("lsd", "2019-01-25", "2020-02-01", "LBK date until the next consolidation (LBK 107/2020)"),
    "lbk-2020-107": ("lsd", "2020-02-02", None, "LBK date"),
    "bek-2017-880": ("bek_lsd", "2017-07-01", "2018-06-30", "§ 18 stk. 1; replaced by BEK 790/2018 (§ 19)"),
    "bek-2018-790": ("bek_lsd", "2018-07-01", "2019-12-31", "§ 19 stk. 1; replaced by BEK 1175/2019 (§ 21)"),
    "bek-2019-1175": ("bek_lsd", "2020-01-01", None, "§ 21 stk. 1"),
    "lbk-2017-988": ("sel", "2017-08-17", "2018-01-28", "LBK date until the next consolidation (LBK 102/2018)"),
    "lbk-2018-102": ("sel", "2018-01-29", "2018-08-29", "LBK date until the next consolidation (LBK 1114/2018)"),
    "lbk-2018-1114": ("sel", "2018-08-30", "2019-08-06", "LBK date until the next consolidation (LBK 798/2019)"),
    "lbk-2019-798": ("sel", "2019-08-07", None, "LBK date"),
    "lov-2018-707": ("one_plan_law", "2018-07-01", None,
                     "in force 1 Jul 2018 by the act's commencement clause, which the export keeps outside its sections;"
                     " LBK 809/2018 (LSD) and LBK 1114/2018 (SEL) carry the same words"),
    "lov-2017-658": ("frikommune_act", "2017-07-01", "2018-06-24", "§ 32; consolidated as LBK 831/2018"),
    "lov-2017-1570": ("frikommune_act", "2018-01-01", "2018-06-24", "amending act; consolidated in LBK 831/2018"),
    "lov-2018-749": ("frikommune_act", "2018-07-01", None, "amending act (third application round)"),
    "lbk-2018-831": ("frikommune_act", "2018-06-25", None, "LBK date"),
    "lov-2019-551": ("amending_2020", "2020-01-01", None, "amending act passed with LBA, in force with it"),
    "bek-2017-841": ("bek_frikommune_reporting", "2017-07-01", None, "§ 17"),
    "bek-2017-603": ("trial_order", "2017-07-01", "2017-12-31", "§ 17; repealed by BEK 1255/2017 § 26"),
    "bek-2017-1255": ("trial_order", "2018-01-01", "2018-06-30", "§ 24; repealed by BEK 529/2018 § 40"),
    "bek-2018-529": ("trial_order", "2018-07-01", "2019-12-31", "§ 38; repealed by BEK 1184/2019 § 35"),
    "bek-2019-1184": ("trial_order", "2020-01-01", None, "§ 33"),
}

# sections kept although no record cites them yet: the commencement and repeal clauses that date the documents
KEEP = {
    "bek-2017-603": ["§ 17"], "bek-2017-1255": ["§ 24", "§ 26"], "bek-2018-529": ["§ 38", "§ 39", "§ 40"],
    "bek-2019-1184": ["§ 33", "§ 35"], "lov-2019-548": ["§ 208"], "lov-2017-658": ["§ 32"],
}

HEADER = re.compile(r"^- (Document|Official address|Retsinformation identifiers|Text): (.*)$")
NUMBER = re.compile(r"^(BEK|LBK|Lov) nr\. (\d+) af (\d{4})-(\d\d)-(\d\d)")


def parse(path):
    """(header fields, {'§ N': {'chapter': ..., 'stk': {'1': text, ...}}}) from one Markdown export."""
    with open(path, encoding="utf-8") as file:
        lines = file.read().splitlines()
    title = lines[0].lstrip("# ").strip()
    header = {"title": title}
    sections = {}
    chapter = None
    current = None
    for line in lines[1:]:
        match = HEADER.match(line)
        if match and not sections:
            header[match.group(1)] = match.group(2).strip()
            continue
        if line.startswith("## "):
            chapter = line[3:].strip()
            continue
        if line.startswith("### "):
            key = line[4:].strip()
            n = 2
            while key in sections:  # a consolidation's closing clauses repeat § numbers of the amending acts
                key = f"{line[4:].strip()} [{n}]"
                n += 1
            current = {"chapter": chapter, "stk": {}}
            sections[key] = current
            continue
        if current is None or not line.strip():
            continue
        text = " ".join(line.split())
        stk = re.match(r"^Stk\. (\d+[a-z]?)\.", text)
        if stk:
            current["stk"][stk.group(1)] = text
        elif not current["stk"]:
            current["stk"]["1"] = text
        else:
            last = list(current["stk"])[-1]
            current["stk"][last] += " " + text
    return header, sections


def cited_sections():
    """{document id: {'§ N', ...}} from every source record (`text`/`texts` and `paragraph`)."""
    cited = {}
    for name in sorted(os.listdir(SOURCES_DIR)):
        if not name.endswith(".yaml") or name == "index.yaml":
            continue
        with open(os.path.join(SOURCES_DIR, name), encoding="utf-8") as file:
            content = yaml.safe_load(file) or {}
        for record in content.get("records") or []:
            for version in record.get("versions") or []:
                section = re.match(r"^(§ \d+ ?[a-z]?)", version.get("paragraph") or record.get("paragraph") or "")
                if section:
                    cited.setdefault(version["text"], set()).add(section.group(1).strip())
    return cited


def document_yaml(doc_id, header, sections, keep):
    statute, start, end, how = DOCUMENTS[doc_id]
    number = NUMBER.match(header["Document"])
    kind, no, year, month, day = number.groups()
    issued = datetime.date(int(year), int(month), int(day))
    kept = {key: value for key, value in sections.items() if key.split(" [")[0] in keep}
    return {
        "id": doc_id,
        "title": header["title"],
        "number": f"{'Lov' if kind == 'Lov' else kind} nr. {no} af {issued.day}.{issued.month}.{issued.year}",
        "kind": kind.lower(),
        "issued": issued,
        "statute": statute,
        "address": header["Official address"],
        "identifiers": header.get("Retsinformation identifiers"),
        "in_force": {"from": datetime.date.fromisoformat(start), "to": end and datetime.date.fromisoformat(end)},
        "in_force_read": how,
        "obtained": header["Text"] + " Converted by scripts/vendor_law_texts.py: one entry per §, stk. as in the"
                                     " export; whitespace folded; only the sections the records cite.",
        "sections": {key: {"chapter": value["chapter"], "stk": value["stk"]} for key, value in kept.items()},
    }


def main(folder, keep_all=False):
    os.makedirs(TEXTS_DIR, exist_ok=True)
    cited = cited_sections()
    for doc_id in DOCUMENTS:
        header, sections = parse(os.path.join(folder, f"{doc_id}.md"))
        keep = cited.get(doc_id, set()) | set(KEEP.get(doc_id, []))
        if keep_all:
            keep = {key.split(" [")[0] for key in sections}
        unknown = sorted(keep - {key.split(" [")[0] for key in sections})
        if unknown:
            raise SystemExit(f"{doc_id}: records cite sections the text does not have: {unknown}")
        data = document_yaml(doc_id, header, sections, keep)
        target = os.path.join(TEXTS_DIR, f"{doc_id}.yaml")
        if not data["sections"]:  # no record quotes it: the package carries only the law it computes from
            if os.path.exists(target):
                os.remove(target)
            print(f"{doc_id}: not cited, not vendored")
            continue
        with open(target, "w", encoding="utf-8") as file:
            file.write(f"# {data['number']}: {data['title']}. Official text; see scripts/vendor_law_texts.py.\n")
            yaml.safe_dump(data, file, allow_unicode=True, sort_keys=False, width=100000)
        print(f"{doc_id}: {len(data['sections'])} of {len(sections)} sections")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--all"]
    main(arguments[0] if arguments else os.path.join(HERE, "..", "..", "shared", "law"), "--all" in sys.argv)
