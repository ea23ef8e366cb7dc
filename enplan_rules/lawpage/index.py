"""The law on the page: every paragraph the engine encodes, with its words in each version in force, the rules and
parameter values that encode it, the worked scenarios whose answers cite it, and the register entries and
judgements that touch it — one typed index, built once, that the page at /lov/ renders and decides nothing about.

A paragraph is a stk. (or a whole § where the records cite the whole §) of a document. A document is what the
vendored texts call a statute (`legal/texts/<id>.yaml`, field `statute`): the versions of one law or one line of
executive orders. Within a document, one paragraph gathers the same provision in every version:

- a consolidated act (LBK) and the act it consolidates keep their numbers, so § 141, stk. 7 of one consolidation is
  § 141, stk. 7 of the next;
- executive orders that replace each other renumber (BEK 603/2017 § 12 is BEK 529/2018 § 26), so there the source
  records decide: a record quoting the words in several versions names the paragraph in each.

A record whose versions lie in two documents (LAB § 30 b, from 2020 LBA § 40, stk. 3) links the two paragraphs as
`related`. Records that quote no official text (the municipalities' own documents, drafts, unread sources) stand in
a document of their own (`SOURCES`), so that every citation of an answer has a place on the page.

Which paragraphs touch a register entry: those of the records grounding the variables the entry touches, those of
the records its `sources` name, and, for an entry the texts settled, the paragraphs that settled it. A judgement
touches the paragraphs its `statute` names (LAB, LBA, SEL, LAS, LSD) and those of the records whose reading names it
or one of its facts. A worked scenario shows a
paragraph when one of its answers (under any regime) cites it.
"""

import datetime
import os
import re
from dataclasses import dataclass
from functools import cache

from enplan_rules import yamlfiles
from enplan_rules.legal import register, source_records, texts

SOURCES = "kilder"  # the document of the records without an official text
# Each document's address on the page, and its name in Danish and English (the law's own name either way).
DOCUMENTS = {
    "lab": ("lab", "Lov om en aktiv beskæftigelsesindsats (LAB), til 31.12.2019",
            "Lov om en aktiv beskæftigelsesindsats (LAB, the Active Employment Act), to 31 Dec 2019"),
    "lba": ("lba", "Lov om en aktiv beskæftigelsesindsats (LBA, lov nr. 548 af 7.5.2019), fra 1.1.2020",
            "Lov om en aktiv beskæftigelsesindsats (LBA, lov nr. 548 af 7.5.2019), from 1 Jan 2020"),
    "bek_lab": ("bek-beskaeftigelsesindsats", "Bekendtgørelse om en aktiv beskæftigelsesindsats",
                "Bekendtgørelse om en aktiv beskæftigelsesindsats (the executive order on the employment effort)"),
    "bek_organisation": ("bek-organisering",
                         "Bekendtgørelse om organisering og understøttelse af beskæftigelsesindsatsen m.v.",
                         "Bekendtgørelse om organisering og understøttelse af beskæftigelsesindsatsen m.v. "
                         "(the executive order on the organisation of the employment effort)"),
    "sel": ("sel", "Lov om social service (serviceloven, SEL)", "Lov om social service (the Social Services Act, SEL)"),
    "las": ("las", "Lov om aktiv socialpolitik (LAS)", "Lov om aktiv socialpolitik (the Active Social Policy Act, LAS)"),
    "lsd": ("lsd", "Lov om sygedagpenge (LSD)", "Lov om sygedagpenge (the Sickness Benefit Act, LSD)"),
    "bek_lsd": ("bek-sygedagpenge", "Bekendtgørelse om opfølgning i sygedagpengesager",
                "Bekendtgørelse om opfølgning i sygedagpengesager (the executive order on sickness-benefit follow-up)"),
    "one_plan_law": ("lov-707", "Lov nr. 707 af 8.6.2018 (lov om én plan: den helhedsorienterede plan)",
                     "Lov nr. 707 af 8.6.2018 (the One Plan law: the holistic plan)"),
    "frikommune_act": ("frikommuneloven", "Lov om frikommunenetværk", "Lov om frikommunenetværk (the Free Municipality "
                       "Network Act)"),
    "trial_order": ("forsoegsbekendtgoerelser", "Bekendtgørelserne om frikommuneforsøg II (forsøget En Plan)",
                    "Bekendtgørelserne om frikommuneforsøg II (the orders of the En Plan trial)"),
    SOURCES: (SOURCES, "Kilder uden officiel lovtekst (kommunernes egne dokumenter, udkast, ikke fundet)",
              "Sources without an official text (the municipalities' own documents, drafts, not found)"),
}
# What a reader needs to know to read a document's paragraphs (da, en).
NOTES = {
    "one_plan_law": ("Loven ændrer andre love; paragrafferne her er dem, den indsætter: § 30 b i lov om en aktiv "
                     "beskæftigelsesindsats, § 13 e i lov om sygedagpenge og § 140 a i lov om social service.",
                     "The act amends other acts; the paragraphs here are those it inserts: § 30 b of the Active "
                     "Employment Act (LAB), § 13 e of the Sickness Benefit Act (LSD) and § 140 a of the Social "
                     "Services Act (SEL)."),
    "trial_order": ("Hver bekendtgørelse afløste den forrige og nummererede paragrafferne på ny; hvert afsnit samler "
                    "den samme bestemmelse i alle bekendtgørelserne.",
                    "Each order replaced the one before and numbered its paragraphs anew; each section gathers the "
                    "same provision in every order."),
}
WORKED_SCENARIOS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                "scenarios")
_STATUTE_REF = re.compile(r"\b(LAB|LBA|SEL|LAS|LSD) § (\d+(?: [a-z](?![a-zæøå]))?)(?:,? stk\. (\d+))?")
_ABBREVIATIONS = {"LAB": "lab", "LBA": "lba", "SEL": "sel", "LAS": "las", "LSD": "lsd"}
_SETTLED_REF = re.compile(r"^(?P<text>[a-z]+-\d{4}-\d+)\s+(?P<paragraph>§.*)$")


