"""An output folder that is either the complete result of one run or untouched.

`enplan compare` checks `--out` before computing (`check`), writes every file into a hidden staging folder
beside it (`stage`), adds `manifest.json` (files, bytes, row counts, SHA-256, the command, the version) and only
then moves the staging folder into place (`commit`), replacing an earlier run's folder whole. A run that fails or
is interrupted removes its staging folder (`discard`); the folder named by `--out` is never left half written.
"""

import datetime
import hashlib
import json
import os
import shutil
import sys
import tempfile

MANIFEST = "manifest.json"


class OutputError(ValueError):
    """--out cannot be used (a file, not writable, not empty without --force)."""


def _name(out):
    return os.path.basename(os.path.normpath(out)) or "out"


def check(out, force=False):
    """Refuse an --out that cannot receive the results; create its parent folder if needed. Nothing else is
    written: a probe folder is created beside --out and removed at once, which proves it can be written."""
    out = os.path.abspath(out)
    if os.path.lexists(out) and not os.path.isdir(out):
        raise OutputError(f"--out {out} is a file, not a folder")
    if os.path.isdir(out):
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"--out {out} is not writable")
        if os.listdir(out) and not force:
            raise OutputError(
                f"--out {out} is not empty (an earlier run?); pass --force to replace it whole, or name a new folder"
            )
    parent = os.path.dirname(out)
    try:
        os.makedirs(parent, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{_name(out)}.probe-", dir=parent)
        os.rmdir(probe)
    except OSError as error:
        raise OutputError(f"--out {out}: its folder cannot be written ({error.strerror or error})") from None
    return out


def stage(out):
    """A new, empty staging folder beside `out` (same file system, so the final move is a rename)."""
    out = os.path.abspath(out)
    return tempfile.mkdtemp(prefix=f".{_name(out)}.partial-", dir=os.path.dirname(out))


def discard(staging):
    if staging and os.path.isdir(staging):
        shutil.rmtree(staging, ignore_errors=True)


def sha256(path, block=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(staging, rows=None, extra=None):
    """manifest.json listing every file of the staging folder: bytes, SHA-256 and (for tables) rows."""
    from enplan_rules import __version__

    rows = rows or {}
    files = []
    for folder, _, names in os.walk(staging):
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, staging).replace(os.sep, "/")
            if relative == MANIFEST:
                continue
            entry = {"path": relative, "bytes": os.path.getsize(path), "sha256": sha256(path)}
            if relative in rows:
                entry["rows"] = int(rows[relative])
            files.append(entry)
    files.sort(key=lambda entry: entry["path"])
    manifest = {
        "tool": "enplan compare",
        "version": __version__,
        "command": ["enplan", *sys.argv[1:]] if os.path.basename(sys.argv[0]) == "enplan" else list(sys.argv),
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "complete": True,
        **(extra or {}),
        "files": files,
    }
    with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as file:
        json.dump(manifest, file, indent=2, ensure_ascii=False)
        file.write("\n")
    return manifest


def commit(staging, out):
    """Move the complete staging folder to `out`, replacing an earlier folder whole (never merging into it)."""
    out = os.path.abspath(out)
    parent = os.path.dirname(out)
    old = None
    if os.path.lexists(out):
        old = tempfile.mkdtemp(prefix=f".{_name(out)}.old-", dir=parent)
        os.rmdir(old)
        os.rename(out, old)
    try:
        os.rename(staging, out)
    except OSError:
        if old is not None:
            os.rename(old, out)  # put the earlier run back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out
