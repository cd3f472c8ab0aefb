"""Forms rendered with `|crispy_reused` look exactly as `|crispy` renders them at that moment: a
change to a choice, a value or an error is never hidden behind an earlier rendering."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms

from edi_portal.templatetags import nhsuk_forms
from edi_portal.templatetags.nhsuk_forms import crispy_reused
from tests.training.factories import CourseFactory, SessionFactory
from training.filters import SessionFilter
from training.models import Session

pytestmark = pytest.mark.django_db


class TopicForm(forms.Form):
    topic = forms.ChoiceField(choices=[])
    note = forms.CharField(required=True, max_length=20)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [(topic, topic.title()) for topic in topics]


@pytest.fixture(autouse=True)
def no_earlier_renderings():
    nhsuk_forms._rendered_forms.clear()


def test_the_same_form_is_rendered_once_and_reused():
    first = crispy_reused(TopicForm(topics=["racism"]))
    again = crispy_reused(TopicForm(topics=["racism"]))
    assert first == again == as_crispy_form(TopicForm(topics=["racism"]))
    assert len(nhsuk_forms._rendered_forms) == 1


@pytest.mark.parametrize(
    "changed",
    [
        {"topics": ["racism", "ableism"]},  # a new choice
        {"topics": ["racism"], "initial": {"note": "Hello"}},  # a value
        {"topics": ["racism"], "data": {"topic": "racism", "note": "Typed"}},  # what was sent
        {"topics": ["racism"], "prefix": "second"},
    ],
)
def test_any_change_renders_afresh(changed):
    crispy_reused(TopicForm(topics=["racism"]))
    html = crispy_reused(TopicForm(**changed))
    assert html == as_crispy_form(TopicForm(**changed))
    assert html != as_crispy_form(TopicForm(topics=["racism"]))


def test_a_form_with_errors_is_rendered_each_time_and_never_kept():
    invalid = {"topic": "racism", "note": "x" * 30}
    html = crispy_reused(TopicForm(topics=["racism"], data=invalid))
    assert "Ensure this value has at most 20 characters" in html
    assert nhsuk_forms._rendered_forms == {}


def test_the_training_filter_lists_a_course_added_since_it_was_last_shown(client):
    SessionFactory(course=CourseFactory(name="Active Bystander Training"))
    assert "Active Bystander Training" in client.get("/training/").content.decode()
    SessionFactory(course=CourseFactory(name="Inclusive Leadership"))
    page = client.get("/training/").content.decode()
    assert page.count("Inclusive Leadership") >= 2  # in the filter's choices and the list
    assert Session.objects.count() == 2
    assert crispy_reused(SessionFilter({}).form) == as_crispy_form(SessionFilter({}).form)
