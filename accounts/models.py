"""What the accounts app keeps of its own: the record that a person's data was erased.

The table keeps the name it had in the network app (db_table), so moving the code moved no data.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ErasureRecord(models.Model):
    """That a person's data was erased: who did it, when, and how many rows of each kind.

    Keeps nothing about the person erased (no address, no name), so the record outlives them.
    Also carries the permission to answer subject access requests in admin.
    """

    class Reason(models.TextChoices):
        ACCOUNT_DELETED = "account_deleted", "The person deleted their account"
        SUBJECT_REQUEST = "subject_request", "Staff erased it on the person's request"

    reason = models.CharField(max_length=20, choices=Reason)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member; empty when the person deleted their own account.",
    )
    performed_at = models.DateTimeField(default=timezone.now)
    rows = models.JSONField(
        help_text="How many rows of each kind were erased or anonymised, by kind of record."
    )

    class Meta:
        db_table = "network_erasurerecord"
        ordering = ["-performed_at"]
        default_permissions = ("view",)
        permissions = [
            (
                "answer_subject_access_request",
                "Can find, export and erase everything about an email address",
            )
        ]

    def __str__(self):
        return f"Erasure on {self.performed_at:%d %b %Y %H:%M}"
