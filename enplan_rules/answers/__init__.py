"""Answers: the typed answer model (`model`), built once by the engine path (`engine`) from a validated case —
the value or `depends`, the judgements, readings and unknown facts it rests on, its citations and receipt."""

__all__ = ["check", "check_model", "compare", "compare_model"]


def __getattr__(name):
    # The engine path is imported when first asked for: `enplan compare` reads only answers.readings.
    if name in __all__:
        from enplan_rules.answers import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
