from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context, permission, obj=None):
    """{% user_can "seasons.view_audit" season as can_audit %}: the rules the views use."""
    user = context["request"].user
    return user.is_authenticated and user.has_perm(permission, obj)
