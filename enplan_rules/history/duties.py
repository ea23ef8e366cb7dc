"""Deadlines as dates, and each duty owed set against the record of what was done.

The time limits come from the regime's TaxBenefitSystem parameters, read at the date the citizen entered the group
(`lab.right_and_duty`, `lab.contact_process`, `lsd.followup`); each deadline names its paragraph and the status of
the parameters it rests on (sourced, seeds or unverified). Whether a duty is owed in a month is the engine's own
answer for that month (e.g. `right_and_duty_offer_required`, `ordinary_contact_process_applies`, the plan answers).

Statuses: met (done by the deadline), late (done, so many days after it), missing (not done), not_required_done
(done where the regime did not require it: informational), depends (owed or not on a judgement the history does not
record: e.g. the trial's professional assessment under BEK 529 § 33), after_required (a plan whose paragraph sets no
deadline, made after the first month it was required: so many days after that month began).

Every plan has a deadline from its paragraph (`PLAN_DEADLINES`) or none: a period from the month the plan is first
required (SEL § 140 stk. 1: at the latest within 4 months; SEL § 70 stk. 4: within 3 months of the placement), the
first sickness-benefit follow-up (LSD § 13 c stk. 2 with § 13 b stk. 1), or before the first offer the record holds
(LAB § 29 stk. 1; LBA § 41 stk. 4). Where the law sets none (or the record holds no offer to be before), a plan made
within the first month it is required is met (the history records facts by month), and a plan made later is a finding
"after_required". Where a one plan replaces the separate plan, the first of the two made meets the duty.
"""

import calendar
import datetime
import functools
import math

from enplan_rules import labels
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.legal import provenance

RIGHT_AND_DUTY = "LAB §§ 85, 87–88, 92, 96 b; BEK § 134 (to 2019); LBA §§ 102, 105 (from 2020)"
CONTACT_PROCESS = "LAB §§ 15–20 b, § 73 a (to 2019); LBA §§ 27, 31, 32 (from 2020)"
FOLLOWUP = "LSD § 13 b stk. 1–2"
PARITY = "BEK nr. 529 af 23.5.2018 § 29 (Bilag 1: 'omtrent det samme gennemsnitlige antal møder')"
NEXT_OFFER_PARAMETER = "lab.right_and_duty.next_offer_interval_months"
UNKNOWN_START = datetime.date(1970, 1, 1)  # the engine's default: a long-standing case, start not recorded
SICK = ("category_2", "category_3")
PLAN_QUESTIONS = tuple(q for q in QUESTIONS if q.id.startswith("plan_") or q.id in ("rehabilitation_preparatory_part", "mentor_form"))
JUDGEMENTS = {  # duty -> the judgement facts the trial's exemption turns on
    "right_and_duty_first_offer": ("assessed_not_to_benefit_from_offers", "has_complex_problems"),
    "contact_process_first_phase": ("has_complex_problems",),
    "contact_process_year": ("has_complex_problems",),
}
FINDINGS = ("late", "missing", "depends", "after_required")
# The deadline each plan's paragraph sets: (rule, months, the words of the law it rests on). Rules: "period" (so many
# months from the first day of the month the plan is first required), "first_followup" (the first sickness-benefit
# follow-up's deadline, from the benefit start), "before_first_offer" (the first offer the record holds while the plan
# is required). A plan not named here rests on a paragraph that sets no deadline ("none"). The months are the law's
# words (a test reads them in the vendored texts).
PLAN_DEADLINES = {
    "plan_sel_140": ("period", 4, "SEL § 140 stk. 1, 3. pkt.: »snarest muligt og senest inden 4 måneder«"),
    "plan_sel_70": ("period", 3, "SEL § 70 stk. 4, 2. pkt.: »senest 3 måneder efter«, »at barnet eller den unge har "
                                 "fået ophold uden for hjemmet«"),
    "plan_lsd_13c": ("first_followup", None, "LSD § 13 c stk. 2: »ved første opfølgning«; § 13 b stk. 1: »senest inden "
                                             "udgangen af ottende uge regnet fra første fraværsdag«"),
    "plan_lab_min_plan": ("before_first_offer", None, "LAB § 29 stk. 1: »Forud for afgivelse af tilbud« (til 2019); "
                                                      "LBA § 41 stk. 4: »i forbindelse med afgivelse af tilbud« (fra 2020)"),
}
# One document, two questions: the plan of a ressourceforløb or jobafklaringsforløb is the rehabilitation plan's
# action part (LAB § 68 a stk. 5, §§ 68 c, 68 g stk. 2; LBA § 43), so a record of either meets both.
SAME_PLAN = {"plan_lab_30a_action_part": "plan_lab_kap_12a_12b", "plan_lab_kap_12a_12b": "plan_lab_30a_action_part"}


