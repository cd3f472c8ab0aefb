"""The "nhsuk" crispy template pack renders each field as NHS.UK frontend 10's component does.

Expected fragments follow `node render.js <component> "<fixture>"` (NHS.UK frontend's own
fixtures), with Django's ids; assertInHTML ignores attribute order and whitespace.
"""

import datetime
import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Button, Div, Layout, Submit
from django import forms
from django.template import Context, Template
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from edi_portal.forms import CharacterCountField, Fieldset, NHSDateField, NHSField, WidgetDemoForm
from tests.browser_client import BrowserClient


def render(form, template="{% load crispy_forms_tags %}{{ form|crispy }}"):
    return Template(template).render(Context({"form": form, "csrf_token": "a-token"}))


def render_summary(form):
    return render(form, '{% include "components/error_summary.html" %}')


class ContactForm(forms.Form):
    name = forms.CharField(label="What is your name?", help_text="As it appears on your ID")
    details = forms.CharField(label="Can you provide more detail?", widget=forms.Textarea)
    location = forms.ChoiceField(
        label="Choose location", choices=[("", "Choose location"), ("nw", "North West")]
    )
    contact = forms.ChoiceField(
        label="How do you want to be contacted?",
        widget=forms.RadioSelect,
        choices=[("email", "Email"), ("phone", "Phone")],
        help_text="Select 1 option",
    )
    topics = forms.MultipleChoiceField(
        label="Topics",
        widget=forms.CheckboxSelectMultiple,
        choices=[("a", "Anti-racism"), ("b", "Disability")],
        required=False,
    )
    agree = forms.BooleanField(label="I agree", help_text="You can change your mind later")
    born = NHSDateField(label="Date of birth", help_text="For example, 31 3 1980")
    upload = forms.FileField(label="Upload a file", required=False)


def bound_with_errors():
    form = ContactForm(
        data={
            "name": "",
            "details": "Some detail",
            "location": "nw",
            "contact": "phone",
            "topics": ["b"],
            "born_day": "",
            "born_month": "3",
            "born_year": "1980",
        }
    )
    assert not form.is_valid()
    return form


def test_text_input_with_label_and_hint():
    html = render(ContactForm())
    assertInHTML(
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">What is your name?</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your ID</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text" required
            aria-describedby="id_name-hint">
        </div>
        """,
        html,
    )


def test_text_input_with_error_is_marked_and_described_by_hint_and_error():
    html = render(bound_with_errors())
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_name">What is your name?</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your ID</div>
          <span class="nhsuk-error-message" id="id_name-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>This field is required.
          </span>
          <input class="nhsuk-input nhsuk-input--error" id="id_name" name="name" type="text"
            required aria-invalid="true" aria-describedby="id_name-hint id_name-error">
        </div>
        """,
        html,
    )


@pytest.mark.parametrize(
    ("field", "input_type"),
    [
        (forms.EmailField(), "email"),
        (forms.IntegerField(), "number"),
        (forms.CharField(widget=forms.PasswordInput), "password"),
    ],
)
def test_email_number_and_password_inputs_are_nhs_inputs(field, input_type):
    form = type("OneField", (forms.Form,), {"answer": field})()
    assertInHTML(
        f'<input class="nhsuk-input" id="id_answer" name="answer" type="{input_type}" required>',
        render(form).replace(' maxlength="320"', ""),
    )


def test_width_class_on_the_widget_is_kept():
    form = WidgetDemoForm()
    assert 'class="nhsuk-input nhsuk-input--width-3"' in render(form)


def test_textarea_has_nhs_rows_and_keeps_its_value_after_errors():
    html = render(bound_with_errors())
    assertInHTML(
        """
        <textarea class="nhsuk-textarea" id="id_details" name="details" rows="5" required>Some detail</textarea>
        """,
        html,
    )


def test_select_keeps_the_chosen_option_and_shows_errors():
    html = render(bound_with_errors())
    assertInHTML(
        """
        <select class="nhsuk-select" id="id_location" name="location" required>
          <option value="">Choose location</option>
          <option value="nw" selected>North West</option>
        </select>
        """,
        html,
    )
    empty = ContactForm(data={"location": ""})
    empty.is_valid()
    assert 'class="nhsuk-select nhsuk-select--error"' in render(empty)


