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
    """The parsed columns (numpy arrays over every row; enums as codes into Column.values; `person_id` and
    `family_id` as numbers 0, 1, … in order of first appearance, `ids` holding the identifiers; a panel's months
    in `month_numbers`) and every problem found."""

    values: dict
    errors: list = field(default_factory=list)  # {"line", "person_id", "field", "value", "message", "expected"}
    invalid: numpy.ndarray | None = None  # bool over rows
    line_label: str = "line"
    first_line: int = 2  # the line (or row) number of the first row
    ids: dict = field(default_factory=dict)  # {"person_id"/"family_id": the identifiers their values number}
    month_numbers: numpy.ndarray | None = None  # a panel's `month` column (not in `values`): 0 … 191 from 2015-01
    # (int16; 192: not a month in 2015–2030); None for a snapshot


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
    return _read_csv_table(path).to_pandas(strings_to_categorical=True)


def _read_csv_table(path):
    """The CSV file as an Arrow table of text (see _read_csv)."""
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
    return table


def read_table(path):
    """Read a CSV (every cell as text) or Parquet file into a DataFrame; returns (frame, line_label, first_line).
    (`enplan compare` reads a file piece by piece instead: open_source, validate_source.)"""
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


def _parse_month(series, dates=None):
    """datetime64[M]; a month YYYY-MM (or a date / timestamp column) within PANEL_MONTHS; never empty. `dates`: an
    object column holds date objects (default: whether its first cell is one)."""
    low, high = (numpy.datetime64(month, "M") for month in PANEL_MONTHS)
    if pandas.api.types.is_datetime64_any_dtype(series):
        values = series.to_numpy().astype("datetime64[M]")
        bad = numpy.isnat(values)
    else:
        if _date_objects(series) if dates is None else (dates and series.dtype == object):
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


DEFAULT_BATCH_ROWS = 1 << 20  # rows parsed at a time: the parsed columns of the whole file are held compactly


class _FrameSource:
    """A DataFrame read piece by piece (its rows count from `first_line`)."""

    def __init__(self, frame, line_label="line", first_line=2, batch_rows=None):
        self.frame, self.line_label, self.first_line = frame, line_label, first_line
        self.rows, self.names = len(frame), list(frame.columns)
        self.batch_rows = max(1, batch_rows or DEFAULT_BATCH_ROWS)

    def pieces(self):
        for start in range(0, self.rows, self.batch_rows):
            yield start, self.frame.iloc[start : start + self.batch_rows]

    def cells(self, name, rows):
        return self.frame[name].iloc[rows]

    def empty(self):
        return self.frame.iloc[0:0]


class _CsvSource(_FrameSource):
    """A CSV file (read whole as text: an Arrow table), converted to pandas piece by piece."""

    def __init__(self, path, batch_rows=None):
        self.table = _read_csv_table(path)
        self.line_label, self.first_line = "line", 2
        self.rows, self.names = self.table.num_rows, list(self.table.column_names)
        self.batch_rows = max(1, batch_rows or DEFAULT_BATCH_ROWS)

    def pieces(self):
        for start in range(0, self.rows, self.batch_rows):
            yield start, self.table.slice(start, self.batch_rows).to_pandas(strings_to_categorical=True)

    def cells(self, name, rows):
        return self.table.select([name]).take(rows).to_pandas(strings_to_categorical=True)[name]

    def empty(self):
        return self.table.slice(0, 0).to_pandas(strings_to_categorical=True)


