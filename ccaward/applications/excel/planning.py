"""Planning an import row by row: what each row will do (update an application,
restart a withdrawn one, or start one), with every problem found before
anything is written."""

from __future__ import annotations

from django.utils.translation import pgettext

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus
from ccaward.applications.excel.common import FIRST_ROW, IDENTITY, empty, norm, statuses
from ccaward.applications.excel.matching import plan_center
from ccaward.applications.excel.plan import Plan, blocks
from ccaward.applications.excel.reading import Columns
from ccaward.applications.excel.report import ImportProblem, ImportReport
from ccaward.applications.excel.rows import Row, read_category, read_existing, read_status
from ccaward.applications.models import Entry
from ccaward.applications.wording import problem_text, question_label
from ccaward.engine import appform
from ccaward.engine.text import control_character

IMPORTABLE = (None, EntryStatus.DRAFT, EntryStatus.SUBMITTED)


def _status_message() -> str:
    return pgettext("import", "Only drafts and submitted applications can be imported.")


def _comparable(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if not empty(v)}


def _as_imported(entry: Entry, defn, *, answer_keys, language) -> dict:
    """The entry's answers as they would come back from its export row."""
    own = domain.form_of(entry).parsed
    answers = entry.answers or {}
    result = appform.validate(own, answers)
    cols = {c.key: c for c in appform.export_columns(defn)}
    cells = {
        k: appform.cell_value(cols[k], result, answers, language) for k in answer_keys if k in cols
    }
    return appform.answers_from_cells(defn, cells)


class Planner:
    """Plans the rows of one file for `season`'s current form `defn`."""

    def __init__(self, *, season, defn, columns: Columns, language: str, report: ImportReport):
        self.season, self.defn, self.columns = season, defn, columns
        self.language, self.report = language, report
        self.categories = {}
        for c in season.categories.all():
            for name in (c.name_zh, c.name_en):
                if name:
                    self.categories.setdefault(norm(name), c)
        self.statuses = statuses()
        self.plans: list[Plan] = []
        self.sheet = ""
        self.seen: dict[tuple, int] = {}  # (center identity, category) -> first row
        self.planned_orgs: dict[tuple, tuple] = {}  # ("code", x) / ("name", x) -> token

    def label(self, key: str) -> str:
        if key in IDENTITY:
            return str(IDENTITY[key])
        return question_label(self.defn, key, self.language)

    def plan_rows(self, rows) -> list[Plan]:
        self.sheet = getattr(rows, "title", "")
        for n, values in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
            self.plan_row(Row(n, values, self.columns, self.label))
        return self.plans

    def plan_row(self, row: Row) -> None:
        if row.is_blank():
            return
        if row.is_example():
            self.report.examples += 1
            return
        self._control_characters(row)
        new = row.answers(self.defn)
        existing = read_existing(row, self.season)
        status = read_status(row, self.statuses)
        category = read_category(row, self.categories, existing)
        if existing is not None:
            update = self._update(row, existing, new, status)
            if update is None:
                return
            answers, submit = update
        else:
            answers, submit = dict(new), status == EntryStatus.SUBMITTED
            if status not in IMPORTABLE:
                row.problem("_status", _status_message())
        plan = Plan(
            row=row.n,
            answers=answers,
            result=appform.validate(self.defn, answers),
            category=category,
            submit=submit,
        )
        checked_at = len(row.problems)  # the answers' problems are listed here
        if existing is not None:
            plan.existing = existing
            identity = ("center", existing.center_id)
        else:
            identity = plan_center(plan, row, new, plan.result, self.defn, self.planned_orgs)
        if category is not None and identity:
            self._once(plan, row, identity, new)
        row.problems[checked_at:checked_at] = self._answer_problems(plan, row)
        self.report.problems.extend(row.problems)
        self.plans.append(plan)

    def _control_characters(self, row: Row) -> None:
        """A cell holding a control character is a problem naming its sheet, row and
        column (PostgreSQL cannot store NUL; the others are invisible)."""
        for key in row.columns.index:
            value = row.cell(key)
            multiline = appform.is_multiline(self.defn, key)
            if isinstance(value, str) and (found := control_character(value, multiline=multiline)):
                row.problem(
                    key,
                    pgettext(
                        "import",
                        "sheet “%(sheet)s”: the cell holds a control character (%(character)s) "
                        "that cannot be stored; remove it (it may have come with pasted text).",
                    )
                    % {"sheet": self.sheet, "character": found},
                )

    def _update(self, row: Row, existing: Entry, new: dict, status) -> tuple[dict, bool] | None:
        """The answers and submission of a row that names an application; None when
        the row is done with: unchanged, or refused (an application that is not a
        draft changes only after an organizer reopens it)."""
        answers = {k: v for k, v in (existing.answers or {}).items() if k not in row.columns.index}
        answers.update(new)
        answer_keys = row.columns.answer_keys()
        before = _as_imported(existing, self.defn, answer_keys=answer_keys, language=self.language)
        changed = _comparable(before) != _comparable(
            {k: v for k, v in new.items() if k in answer_keys}
        )
        submit = status == EntryStatus.SUBMITTED and existing.status == EntryStatus.DRAFT
        if existing.status != EntryStatus.DRAFT:
            if changed or status not in (None, existing.status):
                row.problem(
                    "_entry",
                    pgettext(
                        "import",
                        "Application %(n)s is %(status)s and read-only; an organizer can "
                        "reopen it before it is changed by an import.",
                    )
                    % {"n": existing.pk, "status": existing.get_status_display()},
                )
                self.report.problems.extend(row.problems)
                return None
            if not row.problems:
                self.report.unchanged += 1
                return None
        elif status not in IMPORTABLE:
            row.problem("_status", _status_message())
        elif not changed and not submit and not row.problems:
            self.report.unchanged += 1
            return None
        return answers, submit

    def _once(self, plan: Plan, row: Row, identity: tuple, new: dict) -> None:
        """A center enters a category once: not twice in the file, and a new row not
        when its center's application to the category is under way (a withdrawn
        one is restarted with the row's answers)."""
        twice = self.seen.get((identity, plan.category.pk))
        if twice is not None:
            row.problem(
                "center_name",
                pgettext("import", "The same contact center and category are in row %(row)s too.")
                % {"row": twice},
            )
        else:
            self.seen[(identity, plan.category.pk)] = row.n
        if plan.existing is not None or plan.center is None:
            return
        taken = Entry.objects.filter(category=plan.category, center=plan.center).first()
        if taken is None:
            return
        if taken.status == EntryStatus.WITHDRAWN:
            plan.restart = taken
            answers = {k: v for k, v in (taken.answers or {}).items() if k not in row.columns.index}
            plan.answers = {**answers, **new}
            plan.result = appform.validate(self.defn, plan.answers)
            return
        row.problem(
            "center_name",
            pgettext(
                "import",
                "This contact center has entered this category already (application %(n)s).",
            )
            % {"n": taken.pk},
        )

    def _answer_problems(self, plan: Plan, row: Row) -> list[ImportProblem]:
        """The answers' problems that stop the row (every one, for a submission)."""
        return [
            ImportProblem(
                problem_text(p, self.language),
                row.n,
                row.columns.letters.get(p.key),
                question_label(self.defn, p.key, self.language),
            )
            for p in plan.result.problems
            if blocks(p, self.defn, plan.submit)
        ]
