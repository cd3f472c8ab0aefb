"""A paginator that reads a page of rows and the number of all rows in one query."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class OneQueryPaginator(Paginator):
    """Reads the page's rows with the number of all rows alongside (COUNT(*) OVER ()), instead
    of a COUNT(*) query before the rows. A page without rows (past the end, or of an empty
    list) is left to Paginator, which counts. For querysets, without orphans."""

    def page(self, number):
        if self.orphans or "count" in self.__dict__ or not hasattr(self.object_list, "annotate"):
            return super().page(number)
        try:
            first = (int(number) - 1) * self.per_page
        except (TypeError, ValueError):
            return super().page(number)  # Paginator's own error for a number it cannot read
        if first < 0:
            return super().page(number)
        rows = list(
            self.object_list.annotate(rows_in_all=Window(Count("*")))[first : first + self.per_page]
        )
        if not rows:
            return super().page(number)
        self.count = rows[0].rows_in_all  # Paginator.count is a cached_property
        return self._get_page(rows, self.validate_number(number), self)
