"""The shared pagination links keep the filters and elide far pages."""

from dataclasses import dataclass

from django.core.paginator import Paginator

from essaim.core.pagination import page_links


@dataclass
class Filters:
    q: str = ""

    def querystring(self, page=None) -> str:
        return f"?q={self.q}&page={page}"


def test_page_links_keep_the_filters_and_elide_far_pages():
    page = Paginator(range(300), 10).get_page(15)
    links = page_links("/agenda/", Filters(q="atelier"), page)
    assert links["first"] == "/agenda/?q=atelier&page=1"
    assert links["previous"] == "/agenda/?q=atelier&page=14"
    assert links["next"] == "/agenda/?q=atelier&page=16"
    assert links["last"] == "/agenda/?q=atelier&page=30"
    numbers = [n for n, _url in links["pages"]]
    assert numbers[:2] == [1, Paginator.ELLIPSIS] and 15 in numbers and numbers[-1] == 30
    assert (Paginator.ELLIPSIS, None) in links["pages"]