# -- the typed index ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One version of a document: its number, address and the dates it was in force (to: None while in force)."""

    text_id: str
    number: str
    title: str
    address: str
    start: datetime.date
    end: datetime.date | None


@dataclass(frozen=True)
class Wording:
    """The words of a paragraph as they stand in one or more consecutive versions (the same words each time)."""

    paragraph: str  # "§ 26, stk. 1" as numbered in these versions
    words: str
    versions: tuple[Version, ...]
    start: datetime.date
    end: datetime.date | None


@dataclass(frozen=True)
class Rule:
    """A rule (an OpenFisca variable with a formula) that encodes the paragraph, in the law layers that define it."""

    name: str
    label_da: str
    label_en: str
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    """A parameter value that encodes the paragraph, by its label in words."""

    name: str
    label_da: str
    label_en: str


@dataclass(frozen=True)
class Scenario:
    """A worked scenario whose answers cite the paragraph, and the case it opens on the page."""

    file: str
    title: str  # the file's own title (English)
    municipality: str
    month: str
    persons: int
    case_code: str
    variant: str | None


@dataclass(frozen=True)
class Entry:
    """A register entry (a contested reading, or one the texts settled) or a judgement the law leaves to people."""

    id: str
    kind: str  # "reading" | "settled" | "judgement"
    title_da: str
    title_en: str
    reading_da: str
    reading_en: str
    who: str | None = None


