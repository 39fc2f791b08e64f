"""Errors that carry a sentence fit to show a person.

Every failure that can reach a user is one of these; the message is plain
words, names the problem and, where there is one, the way out. Nothing
personal goes into a message that may be printed or logged.
"""

RESTORE_ADVICE = "Restore the latest backup (Admin > Restore, or `stmarys-desktop restore`)."


class StMarysError(Exception):
    """Base of every error meant for a person to read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(StMarysError):
    """Something typed in cannot be accepted; nothing was saved."""


class CentreNotFound(StMarysError):
    pass


class CentreExists(StMarysError):
    pass


class DataFolderUnusable(StMarysError):
    pass


class KeystoreMissing(StMarysError):
    pass


class KeystoreDamaged(StMarysError):
    pass


class DatabaseDamaged(StMarysError):
    pass


class DiskFull(StMarysError):
    pass


class CentreBusy(StMarysError):
    """Another window or command holds the database for the moment; nothing was changed."""


class SignInRefused(StMarysError):
    """Wrong user name or password; deliberately says nothing about which."""


class SignInDelayed(StMarysError):
    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class AccountDisabled(StMarysError):
    pass


class PermissionRefused(StMarysError):
    pass


class BackupInvalid(StMarysError):
    pass


class UpgradeFailed(StMarysError):
    pass


class NotFound(StMarysError):
    pass


class RecordChanged(StMarysError):
    """Someone else saved this record since it was read: nothing was overwritten."""


class NeedsConfirmation(StMarysError):
    """Allowed, but with warnings a person must see and accept first."""

    def __init__(self, message: str, warnings: tuple[str, ...]) -> None:
        super().__init__(message)
        self.warnings = warnings


class NotAdmitted(StMarysError):
    """Someone at the door who is not named on the family's referral."""


class ReasonNeeded(StMarysError):
    """The action needs a reason in words before it is recorded (a late check-in)."""
