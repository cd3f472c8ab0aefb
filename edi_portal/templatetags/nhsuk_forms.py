"""The logic of the "nhsuk" crispy-forms template pack (templates/nhsuk/).

For each bound field it decides which NHS.UK frontend component renders it and works out the ids
that tie the label, hint, character count message and error message to the control
(aria-describedby), and which element the error summary links to.
"""

import copy
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms, template
from django.forms.boundfield import BoundField

from edi_portal.widgets import DateInput

register = template.Library()

SIZES = {"s", "m", "l", "xl"}
# A word limit on a textarea (CharacterCountField(max_words=...) sets it); it configures the
# character count and is not rendered on the textarea itself.
MAXWORDS_ATTR = "data-maxwords"
# Django's Textarea defaults to 10 rows and 40 columns; NHS.UK's to 5 rows and the CSS width.
DJANGO_TEXTAREA_ROWS = "10"
NHSUK_TEXTAREA_ROWS = "5"


@dataclass
class FieldComponent:
    """What the pack's templates need to render one field as an NHS.UK component."""

    field: BoundField
    component: str
    id: str
    label_class: str
    legend_class: str
    page_heading: bool
    inline: bool
    hint_id: str
    error_id: str
    info_id: str
    maxlength: int | None
    maxwords: int | None
    conditional: dict
    item_hints: dict

    @property
    def template(self):
        """Inputs, textareas and selects share one template; every other component has its own."""
        name = "control" if self.component in {"input", "textarea", "select"} else self.component
        return f"nhsuk/fields/{name}.html"

    @property
    def has_errors(self):
        return bool(self.field.errors)

    @property
    def described_by(self):
        """ids of the hint and error message, in NHS.UK frontend's order."""
        ids = []
        if self.info_id:
            ids.append(self.info_id)
        if self.field.help_text:
            ids.append(self.hint_id)
        if self.has_errors:
            ids.append(self.error_id)
        return " ".join(ids)

    def widget(self):
        """The control (input, textarea, select) with the NHS.UK classes and aria-describedby."""
        widget = self.field.field.widget
        base = {
            "input": "nhsuk-input",
            "textarea": "nhsuk-textarea",
            "character_count": "nhsuk-textarea",
            "select": "nhsuk-select",
            "file": "nhsuk-file-upload__input",
        }[self.component]
        classes = [base]
        if self.has_errors and self.component != "file":
            classes.append(f"{base}--error")
        if self.component in {"textarea", "character_count"}:
            widget = copy.copy(widget)
            # No maxlength: the character count replaces the browser's hard limit, so that people
            # can paste a longer text, see how far over it is and edit it; the server enforces
            # the limit. No cols: NHS.UK's CSS sets the width.
            widget.attrs = {
                name: value
                for name, value in widget.attrs.items()
                if name not in {"maxlength", MAXWORDS_ATTR, "cols"}
            }
            if widget.attrs.get("rows") == DJANGO_TEXTAREA_ROWS:
                widget.attrs["rows"] = NHSUK_TEXTAREA_ROWS
        if self.component == "character_count":
            classes.append("nhsuk-js-character-count")
        if isinstance(widget, forms.ClearableFileInput):
            # NHS.UK's file upload is the bare input; the current file is shown by file.html.
            widget = forms.FileInput(attrs=widget.attrs)
        classes.extend(c for c in widget.attrs.get("class", "").split() if c not in classes)
        attrs = {"class": " ".join(classes)}
        if self.described_by:
            attrs["aria-describedby"] = self.described_by
        return self.field.as_widget(widget=widget, attrs=attrs)

    @property
    def current_file(self):
        """The file already uploaded (editing a saved object), if it has an address to link to."""
        value = self.field.value()
        return value if getattr(value, "url", None) else None

    def choices(self):
        """The radio or checkbox items, each with the HTML it reveals when chosen (if any)."""
        return [
            {
                "id": subwidget.data["attrs"]["id"],
                "name": subwidget.data["name"],
                "value": subwidget.data["value"],
                "label": subwidget.data["label"],
                "checked": subwidget.data["selected"],
                "disabled": bool(subwidget.data["attrs"].get("disabled")),
                "conditional": self.conditional.get(str(subwidget.data["value"]), ""),
                "conditional_id": f"conditional-{subwidget.data['attrs']['id']}",
                "hint": self.item_hints.get(str(subwidget.data["value"]), ""),
                "hint_id": f"{subwidget.data['attrs']['id']}-item-hint",
            }
            for subwidget in self.field.subwidgets
        ]

    def date_parts(self):
        """The day, month and year boxes, each marked when the error is about it."""
        field = self.field
        widget = field.field.widget
        if field.form.is_bound:
            values = widget.value_from_datadict(field.form.data, field.form.files, field.html_name)
        else:
            values = widget.decompress(field.value())
        in_error = set()
        for error in field.errors.as_data():
            in_error.update((error.params or {}).get("parts", widget.parts))
        return [
            {
                "id": f"{self.id}_{index}",
                "name": f"{field.html_name}_{part}",
                "label": part.capitalize(),
                "value": value or "",
                "width": 4 if part == "year" else 2,
                "error": part in in_error,
                "disabled": field.field.disabled,
            }
            for index, (part, value) in enumerate(zip(widget.parts, values, strict=True))
        ]


