"""Signing in (DESIGN.md section 4): one message for any wrong name or password,
a growing delay, failed attempts in the audit log, disabled accounts, recovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import (
    AccountDisabled,
    CentreNotFound,
    InvalidInput,
    SignInDelayed,
    SignInRefused,
)
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.sign_in import wait_after
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import recover_account, sign_in
from stmarys_desktop.store import audit
from tests.helpers import MANAGER, PASSWORD, FakeClock


def refusal(folder: Path, user: str, password: str, clock: FakeClock) -> str:
    with pytest.raises(SignInRefused) as caught:
        sign_in(folder, user, password, monotonic=clock)
    return caught.value.message


def test_the_right_password_opens_the_centre(closed_centre: Path) -> None:
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    try:
        assert session.account.user_name == MANAGER
        assert session.account.roles == {Role.MANAGER}
        assert session.centre_name == "St Mary's Test Centre"
    finally:
        session.close()


def test_user_names_are_not_case_sensitive(closed_centre: Path) -> None:
    session = sign_in(closed_centre, " Manager ", PASSWORD)
    try:
        assert session.account.user_name == MANAGER
    finally:
        session.close()


def test_unknown_user_and_wrong_password_get_the_same_message(closed_centre: Path) -> None:
    clock = FakeClock()
    wrong_password = refusal(closed_centre, MANAGER, "not the password", clock)
    clock.now += 3600
    unknown_user = refusal(closed_centre, "nobody-here", PASSWORD, clock)
    assert wrong_password == unknown_user
    assert "do not match" in wrong_password


def test_an_empty_password_is_asked_for_not_counted(closed_centre: Path) -> None:
    with pytest.raises(InvalidInput, match="password"):
        sign_in(closed_centre, MANAGER, "")
    sign_in(closed_centre, MANAGER, PASSWORD).close()  # no delay was added


def test_the_delay_grows_with_each_failure_in_a_row(closed_centre: Path) -> None:
    clock = FakeClock()
    waits = []
    for _ in range(5):
        refusal(closed_centre, MANAGER, "wrong password", clock)
        with pytest.raises(SignInDelayed) as caught:
            sign_in(closed_centre, MANAGER, PASSWORD, monotonic=clock)
        waits.append(caught.value.seconds)
        clock.now += caught.value.seconds + 0.01
    assert waits == sorted(waits) and waits[-1] > waits[0]
    assert waits == [wait_after(n) for n in range(1, 6)]
    session = sign_in(closed_centre, MANAGER, PASSWORD, monotonic=clock)
    session.close()
    refusal(closed_centre, MANAGER, "wrong again", clock)  # a success reset the count
    with pytest.raises(SignInDelayed) as caught:
        sign_in(closed_centre, MANAGER, PASSWORD, monotonic=clock)
    assert caught.value.seconds == pytest.approx(wait_after(1))


def test_the_wait_is_capped_at_a_minute() -> None:
    assert wait_after(50) == 60.0


def test_failed_sign_ins_reach_the_audit_log(closed_centre: Path) -> None:
    clock = FakeClock()
    refusal(closed_centre, MANAGER, "wrong password", clock)
    clock.now += 10
    refusal(closed_centre, "stranger", "whatever it is", clock)
    clock.now += 10
    session = sign_in(closed_centre, MANAGER, PASSWORD, monotonic=clock)
    try:
        refused = [
            e
            for e in audit.entries(session.centre.conn)
            if e.action == "sign-in" and e.outcome == "refused"
        ]
        assert [(e.actor, e.detail.split(" at ")[0]) for e in refused] == [
            (MANAGER, "wrong password"),
            ("(unknown user name)", "unknown user name"),
        ]
        assert "stranger" not in " ".join(e.detail for e in refused)
    finally:
        session.close()


def test_a_disabled_account_cannot_sign_in(manager, data_dir: Path) -> None:
    accounts.create_account(
        manager,
        user_name="frontdesk",
        display_name="Pella Quorne",
        roles=[Role.FRONT_DESK],
        password="front desk password",
    )
    accounts.set_disabled(manager, "frontdesk", True)
    with pytest.raises(AccountDisabled, match="disabled"):
        sign_in(data_dir, "frontdesk", "front desk password")
    accounts.set_disabled(manager, "frontdesk", False)
    sign_in(data_dir, "frontdesk", "front desk password").close()


def test_a_folder_without_a_centre_says_so(tmp_path: Path) -> None:
    with pytest.raises(CentreNotFound, match="no centre"):
        sign_in(tmp_path / "empty", MANAGER, PASSWORD)


def test_the_recovery_key_sets_a_new_password(new_centre, data_dir: Path) -> None:
    new_centre.session.close()
    session = recover_account(
        data_dir, new_centre.recovery_key.lower(), MANAGER, "a brand new password"
    )
    session.close()
    sign_in(data_dir, MANAGER, "a brand new password").close()
    with pytest.raises(SignInRefused):
        sign_in(data_dir, MANAGER, PASSWORD)


def test_the_recovery_key_keeps_a_disabled_account_shut(new_centre, data_dir: Path) -> None:
    """The key resets a password; it does not get round the gates of signing in."""
    accounts.create_account(
        new_centre.session,
        user_name="frontdesk",
        display_name="Brelna Quoufenn",
        roles=[Role.FRONT_DESK],
        password=PASSWORD,
    )
    accounts.set_disabled(new_centre.session, "frontdesk", True)
    new_centre.session.close()
    with pytest.raises(AccountDisabled, match="disabled"):
        recover_account(data_dir, new_centre.recovery_key, "frontdesk", "a brand new password")
    with pytest.raises(AccountDisabled):  # and the password was not changed
        sign_in(data_dir, "frontdesk", PASSWORD)
    session = sign_in(data_dir, MANAGER, PASSWORD)
    try:
        refused = next(
            e
            for e in audit.entries(session.centre.conn, newest_first=True)
            if e.action == "sign-in" and e.outcome == "refused"
        )
        assert refused.detail == "account disabled"  # the later, ordinary try
        assert any(
            e.detail == "account disabled; with the recovery key"
            for e in audit.entries(session.centre.conn)
        )
    finally:
        session.close()


def test_a_wrong_recovery_key_opens_nothing(closed_centre: Path) -> None:
    with pytest.raises(SignInRefused, match="recovery key"):
        recover_account(
            closed_centre,
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            MANAGER,
            "a brand new password",
        )


def test_a_centre_whose_first_account_cannot_be_written_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the database and key file exist (here a full disk as the first
    manager is written) removes both, so `init` can simply be run again."""
    from stmarys_desktop.domain.errors import DiskFull
    from stmarys_desktop.services import auth
    from tests.helpers import CHEAP_KDF

    def full_disk(*args, **kwargs):
        raise DiskFull("The disk is full.")

    folder = tmp_path / "centre"
    with monkeypatch.context() as patched:
        patched.setattr(auth.account_store, "insert", full_disk)
        with pytest.raises(DiskFull):
            auth.create_centre(
                folder,
                centre_name="St Mary's Test Centre",
                admin_user_name=MANAGER,
                admin_display_name="Morwenna Testwick",
                password=PASSWORD,
                kdf=CHEAP_KDF,
            )
    assert sorted(p.name for p in folder.iterdir()) == []
    made = auth.create_centre(
        folder,
        centre_name="St Mary's Test Centre",
        admin_user_name=MANAGER,
        admin_display_name="Morwenna Testwick",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    made.session.close()


def test_the_strength_meter_judges_guessability_not_length() -> None:
    from stmarys_desktop.policy.sign_in import password_strength

    assert password_strength("a" * 20) == (1, "Weak")  # long, and guessed at once
    assert password_strength("Password123!") == (1, "Weak")  # a pattern every list has
    assert password_strength("correct horse battery") == (4, "Strong")
    assert password_strength("short") == (0, "Too short")


def test_the_meter_under_a_new_password_says_weak_for_a_repeated_letter(qtbot) -> None:
    from stmarys_desktop.ui.widgets import PasswordStrength

    meter = PasswordStrength()
    qtbot.addWidget(meter)
    meter.update_for("a" * 20)
    assert meter.word.text() == "Weak" and meter.bar.value() == 1
