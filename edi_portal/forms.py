from django import forms


class WidgetDemoForm(forms.Form):
    """Every widget the NHS.UK template pack renders, for the widget demo page and its tests."""

    full_name = forms.CharField(label="Full name", max_length=100)
    email = forms.EmailField(
        label="Email address", help_text="We will only use this to reply to you."
    )
    age = forms.IntegerField(label="Age", min_value=16, max_value=100)
    summary = forms.CharField(
        label="Tell us about your experience",
        widget=forms.Textarea,
        max_length=500,
        help_text="Do not include personal information.",
    )
    area = forms.ChoiceField(
        label="Area of the North West",
        choices=[
            ("", "Choose an area"),
            ("cheshire", "Cheshire and Merseyside"),
            ("gm", "Greater Manchester"),
            ("lancs", "Lancashire and South Cumbria"),
        ],
    )
    profession = forms.ChoiceField(
        label="Profession",
        widget=forms.RadioSelect,
        choices=[
            ("medicine", "Medicine"),
            ("dentistry", "Dentistry"),
            ("public_health", "Public health"),
        ],
    )
    workstreams = forms.MultipleChoiceField(
        label="Workstreams",
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("qi", "QI Delivery Group"),
            ("peer", "Peer Support Network"),
            ("abt", "Active Bystander Training"),
        ],
        help_text="Select all that apply.",
    )
    start_date = forms.DateField(label="Start date", help_text="For example, 15 3 2027")
    poster = forms.FileField(label="Upload a poster", required=False, help_text="PDF, up to 10 MB.")
    consent = forms.BooleanField(label="I agree to the terms")
