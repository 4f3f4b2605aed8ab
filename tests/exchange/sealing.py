"""A package a test has changed, made whole again as one who holds the unit's key would: the
report's digest of data.json, the manifest's hashes, its signature.

The test that makes a package remembers the key of the database it was made in; a package
signed by a key not remembered keeps its signature as it is (a forger's lot).
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

from qdesk.exchange import signing

_KEYS: dict[str, bytes] = {}        # public key (hex) -> private key


def remember(db: Path) -> bytes:
    """Remember the private key of the office whose database this is; the key."""
    with sqlite3.connect(db) as conn:
        private, public = conn.execute("SELECT private_key, public_key FROM own_key").fetchone()
    conn.close()
    _KEYS[bytes(public).hex()] = bytes(private)
    return bytes(private)


def with_keyword(report: bytes, data: bytes) -> bytes:
    """The report carrying the digest of `data` in its Keywords, as qdesk writes it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    writer.add_metadata({"/Keywords": "qdesk-data-sha256:" + hashlib.sha256(data).hexdigest()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def seal(files: dict[str, bytes], *, signed: bool = True) -> dict[str, bytes]:
    """The files with the report's digest and the manifest's hashes made to match data.json,
    and the manifest signed again if `signed` and its key is remembered."""
    files = dict(files)
    files["report.pdf"] = with_keyword(files["report.pdf"], files["data.json"])
    manifest = json.loads(files["manifest.json"])
    manifest["files"] = {name: hashlib.sha256(files[name]).hexdigest()
                         for name in ("data.json", "report.pdf")}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    return sign(files) if signed else files


def sign(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with manifest.sig made again for manifest.json, if its key is remembered."""
    try:
        key = json.loads(files["manifest.json"]).get("key")
    except (ValueError, AttributeError, KeyError):
        return files
    private = _KEYS.get(key) if isinstance(key, str) else None
    if private is None or "manifest.sig" not in files:
        return files
    return {**files, "manifest.sig": signing.sign(private, files["manifest.json"])}


def repack(source, target, files=None, manifest=None, extra=None, drop=(), rehash=False,
           signed=True):
    """The package with its files and manifest edited, signed again with the county's key
    unless not `signed` (a forger's); with `rehash`, the report's digest and the manifest's
    hashes made to match too."""
    with zipfile.ZipFile(source) as archive:
        content = {n: archive.read(n) for n in archive.namelist()}
    for name, edit in (files or {}).items():
        content[name] = edit(content[name])
    if rehash:
        content = seal(content, signed=False)
    data = json.loads(content["manifest.json"])
    if manifest:
        manifest(data)
    content["manifest.json"] = json.dumps(data).encode()
    if signed:
        content = sign(content)
    for name in drop:
        content.pop(name)
    with zipfile.ZipFile(target, "w") as archive:
        for name, body in {**content, **(extra or {})}.items():
            archive.writestr(name, body)
    return target
