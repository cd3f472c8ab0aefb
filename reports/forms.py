from django import forms


class YearForm(forms.Form):
    year = forms.ChoiceField(
        label="Academic year",
        help_text="The reports compare this year with the year before.",
        error_messages={"invalid_choice": "Select an academic year from the list"},
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
