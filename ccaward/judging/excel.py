"""The judge pool as an Excel workbook (or a UTF-8 CSV), and back.

Row 1 holds each column's label in Chinese and English, row 2 its key (so a
file maps whatever its labels say), one judge per row from row 3; the template's
row 3 is an example (its e-mail is at example.com, which the import skips). A
file without the key row is read by its labels in row 1 (Chinese, English or
both), its judges from row 2. Multi-valued cells are separated by 、 ， , ; or
line breaks; industries, channels and dimensions are given by key or by name in
either language. The import is all or nothing: every problem is reported by
row, column and label, and nothing is written while there is one. A judge whose
e-mail is in the pool already is updated (the file's columns only)."""

from __future__ import annotations

import csv
import io
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ccaward.applications.excel.common import CONTENT_TYPE, blank
from ccaward.applications.excel.reading import LIMITS, MAX_ROWS, NotAWorkbook, TooManyRows
from ccaward.applications.excel.report import ImportProblem
from ccaward.core import audit
from ccaward.engine import packages
from ccaward.judging import choices
from ccaward.judging.domain.conflicts import detect_conflicts
from ccaward.judging.domain.values import LIST_FIELDS, clean_profile, lookups
from ccaward.judging.models import JudgeProfile

__all__ = ["CONTENT_TYPE", "ImportResult", "export_bytes", "import_file", "template_bytes"]

KEY_ROW = 2
EXAMPLE_DOMAIN = "example.com"
# (key, Chinese label, English label), in the sheet's order
COLUMNS = (
    ("name", "姓名", "Name"),
    ("email", "电子邮箱", "E-mail"),
    ("title", "职务/职称", "Title"),
    ("employer", "现任单位", "Current employer"),
    ("former_employers", "曾任单位", "Former employers"),
    ("affiliations", "关联单位", "Affiliations"),
    ("industries", "擅长行业", "Industries"),
    ("channels", "擅长渠道", "Channels"),
    ("dimensions", "擅长评价维度", "Framework dimensions"),
    ("min_load", "最少评审数", "Minimum load"),
    ("max_load", "最多评审数", "Maximum load"),
)
REQUIRED = ("name", "email")
SHEET_TITLE = pgettext_lazy("export", "Judges")


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    added: list[JudgeProfile] = field(default_factory=list)
    updated: list[JudgeProfile] = field(default_factory=list)
    unchanged: int = 0
    examples: int = 0
    detection: object = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _label(key: str) -> str:
    zh, en = next((z, e) for k, z, e in COLUMNS if k == key)
    return en if (translation.get_language() or "").startswith("en") else zh


def _label_lookup() -> dict[str, str]:
    out = {}
    for key, zh, en in COLUMNS:
        for text in (key, zh, en, f"{zh} {en}", f"{zh}\n{en}", f"{zh}({en})", f"{zh}（{en}）"):
            out[_fold(text)] = key
    return out


def _fold(text) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


# --------------------------------------------------------------------------- reading


def _xlsx_rows(file) -> list[list]:
    try:
        file.seek(0)
        with packages.open_checked(file, LIMITS) as z:
            packages.verify(z, LIMITS)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise NotAWorkbook from exc
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                ws = next(s for s in book.worksheets if hasattr(s, "iter_rows"))
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()
                return _capped(list(v) for v in ws.iter_rows(values_only=True))
            finally:
                book.close()
    except TooManyRows:
        raise
    except Exception as exc:  # a broken file can fail anywhere inside openpyxl
        raise NotAWorkbook from exc


def _capped(rows) -> list[list]:
    out = []
    for row in rows:
        if len(out) > MAX_ROWS + KEY_ROW:
            raise TooManyRows(MAX_ROWS)
        out.append(row)
    return out


def _csv_rows(file) -> list[list]:
    file.seek(0)
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotAWorkbook from exc
    return _capped(list(r) for r in csv.reader(io.StringIO(text)))


