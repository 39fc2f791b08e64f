"""Key slots: who may open the centre's database (DESIGN.md section 4).

One random 256-bit database key opens the SQLCipher file. Each account, and
the recovery key, has a slot in `keystore.json` beside the database:

- the slot's X25519 private key is wrapped with AES-256-GCM under a key
  stretched from the password with Argon2id (parameters kept in the slot);
- the database key is wrapped with AES-256-GCM under a key agreed between an
  ephemeral X25519 key and the slot's public key (HKDF-SHA256).

So whoever holds the database key can wrap a *new* database key for every
slot without knowing anyone's password (key rotation), and a removed
account's password opens nothing once the key has been rotated. Slots are
found by an HMAC of the user name under a random salt: the file names no
person and no centre. The whole file, except the sign-in counter kept
elsewhere, is sealed with an HMAC keyed from the database key, which also
protects the audit anchor (the newest audit sequence number and HMAC).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from stmarys_desktop.domain.errors import KeystoreDamaged, KeystoreMissing
from stmarys_desktop.store.files import atomic_write

FORMAT = "stmarys-keystore"
VERSION = 1
KEY_BYTES = 32
RECOVERY_TAG = "recovery"

KEYSTORE_MISSING = (
    "The key file (keystore.json) is missing from {folder}. Without it the database "
    "cannot be opened. Restore the latest backup (Admin > Restore, or "
    "`stmarys-desktop restore`); a backup carries its own key file."
)
KEYSTORE_DAMAGED = (
    "The key file (keystore.json) in {folder} is damaged or has been edited ({why}). "
    "Restore the latest backup (Admin > Restore, or `stmarys-desktop restore`)."
)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: time (passes), memory in KiB, lanes."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        params = cls(int(data["t"]), int(data["m"]), int(data["p"]))
        if not (
            1 <= params.time_cost <= 64
            and 8 * params.parallelism <= params.memory_kib
            and params.memory_kib <= 4 * 1024 * 1024
            and 1 <= params.parallelism <= 64
        ):
            raise ValueError("key stretching parameters out of range")
        return params


# About half a second on a current front-desk PC (see docs/decisions.md, D3).
DEFAULT_KDF = KdfParams(time_cost=8, memory_kib=128 * 1024, parallelism=4)


class WrongSecret(Exception):
    """The password or recovery key does not open this slot."""


def normalise_secret(secret: str) -> bytes:
    return unicodedata.normalize("NFC", secret).encode("utf-8")


def normalise_user_name(user_name: str) -> str:
    return unicodedata.normalize("NFC", user_name).strip().casefold()


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _stretch(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret, salt, kdf.time_cost, kdf.memory_kib, kdf.parallelism, KEY_BYTES, Type.ID
    )


def _agreed_key(shared: bytes, ephemeral_public: bytes, slot_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"stmarys database key|" + ephemeral_public + slot_public,
    ).derive(shared)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal_key(db_key: bytes, purpose: bytes) -> bytes:
    """A key derived from the database key for one purpose (keystore seal, audit)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"stmarys " + purpose
    ).derive(db_key)


