"""Memos kept on the object they are about, so that they live and die with it.

A tax-benefit system made for one request's overrides, and its variables, must not be kept alive by a cache of
the module: `on_first_argument` memoises `function(owner, *args)` in a dict stored on `owner` itself (a system or
a variable), so the memo goes when the owner goes. Every further argument must be hashable.
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
