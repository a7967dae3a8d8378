from django import template
from django.utils.translation import pgettext

from ccaward.core import job_text
from ccaward.engine.benchmark import VOLUMES
from ccaward.engine.indicators import INDICATORS
from ccaward.kpis import findings
from ccaward.kpis.labels import INPUTS, LABELS, RULES, display

register = template.Library()


@register.filter
def kpi_value(value, key):
    return display(key, value)


@register.filter
def kpi_stat(value, row):
    """A peer statistic of a benchmark row: per day for a volume (compared per day
    covered), else as the indicator is shown."""
    if row["key"] in VOLUMES:
        return per_day_text(value)
    return display(row["key"], value)


@register.filter
def per_day_text(value):
    """A daily volume: 1,234.5 a day."""
    if value is None:
        return "—"
    return pgettext("kpi", "%(value)s a day") % {"value": f"{value:,.1f}"}


@register.filter
def kpi_label(key):
    return LABELS.get(key, key)


@register.filter
def rule_label(rule):
    """A loader rule as people read it, e.g. 时间无法识别 for unparseable_timestamp."""
    return RULES.get(rule, rule)


@register.filter
def finding(issue):
    """What a load report's finding says, in the reader's language (kpis.findings)."""
    return findings.sentence(issue)


@register.filter
def job_message(text):
    """An upload's failure message in the reader's language when it is a registered one."""
    return job_text.message(text)


@register.filter
def input_label(which):
    return INPUTS.get(which, which)


@register.filter
def best_first_order(key):
    """The aria-sort of a column ranked best first: higher is better -> descending values,
    lower -> ascending, a target band -> other (nearest the band first)."""
    direction = getattr(INDICATORS.get(key), "direction", None)
    return {"higher": "descending", "lower": "ascending"}.get(direction, "other")
