"""The law on the page (/lov/): every paragraph the engine encodes, with its words in each version in force, the rules
that encode it, the worked scenarios that show it, and the register entries and judgements that touch it — so a
lawyer can audit the engine paragraph by paragraph without reading code.

Renders `enplan_rules.lawpage.index` and decides nothing: an index page of the documents and their paragraphs,
and a page per document with a section per paragraph (`#p-<§>-<stk>`, e.g. /lov/sel#p-141-7). Danish by default,
`?lang=en` in English; the rules by their labels, their internal names only in a folded technical detail. Served by
the gateway (`enplan_rules.api.law`); every citation of an answer links here through `citation_href`.
"""

import os
from functools import cache
from urllib.parse import urlencode

import jinja2

from enplan_rules import labels
from enplan_rules.lawpage import index as law_index

HERE = os.path.dirname(__file__)
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
WORDS = {
    "title": ("Loven på siden", "The law on the page"),
    "intro": ("Hver bestemmelse, motoren bygger på, med sin ordlyd i hver version, der har været i kraft, de regler, "
              "der koder den, de gennemregnede eksempler, der viser den, og de usikkerheder og skøn, der berører den. "
              "Ordlyden er de officielle tekster fra Retsinformation.",
              "Every provision the engine rests on, with its words in each version that has been in force, the rules "
              "that encode it, the worked examples that show it, and the uncertainties and judgements that touch it. "
              "The words are the official texts from Retsinformation (in Danish)."),
    "documents": ("Love og bekendtgørelser", "Acts and executive orders"),
    "paragraphs_n": ("{n} bestemmelser", "{n} provisions"),
    "versions": ("Versioner", "Versions"),
    "in_force": ("i kraft", "in force"),
    "from_to": ("{start}–{end}", "{start}–{end}"),
    "from_only": ("fra {start}", "from {start}"),
    "words": ("Ordlyd", "Words"),
    "same_words": ("samme ordlyd i", "the same words in"),
    "rules": ("Regler, der koder bestemmelsen", "Rules that encode the provision"),
    "parameters": ("Værdier, der koder bestemmelsen", "Values that encode the provision"),
    "scenarios": ("Gennemregnede eksempler, der citerer bestemmelsen", "Worked examples that cite the provision"),
    "no_scenarios": ("Intet gennemregnet eksempel citerer bestemmelsen.", "No worked example cites the provision."),
    "register": ("Usikkerheder i lovgrundlaget (tvetydighedsregistret)", "Uncertainties in the law (the ambiguity register)"),
    "settled": ("afklaret af teksten", "settled by the text"),
    "judgements": ("Skøn, loven overlader til mennesker", "Judgements the law leaves to people"),
    "who": ("Hvem", "Who"),
    "related": ("Samme regel i", "The same rule in"),
    "technical": ("Teknisk detalje", "Technical detail"),
    "layers": ("lag", "layers"),
    "open_case": ("Åbn sagen", "Open the case"),
    "persons_n": ("{n} personer", "{n} persons"),
    "person_1": ("1 person", "1 person"),
    "to_case_page": ("Til siden for en sag", "To the case page"),
    "to_history": ("Sagsforløb", "Case history"),
    "to_index": ("Alle love og bekendtgørelser", "All acts and executive orders"),
    "other_lang": ("English", "Dansk"),
    "official": ("Officiel tekst på Retsinformation", "Official text on Retsinformation"),
    "source_document": ("Dokument", "Document"),
    "status": ("Status", "Status"),
    "searched": ("Søgt efter", "Searched"),
    "engine_reading": ("Motorens læsning", "The engine's reading"),
    "note": ("Siden er en lovfortolkning med angivne usikkerheder, ikke en afgørelse.",
             "The page is a reading of the law with its uncertainties marked, not a decision."),
    "not_found": ("Siden findes ikke", "Page not found"),
    "contents": ("Indhold", "Contents"),
    "nav": ("Sider", "Pages"),
}
STATUS = {
    "seeds": ("fra kommunernes egne dokumenter (ingen officiel tekst)", "from the municipalities' own documents (no "
              "official text)"),
    "secondary": ("fra et udkast eller en sekundær kilde, ikke den officielle tekst", "from a draft or a secondary "
                  "source, not the official text"),
    "unverified": ("ikke fundet i en officiel tekst", "not found in an official text"),
    "sourced": ("fra den officielle tekst", "from the official text"),
}
WHO = {"municipality": ("kommunen", "the municipality"), "caseworker": ("sagsbehandleren", "the caseworker"),
       "citizen": ("borgeren", "the citizen"),
       "holder of parental authority": ("forældremyndighedens indehaver", "the holder of parental authority")}