def component_of(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Textarea):
        has_limit = getattr(bound_field.field, "max_length", None) or MAXWORDS_ATTR in widget.attrs
        return "character_count" if has_limit else "textarea"
    if widget.is_hidden:
        return "hidden"
    return "input"


def _size_class(prefix, size):
    if not size:
        return prefix
    if size not in SIZES:
        raise ValueError(f"NHS.UK sizes are {sorted(SIZES)}, not {size!r}")
    return f"{prefix} {prefix}--{size}"


@register.simple_tag(takes_context=True)
def nhsuk_field(context, bound_field):
    """Describe `bound_field` for the pack's templates (options come from the NHSField layout object)."""
    options = context.get("nhsuk_options") or {}
    component = component_of(bound_field)
    field_id = bound_field.auto_id or f"id_{bound_field.html_name}"
    widget = bound_field.field.widget
    maxwords = widget.attrs.get(MAXWORDS_ATTR)
    return FieldComponent(
        field=bound_field,
        component=component,
        id=field_id,
        label_class=_size_class("nhsuk-label", options.get("label_size")),
        legend_class=_size_class("nhsuk-fieldset__legend", options.get("legend_size")),
        page_heading=bool(options.get("page_heading")),
        inline=bool(options.get("inline")),
        hint_id=f"{field_id}-hint",
        error_id=f"{field_id}-error",
        info_id=f"{field_id}-info" if component == "character_count" else "",
        maxlength=None if maxwords else getattr(bound_field.field, "max_length", None),
        maxwords=int(maxwords) if maxwords else None,
        conditional=options.get("conditional") or {},
        item_hints={str(value): hint for value, hint in (options.get("hints") or {}).items()},
    )


@register.filter
def nhsuk_error_target(bound_field):
    """The id the error summary links to: the control itself, the first radio or checkbox, or
    the day box of a date input (NHS.UK frontend's error summary focuses that element)."""
    component = component_of(bound_field)
    if component in {"radios", "checkboxes"}:
        subwidgets = bound_field.subwidgets
        return subwidgets[0].data["attrs"]["id"] if subwidgets else bound_field.auto_id
    if component == "date":
        return f"{bound_field.auto_id}_0"  # the day box
    return bound_field.id_for_label


@register.filter
def nhsuk_button_classes(button):
    """nhsuk-button plus the button's own css_class, without crispy's Bootstrap defaults."""
    bootstrap = {"btn", "btn-primary", "btn-inverse", "btn-secondary"}
    own = [c for c in button.field_classes.split() if c not in bootstrap]
    return " ".join(["nhsuk-button", *own])


# Filter and booking forms are rendered the same way for most visitors, and rendering one through
# the pack's templates costs more than the rest of the page. Each rendering is kept under a
# fingerprint of everything it is made from, so a changed choice, value or label is a new entry.
RENDERED_FORMS_KEPT = 256
_rendered_forms = OrderedDict()
_rendered_forms_lock = threading.Lock()


def _plain(value):
    """A stable text for a choice value, label or initial (model choice values print as the pk)."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def form_fingerprint(form):
    """What the form's HTML depends on, hashed; None when its errors are shown (never kept)."""
    if form.is_bound and form.errors:
        return None
    parts = [type(form).__module__, type(form).__qualname__, form.prefix, str(form.auto_id)]
    if form.is_bound:
        data = form.data
        parts.append(
            sorted(
                (key, data.getlist(key) if hasattr(data, "getlist") else data[key]) for key in data
            )
        )
    for name, field in form.fields.items():
        if hasattr(field.widget, "choices"):
            # Read once (a model choice field's come from a query), and rendered from this list.
            field.widget.choices = list(iter(field.widget.choices))  # iter: no COUNT for a length
        parts.append(
            (
                name,
                type(field).__qualname__,
                type(field.widget).__qualname__,
                str(field.label),
                str(field.help_text),
                field.required,
                field.disabled,
                sorted((key, str(value)) for key, value in field.widget.attrs.items()),
                _plain(form.get_initial_for_field(field, name)),
                _plain(getattr(field.widget, "choices", ())),
            )
        )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@register.filter
def crispy_reused(form):
    """`{{ form|crispy }}`, reusing an identical earlier rendering (see form_fingerprint)."""
    fingerprint = form_fingerprint(form)
    if fingerprint is None:
        return as_crispy_form(form)
    with _rendered_forms_lock:
        html = _rendered_forms.get(fingerprint)
        if html is not None:
            _rendered_forms.move_to_end(fingerprint)
            return html
    html = as_crispy_form(form)
    with _rendered_forms_lock:
        _rendered_forms[fingerprint] = html
        while len(_rendered_forms) > RENDERED_FORMS_KEPT:
            _rendered_forms.popitem(last=False)
    return html
