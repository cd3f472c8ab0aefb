"""Renders allauth's form fields with NHS.UK frontend markup (see templates/allauth/elements/)."""

from django import template

register = template.Library()

WIDGET_CLASSES = {
    "checkbox": "nhsuk-checkboxes__input",
    "radio": "nhsuk-radios__input",
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
}


def input_type(bound_field):
    widget = bound_field.field.widget
    return (
        getattr(widget, "input_type", None) or widget.template_name.rpartition("/")[2].split(".")[0]
    )


@register.filter
def field_type(bound_field):
    """The widget's input type ("text", "email", "checkbox"...), or "textarea" / "select"."""
    return input_type(bound_field)


@register.filter
def nhsuk_widget(bound_field):
    """The field's widget with NHS.UK classes and its hint and error linked by aria-describedby.

    Placeholders are dropped: every field has a visible label, and NHS.UK advises against
    placeholder text.
    """
    kind = input_type(bound_field)
    css = WIDGET_CLASSES.get(kind, "nhsuk-input")
    if bound_field.errors and kind not in ("checkbox", "radio"):
        css += f" {css}--error"
    described_by = [
        f"{bound_field.auto_id}-{part}"
        for part, present in (("hint", bound_field.help_text), ("error", bound_field.errors))
        if present
    ]
    attrs = {"class": css, "placeholder": False}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
