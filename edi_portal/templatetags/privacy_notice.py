from django import template

from edi_portal.privacy import form_notice

register = template.Library()


@register.inclusion_tag("components/privacy_link.html")
def privacy_link(anchor):
    """A form's link to its own section of the privacy notice, next to its submit button."""
    return {"notice": form_notice(anchor)}
