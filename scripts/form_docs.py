#!/usr/bin/env python3
"""Write docs/application-form.md from the application-form definition.

Reads ccaward/applications/data/form_default.yaml (schema v1, see the loader
ccaward.engine.appform) and renders one markdown table per section: the seed-003
question, the field key, type, whether it is required, both labels and the rules.

Standalone: needs only python3 and PyYAML (no Django, no ccaward imports).

    python3 scripts/form_docs.py            # (re)write docs/application-form.md
    python3 scripts/form_docs.py --stdout   # print the markdown instead
    python3 scripts/form_docs.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "ccaward" / "applications" / "data" / "form_default.yaml"
TARGET = ROOT / "docs" / "application-form.md"

PART_NAMES = {
    1: ("基本信息", "Basic information"),
    2: ("管理信息", "Management information"),
    3: ("单位回执", "Declaration"),
    4: ("问卷说明", "Notes"),
}

INTRO_ZH = (
    "本文档列出“中国十佳呼叫中心奖（卓越全渠道客服）评选申报表”（种子问卷 003）的表单定义："
    "每个问题对应一个字段，含字段键、类型、是否必填、中英文标签及校验规则。"
    "申请人的答案按答案键以其填写的原始字符串保存，并与所用表单定义的版本（`{key}`）一同存档，"
    "日后修订表单不会改变已提交答案的含义。答案键约定：普通字段为 `<字段键>`；"
    "表格单元格为 `<表格>.<行>.<列>`，“其他（请说明）”行的名称为 `<表格>.<行>.name`；"
    "单选/多选中“其他”的说明为 `<字段键>.other`；“是/有（请说明）”的说明为 `<字段键>.detail`。"
)

INTRO_EN = (
    "This page documents the form definition of the China Top 10 Contact Centers Award "
    "(Omnichannel Customer Service Excellence) application form (seed questionnaire 003): "
    "every question is a field with a key, a type, whether it is required, Chinese and English "
    "labels and its validation rules. An applicant's answers are stored as the strings they "
    "typed, keyed by answer key, together with the version of the form definition they were "
    "given (`{key}`), so later revisions of the form do not change what a submitted answer "
    "means. Answer keys: a plain field is `<key>`; a table cell is `<table>.<row>.<column>` and "
    "the name of an “other (please specify)” row is `<table>.<row>.name`; the text of a "
    "choice's or multi's “other” option is `<key>.other`; the explanation asked for by a "
    "yes/no (“yes, please specify”) is `<key>.detail`."
)

TYPES = (
    ("text / textarea", "单行 / 多行文本", "one line / several lines of text (max length)"),
    ("email / url / phone", "邮箱 / 网址 / 电话", "text in that format"),
    ("integer / decimal", "整数 / 小数", "a number, optionally with min, max and unit"),
    ("percent", "百分比", "a number 0..100 unless min/max say otherwise"),
    ("year / date", "年份 / 日期", "a 4-digit year / YYYY-MM-DD"),
    (
        "choice / multi",
        "单选 / 多选",
        "option values; `other` adds 其他(请说明) with `<key>.other`",
    ),
    ("yesno", "是否 / 有无", "`yes` or `no`; a detail asks for `<key>.detail`"),
    ("file", "附件", "stored-file ids; accepted kinds, one or several files"),
    ("table", "表格", "one answer per cell `<table>.<row>.<column>`"),
    ("consent", "声明", "a box that must be ticked when required"),
    ("info", "说明", "text only, no answer"),
)

HEADER = (
    "| Seed 003 question (source) | Field key | Type | Required | zh label | en label | Rules |\n"
    "|---|---|---|---|---|---|---|"
)


def cell(value: Any) -> str:
    """A markdown-table-safe rendering of value."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def prose(value: Any) -> str:
    """cell() for free text: markdown emphasis characters escaped."""
    return cell(value).replace("*", "\\*").replace("_", "\\_")


def code(value: Any) -> str:
    return f"`{value}`"


def bilingual(text: Any) -> str:
    if isinstance(text, dict):
        return " / ".join(str(text[lang]) for lang in ("zh", "en") if text.get(lang))
    return "" if text is None else str(text)


def number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def range_rule(spec: dict[str, Any]) -> str | None:
    low, high = spec.get("min"), spec.get("max")
    if low is not None and high is not None:
        return f"{number(low)}..{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"≤ {number(high)}"
    return None