class _ParquetSource:
    """A Parquet file read in record batches; each batch becomes the DataFrame the whole file would give for those
    rows (the file's pandas metadata applied; an integer column with an empty cell anywhere read as floats, as
    pandas reads the whole column)."""

    def __init__(self, path, batch_rows=None, widen=None):
        import pyarrow
        import pyarrow.parquet

        self.path, self.line_label, self.first_line = path, "row", 1
        self.batch_rows = max(1, batch_rows or DEFAULT_BATCH_ROWS)
        try:
            schema = pyarrow.parquet.read_schema(path)
            # text read as dictionaries: each distinct text is decoded and parsed once per piece, as a category
            text = [name for name in schema.names if pyarrow.types.is_string(schema.field(name).type)
                    or pyarrow.types.is_large_string(schema.field(name).type)]
            self.file = pyarrow.parquet.ParquetFile(path, read_dictionary=text)
            index = [name for name in (schema.pandas_metadata or {}).get("index_columns", []) if isinstance(name, str)]
            self.names = [name for name in schema.names if name not in index]
            self.rows = self.file.metadata.num_rows
            self.widen = widen if widen is not None else [
                name
                for name in schema.names
                if pyarrow.types.is_integer(schema.field(name).type) and self._has_nulls(name)
            ]
        except pyarrow.ArrowException as error:
            raise InputError(f"{path}: not a readable Parquet file ({str(error).splitlines()[0]})") from None
        self.schema = schema

    def _has_nulls(self, name):

        metadata = self.file.metadata
        position = self.file.schema_arrow.get_field_index(name)  # (a flat schema: arrow and Parquet columns alike)
        for group in range(metadata.num_row_groups):
            column = metadata.row_group(group).column(position)
            statistics = column.statistics
            if statistics is None or not statistics.has_null_count:
                return self.file.read(columns=[name]).column(name).null_count > 0
            if statistics.null_count:
                return True
        return False

    def _frame(self, table):
        import pyarrow

        for name in self.widen:
            if name in table.column_names:
                index = table.column_names.index(name)
                table = table.set_column(index, name, table.column(index).cast(pyarrow.float64()))
        return table.replace_schema_metadata(self.schema.metadata).to_pandas(date_as_object=False, strings_to_categorical=True)

    def pieces(self, groups=None, arrow=False):
        """(first row, DataFrame) of each batch (of the row groups `groups`, counting from the first's first row);
        with `arrow`, the batch as an Arrow table."""
        import pyarrow

        start = 0
        try:
            for batch in self.file.iter_batches(batch_size=self.batch_rows, row_groups=groups):
                table = pyarrow.Table.from_batches([batch])
                yield start, (table if arrow else self._frame(table))
                start += table.num_rows
        except pyarrow.ArrowException as error:
            raise InputError(f"{self.path}: not a readable Parquet file ({str(error).splitlines()[0]})") from None

    def empty(self):
        return self._frame(self.schema.empty_table())

    def cells(self, name, rows):
        """The cells of column `name` at (ascending) rows, read back from their row groups."""
        metadata = self.file.metadata
        bounds = numpy.cumsum([0] + [metadata.row_group(group).num_rows for group in range(metadata.num_row_groups)])
        groups = numpy.searchsorted(bounds, rows, side="right") - 1
        parts = []
        for group in numpy.unique(groups):
            column = self._frame(self.file.read_row_group(int(group), columns=[name]))[name]
            parts.append(column.iloc[rows[groups == group] - bounds[group]])
        return pandas.concat(parts) if len(parts) > 1 else parts[0]


def open_source(source, batch_rows=None):
    """A population source read piece by piece: a path (.csv, .csv.gz, .parquet, .pq) or a DataFrame (rows from 1)."""
    if isinstance(source, pandas.DataFrame):
        return _FrameSource(source, "row", 1, batch_rows)
    path = os.fspath(source)
    lower = path.lower()
    if lower.endswith(".parquet") or lower.endswith(".pq"):
        return _ParquetSource(path, batch_rows)
    if lower.endswith(".csv") or lower.endswith(".csv.gz"):
        return _CsvSource(path, batch_rows)
    raise InputError(f"{path}: expected a .csv or .parquet population file")


class _Identifiers:
    """Identifiers numbered 0, 1, … in order of first appearance over every piece, piece by piece as the pieces
    come (in row order): a piece's codes are final as soon as it is added."""

    def __init__(self):
        self.parts, self.count, self.index = [], 0, None

    def add(self, uniques, codes):
        """The next piece's identifiers `uniques` (numbered 0, 1, … in the piece): its `codes` are renumbered in
        place into the numbering over every piece so far (a new identifier numbered after all those before)."""
        uniques = numpy.asarray(uniques)
        if self.index is None and self.parts:
            self.index = pandas.Index(numpy.concatenate(self.parts))
        position = self.index.get_indexer(uniques) if self.index is not None else numpy.full(len(uniques), -1)
        position = position.astype(numpy.int64)
        new = position < 0
        fresh = int(new.sum())
        position[new] = self.count + numpy.arange(fresh)
        if fresh:
            self.parts.append(uniques[new])
            self.count += fresh
            self.index = None  # built again when the next piece comes
        codes[...] = position.astype(codes.dtype)[codes]

    def finish(self):
        """The distinct identifiers, in their numbering's order."""
        if not self.parts:
            return numpy.zeros(0, dtype=object)
        return numpy.concatenate(self.parts) if len(self.parts) > 1 else self.parts[0]


