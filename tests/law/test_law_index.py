"""The law on the page (/lov/): every paragraph a source record quotes stands there with its words as the vendored text
has them; every citation the answers page renders links to a paragraph that exists there; the Danish pages carry no
internal ids outside the folded technical detail."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from enplan_rules.lawpage import index as law_index
from enplan_rules.legal import register, source_records, texts
from enplan_rules.scenarios import load
from enplan_rules.ui.form import encode_case

WORKED = ("ballerup-family.yaml", "ballerup-family-spring-2020.yaml", "frederikssund-youth-december-2017.yaml",
          "helsingoer-brain-injury-november-2018.yaml", "hilleroed-ressourceforloeb.yaml")


@pytest.fixture(scope="module")
def index():
    return law_index.law_index()


@pytest.fixture(scope="module")
def pages(index):
    """{(slug, lang): html} of every document page."""
    from enplan_rules import lawpage

    return {(d.slug, lang): lawpage.render_document(d.slug, lang) for d in index.documents for lang in ("da", "en")}


def _ids(html):
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_every_paragraph_a_record_quotes_is_on_the_page_with_the_words_of_its_version(index, pages):
    quoted = 0
    for record in source_records.records().values():
        for version in record["versions"]:
            node = law_index._node(version["text"], version["paragraph"])
            assert node is not None, (record["id"], version)
            key, anchor = index.nodes[node]
            paragraph = index.paragraph(key, anchor)
            words = texts.fold(texts.passage(node[0], law_index._label(node[1], node[2])))
            assert any(w.words == words and node[0] in [v.text_id for v in w.versions] for w in paragraph.wordings)
            slug = next(d.slug for d in index.documents if d.key == key)
            assert anchor in _ids(pages[(slug, "da")]), (record["id"], anchor)
            quoted += 1
    assert quoted > 100
    # records without an official text stand on the page of sources, each at its own anchor
    for record in source_records.records().values():
        if not record["versions"]:
            key, anchor = index.record_places[record["id"]]
            assert key == law_index.SOURCES and anchor in _ids(pages[(law_index.SOURCES, "da")])


def test_the_versions_of_a_provision_stand_together_with_their_periods(index):
    sel = index.paragraph("sel", "p-141-7")
    assert [v.number for w in sel.wordings for v in w.versions] == ["LBK nr. 1114 af 30.8.2018",
                                                                     "LBK nr. 798 af 7.8.2019"]
    # executive orders renumber: BEK 603 § 12, BEK 1255 § 16, BEK 529 § 26 and BEK 1184 § 23 are one provision
    node = law_index._node("bek-2017-603", "§ 12, stk. 1")
    order = index.paragraph(*index.nodes[node])
    assert [w.paragraph for w in order.wordings] == ["§ 12, stk. 1", "§ 16, stk. 1", "§ 26, stk. 1", "§ 23, stk. 1"]
    assert order.wordings[0].start.isoformat() == "2017-07-01" and order.wordings[-1].end is None
    assert index.nodes[law_index._node("bek-2019-1184", "§ 23, stk. 1")] == index.nodes[node]


def test_rules_scenarios_register_entries_and_judgements_touch_their_paragraphs(index):
    sel = index.paragraph("sel", "p-141-7")
    assert "sel_141_plan_replaced_by_holistic_plan" in [r.name for r in sel.rules]
    assert "ballerup-family.yaml" in [s.file for s in sel.scenarios]
    assert "J1" in [j.id for j in sel.judgements]
    assert "R1" in [e.id for e in index.paragraph("sel", "p-140-1").entries]
    settled = {e["id"] for e in register.settled()}
    on_page = {e.id for d in index.documents for p in d.paragraphs for e in p.entries if e.kind == "settled"}
    assert settled <= on_page
    readings = {e["id"] for e in register.entries()}
    on_page = {e.id for d in index.documents for p in d.paragraphs for e in p.entries if e.kind == "reading"}
    assert readings <= on_page, readings - on_page


def test_dates_are_danish_and_no_internal_id_shows_outside_the_technical_detail(index, pages):
    names = {r.name for d in index.documents for p in d.paragraphs for r in p.rules}
    names |= {x.name for d in index.documents for p in d.paragraphs for x in p.parameters}
    names |= set(source_records.records())
    for (slug, lang), html in pages.items():
        if lang != "da":
            continue
        shown = re.sub(r'<details class="fold technical">.*?</details>', "", html, flags=re.S)
        shown = unescape(re.sub(r"<[^>]+>", " ", shown))
        words = set(re.findall(r"[a-z][a-z0-9_.]*[a-z0-9]", shown))
        assert not (words & names), (slug, sorted(words & names)[:5])
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", shown), slug
        assert re.search(r"\b\d{2}\.\d{2}\.\d{4}\b", shown), slug


@pytest.fixture(scope="module")
def ui_client():
    from enplan_rules.ui import create_app

    return create_app().test_client()


@pytest.mark.parametrize("name", WORKED)
def test_every_citation_on_the_answers_page_links_to_an_anchor_on_the_law_page(ui_client, pages, name):
    scenario = load(f"scenarios/{name}")
    for lang in ("da", "en"):
        response = ui_client.get(f"/?lang={lang}&case={encode_case(scenario.case)}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        citations = re.findall(r'<(a|span)\b([^>]*)\bclass="citation"', html)
        assert len(citations) > 20
        for tag, attributes in citations:
            href = re.search(r'href="([^"]*)"', attributes)
            assert tag == "a" and href, f"a citation without a link on the answers page ({name}, {lang})"
            href = href.group(1)
            parts = urlsplit(unescape(href))
            assert parts.path.startswith("/lov/"), href
            slug = parts.path[len("/lov/"):]
            assert parse_qs(parts.query)["lang"] == [lang]
            assert (slug, lang) in pages, href
            assert parts.fragment in _ids(pages[(slug, lang)]), href


def test_the_gateway_serves_the_law_page():
    from werkzeug.test import Client

    from enplan_rules.api.app import build_gateway

    client = Client(build_gateway(with_page=True, token_required=False))
    index_page = client.get("/lov/?lang=en")
    assert index_page.status_code == 200 and "The law on the page" in index_page.get_data(as_text=True)
    assert 'href="/lov/sel?lang=en#p-141-7"' in index_page.get_data(as_text=True)
    assert client.get("/lov/sel").status_code == 200
    assert client.get("/lov/law.css").status_code == 200
    missing = client.get("/lov/no-such-law")
    assert missing.status_code == 404 and "Siden findes ikke" in missing.get_data(as_text=True)
