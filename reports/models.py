from django.db import models


class Report(models.Model):
    """No table: carries the permission to read the measuring-success reports."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", "Can view the measuring success reports")]

    def __str__(self):
        return "Measuring success reports"
