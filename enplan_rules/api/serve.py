"""Serve the trial regime's OpenFisca web API under gunicorn, bound to 127.0.0.1 by default."""

import os
import sys


def add_arguments(parser):
    parser.add_argument("--host", default=os.environ.get("ENPLAN_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("ENPLAN_PORT", "5000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ENPLAN_WORKERS", "2")))


def run(args):
    argv = [
        "gunicorn",
        "--workers", str(args.workers),
        "--bind", f"{args.host}:{args.port}",
        "enplan_rules.api.serve:create_trial_app()",
    ]
    os.execvp(sys.executable, [sys.executable, "-m", *argv])


def create_trial_app():
    from openfisca_web_api.app import create_app

    from enplan_rules import regimes

    return create_app(regimes.load("trial"))
