"""Each reviewer's Ed25519 signing key, made on first use and kept in the user data folder.

The folder is readable by its owner only. A key file holds one unencrypted PKCS#8 private key:
whoever can read it can sign as that reviewer, as with an SSH key.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from desktop_app.core.signing import fingerprint, public_key_hex
from desktop_app.errors import StoreError
from desktop_app.paths import data_dir


def keys_dir() -> Path:
    return data_dir() / "keys"


def key_path(reviewer: str) -> Path:
    """One file per reviewer name; the hash keeps names that only differ in case or symbols apart."""
    slug = re.sub(r"[^a-z0-9]+", "-", reviewer.lower()).strip("-")[:40] or "reviewer"
    tag = hashlib.sha256(reviewer.encode("utf-8")).hexdigest()[:8]
    return keys_dir() / f"{slug}-{tag}.pem"


def load_or_create(reviewer: str) -> Ed25519PrivateKey:
    """The reviewer's key, made (with owner-only permissions) the first time it is needed."""
    path = key_path(reviewer)
    try:
        if path.exists():
            key = load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise StoreError(f"the signing key {path} is not an Ed25519 key; move it away "
                                 "and a new key is made on the next sign-off")
            return key
        folder = keys_dir()
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        key = Ed25519PrivateKey.generate()
        data = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another window made it a moment ago
            return load_or_create(reviewer)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        return key
    except ValueError as error:
        raise StoreError(f"the signing key {path} cannot be read ({error}); move it away and a "
                         "new key is made on the next sign-off") from error
    except OSError as error:
        raise StoreError(f"cannot read or create the signing key {path}: {error.strerror}; "
                         "check the permissions of the user data folder") from error


def describe(reviewer: str) -> tuple[str, Path]:
    """(fingerprint, key file) of the reviewer's key, making it if needed."""
    key = load_or_create(reviewer)
    return fingerprint(public_key_hex(key)), key_path(reviewer)
