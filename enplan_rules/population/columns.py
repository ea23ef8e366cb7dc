"""The columns of a population file, read from the case document schema, and their row-by-row validation.

A population file has one row per citizen: `person_id`, `family_id`, `role` (parent or child), `municipality`
and the person facts of `enplan_rules/case/case.schema.json` under the same names. Every check is vectorised;
every failed check is reported with its line (CSV, header = line 1) or row (Parquet, first row = 1) and field.
"""

import json
import os
from dataclasses import dataclass, field

import numpy
import pandas

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "case", "case.schema.json")
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"

# Columns the engine reads for all time (ETERNITY); the others are given for every month compared.
ETERNAL = ("birth_date", "en_plan_start_date")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "id", "enum", "bool", "int", "date"
    required: bool = False
    values: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    description: str = ""
    default: bool = False  # a bool column's value where the cell is empty: the engine's default for the fact

    def expected(self):
        if self.kind == "id":
            return "an identifier of 1–64 letters, digits, '_' or '-'"
        if self.kind == "enum":
            return "one of " + ", ".join(self.values)
        if self.kind == "bool":
            return f"true or false (also 1/0, yes/no); empty = {'true' if self.default else 'false'}"
        if self.kind == "int":
            return f"a whole number from {self.minimum} to {self.maximum}; empty = 0"
        if self.kind == "month":
            return f"a month YYYY-MM from {PANEL_MONTHS[0]} to {PANEL_MONTHS[1]}"
        return "a date YYYY-MM-DD; empty = not recorded"


def _schema():
    with open(SCHEMA_PATH, encoding="utf-8") as file:
        return json.load(file)


def columns():
    """Every column a population file may have, in file order, derived from the case document schema."""
    schema = _schema()
    person = schema["properties"]["persons"]["items"]["properties"]
    result = [
        Column("person_id", "id", required=True, description="The citizen (no names, no CPR numbers)"),
        Column("family_id", "id", required=True, description="The family (household) the citizen belongs to"),
        Column(
            "month",
            "month",
            description="Panel files only: the month (YYYY-MM) in which this row's facts hold; a citizen has at most one "
            "row per month. Without the column the file is a snapshot: each row holds in every month compared",
        ),
        Column("role", "enum", values=tuple(person["role"]["enum"]), description=person["role"]["description"]),
        Column(
            "municipality",
            "enum",
            required=True,
            values=tuple(schema["properties"]["municipality"]["enum"]),
            description=schema["properties"]["municipality"]["description"],
        ),
    ]
    for name, spec in person.items():
        if name in ("id", "role"):
            continue
        description = spec.get("description", "")
        kind = [t for t in spec["type"] if t != "null"][0] if isinstance(spec.get("type"), list) else spec.get("type")
        if "enum" in spec:  # a case document may give null (unknown); a population row gives a value
            result.append(Column(name, "enum", values=tuple(v for v in spec["enum"] if v is not None), description=description))
        elif kind == "boolean":
            result.append(Column(name, "bool", description=description, default=_engine_default(name)))
        elif spec.get("type") == "integer":
            result.append(
                Column(name, "int", minimum=spec.get("minimum", 0), maximum=spec.get("maximum"), description=description)
            )
        elif spec.get("format") == "date":
            result.append(Column(name, "date", description=description))
        else:
            raise ValueError(f"case.schema.json: person field {name!r} has a type the population tools cannot read")
    return result


def _engine_default(name):
    """The engine's value for a fact not given (a case document omitting it), so that an empty cell means the same:
    e.g. `municipality_offers_holistic_plan` and `municipality_uses_exemption_*` default to true."""
    from enplan_rules import regimes

    variable = regimes.load("sector_law").variables.get(name)
    return bool(variable.default_value) if variable is not None else False


def by_name():
    return {column.name: column for column in columns()}


@dataclass
class Validation:
    """The parsed columns (numpy arrays; enums as codes into Column.values) and every problem found."""

    values: dict
    errors: list = field(default_factory=list)  # {"line", "person_id", "field", "value", "message", "expected"}
    invalid: numpy.ndarray | None = None  # bool over rows
    line_label: str = "line"
    lines: numpy.ndarray | None = None


