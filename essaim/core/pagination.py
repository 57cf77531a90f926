"""Pagination shared by the listing pages (catalogue, agenda, consultations)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# The largest identifier a database integer holds: a cursor beyond it is refused (422) rather
# than overflowing the query (a 500).
MAX_ID = 2**63 - 1


class CappedPaginator(Paginator):
    """Counts the matches only up to `CAP`: counting 16,000 matches of a frequent word (or
    every upcoming event) costs more than the page itself; beyond, `more` is set and the page
    says « plus de 1 000 » (the full list stays in the CSV export and the API)."""

    CAP = 1000
    more = False

    @cached_property
    def count(self) -> int:
        # Unordered: the database stops at the CAP + 1st match wherever it finds it.
        counted = self.object_list.order_by()[: self.CAP + 1].count()
        self.more = counted > self.CAP
        return min(counted, self.CAP)


def page_links(base: str, filters, page_obj) -> dict:
    """Links of the pagination, keeping the filters: first, previous, next, last, and the
    numbers around the current page (an ellipsis as `(…, None)`).

    `filters` is any object with `querystring(page=n)` returning "?…" (the filters' dataclasses).
    """
    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)

    def url(page: int) -> str:
        return base + filters.querystring(page=page)

    return {
        "first": url(1),
        "previous": url(max(page_obj.number - 1, 1)),
        "next": url(min(page_obj.number + 1, paginator.num_pages)),
        "last": url(paginator.num_pages),
        "pages": [(n, url(n) if n != paginator.ELLIPSIS else None) for n in numbers],
    }
