"""Reading special-category data in admin is recorded: who read what, and when.

django-auditlog keeps the record (its access log, readable in admin by staff with its
view_logentry permission). Only reads are logged here; admin changes are already in Django's
admin history. The entry names the record (its reference), never its contents.
"""

from auditlog.context import set_actor
from auditlog.registry import AuditlogModelRegistry
from auditlog.signals import accessed

special_category_reads = AuditlogModelRegistry(
    create=False, update=False, delete=False, access=True, m2m=False
)


def record_read(request, instance):
    """Record that the signed-in staff member has just been shown `instance`."""
    with set_actor(request.user, remote_addr=request.META.get("REMOTE_ADDR")):
        accessed.send(sender=type(instance), instance=instance)
