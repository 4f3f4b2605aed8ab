"""Which font each GB/T 9704 role prints in: the office's own, a settings folder's, or bundled."""

from __future__ import annotations

import ntpath
import os
import re
import struct
import threading
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Iterable, Mapping, Sequence

from qdesk.core.errors import QdeskError
from qdesk.core.i18n import Msg, msg
from qdesk.resources import fonts_dir


class Role(str, Enum):
    """What a font does on the page (DESIGN.md §7), not which file it is."""

    FANGSONG = "fangsong"  # body text, 1. and （1） headings
    HEI = "hei"  # 一、 headings, "附件1"
    KAI = "kai"  # （一） headings
    SONG = "song"  # page numbers, tables
    XBS = "xbs"  # titles

    @property
    def label_zh(self) -> str:
        return {"fangsong": "仿宋", "hei": "黑体", "kai": "楷体", "song": "宋体",
                "xbs": "小标宋"}[self.value]


@dataclass(frozen=True)
class FontChoice:
    """The font file and face one role prints in, and where it was found."""

    role: Role
    name: str  # the ReportLab registered name, unique per (path, subfont)
    path: Path
    subfont: int
    source: str  # "system" | "settings" | "bundled"
    family: str  # from the font's name table, else the file stem


@dataclass(frozen=True)
class FontSet:
    """A font for every role, and what the clerk should know about how they were chosen."""

    fonts: Mapping[Role, FontChoice]
    warnings: tuple[Msg, ...] = ()

    def __getitem__(self, role: Role) -> FontChoice:
        return self.fonts[role]

    def describe(self) -> str:
        """One line naming each role's file and source, and which bundled faces stood in for the
        office's own, for the PDF metadata."""
        used = [f"{role.label_zh}={self.fonts[role].path.name}({self.fonts[role].source})"
                for role in Role]
        stood_in = [f"{c.role.value}: bundled '{c.family}' for {_OFFICE_FACE[c.role]}"
                    for c in self.stand_ins()]
        return "; ".join(used + stood_in)

    def stand_ins(self) -> tuple[FontChoice, ...]:
        """The bundled faces printing the body or the title because the office's own are missing.

        Only these two matter to a superior office reading the document: the 黑体, 楷体 and 宋体
        stand-ins look like the faces they replace.
        """
        return tuple(self.fonts[role] for role in _OFFICE_FACE
                     if self.fonts[role].source == "bundled")

    def stand_in_notice(self) -> Msg | None:
        """What to tell the clerk when bundled faces print the body or the title, if they do."""
        stand_ins = self.stand_ins()
        if not stand_ins:
            return None
        return msg(
            "The office's own fonts for documents ({missing_en}) are not on this computer; qdesk's "
            "bundled faces stood in: {faces_en}. To print in the office's fonts, install them or "
            "choose a font folder in the settings.",
            "本机没有公文所用的{missing_zh}，已用 qdesk 随附的字体代替：{faces_zh}。如需使用公文字体，"
            "请在本机安装，或在设置中指定字体文件夹。",
            missing_en=" and ".join(_OFFICE_FACE[c.role] for c in stand_ins),
            missing_zh="、".join(_OFFICE_FACE[c.role] for c in stand_ins),
            faces_en=", ".join(f"'{c.family}' for {_OFFICE_FACE[c.role]}" for c in stand_ins),
            faces_zh="；".join(f"{c.family}代替{_OFFICE_FACE[c.role]}" for c in stand_ins))


@dataclass(frozen=True)
class _Candidate:
    file: str
    subfont: int = 0


# 华文仿宋 and 华文中宋 come with Microsoft Office, so many office PCs that lack 仿宋_GB2312 or 方正小标宋
# have them; they are closer to those than any bundled face. The 宋体 every Windows PC has is not a
# candidate for the title: it is a body weight, and the bundled heavy Song is nearer to 小标宋.
_OFFICE_FONTS: dict[Role, tuple[_Candidate, ...]] = {
    Role.FANGSONG: (_Candidate("simfang.ttf"), _Candidate("FZFSK.TTF"),
                    _Candidate("FS_GB2312.ttf"), _Candidate("仿宋_GB2312.ttf"),
                    _Candidate("STFANGSO.TTF")),
    Role.HEI: (_Candidate("simhei.ttf"), _Candidate("FZHTK.TTF")),
    Role.KAI: (_Candidate("simkai.ttf"), _Candidate("FZKTK.TTF"),
               _Candidate("KAI_GB2312.ttf"), _Candidate("楷体_GB2312.ttf")),
    Role.SONG: (_Candidate("simsun.ttc"), _Candidate("FZSSK.TTF")),
    Role.XBS: (_Candidate("FZXBSJW.TTF"), _Candidate("FZXBSK.TTF"), _Candidate("STZHONGS.TTF")),
}

# The faces a document of a superior office is read in, by the name the clerk knows them by.
_OFFICE_FACE: dict[Role, str] = {Role.FANGSONG: "仿宋", Role.XBS: "方正小标宋"}

_BUNDLED_FONTS: dict[Role, _Candidate] = {
    Role.FANGSONG: _Candidate("qdesk-fangsong.ttf"),  # FandolFang, made by build/fonts.py
    Role.HEI: _Candidate("wqy-microhei.ttc"),  # WenQuanYi Micro Hei
    Role.KAI: _Candidate("ukai.ttc"),  # AR PL UKai CN
    Role.SONG: _Candidate("uming.ttc"),  # AR PL UMing CN
    Role.XBS: _Candidate("qdesk-biaosong.ttf"),  # Noto Serif CJK SC Bold renamed, build/fonts.py
}


def find_fonts(settings_dir: str | Path | None = None,
               system_dirs: Sequence[Path] | None = None) -> FontSet:
    """Choose a font for every role: the office's own, then the settings folder, then the bundled.

    `system_dirs` defaults to the system and per-user font folders of this machine. Never raises for
    a missing or empty settings folder: it warns and falls back. Cached per arguments; call
    `clear_cache()` after fonts are installed while the app runs.
    """
    # Settings store an unset folder as an empty string; Path("") would mean the current directory.
    settings: Path | None = None
    if settings_dir is not None and str(settings_dir).strip():
        settings = Path(settings_dir)
    if system_dirs is None:
        system = _default_system_dirs()
    else:
        system = tuple(Path(d) for d in system_dirs)
    return _find_fonts(settings, system)


def clear_cache() -> None:
    """Forget the fonts found so far, so the next find_fonts() looks at the folders again."""
    _find_fonts.cache_clear()


def register(fonts: FontSet) -> None:
    """Register every chosen font with ReportLab under its FontChoice.name; cheap when repeated.

    ReportLab keeps one font object per PostScript name, so a second file of the same face (the
    same simsun.ttc in two folders) prints with the one registered first.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    with _register_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for choice in fonts.fonts.values():
            if choice.name in registered:
                continue
            try:
                font = TTFont(choice.name, str(choice.path), subfontIndex=choice.subfont)
            except (TTFError, OSError) as exc:
                raise QdeskError(msg(
                    "The font {file} cannot be embedded in the PDF ({error}).",
                    "字体文件 {file} 无法嵌入 PDF（{error}）。",
                    file=str(choice.path), error=str(exc))) from exc
            pdfmetrics.registerFont(font)
            registered.add(choice.name)


# --- choosing ---------------------------------------------------------------------------------

@lru_cache(maxsize=32)
def _find_fonts(settings: Path | None, system: tuple[Path, ...]) -> FontSet:
    warnings: list[Msg] = []
    faces = _Faces()
    listings = {folder: _listing(folder) for folder in system}

    settings_dirs: tuple[Path, ...] = ()
    if settings is not None:
        if not settings.is_dir():
            warnings.append(msg(
                "The font folder in the settings, {folder}, does not exist; the fonts installed "
                "on this computer and the fonts shipped with qdesk are used instead.",
                "设置中的字体文件夹“{folder}”不存在，改用本机已安装的字体和 qdesk 随附的字体。",
                folder=str(settings)))
        else:
            listings[settings] = _listing(settings)
            if not any(faces.usable(path, c.subfont)
                       for path, c in _present(_all_candidates(), listings[settings])):
                warnings.append(msg(
                    "The font folder in the settings, {folder}, holds none of the fonts qdesk "
                    "looks for (simfang.ttf, simhei.ttf, simkai.ttf, simsun.ttc, FZXBSJW.TTF, "
                    "their 方正 or _GB2312 versions, STFANGSO.TTF and STZHONGS.TTF); the fonts "
                    "installed on this computer and the fonts shipped with qdesk are used instead.",
                    "设置中的字体文件夹“{folder}”中没有可用的公文字体（simfang.ttf、simhei.ttf、"
                    "simkai.ttf、simsun.ttc、FZXBSJW.TTF 及其方正、_GB2312 版本，STFANGSO.TTF、"
                    "STZHONGS.TTF），改用本机已安装的字体和 qdesk 随附的字体。",
                    folder=str(settings)))
            else:
                settings_dirs = (settings,)

    # DESIGN.md §7: the office's own fonts first, then the settings folder; within a source the
    # candidate order decides, so simfang.ttf in the user folder beats FZFSK.TTF in the system one.
    office = (("system", system), ("settings", settings_dirs))
    chosen: dict[Role, FontChoice] = {}
    for role in Role:
        chosen[role] = _choose_office(role, office, listings, faces) or _choose_bundled(role, faces)
    warnings.extend(faces.warnings)
    return FontSet(MappingProxyType(chosen), tuple(warnings))


def _choose_office(role: Role, office: Iterable[tuple[str, tuple[Path, ...]]],
                   listings: Mapping[Path, Mapping[str, Path]], faces: _Faces) -> FontChoice | None:
    for source, folders in office:
        for candidate in _OFFICE_FONTS[role]:
            for folder in folders:
                path = listings[folder].get(candidate.file.casefold())
                if path is not None and faces.usable(path, candidate.subfont):
                    return faces.choice(role, path, candidate.subfont, source)
    return None


def _choose_bundled(role: Role, faces: _Faces) -> FontChoice:
    candidate = _BUNDLED_FONTS[role]
    path = fonts_dir() / candidate.file
    if not faces.usable(path, candidate.subfont):
        # Shipped with the app and checked by the tests: missing means a broken installation.
        raise RuntimeError(f"bundled font {path} is missing or unusable; reinstall qdesk")
    return faces.choice(role, path, candidate.subfont, "bundled")


def _all_candidates() -> list[_Candidate]:
    return [c for candidates in _OFFICE_FONTS.values() for c in candidates]


def _present(candidates: Iterable[_Candidate],
             listing: Mapping[str, Path]) -> Iterable[tuple[Path, _Candidate]]:
    for candidate in candidates:
        path = listing.get(candidate.file.casefold())
        if path is not None:
            yield path, candidate


def _listing(folder: Path) -> dict[str, Path]:
    """The files of a folder by case-folded name: Windows font names come in any case."""
    try:
        with os.scandir(folder) as entries:
            return {e.name.casefold(): Path(e.path) for e in entries if e.is_file()}
    except OSError:
        return {}


def _default_system_dirs() -> tuple[Path, ...]:
    if os.name == "nt":
        return tuple(Path(d) for d in _windows_font_dirs(os.environ))
    # No Windows folders here; a clerk who copies the office's fonts to a Linux desktop puts them in
    # the per-user font folder.
    try:
        home = Path.home()
    except RuntimeError:
        return ()
    data_home = os.environ.get("XDG_DATA_HOME", "")
    data = Path(data_home) if os.path.isabs(data_home) else home / ".local" / "share"
    return (data / "fonts", home / ".fonts")


def _windows_font_dirs(environ: Mapping[str, str]) -> list[str]:
    """The system and per-user font folders of Windows, as the environment names them."""
    windir = environ.get("WINDIR") or environ.get("SystemRoot") or "C:\\Windows"
    folders = [ntpath.join(windir, "Fonts")]
    local = environ.get("LOCALAPPDATA")
    if local:
        folders.append(ntpath.join(local, "Microsoft", "Windows", "Fonts"))
    return folders


# --- names ------------------------------------------------------------------------------------

# ReportLab keys fonts by name for the whole process, so a name must always mean one (file, face):
# a settings folder changed mid-session may hold another simfang.ttf than the system's.
_names: dict[tuple[Path, int], str] = {}
_names_lock = threading.Lock()
_register_lock = threading.Lock()


def _font_name(path: Path, subfont: int, collection: bool) -> str:
    key = (path.resolve(), subfont)
    with _names_lock:
        if key in _names:
            return _names[key]
        # ASCII only: the name travels through ReportLab markup; 仿宋_GB2312 becomes "gb2312".
        slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "font"
        base = f"qdesk-{slug}-{subfont}" if collection else f"qdesk-{slug}"
        taken = set(_names.values())
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        _names[key] = name
        return name


# --- reading font files -----------------------------------------------------------------------

_TRUETYPE_VERSIONS = (b"\x00\x01\x00\x00", b"true")
_NAME_TABLE_LIMIT = 1 << 20


class _Unusable(Exception):
    """A font file ReportLab could not embed; carries what to tell the clerk."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.render("en"))
        self.message = message


@dataclass(frozen=True)
class _Face:
    family: str | None
    collection: bool


class _Faces:
    """The font files looked at during one search, each read once, and the warnings they gave."""

    def __init__(self) -> None:
        self._seen: dict[tuple[Path, int], _Face | None] = {}
        self.warnings: list[Msg] = []

    def usable(self, path: Path, subfont: int) -> bool:
        key = (path, subfont)
        if key not in self._seen:
            try:
                self._seen[key] = _read_face(path, subfont)
            except _Unusable as exc:
                self._seen[key] = None
                self.warnings.append(exc.message)
        return self._seen[key] is not None

    def choice(self, role: Role, path: Path, subfont: int, source: str) -> FontChoice:
        face = self._seen[(path, subfont)]
        assert face is not None, "choice() is only asked after usable() said yes"
        return FontChoice(role, _font_name(path, subfont, face.collection), path, subfont, source,
                          face.family or path.stem)