@dataclass(frozen=True)
class Record:
    """A source record: how the engine read the paragraph (its verdict on the words, its reading in English)."""

    id: str
    status: str
    verdict: str
    excerpt: str | None
    reading: str | None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document on the page, and everything that touches it."""

    document: str  # the document's key (a statute of the texts, or SOURCES)
    anchor: str  # the id of its section on the document's page
    heading: str  # "§ 141, stk. 7" as numbered in its newest version
    sort_key: tuple
    wordings: tuple[Wording, ...]
    records: tuple[Record, ...]
    rules: tuple[Rule, ...]
    parameters: tuple[Parameter, ...]
    scenarios: tuple[Scenario, ...]
    entries: tuple[Entry, ...]  # register entries: readings and settled ones
    judgements: tuple[Entry, ...]
    related: tuple[tuple[str, str, str], ...]  # (document, anchor, heading) of the same rule in another document
    source: dict | None = None  # SOURCES only: document, paragraph as written, status, excerpt, searched


@dataclass(frozen=True)
class Document:
    key: str
    slug: str
    name_da: str
    name_en: str
    versions: tuple[Version, ...]
    paragraphs: tuple[Paragraph, ...]
    note_da: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class LawIndex:
    documents: tuple[Document, ...]
    nodes: dict  # (text id, "§ x", stk or None) -> (document key, anchor)
    record_places: dict  # record id -> (document key, anchor): where a citation of the record links

    def document(self, slug):
        return next((document for document in self.documents if document.slug == slug), None)

    def paragraph(self, key, anchor):
        document = next(document for document in self.documents if document.key == key)
        return next(paragraph for paragraph in document.paragraphs if paragraph.anchor == anchor)


# -- building it --------------------------------------------------------------------------------------------------


def _node(text_id, paragraph):
    """(text id, "§ x", stk) of a paragraph reference in a text: a reference without stk. to a § of one stk. is that
    stk.; to a § of several, the whole § (stk None). None when the text lacks it."""
    try:
        section, stk, _nr = texts.parse_paragraph(paragraph)
    except ValueError:
        return None
    sections = texts.document(text_id)["sections"]
    if section not in sections:
        return None
    parts = sections[section]["stk"]
    if stk is None and len(parts) == 1:
        stk = next(iter(parts))
    if stk is not None and stk not in parts:
        return None
    return text_id, section, stk


def _label(section, stk):
    return f"{section}, stk. {stk}" if stk else section


def _slug(section, stk):
    number = section.replace("§", "").replace(" ", "")
    return f"p-{number}" + (f"-{stk}" if stk else "")


def _sort_key(section, stk):
    match = re.match(r"§ (\d+)(?: ([a-z]))?", section)
    number, letter = (int(match.group(1)), match.group(2) or "") if match else (0, section)
    stk_number = re.match(r"(\d+)", stk or "0")
    return number, letter, int(stk_number.group(1)) if stk_number else 0, stk or ""


def _version(text_id):
    doc = texts.document(text_id)
    return Version(text_id, doc["number"], doc["title"], doc["address"], doc["in_force"]["from"],
                   doc["in_force"]["to"])


def _words(node):
    text_id, section, stk = node
    return texts.passage(text_id, _label(section, stk))


class _Components:
    """Union-find over paragraph nodes."""

    def __init__(self):
        self.parent = {}

    def add(self, node):
        self.parent.setdefault(node, node)

    def find(self, node):
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, first, second):
        self.parent[self.find(first)] = self.find(second)

    def groups(self):
        found = {}
        for node in self.parent:
            found.setdefault(self.find(node), []).append(node)
        return list(found.values())


def _statute(text_id):
    return texts.document(text_id)["statute"]


def _record_nodes():
    """{record id: [nodes]} for every record quoting an official text."""
    result = {}
    for record in source_records.records().values():
        nodes = [_node(version["text"], version["paragraph"]) for version in record["versions"]]
        result[record["id"]] = [node for node in nodes if node]
    return result


def _settled_nodes(entry):
    nodes = []
    for reference in entry.get("settled_by") or []:
        match = _SETTLED_REF.match(reference.strip())
        if match and match.group("text") in texts.ids():
            node = _node(match.group("text"), match.group("paragraph"))
            if node:
                nodes.append(node)
    return nodes


def _components(record_nodes):
    components = _Components()
    for nodes in record_nodes.values():
        for node in nodes:
            components.add(node)
        for first, second in zip(nodes, nodes[1:], strict=False):
            if _statute(first[0]) == _statute(second[0]):
                components.union(first, second)
    for entry in register.settled():  # the same provision in orders that replace each other, settled together
        nodes = _settled_nodes(entry)
        for node in nodes:
            components.add(node)
        for first in nodes:
            for second in nodes:
                if first[0] != second[0] and _statute(first[0]) == _statute(second[0]):
                    components.union(first, second)
    by_number = {}
    for node in list(components.parent):
        kind = texts.document(node[0])["kind"]
        if kind != "bek":  # an act and its consolidations keep their numbers; orders that replace orders renumber
            by_number.setdefault((_statute(node[0]), node[1], node[2]), []).append(node)
    for nodes in by_number.values():
        for first, second in zip(nodes, nodes[1:], strict=False):
            components.union(first, second)
    return components.groups()


def _wordings(nodes):
    """The words in each version, oldest first; consecutive versions with the same words and number are one."""
    ordered = sorted(nodes, key=lambda node: (texts.document(node[0])["in_force"]["from"], node[0]))
    wordings = []
    for node in ordered:
        words = texts.fold(_words(node))
        version = _version(node[0])
        label = _label(node[1], node[2])
        last = wordings[-1] if wordings else None
        if last and last["words"] == words and last["paragraph"] == label:
            last["versions"].append(version)
            last["end"] = version.end
        else:
            wordings.append({"paragraph": label, "words": words, "versions": [version], "start": version.start,
                             "end": version.end})
    return tuple(Wording(w["paragraph"], w["words"], tuple(w["versions"]), w["start"], w["end"]) for w in wordings)


@cache
def _systems():
    from enplan_rules import regimes

    return tuple(regimes.load(name) for name in regimes.NAMES)


def _variable(name):
    for system in reversed(_systems()):
        if name in system.variables:
            return system.variables[name]
    return None


def _rule(name, layers):
    variable = _variable(name)
    label_da = getattr(variable, "label_da", None) or (variable.label if variable else name)
    label_en = (variable.label if variable else None) or label_da
    return Rule(name, label_da, label_en, tuple(sorted(layers, key=source_records.LAYERS.index)))


def _parameter_leaves(names):
    """Dotted parameter names (a name ending in "." is a prefix: every leaf under it, in any regime)."""
    found = []
    for entry in names:
        if not entry.endswith("."):
            found.append(entry)
            continue
        for system in _systems():
            for name, _leaf in source_records.parameter_leaves(system.parameters):
                if name.startswith(entry) and name not in found:
                    found.append(name)
    return found


def _parameter(name):
    from enplan_rules import labels

    label_da, label_en = labels.parameter_label(name, "da"), labels.parameter_label(name, "en")
    if label_da == name:  # no label in words: the value's own description
        description = _parameter_description(name)
        label_da = label_en = description or name
    return Parameter(name, label_da, label_en)


def _parameter_description(name):
    for system in _systems():
        node = system.parameters
        try:
            for part in name.split("."):
                node = node.children[part]
        except (KeyError, AttributeError):
            continue
        return (getattr(node, "description", None) or "").split(":")[0].strip() or None
    return None


_INTERNAL_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z0-9_]+)*\b")


def in_words(text, lang):
    """`text` with the parameter and rule names it mentions replaced by their labels (»…«), where they have one."""
    from enplan_rules import labels
    from enplan_rules.case.texts import FACTS

    def label(match):
        name = match.group(0)
        if "." in name:
            found = labels.parameter_label(name, lang)
            return f"»{found}«" if found != name else name
        if "_" in name:
            if name in FACTS:  # a case fact: the words the case form asks it with
                return f"»{labels.pick(FACTS[name], lang)}«"
            variable = _variable(name)
            found = variable and (variable.label_da if lang == "da" else variable.label)
            return f"»{found}«" if found else name
        return name

    return _INTERNAL_NAME.sub(label, text or "")


def _entry(entry, kind):
    return Entry(entry["id"], kind, in_words(entry.get("title_da") or entry["title"], "da"), entry["title"],
                 in_words(entry.get("reading_da") or entry["reading"], "da"), in_words(entry["reading"], "en"))


def _register_entries():
    return [_entry(entry, "reading") for entry in register.entries()]


def _settled_entries():
    return [_entry(entry, "settled") for entry in register.settled()]


@cache
def _judgements():
    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "legal", "judgements.yaml"), encoding="utf-8") as file:
        return tuple(yamlfiles.load(file)["entries"])


def _records_of_variable(name):
    found = []
    for layer in source_records.LAYERS:
        for record in source_records.for_rule(name, layer):
            if record not in found:
                found.append(record)
    return found


def _record_ids_in(words, known):
    return [token for token in re.findall(r"[a-z_]+(?:\.[A-Za-z0-9_]+)+", words or "") if token in known]


def worked_scenarios():
    """[(file name, scenario)] of the worked scenarios (the repository's scenarios/ folder; none when the package is
    installed without it)."""
    from enplan_rules.scenarios import loader

    if not os.path.isdir(WORKED_SCENARIOS):
        return []
    found = []
    for name in sorted(os.listdir(WORKED_SCENARIOS)):
        if name.endswith(".yaml"):
            found.append((name, loader.load(os.path.join(WORKED_SCENARIOS, name), "en")))
    return found


def citation_place(citation, month=None, index=None):
    """(document key, anchor) of the paragraph a citation of an answer (a JSON-ready dict) links to on the page:
    the version it quotes; a record without an official text, that record; a citation without a record, the
    paragraph of a record grounding its rule in force in `month` (else the newest). None when there is none."""
    index = index or law_index(with_scenarios=False)
    source = citation.get("source") or {}
    if source.get("text_id") and source.get("paragraph"):
        node = _node(source["text_id"], source["paragraph"])
        if node in index.nodes:
            return index.nodes[node]
    if source.get("id") in index.record_places:
        return index.record_places[source["id"]]
    records = _records_of_variable(citation.get("variable") or "")
    if month:
        current = [record for record in records if source_records.in_force(record, month)]
        records = current or records
    for record in sorted(records, key=lambda r: not r["versions"]):
        if record["versions"]:
            version = (source_records.version_in_force(record, month) if month else None) or max(
                record["versions"], key=lambda v: v["from"])
            node = _node(version["text"], version["paragraph"])
            if node in index.nodes:
                return index.nodes[node]
        if record["id"] in index.record_places:
            return index.record_places[record["id"]]
    return None


def _scenario_places(index_nodes, record_places):
    """{(document key, anchor): [Scenario]}: the paragraphs each worked scenario's answers cite."""
    from enplan_rules.answers import compare
    from enplan_rules.ui.form import encode_case

    partial = LawIndex((), index_nodes, record_places)
    places = {}
    for name, scenario in worked_scenarios():
        variant = scenario.one_plan_law_variant
        result = compare(scenario.case, "en", variant) if variant else compare(scenario.case, "en")
        case = scenario.case
        shown = Scenario(name, scenario.title, case["municipality"], str(case.get("month") or case.get("date"))[:7],
                         len(case["persons"]), encode_case(case), variant)
        month = str(result.get("period", ""))[:7] or None
        for regime in result["regimes"].values():
            for person in regime["persons"].values():
                for answer in person["answers"].values():
                    for citation in answer.get("citations", []):
                        for one in [citation] + [{"source": s, "variable": citation.get("variable")}
                                                 for s in citation.get("further_sources") or []]:
                            place = citation_place(one, month, partial)
                            if place and shown not in places.setdefault(place, []):
                                places[place].append(shown)
    return places