def validate(frame, line_label="line", first_line=2, last_month=None, batch_rows=None):
    """Parse and check every column of `frame`; return a Validation (nothing is dropped here). `last_month`
    (YYYY-MM): the last month compared — a citizen born after it is born after every month compared."""
    return validate_source(_FrameSource(frame, line_label, first_line, batch_rows), last_month)


def _parse_piece(piece, start, line_label, first_line, last_month, month_objects=None):
    """Parse and check one piece (rows `start`… of the file): {"values": parsed columns (identifiers numbered in
    the piece: "uniques" holds them), "errors", "invalid", "month": the months as numbers (_month_numbers)}."""
    spec = by_name()
    rows = len(piece)
    errors = []
    invalid = numpy.zeros(rows, dtype=bool)
    values, uniques = {}, {}
    person_ids = piece["person_id"]

    def report(bad, name, raw, message, expected):
        if not bad.any():
            return
        invalid[...] |= bad
        for index in numpy.flatnonzero(bad):
            errors.append(
                {
                    line_label: int(start + index + first_line),
                    "person_id": _cell(person_ids, index),
                    "field": name,
                    "value": raw(index),
                    "message": message,
                    "expected": expected,
                }
            )

    for column in spec.values():
        if column.name not in piece.columns:
            continue
        series = piece[column.name]
        parse, message = PARSERS[column.kind]
        if column.kind == "month":
            dates = _date_objects(series) if month_objects is None else month_objects
            parse = lambda series, column, dates=dates: _parse_month(series, dates)  # noqa: E731
        if isinstance(series.dtype, pandas.CategoricalDtype):
            # parse each distinct text once, then spread by the codes (a missing cell is the extra last category)
            categories = pandas.Series(list(series.cat.categories.astype(str)) + [""], dtype=object)
            parsed_categories, bad_categories = parse(categories, column)
            codes = series.cat.codes.to_numpy()
            codes = numpy.where(codes < 0, len(categories) - 1, codes)
            parsed = parsed_categories[codes]
            bad = bad_categories[codes] if bad_categories.any() else numpy.zeros(rows, dtype=bool)
        else:
            parsed, bad = parse(series, column)
        report(bad, column.name, lambda index, series=series: _cell(series, index), message, column.expected())
        if column.kind == "id":
            codes, uniques[column.name] = pandas.factorize(parsed)
            parsed = codes.astype(numpy.int32 if len(uniques[column.name]) < 2**31 - 1 else numpy.int64)
        values[column.name] = parsed

    if last_month is not None and "birth_date" in values:
        unborn = _born_after(values["birth_date"], last_month) & ~invalid
        report(unborn, "birth_date", lambda index, series=piece["birth_date"]: _cell(series, index),
               f"born after the months compared (the last is {last_month}): the citizen is in none of them",
               f"a date of birth in {last_month} or before, or compare later months (--to)")
    month = _month_numbers(values.pop("month")).astype(numpy.int16) if "month" in values else None
    return {"values": values, "uniques": uniques, "errors": errors, "invalid": invalid, "month": month, "rows": rows}


def _born_after(births, last_month):
    """Born in a month after `last_month` (YYYY-MM): on or after the first day of the next month (NaT: never;
    compared as days, without converting every date to its month)."""
    return births >= (numpy.datetime64(last_month, "M") + 1).astype("datetime64[D]")


