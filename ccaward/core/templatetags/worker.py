from django import template

from ccaward.core.worker import worker_running

register = template.Library()


@register.inclusion_tag("core/_worker_warning.html")
def worker_warning():
    """{% worker_warning %}: a warning when no background worker has beaten lately."""
    return {"running": worker_running()}
