"""Running the row rules over the typed staged rows (the view ``_ccaward_typed``): a
quick check that tells a clean input in one scan, then, when something is wrong, every
bad row by rule and file with what each rule found."""

from __future__ import annotations

import re

from ccaward.engine.interactions.rules import Kind
from ccaward.engine.interactions.schema import MAX_ROWS_REPORTED, Issue
from ccaward.engine.sql import dialect as db

# bytes of memory per distinct value the repeated-value check holds at once (measured
# at 10 M contact ids: about 90 bytes each); the check runs in as many passes as keep
# each pass's hash table within the memory limit
_BYTES_PER_DISTINCT = 120
_TEXT_COLUMN = re.compile(r"\b_t_(\w+)")
_NAME = re.compile(r'"?([a-z_]+)"?')


def quick_check(con, kind: Kind) -> tuple[int, bool, dict[str, int]]:
    """(rows read, clean?, {notice: count}) of a kind with a unique key, in one scan for
    every row rule and notice and a count of repeated keys; when not clean, the
    repeated keys are kept in ``_ccaward_repeats`` for the window rules' candidates."""
    plain = [sql for rule, sql in kind.rules if rule not in kind.window_rules]
    plain += [sql for _, sql in kind.notices]
    counts = ", ".join(f"count(*) FILTER (WHERE coalesce({sql}, FALSE))" for sql in plain)
    first = con.execute(f"SELECT count(*), {counts} FROM _ccaward_typed").fetchone()
    rows_read = first[0]
    noticed = dict(
        zip(
            (rule for rule, _ in kind.notices), first[len(first) - len(kind.notices) :], strict=True
        )
    )
    rule_counts = first[1 : len(first) - len(kind.notices)]
    clean = not any(rule_counts) and not _repeats(con, kind.unique_key, rows_read)
    if not clean:  # the repeated values, for the window rules' candidates
        _repeats(con, kind.unique_key, rows_read, keep=True)
    return rows_read, clean, noticed