def read_file(file) -> list[list]:
    """The cell values row by row. Raises NotAWorkbook, TooManyRows,
    packages.PackageRefused."""
    name = getattr(file, "name", "") or ""
    return _csv_rows(file) if name.lower().endswith(".csv") else _xlsx_rows(file)


def _columns(rows, problems) -> tuple[dict[str, int], int]:
    """{key: 0-based column} and the first data row (1-based)."""
    keys = {k for k, _z, _e in COLUMNS}
    key_row = rows[KEY_ROW - 1] if len(rows) >= KEY_ROW else []
    if any(not blank(v) and str(v).strip() in keys for v in key_row):
        header_row, first, by = KEY_ROW, KEY_ROW + 1, {k: k for k in keys}
    else:
        header_row, first, by = 1, 2, _label_lookup()
    header = rows[header_row - 1] if len(rows) >= header_row else []
    index: dict[str, int] = {}
    for i, value in enumerate(header):
        if blank(value):
            continue
        key = by.get(str(value).strip() if header_row == KEY_ROW else _fold(value))
        if key is None:
            continue  # a column of the organizer's own is left alone
        if key in index:
            problems.append(
                ImportProblem(
                    pgettext("import", "This column appears twice."),
                    header_row,
                    get_column_letter(i + 1),
                    _label(key),
                )
            )
        index[key] = i
    for key in REQUIRED:
        if key not in index:
            problems.append(
                ImportProblem(
                    pgettext("import", "The column “%(zh)s / %(en)s” is missing.")
                    % {"zh": _label_zh(key), "en": _label_en(key)},
                    header_row,
                )
            )
    return index, first


def _label_zh(key):
    return next(z for k, z, _e in COLUMNS if k == key)


def _label_en(key):
    return next(e for k, _z, e in COLUMNS if k == key)


def _row_values(row, index) -> dict:
    out = {}
    for key, i in index.items():
        value = row[i] if i < len(row) else None
        if isinstance(value, str):
            value = value.strip()
        out[key] = "" if value is None else value
    return out


def _check_rows(season, rows, index, first, result) -> list[tuple[int, dict]]:
    known = lookups(season)
    seen: dict[str, int] = {}
    plans = []
    for n, row in enumerate(rows[first - 1 :], start=first):
        if all(blank(v) for v in row):
            continue
        values = _row_values(row, index)
        email = str(values.get("email", "")).strip().lower()
        if email.endswith("@" + EXAMPLE_DOMAIN):
            result.examples += 1
            continue
        try:
            cleaned = clean_profile(season, values, known=known)
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                letter = get_column_letter(index[key] + 1) if key in index else None
                for message in errors:
                    result.problems.append(ImportProblem(message, n, letter, _label(key)))
            continue
        if cleaned["email"] in seen:
            result.problems.append(
                ImportProblem(
                    pgettext("import", "The same e-mail as row %(row)s.")
                    % {"row": seen[cleaned["email"]]},
                    n,
                    get_column_letter(index["email"] + 1),
                    _label("email"),
                )
            )
            continue
        seen[cleaned["email"]] = n
        plans.append((n, cleaned))
    return plans


# --------------------------------------------------------------------------- writing


def _write(season, plans, by, result) -> None:
    existing = {
        j.email.lower(): j for j in JudgeProfile.objects.select_for_update().filter(season=season)
    }
    for n, cleaned in plans:
        judge = existing.get(cleaned["email"])
        if judge is None:
            result.added.append(JudgeProfile.objects.create(season=season, **cleaned))
            continue
        merged_low = cleaned.get("min_load", judge.min_load)
        merged_high = cleaned.get("max_load", judge.max_load)
        if merged_low is not None and merged_high is not None and merged_low > merged_high:
            result.problems.append(
                ImportProblem(
                    pgettext(
                        "validation", "The minimum load (%(min)s) is above the maximum (%(max)s)."
                    )
                    % {"min": merged_low, "max": merged_high},
                    n,
                    None,
                    _label("min_load"),
                )
            )
            continue
        changed = {k: v for k, v in cleaned.items() if getattr(judge, k) != v}
        if not changed:
            result.unchanged += 1
            continue
        for key, value in changed.items():
            setattr(judge, key, value)
        judge.version += 1
        judge.save()
        result.updated.append(judge)


