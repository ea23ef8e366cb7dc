"""The page in headless Chromium (Debian's), driven by Playwright: a person fills the guided form, reviews it, reads
the answers and their paragraphs, shares the link, switches language, makes mistakes, round-trips a scenario file
and prints the case note. Screenshots go to artifacts/ui/."""

import os
import re
import subprocess
import sys

import pytest

from enplan_rules.answers import compare
from enplan_rules.scenarios import load
from enplan_rules.ui import answers as views
from enplan_rules.ui.form import FIELDS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def scenario_case(name):
    return load(os.path.join(ROOT, "scenarios", name)).case


def fill_case(page, case):
    """Fill the form the way a person would: choose, type, tick."""
    page.select_option("#municipality", case["municipality"])
    page.fill("#month", case["month"])
    while page.locator("fieldset.person").count() < len(case["persons"]):
        page.get_by_role("button", name=re.compile("Tilføj en person|Add a person")).click()
    for slot, person in enumerate(case["persons"]):
        page.fill(f"#p{slot}-id", person["id"])
        page.select_option(f"#p{slot}-role", person.get("role", "parent"))
        first = ("employment_target_group", "receives_child_special_support")  # the facts that decide which fields are shown come first
        for name, value in sorted(person.items(), key=lambda item: item[0] not in first):
            if name in ("id", "role"):
                continue
            selector = f"#p{slot}-{name}"
            kind = FIELDS[name].kind
            if kind == "bool":
                page.set_checked(selector, bool(value))
            elif kind == "fact":
                page.check(f"{selector}-{'unknown' if value is None else 'yes' if value else 'no'}")
            elif kind == "select":
                page.select_option(selector, value)
            elif kind == "date":  # typed the Danish way, dd.mm.åååå
                page.fill(selector, f"{value[8:10]}.{value[5:7]}.{value[:4]}")
            else:
                page.fill(selector, str(value))


def shown_answers(page):
    """(person, question, regime) -> the answer words shown on a card or in the folded list."""
    rows = page.eval_on_selector_all(
        "[data-question]",
        """items => items.flatMap(item => Array.from(item.querySelectorAll('[data-regime]')).map(cell => [
            item.id.slice(0, item.id.length - item.dataset.question.length - 1), item.dataset.question,
            cell.dataset.regime, cell.querySelector('.answer').firstChild.textContent.trim()]))""",
    )
    return {(p, q, r): text for p, q, r, text in rows}


def expected_answers(case, lang):
    return views.all_words(compare(case, lang), lang)


def show_answers(page, lang="da"):
    page.get_by_role("button", name="Vis svarene med det samme" if lang == "da" else "Show the answers at once").click()
    page.wait_for_selector("#results-title")


@pytest.mark.parametrize("name, checks", [
    ("ballerup-family.yaml", [("mother", "plan_sel_141", "trial", "Nej"), ("mother", "plan_sel_141", "sector_law", "Ja"),
                              ("child", "plan_sel_140", "trial", "Ja"),
                              ("mother", "ordinary_meetings", "sector_law", "1 samtale pr. 2. måned"),
                              ("mother", "ordinary_meetings", "one_plan_law", "1 samtale pr. 2. måned")]),
    ("hilleroed-ressourceforloeb.yaml", [("citizen", "plan_lab_kap_12a_12b", "trial", "Nej"),
                                         ("citizen", "rehabilitation_preparatory_part", "trial", "Ja")]),
])
def test_a_person_fills_the_form_reviews_it_and_reads_the_answers(page, ui_server, artifacts, name, checks):
    case = scenario_case(name)
    page.goto(ui_server)
    fill_case(page, case)
    page.get_by_role("button", name="Gennemse sagen").click()
    page.wait_for_selector("#review-title")
    assert "step=review" in page.url
    page.screenshot(path=os.path.join(artifacts, f"{name[:-5]}-review.png"))
    page.get_by_role("link", name="Vis svarene").click()
    page.wait_for_selector("#results-title")
    answers = shown_answers(page)
    assert answers == expected_answers(case, "da")
    for person, question, regime, text in checks:  # the answer, or the start of a contingent answer's sentence
        assert answers[(person, question, regime)] == text or answers[(person, question, regime)].startswith(
            text + ", medmindre"), answers[(person, question, regime)]
    citations = page.locator(".answer-item a.citation")
    assert citations.count() > 10
    assert "/lov/" in citations.first.get_attribute("href") and "#p-" in citations.first.get_attribute("href")
    assert page.locator(".compare-item.differs").count() > 0
    page.screenshot(path=os.path.join(artifacts, f"{name[:-5]}-results.png"), full_page=False)
    link = page.input_value("#case-link")
    fresh = page.context.new_page()  # the link alone reproduces the answers
    fresh.goto(link)
    assert shown_answers(fresh) == answers
    fresh.reload()
    assert shown_answers(fresh) == answers
    fresh.close()


