"""A month as a reader writes it: "2019-03" as "marts 2019" in Danish, "March 2019" in English. Every layer's
messages use it (a case's validation, the answers' refusals, the pages), so none shows a reader an ISO month."""

MONTHS = (("januar", "January"), ("februar", "February"), ("marts", "March"), ("april", "April"), ("maj", "May"),
          ("juni", "June"), ("juli", "July"), ("august", "August"), ("september", "September"),
          ("oktober", "October"), ("november", "November"), ("december", "December"))


def month_words(period, lang):
    """"2019-03" as "marts 2019" / "March 2019" (the period itself when it is not a month)."""
    try:
        year, month = str(period)[:7].split("-")
        name = MONTHS[int(month) - 1][0 if lang == "da" else 1]
    except (ValueError, IndexError):
        return str(period)
    return f"{name} {year}"
