import django_filters


def choice_filter(*, label, choices, empty_label, what, **kwargs):
    """A select filter that answers an unknown value with a plain message, e.g. what="a theme"."""
    return django_filters.ChoiceFilter(
        label=label,
        choices=choices,
        empty_label=empty_label,
        error_messages={"invalid_choice": f"Select {what} from the list"},  # noqa: S608 (prose, not SQL)
        **kwargs,
    )
