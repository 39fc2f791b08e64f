"""Creating a centre, signing in, and recovering an account with the recovery key."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.clock import Clock, stamp, system_clock
from stmarys_desktop.domain.errors import (
    AccountDisabled,
    CentreNotFound,
    InvalidInput,
    SignInDelayed,
    SignInRefused,
)
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.sign_in import password_problem, wait_after
from stmarys_desktop.services import checks, integrity, staff
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store.attempts import SignInAttempts
from stmarys_desktop.store.backup import write_backup
from stmarys_desktop.store.centre import Centre
from stmarys_desktop.store.files import CentreFiles
from stmarys_desktop.store.keystore import (
    DEFAULT_KDF,
    RECOVERY_TAG,
    KdfParams,
    Keystore,
    WrongSecret,
    new_recovery_key,
    normalise_recovery_key,
    normalise_secret,
)

SIGN_IN_REFUSED = "That user name and password do not match an account. Check both and try again."
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")


def check_user_name(user_name: str) -> str:
    name = user_name.strip()
    if not USER_NAME.match(name):
        raise InvalidInput(
            "A user name is 2 to 32 letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit."
        )
    return name


def check_display_name(display_name: str, what: str = "The person's name") -> str:
    return checks.name(display_name, what)


def check_centre_name(centre_name: str) -> str:
    return check_display_name(centre_name, "The centre's name")


def check_new_password(password: str, confirm: str | None = None) -> str:
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem)
    if confirm is not None and confirm != password:
        raise InvalidInput("The two passwords are not the same.")
    return password


def check_roles(roles: Iterable[Role | str]) -> frozenset[Role]:
    try:
        chosen = frozenset(Role(r) for r in roles)
    except ValueError:
        raise InvalidInput("That is not one of the centre's roles.") from None
    if not chosen:
        raise InvalidInput("Choose at least one role.")
    return chosen


@dataclass(frozen=True)
class NewCentre:
    session: Session
    recovery_key: str


def create_centre(
    folder: Path,
    *,
    centre_name: str,
    admin_user_name: str,
    admin_display_name: str,
    password: str,
    kdf: KdfParams = DEFAULT_KDF,
    clock: Clock = system_clock,
    made_up_data: bool = False,
) -> NewCentre:
    """A new encrypted centre with its first manager and a recovery key (shown once).

    `made_up_data=True` (the demo centre only) trades SQLCipher's memory wiping
    for bulk-insert speed on this first connection.
    """
    centre_name = check_centre_name(centre_name)
    user_name = check_user_name(admin_user_name)
    display_name = check_display_name(admin_display_name)
    check_new_password(password)
    recovery_key = new_recovery_key()
    tags: dict[str, str] = {}

    def fill(keystore: Keystore, db_key: bytes) -> None:
        tags["admin"] = keystore.account_tag(user_name)
        keystore.put_slot(tags["admin"], "account", normalise_secret(password), db_key)
        keystore.put_slot(
            RECOVERY_TAG, "recovery", normalise_recovery_key(recovery_key).encode("ascii"), db_key
        )

    def first_manager(centre: Centre) -> None:
        with centre.transaction() as conn:
            account_store.insert(
                conn,
                user_name=user_name,
                display_name=display_name,
                slot_tag=tags["admin"],
                roles=[Role.MANAGER],
                at=centre.now(),
            )
            centre.audit(
                actor=user_name,
                action="centre.create",
                detail="centre created with its first manager and a recovery key",
            )

    centre = Centre.create(
        folder,
        centre_name=centre_name,
        new_slot_kdf=kdf,
        fill_keystore=fill,
        first_rows=first_manager,
        clock=clock,
        memory_security=not made_up_data,
    )
    account = account_store.by_user_name(centre.conn, user_name)
    assert account is not None
    return NewCentre(Session(centre, account), recovery_key)


def _pre_migration_backup(centre: Centre, version: int) -> None:
    moment = centre.clock().strftime("%Y%m%d-%H%M%S")
    write_backup(centre, centre.files.backups / f"before-migration-v{version}-{moment}.stmbackup")


def _open_checked(files: CentreFiles) -> tuple[Keystore, SignInAttempts]:
    if not files.database.exists() and not files.keystore.exists():
        raise CentreNotFound(
            f"There is no centre in {files.folder}. Create one with `stmarys-desktop init` "
            "(or start the application to run the set-up wizard), or restore a backup."
        )
    keystore = Keystore.load(files.keystore)
    return keystore, SignInAttempts.load(files.sign_in_attempts)


def check_not_waiting(attempts: SignInAttempts, now: float) -> None:
    """Refuse, without trying the password, while the wait after failures runs."""
    wait = attempts.last_failure + wait_after(attempts.failures) - now
    if wait > 0:
        seconds = max(1, round(wait))
        raise SignInDelayed(
            f"Too many failed attempts in a row. Wait {seconds} second"
            f"{'s' if seconds != 1 else ''} and try again.",
            wait,
        )


def sign_in(
    folder: Path,
    user_name: str,
    password: str,
    *,
    clock: Clock = system_clock,
    monotonic: Callable[[], float] = time.time,
) -> Session:
    """Open the centre as this person. The same refusal for any wrong name or password."""
    files = CentreFiles(Path(folder))
    keystore, attempts = _open_checked(files)
    now = monotonic()
    check_not_waiting(attempts, now)
    if not user_name.strip() or not password:
        raise InvalidInput("Type your user name and your password.")
    tag = keystore.account_tag(user_name)
    secret = normalise_secret(password)
    try:
        if not keystore.has_slot(tag):
            keystore.spend_equal_time(secret)
            raise WrongSecret
        keys = keystore.unlock(tag, secret)
    except WrongSecret:
        attempts.failed(stamp(clock()), now, tag if keystore.has_slot(tag) else None)
        raise SignInRefused(SIGN_IN_REFUSED) from None
    centre = Centre.open(files, keys, keystore, clock=clock, before_migration=_pre_migration_backup)
    try:
        account = account_store.by_slot_tag(centre.conn, tag)
        if account is None:
            attempts.failed(stamp(clock()), now, None)
            raise SignInRefused(SIGN_IN_REFUSED)
        withheld = _admit(centre, account, attempts)
    except BaseException:
        centre.close()
        raise
    attempts.clear()
    return Session(centre, account, withheld)


def _admit(centre: Centre, account: Account, attempts: SignInAttempts, how: str = "") -> str:
    """What every way in does once the database is open: earlier failed attempts go to
    the audit log, a disabled account is refused, and clause vi is asked. Writes the
    sign-in row; returns why families' records are withheld ("" when they are not)."""
    _record_failed_attempts(centre, attempts)
    if account.disabled:
        centre.audit(
            actor=account.user_name,
            action="sign-in",
            detail="; ".join(filter(None, ("account disabled", how))),
            outcome="refused",
        )
        raise AccountDisabled("This account has been disabled. Ask a manager to enable it again.")
    # The cheap check of the audit tail against the key file's anchor, every time (D122).
    integrity.check_anchor(centre, account.user_name)
    withheld = staff.withheld_family_access(centre, account.id)
    centre.audit(
        actor=account.user_name,
        action="sign-in",
        detail="; ".join(
            filter(None, (how, "access to families withheld (clause vi)" if withheld else ""))
        ),
    )
    return withheld


