"""The published results as files, all made from a publication's snapshot alone
(never from the live tables, so a download cannot drift from what was published):

- a category's ballots as BALLOTS.csv, the file `ccaward tally` reads (no header,
  one ballot a row, `B=C` for equal ranks, `count=N` for N identical ballots);
- the judges' scores under pseudonyms as SCORES.csv (`judge,entry,criterion,score`)
  and the framework as YAML, the files `ccaward score` reads;
- the snapshot itself as its canonical JSON (its SHA-256 is the digest);
- the results (winners and special awards per category) as JSON or CSV, for
  `ccaward results` and the API;
- the command lines that count and score again.
"""

from __future__ import annotations

import csv
import io

import yaml

from ccaward.engine.voting.csvio import write_ballots
from ccaward.engine.voting.pollfile import write_poll
from ccaward.engine.voting.types import Ballot
from ccaward.results.domain.snapshot import canonical_json

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
YAML_TYPE = "application/yaml; charset=utf-8"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def ballots_csv(part: dict) -> str:
    """A category's published ballots as BALLOTS.csv."""
    ballots = [
        Ballot(ranks=tuple(frozenset(group) for group in b["ranking"]), count=int(b["count"]))
        for b in part["ballots"]
    ]
    return write_ballots(ballots)


def scores_csv(snapshot: dict) -> str:
    """The judges' scores under pseudonyms as SCORES.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["judge", "entry", "criterion", "score"])
    for row in snapshot["scoring"]["scores"]:
        writer.writerow([row["judge"], row["entry"], row["criterion"], row["score"]])
    return out.getvalue()


def framework_yaml(snapshot: dict) -> str:
    """The framework the totals were computed under, as `ccaward score --framework`
    reads it."""
    framework = snapshot["scoring"].get("framework")
    if not framework:
        return ""
    head = (
        f"# The evaluation framework of season {snapshot['season']['slug']} as published\n"
        "# (read by ccaward score --framework).\n"
    )
    return head + yaml.safe_dump(framework, allow_unicode=True, sort_keys=False, width=100)


def snapshot_json(snapshot: dict) -> str:
    """The snapshot as its canonical JSON: `sha256sum` of the file is the digest."""
    return canonical_json(snapshot)


def poll_of(part: dict) -> dict | None:
    """The category's published poll when it weighed in (held, weight above 0)."""
    poll = part.get("poll") or {}
    return poll if poll.get("enabled") and int(poll.get("weight") or 0) > 0 else None


def poll_csv(part: dict) -> str:
    """A category's published poll votes as POLL.csv (`ccaward tally --poll`)."""
    return write_poll((poll_of(part) or {}).get("counts") or {})


def poll_filename(ballots_filename: str) -> str:
    return ballots_filename.replace("BALLOTS-", "POLL-", 1)


def tally_command(part: dict, filename: str) -> str:
    """The `ccaward tally` line that counts a category's ballots again (with the
    poll's votes and weight when the poll weighed in)."""
    voting = part["voting"]
    line = [
        "ccaward tally",
        filename,
        f"--method {voting['method']}",
        f"--seats {voting.get('seats') or part['quota']}",
    ]
    if part["shortlist"]:
        line.append("--candidates " + ",".join(part["shortlist"]))
    if voting["method"] == "schulze" and voting.get("strength") == "margin":
        line.append("--strength margin")
    if voting["method"] == "approval" and voting.get("approvals"):
        line.append(f"--max-approvals {voting['approvals']}")
    poll = poll_of(part)
    if poll is not None:
        line.append(f"--poll {poll_filename(filename)} --poll-weight {int(poll['weight'])}")
    return " ".join(line)


def score_command(snapshot: dict) -> str:
    scoring = snapshot["scoring"]
    return (
        "ccaward score SCORES.csv --framework FRAMEWORK.yaml "
        f"--method {scoring['method']} --scale {scoring['scale']} --bootstrap 0"
    )


def entry_rows(snapshot: dict) -> dict[str, dict]:
    return {row["code"]: row for row in snapshot["entries"]}


def results_data(publication) -> dict:
    """The published results: the publication, then per category its winners (with
    their totals and dimension profiles), an open tie if any, and special awards."""
    snapshot = publication.snapshot
    rows = entry_rows(snapshot)
    categories = []
    for part in snapshot["categories"]:
        decision = part.get("decision") or {}
        categories.append(
            {
                "name_zh": part["name_zh"],
                "name_en": part["name_en"],
                "kind": part["kind"],
                "quota": part["quota"],
                "winners": [_winner(code, rows) for code in decision.get("winners") or []],
                "tied": list(decision.get("tied") or []),
                "special": part["special"],
            }
        )
    return {
        "season": snapshot["season"],
        "publication": publication.number,
        "published_at": publication.published_at.isoformat(),
        "digest": publication.digest,
        "chain": snapshot["chain"],
        "categories": categories,
    }


def _winner(code: str, rows: dict) -> dict:
    row = rows.get(code, {"code": code})
    keep = ("code", "center", "organization_zh", "organization_en", "total", "rank", "dimensions")
    return {k: row[k] for k in keep if k in row}


def _text(value) -> str:
    """A cell no spreadsheet runs as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def results_csv(publication) -> str:
    """One row per winner and special award: category, kind, code, center,
    enterprise, total, then the justification of a special award."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["category", "award", "code", "center", "organization", "total", "note"])
    for c in results_data(publication)["categories"]:
        for w in c["winners"]:
            writer.writerow(
                [
                    _text(c["name_zh"]),
                    "winner",
                    w["code"],
                    _text(w.get("center", "")),
                    _text(w.get("organization_zh", "")),
                    w.get("total") or "",
                    "",
                ]
            )
        for s in c["special"]:
            writer.writerow(
                [
                    _text(c["name_zh"]),
                    "special",
                    s.get("entry") or "",
                    _text(s.get("center_zh", "")),
                    "",
                    "",
                    _text(s.get("justification", "")),
                ]
            )
    return out.getvalue()
