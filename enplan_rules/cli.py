"""`enplan`: the command line of the engine. Each subcommand lives in its own module."""

import argparse
import importlib
import sys

# subcommand -> (module, help). Each module exposes `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = {
    "serve": ("enplan_rules.api.serve", "serve the web API (all regimes) on 127.0.0.1"),
    "check": ("enplan_rules.scenarios.cli", "check a scenario file and print a report"),
    "review": ("enplan_rules.history.cli", "review a case history: timeline, deadlines and compliance"),
    "synth": ("enplan_rules.population.synth", "write a synthetic population for the nine municipalities"),
    "compare": ("enplan_rules.population.compare", "compare the regimes over a population"),
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="enplan", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    available = {}
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # that part of the tool is not installed in this tree
            raise
        sub = subparsers.add_parser(name, help=help_text, description=module.__doc__)
        module.add_arguments(sub)
        available[name] = module
    args = parser.parse_args(argv)
    return available[args.command].run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
