"""Storage errors the chat and the web app can catch without knowing SQLAlchemy."""

from __future__ import annotations


class StorageError(Exception):
    """Base class for storage errors."""


class StorageUnavailable(StorageError):
    """The database cannot be reached (down, wrong URL, locked too long). Nothing was written."""


class NotFound(StorageError):
    """No intake, user or record with that key (or not visible to this user)."""


class ValidationError(StorageError, ValueError):
    """A value the storage refuses (unknown status or route, missing reason, ...)."""


class Forbidden(StorageError):
    """The record exists, but this user may not see it (a school asking for another's pupil)."""
