"""Key slots (DESIGN.md section 4): Argon2id-stretched passwords, AES-GCM-wrapped key."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import KeystoreDamaged, KeystoreMissing
from stmarys_desktop.store.keystore import (
    DEFAULT_KDF,
    Keystore,
    WrongSecret,
    new_recovery_key,
    normalise_recovery_key,
)
from tests.helpers import CHEAP_KDF


def make_store(tmp_path: Path) -> tuple[Keystore, bytes]:
    keystore = Keystore.create("c0ffee", CHEAP_KDF)
    key = secrets.token_bytes(32)
    keystore.put_slot(keystore.account_tag("Alba"), "account", b"alba password", key)
    keystore.put_slot(keystore.account_tag("Bryn"), "account", b"bryn password", key)
    keystore.save(key, tmp_path / "keystore.json")
    return keystore, key


def test_each_slot_opens_the_same_database_key(tmp_path: Path) -> None:
    _keystore, key = make_store(tmp_path)
    loaded = Keystore.load(tmp_path / "keystore.json")
    assert loaded.unlock(loaded.account_tag("Alba"), b"alba password") == [key]
    assert loaded.unlock(loaded.account_tag("bryn "), b"bryn password") == [key]


def test_a_wrong_password_opens_nothing(tmp_path: Path) -> None:
    keystore, _ = make_store(tmp_path)
    with pytest.raises(WrongSecret):
        keystore.unlock(keystore.account_tag("Alba"), b"bryn password")
    with pytest.raises(WrongSecret):
        keystore.unlock(keystore.account_tag("Nobody"), b"alba password")


def test_the_key_file_names_no_person(tmp_path: Path) -> None:
    make_store(tmp_path)
    text = (tmp_path / "keystore.json").read_text().casefold()
    assert "alba" not in text and "bryn" not in text


def test_a_new_password_rewrites_only_that_slot(tmp_path: Path) -> None:
    keystore, key = make_store(tmp_path)
    before = json.loads(keystore.to_bytes())["slots"]
    keystore.put_slot(keystore.account_tag("Alba"), "account", b"new alba password", key)
    after = {s["tag"]: s for s in json.loads(keystore.to_bytes())["slots"]}
    unchanged = {s["tag"]: s for s in before}
    bryn = keystore.account_tag("Bryn")
    assert after[bryn] == unchanged[bryn]
    assert after[keystore.account_tag("Alba")] != unchanged[keystore.account_tag("Alba")]
    assert keystore.unlock(keystore.account_tag("Alba"), b"new alba password") == [key]
    with pytest.raises(WrongSecret):
        keystore.unlock(keystore.account_tag("Alba"), b"alba password")


def test_removing_a_slot_removes_its_access(tmp_path: Path) -> None:
    keystore, _ = make_store(tmp_path)
    keystore.remove_slot(keystore.account_tag("Bryn"))
    assert not keystore.has_slot(keystore.account_tag("Bryn"))
    with pytest.raises(WrongSecret):
        keystore.unlock(keystore.account_tag("Bryn"), b"bryn password")


def test_a_staged_key_is_offered_after_the_current_one_then_replaces_it(tmp_path: Path) -> None:
    keystore, key = make_store(tmp_path)
    new_key = secrets.token_bytes(32)
    keystore.stage_key(new_key)
    assert keystore.unlock(keystore.account_tag("Alba"), b"alba password") == [key, new_key]
    keystore.commit_staged_key()
    assert keystore.unlock(keystore.account_tag("Bryn"), b"bryn password") == [new_key]


def test_the_seal_catches_an_edit_made_without_the_database_key(tmp_path: Path) -> None:
    _keystore, key = make_store(tmp_path)
    assert Keystore.load(tmp_path / "keystore.json").seal_holds(key)
    data = json.loads((tmp_path / "keystore.json").read_text())
    data["anchor"]["seq"] = 5
    (tmp_path / "keystore.json").write_text(json.dumps(data))
    assert not Keystore.load(tmp_path / "keystore.json").seal_holds(key)


def test_missing_truncated_and_garbled_key_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(KeystoreMissing, match="missing"):
        Keystore.load(tmp_path / "keystore.json")
    make_store(tmp_path)
    path = tmp_path / "keystore.json"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(KeystoreDamaged, match="cut short"):
        Keystore.load(path)
    path.write_bytes(raw.replace(b'"format"', b'"formal"'))
    with pytest.raises(KeystoreDamaged, match="damaged or has been edited"):
        Keystore.load(path)


def test_an_altered_wrapped_key_is_reported_as_damage_not_as_a_wrong_password(
    tmp_path: Path,
) -> None:
    keystore, _ = make_store(tmp_path)
    data = json.loads(keystore.to_bytes())
    ct = data["slots"][0]["key"]["ct"]
    data["slots"][0]["key"]["ct"] = ("A" if ct[0] != "A" else "B") + ct[1:]
    edited = Keystore.from_bytes(json.dumps(data).encode())
    with pytest.raises(KeystoreDamaged):
        edited.unlock(data["slots"][0]["tag"], b"alba password")


def test_recovery_keys_are_long_random_and_forgiving_to_type() -> None:
    first, second = new_recovery_key(), new_recovery_key()
    assert first != second
    assert len(normalise_recovery_key(first)) == 32
    assert normalise_recovery_key(first.lower().replace("-", " ")) == normalise_recovery_key(first)


def test_shipped_key_stretching_defaults_are_argon2id_at_128_mib() -> None:
    assert DEFAULT_KDF.memory_kib == 128 * 1024
    assert DEFAULT_KDF.time_cost >= 3
    assert DEFAULT_KDF.parallelism == 4


def test_absurd_stretching_parameters_in_a_file_are_refused(tmp_path: Path) -> None:
    keystore, _ = make_store(tmp_path)
    data = json.loads(keystore.to_bytes())
    data["slots"][0]["kdf"]["m"] = 1 << 40
    with pytest.raises(KeystoreDamaged):
        Keystore.from_bytes(json.dumps(data).encode())
