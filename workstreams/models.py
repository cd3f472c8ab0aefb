from django.db import models
from django.urls import reverse


class Workstream(models.Model):
    """One of the network's workstreams (QI Delivery Group, Peer Support Network, ...)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(
        max_length=200, help_text="One line, shown where applicants choose workstreams."
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(
        default=True, help_text="Inactive workstreams are hidden and cannot be chosen."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workstreams:detail", kwargs={"slug": self.slug})
