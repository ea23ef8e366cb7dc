"""Review a case history: the answers month by month under each regime, the months they change and why, the
deadlines as dates, and each duty owed against what was done.

Exit status: 0 when there are no findings (late, missing, depends) — or, for a file with an `expect:` block, when
every expectation is met; 1 when there are findings (or an expectation is not met); 2 when the input is invalid
(one line per error: file:line: pointer: message).
"""

import json
import re
import sys

from enplan_rules import regimes

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])\Z")  # \Z: "$" would let a trailing newline through

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def add_arguments(parser):
    parser.add_argument("path", metavar="FILE", help="a case-history file (.yaml, .yml or .json)")
    parser.add_argument("--regime", choices=(*regimes.NAMES, "all"), default=None,
                        help="the regime to review (default: the file's `regime:`, else all)")
    parser.add_argument("--lang", choices=("da", "en"), default="da", help="language of the report (default da)")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text", dest="fmt",
                        help="report format (default text)")
    parser.add_argument("--from", dest="first", metavar="YYYY-MM", default=None,
                        help="first month (default: the file's `from:`, else 2017-10)")
    parser.add_argument("--to", dest="last", metavar="YYYY-MM", default=None,
                        help="last month (default: the file's `to:`, else 2020-12)")


def run(args, out=None, err=None):
    from enplan_rules.history import HistoryError, review
    from enplan_rules.history.files import HistoryFileError, evaluate, format_error, load
    from enplan_rules.history.report import render

    out = out or sys.stdout
    err = err or sys.stderr
    for option, value in (("--from", args.first), ("--to", args.last)):
        if value is not None and not MONTH_PATTERN.match(value):
            print(f"{option}: {'forkert format' if args.lang == 'da' else 'wrong format'} "
                  f"(expected: YYYY-MM): {value}", file=err)
            return EXIT_INVALID
    try:
        file = load(args.path, args.lang)
        result = review(file.history, args.regime or file.regime or "all", args.lang, args.first, args.last)
    except HistoryFileError as exc:
        for error in exc.errors:
            print(format_error(error), file=err)
        return EXIT_INVALID
    except HistoryError as exc:
        for error in exc.errors:
            field = {"from": "--from", "to": "--to"}.get(error["pointer"].strip("/"), error["pointer"])
            print(f"{args.path}: {field}: {error['message']} (expected: {error['expected']})", file=err)
        return EXIT_INVALID
    outcomes = evaluate(file, result) if file.expect else None
    if args.fmt == "json":
        json.dump({"file": args.path, "result": result, "expectations": outcomes}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(render(result, args.lang, args.fmt, file, outcomes))
    if outcomes is not None:
        return EXIT_OK if all(o["met"] for o in outcomes) else EXIT_FINDINGS
    return EXIT_FINDINGS if result["findings"] else EXIT_OK
