"""Rich text limited to safe HTML.

Editors write the long texts of an initiative (problem, solution, lessons learned…) with a small
set of tags. Everything else is removed before saving: scripts, styles, event handlers, iframes,
`javascript:` links. Links always get `rel="noopener noreferrer nofollow"`.
"""

import html

import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(value: str | None) -> str:
    """Return `value` reduced to the allowed tags and attributes (never raises)."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


def html_to_text(value: str | None) -> str:
    """Plain text of a sanitised HTML fragment (for search, e-mails and exports)."""
    return " ".join(html.unescape(strip_tags(value or "")).split())
