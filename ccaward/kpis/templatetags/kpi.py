from django import template

from ccaward.kpis.labels import LABELS, display

register = template.Library()


@register.filter
def kpi_value(value, key):
    return display(key, value)


@register.filter
def kpi_label(key):
    return LABELS.get(key, key)