def _repeats(con, key: str, rows: int, *, keep: bool = False) -> bool:
    """True when two staged rows share a value of ``key`` (NULLs aside).

    A count of distinct values holds every value in one hash table, which DuckDB cannot
    spill: past the memory limit (e.g. 100 M contact ids with 1 GB) it fails. So the
    values are split by their hash into as many passes as keep each pass within the
    limit; equal values have equal hashes, so each repeat is found in one pass.
    ``keep``: also store every repeated value in the table ``_ccaward_repeats`` (column
    ``value``), pass by pass the same way.
    """
    per_pass = max(1, db.memory_limit_bytes(con) // _BYTES_PER_DISTINCT)
    passes = max(1, -(-rows // per_pass))
    k = db.name(key)
    if keep:
        db.create_temp(
            con,
            "_ccaward_repeats",
            f"SELECT {k} AS value FROM _ccaward_typed WHERE FALSE",
            view=False,
        )
    found = False
    for i in range(passes):
        where = f"WHERE {db.hash_bucket(k, passes)} = {i}" if passes > 1 else ""
        if keep:
            con.execute(
                f"INSERT INTO _ccaward_repeats SELECT {k} FROM _ccaward_typed {where} "
                f"GROUP BY {k} HAVING count(*) > 1 AND {k} IS NOT NULL"
            )
            continue
        sql = f"SELECT count({k}) - count(DISTINCT {k}) FROM _ccaward_typed {where}"
        if con.execute(sql).fetchone()[0]:
            found = True
            break
    if keep:
        found = con.execute("SELECT count(*) FROM _ccaward_repeats").fetchone()[0] > 0
    return found


def find_bad_rows(con, kind: Kind, files: list[str]) -> tuple[list, int, int]:
    """Every bad row, by rule and file: (issues, rows read, rows bad).

    The window columns (duplicates, overlaps) are computed over the few rows that can
    have them (kind.candidates), not over every row: a window over all rows sorts the
    whole table. Only the flagged rows are kept apart (``_ccaward_bad``); the good rows
    go straight from the typed view into the target.
    """
    rules = kind.rules
    flags = ", ".join(f"coalesce({sql}, FALSE) AS _r{i}" for i, (_, sql) in enumerate(rules))
    any_bad = " OR ".join(f"_r{i}" for i in range(len(rules)))
    db.create_temp(
        con,
        "_ccaward_windows",
        f"SELECT _file, _row, {kind.windows} FROM _ccaward_typed WHERE {kind.candidates}",
        view=False,
    )
    db.create_temp(
        con,
        "_ccaward_bad",
        "SELECT * FROM ("
        f"SELECT _file, _row, {flags} FROM _ccaward_typed "
        "LEFT JOIN _ccaward_windows USING (_file, _row)"
        f") WHERE {any_bad}",
        view=False,
    )
    con.execute("DROP TABLE _ccaward_windows")
    found = []
    for i, (rule, _) in enumerate(rules):
        for file_index, n, rows in con.execute(
            f"SELECT _file, count(*), {db.first_values('_row', MAX_ROWS_REPORTED)} "
            f"FROM _ccaward_bad WHERE _r{i} GROUP BY _file ORDER BY _file"
        ).fetchall():
            found.append((i, rule, n, tuple(int(r) for r in rows), file_index))
    details = _details(con, kind, {i for i, *_ in found})
    issues = [
        Issue(rule, n, rows, files[f], *details.get((i, f), ("", {})))
        for i, rule, n, rows, f in found
    ]
    rows_read = con.execute("SELECT count(*) FROM _ccaward_typed").fetchone()[0]
    rows_bad = con.execute("SELECT count(*) FROM _ccaward_bad").fetchone()[0]
    return issues, rows_read, rows_bad


def _unwrap(atom: str) -> str:
    """A condition without the one pair of parentheses around all of it, if there is one."""
    if not (atom.startswith("(") and atom.endswith(")")):
        return atom
    depth = 0
    for i, char in enumerate(atom):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and i < len(atom) - 1:
            return atom  # "(a) AND (b)": the first parenthesis closes before the end
    return atom[1:-1]


def _conditions(kind: Kind, fired: set[int]) -> list[tuple[int, str, str, str | None]]:
    """(rule index, label, condition, value SQL or None) of each condition of the fired
    row rules: a rule is an OR of conditions (one per column for the parse rules)."""
    parts = []
    for i, (rule, sql) in enumerate(kind.rules):
        if i not in fired or rule in kind.window_rules or "_prev_end" in sql:
            continue
        for atom in sql.split(" OR "):
            atom = atom.strip()
            if atom == "FALSE":
                continue
            text = _TEXT_COLUMN.search(atom)
            if text:  # a parse rule: the column, and the text that did not parse
                label, value = text.group(1), f"_t_{text.group(1)}"
                if "IS NULL AND _n_" in atom:  # a missing value: there is no text
                    value = None
            elif rule == "missing_value":
                label, value = _NAME.match(_unwrap(atom)).group(1), None
            else:
                label, value = _unwrap(atom).replace('"', ""), None
            parts.append((i, label, atom, value))
    return parts


def _details(con, kind: Kind, fired: set[int]) -> dict[tuple[int, int], tuple[str, dict]]:
    """What each fired row rule found, by (rule index, file): which column or condition,
    how many rows, the first one and its text, e.g. ``arrived_at: 2 (first row 2,
    '2024-13-01')``, and the same as values ({"found": [{"column", "count", "row",
    "value"}]}) for a page to put into its own words. Window rules (repeated ids,
    overlaps) say all there is.
    """
    parts = _conditions(kind, fired)
    if not parts:
        return {}
    select = []
    for j, (_, _, atom, value) in enumerate(parts):
        hit = f"coalesce({atom}, FALSE)"
        select.append(f"count(*) FILTER (WHERE {hit}) AS n{j}")
        select.append(f"min(_row) FILTER (WHERE {hit}) AS r{j}")
        if value is not None:
            select.append(f"{db.arg_min(value, '_row')} FILTER (WHERE {hit}) AS v{j}")
    result = con.execute(
        f"SELECT _file, {', '.join(select)} FROM "
        f"{db.semi_join('_ccaward_typed', '_ccaward_bad', '_file, _row')} GROUP BY _file"
    )
    names = [d[0] for d in result.description]
    out: dict[tuple[int, int], list[str]] = {}
    found: dict[tuple[int, int], list[dict]] = {}
    for record in result.fetchall():
        row = dict(zip(names, record, strict=True))
        for j, (i, label, _, value) in enumerate(parts):
            if not row[f"n{j}"]:
                continue
            shown, text = "", None
            if value is not None and row.get(f"v{j}") is not None:
                text = str(row[f"v{j}"])
                text = text if len(text) <= 60 else text[:60] + "..."
                shown = ", " + repr(text)
            out.setdefault((i, row["_file"]), []).append(
                f"{label}: {row[f'n{j}']} (first row {row[f'r{j}']}{shown})"
            )
            found.setdefault((i, row["_file"]), []).append(
                {"column": label, "count": row[f"n{j}"], "row": row[f"r{j}"]}
                | ({"value": text} if text is not None else {})
            )
    return {key: ("; ".join(texts), {"found": found[key]}) for key, texts in out.items()}
