"""Numbers as a reader expects them, in Danish or English: thousands and decimal separators, no "-0", a sign
where a difference is shown.

Danish: 1.234.567,8 (point between thousands, comma before decimals); English: 1,234,567.8. Every function
returns one string for one language; `pair` gives the (Danish, English) pair the report's cells take."""

import math

DASH = "–"


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt(value, decimals=0, lang="en", sign=False):
    """`value` rounded to `decimals`, thousands separated; `sign=True` puts + before positive values. A value that
    rounds to zero is written 0 (never -0 or -0.0)."""
    if _missing(value):
        return DASH
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    text = f"{rounded:{'+' if sign and rounded else ''},.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def pair(value, decimals=0, sign=False):
    """(Danish, English) of fmt."""
    return (fmt(value, decimals, "da", sign), fmt(value, decimals, "en", sign))


def percent(change, base, lang="en"):
    """The change in per cent of `base`, one decimal and signed ("+3.4 %"); – when there is no base."""
    if _missing(base) or _missing(change) or base == 0:
        return DASH
    return fmt(100.0 * change / base, 1, lang, sign=True) + " %"


def rate(value, citizens, lang="en", decimals=1):
    """Per 1,000 citizens."""
    if not citizens or _missing(citizens):
        return DASH
    return fmt(1000.0 * value / citizens, decimals, lang)


def decimals_for(value):
    """Decimals that show a value to about three significant figures, at most two (for rates per 1,000)."""
    size = abs(float(value)) if not _missing(value) else 0.0
    return 0 if size >= 100 or size == 0 else 1 if size >= 1 else 2
