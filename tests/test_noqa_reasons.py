"""Every ``noqa`` says why (STYLE.md rule 12).

ruff already insists that a ``noqa`` name its rule (PGH004) and that it silence something
(RUF100); no ruff rule asks for a reason, so this test does: after the codes comes
`` - reason`` (``# noqa: E402 - Qt's platform must be set before the import``). A bare
``type: ignore`` is mypy's to refuse (``ignore-without-code`` in pyproject.toml).
"""

from __future__ import annotations

import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The codes, then " - " and at least one word of reason.
_NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)", re.IGNORECASE)
_NOQA_WITH_REASON = re.compile(r":\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*\s+-\s+\S")


def _python_files() -> list[Path]:
    # What git tracks (the tree the checks run on), not build/ leftovers or the venv.
    listed = subprocess.run(
        ["git", "ls-files", "*.py", "*.pyi"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def _comments(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(token.start[0], token.string) for token in tokens if token.type == tokenize.COMMENT]


def _unexplained(comment: str) -> str | None:
    noqa = _NOQA.search(comment)
    if noqa and not _NOQA_WITH_REASON.match(noqa["rest"]):
        return "noqa without ' - reason'"
    return None


def test_the_patterns_tell_explained_from_bare():
    assert _unexplained("# noqa: E402 - Qt's platform must be set first") is None
    assert _unexplained("# noqa: F401, E402 - re-exported") is None
    assert _unexplained("# noqa: F401") is not None
    assert _unexplained("# noqa") is not None
    assert _unexplained("# noqa: F401 fixtures") is not None
    assert _unexplained("# an ordinary comment") is None


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_every_noqa_says_why():
    offenders = []
    for path in _python_files():
        for line, comment in _comments(path):
            problem = _unexplained(comment)
            if problem:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {problem}: {comment}")
    assert not offenders, "\n".join(offenders)