def test_the_uncertainty_flags_are_visible(page, ui_server):
    page.goto(ui_server + "?lang=en")
    fill_case(page, scenario_case("ballerup-family.yaml"))
    show_answers(page, "en")
    item = page.locator("#child-plan_sel_140-answer")
    assert item.locator(".answer-line").inner_text().startswith("Yes")
    item.locator("summary").click()  # the evidence, folded under the answer
    flag = item.locator("p.ambiguity")
    assert flag.is_visible() and "Contested reading R1" in flag.inner_text()
    flag.locator("a").click()
    assert page.locator("#register-R1").is_visible()
    assert page.evaluate("location.hash") == "#register-R1"


def test_switching_language_keeps_the_case(page, ui_server, artifacts):
    case = scenario_case("ballerup-family.yaml")
    page.goto(ui_server)
    assert page.locator("html").get_attribute("lang") == "da"
    page.select_option("#municipality", "ballerup")
    page.fill("#p0-birth_date", "01.05.1988")
    page.get_by_role("link", name="English").click()  # a half-filled form: re-sent in English (JavaScript)
    page.wait_for_selector("html[lang=en]")
    assert page.input_value("#p0-birth_date") == "01.05.1988" and page.input_value("#municipality") == "ballerup"
    page.goto(ui_server)
    fill_case(page, case)
    show_answers(page)
    page.get_by_role("link", name="English").click()  # with a case: a plain link, no JavaScript needed
    page.wait_for_selector("html[lang=en] #results-title")
    assert page.locator("#results-title").inner_text() == "Answers for Ballerup, March 2019"
    assert shown_answers(page) == expected_answers(case, "en")
    page.screenshot(path=os.path.join(artifacts, "language-english.png"))
    page.get_by_role("link", name="Show the answers in Danish").click()
    page.wait_for_selector("html[lang=da] #results-title")
    assert shown_answers(page) == expected_answers(case, "da")


def test_the_form_shows_what_can_matter(page, ui_server, artifacts):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(ui_server)
    assert page.locator("#p1-employment_target_group").is_hidden()  # the second person starts as a child
    assert page.locator("#p1-receives_child_special_support").is_visible()
    assert page.locator("#p0-sickness_benefit_category").is_hidden()
    page.select_option("#p0-employment_target_group", "sygedagpenge")
    assert page.locator("#p0-sickness_benefit_category").is_visible()
    assert page.locator("#p0-en_plan_start_date").is_hidden()  # no municipality yet: no municipality's own field
    page.select_option("#municipality", "hilleroed")
    assert page.locator("#p0-en_plan_start_date").is_hidden()
    page.select_option("#municipality", "ballerup")
    assert page.locator("#p0-en_plan_start_date").is_visible()
    assert page.locator("#p1-consents_to_one_plan-yes").is_hidden()  # a child of no stated age
    page.fill("#month", "2019-03")
    page.fill("#p1-birth_date", "01.03.2003")  # 16 on 1 March 2019: SEL § 140 a's young person
    assert page.locator("#p1-consents_to_one_plan-yes").is_visible()
    assert page.locator("#p1-has_complex_problems-yes").is_visible()
    page.fill("#p1-birth_date", "02.03.2003")  # 15 on the first day of the month
    assert page.locator("#p1-consents_to_one_plan-yes").is_hidden()
    page.set_checked("#p1-receives_child_special_support", True)
    page.select_option("#p1-role", "parent")
    assert page.locator("#p1-receives_child_special_support").is_visible()  # it holds a value: never hidden
    assert page.locator("#p1-employment_target_group").is_visible()
    page.screenshot(path=os.path.join(artifacts, "guided-form-390.png"), full_page=True)


def test_every_problem_is_shown_at_its_field_in_one_round(page, ui_server, artifacts):
    case = scenario_case("ballerup-family.yaml")
    case["persons"][1]["birth_date"] = "2019-06-01"  # born after the month asked about
    case["persons"][0]["meetings_held"] = -1
    page.goto(ui_server + "?lang=en")
    fill_case(page, case)
    page.get_by_role("button", name="Review the case").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "The case cannot be computed yet" in summary.inner_text()
    assert "too small" in page.locator("#p0-meetings_held-error").inner_text()
    assert page.locator("#p0-meetings_held").get_attribute("aria-invalid") == "true"
    message = page.locator("#p1-birth_date-error")  # the same round, not after the first is fixed
    assert message.is_visible() and "born after the month asked about" in message.inner_text()
    assert page.input_value("#p1-birth_date") == "01.06.2019"  # nothing typed is lost
    summary.get_by_role("link", name=re.compile("Person 2, date of birth")).click()
    assert page.evaluate("document.activeElement.id") == "p1-birth_date"
    assert "Traceback" not in page.content()
    page.screenshot(path=os.path.join(artifacts, "invalid-input.png"), full_page=False)