LAYERS = {"sector_law": ("sektorlovgivning", "sector law"), "one_plan_law": ("lov om én plan", "One Plan law"),
          "trial": ("forsøget", "the trial")}


def w(key, lang, **values):
    word = labels.pick(WORDS[key], lang)
    return word.format(**values) if values else word


def danish_date(value):
    """A date as dd.mm.åååå (the page's dates, in either language)."""
    return value.strftime("%d.%m.%Y") if value else ""


def period(start, end, lang):
    return (w("from_to", lang, start=danish_date(start), end=danish_date(end)) if end
            else w("from_only", lang, start=danish_date(start)))


def page_href(base, key, anchor, lang):
    """The address of a paragraph on the page: {base}/lov/<document>?lang=..#<anchor>."""
    document = next(d for d in law_index.law_index(with_scenarios=False).documents if d.key == key)
    return f"{base}/lov/{document.slug}?{urlencode({'lang': lang})}#{anchor}"


def citation_href(citation, base, lang, month=None):
    """The address on /lov/ of the paragraph a citation of an answer quotes (None when it has none)."""
    place = law_index.citation_place(citation, month)
    return page_href(base, place[0], place[1], lang) if place else None


def scenario_href(base, scenario, lang):
    arguments = {"lang": lang, "case": scenario.case_code, "step": "review"}
    if scenario.variant:
        arguments["version"] = scenario.variant
    return f"{base}/ui/?{urlencode(arguments)}"


def scenario_name(scenario, lang):
    """A worked example in words: "Ballerup, marts 2019, 2 personer" (its own English title on the English page)."""
    from enplan_rules.ui.texts import month_words

    if lang == "en":
        return scenario.title
    persons = w("person_1", lang) if scenario.persons == 1 else w("persons_n", lang, n=scenario.persons)
    return f"{labels.choice('municipality', scenario.municipality, lang)}, {month_words(scenario.month, lang)}, {persons}"


@cache
def _environment():
    return jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _common(lang, base):
    lang = lang if lang in labels.LANGS else "da"
    return {
        "lang": lang, "other_lang": "en" if lang == "da" else "da", "base": base,
        "w": lambda key, **values: w(key, lang, **values),
        "pick": lambda da, en: da if lang == "da" else en,
        "period": lambda start, end: period(start, end, lang),
        "status_words": lambda status: labels.pick(STATUS.get(status, (status, status)), lang),
        "who_words": lambda who: labels.pick(WHO.get(who, (who or "", who or "")), lang),
        "layer_words": lambda layer: labels.pick(LAYERS.get(layer, (layer, layer)), lang),
        "scenario_href": lambda scenario: scenario_href(base, scenario, lang),
        "scenario_name": lambda scenario: scenario_name(scenario, lang),
        "href": lambda key, anchor: page_href(base, key, anchor, lang),
        "document_name": lambda key: next((labels.pick((d.name_da, d.name_en), lang)
                                           for d in law_index.law_index().documents if d.key == key), key),
    }


def render_index(lang, base=""):
    """The index page: the documents and, under each, its paragraphs."""
    index = law_index.law_index()
    return _environment().get_template("law.html").render(**_common(lang, base), documents=index.documents,
                                                           document=None)


def render_document(slug, lang, base=""):
    """The page of one document, or None when there is no such document."""
    index = law_index.law_index()
    document = index.document(slug)
    if document is None:
        return None
    return _environment().get_template("law.html").render(**_common(lang, base), documents=index.documents,
                                                           document=document)


def css():
    with open(os.path.join(HERE, "static", "law.css"), encoding="utf-8") as file:
        return file.read()
