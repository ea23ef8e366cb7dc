"""Memos kept on the object they are about, so that they live and die with it.

A tax-benefit system made for one request's overrides, and its variables, must not be kept alive by a cache of
the module: `on_first_argument` memoises `function(owner, *args)` in a dict stored on `owner` itself (a system or
a variable), so the memo goes when the owner goes. Every further argument must be hashable. `on_structure` memoises what depends on
a system's variables and formulas alone on the system whose variables it shares (`structure`).
"""

import functools


def on_first_argument(function):
    """Memoise `function(owner, *args)` in a dict on `owner`."""
    attribute = f"_memo_{function.__module__}_{function.__qualname__}".replace(".", "_")

    @functools.wraps(function)
    def memoised(owner, *args):
        memo = owner.__dict__.get(attribute)
        if memo is None:
            memo = owner.__dict__.setdefault(attribute, {})
        try:
            return memo[args]
        except KeyError:
            value = memo[args] = function(owner, *args)
            return value

    return memoised


def on_structure(function):
    """Memoise `function(system, *args)` on the system whose variables and formulas `system` shares: a system made
    for a request's readings or overrides (`enplan_rules.answers.readings`) differs from its base in parameter
    values only and names it as its `structure`, so what rests on the rules alone is worked out once per base."""
    memoised = on_first_argument(function)

    @functools.wraps(function)
    def on_base(system, *args):
        return memoised(system.__dict__.get("structure") or system, *args)

    return on_base