@cache
def law_index(with_scenarios=True):
    """The index (built once; the worked scenarios' answers computed once when `with_scenarios`)."""
    record_nodes = _record_nodes()
    groups = _components(record_nodes)
    records = source_records.records()
    # the paragraphs of the official texts
    built = []  # (document key, nodes)
    for nodes in groups:
        built.append((_statute(nodes[0][0]), nodes))
    nodes_place = {}
    anchors = {}
    placed = []
    for key, nodes in sorted(built, key=lambda item: (item[0], _sort_key(*_newest(item[1])[1:]), _newest(item[1])[0])):
        newest = _newest(nodes)
        anchor = _slug(newest[1], newest[2])
        if (key, anchor) in anchors:
            anchor = f"{anchor}-{newest[0]}"
        anchors[(key, anchor)] = nodes
        for node in nodes:
            nodes_place[node] = (key, anchor)
        placed.append((key, anchor, newest, nodes))
    record_places = {}
    for record_id, nodes in record_nodes.items():
        if nodes:
            newest = _newest(nodes)
            record_places[record_id] = nodes_place[newest]
    for record in records.values():
        if not record["versions"]:
            record_places[record["id"]] = (SOURCES, "k-" + re.sub(r"[^a-z0-9]+", "-", record["id"].lower()))
    # what touches each place: records, rules, parameters
    place_records = {}
    for record_id, nodes in record_nodes.items():
        for node in nodes:
            place = nodes_place[node]
            if record_id not in place_records.setdefault(place, []):
                place_records[place].append(record_id)
    for record in records.values():
        if not record["versions"]:
            place_records.setdefault(record_places[record["id"]], []).append(record["id"])
    # register entries and judgements
    touching = {}

    def touch(place, entry):
        if entry not in touching.setdefault(place, []):
            touching[place].append(entry)

    for entry, raw in zip(_register_entries(), register.entries(), strict=True):
        ids = set(_record_ids_in(raw.get("sources"), records))
        for name in raw.get("touches") or []:
            ids.update(record["id"] for record in _records_of_variable(name))
        for record_id in sorted(ids):
            if record_id in record_places:
                touch(record_places[record_id], entry)
            for node in record_nodes.get(record_id, []):
                touch(nodes_place[node], entry)
    for entry, raw in zip(_settled_entries(), register.settled(), strict=True):
        for node in _settled_nodes(raw):
            touch(nodes_place[node], entry)
    judged = {}
    for raw in _judgements():
        entry = Entry(raw["id"], "judgement", in_words(raw.get("judgement_da") or raw["judgement"], "da"),
                      in_words(raw["judgement"], "en"), "", "", raw.get("who"))
        names = [fact["name"] for fact in raw.get("facts") or []]
        pattern = re.compile(r"\b(" + "|".join([re.escape(raw["id"])] + [re.escape(n) for n in names]) + r")\b")
        for abbreviation, section, stk in _STATUTE_REF.findall(raw.get("statute") or ""):
            for node, place in nodes_place.items():  # the paragraphs its `statute` names ("SEL § 141 stk. 7")
                if (_statute(node[0]) == _ABBREVIATIONS[abbreviation] and node[1] == f"§ {section}"
                        and (not stk or node[2] == stk) and entry not in judged.setdefault(place, [])):
                    judged[place].append(entry)
        for record in records.values():
            if pattern.search(record.get("reading") or ""):
                places = {nodes_place[node] for node in record_nodes.get(record["id"], [])}
                if record["id"] in record_places:
                    places.add(record_places[record["id"]])
                for place in places:
                    if entry not in judged.setdefault(place, []):
                        judged[place].append(entry)
    scenarios = _scenario_places(nodes_place, record_places) if with_scenarios else {}
    # related paragraphs in other documents: records whose versions span documents
    related = {}
    for nodes in record_nodes.values():
        places = list(dict.fromkeys(nodes_place[node] for node in nodes))
        for place in places:
            for other in places:
                if other[0] != place[0]:
                    related.setdefault(place, set()).add(other)
    headings = {(key, anchor): _heading(newest) for key, anchor, newest, _nodes in placed}

    def paragraph(place, heading, sort_key, wordings, source=None):
        ids = place_records.get(place, [])
        rules, parameters = {}, []
        for record_id in ids:
            record = records[record_id]
            for rule in record["rules"]:
                layer, _, name = rule.rpartition("/")
                layers = [layer] if layer else [layer_ for layer_ in source_records.LAYERS
                                                if _defined_in(name, layer_)]
                rules.setdefault(name, set()).update(layers or source_records.LAYERS[:1])
            for name in _parameter_leaves(record["parameters"]):
                if name not in parameters:
                    parameters.append(name)
        return Paragraph(
            document=place[0], anchor=place[1], heading=heading, sort_key=sort_key, wordings=wordings,
            records=tuple(Record(r, records[r]["status"], records[r]["verdict"], records[r].get("excerpt"),
                                 records[r].get("reading")) for r in ids),
            rules=tuple(_rule(name, layers) for name, layers in sorted(rules.items())),
            parameters=tuple(_parameter(name) for name in parameters),
            scenarios=tuple(scenarios.get(place, ())),
            entries=tuple(sorted(touching.get(place, ()), key=lambda e: _entry_order(e.id))),
            judgements=tuple(sorted(judged.get(place, ()), key=lambda e: _entry_order(e.id))),
            related=tuple(sorted((other[0], other[1], headings[other]) for other in related.get(place, ()))),
            source=source)

    documents = []
    by_key = {}
    for key, anchor, newest, nodes in placed:
        by_key.setdefault(key, []).append(paragraph((key, anchor), headings[(key, anchor)],
                                                    _paragraph_order(newest), _wordings(nodes)))
    for key, (slug, name_da, name_en) in DOCUMENTS.items():
        if key == SOURCES:
            continue
        versions = tuple(sorted((_version(t) for t in texts.ids() if _statute(t) == key), key=lambda v: v.start))
        paragraphs = tuple(sorted(by_key.get(key, ()), key=lambda p: p.sort_key))
        if paragraphs:
            documents.append(Document(key, slug, name_da, name_en, versions, paragraphs, *NOTES.get(key, ("", ""))))
    unlisted = set(by_key) - set(DOCUMENTS)
    if unlisted:
        raise ValueError(f"texts of documents the page does not name: {sorted(unlisted)}")
    sources = []
    for position, record in enumerate(r for r in records.values() if not r["versions"]):
        place = record_places[record["id"]]
        sources.append(paragraph(place, record.get("paragraph") or "", (position,), (), source={
            "document": record.get("document"), "paragraph": record.get("paragraph"), "status": record["status"],
            "excerpt": record.get("excerpt"), "searched": record.get("searched"), "address": record.get("address")}))
    slug, name_da, name_en = DOCUMENTS[SOURCES]
    documents.append(Document(SOURCES, slug, name_da, name_en, (), tuple(sources)))
    return LawIndex(tuple(documents), nodes_place, record_places)


def _heading(node):
    """"§ 141, stk. 7"; in executive orders, which renumber, with the order that numbers it so."""
    label = _label(node[1], node[2])
    doc = texts.document(node[0])
    return f"{label} ({doc['number']})" if doc["kind"] == "bek" else label


def _paragraph_order(node):
    """By number; in executive orders, the newest order's paragraphs first."""
    doc = texts.document(node[0])
    newest_first = -doc["in_force"]["from"].toordinal() if doc["kind"] == "bek" else 0
    return (newest_first, *_sort_key(node[1], node[2]))


def _newest(nodes):
    return max(nodes, key=lambda node: (texts.document(node[0])["in_force"]["from"], node[0]))


def _defined_in(name, layer):
    from enplan_rules import regimes

    system = regimes.load(layer)
    variable = system.variables.get(name)
    if variable is None or not variable.formulas:
        return False
    try:
        return source_records.layer_of(variable) == layer
    except ValueError:
        return False


def _entry_order(entry_id):
    match = re.match(r"([A-Z]+)(\d+)", entry_id)
    return (match.group(1), int(match.group(2))) if match else (entry_id, 0)
