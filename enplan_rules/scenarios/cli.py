"""Check scenario files and print a report per question: the answer, the paragraphs with links, the reasoning,
the contested readings and unverified values, and the provenance receipt.

Exit status: 0 when every expectation (`expect:`) is met, 1 when one is not, 2 when a scenario is invalid
(one line per error: file:line: field: message). Give files or folders: a folder is a regression suite.
"""

import json
import os
import sys

from enplan_rules import regimes
from enplan_rules.answers import request as contingent_request
from enplan_rules.case import CaseError
from enplan_rules.labels import LANGS, text
from enplan_rules.scenarios import ScenarioError, find, format_error, load
from enplan_rules.scenarios import run as run_scenario
from enplan_rules.scenarios.report import as_json, render

EXIT_OK, EXIT_UNMET, EXIT_INVALID = 0, 1, 2


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", metavar="SCENARIO",
                        help="scenario files (.yaml) or folders of them")
    parser.add_argument("--regime", choices=(*regimes.NAMES, "all"), default=None,
                        help="the regime to report (default: the scenario's `regime:`, else trial); "
                             "all: the three regimes side by side")
    parser.add_argument("--lang", choices=LANGS, default="da", help="language of the report (default da)")
    parser.add_argument("--one-plan-law-variant", choices=regimes.VARIANTS, default=None, dest="variant",
                        help="the text of the One Plan law (default: the scenario's `one_plan_law_variant:`, "
                             "else enacted)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text", dest="fmt",
                        help="report format (default text)")
    parser.add_argument("--reading", action="append", default=[], metavar="ID[:alternative|engine]",
                        help="answer under a register entry's alternative reading (repeatable), e.g. R1:alternative")
    parser.add_argument("--override", action="append", default=[], metavar="PARAMETER=VALUE",
                        help="set an unverified parameter for this run (repeatable), e.g. trial.meeting_parity_tolerance=0.2")
    detail = parser.add_mutually_exclusive_group()
    detail.add_argument("--summary", action="store_true",
                        help="one line per scenario (the default when several are checked)")
    detail.add_argument("--full", action="store_true", help="the full report even for several scenarios")


def _display(path):
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def run(args, out=None, err=None):
    out = out or sys.stdout
    err = err or sys.stderr
    paths = find(args.paths)
    if not paths:
        print(f"enplan check: {'ingen scenariefiler i' if args.lang == 'da' else 'no scenario files in'} "
              f"{' '.join(args.paths)}", file=err)
        return EXIT_INVALID
    full = args.full or (not args.summary and len(paths) == 1)
    reports = []
    summary = []
    status = EXIT_OK
    for path in paths:
        shown = _display(path)
        try:
            scenario = load(path, args.lang, shown)
        except ScenarioError as exc:
            for error in exc.errors:
                print(format_error(error, args.lang), file=err)
            if args.fmt == "json":
                reports.append({"file": shown, "status": "invalid", "errors": exc.errors})
            summary.append((text("invalid", args.lang), shown, format_error(exc.errors[0], args.lang)))
            status = EXIT_INVALID
            continue
        try:
            outcome = run_scenario(scenario, args.regime, args.lang, args.variant,
                                   **contingent_request.cli_options(args))
        except CaseError as exc:
            print(f"{shown}: {exc}", file=err)
            status = EXIT_INVALID
            continue
        unmet = [o for o in outcome["outcomes"] if not o["met"]]
        if unmet and status == EXIT_OK:
            status = EXIT_UNMET
        if args.fmt == "json":
            reports.append(as_json(scenario, outcome))
        elif full:
            reports.append(render(scenario, outcome, args.lang, args.fmt))
        met = len(outcome["outcomes"]) - len(unmet)
        label = text("failed" if unmet else "ok", args.lang)
        detail = f"{met}/{len(outcome['outcomes'])} {text('expectations', args.lang).lower()} {text('met', args.lang)}"
        summary.append((label, shown, detail + (f" — {scenario.title}" if scenario.title else "")))
        if unmet and not full and args.fmt != "json":
            from enplan_rules.scenarios.expect import describe

            for o in unmet:
                line = f":{o['line']}" if o.get("line") else ""
                summary.append(("", f"  {shown}{line}", describe(o, args.lang)))
    if args.fmt == "json":
        counts = {"ok": 0, "unmet": 0, "invalid": 0}
        for report in reports:
            counts[report["status"]] += 1
        json.dump({"scenarios": reports, "summary": counts}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return status
    separator = "\n" + ("---" if args.fmt == "markdown" else "=" * 72) + "\n\n"
    if reports:
        out.write(separator.join(reports))
    if len(paths) > 1 or not full:
        if reports:
            out.write(separator)
        for label, shown, detail in summary:
            out.write(f"{label:6} {shown}: {detail}\n" if label else f"{shown}: {detail}\n")
        ok = sum(1 for s in summary if s[0] == text("ok", args.lang))
        scenarios = sum(1 for s in summary if s[0])
        out.write(f"{ok} {text('of', args.lang)} {scenarios} {text('ok', args.lang)}\n")
    return status
