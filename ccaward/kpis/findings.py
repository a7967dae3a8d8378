"""What the loader found in an upload, as sentences in the reader's language.

The engine (Django-free) reports each finding with its rule and ``params`` (the columns
a mapping names but the file lacks, the sheets a workbook has, per column the rows a
row rule caught); here each becomes a translated sentence, lists joined with the
language's separator. A finding stored before it had parameters reads as its rule's
sentence without them; the engine's English ``message`` is never shown in the page.
"""

from __future__ import annotations

from django.utils.translation import npgettext, pgettext, pgettext_lazy

from ccaward.core.audit_text import join

# file-level refusals: the sentence with the finding's parameters, and without them
FILE_FINDINGS = {
    "missing_column": (
        pgettext_lazy(
            "finding",
            "The mapping names columns the file does not have: %(columns)s. "
            "The file's columns: %(found)s.",
        ),
        pgettext_lazy(
            "finding", "The mapping names a column or an expression the file does not have."
        ),
    ),
    "missing_sheet": (
        pgettext_lazy("finding", "The workbook has no sheet %(sheet)s; its sheets: %(found)s."),
        pgettext_lazy("finding", "The workbook has no sheet the mapping names."),
    ),
    "empty_file": (None, pgettext_lazy("finding", "The file holds no records.")),
    "encoding": (
        None,
        pgettext_lazy(
            "finding",
            "The text is neither UTF-8 nor GBK: save it again as UTF-8 CSV, or as an Excel file.",
        ),
    ),
    "unreadable_file": (
        None,
        pgettext_lazy("finding", "The file cannot be read as CSV, Excel or Parquet."),
    ),
    "oversized_file": (
        None,
        pgettext_lazy("finding", "The workbook would expand beyond what the server reads."),
    ),
}


def _values(params: dict) -> dict:
    return {k: join(v) if isinstance(v, list) else str(v) for k, v in params.items()}


def _found(part: dict) -> str:
    text = npgettext(
        "finding",
        "%(column)s: %(n)s row (first: row %(row)s)",
        "%(column)s: %(n)s rows (first: row %(row)s)",
        part.get("count") or 0,
    ) % {"column": part.get("column", ""), "n": part.get("count", 0), "row": part.get("row", "")}
    if part.get("value") is not None:
        text += pgettext("finding", ", “%(value)s”") % {"value": part["value"]}
    return text


def sentence(issue: dict) -> str:
    """What one finding of a load report says, in the active language ("" when its rule
    label and row numbers say all there is)."""
    params = issue.get("params") or {}
    rule = issue.get("rule", "")
    if rule in FILE_FINDINGS:
        full, bare = FILE_FINDINGS[rule]
        if full is not None and params and not params.get("expression"):
            try:
                return str(full % _values(params))
            except (KeyError, TypeError):
                pass
        return str(bare)
    found = params.get("found")
    if found:
        return pgettext("list separator", "; ").join(_found(p) for p in found)
    return ""