def maps_rule(maps_to: Any) -> str:
    if isinstance(maps_to, dict):
        return ", ".join(f"{col} → {code(target)}" for col, target in maps_to.items())
    return f"→ {code(maps_to)}"


def visible_rule(visible_if: dict[str, Any]) -> str:
    field = code(visible_if.get("field"))
    if "in" in visible_if:
        values = ", ".join(code(v) for v in visible_if["in"])
        return f"visible if {field} in [{values}]"
    return f"visible if {field} = {code(visible_if.get('equals'))}"


def field_rules(field: dict[str, Any]) -> str:
    kind = field.get("type")
    rules: list[str] = []
    if kind == "table":
        rows, columns = field.get("rows", []), field.get("columns", [])
        rules.append(f"table {len(rows)} rows × {len(columns)} columns (see below)")
    if field.get("format"):
        rules.append(f"format {field['format']}")
    options = field.get("options")
    if options:
        values = ", ".join(code(o["value"]) for o in options)
        extra = " + `other`" if field.get("other") else ""
        noun = "option" if len(options) == 1 else "options"
        rules.append(f"{len(options)} {noun}{extra}: {values}")
    elif field.get("other"):
        rules.append("+ `other`")
    low, high = field.get("min_picks"), field.get("max_picks")
    if low is not None and low == high:
        rules.append(f"exactly {low} picks")
    else:
        if low is not None:
            rules.append(f"min {low} picks")
        if high is not None:
            rules.append(f"max {high} picks")
    if kind != "table":
        span = range_rule(field)
        if span:
            rules.append(span if kind != "year" else f"year {span}")
        elif kind == "percent":
            rules.append("0..100")
    if field.get("unit"):
        rules.append(f"unit {bilingual(field['unit'])}")
    elif kind == "percent":
        rules.append("unit %")
    if field.get("max_length") is not None:
        rules.append(f"max length {field['max_length']}")
    if kind in ("yesno",) and (field.get("yes_label") or field.get("no_label")):
        yes = (field.get("yes_label") or {}).get("zh", "是")
        no = (field.get("no_label") or {}).get("zh", "否")
        rules.append(f"answers {yes}/{no}")
    detail = field.get("detail")
    if detail:
        when = ", ".join(code(v) for v in detail.get("when", []))
        rules.append(f"`{field['key']}.detail` when {when}")
    if kind == "file":
        accept = ", ".join(field.get("accept", []))
        many = "several files" if field.get("multiple") else "one file"
        rules.append(f"{accept}; {many}")
    if field.get("visible_if"):
        rules.append(visible_rule(field["visible_if"]))
    if field.get("maps_to") is not None:
        rules.append(maps_rule(field["maps_to"]))
    if field.get("prefill"):
        rules.append(f"prefilled from `{field['prefill']}`")
    return "; ".join(rules)


def required_mark(field: dict[str, Any]) -> str:
    if field.get("type") == "info":
        return "—"
    if not field.get("required") and any(r.get("required") for r in field.get("rows", [])):
        return "some cells"
    return "yes" if field.get("required") else ""


def field_row(field: dict[str, Any]) -> str:
    label = field.get("label") or {}
    cells = [
        prose(field.get("source")),
        code(field["key"]),
        cell(field.get("type")),
        required_mark(field),
        prose(label.get("zh")),
        prose(label.get("en")),
        cell(field_rules(field)),
    ]
    return "| " + " | ".join(cells) + " |"


