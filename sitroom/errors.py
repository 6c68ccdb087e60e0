"""One typed error hierarchy. Libraries raise these; only the CLI turns them into exit codes."""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose.

    `subject` names the input at fault (a file, an id, an option); `exit_code` is what the CLI
    returns for it.
    """

    exit_code = 1
    code = "error"

    def __init__(self, message: str, subject: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subject = subject

    def as_dict(self) -> dict:
        """The one error shape used by the CLI's JSON output and the HTTP API."""
        return {"error": {"code": self.code, "message": self.message, "subject": self.subject}}

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message


class ConfigError(SitroomError):
    """A setting or option has a value sitroom cannot use."""

    exit_code = 2
    code = "config"


class InputError(SitroomError):
    """A document or file given to sitroom cannot be read or used."""

    exit_code = 3
    code = "input"


class NotFoundError(SitroomError):
    """An id or name asked for is not in the store."""

    exit_code = 4
    code = "not_found"


class StoreError(SitroomError):
    """The database cannot be opened, migrated or written."""

    exit_code = 5
    code = "store"


class ExtractionError(SitroomError):
    """A pipeline component failed on a document."""

    exit_code = 6
    code = "extraction"
