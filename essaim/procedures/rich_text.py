"""The rich text of explanations and « en savoir plus » parts, made safe for the applicant's page.

Editors write plain text (a blank line between paragraphs) and, if they wish, a few HTML tags:
strong, em, ul/ol/li, a href (http, https, mailto), br. Texts also come from imports (XLSForm
notes, Démarches simplifiées descriptions, JSON definitions), so everything is cleaned when shown,
never trusted from the database. Sanitising is the catalogue's (`sanitize_html`, built on nh3):
scripts, styles, event handlers, iframes and `javascript:` links never reach the page.
"""

import html
import re
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from essaim.catalogue.sanitize import sanitize_html

_TAG = re.compile(r"<[a-zA-Z/!]")
_BLOCK_TAG = re.compile(r"(</?(?:p|ul|ol|li|h3|h4|blockquote)\b[^>]*>)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ENDS_WITH_BR = re.compile(r"<br\s*/?>$", re.IGNORECASE)
# nh3 always double-quotes attribute values and escapes « " » in them, but not « > ».
_LINK = re.compile(r'<a\b((?:[^>"]|"[^"]*")*)>(.*?)</a>', re.DOTALL)
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _lines(text: str) -> str:
    """Line breaks kept inside a paragraph or a list item."""
    lines = [line.strip() for line in text.strip().split("\n")]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("" if _ENDS_WITH_BR.search(out) else "<br>") + line
    return out


def _paragraphs(text: str) -> str:
    """Blank lines become paragraphs outside the editor's own blocks (p, ul, ol…)."""
    out, depth = [], 0
    for index, part in enumerate(_BLOCK_TAG.split(text)):
        if index % 2:
            out.append(part)
            depth = max(depth - 1, 0) if part.startswith("</") else depth + 1
        elif depth == 0:
            out.extend(
                f"<p>{_lines(chunk)}</p>" for chunk in _BLANK_LINE.split(part) if chunk.strip()
            )
        elif part.strip():
            out.append(_lines(part))
    return "".join(out)


def _external_link(match: re.Match) -> str:
    """Web links open in a new window, said in their title as the DSFR asks."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    inner = match.group(2)
    href = attributes.get("href", "")
    rel = attributes.get("rel", "noopener")
    if not href.lower().startswith(("http://", "https://")):
        kept = f' href="{href}"' if href else ""
        return f'<a{kept} rel="{rel}">{inner}</a>'
    text = " ".join(html.unescape(strip_tags(inner)).split()) or html.unescape(href)
    title = _("%(link)s - nouvelle fenêtre") % {"link": text}
    return f'<a href="{href}" target="_blank" rel="{rel}" title="{escape(title)}">{inner}</a>'


@lru_cache(maxsize=256)
def _render(value: str, language: str | None) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not _TAG.search(text):
        text = escape(text)  # plain text: « < » and « & » are shown as typed
    return _LINK.sub(_external_link, sanitize_html(_paragraphs(text)))


def render(value: str | None) -> SafeString:
    """Safe HTML of an explanation: paragraphs, bold, italic, lists and links, nothing else."""
    if not value or not value.strip():
        return mark_safe("")
    return mark_safe(_render(value, get_language()))  # sanitised by nh3 above