def table_details(field: dict[str, Any]) -> list[str]:
    key = field["key"]
    lines = [f"Table {code(key)}: rows", ""]
    lines.append("| Row key | zh label | en label | Rules |")
    lines.append("|---|---|---|---|")
    for row in field.get("rows", []):
        rules: list[str] = []
        if row.get("other"):
            rules.append(f"other row: name in `{key}.{row['key']}.name`")
        if row.get("type"):
            rules.append(f"type {row['type']}")
        span = range_rule(row)
        if span:
            rules.append(span)
        if row.get("unit"):
            rules.append(f"unit {bilingual(row['unit'])}")
        if row.get("maps_to"):
            rules.append(maps_rule(row["maps_to"]))
        if row.get("required"):
            req = row["required"]
            rules.append("required: " + ("every column" if req is True else ", ".join(req)))
        label = row.get("label") or {}
        lines.append(
            f"| {code(row['key'])} | {prose(label.get('zh'))} | {prose(label.get('en'))} "
            f"| {cell('; '.join(rules))} |"
        )
    lines += ["", f"Table {code(key)}: columns", ""]
    lines.append("| Column key | zh label | en label | Type | Rules |")
    lines.append("|---|---|---|---|---|")
    for column in field.get("columns", []):
        rules = []
        span = range_rule(column)
        if span:
            rules.append(span)
        elif column.get("type") == "percent":
            rules.append("0..100")
        if column.get("unit"):
            rules.append(f"unit {bilingual(column['unit'])}")
        label = column.get("label") or {}
        lines.append(
            f"| {code(column['key'])} | {prose(label.get('zh'))} | {prose(label.get('en'))} "
            f"| {cell(column.get('type'))} | {cell('; '.join(rules))} |"
        )
    lines += ["", f"A cell's answer key is `{key}.<row>.<column>`."]
    if field.get("required"):
        lines.append("Required: every cell of every row that is not an other row.")
    return lines


def render(definition: dict[str, Any]) -> str:
    title = definition.get("title") or {}
    form_key = definition.get("key", "")
    sections = definition.get("sections", [])
    fields = [f for s in sections for f in s.get("fields", [])]
    out: list[str] = [
        "<!-- Generated by scripts/form_docs.py from "
        "ccaward/applications/data/form_default.yaml; do not edit by hand. -->",
        "",
        "# Application form / 申报表",
        "",
        f"**{prose(title.get('zh'))}**  ",
        f"**{prose(title.get('en'))}**",
        "",
        INTRO_ZH.format(key=form_key),
        "",
        INTRO_EN.format(key=form_key),
        "",
        f"Form definition `{form_key}`: {len(sections)} sections, {len(fields)} fields, "
        f"{sum(1 for f in fields if f.get('required'))} of them required, "
        f"{len(definition.get('checks') or [])} checks.",
        "",
    ]
    out += ["## Field types / 字段类型", "", "| Type | 含义 | Answer |", "|---|---|---|"]
    out += [f"| {kind} | {zh} | {en} |" for kind, zh, en in TYPES]
    out.append("")
    for part, (zh, en) in PART_NAMES.items():
        part_sections = [s for s in sections if s.get("part") == part]
        if not part_sections:
            continue
        out += [f"## Part {part} · {zh} / {en}", ""]
        for section in part_sections:
            stitle = section.get("title") or {}
            out += [
                f"### Part {part} · {prose(stitle.get('zh'))} / {prose(stitle.get('en'))}",
                "",
                f"Section key {code(section['key'])}.",
                "",
            ]
            if section.get("intro"):
                intro = section["intro"]
                out += [prose(intro.get("zh")), "", prose(intro.get("en")), ""]
            out.append(HEADER)
            section_fields = section.get("fields", [])
            out += [field_row(f) for f in section_fields]
            out.append("")
            for field in section_fields:
                if field.get("type") == "table":
                    out += table_details(field)
                    out.append("")
    checks = definition.get("checks") or []
    out += ["## Checks / 跨字段校验", ""]
    if checks:
        out.append("| Check key | zh label | en label | Sum of | Equals | Section |")
        out.append("|---|---|---|---|---|---|")
        for check in checks:
            label = check.get("label") or {}
            summed = ", ".join(code(k) for k in check.get("sum", []))
            equals = number(check.get("equals"))
            if check.get("when_any_filled"):
                equals += " (when any is filled)"
            out.append(
                f"| {code(check['key'])} | {prose(label.get('zh'))} | {prose(label.get('en'))} "
                f"| {summed} | {equals} | {code(check.get('section'))} |"
            )
        out += ["", "`*` in a summed key stands for every row of the table."]
    else:
        out.append("No cross-field checks.")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--stdout", action="store_true", help="print instead of writing")
    mode.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)

    with SOURCE.open(encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)
    text = render(definition)

    if args.stdout:
        sys.stdout.write(text)
        return 0
    relative = TARGET.relative_to(ROOT)
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
        if current != text:
            print(
                f"{relative} is out of date; run: python3 scripts/form_docs.py",
                file=sys.stderr,
            )
            return 1
        print(f"{relative} is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
