"""Matching a new row to the enterprises and centers already registered (by
credit code, then name; a center by its name as compared), or planning new
ones, shared by the rows of one file that name the same enterprise."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from ccaward.applications.enums import Industry
from ccaward.applications.excel.common import empty
from ccaward.applications.excel.plan import Plan
from ccaward.applications.excel.rows import Row
from ccaward.applications.models import Organization, validate_credit_code
from ccaward.engine import appform
from ccaward.engine.names import normalize_name


def _find_organization(plan: Plan, row: Row, name: str, code: str, planned_orgs: dict) -> None:
    """The enterprise by credit code, then by name; else one planned for the file
    (rows naming the same code or name share it)."""
    org = None
    if code:
        org = Organization.objects.filter(credit_code__iexact=code).order_by("pk").first()
    if org is None and name:
        org = Organization.objects.filter(name=name).order_by("pk").first()
    if org is not None:
        plan.org, plan.org_token = org, ("org", org.pk)
        return
    if code:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            row.problem("enterprise_credit_code", " ".join(exc.messages))
    token = planned_orgs.get(("code", code)) if code else None
    token = token or planned_orgs.get(("name", name)) or ("new", len(planned_orgs), name)
    if code:
        planned_orgs[("code", code)] = token
    if name:
        planned_orgs[("name", name)] = token
    plan.org_token, plan.org_name, plan.credit_code = token, name, code


def _new_center_values(plan: Plan, row: Row, new: dict, result, defn, center_name: str) -> None:
    typed = appform.typed(defn, result)
    industry = result.values.get("center_industry")
    if industry is None and "center.industry" in typed:
        industry = typed["center.industry"][0]
    if not industry and empty(new.get("center_industry")):
        row.problem(
            "center_industry",
            pgettext("import", "The industry is needed to add a new contact center."),
        )
    values = {
        "name": center_name,
        "industry": industry if industry in Industry.values else Industry.OTHER,
    }
    for key, attr in (
        ("center.address", "address"),
        ("center.year_started", "year_started"),
        ("center.seats", "seats"),
    ):
        value = typed.get(key, (None, ""))[0]
        if value not in (None, ""):
            values[attr] = int(value) if attr != "address" else str(value)
    plan.center_values = values


def plan_center(plan: Plan, row: Row, new: dict, result, defn, planned_orgs: dict) -> tuple:
    """Find the enterprise and the center a new row names (or plan to add them).
    Returns the center's identity within the file (empty without a center name)."""
    name = str(new.get("enterprise_name") or "").strip()
    code = str(new.get("enterprise_credit_code") or "").strip().upper()
    center_name = str(new.get("center_name") or "").strip()
    if not name:
        row.problem("enterprise_name", pgettext("import", "The enterprise name is missing."))
    if not center_name:
        row.problem("center_name", pgettext("import", "The contact center name is missing."))
    _find_organization(plan, row, name, code, planned_orgs)
    if plan.org is not None:
        wanted = normalize_name(center_name)
        plan.center = next(
            (c for c in plan.org.centers.all() if normalize_name(c.name) == wanted), None
        )
    if not center_name:
        return ()
    if plan.center is not None:
        return ("center", plan.center.pk)
    _new_center_values(plan, row, new, result, defn, center_name)
    return ("new", plan.org_token, normalize_name(center_name))
