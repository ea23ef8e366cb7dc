"""Strict validation of an OpenFisca situation (the body of /calculate and /trace) against one regime.

OpenFisca's own parser lets through inputs it then fails on with a server error (a period that does not
match an output's definition period, an entity id containing ``/``, arrays as values) or silently accepts
nonsense (a number as a date). This module checks the whole situation first and reports every fault with
the JSON pointer of the offending field and what was expected there.
"""

import datetime
import re

from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import Parameter

from enplan_rules.api.errors import MAX_ERRORS, ApiError, field, pointer
from enplan_rules.simulations import parse_period

ID_PATTERN = re.compile(r"[^/\\\x00-\x1f\x7f]{1,100}")  # matched whole (fullmatch)
ID_EXPECTED = "an id of 1 to 100 characters without '/', '\\' or control characters"
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")  # matched whole (fullmatch)
DATE_RANGE = ("1900-01-01", "2030-12-31")  # a date value (birth, benefit start, ...) must lie in it
INT32 = (-(2**31), 2**31 - 1)
FLOAT32_MAX = 3.4028234e38
MAX_INSTANCES = 10_000  # entity instances per request (the body size limit bounds it too)
MAX_COMPUTED = 500  # distinct (variable, period) pairs to compute per request
# What one request may produce: the sum, over the distinct (variable, period) pairs asked for, of the number
# of instances of the variable's entity. /trace writes every value of every intermediate variable, about
# 40 bytes a cell: 50 000 cells are a few MB and a fraction of a second.
MAX_CELLS = {"calculate": 1_000_000, "trace": 50_000}
MAX_INPUT_MONTHS = 1200  # an input period may span at most 100 years
MAX_STR = 1000

UNIT_MONTHS = {periods.DateUnit.MONTH: 1, periods.DateUnit.YEAR: 12}
PERIOD_EXPECTED = {  # what a period of a variable defined per (key) may be
    periods.DateUnit.MONTH: "a month (YYYY-MM)",
    periods.DateUnit.YEAR: "a year (YYYY)",
    periods.DateUnit.ETERNITY: "ETERNITY or any period",
}


class _Collector:
    def __init__(self):
        self.items = []
        self.omitted = 0

    def add(self, path, message, expected):
        if len(self.items) < MAX_ERRORS:
            self.items.append(field(message, expected, pointer=pointer(*path)))
        else:
            self.omitted += 1

    def __len__(self):
        return len(self.items)


def coverage_start(tax_benefit_system):
    """The first day on which every parameter of the system has a value: formulas are computed from then."""
    latest = "0001-01-01"
    for node in tax_benefit_system.parameters.get_descendants():
        if isinstance(node, Parameter) and node.values_list:
            latest = max(latest, node.values_list[-1].instant_str)
    return datetime.date.fromisoformat(latest)


