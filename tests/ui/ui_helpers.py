"""Turning a case document into the page's form fields, and reading answers back from the page's HTML."""

from html.parser import HTMLParser

from enplan_rules.ui.form import PERSON_FIELDS, field_id


def form_data(case, lang="da"):
    """The POST body the form sends for `case`."""
    data = {"lang": lang, "slots": str(max(2, len(case["persons"]))), "municipality": case["municipality"],
            "month": case.get("month") or case["date"][:7]}
    for slot, person in enumerate(case["persons"]):
        data[field_id(slot, "role")] = person.get("role", "parent")
        for field in PERSON_FIELDS:
            if field.name not in person or field.name == "role":
                continue
            value = person[field.name]
            if field.kind == "bool":
                if value:
                    data[field_id(slot, field.name)] = "on"
            else:
                data[field_id(slot, field.name)] = str(value)
    if len(case["persons"]) < 2:
        data[field_id(1, "id")] = ""
    return data


class PageParser(HTMLParser):
    """Collects answer cells, labels, inputs and field errors of the page."""

    def __init__(self):
        super().__init__()
        self.labels = set()
        self.controls = []
        self.answers = {}  # (person, question, regime) -> answer text
        self.links = []
        self.errors = {}
        self.attrs_by_id = {}
        self._row = None
        self._regime = None
        self._capture = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.attrs_by_id[attrs["id"]] = attrs
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs)
        if tag == "tr" and attrs.get("data-question"):
            self._row = attrs["id"].rsplit("-" + attrs["data-question"], 1)[0], attrs["data-question"]
        if tag == "td" and attrs.get("data-regime"):
            self._regime = attrs["data-regime"]
        if tag == "p" and self._regime and "answer" in (attrs.get("class") or "").split():
            self._capture, self._text = "answer", []
        if tag == "p" and "field-error" in (attrs.get("class") or ""):
            self._capture, self._text = ("error", attrs["id"][: -len("-error")]), []
        if tag == "a" and attrs.get("href", "").startswith("http"):
            self.links.append(attrs["href"])
        if tag == "span" and self._capture == "answer":
            self._capture = "answer-done"

    def handle_endtag(self, tag):
        if tag == "p" and self._capture in ("answer", "answer-done"):
            self.answers[(*self._row, self._regime)] = "".join(self._text).strip()
            self._capture = None
        elif tag == "p" and isinstance(self._capture, tuple):
            self.errors[self._capture[1]] = "".join(self._text).strip()
            self._capture = None
        if tag == "td":
            self._regime = None

    def handle_data(self, data):
        if self._capture == "answer" or isinstance(self._capture, tuple):
            self._text.append(data)


def parse_page(html):
    parser = PageParser()
    parser.feed(html)
    return parser