def day(text):
    return datetime.date.fromisoformat(text)


def add_months(date, count):
    month = date.month - 1 + count
    year = date.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def month_end(month):
    year, number = int(month[:4]), int(month[5:])
    return datetime.date(year, number, calendar.monthrange(year, number)[1])


def month_of(date):
    return f"{date.year:04d}-{date.month:02d}"


def _read_at(start, spell):
    """Where a time limit's parameters are read: on the entry date, or on the first day of the first month the
    timeline answers if the citizen entered before it (the engine reads its parameters at the month answered)."""
    return max(start, day(spell[0] + "-01"))


def _parameter(system, name, at):
    described = provenance.describe(system.parameters, name, at.isoformat())
    return {k: described[k] for k in ("name", "value", "start", "status")}


def _spells(timeline, person_id, key, included):
    """Maximal runs of months where `included(month)` holds, split where `key(month)` changes: [(key, [months])]."""
    spells = []
    for month in timeline.months:
        if not included(month):
            continue
        value = key(month)
        previous = spells[-1] if spells else None
        if previous and previous[0] == value and timeline.months.index(previous[1][-1]) == timeline.months.index(month) - 1:
            previous[1].append(month)
        else:
            spells.append((value, [month]))
    return spells


def _count_status(events, start, due, needed, end):
    """met / late (days) / missing for `needed` events from `start`; events after `end` do not count."""
    window = [e for e in events if start <= e <= due]
    if len(window) >= needed:
        return "met", None, window
    later = [e for e in events if start <= e <= end]
    if len(later) >= needed:
        done = later[needed - 1]
        return "late", (done - due).days, later[:needed]
    return "missing", None, later


# Why a deadline is not reviewed: a code and its words in Danish and English ({due}: the date, {parameter}: a name).
NOTES = {
    "no_start_date": ("ingen startdato i målgruppen registreret: fristen kan ikke beregnes",
                      "no benefit start date recorded: the deadline cannot be computed"),
    "due_after_timeline": ("frist {due}, efter tidslinjens sidste måned", "due {due}, after the end of the timeline"),
    "due_before_timeline": ("frist {due}, før tidslinjens første måned: ikke gennemgået",
                            "due {due}, before the first month of the timeline: not reviewed"),
    "no_next_offer_parameter": ("motoren har ingen parameter for intervallet mellem de næste tilbud ({parameter}); "
                                "deres frister beregnes ikke",
                                "the engine has no parameter for the interval of the next offers ({parameter}); "
                                "their deadlines are not computed"),
}


