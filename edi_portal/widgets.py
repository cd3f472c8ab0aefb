"""Widgets of the NHS.UK template pack that Django does not have."""

import datetime

from django import forms


class DateInput(forms.MultiWidget):
    """NHS.UK date input: day, month and year boxes (rendered by templates/nhsuk/fields/date.html).

    The boxes are posted as <name>_day, <name>_month and <name>_year.
    """

    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.parts}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]
