"""YAML read with libyaml's parser where PyYAML was built with it (several times faster than the pure-Python one;
the same safe constructors, so the same values), the pure-Python parser otherwise."""

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(stream):
    """yaml.safe_load, faster: `stream` is text, bytes or an open file."""
    return yaml.load(stream, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
