"""``{% course_menu %}``: the links of the course pages the signed-in user's roles use."""

from __future__ import annotations

from typing import Any

from django import template

from vocnet.courses.selectors_offering import course_menu as menu_links

register = template.Library()


@register.inclusion_tag("courses/offering/_menu.html", takes_context=True)
def course_menu(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"links": menu_links(user) if user is not None else []}