def test_radios_in_a_fieldset_with_legend_hint_and_error():
    form = ContactForm(data={})
    form.is_valid()
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_contact-hint id_contact-error">
            <legend class="nhsuk-fieldset__legend">How do you want to be contacted?</legend>
            <div class="nhsuk-hint" id="id_contact-hint">Select 1 option</div>
            <span class="nhsuk-error-message" id="id_contact-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>This field is required.
            </span>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_contact_0" name="contact" type="radio" value="email">
                <label class="nhsuk-label nhsuk-radios__label" for="id_contact_0">Email</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_contact_1" name="contact" type="radio" value="phone">
                <label class="nhsuk-label nhsuk-radios__label" for="id_contact_1">Phone</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
        render(form),
    )


def test_chosen_radio_and_checkboxes_stay_checked_after_errors():
    html = render(bound_with_errors())
    assertInHTML(
        '<input class="nhsuk-radios__input" id="id_contact_1" name="contact" type="radio" value="phone" checked>',
        html,
    )
    assertInHTML(
        '<input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics" type="checkbox" value="b" checked>',
        html,
    )
    assertInHTML(
        '<input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics" type="checkbox" value="a">',
        html,
    )


def test_checkboxes_in_a_fieldset():
    html = render(ContactForm())
    assertInHTML(
        """
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend">Topics</legend>
          <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics" type="checkbox" value="a">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">Anti-racism</label>
            </div>
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics" type="checkbox" value="b">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">Disability</label>
            </div>
          </div>
        </fieldset>
        """,
        html,
    )


def test_single_checkbox_with_item_hint_and_error():
    form = bound_with_errors()
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <span class="nhsuk-error-message" id="id_agree-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>This field is required.
          </span>
          <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_agree" name="agree" type="checkbox" value="on"
                aria-describedby="id_agree-hint id_agree-error">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_agree">I agree</label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_agree-hint">You can change your mind later</div>
            </div>
          </div>
        </div>
        """,
        render(form),
    )
    ticked = ContactForm(data={"agree": "on"})
    ticked.is_valid()
    assert 'value="on" checked' in render(ticked)


def test_date_input_marks_only_the_wrong_box_and_keeps_the_others():
    html = render(bound_with_errors())
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" role="group" aria-describedby="id_born-hint id_born-error">
            <legend class="nhsuk-fieldset__legend">Date of birth</legend>
            <div class="nhsuk-hint" id="id_born-hint">For example, 31 3 1980</div>
            <span class="nhsuk-error-message" id="id_born-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>Date of birth must include a day
            </span>
            <div class="nhsuk-date-input" id="id_born">
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group nhsuk-form-group--error">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_born_0">Day</label>
                  <input class="nhsuk-input nhsuk-input--error nhsuk-input--width-2 nhsuk-date-input__input"
                    id="id_born_0" name="born_day" type="text" inputmode="numeric">
                </div>
              </div>
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_born_1">Month</label>
                  <input class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input"
                    id="id_born_1" name="born_month" type="text" value="3" inputmode="numeric">
                </div>
              </div>
              <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                  <label class="nhsuk-label nhsuk-date-input__label" for="id_born_2">Year</label>
                  <input class="nhsuk-input nhsuk-input--width-4 nhsuk-date-input__input"
                    id="id_born_2" name="born_year" type="text" value="1980" inputmode="numeric">
                </div>
              </div>
            </div>
          </fieldset>
        </div>
        """,
        html,
    )


def test_date_input_shows_an_initial_date():
    html = render(ContactForm(initial={"born": datetime.date(1980, 3, 31)}))
    assert 'name="born_day" type="text" value="31"' in html
    assert 'name="born_year" type="text" value="1980"' in html


