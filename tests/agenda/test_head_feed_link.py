"""The iCal feed the agenda's <head> names for feed readers follows the filters, htmx too."""

import re

import pytest
from django.urls import reverse

from tests.agenda.factories import EventFactory

pytestmark = pytest.mark.django_db
HEAD_LINK = re.compile(r'<link id="agenda-flux-ical"[^>]*>')


def _head_links(body: str) -> list[str]:
    return [" ".join(link.split()) for link in HEAD_LINK.findall(body)]


def test_htmx_filtering_sends_the_head_feed_link_of_the_filter_out_of_band(client):
    EventFactory(title="Hackathon des données", format="hackathon")
    page = client.get(reverse("agenda:index")).content.decode()
    head = page.split("</head>", 1)[0]
    (link,) = _head_links(head)
    assert 'rel="alternate" type="text/calendar"' in link
    assert f'href="{reverse("agenda:feed")}"' in link and "hx-swap-oob" not in link

    response = client.get(
        reverse("agenda:index"),
        {"format": "hackathon", "q": ""},
        headers={"HX-Request": "true", "HX-Target": "agenda-resultats"},
    )
    (link,) = _head_links(response.content.decode())
    assert 'rel="alternate" type="text/calendar"' in link and 'hx-swap-oob="true"' in link
    assert f'href="{reverse("agenda:feed")}?format=hackathon"' in link