def _record_failed_attempts(centre: Centre, attempts: SignInAttempts) -> None:
    """Failed sign-ins are written to the audit log once the database is open."""
    if not attempts.pending:
        return
    with centre.transaction() as conn:
        for at, tag in attempts.pending:
            account = account_store.by_slot_tag(conn, tag) if tag else None
            centre.audit(
                actor=account.user_name if account else "(unknown user name)",
                action="sign-in",
                detail=f"wrong password at {at}" if account else f"unknown user name at {at}",
                outcome="refused",
            )
    attempts.pending = []


def recover_account(
    folder: Path,
    recovery_key: str,
    user_name: str,
    new_password: str,
    *,
    clock: Clock = system_clock,
    monotonic: Callable[[], float] = time.time,
) -> Session:
    """Set a new password for an account using the recovery key from the centre's safe."""
    files = CentreFiles(Path(folder))
    keystore, attempts = _open_checked(files)
    check_new_password(new_password)
    now = monotonic()
    check_not_waiting(attempts, now)
    try:
        keys = keystore.unlock(RECOVERY_TAG, normalise_recovery_key(recovery_key).encode("ascii"))
    except WrongSecret:
        attempts.failed(stamp(clock()), now, RECOVERY_TAG)
        raise SignInRefused("That recovery key does not open this centre.") from None
    centre = Centre.open(files, keys, keystore, clock=clock, before_migration=_pre_migration_backup)
    try:
        account = account_store.by_user_name(centre.conn, user_name)
        if account is None:
            raise InvalidInput("There is no account with that user name.")
        # The same gates as signing in: a disabled account stays shut, even to the key.
        withheld = _admit(centre, account, attempts, "with the recovery key")
        tag = account_store.slot_tag_of(centre.conn, account.id)
        with centre.transaction() as conn:
            account_store.password_set(conn, account.id, centre.now())
            centre.audit(
                actor=account.user_name,
                action="account.recover",
                subject=account.user_name,
                detail="password set with the recovery key",
            )
            centre.update_keystore(
                lambda ks: ks.put_slot(
                    tag, "account", normalise_secret(new_password), centre.db_key
                )
            )
        refreshed = account_store.by_user_name(centre.conn, user_name)
        assert refreshed is not None
    except BaseException:
        centre.close()
        raise
    attempts.clear()
    return Session(centre, refreshed, withheld)