class Keystore:
    """The parsed key file. Mutating methods change memory only; `save` writes."""

    def __init__(self, data: dict[str, Any], path: Path | None = None) -> None:
        self._data = data
        self.path = path

    # -- creating, reading, writing -------------------------------------------------

    @classmethod
    def create(cls, centre_id: str, new_slot_kdf: KdfParams) -> Keystore:
        return cls(
            {
                "format": FORMAT,
                "version": VERSION,
                "centre_id": centre_id,
                "lookup_salt": _b64(secrets.token_bytes(16)),
                "new_slot_kdf": new_slot_kdf.to_json(),
                "slots": [],
                "anchor": {"seq": 0, "hmac": ""},
            }
        )

    @classmethod
    def load(cls, path: Path) -> Keystore:
        folder = path.parent
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeystoreMissing(KEYSTORE_MISSING.format(folder=folder)) from None
        return cls.from_bytes(raw, path)

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path | None = None) -> Keystore:
        folder = path.parent if path else "the backup"
        try:
            data = json.loads(raw.decode("utf-8"))
            store = cls(data, path)
            store._check_shape()
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            why = "cut short" if raw and not raw.rstrip().endswith(b"}") else "unreadable"
            if isinstance(exc, ValueError) and "range" in str(exc):
                why = str(exc)
            raise KeystoreDamaged(KEYSTORE_DAMAGED.format(folder=folder, why=why)) from None
        return store

    def _check_shape(self) -> None:
        data = self._data
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError("not a key file of this application")
        str(data["centre_id"])
        _unb64(data["lookup_salt"])
        KdfParams.from_json(data["new_slot_kdf"])
        int(data["anchor"]["seq"])
        for slot in data["slots"]:
            KdfParams.from_json(slot["kdf"])
            for field in ("salt", "public"):
                _unb64(slot[field])
            for part in ("private", "key"):
                _unb64(slot[part]["nonce"])
                _unb64(slot[part]["ct"])

    def to_bytes(self) -> bytes:
        return json.dumps(self._data, indent=1, sort_keys=True).encode("utf-8")

    def save(self, db_key: bytes, path: Path | None = None) -> None:
        """Seal with the database key and write atomically."""
        target = path or self.path
        if target is None:
            raise ValueError("no path to save the key file to")
        self._data["seal"] = self._seal(db_key)
        atomic_write(target, self.to_bytes())
        self.path = target

    def save_seal_only(self, db_key: bytes) -> None:
        """Seal in memory without writing (for the copy carried inside a backup)."""
        self._data["seal"] = self._seal(db_key)

    def _seal(self, db_key: bytes) -> str:
        body = {k: v for k, v in self._data.items() if k != "seal"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return hmac.new(seal_key(db_key, b"keystore seal"), canonical, hashlib.sha256).hexdigest()

    def seal_holds(self, db_key: bytes) -> bool:
        return hmac.compare_digest(self._data.get("seal", ""), self._seal(db_key))

    # -- facts ------------------------------------------------------------------------

    @property
    def centre_id(self) -> str:
        return str(self._data["centre_id"])

    @property
    def new_slot_kdf(self) -> KdfParams:
        return KdfParams.from_json(self._data["new_slot_kdf"])

    @property
    def anchor(self) -> tuple[int, str]:
        anchor = self._data["anchor"]
        return int(anchor["seq"]), str(anchor["hmac"])

    def set_anchor(self, seq: int, row_hmac: str) -> None:
        self._data["anchor"] = {"seq": seq, "hmac": row_hmac}

    def account_tag(self, user_name: str) -> str:
        salt = _unb64(self._data["lookup_salt"])
        name = normalise_user_name(user_name).encode("utf-8")
        return hmac.new(salt, name, hashlib.sha256).hexdigest()

    def tags(self) -> list[str]:
        return [slot["tag"] for slot in self._data["slots"]]

    def has_slot(self, tag: str) -> bool:
        return self._slot(tag) is not None

    def slot_kdf(self, tag: str) -> KdfParams:
        slot = self._slot(tag)
        if slot is None:
            raise KeyError(tag)
        return KdfParams.from_json(slot["kdf"])

    def has_staged_key(self) -> bool:
        return any("pending" in slot for slot in self._data["slots"])

    def _slot(self, tag: str) -> dict[str, Any] | None:
        for slot in self._data["slots"]:
            if slot["tag"] == tag:
                return slot
        return None

    def _aad(self, slot: dict[str, Any], part: str) -> bytes:
        return f"stmarys-slot|{self.centre_id}|{slot['tag']}|{slot['kind']}|{part}".encode()

    # -- slots ------------------------------------------------------------------------

    def put_slot(
        self, tag: str, kind: str, secret: bytes, db_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Add the slot, or replace it (a new password): one slot rewritten."""
        kdf = kdf or self.new_slot_kdf
        private = X25519PrivateKey.generate()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        slot: dict[str, Any] = {
            "tag": tag,
            "kind": kind,
            "kdf": kdf.to_json(),
            "salt": _b64(salt),
            "public": _b64(_raw_public(private.public_key())),
        }
        private_raw = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        sealed = AESGCM(_stretch(secret, salt, kdf)).encrypt(
            nonce, private_raw, self._aad(slot, "private")
        )
        slot["private"] = {"nonce": _b64(nonce), "ct": _b64(sealed)}
        slot["key"] = self._wrap_for(slot, db_key)
        self.remove_slot(tag)
        self._data["slots"].append(slot)

    def remove_slot(self, tag: str) -> None:
        self._data["slots"] = [s for s in self._data["slots"] if s["tag"] != tag]

    def _wrap_for(self, slot: dict[str, Any], db_key: bytes) -> dict[str, str]:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = _raw_public(ephemeral.public_key())
        slot_public = _unb64(slot["public"])
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(slot_public))
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(_agreed_key(shared, ephemeral_public, slot_public)).encrypt(
            nonce, db_key, self._aad(slot, "database key")
        )
        return {"ephemeral": _b64(ephemeral_public), "nonce": _b64(nonce), "ct": _b64(sealed)}

    def unlock(self, tag: str, secret: bytes) -> list[bytes]:
        """The database key(s) this slot opens: the current one, then a staged one.

        Raises WrongSecret when the secret does not open the slot, and
        KeystoreDamaged when it does but the wrapped key has been altered.
        """
        slot = self._slot(tag)
        if slot is None:
            raise WrongSecret
        kek = _stretch(secret, _unb64(slot["salt"]), KdfParams.from_json(slot["kdf"]))
        try:
            private_raw = AESGCM(kek).decrypt(
                _unb64(slot["private"]["nonce"]),
                _unb64(slot["private"]["ct"]),
                self._aad(slot, "private"),
            )
        except InvalidTag:
            raise WrongSecret from None
        private = X25519PrivateKey.from_private_bytes(private_raw)
        keys = [self._unwrap(slot, private, "key")]
        if "pending" in slot:
            keys.append(self._unwrap(slot, private, "pending"))
        return keys

    def _unwrap(self, slot: dict[str, Any], private: X25519PrivateKey, part: str) -> bytes:
        wrapped = slot[part]
        ephemeral_public = _unb64(wrapped["ephemeral"])
        slot_public = _unb64(slot["public"])
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        try:
            return AESGCM(_agreed_key(shared, ephemeral_public, slot_public)).decrypt(
                _unb64(wrapped["nonce"]), _unb64(wrapped["ct"]), self._aad(slot, "database key")
            )
        except InvalidTag:
            folder = self.path.parent if self.path else "the backup"
            raise KeystoreDamaged(
                KEYSTORE_DAMAGED.format(folder=folder, why="a wrapped key does not match its slot")
            ) from None

    def spend_equal_time(self, secret: bytes) -> None:
        """Stretch as a real slot would, so an unknown user name takes as long."""
        kdf = (
            KdfParams.from_json(self._data["slots"][0]["kdf"])
            if self._data["slots"]
            else self.new_slot_kdf
        )
        _stretch(secret, secrets.token_bytes(16), kdf)

    # -- key rotation -----------------------------------------------------------------

    def stage_key(self, new_key: bytes) -> None:
        """Wrap a new database key for every slot, beside the current one."""
        for slot in self._data["slots"]:
            slot["pending"] = self._wrap_for(slot, new_key)

    def commit_staged_key(self) -> None:
        for slot in self._data["slots"]:
            slot["key"] = slot.pop("pending")

    def drop_staged_key(self) -> None:
        for slot in self._data["slots"]:
            slot.pop("pending", None)
