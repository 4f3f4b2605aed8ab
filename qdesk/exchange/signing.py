"""Signatures on submission packages (DESIGN.md §9): Ed25519 through `cryptography`.

Ed25519 rather than SM2: no well-kept Python SM2 library ships wheels for Windows, while
`cryptography` has Ed25519 built in and PyInstaller bundles it as it is. A key is 32 raw bytes
(its fingerprint: qdesk.store.keys.fingerprint).
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES, SIGNATURE_BYTES = 32, 64


def new_private_key() -> bytes:
    """A new private key, as its 32 raw bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key(private: bytes) -> bytes:
    """The raw public key of a raw private key."""
    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def sign(private: bytes, data: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(public: bytes, signature: bytes, data: bytes) -> bool:
    """Whether `signature` is the signature of `data` by the private key of `public`."""
    if len(public) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True

