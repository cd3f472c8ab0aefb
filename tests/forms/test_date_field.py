"""NHSDateField: NHS.UK date input validation with clear messages."""

import datetime

import pytest
from django import forms

from edi_portal.forms import NHSDateField


class DateForm(forms.Form):
    start_date = NHSDateField(label="Start date")
    end_date = NHSDateField(label="When did it end?", error_name="End date", required=False)


def errors_for(day, month, year, field="start_date"):
    data = {f"{field}_day": day, f"{field}_month": month, f"{field}_year": year}
    if field != "start_date":
        data.update(start_date_day="1", start_date_month="1", start_date_year="2027")
    form = DateForm(data=data)
    assert not form.is_valid()
    return form.errors[field], form.errors.as_data()[field][0].params["parts"]


def test_a_real_date_is_cleaned_to_a_date():
    form = DateForm(
        data={"start_date_day": " 5", "start_date_month": "03", "start_date_year": "2027"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"start_date": datetime.date(2027, 3, 5), "end_date": None}


def test_a_required_date_left_empty_asks_for_it():
    form = DateForm(data={})
    assert not form.is_valid()
    assert form.errors["start_date"] == ["Enter start date"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "parts"),
    [
        ("", "3", "2027", "Start date must include a day", ["day"]),
        ("5", "", "", "Start date must include a month and year", ["month", "year"]),
        ("31", "2", "2027", "Start date must be a real date", ["day"]),
        ("5", "13", "2027", "Start date must be a real date", ["month"]),
        ("5", "March", "2027", "Start date must be a real date", ["month"]),
        ("5", "3", "27", "Year must include 4 numbers", ["year"]),
    ],
)
def test_a_wrong_date_says_what_is_wrong_and_which_box(day, month, year, message, parts):
    assert errors_for(day, month, year) == ([message], parts)


def test_error_name_starts_the_messages():
    assert errors_for("30", "2", "2027", field="end_date") == (
        ["End date must be a real date"],
        ["day"],
    )


def test_initial_date_fills_the_boxes():
    form = DateForm(initial={"start_date": datetime.date(2027, 3, 15)})
    widget = form.fields["start_date"].widget
    assert widget.decompress(form["start_date"].value()) == ["15", "3", "2027"]
