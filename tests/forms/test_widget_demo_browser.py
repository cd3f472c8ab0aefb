"""The widget demo in Chromium: the error summary leads to each field, with and without JavaScript,
and what people typed survives a failed submission."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Error summary message -> the element its link must focus.
EXPECTED_LINKS = {
    "Enter your email address": "#id_email",
    "Enter your age": "#id_age",
    "Enter a password": "#id_password",
    "Tell us about your experience": "#id_summary",
    "Select your area": "#id_area",
    "Select your profession": "#id_profession_0",
    "Select how we should contact you": "#id_contact_by_0",
    "Select at least 1 workstream": "#id_workstreams_0",
    "Start date must include a day and year": "#id_start_date_0",
    "Confirm that you agree to the terms": "#id_consent",
}


def fill_some_and_submit(page):
    page.goto("/widgets/")
    page.fill("#id_full_name", "Amina Khan")
    page.fill("#id_aims", "Meet other trainees")
    page.fill("#id_comments", "Thank you")
    page.fill("#id_start_date_1", "3")
    page.locator("main form button[type=submit]").click()
    # The answer has the same address: wait for its errors, as the form had none.
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    page.wait_for_load_state()


def assert_summary_leads_to_each_field(page):
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    links = summary.locator("a")
    assert [link.inner_text().strip() for link in links.all()] == list(EXPECTED_LINKS)
    for message, target in EXPECTED_LINKS.items():
        summary.get_by_role("link", name=message, exact=True).click()
        expect(page.locator(target)).to_be_focused()


def assert_typed_values_kept(page):
    expect(page.locator("#id_full_name")).to_have_value("Amina Khan")
    expect(page.locator("#id_aims")).to_have_value("Meet other trainees")
    expect(page.locator("#id_comments")).to_have_value("Thank you")
    expect(page.locator("#id_start_date_1")).to_have_value("3")
    expect(page.locator("#id_full_name")).not_to_have_class("nhsuk-input nhsuk-input--error")
    # Only the date boxes that are wrong are marked.
    expect(page.locator("#id_start_date_0")).to_have_class(re.compile("nhsuk-input--error"))
    expect(page.locator("#id_start_date_1")).not_to_have_class(re.compile("nhsuk-input--error"))


def test_empty_submit_with_javascript(page, axe):
    fill_some_and_submit(page)
    axe(page)  # the page with every error shown is accessible too
    assert page.title().startswith("Error: Form widgets")
    # NHS.UK frontend's JavaScript focuses the error summary on load.
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert_typed_values_kept(page)
    assert_summary_leads_to_each_field(page)


def test_empty_submit_without_javascript(page_without_js):
    page = page_without_js
    fill_some_and_submit(page)
    assert page.title().startswith("Error: Form widgets")
    assert_typed_values_kept(page)
    assert_summary_leads_to_each_field(page)


def test_character_count_counts_as_you_type(page):
    page.goto("/widgets/")
    page.fill("#id_aims", "one two three")
    expect(page.locator(".nhsuk-character-count__status").nth(1)).to_have_text(
        "You have 47 words remaining"
    )
    page.fill("#id_summary", "x" * 510)
    expect(page.locator(".nhsuk-character-count__status").first).to_have_text(
        "You have 10 characters too many"
    )


def test_choosing_phone_reveals_the_phone_number_field(page):
    page.goto("/widgets/")
    expect(page.locator("#id_phone_number")).to_be_hidden()
    page.check("#id_contact_by_1")
    expect(page.locator("#id_phone_number")).to_be_visible()
    expect(page.locator("#id_contact_by_1")).to_have_attribute("aria-expanded", "true")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    # Still revealed after the failed submit, with its own error linked from the summary.
    page.get_by_role("link", name="Enter your phone number").click()
    expect(page.locator("#id_phone_number")).to_be_focused()


def test_phone_number_field_is_shown_without_javascript(page_without_js):
    page_without_js.goto("/widgets/")
    expect(page_without_js.locator("#id_phone_number")).to_be_visible()


def test_a_valid_submission_is_accepted(page_without_js):
    page = page_without_js
    page.goto("/widgets/")
    page.fill("#id_full_name", "Amina Khan")
    page.fill("#id_email", "amina@nhs.net")
    page.fill("#id_age", "30")
    page.fill("#id_password", "a long password")
    page.fill("#id_summary", "I have seen racism on the ward.")
    page.fill("#id_aims", "Support and training")
    page.select_option("#id_area", "gm")
    page.check("#id_profession_1")
    page.check("#id_contact_by_1")
    page.fill("#id_phone_number", "0161 496 0000")
    page.check("#id_workstreams_0")
    page.fill("#id_start_date_0", "15")
    page.fill("#id_start_date_1", "3")
    page.fill("#id_start_date_2", "2027")
    page.check("#id_consent")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("The form was valid.")).to_be_visible()
    assert page.locator(".nhsuk-error-summary").count() == 0