class InputError(ValueError):
    """The population file cannot be read as a table (one line, naming the file and, where known, the line)."""


def _decoded_csv(path):
    """The CSV file's bytes, checked to be UTF-8 (an undecodable byte is reported with its line)."""
    if path.lower().endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as file:
            data = file.read()
    else:
        with open(path, "rb") as file:
            data = file.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{path}: line {line}: byte 0x{data[error.start]:02x} is not UTF-8 text (save the file as UTF-8)"
        ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark
    return data


def _read_csv(path):
    """Every cell as text; a row with more or fewer fields than the header is an error naming its line."""
    import pyarrow
    import pyarrow.csv

    data = _decoded_csv(path)
    if not data.strip():
        raise InputError(f"{path}: the file is empty (expected a header line and one row per citizen)")
    header = pyarrow.csv.read_csv(
        pyarrow.BufferReader(data.split(b"\n", 1)[0] + b"\n"), read_options=pyarrow.csv.ReadOptions(use_threads=False)
    ).column_names
    ragged = []

    def invalid_row(row):
        ragged.append(row)
        return "skip"

    try:
        table = pyarrow.csv.read_csv(
            pyarrow.BufferReader(data),
            read_options=pyarrow.csv.ReadOptions(use_threads=False),
            parse_options=pyarrow.csv.ParseOptions(invalid_row_handler=invalid_row),
            convert_options=pyarrow.csv.ConvertOptions(
                column_types={name: pyarrow.string() for name in header}, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except pyarrow.ArrowInvalid as error:
        raise InputError(f"{path}: not a readable CSV file ({str(error).splitlines()[0]})") from None
    if ragged:
        first = ragged[0]
        more = ", ".join(str(row.number) for row in ragged[1:6]) + (", …" if len(ragged) > 6 else "")
        raise InputError(
            f"{path}: line {first.number} has {first.actual_columns} field(s), the header has {first.expected_columns}"
            + (f"; {len(ragged) - 1} more such line(s): {more}" if len(ragged) > 1 else "")
            + "; nothing was compared"
        )
    return table.to_pandas(strings_to_categorical=True)


def read_table(path):
    """Read a CSV (every cell as text) or Parquet file into a DataFrame; returns (frame, line_label, first_line)."""
    lower = path.lower()
    if lower.endswith(".parquet") or lower.endswith(".pq"):
        import pyarrow
        import pyarrow.parquet

        try:
            # text as categories: a panel repeats each value on many rows (memory; parsed once per category)
            return pyarrow.parquet.read_table(path).to_pandas(date_as_object=False, strings_to_categorical=True), "row", 1
        except pyarrow.ArrowException as error:
            raise InputError(f"{path}: not a readable Parquet file ({str(error).splitlines()[0]})") from None
    if lower.endswith(".csv") or lower.endswith(".csv.gz"):
        return _read_csv(path), "line", 2
    raise InputError(f"{path}: expected a .csv or .parquet population file")


MISSING_TEXT = ("", "nan", "NaN", "NaT", "None", "<NA>")


def _strings(series):
    """The column as stripped text (a pandas string Series); missing values as ''."""
    if not pandas.api.types.is_string_dtype(series):
        series = series.astype(object).where(series.notna(), "").astype(str)
    return series.fillna("").str.strip()


def _missing(text):
    return text.isin(MISSING_TEXT).to_numpy(dtype=bool)


def _parse_bool(series, default=False):
    """Booleans; an empty cell is `default` (the engine's value for a fact not given)."""
    if pandas.api.types.is_bool_dtype(series):
        values = series.fillna(default).to_numpy(dtype=bool)
        return values, numpy.zeros(len(values), dtype=bool)
    if pandas.api.types.is_numeric_dtype(series):
        numbers = series.to_numpy(dtype=float, na_value=float(default))
        return numbers == 1, ~numpy.isin(numbers, [0.0, 1.0])
    text = _strings(series).str.lower()
    missing = _missing(text)
    true = text.isin(["true", "1", "yes", "1.0"]).to_numpy(dtype=bool) | (missing & default)
    false = text.isin(["false", "0", "no", "0.0"]).to_numpy(dtype=bool) | (missing & (not default))
    return true, ~(true | false)


def _parse_enum(series, column):
    text = _strings(series)
    empty = _missing(text)
    codes = pandas.Index(list(column.values)).get_indexer(text).astype(numpy.int16)
    bad = (codes < 0) & ~empty
    if column.required:
        bad |= empty
    codes[codes < 0] = 0  # empty: the first value is the default (none / parent)
    return codes, bad


def _parse_int(series, column):
    if pandas.api.types.is_integer_dtype(series) or pandas.api.types.is_float_dtype(series):
        numbers = series.to_numpy(dtype=float, na_value=0.0)
    else:
        text = _strings(series)
        text = text.where(~_missing(text), "0")
        numbers = pandas.to_numeric(text, errors="coerce").to_numpy(dtype=float)
    bad = numpy.isnan(numbers) | (numbers != numpy.round(numbers))
    if column.minimum is not None:
        bad |= numbers < column.minimum
    if column.maximum is not None:
        bad |= numbers > column.maximum
    return numpy.where(bad, 0, numbers).astype(numpy.int32), bad


def _parse_date(series):
    """datetime64[D]; missing as NaT (the engine's default is used)."""
    if pandas.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy().astype("datetime64[D]")
        return values, numpy.zeros(len(values), dtype=bool)
    text = _strings(series)
    empty = _missing(text)
    well_formed = text.str.fullmatch(DATE_PATTERN).to_numpy(dtype=bool)
    parsed = pandas.to_datetime(text.where(well_formed, None), format="%Y-%m-%d", errors="coerce")
    bad = ~empty & (~well_formed | parsed.isna().to_numpy())
    return parsed.to_numpy().astype("datetime64[D]"), bad


def _parse_id(series):
    """Identifiers as they are (ints stay ints); bad where empty or not matching the pattern."""
    if pandas.api.types.is_integer_dtype(series):
        values = series.to_numpy()
        return values, numpy.zeros(len(values), dtype=bool)
    if pandas.api.types.is_float_dtype(series):
        numbers = series.to_numpy(dtype=float, na_value=numpy.nan)
        bad = numpy.isnan(numbers) | (numbers != numpy.round(numbers))
        return numpy.where(bad, -1, numbers).astype(numpy.int64), bad
    text = _strings(series)
    ok = text.str.fullmatch(ID_PATTERN).to_numpy(dtype=bool)
    return text.to_numpy(dtype=object), ~ok


def _parse_month(series):
    """datetime64[M]; a month YYYY-MM (or a date / timestamp column) within PANEL_MONTHS; never empty."""
    low, high = (numpy.datetime64(month, "M") for month in PANEL_MONTHS)
    if pandas.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy().astype("datetime64[M]")
        bad = numpy.isnat(values)
    else:
        if series.dtype == object and len(series) and hasattr(series.iloc[0], "year") and not isinstance(series.iloc[0], str):
            series = series.map(lambda value: value.strftime("%Y-%m") if hasattr(value, "strftime") else value)
        text = _strings(series)
        well_formed = text.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").to_numpy(dtype=bool)
        values = numpy.full(len(text), numpy.datetime64("NaT"), dtype="datetime64[M]")
        values[well_formed] = text[well_formed].to_numpy(dtype=str).astype("datetime64[M]")
        bad = ~well_formed
    bad |= ~bad & ((values < low) | (values > high))
    return values, bad


PANEL_MONTHS = ("2015-01", "2030-12")
DATE_PATTERN = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
PARSERS = {
    "id": (lambda series, column: _parse_id(series), "empty or not a valid identifier"),
    "enum": (_parse_enum, "not one of the allowed values"),
    "bool": (lambda series, column: _parse_bool(series, column.default), "not a boolean"),
    "int": (_parse_int, "not a whole number in range"),
    "date": (lambda series, column: _parse_date(series), "not a valid date"),
    "month": (lambda series, column: _parse_month(series), "not a month in 2015–2030"),
}


def _cell(series, index):
    value = series.iloc[index]
    return "" if value is None or (isinstance(value, float) and numpy.isnan(value)) else str(value)


def validate(frame, line_label="line", first_line=2, last_month=None):
    """Parse and check every column of `frame`; return a Validation (nothing is dropped here). `last_month`
    (YYYY-MM): the last month compared — a citizen born after it is born after every month compared."""
    spec = by_name()
    unknown = [name for name in frame.columns if name not in spec]
    if unknown:
        raise ColumnError([f"unknown column {name!r} (known: {', '.join(spec)})" for name in unknown])
    missing = [column.name for column in spec.values() if column.required and column.name not in frame.columns]
    if missing:
        raise ColumnError([f"required column {name!r} is missing" for name in missing])
    rows = len(frame)
    lines = numpy.arange(rows) + first_line
    errors = []
    invalid = numpy.zeros(rows, dtype=bool)
    values = {}
    person_ids = frame["person_id"]

    def report(bad, name, raw, message, expected):
        nonlocal invalid
        if not bad.any():
            return
        invalid |= bad
        for index in numpy.flatnonzero(bad):
            errors.append(
                {
                    line_label: int(lines[index]),
                    "person_id": _cell(person_ids, index),
                    "field": name,
                    "value": raw(index),
                    "message": message,
                    "expected": expected,
                }
            )

    for column in spec.values():
        if column.name not in frame.columns:
            continue
        series = frame[column.name]
        parse, message = PARSERS[column.kind]
        if isinstance(series.dtype, pandas.CategoricalDtype):
            # parse each distinct text once, then spread by the codes (a missing cell is the extra last category)
            categories = pandas.Series(list(series.cat.categories.astype(str)) + [""], dtype=object)
            parsed_categories, bad_categories = parse(categories, column)
            codes = series.cat.codes.to_numpy()
            codes = numpy.where(codes < 0, len(categories) - 1, codes)
            parsed, bad = parsed_categories[codes], bad_categories[codes]
        else:
            parsed, bad = parse(series, column)
        report(bad, column.name, lambda index, series=series: _cell(series, index), message, column.expected())
        values[column.name] = parsed

    if last_month is not None and "birth_date" in values:
        births = values["birth_date"].astype("datetime64[M]")
        unborn = ~numpy.isnat(births) & (births > numpy.datetime64(last_month, "M")) & ~invalid
        report(unborn, "birth_date", lambda index: _cell(frame["birth_date"], index),
               f"born after the months compared (the last is {last_month}): the citizen is in none of them",
               f"a date of birth in {last_month} or before, or compare later months (--to)")

    # Rows that contradict other rows: a person listed twice (in a panel: twice in one month), a family with more
    # than two parents (in a panel: in one month).
    panel = "month" in values
    ids = pandas.Series(values["person_id"])
    if panel:
        month_codes = values["month"].astype("int64")
        duplicate = pandas.DataFrame({"id": ids, "month": month_codes}).duplicated(keep="first").to_numpy() & ~invalid
        report(
            duplicate,
            "month",
            lambda index: f"{_cell(person_ids, index)} in {_cell(frame['month'], index)}",
            "the citizen already has a row for this month on an earlier line (a citizen's months must not overlap)",
            "one row per citizen and month",
        )
    else:
        duplicate = ids.duplicated(keep="first").to_numpy() & ~invalid
        report(
            duplicate,
            "person_id",
            lambda index: _cell(person_ids, index),
            "the same person_id appears on an earlier row",
            "each person once",
        )
    role = values.get("role", numpy.zeros(rows, dtype=numpy.int16))
    is_parent = (role == 0) & ~invalid
    family = pandas.Series(values["family_id"])
    group = [family.to_numpy(), values["month"].astype("int64")] if panel else family.to_numpy()
    parent_rank = pandas.Series(is_parent.astype(numpy.int32)).groupby(group).cumsum().to_numpy()
    too_many = is_parent & (parent_rank > 2)
    report(
        too_many,
        "role",
        lambda index: f"parent in family {family.iloc[index]}" + (f" in {_cell(frame['month'], index)}" if panel else ""),
        "the family already has two parents on earlier rows" + (" in this month" if panel else "") + " (a family has at most two)",
        "at most two parents per family" + (" and month" if panel else ""),
    )
    errors.sort(key=lambda error: (error[line_label], error["field"]))
    return Validation(values=values, errors=errors, invalid=invalid, line_label=line_label, lines=lines)


class ColumnError(ValueError):
    """The file's columns themselves are wrong (unknown or missing): no row can be read."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages
