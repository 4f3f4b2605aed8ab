"""The leading group's documents: the roster as an attachment, and the notice of an adjustment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.roster import Member, Role, RosterLine
from qdesk.reports.document import Attachment, OfficialDocument
from qdesk.reports.flowables import BlankLine, GridText, SetLine
from qdesk.reports.fonts import FontSet, find_fonts
from qdesk.reports.header import issuing_organ, prepare
from qdesk.reports.layout import AREA_WIDTH
from qdesk.reports.period_report import ReportResult
from qdesk.store.database import Store
from qdesk.store.group import Adjustment, Group, adjustments, group_of, roster
from qdesk.store.settings import get_setting
from qdesk.store.units import Unit, home_unit

# Columns of a roster line, in characters: "副组长：" then the name, then the post.
ROLE_X, NAME_X, POST_X = 0, 4, 8
ROLE_LABELS = {Role.LEADER: "组　长：", Role.DEPUTY: "副组长：", Role.MEMBER: "成　员："}


def aligned_name(name: str) -> str:
    """Two-character names take a full-width space inside (王　刚) so the names line up."""
    return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name


def office_sentence(group: Group, lines: list[RosterLine]) -> str:
    """领导小组下设办公室，办公室设在XX，办公室主任由XX同志兼任。"""
    text = "领导小组下设办公室"
    if group.office_seat:
        text += f"，办公室设在{group.office_seat}"
    directors = [line for line in lines if line.role is Role.OFFICE_DIRECTOR]
    if directors:
        names = "、".join(line.name for line in directors)
        text += f"，办公室主任由{names}同志{'兼任' if directors[0].concurrent else '担任'}"
    return text + "。"


def roster_lines(doc: OfficialDocument, lines: list[RosterLine], width: float) -> list[SetLine]:
    """Each role with its members, the role named on its first line only."""
    result: list[SetLine] = []
    previous = None
    for line in lines:
        if line.role is Role.OFFICE_DIRECTOR:
            continue
        label = ROLE_LABELS[line.role] if line.role is not previous else ""
        previous = line.role
        cells = [(NAME_X, aligned_name(line.name)), (POST_X, line.post or line.unit or "　")]
        if label:
            cells.insert(0, (ROLE_X, label))
        result += doc.column_lines(cells, width)
    return result


def _context(store: Store) -> tuple[Unit, Group]:
    home = home_unit(store)
    group = group_of(store, home)
    if group is None:
        raise InputError(msg("the unit has no leading group yet: import its roster first "
                             "(qdesk group import)", "尚未建立领导小组，请先导入名单（qdesk group import）"))
    return home, group


def _fonts(store: Store) -> FontSet:
    return find_fonts(get_setting(store, "font_dir") or None)


def build_roster(store: Store, out: Path, day: dt.date | None = None) -> ReportResult:
    """The roster as of a day, as a standalone attachment: 附件, the title, the roles, the office."""
    day = day or dt.date.today()
    home, group = _context(store)
    lines = roster(store, group.id, day)
    fonts = _fonts(store)
    doc = OfficialDocument(fonts)
    doc.label("附件")
    doc.blank()
    doc.title(f"{group.name}成员名单")
    doc.add_lines(roster_lines(doc, lines, AREA_WIDTH))
    doc.blank()
    doc.paragraph(office_sentence(group, lines))
    doc.write(out, f"{group.name}成员名单", issuing_organ(store, home), subject=day.isoformat())
    return ReportResult(Path(out), fonts.describe(), list(fonts.warnings),
                        stand_ins=fonts.stand_in_notice())


def _who(member: Member) -> str:
    return f"{member.name}（{member.post}）" if member.post else member.name


def notice_paragraphs(group: Group, adjustment: Adjustment,
                      corrected: Adjustment | None = None) -> list[str]:
    """The body of the notice: who joins, who leaves and who changes, each a sentence; a
    correction names the adjustment it corrects (`corrected`) and says it withdraws or corrects it."""
    items = []
    for member in adjustment.joined:
        items.append(f"增补{_who(member)}为领导小组{member.role.label_zh}")
    for old, new in adjustment.changed:
        if old.role is not new.role:
            items.append(f"{new.name}由领导小组{old.role.label_zh}调整为{new.role.label_zh}"
                         + (f"（{new.post}）" if new.post else ""))
        else:
            items.append(f"{new.name}的职务由{old.post}调整为{new.post}")
    for member in adjustment.left:
        items.append(f"{_who(member)}不再担任领导小组{member.role.label_zh}")
    reason = adjustment.reason.rstrip("。")
    decision = f"对{group.name}成员进行调整"
    if corrected is not None:
        decision = (f"撤销{corrected.doc_number}对{group.name}成员所作的调整"
                    if adjustment.withdraws else
                    f"对{corrected.doc_number}所作的{group.name}成员调整予以更正")
    opening = (f"{reason}，经研究，决定{decision}。现将有关事项通知如下："
               if reason else f"经研究，决定{decision}。现将有关事项通知如下：")
    body = [opening]
    body += [f"{'一二三四五六七八九十'[i] if i < 10 else i + 1}、{text}。"
             for i, text in enumerate(items)]
    body.append("调整后的领导小组成员名单见附件。")
    return body


def build_adjustment_notice(store: Store, out: Path, doc_number: str | None = None,
                            signed: dt.date | None = None,
                            adjustment_id: int | None = None) -> ReportResult:
    """关于调整XX质量工作领导小组成员的通知, with the adjusted roster as its attachment; the
    adjustment chosen by its id, else by its document number, else the latest."""
    home, group = _context(store)
    history = adjustments(store, group.id)
    chosen = [a for a in history if (doc_number is None or a.doc_number == doc_number)
              and (adjustment_id is None or a.id == adjustment_id)]
    if not chosen:
        known = "、".join(a.doc_number for a in history) or "—"
        raise InputError(msg("no adjustment under {doc!r} (known: {known})",
                             "没有文号为“{doc}”的调整（已有：{known}）", doc=str(doc_number),
                             known=known))
    adjustment = chosen[-1]
    fonts = _fonts(store)
    title = f"关于调整{group.name}成员的通知"
    day = signed or adjustment.date
    # The notice is the adjustment's own document: it prints the number the adjustment was
    # recorded under, and one organ both heads and signs it.
    issue = prepare(store, home, "adjustment", title, day, upward=False,
                    fixed_number=adjustment.doc_number)
    doc = OfficialDocument(fonts, issue.header)
    doc.title(title)
    doc.addressee(get_setting(store, "notice_addressee", "各成员单位"))
    corrected = next((a for a in history if a.id == adjustment.corrects), None)
    for paragraph in notice_paragraphs(group, adjustment, corrected):
        doc.paragraph(paragraph)
    attachment_title = f"{group.name}成员名单"
    doc.attachment_note([attachment_title])
    issuer = issue.header.organ
    doc.signature(issuer, day)
    lines = roster(store, group.id, adjustment.date)
    parts = [GridText(roster_lines(doc, lines, AREA_WIDTH)), BlankLine(),
             GridText(doc.paragraph_lines(office_sentence(group, lines)))]
    doc.attach(Attachment(attachment_title, parts))
    doc.write(out, title, issuer, subject=adjustment.doc_number)
    return ReportResult(Path(out), fonts.describe(), list(fonts.warnings),
                        stand_ins=fonts.stand_in_notice(), doc_number=issue.header.number)
