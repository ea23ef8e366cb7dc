"""`enplan`: the command line of the engine. Each subcommand lives in its own module."""

import argparse
import importlib
import sys

# subcommand -> (module, help, the extra it needs or None). Each module exposes `add_arguments(parser)` and
# `run(args) -> int`. Only the chosen subcommand's module is imported: `serve` and `check` work on an
# install without the population extra (pandas and friends).
SUBCOMMANDS = {
    "serve": ("enplan_rules.api.serve", "serve the web API (all regimes) on 127.0.0.1", None),
    "check": ("enplan_rules.scenarios.cli", "check a scenario file and print a report", None),
    "review": ("enplan_rules.history.cli", "review a case history: timeline, deadlines and compliance", None),
    "synth": ("enplan_rules.population.synth", "write a synthetic population for the nine municipalities",
              "population"),
    "compare": ("enplan_rules.population.compare", "compare the regimes over a population", "population"),
    "sources": ("enplan_rules.legal.sources_cli", "how many rules are verified against primary text, per statute",
                None),
}


# Subcommands that leave without the interpreter's clean-up once they have returned (entry()): by then they have
# closed every file they wrote, ended their worker processes and closed their Dask client, and what the clean-up
# would do (free hundreds of megabytes of arrays one by one, tear down every module) takes a tenth of a second
# of a two-second command and changes nothing on disk.
LEAVE_AT_ONCE = {"synth", "compare"}


class MissingPart(Exception):
    """The chosen subcommand cannot run on this install; the message says what to install."""


def load(name):
    """The module of subcommand `name`, or MissingPart naming the extra (or part) that is not installed."""
    module_name, _, extra = SUBCOMMANDS[name]
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if module_name == missing or module_name.startswith(missing + "."):
            raise MissingPart(f"enplan {name}: {module_name} is not part of this installation") from None
        if extra and not missing.startswith("enplan_rules"):
            raise MissingPart(
                f"enplan {name} needs the '{extra}' extra ({missing} is not installed): "
                f"pip install 'enplan_rules[{extra}]'"
            ) from None
        raise


def chosen(argv):
    """The subcommand named in `argv` (its first word that is not an option), or None."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(prog="enplan", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    command = chosen(argv)
    modules = {}
    for name, (_, help_text, _) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text)
        if name != command:
            continue
        try:
            module = load(name)
        except MissingPart as error:
            print(error, file=sys.stderr)
            return 2
        sub.description = module.__doc__
        module.add_arguments(sub)
        modules[name] = module
    args = parser.parse_args(argv)
    return modules[args.command].run(args) or 0


def entry():
    """The console script: main(), then exit with its code. After an interruption (128 + SIGINT or SIGTERM) the
    command has already ended its worker processes and left --out as it was, so it leaves at once, without the
    interpreter's clean-up: a signal that arrives while a process pool's lock or queue is in use can leave that
    clean-up waiting for ever (seen once: an interrupted panel run that printed its message and did not exit).
    The subcommands of LEAVE_AT_ONCE leave so whatever their code."""
    import os
    import signal

    argv = sys.argv[1:]
    code = main(argv)
    if code in (128 + signal.SIGINT, 128 + signal.SIGTERM) or chosen(argv) in LEAVE_AT_ONCE:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
