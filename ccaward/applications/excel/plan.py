"""What one row of an import will do, decided before anything is written, and
which answer problems stop a row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.engine import appform

# problems that stop a draft from being imported: a value of the wrong type, out
# of range or not an option (a missing answer does not: drafts may be incomplete)
BLOCKING = {
    "integer",
    "number",
    "min",
    "max",
    "max_length",
    "email",
    "url",
    "phone",
    "date",
    "choice",
    "one_choice",
    "picks_max",
}


def blocks(problem: appform.Problem, defn: appform.Definition, submit: bool) -> bool:
    owner = defn.owner(problem.key)
    if owner is not None and owner.type == "file":
        return False  # files are not imported; they are attached on the application's page
    if submit:
        return True
    if problem.code == "picks_exact":
        return problem.params.get("picked", 0) > problem.params.get("n", 0)
    return problem.code in BLOCKING


@dataclass
class Plan:
    """One row's plan: update `existing`, restart the withdrawn `restart`, or start
    a new application (in `center`, or a new center of `org` or of a new
    enterprise shared by the rows with the same `org_token`)."""

    row: int
    answers: dict
    result: appform.Validation
    category: Any
    submit: bool
    existing: Entry | None = None
    restart: Entry | None = None
    org: Organization | None = None
    org_token: tuple = ()
    org_name: str = ""
    credit_code: str = ""
    center: ContactCenter | None = None
    center_values: dict = field(default_factory=dict)
