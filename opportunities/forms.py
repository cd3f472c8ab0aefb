from django import forms

from edi_portal.validators import refuse_links_in_names

from .models import Interest


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["name", "statement"]
        help_texts = {
            "statement": "A few sentences: what draws you to it and what you would bring. Up to "
            "1,500 characters.",
        }
        error_messages = {
            "name": {"required": "Enter your name"},
            "statement": {"required": "Tell us why you are interested"},
        }
        widgets = {"statement": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="name")
        refuse_links_in_names(self, name="Your name")


class ReplyForm(forms.Form):
    message = forms.CharField(
        label="Your message to each person (optional)",
        help_text="For example, what happens next and by when. Sent as plain text.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