def test_file_upload():
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-file-upload" data-module="nhsuk-file-upload">
          <label class="nhsuk-label" for="id_upload">Upload a file</label>
          <input class="nhsuk-file-upload__input" id="id_upload" name="upload" type="file">
        </div>
        """,
        render(ContactForm()),
    )


class CountForm(forms.Form):
    summary = CharacterCountField(label="Summary", max_length=20, help_text="Keep it short")
    aims = CharacterCountField(label="Aims", max_words=3, required=False)


def test_character_count_markup_without_the_hard_browser_limit():
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count"
          data-maxlength="20">
          <label class="nhsuk-label" for="id_summary">Summary</label>
          <div class="nhsuk-hint" id="id_summary-hint">Keep it short</div>
          <textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_summary" name="summary"
            rows="5" required aria-describedby="id_summary-info id_summary-hint"></textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_summary-info">
            You can enter up to 20 characters
          </div>
        </div>
        """,
        render(CountForm()),
    )


def test_word_count_markup():
    assertInHTML(
        """
        <div class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count"
          data-maxlength="3" data-count-type="words">
          <label class="nhsuk-label" for="id_aims">Aims</label>
          <textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_aims" name="aims"
            rows="5" aria-describedby="id_aims-info"></textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_aims-info">
            You can enter up to 3 words
          </div>
        </div>
        """,
        render(CountForm()),
    )


def test_server_enforces_character_and_word_limits_and_keeps_the_text():
    form = CountForm(data={"summary": "x" * 21, "aims": "one two  three\nfour"})
    assert not form.is_valid()
    assert form.errors == {
        "summary": ["Summary must be 20 characters or fewer"],
        "aims": ["Aims must be 3 words or fewer"],
    }
    html = render(form)
    assert "x" * 21 + "</textarea>" in html
    assert 'aria-describedby="id_summary-info id_summary-hint id_summary-error"' in html
    assert CountForm(data={"summary": "x" * 20, "aims": "one two three"}).is_valid()


def test_error_summary_links_to_the_control_first_option_and_day_box():
    form = ContactForm(data={"born_month": "3", "born_year": "1980"})
    form.is_valid()
    html = render_summary(form)
    for target, message in [
        ("id_name", "This field is required."),
        ("id_contact_0", "This field is required."),
        ("id_agree", "This field is required."),
        ("id_born_0", "Date of birth must include a day"),
        ("id_details", "This field is required."),
        ("id_location", "This field is required."),
    ]:
        assertInHTML(f'<li><a href="#{target}">{message}</a></li>', html)
    # Every link's target exists in the form.
    form_html = render(form)
    for target in ("id_name", "id_contact_0", "id_agree", "id_born_0", "id_details", "id_location"):
        assert f'id="{target}"' in form_html


def test_error_summary_links_non_field_errors_to_their_message():
    class CheckedForm(ContactForm):
        def clean(self):
            raise forms.ValidationError("Something is wrong with the whole form")

    form = CheckedForm(data={})
    form.is_valid()
    assertInHTML(
        '<li><a href="#form-errors">Something is wrong with the whole form</a></li>',
        render_summary(form),
    )
    assert 'id="form-errors"' in render(form)


def test_no_error_summary_without_errors():
    assert render_summary(ContactForm()).strip() == ""


