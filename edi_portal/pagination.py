"""A paginator that reads a page of rows and the number of all rows in one query."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.db.models.query import ModelIterable, ValuesIterable

# The rows whose count this paginator can read: model instances and values() dictionaries.
READABLE = (ModelIterable, ValuesIterable)


class OneQueryPaginator(Paginator):
    """Reads the page's rows with the number of all rows alongside (COUNT(*) OVER ()), instead
    of a COUNT(*) query before the rows. A page without rows (past the end, or of an empty
    list) is left to Paginator, which counts. For querysets of model instances or of values()
    dictionaries, without orphans; anything else is paginated as Paginator does.

    For lists of a few hundred rows (upcoming sessions, stories): COUNT(*) OVER () reads every
    matching row before the page, where a COUNT and a LIMIT read an index and one page. On the
    resources list (2,000 rows at national scale) it made a fresh render slower, not faster."""

    def page(self, number):
        rows_are = getattr(self.object_list, "_iterable_class", None)
        if self.orphans or "count" in self.__dict__ or rows_are not in READABLE:
            return super().page(number)
        try:
            start = (int(number) - 1) * self.per_page
        except (TypeError, ValueError):
            return super().page(number)  # Paginator's own error for a number it cannot read
        if start < 0:
            return super().page(number)
        rows = list(
            self.object_list.annotate(rows_in_all=Window(Count("*")))[start : start + self.per_page]
        )
        if not rows:
            return super().page(number)
        first = rows[0]
        # Paginator.count is a cached_property: set, it is not counted again.
        self.count = first["rows_in_all"] if rows_are is ValuesIterable else first.rows_in_all
        return self._get_page(rows, self.validate_number(number), self)
