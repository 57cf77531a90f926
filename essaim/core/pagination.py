"""Pagination links shared by the listing pages (catalogue, agenda)."""


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
