from django import template

from ccaward.engine.indicators import INDICATORS
from ccaward.kpis.labels import INPUTS, LABELS, RULES, display

register = template.Library()


@register.filter
def kpi_value(value, key):
    return display(key, value)


@register.filter
def kpi_label(key):
    return LABELS.get(key, key)


@register.filter
def rule_label(rule):
    """A loader rule as people read it, e.g. 时间无法识别 for unparseable_timestamp."""
    return RULES.get(rule, rule)


@register.filter
def input_label(which):
    return INPUTS.get(which, which)


@register.filter
def best_first_order(key):
    """The aria-sort of a column ranked best first: higher is better -> descending values,
    lower -> ascending, a target band -> other (nearest the band first)."""
    direction = getattr(INDICATORS.get(key), "direction", None)
    return {"higher": "descending", "lower": "ascending"}.get(direction, "other")
