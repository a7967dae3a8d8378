from django import template

from ccaward.core import nav

register = template.Library()


@register.inclusion_tag("core/_season_nav.html", takes_context=True)
def season_nav(context, season):
    """{% season_nav season %}: the season's menu as the apps registered it."""
    request = context["request"]
    return {"season": season, "links": nav.links(request.user, season, request.resolver_match)}