class SituationValidator:
    """Checks situations for one TaxBenefitSystem; built once per regime at app creation."""

    def __init__(self, tax_benefit_system):
        self.system = tax_benefit_system
        self.person_plural = tax_benefit_system.person_entity.plural
        self.entities = {entity.plural: entity for entity in tax_benefit_system.entities}
        self.roles = {
            entity.plural: {role.plural or role.key: role for role in entity.roles}
            for entity in tax_benefit_system.group_entities
        }
        self.variables = {
            entity.key: {
                name: variable
                for name, variable in tax_benefit_system.variables.items()
                if variable.entity.key == entity.key
            }
            for entity in tax_benefit_system.entities
        }
        self.start = coverage_start(tax_benefit_system)

    # -- public -------------------------------------------------------------------------------------

    def validate(self, situation, endpoint="calculate"):
        """Raise ApiError (400) listing every fault of `situation`, or return what it asks to compute:
        a list of (entity plural, instance id, variable name, period string), one per null value.
        `endpoint` (calculate or trace) sets the limit on the cells computed (MAX_CELLS)."""
        errors = _Collector()
        requested = []
        self._check(situation, errors, requested, MAX_CELLS[endpoint])
        if errors:
            raise ApiError(400, "invalid_situation", "The situation is invalid.", errors.items,
                           omitted=errors.omitted)
        return requested

    # -- the checks ---------------------------------------------------------------------------------

    def _check(self, situation, errors, requested, max_cells):
        entity_list = ", ".join(self.entities)
        if not isinstance(situation, dict):
            errors.add((), f"expected an object, got {_json_type(situation)}",
                       f"an object with the entities {entity_list}")
            return
        for key in situation:
            if key == "axes":
                errors.add(("axes",), "axes are not supported by this API",
                           "one situation with explicit entities (no axes)")
            elif key not in self.entities:
                errors.add((key,), f"unknown entity {key!r}", f"one of {entity_list}")
        persons = situation.get(self.person_plural)
        if not isinstance(persons, dict) or not persons:
            errors.add((self.person_plural,), "no persons", "an object mapping person ids to persons")
            return
        instances = 0
        sizes = {}
        computed = set()
        for plural, entity in self.entities.items():
            group = situation.get(plural)
            if group is None and plural != self.person_plural:
                continue
            if not isinstance(group, dict):
                errors.add((plural,), f"expected an object, got {_json_type(group)}",
                           f"an object mapping {entity.key} ids to {plural}")
                continue
            instances += len(group)
            # persons in no declared group get a group of their own: at most one per person more
            sizes[entity.key] = len(group) + (0 if plural == self.person_plural else len(persons))
            allocated = {}
            roles = self.roles.get(plural)
            for instance_id, instance in group.items():
                path = (plural, instance_id)
                if not ID_PATTERN.fullmatch(instance_id):
                    errors.add(path, f"invalid {entity.key} id {instance_id[:100]!r}", ID_EXPECTED)
                if not isinstance(instance, dict):
                    errors.add(path, f"expected an object, got {_json_type(instance)}",
                               f"an object of variables{' and roles' if roles else ''}")
                    continue
                members = len(allocated)
                for key, value in instance.items():
                    if roles and key in roles:
                        self._check_role(plural, instance_id, key, value, persons, allocated, errors)
                    else:
                        self._check_variable(entity, path, key, value, computed, requested, errors)
                if roles and len(allocated) == members:
                    # OpenFisca sizes group results by the last group that has members: an empty group
                    # makes every group calculation fail.
                    errors.add(path, f"{entity.key} {instance_id[:100]!r} has no members",
                               f"at least one person in {' or '.join(roles)}")
            if roles:
                self._check_own_groups(plural, entity, group, persons, allocated, errors)
        if instances > MAX_INSTANCES:
            errors.add((), f"{instances} entity instances", f"at most {MAX_INSTANCES} entity instances")
        if len(computed) > MAX_COMPUTED:
            errors.add((), f"{len(computed)} distinct variable-period pairs to compute",
                       f"at most {MAX_COMPUTED} distinct variable-period pairs to compute")
        cells = sum(
            sizes.get(self.system.variables[name].entity.key, len(persons)) for name, _ in computed
        )
        if cells > max_cells:
            errors.add((), f"{cells} values to compute (entity instances × variable-period pairs asked for)",
                       f"at most {max_cells} values (entity instances × variable-period pairs) per request "
                       f"to this endpoint")

    def _check_own_groups(self, plural, entity, group, persons, allocated, errors):
        """A person in none of the declared groups gets a group of its own named after it (OpenFisca); that
        name must not be a declared group's, or OpenFisca would put the person into that group instead and
        leave an empty one behind."""
        for person_id in persons:
            if person_id not in allocated and person_id in group:
                errors.add((plural, person_id),
                           f"{entity.key} id {person_id[:100]!r} is also the id of a person in no {entity.key}",
                           f"a {entity.key} id different from the ids of persons in no {entity.key} "
                           f"(each of them gets a {entity.key} of its own with their id)")

    def _check_role(self, plural, instance_id, role_plural, members, persons, allocated, errors):
        role = self.roles[plural][role_plural]
        path = (plural, instance_id, role_plural)
        expected = f"a list of person ids declared in {self.person_plural}"
        if isinstance(members, str):
            members = [members]
        if not isinstance(members, list):
            errors.add(path, f"expected a list, got {_json_type(members)}", expected)
            return
        if role.max is not None and len(members) > role.max:
            errors.add(path, f"{len(members)} {role_plural}", f"at most {role.max} {role_plural}")
        for index, person_id in enumerate(members):
            item_path = (*path, index)
            if not isinstance(person_id, str):
                errors.add(item_path, f"expected a string, got {_json_type(person_id)}", expected)
            elif person_id not in persons:
                errors.add(item_path, f"person {person_id[:100]!r} is not declared", expected)
            elif person_id in allocated:
                errors.add(item_path, f"person {person_id[:100]!r} is already in {allocated[person_id]}",
                           f"each person in at most one of the {plural}")
            else:
                allocated[person_id] = f"{instance_id}/{role_plural}"

    def _check_variable(self, entity, path, name, values, computed, requested, errors):
        path = (*path, name)
        variable = self.variables[entity.key].get(name)
        if variable is None:
            other = self.system.variables.get(name)
            roles = self.roles.get(entity.plural)
            expected = f"a variable of entity {entity.key}" + (
                f" or a role ({', '.join(roles)})" if roles else ""
            )
            if other is not None:
                errors.add(path, f"variable {name!r} belongs to entity {other.entity.key}", expected)
            else:
                errors.add(path, f"unknown variable {name[:100]!r}", expected)
            return
        if not isinstance(values, dict):
            errors.add(path, f"expected an object, got {_json_type(values)}",
                       "an object mapping periods to values, e.g. {\"2019-03\": ...}")
            return
        for period_string, value in values.items():
            period = self._check_period(variable, (*path, period_string), period_string, value, errors)
            if period is None:
                continue
            if value is None:
                computed.add((name, str(period)))
                requested.append((entity.plural, path[1], name, period_string))
            else:
                self._check_value(variable, (*path, period_string), value, errors)

    def _check_period(self, variable, path, period_string, value, errors):
        unit = variable.definition_period
        expected = PERIOD_EXPECTED.get(unit) or f"a {unit} period"
        try:
            period, stop = parse_period(period_string)
        except Exception:  # the period parser raises several exception types on garbage
            errors.add(path, f"invalid period {period_string[:40]!r}", expected)
            return None
        if unit == periods.DateUnit.ETERNITY:
            return period
        if period.unit == periods.DateUnit.ETERNITY or stop is None or stop.year > 9999:
            errors.add(path, f"period {period_string[:40]!r} does not fit {variable.name}", expected)
            return None
        if value is None:
            if period.unit != unit or period.size != 1:
                errors.add(path, f"{variable.name} is defined per {unit}, not for {period}", expected)
                return None
            if variable.formulas and period.start.date < self.start:
                errors.add(path, f"the rules cover periods from {self.start:%Y-%m}, not {period}",
                           f"{expected} from {self.start:%Y-%m}")
                return None
            return period
        if period.unit == unit and period.size == 1:
            return period
        if variable.set_input is None or period.unit not in UNIT_MONTHS or unit not in UNIT_MONTHS:
            errors.add(path, f"{variable.name} takes input per {unit}, not for {period}", expected)
            return None
        months = UNIT_MONTHS[period.unit] * period.size
        if months < UNIT_MONTHS[unit] or months % UNIT_MONTHS[unit]:
            errors.add(path, f"{period} is not made of whole {unit}s", expected)
            return None
        if months > MAX_INPUT_MONTHS:
            errors.add(path, f"{period} spans {months} months",
                       f"{expected}, or a longer period of at most {MAX_INPUT_MONTHS} months")
            return None
        return period

    def _check_value(self, variable, path, value, errors):
        value_type = variable.value_type
        if value_type is bool:
            if not isinstance(value, bool):
                errors.add(path, f"expected a boolean, got {_json_type(value)}", "true or false")
        elif value_type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                errors.add(path, f"expected an integer, got {_json_type(value)}",
                           f"an integer from {INT32[0]} to {INT32[1]}")
            elif not INT32[0] <= value <= INT32[1]:
                errors.add(path, f"{value} is out of range", f"an integer from {INT32[0]} to {INT32[1]}")
        elif value_type is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                errors.add(path, f"expected a number, got {_json_type(value)}", "a number")
            elif abs(value) > FLOAT32_MAX:
                errors.add(path, f"{value:.3g} is out of range",
                           f"a number of magnitude at most {FLOAT32_MAX:.4g}")
        elif value_type is datetime.date:
            if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
                errors.add(path, f"expected a date, got {_describe(value)}", "a date YYYY-MM-DD")
            else:
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    errors.add(path, f"{value!r} is not a calendar date", "a date YYYY-MM-DD")
                else:
                    if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
                        errors.add(path, f"{value} is out of range",
                                   f"a date from {DATE_RANGE[0]} to {DATE_RANGE[1]}")
        elif value_type is Enum:
            names = variable.possible_values.__members__
            if not isinstance(value, str) or value not in names:
                errors.add(path, f"{_describe(value)} is not a value of {variable.name}",
                           f"one of {', '.join(names)}")
        elif value_type is str:
            if not isinstance(value, str) or len(value) > MAX_STR:
                errors.add(path, f"expected a string, got {_describe(value)}",
                           f"a string of at most {MAX_STR} characters")
        else:  # pragma: no cover - the engine declares no other value type
            errors.add(path, f"{variable.name} cannot be set through the API", "no value")


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _describe(value):
    if isinstance(value, str):
        return repr(value[:40])
    return _json_type(value)