def test_keyboard_only_use_with_visible_focus(page, ui_server):
    page.goto(ui_server + "?lang=en")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the form"
    page.keyboard.press("Enter")  # the skip link moves the keyboard to the form
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "municipality"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "month"
    page.select_option("#municipality", "hilleroed")
    page.fill("#month", "2019-06")
    page.fill("#p0-birth_date", "15.08.1994")
    page.select_option("#p0-employment_target_group", "kontanthjaelp_aktivitetsparat")
    page.focus("#p0-has_complex_problems-no")
    page.keyboard.press("ArrowLeft")  # radio buttons move with the arrow keys: no → yes
    assert page.is_checked("#p0-has_complex_problems-yes")
    page.check("#p0-consents_to_one_plan-yes")
    page.focus("#p0-birth_date")
    page.keyboard.press("Enter")  # implicit submission: the default button is "Review the case"
    page.wait_for_selector("#review-title")
    page.keyboard.press("Tab")
    for _ in range(12):
        if page.evaluate("document.activeElement.textContent") == "Show the answers":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results-title")
    assert page.locator("#adult1-in_trial [data-regime=trial] .answer").inner_text().startswith("Yes")


def test_round_trip_page_yaml_enplan_check_page(page, ui_server, tmp_path):
    case = scenario_case("ballerup-family.yaml")
    page.goto(ui_server)
    fill_case(page, case)
    show_answers(page)
    before = shown_answers(page)
    assert page.is_checked("#pin")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent sagen som scenariefil (YAML)").click()
    path = tmp_path / "from-the-page.yaml"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "expect:" in text and "sector_law:" in text
    result = subprocess.run([sys.executable, "-m", "enplan_rules.cli", "check", str(path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert re.search(r"Forventninger: (\d+) af \1 opfyldt", result.stdout)
    page.goto(ui_server)
    page.set_input_files("#scenario-file", str(path))
    page.get_by_role("button", name="Indlæs filen").click()
    page.wait_for_selector("#review-title")
    page.get_by_role("link", name="Vis svarene").click()
    page.wait_for_selector("#results-title")
    assert shown_answers(page) == before


def test_the_case_note_prints_in_a_few_pages_without_the_form(page, ui_server, artifacts):
    page.goto(ui_server)
    fill_case(page, scenario_case("ballerup-family.yaml"))
    show_answers(page)
    page.fill("#note-reference", "27.12.00-P20-1-19")
    page.fill("#note-caseworker", "A. Sagsbehandler")
    page.fill("#note-text", "Drøftet med borgeren.")
    page.emulate_media(media="print")
    assert page.locator("#case-form").count() == 0 or not page.locator("#case-form").is_visible()
    assert not page.locator(".result-actions").is_visible()
    assert page.locator(".answer-item").first.is_visible()
    assert page.input_value("#note-reference") == "27.12.00-P20-1-19"
    after = page.evaluate("getComputedStyle(document.querySelector('a.citation'), '::after').content")
    assert "retsinformation.dk" not in after  # no raw addresses in the running text
    page.screenshot(path=os.path.join(artifacts, "case-note-print.png"), full_page=False)
    pdf = os.path.join(artifacts, "case-note-browser.pdf")
    page.pdf(path=pdf, format="A4", print_background=True)
    page.emulate_media(media="screen")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True,
                           timeout=60).stdout
    # Page 1: the note's fields, the regime that applies and every answer of the first person with its paragraph.
    assert "27.12.00-P20-1-19" in first and "Sagen er omfattet af frikommuneforsøget i Ballerup Kommune" in first
    assert "Skal der tilbydes en særskilt handleplan efter SEL § 141?" in first and "SEL § 141" in first
    # Was 22 A4 pages for this two-person case in 0.1 and 15 in 0.3; the answers come first, the comparison after.
    assert pages <= 8, pages


def test_the_server_pdf_downloads_from_the_page(page, ui_server, artifacts):
    page.goto(ui_server)
    fill_case(page, scenario_case("ballerup-family.yaml"))
    show_answers(page)
    page.fill("#note-caseworker", "A. Sagsbehandler")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent sagsnotat som PDF").click()
    path = os.path.join(artifacts, "case-note-downloaded.pdf")
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", "-l", "1", path, "-"], capture_output=True, text=True, timeout=60).stdout
    assert "A. Sagsbehandler" in text and "Sagsnotat" in text
    assert "A.+Sagsbehandler" not in page.url and "Sagsbehandler" not in page.url
