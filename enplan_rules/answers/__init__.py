"""Answers: the typed answer model (`model`), built once by the engine path (`engine`) from a validated case —
the value or `depends`, the judgements, readings and unknown facts it rests on, its citations and receipt."""

from enplan_rules.answers.engine import check, check_model, compare, compare_model

__all__ = ["check", "check_model", "compare", "compare_model"]