def _parse_arrow(table, last_month):
    """_parse_piece's result for an Arrow table of a Parquet file's rows, read from the arrays themselves, when
    every column is of a type read so (text as a dictionary, booleans, whole numbers and dates without an empty
    whole-number cell) and every cell is valid; None otherwise (the piece is then parsed as a DataFrame, which
    names each problem: the values are the same either way)."""
    import pyarrow.types as types

    rows = table.num_rows
    values, uniques = {}, {}
    for column in by_name().values():
        if column.name not in table.column_names:
            continue
        chunks = table.column(column.name).chunks
        if len(chunks) != 1:
            return None
        array, kind = chunks[0], column.kind
        if types.is_dictionary(array.type) and (types.is_string(array.type.value_type) or types.is_large_string(array.type.value_type)):
            if kind not in ("enum", "id", "month"):
                return None
            categories = pandas.Series(array.dictionary.to_pylist() + [""], dtype=object)
            parse = PARSERS[kind][0] if kind != "month" else (lambda series, column: _parse_month(series, False))
            parsed_categories, bad_categories = parse(categories, column)
            codes = array.indices.fill_null(len(categories) - 1).to_numpy(zero_copy_only=False)
            if bad_categories.any() and bad_categories[codes].any():
                return None
            if kind == "month":  # each used month within PANEL_MONTHS (_parse_month): numbered once per category
                parsed_categories = _month_numbers(parsed_categories).astype(numpy.int16)
            parsed = parsed_categories[codes]
        elif types.is_boolean(array.type) and kind == "bool":
            parsed = array.fill_null(column.default).to_numpy(zero_copy_only=False).astype(bool)
        elif types.is_integer(array.type) and kind in ("int", "id") and not array.null_count:
            parsed = array.to_numpy(zero_copy_only=False)
            if kind == "int":
                if (column.minimum is not None and (parsed < column.minimum).any()) or (
                    column.maximum is not None and (parsed > column.maximum).any()
                ):
                    return None
                parsed = parsed.astype(numpy.int32)
        elif types.is_date32(array.type) and kind == "date":
            parsed = array.to_numpy(zero_copy_only=False).astype("datetime64[D]")
        else:
            return None
        if kind == "id":
            codes, uniques[column.name] = pandas.factorize(parsed)
            parsed = codes.astype(numpy.int32 if len(uniques[column.name]) < 2**31 - 1 else numpy.int64)
        values[column.name] = parsed
    if last_month is not None and "birth_date" in values:
        if _born_after(values["birth_date"], last_month).any():
            return None
    month = values.pop("month", None)  # (numbered already)
    return {"values": values, "uniques": uniques, "errors": [], "invalid": numpy.zeros(rows, dtype=bool), "month": month,
            "rows": rows}


def _parse_table(source, table, start, last_month):
    """A piece of a Parquet file (an Arrow table) parsed: from the arrays where they are all valid, else as a
    DataFrame (_parse_piece)."""
    parsed = _parse_arrow(table, last_month) if not source.widen else None
    if parsed is None:
        parsed = _parse_piece(source._frame(table), start, source.line_label, source.first_line, last_month)
    return parsed


def _parse_row_group(path, batch_rows, widen, group, start, line_label, first_line, last_month, arena=None):
    """In a worker: the pieces of one row group of a Parquet file, parsed (_parse_piece), each with its start.
    `arena`: the token of an Arena this process shares with the command (made before it was forked): the parsed
    columns are written there, and the piece says so ("in_arena") instead of holding them."""
    source = _ParquetSource(path, batch_rows, widen)
    shared = _ARENAS.get(arena) if arena is not None else None
    result = []
    for offset, table in source.pieces(groups=[group], arrow=True):
        parsed = _parse_table(source, table, start + offset, last_month)
        if shared is not None and shared.holds(parsed):
            shared.put(start + offset, parsed)
        result.append((start + offset, parsed))
    return result


_ARENAS = {}  # {token: Arena} of this process (a forked worker has its parent's, in the same shared memory)


def _shared_array(dtype, rows):
    """An array of `rows` zeros in anonymous shared memory: the processes forked after it is made see (and make)
    the same values."""
    import mmap

    dtype = numpy.dtype(dtype)
    return numpy.frombuffer(mmap.mmap(-1, max(1, rows * dtype.itemsize)), dtype=dtype, count=rows)