class HelperForm(forms.Form):
    name = forms.CharField(label="What is your name?")
    contact = forms.ChoiceField(
        label="Can we contact you?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
    )
    started = NHSDateField(label="When did you start?")
    upload = forms.FileField(label="Upload a file", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = "/somewhere/"
        self.helper.layout = Layout(
            Fieldset(
                "Your details",
                NHSField("name", label_size="m"),
                NHSField("contact", legend_size="s", inline=True),
            ),
            Div(
                NHSField("started", legend_size="l", page_heading=True),
                css_class="nhsuk-u-margin-bottom-4",
            ),
            HTML("<p>Only upload a PDF.</p>"),
            "upload",
            Submit("save", "Save and continue"),
            Button("cancel", "Cancel", css_class="nhsuk-button--secondary"),
        )


def test_form_helper_layout_renders_nhs_fieldsets_and_buttons():
    html = render(HelperForm(), "{% load crispy_forms_tags %}{% crispy form %}")
    assert (
        '<form action="/somewhere/" method="post" enctype="multipart/form-data" novalidate>' in html
    )
    assert 'name="csrfmiddlewaretoken"' in html
    assertInHTML(
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Your details</legend>',
        html,
    )
    assertInHTML(
        '<label class="nhsuk-label nhsuk-label--m" for="id_name">What is your name?</label>', html
    )
    assertInHTML(
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Can we contact you?</legend>',
        html,
    )
    assert 'class="nhsuk-radios nhsuk-radios--inline"' in html
    assertInHTML(
        """
        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
          <h1 class="nhsuk-fieldset__heading">When did you start?</h1>
        </legend>
        """,
        html,
    )
    assert '<div class="nhsuk-u-margin-bottom-4">' in html
    assertInHTML("<p>Only upload a PDF.</p>", html)
    assertInHTML(
        '<input class="nhsuk-file-upload__input" id="id_upload" name="upload" type="file">', html
    )
    assertInHTML(
        """
        <button class="nhsuk-button" data-module="nhsuk-button" type="submit" name="save"
          value="Save and continue">Save and continue</button>
        """,
        html,
    )
    assertInHTML(
        """
        <button class="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button" type="button"
          name="cancel" value="Cancel">Cancel</button>
        """,
        html,
    )


class ConditionalForm(forms.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?",
        widget=forms.RadioSelect,
        choices=[("email", "Email"), ("phone", "Phone")],
    )
    phone = forms.CharField(label="Phone number", required=False)
    topics = forms.MultipleChoiceField(
        label="Topics", widget=forms.CheckboxSelectMultiple, choices=[("other", "Other")]
    )
    other = forms.CharField(label="Which topic?", required=False)
    note = forms.CharField(label="Anything else?", required=False)

    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(
        NHSField("contact", legend_size="l", page_heading=True, conditional={"phone": "phone"}),
        NHSField("topics", conditional={"other": ["other"]}),
        "note",
    )


def test_radios_reveal_conditional_fields():
    html = render(ConditionalForm(), "{% load crispy_forms_tags %}{% crispy form %}")
    assertInHTML(
        """
        <div class="nhsuk-radios" data-module="nhsuk-radios">
          <div class="nhsuk-radios__item">
            <input class="nhsuk-radios__input" id="id_contact_0" name="contact" type="radio" value="email">
            <label class="nhsuk-label nhsuk-radios__label" for="id_contact_0">Email</label>
          </div>
          <div class="nhsuk-radios__item">
            <input class="nhsuk-radios__input" id="id_contact_1" name="contact" type="radio" value="phone"
              data-aria-controls="conditional-id_contact_1">
            <label class="nhsuk-label nhsuk-radios__label" for="id_contact_1">Phone</label>
          </div>
          <div class="nhsuk-radios__conditional nhsuk-radios__conditional--hidden" id="conditional-id_contact_1">
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="id_phone">Phone number</label>
              <input class="nhsuk-input" id="id_phone" name="phone" type="text">
            </div>
          </div>
        </div>
        """,
        html,
    )
    assert html.count('id="id_phone"') == 1
    assert 'class="nhsuk-checkboxes__conditional nhsuk-checkboxes__conditional--hidden"' in html
    # The page-heading option of the radios does not leak into the fields rendered after them.
    assertInHTML('<label class="nhsuk-label" for="id_note">Anything else?</label>', html)
    assert html.count("<h1") == 1


def test_a_chosen_conditional_stays_revealed():
    form = ConditionalForm(data={"contact": "phone"})
    html = render(form, "{% load crispy_forms_tags %}{% crispy form %}")
    assert 'class="nhsuk-radios__conditional" id="conditional-id_contact_1"' in html


def test_page_heading_label():
    class OneQuestion(forms.Form):
        name = forms.CharField(label="What is your name?")

        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(NHSField("name", label_size="l", page_heading=True))

    html = render(OneQuestion(), "{% load crispy_forms_tags %}{% crispy form %}")
    assertInHTML(
        """
        <h1 class="nhsuk-label-wrapper">
          <label class="nhsuk-label nhsuk-label--l" for="id_name">What is your name?</label>
        </h1>
        """,
        html,
    )
    assert "<form" not in html


def test_an_unknown_size_is_refused():
    class Wrong(forms.Form):
        name = forms.CharField()
        helper = FormHelper()
        helper.layout = Layout(NHSField("name", label_size="huge"))

    with pytest.raises(ValueError, match="NHS.UK sizes"):
        render(Wrong(), "{% load crispy_forms_tags %}{% crispy form %}")


def test_hidden_fields_render_as_plain_hidden_inputs():
    class WithHidden(forms.Form):
        token = forms.CharField(widget=forms.HiddenInput, initial="abc")

    assertHTMLEqual(
        render(WithHidden()), '<input type="hidden" name="token" value="abc" id="id_token">'
    )


@pytest.mark.django_db
def test_page_title_starts_with_error_after_a_failed_submit():
    client = BrowserClient()
    assert "<title>Form widgets - " in client.get("/widgets/").content.decode()
    response = client.post("/widgets/", {"full_name": "Ann"})
    html = response.content.decode()
    assert "<title>Error: Form widgets - " in html
    assert 'value="Ann"' in html
    assertInHTML('<li><a href="#id_start_date_0">Enter start date</a></li>', html)


def test_disabled_fields_stay_disabled():
    form = ContactForm()
    for name in ("contact", "topics", "agree", "born", "name"):
        form.fields[name].disabled = True
    html = render(form)
    for control_id in ("id_contact_0", "id_topics_1", "id_agree", "id_born_2", "id_name"):
        tag = re.search(rf'<input[^>]* id="{control_id}"[^>]*>', html).group()
        assert " disabled" in tag, tag


def test_choices_can_have_their_own_hints():
    class HintForm(forms.Form):
        phone = forms.ChoiceField(
            label="Can we text you?",
            widget=forms.RadioSelect,
            choices=[("mobile", "Yes"), ("landline", "No")],
        )
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(NHSField("phone", hints={"mobile": "We will text you a code"}))

    html = render(HintForm(), "{% load crispy_forms_tags %}{% crispy form %}")
    assertInHTML(
        """
        <div class="nhsuk-radios__item">
          <input class="nhsuk-radios__input" id="id_phone_0" name="phone" type="radio" value="mobile"
            aria-describedby="id_phone_0-item-hint">
          <label class="nhsuk-label nhsuk-radios__label" for="id_phone_0">Yes</label>
          <div class="nhsuk-hint nhsuk-radios__hint" id="id_phone_0-item-hint">We will text you a code</div>
        </div>
        """,
        html,
    )
    assertInHTML(
        '<input class="nhsuk-radios__input" id="id_phone_1" name="phone" type="radio" value="landline">',
        html,
    )


def test_a_saved_file_is_linked_and_the_input_is_nhs_bare():
    class StoredFile:
        name = "posters/abc.pdf"
        url = "/media/posters/abc.pdf"

    class PosterForm(forms.Form):
        poster = forms.FileField(label="Poster", required=False)

    html = render(PosterForm(initial={"poster": StoredFile()}))
    assertInHTML(
        """
        <p>Current file: <a href="/media/posters/abc.pdf">posters/abc.pdf</a>. Choose a file to replace it.</p>
        """,
        html,
    )
    assertInHTML(
        '<input class="nhsuk-file-upload__input" id="id_poster" name="poster" type="file">', html
    )
    assert "clear" not in html.lower()


def test_a_page_can_say_which_form_makes_its_title_an_error():
    class Named(forms.Form):
        name = forms.CharField()

    page = Template(
        '{% extends "base.html" %}{% block page_title %}Join{% endblock %}'
        "{% block error_prefix %}{% if join_form.errors %}Error: {% endif %}{% endblock %}"
    )
    invalid = Named(data={})
    invalid.is_valid()
    html = page.render(Context({"join_form": invalid, "service_name": "NW EDI"}))
    assert "<title>Error: Join - NW EDI</title>" in html
    html = page.render(Context({"join_form": Named(), "service_name": "NW EDI"}))
    assert "<title>Join - NW EDI</title>" in html
