from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Concern, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    """Only users with network.view_concern see concerns at all (not even in the index).

    Django's default would also let holders of change_concern in; that permission alone is not
    enough here, so viewing is checked explicitly.
    """

    list_display = ["reference", "characteristic", "status", "anonymous", "created_at"]
    list_filter = ["status", "characteristic"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reference",
        "characteristic",
        "characteristic_other",
        "details",
        "email",
        "created_at",
    ]
    fields = [*readonly_fields, "status", "notes"]

    @admin.display(boolean=True)
    def anonymous(self, concern):
        return concern.is_anonymous

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("network.view_concern")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("network.view_concern") and request.user.has_perm(
            "network.change_concern"
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