class Arena:
    """The parsed columns of a file (as validate_source holds them: every row), in memory shared with the worker
    processes forked after it is made (compare.start_pool). The workers that parse a Parquet file's row groups
    write their columns here, and the workers that compute a panel's months read their rows here: the rows are
    not sent between the processes. Made from an open source (its rows and column names); `close` forgets it."""

    KIND_TYPES = {"enum": numpy.int16, "bool": numpy.bool_, "int": numpy.int32, "date": "datetime64[D]"}

    def __init__(self, source):
        rows = source.rows
        id_type = numpy.int32 if rows < 2**31 - 1 else numpy.int64
        self.token = f"{os.getpid()}:{id(self)}"
        self.rows = rows
        self.values = {
            column.name: _shared_array(id_type if column.kind == "id" else self.KIND_TYPES[column.kind], rows)
            for column in by_name().values()
            if column.name in source.names and column.kind != "month"
        }  # in the order a piece's columns are parsed (_parse_piece)
        self.month = _shared_array(numpy.int16, rows) if "month" in source.names else None
        _ARENAS[self.token] = self

    def holds(self, parsed):
        """Whether a parsed piece's columns are all columns of the arena."""
        return set(parsed["values"]) <= set(self.values) and (parsed["month"] is None or self.month is not None)

    def put(self, start, parsed):
        """Write a parsed piece (rows `start`…) into the arena, and drop its columns from it (parsed["in_arena"])."""
        stop = start + parsed["rows"]
        for name, column in parsed["values"].items():
            self.values[name][start:stop] = column
        if parsed["month"] is not None:
            self.month[start:stop] = parsed["month"]
            parsed["month"] = True
        parsed["values"] = dict.fromkeys(parsed["values"])
        parsed["in_arena"] = True

    def release(self):
        """Let go of the columns (their memory is returned once no array of them is left)."""
        self.values, self.month = {}, None

    def close(self):
        self.release()
        _ARENAS.pop(self.token, None)


def _parsed_pieces(source, last_month, pool, arena=None):
    """(start, parsed piece) over the whole source, in row order; with a process pool, a Parquet file's row groups
    (up to twice `batch_rows` rows each) are parsed in the workers, two at a time per worker."""
    line_label, first_line = source.line_label, source.first_line
    if not source.rows:  # no piece: the columns are parsed empty
        yield 0, _parse_piece(source.empty(), 0, line_label, first_line, last_month)
        return
    if isinstance(source, _ParquetSource) and pool is None:
        for start, table in source.pieces(arrow=True):
            yield start, _parse_table(source, table, start, last_month)
        return
    if pool is None or not isinstance(source, _ParquetSource):
        month_objects = None
        for start, piece in source.pieces():
            if month_objects is None and "month" in piece.columns:
                month_objects = _date_objects(piece["month"])  # decided by the first cell, as for the whole column
            yield start, _parse_piece(piece, start, line_label, first_line, last_month, month_objects)
        return
    from collections import deque

    metadata = source.file.metadata
    sizes = [metadata.row_group(group).num_rows for group in range(metadata.num_row_groups)]
    starts = numpy.r_[0, numpy.cumsum(sizes)].astype(int)
    queue = deque()
    workers = max(1, getattr(pool, "_max_workers", 2))
    group = 0
    while group < len(sizes) or queue:
        while group < len(sizes) and len(queue) < 2 * workers:
            if sizes[group] <= 2 * source.batch_rows:
                future = pool.submit(_parse_row_group, source.path, source.batch_rows, source.widen, group,
                                     int(starts[group]), line_label, first_line, last_month,
                                     arena.token if arena is not None else None)
            else:  # a large row group: parsed here, piece by piece
                future = group
            queue.append(future)
            group += 1
        head = queue.popleft()
        if isinstance(head, int):
            for offset, table in source.pieces(groups=[head], arrow=True):
                yield int(starts[head]) + offset, _parse_table(source, table, int(starts[head]) + offset, last_month)
        else:
            yield from head.result()


