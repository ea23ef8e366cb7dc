"""Readings and overrides as a request carries them: `R1:alternative` (API query `reading=`, CLI `--reading`) and
`trial.meeting_parity_tolerance=0.2` (API query `override=`, CLI `--override`), and their check before use."""

from enplan_rules import regimes
from enplan_rules.answers import readings as readings_module


def _error(lang, pointer, da, en, expected):
    return {"pointer": pointer, "message": da if lang == "da" else en, "expected": expected}


def parse_readings(values, lang="da"):
    """["R1:alternative", "R3"] -> {"R1": "alternative", "R3": "alternative"}; ReadingError naming the bad one."""
    readings = {}
    errors = []
    for text in values or []:
        reading_id, _, choice = str(text).partition(":")
        reading_id, choice = reading_id.strip(), (choice.strip() or readings_module.ALTERNATIVE)
        if reading_id in readings:
            errors.append(_error(lang, f"reading={text[:40]}", "samme registerpost to gange", "the same entry twice",
                                 "each register entry at most once"))
            continue
        readings[reading_id] = choice
    if errors:
        raise readings_module.ReadingError(errors)
    return readings_module.normalise_readings(readings, lang)


def parse_overrides(values, lang="da"):
    """["trial.meeting_parity_tolerance=0.2"] -> {"trial.meeting_parity_tolerance": 0.2} (true/false for booleans)."""
    overrides = {}
    for text in values or []:
        name, sep, raw = str(text).partition("=")
        if not sep:
            raise readings_module.ReadingError([_error(lang, f"override={text[:40]}", "mangler '='", "missing '='",
                                                       "name=value")])
        raw = raw.strip().lower()
        if raw in ("true", "false"):
            value = raw == "true"
        else:
            try:
                value = float(raw) if any(c in raw for c in ".e") else int(raw)
            except ValueError:
                raise readings_module.ReadingError([_error(lang, f"override={text[:40]}", "ikke et tal",
                                                           "not a number", "a number, true or false")]) from None
        if name.strip() in overrides:
            raise readings_module.ReadingError([_error(lang, f"override={text[:40]}", "samme parameter to gange",
                                                       "the same parameter twice", "each parameter at most once")])
        overrides[name.strip()] = value
    return overrides


def overrides_per_regime(overrides, regime_names, variant, lang="da"):
    """{regime: the overrides that regime has} for a run over several regimes: each override applies to every
    regime whose parameters include it (checked there like a single check's); one that no regime run has is
    refused (enplan_rules.case.CaseError), never dropped."""
    from enplan_rules.case.check import CaseError

    if not overrides:
        return {name: None for name in regime_names}
    per_regime = {}
    errors = []
    unused = set(overrides)
    for name in regime_names:
        system = regimes.load(name, variant)
        present = {key: value for key, value in overrides.items() if readings_module.has_parameter(system, key)}
        unused -= set(present)
        try:
            per_regime[name] = readings_module.normalise_overrides(present, name, variant, lang) or None
        except readings_module.ReadingError as error:
            errors.extend(item for item in error.errors if item not in errors)
    for key in sorted(unused):
        errors.append(_error(lang, f"/overrides/{key}", "ukendt parameter i de regimer, der køres",
                             "no such parameter in the regimes run",
                             "the dotted name of a parameter leaf with status unverified"))
    if errors:
        raise CaseError(errors)
    return per_regime


def prepare(readings, overrides, regime, variant, lang):
    """Check a request's readings and overrides; raise enplan_rules.case.CaseError naming the bad one."""
    from enplan_rules.case.check import CaseError

    try:
        return (readings_module.normalise_readings(readings, lang),
                readings_module.normalise_overrides(overrides, regime, variant, lang))
    except readings_module.ReadingError as error:
        raise CaseError(error.errors) from None


CHECK_QUERY_PARAMETERS = ("reading", "override")


def from_query(args, lang="da"):
    """The readings and overrides of a /check query (`reading=R1:alternative`, `override=name=value`, each
    repeatable) as keyword arguments of check(); CaseError naming the parameter when one is malformed."""
    from enplan_rules.case.check import CaseError

    try:
        readings = parse_readings(args.getlist("reading"), lang)
        overrides = parse_overrides(args.getlist("override"), lang)
    except readings_module.ReadingError as error:
        raise CaseError(error.errors) from None
    return {"readings": readings or None, "overrides": overrides or None}


def cli_options(args):
    """`enplan check --reading … --override …` as keyword arguments of check(); CaseError when malformed."""
    from enplan_rules.case.check import CaseError

    lang = getattr(args, "lang", "da")
    try:
        readings = parse_readings(getattr(args, "reading", None) or [], lang)
        overrides = parse_overrides(getattr(args, "override", None) or [], lang)
    except readings_module.ReadingError as error:
        raise CaseError(error.errors) from None
    return {"readings": readings or None, "overrides": overrides or None}