class Review:
    """The duties of one regime's timeline for one history, with their deadlines and statuses; notes in `lang`."""

    def __init__(self, history, timeline, first, last, lang="en"):
        self.lang = lang
        self.history = history
        self.timeline = timeline
        self.system = timeline.system
        self.regime = timeline.regime
        self.range_end = month_end(last)
        self.items = []
        self.notes = []
        self.parity = []
        self.recorded = {}
        for person in history["persons"]:
            given = set(person)
            for change in history.get("changes", []):
                if change.get("person") == person["id"]:
                    given |= set(change)
            self.recorded[person["id"]] = given

    def value(self, name, month, person_id):
        return self.timeline.fact(name, month, person_id)

    def answer(self, question_id, month, person_id):
        return self.timeline.values[month][person_id][question_id]

    def _item(self, duty, person_id, paragraph, **fields):
        item = {"regime": self.regime, "person": person_id, "duty": duty, "paragraph": paragraph, **fields}
        for key in ("due", "window_start"):
            if isinstance(item.get(key), datetime.date):
                item[key] = item[key].isoformat()
        item["done"] = [d.isoformat() if isinstance(d, datetime.date) else d for d in item.get("done", [])]
        item["finding"] = item["status"] in FINDINGS
        self.items.append(item)

    def _depends(self, duty, person_id, month, adopted):
        """The judgement facts the trial's exemption would turn on, where the history records none of them or
        gives them as unknown (null) in `month`."""
        if self.regime != "trial" or not adopted or not bool(self.value("in_en_plan_trial", month, person_id)):
            return None
        facts = next(p for p in self.timeline.cases[month]["persons"] if p["id"] == person_id)
        missing = [name for name in JUDGEMENTS[duty]
                   if name not in self.recorded[person_id] or (name in facts and facts[name] is None)]  # null: unknown
        return missing or None

    def _adopts(self, month, exemption, person_id):
        if self.regime != "trial":
            return False
        municipality = self.value("municipality", month, person_id)
        name = f"trial.municipalities.{municipality}.adopts.{exemption}"
        try:
            return bool(provenance.describe(self.system.parameters, name, month + "-01")["value"])
        except KeyError:
            return False

    # -- the duties ----------------------------------------------------------------------------------

    def run(self):
        for person in self.history["persons"]:
            pid = person["id"]
            record = person.get("record", {})
            self.right_and_duty(pid, sorted(day(d) for d in record.get("offers", [])))
            self.followups(pid, sorted(day(d) for d in record.get("followups", [])))
            meetings = sorted(day(d) for d in record.get("meetings", []))
            self.contact_process(pid, meetings)
            self.plans(pid, record.get("plans", []))
            self.meeting_parity(pid, record)
        return self

    def _start(self, month, pid):
        start = self.value("benefit_start_date", month, pid)
        start = datetime.date.fromisoformat(str(start))
        if start > self.range_end:  # entered after the timeline (the engine answers: not yet in the group)
            return None
        return None if start == UNKNOWN_START else start

    def right_and_duty(self, pid, offers):
        months = self.timeline.months
        spells = _spells(self.timeline, pid,
                         key=lambda m: (str(self.value("employment_target_group", m, pid)), str(self.value("benefit_start_date", m, pid))),
                         included=lambda m: bool(self.value("right_and_duty_regime_applies", m, pid)))
        for (group, _), spell in spells:
            start = self._start(spell[0], pid)
            if start is None:
                self._note(pid, "right_and_duty_first_offer", "no_start_date")
                continue
            at = _read_at(start, spell)
            parameter = _parameter(self.system, f"lab.right_and_duty.first_offer_deadline_months.{group}", at)
            if group == "dagpenge":
                parameter = self._dagpenge_age_band(pid, spell[0], at) or parameter
            due = add_months(start, int(parameter["value"]))
            spell_end = min(month_end(spell[-1]), self.range_end)
            base = {"due": due, "window_start": start, "parameters": [parameter], "target_group": group}
            if month_of(due) not in spell:
                if month_of(due) < spell[0]:
                    self._before_range(pid, "right_and_duty_first_offer", due)
                elif due > self.range_end and month_of(due) > months[-1]:
                    self._note(pid, "right_and_duty_first_offer", "due_after_timeline", due=due.isoformat())
                continue  # the citizen left the group before the deadline
            due_month = month_of(due)
            required = bool(self.answer("right_and_duty_offer", due_month, pid))
            adopted = self._adopts(due_month, "right_and_duty", pid)
            given = [o for o in offers if start <= o <= spell_end]
            depends = self._depends("right_and_duty_first_offer", pid, due_month, adopted) if required else None
            if depends:
                status, late, done = _count_status(offers, start, due, 1, spell_end)
                self._item("right_and_duty_first_offer", pid, RIGHT_AND_DUTY, **base, status="depends",
                           depends_on=depends, status_if_required=status, days_late=late, done=done)
            elif required:
                status, late, done = _count_status(offers, start, due, 1, spell_end)
                self._item("right_and_duty_first_offer", pid, RIGHT_AND_DUTY, **base, status=status, days_late=late,
                           done=done)
            elif given:
                self._item("right_and_duty_first_offer", pid, RIGHT_AND_DUTY, **base, status="not_required_done",
                           done=given[:1], reason_month=due_month)
        if NEXT_OFFER_PARAMETER not in _parameter_names(self.system) and spells:
            self._note(pid, "right_and_duty_next_offers", "no_next_offer_parameter", parameter=NEXT_OFFER_PARAMETER)

    def _dagpenge_age_band(self, pid, month, at):
        """LAB §§ 85 stk. 1 and 88 (to 2019): a dagpenge recipient under 30 or from 50 owes the first offer after 13
        weeks (the parameter `dagpenge_short_deadline.deadline_months`), as the engine's monthly answer reckons it."""
        node = "lab.right_and_duty.dagpenge_short_deadline."
        if not _parameter(self.system, node + "applies", at)["value"]:
            return None
        age = int(self.value("age", month, pid))
        under = _parameter(self.system, node + "under_age", at)["value"]
        from_age = _parameter(self.system, node + "from_age", at)["value"]
        return _parameter(self.system, node + "deadline_months", at) if age < under or age >= from_age else None

    def followups(self, pid, followups):
        spells = _spells(self.timeline, pid, key=lambda m: str(self.value("benefit_start_date", m, pid)),
                         included=lambda m: str(self.value("sickness_benefit_category", m, pid)) in SICK)
        for _, spell in spells:
            start = self._start(spell[0], pid)
            if start is None:
                self._note(pid, "sickness_followup", "no_start_date")
                continue
            at = _read_at(start, spell)
            first = _parameter(self.system, "lsd.followup.first_followup_week", at)
            interval = _parameter(self.system, "lsd.followup.interval_weeks", at)
            spell_end = min(month_end(spell[-1]), self.range_end)
            due = start + datetime.timedelta(days=7 * int(first["value"]) - 1)
            previous = start - datetime.timedelta(days=1)
            number = 1
            while due <= spell_end:
                month = month_of(due)
                if month in spell:
                    set_aside = bool(self.value("lsd_13b_followup_set_aside_by_trial", month, pid))
                    base = {"due": due, "window_start": previous + datetime.timedelta(days=1), "number": number,
                            "parameters": [first, interval]}
                    if not set_aside:
                        status, late, done = _count_status(followups, base["window_start"], due, 1, spell_end)
                        self._item("sickness_followup", pid, FOLLOWUP, **base, status=status, days_late=late, done=done)
                    else:
                        held = [f for f in followups if base["window_start"] <= f <= due]
                        if held:
                            self._item("sickness_followup", pid, FOLLOWUP, **base, status="not_required_done",
                                       done=held, reason_month=month)
                previous = due
                due = due + datetime.timedelta(days=7 * int(interval["value"]))
                number += 1

    def contact_process(self, pid, meetings):
        spells = _spells(self.timeline, pid,
                         key=lambda m: (str(self.value("employment_target_group", m, pid)), str(self.value("benefit_start_date", m, pid))),
                         included=lambda m: bool(self.value("lab_contact_process_triggered", m, pid)))
        for (group, _), spell in spells:
            start = self._start(spell[0], pid)
            if start is None:
                continue  # long-standing case: the first phase lies before the record
            rules = "lab.contact_process."
            at = _read_at(start, spell)
            first_months = _parameter(self.system, f"{rules}first_months.{group}", at)
            first_meetings = _parameter(self.system, f"{rules}meetings_in_first_months.{group}", at)
            per_year = _parameter(self.system, f"{rules}meetings_per_year_after.{group}", at)
            spell_end = min(month_end(spell[-1]), self.range_end)
            windows = []
            phase = int(first_months["value"])
            if phase > 0 and int(first_meetings["value"]) > 0:
                windows.append(("contact_process_first_phase", start, 0, phase, [first_months, first_meetings]))
            if int(per_year["value"]) > 0:
                block = phase
                spell_start = day(spell[0] + "-01")
                while month_end(month_of(add_months(start.replace(day=1), block + 11))) < spell_start:
                    block += 12  # blocks that ended before the timeline
                while month_end(month_of(add_months(start.replace(day=1), block + 11))) <= spell_end:
                    windows.append(("contact_process_year", add_months(start.replace(day=1), block), block, 12, [per_year]))
                    block += 12
            for duty, window_start, offset, length, parameters in windows:
                block_months = [month_of(add_months(start.replace(day=1), offset + i)) for i in range(length)]
                last = block_months[-1]
                if last not in spell:
                    if last < spell[0]:
                        self._before_range(pid, duty, month_end(last))
                    continue
                # what the engine requires: its monthly rate, over the months the ordinary process applies
                applying = [m for m in block_months if m in spell and bool(self.answer("contact_process", m, pid))]
                required = sum(float(self.value("lab_ordinary_required_meetings", m, pid)) for m in applying)
                needed = math.ceil(round(required, 3))
                due = month_end(last)
                base = {"due": due, "window_start": window_start, "required_count": needed, "parameters": parameters,
                        "target_group": group, "months_applying": len(applying), "months": [block_months[0], last]}
                held = [m for m in meetings if window_start <= m <= due]
                adopted = self._adopts(last, "lab_contact_process", pid)
                depends = self._depends(duty, pid, last, adopted) if needed else None
                if depends:
                    status, late, done = _count_status(meetings, window_start, due, needed, spell_end)
                    self._item(duty, pid, CONTACT_PROCESS, **base, status="depends", depends_on=depends,
                               status_if_required=status, days_late=late, done=done, held_count=len(held))
                elif needed:
                    status, late, done = _count_status(meetings, window_start, due, needed, spell_end)
                    self._item(duty, pid, CONTACT_PROCESS, **base, status=status, days_late=late, done=done,
                               held_count=len(held))
                elif held:
                    self._item(duty, pid, CONTACT_PROCESS, **base, status="not_required_done", done=held,
                               held_count=len(held), reason_month=last, note="meeting_parity")

    def _before_range(self, pid, duty, due):
        self._note(pid, duty, "due_before_timeline", due=due.isoformat())

    def _note(self, pid, duty, code, **values):
        words = labels.pick(NOTES[code], self.lang).format(**values)
        self.notes.append({"regime": self.regime, "person": pid, "duty": duty, "code": code, "note": words})

    def plans(self, pid, plans):
        made = {}
        for plan in plans:
            made.setdefault(plan["kind"], []).append(day(plan["date"]))
        one_plan = sorted(made.get("one_plan", []))
        used = set()
        for question in PLAN_QUESTIONS:
            if question.id not in self.timeline.values[self.timeline.months[0]][pid]:
                continue
            kind_made = sorted(made.get(question.id, []) + made.get(SAME_PLAN.get(question.id), []))
            reference = self.system.variables[question.variable].reference or []
            reference = [reference] if isinstance(reference, str) else list(reference)
            paragraph = "; ".join(r for r in reference if not r.startswith("http")) or question.en

            def trigger(month, question=question):
                return all(bool(self.value(name, month, pid)) for name in question.trigger)

            states = {m: ("required" if self.answer(question.id, m, pid) else
                          "replaced" if question.set_asides and trigger(m) else None) for m in self.timeline.months}
            spells = _spells(self.timeline, pid, key=lambda m, states=states: states[m],
                             included=lambda m, states=states: states[m] is not None)
            previous_end = None
            last_month = None
            for state, spell in spells:
                if last_month is not None and self.timeline.months.index(spell[0]) != self.timeline.months.index(last_month) + 1:
                    previous_end = month_end(last_month)  # a gap: a new plan is needed after it
                last_month = spell[-1]
                start = day(spell[0] + "-01")
                end = month_end(spell[-1])
                # a plan made in the run so far (or before it, after the last gap) stands
                after = previous_end or datetime.date.min
                own = [d for d in kind_made if after < d <= end]
                used.update((question.id, d) for d in own)
                due, rule, law, parameters = self._plan_deadline(question.id, pid, spell, start, end)
                base = {"window_start": start, "due": due, "months": [spell[0], spell[-1]], "plan": question.id,
                        "deadline_rule": rule, "parameters": parameters, **({"deadline_law": law} if law else {})}
                if state == "required":
                    self._item("plan", pid, paragraph, **base, **_plan_status(own[:1], due, start),
                               question=question.id)
                else:
                    joint = [d for d in one_plan if after < d <= end]
                    in_spell = [d for d in own if d >= start]
                    first = sorted(joint[:1] + own[:1])[:1]  # the first plan made meets the duty (and its deadline)
                    if joint and first == joint[:1]:
                        self._item("plan", pid, paragraph, **base, **_plan_status(first, due, start),
                                   question=question.id, met_by="one_plan")
                        if in_spell:
                            self._item("plan", pid, paragraph, **{**base, "due": None}, status="not_required_done",
                                       done=in_spell[:1], question=question.id, reason_month=month_of(in_spell[0]))
                    elif first:
                        self._item("plan", pid, paragraph, **base, **_plan_status(first, due, start),
                                   question=question.id, met_by="separate_plan")
                    else:
                        self._item("plan", pid, paragraph, **base, status="missing", done=[], question=question.id,
                                   note="no_plan_made")
            for date in kind_made:
                if (question.id, date) in used:
                    continue
                month = month_of(date)
                if month in self.timeline.months and states.get(month) is None:
                    self._item("plan", pid, paragraph, window_start=None, due=None, plan=question.id, question=question.id,
                               status="not_required_done", done=[date], reason_month=month)

    def _plan_deadline(self, plan, pid, spell, start, end):
        """(due date or None, rule, the law's words, parameters) of a plan first required in the month `start`
        begins."""
        rule, months, law = PLAN_DEADLINES.get(plan, ("none", None, None))
        if rule == "period":
            return add_months(start, months), rule, law, []
        if rule == "first_followup":
            entered = self._start(spell[0], pid)
            if entered is not None:
                weeks = _parameter(self.system, "lsd.followup.first_followup_week", _read_at(entered, spell))
                return entered + datetime.timedelta(days=7 * int(weeks["value"]) - 1), rule, law, [weeks]
        if rule == "before_first_offer":
            person = next(p for p in self.history["persons"] if p["id"] == pid)
            offers = sorted(d for d in map(day, person.get("record", {}).get("offers", [])) if start <= d <= end)
            return (offers[0] if offers else None), rule, law, []  # no offer recorded: no date to be before
        return None, "none", None, []

    def meeting_parity(self, pid, record):
        """Where the trial sets the contact process aside, parity is a target-group question: the case's own count
        beside the ordinary requirement, for the months so covered."""
        months = [m for m in self.timeline.months
                  if bool(self.value("lab_contact_process_set_aside_by_trial", m, pid))
                  or bool(self.value("lsd_13b_followup_set_aside_by_trial", m, pid))]
        if not months:
            return
        required = sum(float(self.value("ordinary_required_meetings", m, pid)) for m in months)
        events = [*record.get("meetings", []), *record.get("followups", [])]
        held = sum(1 for d in events if d[:7] in months)
        self.parity.append({"regime": self.regime, "person": pid, "paragraph": PARITY, "months": len(months),
                            "from": months[0], "to": months[-1], "held": held,
                            "ordinary_required": round(required, 2),
                            "note": "target_group_question"})


def _plan_status(made, due, required_from):
    """The status of a plan required from `required_from`: met by its deadline, late (days after it), missing; where
    the law sets no deadline, met within the first month it is required, else after_required (days after it was)."""
    if not made:
        return {"status": "missing", "done": []}
    if due is not None:
        late = (made[0] - due).days
        return {"status": "late", "days_late": late, "done": made} if late > 0 else {"status": "met", "done": made}
    if made[0] <= month_end(month_of(required_from)):
        return {"status": "met", "done": made}
    return {"status": "after_required", "days_after": (made[0] - required_from).days, "done": made}


@functools.cache
def _parameter_names(system):
    from openfisca_core.parameters import Parameter

    return {node.name for node in system.parameters.get_descendants() if isinstance(node, Parameter)}


def deadlines(items):
    """The deadlines of the review items: duty, person, due date, paragraph, parameters (with status)."""
    return [
        {k: item[k] for k in ("regime", "person", "duty", "due", "window_start", "paragraph", "parameters",
                              "required_count", "number", "target_group") if k in item}
        for item in items if item.get("due")
    ]
