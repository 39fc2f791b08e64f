"""The manager's list of authorities: the Children's Services departments and police
forces the centre deals with (clause 4, D100).

A share under an exception goes only to an authority on this list, chosen from it; the
policy layer reads the list as a fact. No person's name is ever an authority.
"""

from __future__ import annotations

from stmarys_desktop.domain.disclosures import Authority
from stmarys_desktop.domain.errors import InvalidInput, NotFound
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.disclosure import RecipientKind, same_name
from stmarys_desktop.services import checks
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import authorities as authority_store

KINDS = (RecipientKind.CHILDRENS_SERVICES, RecipientKind.POLICE)


def authorities(session: Session) -> list[Authority]:
    """The list as it stands. It names agencies, not families, so anyone signed in may
    read it (the share form offers it; the manager keeps it)."""
    return authority_store.listed(session.centre.conn)


def add_authority(
    session: Session, *, name: str, kind: RecipientKind | str, contact_point: str
) -> Authority:
    session.require(Permission.MANAGE_SETTINGS, "add an authority to the centre's list")
    cleaned = checks.name(name, "The authority's name")
    try:
        chosen = RecipientKind(kind)
    except ValueError:
        chosen = None
    if chosen not in KINDS:
        raise InvalidInput(
            "An authority is a Children's Services department or a police force; choose which."
        )
    contact = checks.free_text(contact_point, "The contact point", 300)
    if not contact:
        raise InvalidInput(
            "Give the authority's contact point (a team, a desk or a "
            "telephone line), so a share reaches the right place."
        )
    conn = session.centre.conn
    if any(same_name(cleaned, listed.name) for listed in authority_store.listed(conn)):
        raise InvalidInput(f"{cleaned} is already on the list.")
    if any(same_name(cleaned, person) for person in authority_store.everyone_named(conn)):
        raise InvalidInput(
            f"{cleaned} is the name of a person on the centre's records. An "
            "authority is a Children's Services department or a police force, "
            "never a person."
        )
    centre = session.centre
    with centre.transaction() as conn:
        authority_id = authority_store.insert(
            conn,
            name=cleaned,
            kind=chosen.value,
            contact_point=contact,
            added_by=session.user_name,
            added_at=centre.now(),
        )
        session.audit(
            action="authority.add",
            subject=f"authority #{authority_id}",
            detail=chosen.value,
        )
    added = authority_store.get(centre.conn, authority_id)
    assert added is not None
    return added


def remove_authority(session: Session, authority_id: int) -> None:
    """Off the list from now on; past shares to it stay in the log under its name."""
    session.require(Permission.MANAGE_SETTINGS, "take an authority off the centre's list")
    centre = session.centre
    with centre.transaction() as conn:
        if not authority_store.remove(
            conn, authority_id, removed_by=session.user_name, removed_at=centre.now()
        ):
            raise NotFound("That authority is not on the list.")
        session.audit(action="authority.remove", subject=f"authority #{authority_id}")