def validate_source(source, last_month=None, pool=None, arena=None, on_piece=None):
    """Parse and check a population source (open_source) piece by piece; return a Validation whose values are
    compact arrays over every row: enums as codes into Column.values, `person_id` and `family_id` as numbers
    (Validation.ids: the identifiers they number). Every problem is reported as `validate` reports it; the rows
    that contradict other rows (a citizen twice, a third parent) are found over all pieces. `pool`: worker
    processes (compare.start_pool) that parse a Parquet file's row groups. `arena`: an Arena made of this source
    before the pool was started: the columns are parsed into it (the Validation's values are its arrays).
    `on_piece(start, stop, invalid)`: called after each piece, in row order, once its columns (identifiers
    numbered as over the whole file) are in place; `invalid`: the piece's rows with a bad cell."""
    spec = by_name()
    unknown = [name for name in source.names if name not in spec]
    if unknown:
        raise ColumnError([f"unknown column {name!r} (known: {', '.join(spec)})" for name in unknown])
    missing = [column.name for column in spec.values() if column.required and column.name not in source.names]
    if missing:
        raise ColumnError([f"required column {name!r} is missing" for name in missing])
    rows, line_label, first_line = source.rows, source.line_label, source.first_line
    errors = []
    invalid = numpy.zeros(rows, dtype=bool)
    values = {}
    id_type = numpy.int32 if rows < 2**31 - 1 else numpy.int64
    identifiers = {"person_id": _Identifiers(), "family_id": _Identifiers()}
    month_numbers = None
    if arena is not None and not rows:
        arena = None
    for start, parsed in _parsed_pieces(source, last_month, pool, arena):
        stop = start + parsed["rows"]
        errors.extend(parsed["errors"])
        invalid[start:stop] = parsed["invalid"]
        if arena is not None and not parsed.get("in_arena") and arena.holds(parsed):
            arena.put(start, parsed)  # a piece parsed here
        if parsed.get("in_arena"):
            for name in parsed["values"]:
                values.setdefault(name, arena.values[name])
            if parsed["month"] is not None:
                month_numbers = arena.month
        else:
            for name, column in parsed["values"].items():
                if name not in values:
                    values[name] = numpy.empty(rows, dtype=id_type if name in identifiers else column.dtype)
                values[name][start:stop] = column
            if parsed["month"] is not None:
                if month_numbers is None:
                    month_numbers = numpy.empty(rows, dtype=numpy.int16)
                month_numbers[start:stop] = parsed["month"]
        for name in identifiers:
            if name in parsed["values"]:
                identifiers[name].add(parsed["uniques"][name], values[name][start:stop])
        if on_piece is not None:
            on_piece(start, stop, invalid[start:stop])
        del parsed

    if isinstance(source, _ParquetSource):
        import pyarrow

        pyarrow.default_memory_pool().release_unused()  # the batches read here: back to the system
    ids = {name: identifiers[name].finish() for name in identifiers}

    def report_rows(bad, name, raw, message, expected):
        """A problem of rows found over the whole file (their cells are read back from the source)."""
        if not bad.any():
            return
        invalid[bad] = True
        flagged = numpy.flatnonzero(bad)
        person_ids = source.cells("person_id", flagged)
        shown = raw(flagged)
        for place, index in enumerate(flagged):
            errors.append(
                {
                    line_label: int(index + first_line),
                    "person_id": _cell(person_ids, place),
                    "field": name,
                    "value": shown[place],
                    "message": message,
                    "expected": expected,
                }
            )

    def month_cells(flagged):
        return source.cells("month", flagged)

    # Rows that contradict other rows: a person listed twice (in a panel: twice in one month), a family with more
    # than two parents (in a panel: in one month). Found on numbers: (citizen or family) × the months present.
    panel = month_numbers is not None
    if panel:
        present = numpy.flatnonzero(numpy.bincount(month_numbers, minlength=MONTH_SPAN))
        dense = numpy.zeros(MONTH_SPAN, dtype=numpy.int16)
        dense[present] = numpy.arange(len(present))
        edges = numpy.r_[0, numpy.flatnonzero(month_numbers[1:] != month_numbers[:-1]) + 1, rows]
        if len(edges) - 1 == len(present):  # each month's rows one run (a file in month order): month by month
            month_number, span = None, len(present)
            duplicate = _preceded_in_runs(values["person_id"], len(ids["person_id"]), 1, edges)
        else:
            month_number, span = dense[month_numbers], len(present)  # the months present, numbered 0, 1, …
            duplicate = _preceded(_key(values["person_id"], span, month_number), len(ids["person_id"]) * span, 1)
        duplicate &= ~invalid

        def shown(flagged):
            people, months = source.cells("person_id", flagged), month_cells(flagged)
            return [f"{_cell(people, place)} in {_cell(months, place)}" for place in range(len(flagged))]

        report_rows(
            duplicate,
            "month",
            shown,
            "the citizen already has a row for this month on an earlier line (a citizen's months must not overlap)",
            "one row per citizen and month",
        )
    else:
        month_number, span = None, 1
        duplicate = _preceded(values["person_id"], len(ids["person_id"]), 1) & ~invalid

        def shown(flagged):
            people = source.cells("person_id", flagged)
            return [_cell(people, place) for place in range(len(flagged))]

        report_rows(duplicate, "person_id", shown, "the same person_id appears on an earlier row", "each person once")
    del duplicate
    role = values.get("role")
    parents = numpy.flatnonzero(((role == 0) if role is not None else True) & ~invalid)
    too_many = numpy.zeros(rows, dtype=bool)
    if panel and month_number is None:  # each month's rows one run
        third = _preceded_in_runs(values["family_id"][parents], len(ids["family_id"]), 2, numpy.searchsorted(parents, edges))
    else:
        group = _key(values["family_id"][parents], span, month_number[parents] if panel else None)
        third = _preceded(group, len(ids["family_id"]) * span, 2)
        del group
    too_many[parents[third]] = True  # a third (or later) parent
    del third
    del parents, month_number
    families = ids["family_id"]

    def shown_family(flagged):
        months = month_cells(flagged) if panel else None
        return [
            f"parent in family {families[values['family_id'][index]]}" + (f" in {_cell(months, place)}" if panel else "")
            for place, index in enumerate(flagged)
        ]

    report_rows(
        too_many,
        "role",
        shown_family,
        "the family already has two parents on earlier rows" + (" in this month" if panel else "") + " (a family has at most two)",
        "at most two parents per family" + (" and month" if panel else ""),
    )
    errors.sort(key=lambda error: (error[line_label], error["field"]))
    return Validation(values=values, errors=errors, invalid=invalid, line_label=line_label, first_line=first_line, ids=ids,
                      month_numbers=month_numbers)


