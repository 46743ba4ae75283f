"""A throwaway git repository, committed to step by step, for history and `opmodel diff`.

Git runs with no global or system configuration (a developer's `diff.relative` or signing
settings must not change what the tests see) and with fixed names and dates, so every
commit's sha is the same on every run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ORGANISATION = "name: Test\n"
EPOCH = 1_795_392_000
"""2026-11-23T00:00:00Z, the suite's "today" (SOURCE_DATE_EPOCH)."""
DAY = 86_400


class GitRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.commits = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def write(self, files: dict[str, str]) -> None:
        """Write files (relative to content/); the organisation file comes with the first."""
        if not self.content.exists() and "organisation.yml" not in files:
            files = {"organisation.yml": ORGANISATION, **files}
        for relative, text in files.items():
            path = self.content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def delete(self, *relative: str) -> None:
        for name in relative:
            (self.content / name).unlink()

    def move(self, old: str, new: str) -> None:
        (self.content / new).parent.mkdir(parents=True, exist_ok=True)
        (self.content / old).rename(self.content / new)

    def commit(
        self, subject: str, days_ago: float = 0, author: str = "Ann Author", tag: str = ""
    ) -> str:
        """Commit everything; the date is `days_ago` before the suite's "today" (noon), and
        each commit a minute after the one before, so their order is the order of dates."""
        self.commits += 1
        stamp = int(EPOCH - days_ago * DAY) + 12 * 3600 + self.commits * 60
        date = f"@{stamp} +0000"
        who = ["-c", f"user.name={author}", "-c", "user.email=author@example.org"]
        self.git("add", "-A")
        subprocess.run(
            ["git", *who, "commit", "-q", "--allow-empty", "-m", subject],
            cwd=self.root,
            check=True,
            env={**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
        )
        if tag:
            self.git("tag", tag)
        return self.git("rev-parse", "HEAD")

    def status(self) -> str:
        return self.git("status", "--porcelain", "--untracked-files=all")


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[GitRepo]:
    yield GitRepo(tmp_path / "repo")
