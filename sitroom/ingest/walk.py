"""Safe folder walks and file reads: no symlink loops, no special files, no hangs.

Contract: `walk_files(folder, skip)` yields every regular file under `folder` (recursively,
sorted by name, depth first, following symlinks) as a Path, and a `FailedInput` with a one-line
reason for each thing it cannot or will not read: a symlink loop (a folder that leads back to
one of its own ancestors), a broken symlink, a FIFO, device or socket, a folder it cannot list.
A folder reached twice through different links is walked once. The walk is iterative, so deep
trees cannot exhaust Python's recursion limit, and one bad entry never stops it.

`read_file_bytes(path, limit, allow_pipe)` reads at most limit + 1 bytes of a regular file
(or, when allow_pipe, a named pipe the user gave by name, e.g. `<(curl ...)`), raising
InputError for anything else; the file type is checked on the opened descriptor, so a file
swapped for a FIFO between the walk and the read cannot block the batch.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest.base import FailedInput

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a non-regular, non-folder file is, in words ('a named pipe (FIFO)')."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _entry_error(path: str, exc: OSError) -> FailedInput:
    if os.path.islink(path):
        if exc.errno == errno.ELOOP:
            return FailedInput(path, "symlink loop: the link points back into itself; skipped")
        if exc.errno == errno.ENOENT:
            target = os.readlink(path)
            return FailedInput(path, f"broken symlink (points to {target!r} which does not exist)")
    return FailedInput(path, f"cannot access: {exc.strerror or exc}")


def _listing(folder: str) -> list[os.DirEntry] | FailedInput:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return FailedInput(folder, f"cannot list folder: {exc.strerror or exc}")


def walk_files(folder: Path, skip: Callable[[str], bool]) -> Iterator[Path | FailedInput]:
    """Regular files under `folder` and one-line failures for what is skipped (see module)."""
    try:
        top = os.stat(folder)
    except OSError as exc:
        yield _entry_error(str(folder), exc)
        return
    top_key = (top.st_dev, top.st_ino)
    visited = {top_key}
    first = _listing(str(folder))
    if isinstance(first, FailedInput):
        yield first
        return
    # each frame: (entries iterator, the folder keys from the top down to this folder)
    stack: list[tuple[Iterator[os.DirEntry], tuple]] = [(iter(first), (top_key,))]
    while stack:
        entries, ancestry = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if skip(entry.name):
            continue
        try:
            st = os.stat(entry.path)
        except OSError as exc:
            yield _entry_error(entry.path, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestry:
                yield FailedInput(
                    entry.path,
                    "symlink loop: this folder leads back to one of its parents; skipped",
                )
                continue
            if key in visited:  # the same folder through another link: read once
                continue
            visited.add(key)
            listing = _listing(entry.path)
            if isinstance(listing, FailedInput):
                yield listing
                continue
            stack.append((iter(listing), (*ancestry, key)))
        elif stat.S_ISREG(st.st_mode):
            yield Path(entry.path)
        else:
            yield FailedInput(entry.path, f"{file_kind(st.st_mode)}, not a regular file; skipped")


def read_file_bytes(path: Path, limit: int, allow_pipe: bool = False) -> bytes:
    """Up to limit + 1 bytes of a regular file (or a named pipe when allow_pipe).

    Raises PermissionError/OSError from the OS, InputError for a special file."""
    mode = os.stat(path).st_mode
    if allow_pipe and stat.S_ISFIFO(mode):
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    if not stat.S_ISREG(mode):
        raise InputError(f"{file_kind(mode)}, not a regular file; skipped", str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{file_kind(mode)}, not a regular file; skipped", str(path))
        return fh.read(limit + 1)