def _key(codes, span, month):
    """codes × span + month (int32 where it fits)."""
    if month is None:
        return codes
    key = codes.astype(numpy.int32 if (int(codes.max(initial=0)) + 1) * span < 2**31 else numpy.int64)
    key *= span
    key += month
    return key


def _preceded_in_runs(codes, size, count, edges):
    """_preceded of each run of rows (codes[edges[i]:edges[i + 1]]) on its own: where each run holds one month's
    rows, the same as _preceded of the keys code × months + month, without keys for every month."""
    result = numpy.zeros(len(codes), dtype=bool)
    for start, stop in zip(edges[:-1], edges[1:], strict=True):
        if stop > start:
            result[start:stop] = _preceded(codes[start:stop], size, count)
    return result


def _preceded(key, size, count):
    """Whether `count` or more earlier rows have each row's key (keys 0 … size-1): counted, and only the rows of
    keys that repeat more often are ranked."""
    if size <= 4 * len(key) + 4096:
        counts = numpy.bincount(key, minlength=size)
        step = 1 << 20
        suspect = numpy.concatenate(
            [numpy.flatnonzero(counts[key[at : at + step]] > count) + at for at in range(0, len(key), step)] or [[]]
        ).astype(numpy.int64)
        del counts
    else:
        suspect = numpy.arange(len(key))
    result = numpy.zeros(len(key), dtype=bool)
    if len(suspect):
        repeated = pandas.Series(key[suspect])
        result[suspect] = repeated.groupby(repeated.to_numpy(), sort=False).cumcount().to_numpy() >= count
    return result


MONTH_SPAN = 12 * 16 + 1  # the months 2015-01 … 2030-12, and one number for a month not read


def _month_numbers(months):
    """Each row's month as 0 … 191 from 2015-01 (192: not a month in 2015–2030)."""
    numbers = (months - numpy.datetime64(PANEL_MONTHS[0], "M")).astype(numpy.int64)
    outside = numpy.isnat(months) | (numbers < 0) | (numbers >= MONTH_SPAN - 1)
    numbers[outside] = MONTH_SPAN - 1
    return numbers


def _date_objects(series):
    return bool(series.dtype == object and len(series) and hasattr(series.iloc[0], "year") and not isinstance(series.iloc[0], str))


class ColumnError(ValueError):
    """The file's columns themselves are wrong (unknown or missing): no row can be read."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages
