"""A signed-in person at an open centre, and the permission check every service makes."""

from __future__ import annotations

from dataclasses import dataclass

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.errors import PermissionRefused, SignInRefused
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.permissions import FAMILY_PERMISSIONS, allows, who_can
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store.centre import Centre
from stmarys_desktop.store.keystore import WrongSecret, normalise_secret


@dataclass
class Session:
    centre: Centre
    account: Account
    # Why this login may not reach families' records today (clause vi), else "".
    family_access_withheld: str = ""

    @property
    def user_name(self) -> str:
        return self.account.user_name

    @property
    def centre_name(self) -> str:
        return self.centre.name

    def audit(
        self, action: str, *, subject: str = "", detail: str = "", outcome: str = "done"
    ) -> int:
        """An audit row naming this person as the one who acted (Centre.audit)."""
        return self.centre.audit(
            actor=self.user_name, action=action, subject=subject, detail=detail, outcome=outcome
        )

    def can(self, permission: Permission) -> bool:
        return allows(self.account.roles, permission) and not self.withheld(permission)

    def withheld(self, permission: Permission) -> str:
        """Why clause vi keeps `permission` from this login today, else ""."""
        return self.family_access_withheld if permission in FAMILY_PERMISSIONS else ""

    def refusal(self, permission: Permission, doing: str, basis: str = "") -> str:
        """Why this person may not do it, as the sentence a screen or refusal shows ("" if
        they may); `basis` names the rule behind a roles refusal, as " (clause iv)"."""
        if not allows(self.account.roles, permission):
            who = who_can(permission)
            also = (
                "; you can give your own account that role on the Admin screen"
                if Role.MANAGER in self.account.roles
                else ""
            )
            return (
                f"You cannot {doing}: your roles ({self.account.roles_label or 'none'}) "
                f"do not allow it{basis}. {who[0].upper() + who[1:]} can{also}."
            )
        withheld = self.withheld(permission)
        return f"You cannot {doing}. {withheld}" if withheld else ""

    def require(self, permission: Permission, doing: str) -> None:
        """Refuse, with an audit row, unless the person's roles allow `permission` and,
        for families' records, their member of staff is cleared (clause vi)."""
        reason = self.refusal(permission, doing)
        if not reason:
            return
        detail = (
            "not cleared (clause vi)"
            if self.withheld(permission)
            else "roles: " + ",".join(sorted(self.account.roles))
        )
        self.audit(
            action=permission.value,
            subject=doing,
            detail=detail,
            outcome="refused",
        )
        raise PermissionRefused(reason)

    def confirm_password(self, password: str) -> None:
        """The signed-in person proves it is still them (before a serious act); audited
        when it fails."""
        tag = account_store.slot_tag_of(self.centre.conn, self.account.id)
        try:
            self.centre.keystore.unlock(tag, normalise_secret(password))
        except WrongSecret:
            self.audit(action="password.confirm", outcome="refused")
            raise SignInRefused("Your own password is not right; nothing was changed.") from None

    def refresh_account(self) -> None:
        fresh = account_store.by_user_name(self.centre.conn, self.account.user_name)
        if fresh is not None:
            self.account = fresh

    def close(self) -> None:
        self.centre.close()
