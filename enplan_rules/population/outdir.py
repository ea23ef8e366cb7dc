"""An output folder that is either the complete result of one run or untouched.

`enplan compare` checks `--out` before computing (`check`), writes every file into a hidden staging folder
beside it (`stage`), adds `manifest.json` (files, bytes, row counts, SHA-256, the command, the version) and only
then moves the staging folder into place (`commit`). A run that fails or is interrupted removes its staging folder
(`discard`); the folder named by `--out` is never left half written.

The command line never deletes what it did not write. A non-empty `--out` is replaced (with `--force`) only when it
is an earlier run's folder: its manifest.json, written by `enplan compare`, lists every file in it. A folder holding
anything else (the population file, the working folder's own files), the working folder or one of its parents,
and an empty `--out` are refused; and of the earlier folder only the files its manifest lists are removed. Folders
and files get the ordinary permissions (the umask's), not a temporary folder's 0700.
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
    """--out cannot be used (empty, a file, not writable, not empty without --force, not an earlier run's)."""


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _ordinary_permissions(folder):
    """Give `folder` (made by mkdtemp: 0700) the permissions a folder made by mkdir gets."""
    os.chmod(folder, 0o777 & ~_umask())


def _inside(path, folder):
    """Whether `path` is `folder` or lies under it (both absolute, symlinks resolved)."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def earlier_run_files(out):
    """The files an earlier `enplan compare` wrote into `out` (relative paths, manifest.json included), from its
    manifest; None when `out` has no readable manifest of that command."""
    try:
        with open(os.path.join(out, MANIFEST), encoding="utf-8") as file:
            manifest = json.load(file)
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("tool") != "enplan compare":
        return None
    files = {MANIFEST}
    for entry in manifest.get("files") or ():
        relative = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(relative, str) or not relative or os.path.isabs(relative) or ".." in relative.split("/"):
            return None
        files.add(relative)
    return files


def foreign_files(out):
    """Files and links under `out` that its manifest does not list (relative paths, sorted)."""
    listed = earlier_run_files(out) or set()
    found = []
    for folder, folders, names in os.walk(out):
        for name in names + [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            relative = os.path.relpath(os.path.join(folder, name), out).replace(os.sep, "/")
            if relative not in listed:
                found.append(relative)
    return sorted(found)


def _name(out):
    return os.path.basename(os.path.normpath(out)) or "out"


def check(out, force=False, inputs=()):
    """Refuse an --out that cannot receive the results, or whose replacement would delete what this command did
    not write; create its parent folder if needed. `inputs` are the files the run reads. Nothing else is
    written: a probe folder is created beside --out and removed at once, which proves it can be written."""
    if not isinstance(out, str) or not out.strip():
        raise OutputError("--out is empty: name the folder for the results")
    out = os.path.abspath(out)
    if _inside(os.getcwd(), out):
        raise OutputError(f"--out {out} is the working folder or holds it: name a new folder for the results")
    for path in inputs:
        if path and _inside(os.path.abspath(path), out):
            raise OutputError(f"--out {out} holds the input {path}: name another folder for the results")
    if os.path.lexists(out) and not os.path.isdir(out):
        raise OutputError(f"--out {out} is a file, not a folder")
    if os.path.islink(out):
        raise OutputError(f"--out {out} is a symbolic link: name the folder itself")
    if os.path.isdir(out):
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"--out {out} is not writable")
        if os.listdir(out):
            if earlier_run_files(out) is None:
                raise OutputError(
                    f"--out {out} is not empty and is not an earlier run's folder (it has no manifest.json of "
                    "enplan compare): name a new folder; nothing there is replaced"
                )
            foreign = foreign_files(out)
            if foreign:
                shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
                raise OutputError(
                    f"--out {out} holds files an earlier run did not write ({shown}): move them or name a new folder"
                )
            if not force:
                raise OutputError(
                    f"--out {out} is not empty (an earlier run); pass --force to replace it, or name a new folder"
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
    staging = tempfile.mkdtemp(prefix=f".{_name(out)}.partial-", dir=os.path.dirname(out))
    _ordinary_permissions(staging)
    return staging


def discard(staging):
    if staging and os.path.isdir(staging):
        shutil.rmtree(staging, ignore_errors=True)


_DIGESTS = {}  # {path: (the file's size, modification time and inode when read; its SHA-256)}: taken by remember()
# for a file the command has just written and does not write again; write_manifest forgets them


def _stamp(path):
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, status.st_ino


def sha256(path, block=1 << 20):
    """The file's SHA-256 (hex). A digest taken with remember() is used while the file is the same size, with the
    same modification time and inode; otherwise the file is read again."""
    known = _DIGESTS.get(path)
    if known is not None and known[0] == _stamp(path):
        return known[1]
    return _read_digest(path, block)


def _read_digest(path, block=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(block):
            digest.update(chunk)
    return digest.hexdigest()


def remember(path):
    """Take the SHA-256 of a file just written, for the manifest (a thread that writes tables while the command
    builds its report takes their digests there)."""
    stamp = _stamp(path)
    _DIGESTS[path] = (stamp, _read_digest(path))


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
    _DIGESTS.clear()
    return manifest


def remove_earlier_run(folder):
    """Remove the files `folder`'s manifest lists, then its folders left empty; what else is there stays. Returns
    the paths left (relative)."""
    listed = earlier_run_files(folder) or set()
    for relative in sorted(listed, key=lambda name: name != MANIFEST):  # the manifest last
        path = os.path.join(folder, *relative.split("/"))
        if os.path.isfile(path) and not os.path.islink(path) and relative != MANIFEST:
            os.remove(path)
    left = foreign_files(folder)
    if not left:
        manifest = os.path.join(folder, MANIFEST)
        if os.path.isfile(manifest):
            os.remove(manifest)
    for current, _, _ in sorted(os.walk(folder), key=lambda item: -len(item[0])):
        try:
            os.rmdir(current)
        except OSError:
            pass
    return left


def commit(staging, out):
    """Move the complete staging folder to `out`, replacing an earlier run's folder (never merging into it); of
    that folder only the files its manifest lists are removed (anything that appeared there meanwhile is kept
    beside `out`, and named)."""
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
        left = remove_earlier_run(old)
        if left:
            print(f"enplan compare: {old} keeps {len(left)} file(s) the earlier run did not write: "
                  + ", ".join(left[:5]), file=sys.stderr)
    return out
