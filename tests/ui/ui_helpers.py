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
            elif field.kind == "fact":
                data[field_id(slot, field.name)] = "unknown" if value is None else "yes" if value else "no"
            else:
                data[field_id(slot, field.name)] = str(value)
    if len(case["persons"]) < 2:
        data[field_id(1, "id")] = ""
    return data


class PageParser(HTMLParser):
    """Collects answers (question cards and folded questions), labels, inputs, field wrappers and field errors."""

    def __init__(self):
        super().__init__()
        self.labels = set()
        self.controls = []
        self.answers = {}  # (person, question, regime) -> answer words
        self.folded = set()  # (person, question)
        self.links = []
        self.errors = {}
        self.attrs_by_id = {}
        self.wrappers = {}  # field id -> attributes of the field's wrapper
        self._row = None
        self._regime = None
        self._capture = None
        self._text = []
        self._depth = 0
        self._regime_depth = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._depth += 1
        if "id" in attrs:
            self.attrs_by_id[attrs["id"]] = attrs
        if attrs.get("data-key"):
            self.wrappers[attrs["data-key"]] = attrs
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs)
        if attrs.get("data-question") and attrs.get("id"):
            self._row = attrs["id"].rsplit("-" + attrs["data-question"], 1)[0], attrs["data-question"]
            if attrs.get("data-folded"):
                self.folded.add(self._row)
        if attrs.get("data-regime") and self._row:
            self._regime, self._regime_depth = attrs["data-regime"], self._depth
        classes = (attrs.get("class") or "").split()
        if tag in ("p", "span") and self._regime and "answer" in classes:
            self._capture, self._text = ("answer", tag), []
        elif tag == "p" and "field-error" in classes:
            self._capture, self._text = ("error", attrs["id"][: -len("-error")]), []
        if tag == "a" and attrs.get("href", "").startswith("http"):
            self.links.append(attrs["href"])
        if tag == "span" and self._capture and self._capture[0] == "answer" and self._capture[1] == "p":
            self._capture = ("answer-done", "p")

    def handle_endtag(self, tag):
        if self._capture and self._capture[0] in ("answer", "answer-done") and tag == self._capture[1]:
            self.answers[(*self._row, self._regime)] = "".join(self._text).strip()
            self._capture = None
        elif tag == "p" and self._capture and self._capture[0] == "error":
            self.errors[self._capture[1]] = "".join(self._text).strip()
            self._capture = None
        if self._regime_depth == self._depth:
            self._regime, self._regime_depth = None, None
        self._depth -= 1

    def handle_data(self, data):
        if self._capture and self._capture[0] in ("answer", "error"):
            self._text.append(data)


def parse_page(html):
    parser = PageParser()
    parser.feed(html)
    return parser
