from django import forms
from django.core.exceptions import ValidationError

from edi_portal.academic_year import academic_year_for, previous_academic_year
from edi_portal.validators import refuse_links_in_names

from .models import QIProject

FILE_FIELDS = {"poster"}


def recent_academic_years(count=4):
    years = [academic_year_for()]
    while len(years) < count:
        years.append(previous_academic_year(years[-1]))
    return years


class ProjectForm(forms.ModelForm):
    """The author's form for a new or changed project. Saving keeps it as it is (a draft)."""

    academic_year = forms.ChoiceField(
        label="Academic year",
        help_text="The year the project ran, or mostly ran.",
        error_messages={
            "required": "Select the academic year",
            "invalid_choice": "Select an academic year from the list",
        },
    )
    remove_poster = forms.BooleanField(label="Remove the current poster or report", required=False)

    class Meta:
        model = QIProject
        fields = [
            "title",
            "team_members",
            "trust",
            "specialty",
            "theme",
            "edi_focus",
            "aim",
            "change_ideas",
            "measures",
            "results",
            "stage",
            "academic_year",
            "poster",
        ]
        labels = {
            "title": "Project title",
            "change_ideas": "Change ideas",
            "measures": "Measures",
            "results": "Results so far",
        }
        help_texts = {
            "aim": "What the project set out to improve, for whom, by how much and by when.",
            "change_ideas": "What you changed or tested.",
            "measures": "How you knew whether the changes were an improvement.",
            "results": "What happened. Leave blank if the project has not started yet.",
            "poster": "Optional. A PDF, smaller than 10 MB.",
        }
        error_messages = {
            "title": {"required": "Enter the project title"},
            "team_members": {"required": "Enter the names of the team members"},
            "trust": {"required": "Enter the trust or organisation"},
            "specialty": {
                "required": "Select a specialty",
                "invalid_choice": "Select a specialty from the list",
            },
            "theme": {
                "required": "Select a GMC Promoting Excellence theme",
                "invalid_choice": "Select a GMC Promoting Excellence theme from the list",
            },
            "edi_focus": {
                "required": "Select an EDI focus",
                "invalid_choice": "Select an EDI focus from the list",
            },
            "aim": {"required": "Enter the aim of the project"},
            "stage": {
                "required": "Select the stage the project has reached",
                "invalid_choice": "Select a stage from the list",
            },
            "poster": {"empty": "The selected file is empty"},
        }
        widgets = {
            "team_members": forms.Textarea(attrs={"rows": 3}),
            "poster": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = recent_academic_years()
        current = self.instance.academic_year
        if current and current not in years:
            years.append(current)
        self.fields["academic_year"].choices = [(year, year) for year in years]
        self.fields["academic_year"].initial = current or years[0]
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"{field.label} must be {field.max_length} characters or fewer"
                )
        refuse_links_in_names(self, team_members="Team members", trust="Trust or organisation")
        if not self.instance.poster:
            del self.fields["remove_poster"]
        # The pack would link the saved file by its storage URL, which is never served (and
        # would reveal its random name); the page links the poster view instead. Without an
        # initial value an edit with no new file keeps the saved poster all the same.
        self.initial["poster"] = None

    def clean(self):
        cleaned = super().clean()
        # Only the poster field takes a file, and only one: anything else is refused outright
        # rather than silently dropped, so nothing unexpected is ever stored.
        extra = set(self.files) - FILE_FIELDS
        if extra or any(len(self.files.getlist(name)) > 1 for name in FILE_FIELDS):
            raise ValidationError(
                "Upload one file only, using the poster or report field", code="extra_files"
            )
        return cleaned

    def save(self, commit=True):
        """Save the project; django-cleanup deletes a replaced or removed poster file once that
        commits."""
        project = super().save(commit=False)
        if self.cleaned_data.get("remove_poster") and "poster" not in self.files:
            project.poster = None
        if commit:
            project.save()
        return project


class ModerationMessageForm(forms.Form):
    """The moderator's message to the author (admin actions: request changes, reject)."""

    message = forms.CharField(
        label="Message to the author",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
    )