def _read_face(path: Path, subfont: int) -> _Face:
    """Check from the table directory that a face has TrueType outlines ReportLab may embed.

    Reads the table directory and two small tables (the OS/2 flags, the name), never the whole
    file: find_fonts runs for every report.
    """
    unreadable = msg("{file} cannot be read as a TrueType font; it is skipped.",
                     "字体文件 {file} 无法作为 TrueType 字体读取，已跳过。", file=str(path))
    try:
        with path.open("rb") as f:
            header = _read(f, 0, 12, unreadable)
            collection = header[:4] == b"ttcf"
            if collection:
                (count,) = struct.unpack(">I", header[8:12])
                if subfont >= count:
                    raise _Unusable(unreadable)
                (offset,) = struct.unpack(">I", _read(f, 12 + 4 * subfont, 4, unreadable))
            elif subfont == 0:
                offset = 0
            else:
                raise _Unusable(unreadable)
            version, num_tables = struct.unpack(">4sH", _read(f, offset, 6, unreadable))
            directory = _read(f, offset + 12, 16 * num_tables, unreadable)
            tables = {tag: (start, length) for tag, _, start, length
                      in struct.iter_unpack(">4sIII", directory)}
            if version == b"OTTO" or b"CFF " in tables or b"CFF2" in tables:
                raise _Unusable(msg(
                    "{file} holds PostScript (CFF) outlines, which PDF reports cannot embed; "
                    "it is skipped.",
                    "字体文件 {file} 是 PostScript（CFF）轮廓字体，PDF 报告无法嵌入，已跳过。",
                    file=str(path)))
            if version not in _TRUETYPE_VERSIONS or b"glyf" not in tables:
                raise _Unusable(unreadable)
            if not _embedding_allowed(f, tables, unreadable):
                raise _Unusable(msg(
                    "{file} does not allow itself to be embedded in documents; it is skipped.",
                    "字体文件 {file} 的授权不允许嵌入文档，已跳过。", file=str(path)))
            return _Face(_family_name(f, tables), collection)
    except OSError:
        raise _Unusable(unreadable) from None


def _read(f: BinaryIO, offset: int, size: int, failure: Msg) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise _Unusable(failure)
    return data


def _embedding_allowed(f: BinaryIO, tables: Mapping[bytes, tuple[int, int]], failure: Msg) -> bool:
    # The OS/2 fsType flags: a font marked restricted (0x0002), no-subsetting or bitmap-only
    # (0x0300) may not be embedded as ReportLab does it (an outline subset). ReportLab means to
    # refuse such fonts but its check lets them through, so a report would break the licence.
    if b"OS/2" not in tables:
        return True
    start, length = tables[b"OS/2"]
    if length < 10:
        raise _Unusable(failure)
    (fs_type,) = struct.unpack(">H", _read(f, start + 8, 2, failure))
    return not (fs_type == 0x0002 or fs_type & 0x0300)


def _family_name(f: BinaryIO, tables: Mapping[bytes, tuple[int, int]]) -> str | None:
    """The family name (name ID 1), English if the font has it; None when it cannot be had."""
    if b"name" not in tables:
        return None
    start, length = tables[b"name"]
    f.seek(start)
    data = f.read(min(length, _NAME_TABLE_LIMIT))
    try:
        _, count, strings = struct.unpack(">HHH", data[:6])
        best: tuple[int, str] | None = None
        for i in range(count):
            platform, encoding, language, name_id, size, offset = struct.unpack(
                ">6H", data[6 + 12 * i:18 + 12 * i])
            rank = _name_rank(platform, encoding, language)
            if name_id != 1 or rank is None or (best is not None and best[0] <= rank):
                continue
            raw = data[strings + offset:strings + offset + size]
            text = raw.decode("mac_roman" if platform == 1 else "utf-16-be").strip("\0 ")
            if text:
                best = (rank, text)
        return best[1] if best else None
    except (struct.error, UnicodeDecodeError):
        return None


def _name_rank(platform: int, encoding: int, language: int) -> int | None:
    """How much a name record is preferred (lower is better); None for encodings not decoded."""
    if platform == 3 and encoding in (1, 10):
        return 0 if language == 0x0409 else 2
    if platform == 0:
        return 1
    if platform == 1 and encoding == 0 and language == 0:
        return 3
    return None