def import_file(*, season, file, by) -> ImportResult:
    """Import judges from an uploaded workbook or CSV, all or nothing.

    Side effects (only when no row has a problem): JudgeProfile rows added or
    updated (by e-mail), an audit event "judging.judges.imported" with the
    counts and the e-mails, conflict detection (detect_conflicts)."""
    result = ImportResult()
    try:
        rows = read_file(file)
    except NotAWorkbook:
        result.problems.append(
            ImportProblem(
                pgettext("import", "This file is not an Excel workbook (.xlsx) or a UTF-8 CSV.")
            )
        )
        return result
    except TooManyRows as exc:
        result.problems.append(
            ImportProblem(pgettext("import", "At most %(n)s judges per file.") % {"n": exc.limit})
        )
        return result
    except packages.PackageRefused as exc:
        result.problems.append(ImportProblem(str(exc)))
        return result
    index, first = _columns(rows, result.problems)
    if result.problems:
        return result
    plans = _check_rows(season, rows, index, first, result)
    if result.problems:
        return result
    with transaction.atomic():
        _write(season, plans, by, result)
        if result.problems:
            transaction.set_rollback(True)
            result.added, result.updated, result.unchanged = [], [], 0
            return result
        audit.record(
            actor=by,
            action="judging.judges.imported",
            season=season,
            summary=f"+{len(result.added)} ~{len(result.updated)}",
            data={
                "added": len(result.added),
                "updated": len(result.updated),
                "unchanged": result.unchanged,
                "emails": [j.email for j in result.added + result.updated][:500],
            },
        )
        result.detection = detect_conflicts(season=season, by=by)
    return result


# --------------------------------------------------------------------------- the workbook


def _cell_text(season, key, value, labels) -> object:
    if key in LIST_FIELDS:
        names = labels.get(key, {})
        return "、".join(str(names.get(v, v)) for v in value or [])
    return value if value is not None else ""


def _book(season, judges, *, example: bool) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = str(SHEET_TITLE)
    ws.append([f"{zh}\n{en}" for _k, zh, en in COLUMNS])
    ws.append([k for k, _z, _e in COLUMNS])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for i, _col in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 18
        ws.cell(row=2, column=i).font = Font(color="888888")
    labels = {
        "industries": dict(choices.industries()),
        "channels": dict(choices.channels()),
        "dimensions": dict(choices.dimensions(season)),
    }
    if example:
        dims = [name for _c, name in choices.dimensions(season)][:2]
        sample = {
            "name": "（示例）张伟",
            "email": f"zhangwei@{EXAMPLE_DOMAIN}",
            "title": "客户服务研究院 院长",
            "employer": "中国建设银行股份有限公司",
            "former_employers": "中国移动通信集团有限公司、平安银行",
            "affiliations": "中国信息协会客户联络中心分会",
            "industries": "、".join(str(v) for _k, v in choices.industries()[:2]),
            "channels": "、".join(str(v) for _k, v in choices.channels()[:3]),
            "dimensions": "、".join(dims),
            "min_load": 2,
            "max_load": 12,
        }
        ws.append([sample[k] for k, _z, _e in COLUMNS])
        for cell in ws[3]:
            cell.font = Font(italic=True, color="666666")
    for judge in judges:
        ws.append([_cell_text(season, k, getattr(judge, k), labels) for k, _z, _e in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_bytes(season) -> bytes:
    """The import's template: the header rows and an example row that is skipped."""
    return _book(season, [], example=True)


def export_bytes(season) -> bytes:
    """The season's pool in the import's format (re-importing it changes nothing)."""
    return _book(
        season, JudgeProfile.objects.filter(season=season).order_by("name", "pk"), example=False
    )
