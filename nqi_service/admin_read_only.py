"""Admin pages for records nobody edits by hand: audit trails and access logs."""


class ReadOnlyAdminMixin:
    """Listed and shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
