"""Template filters of the statistics dashboard."""

from django import template

register = template.Library()


@register.filter
def percent(fraction) -> str:
    """Render a fraction 0–1 as a percentage with one decimal, "—" when there is none."""
    if fraction is None:
        return "—"
    return f"{float(fraction) * 100:.1f} %"
