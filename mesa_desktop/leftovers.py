"""Remove what interrupted writers left behind: temp files and staged secret keys.

Every temp file we write is hidden and carries its writer's process id
(``.<target>.<pid>-<random>.tmp``, SQLite's ``-journal``/``-wal``/``-shm`` beside it, or a
staged key ``.<key>.<pid>-<random>.new``). A file whose process is gone is a leftover of a
kill or a power cut; one whose process runs belongs to another program still writing it.
Files in the older formats (no process id) are removed once they are an hour old, except
staged keys (``….new``), copies of a secret that no running version still writes: at once.

Thread affinity: none.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[^.]+\.(?:tmp(?:-journal|-wal|-shm)?|new)$")
_OLD_FORMAT_AGE_S = 3600
# Windows cannot probe a process cheaply and safely (os.kill would end it): age decides.
_WINDOWS_AGE_S = 600


def sweep_leftovers(*folders: Path) -> list[Path]:
    """Delete leftovers in ``folders`` (missing folders are skipped); return what was removed."""
    removed = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _LEFTOVER.match(entry.name)
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            try:
                old_key_copy = match["pid"] is None and entry.name.endswith(".new")
                if not old_key_copy and not _is_abandoned(match["pid"], now - entry.stat().st_mtime):
                    continue
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                continue  # read-only folder or already gone: nothing to do now
    return removed


def _is_abandoned(pid: str | None, age_s: float) -> bool:
    if pid is None:
        return age_s > _OLD_FORMAT_AGE_S
    if os.name != "posix":
        return age_s > _WINDOWS_AGE_S
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False  # alive, as another user
    return False
