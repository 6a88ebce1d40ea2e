"""Recognising paper references: arXiv ids (new and old style, with versions), arXiv URLs, DOIs and DOI URLs.

Pure and offline: nothing here touches the network. Typical inputs::

    2106.09685            arXiv:2106.09685v2        hep-th/9901001        cs/0112017v1
    https://arxiv.org/abs/2106.09685v2              https://arxiv.org/pdf/1706.03762.pdf
    https://doi.org/10.48550/arXiv.2106.09685       https://doi.org/10.1145/2939672.2939785
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# New style (April 2007 on): YYMM.NNNN, and YYMM.NNNNN from January 2015.
_NEW = r"(?P<new>(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5}))"
# Old style (to March 2007): archive[.SUBCLASS]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, cs/0112017.
_OLD = (
    r"(?P<old>(?P<archive>[a-z]+(?:-[a-z]+)*)(?:\.(?P<sub>[A-Za-z]{2}))?/(?P<oyy>\d{2})(?P<omm>\d{2})\d{3})"
)
_VERSION = r"(?:v(?P<version>\d+))?"
_BARE = re.compile(rf"^(?:arxiv:\s*)?(?:{_NEW}|{_OLD}){_VERSION}$", re.IGNORECASE)
_DOI = re.compile(r"^(?P<doi>10\.\d{4,9}/\S+)$")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(?P<rest>.+)$", re.IGNORECASE)
_ARXIV_HOSTS = ("arxiv.org", "www.arxiv.org", "export.arxiv.org")
_DOI_HOSTS = ("doi.org", "dx.doi.org", "www.doi.org")


@dataclass(frozen=True, slots=True)
class ArxivId:
    """An arXiv identifier without its version, plus the version when one was given."""

    id: str
    version: int | None = None

    @property
    def versioned(self) -> str:
        return f"{self.id}v{self.version}" if self.version else self.id

    @property
    def old_style(self) -> bool:
        return "/" in self.id

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Reference:
    """What a piece of text refers to: an arXiv paper, a DOI, or neither (then it is just a title)."""

    arxiv: ArxivId | None = None
    doi: str | None = None
    url: str | None = None

    @property
    def arxiv_id(self) -> str | None:
        return self.arxiv.id if self.arxiv else None


def _valid(match: re.Match[str]) -> ArxivId | None:
    version = int(match.group("version")) if match.group("version") else None
    if version == 0:
        return None
    if match.group("new"):
        yy, mm, num = int(match.group("yy")), int(match.group("mm")), match.group("num")
        if not 1 <= mm <= 12 or yy < 7 or (yy == 7 and mm < 4):
            return None
        # Five-digit sequence numbers began in 1501; before that they had four.
        if (len(num) == 5) != (yy >= 15):
            return None
        return ArxivId(match.group("new"), version)
    mm = int(match.group("omm"))
    yy = int(match.group("oyy"))
    if not 1 <= mm <= 12 or (yy < 91 and yy > 7) or (yy == 7 and mm > 3):
        return None
    archive = match.group("archive").lower()
    sub = match.group("sub")
    number = match.group("old").split("/", 1)[1]
    ident = f"{archive}.{sub.upper()}/{number}" if sub else f"{archive}/{number}"
    return ArxivId(ident, version)


def parse_arxiv_id(text: str | None) -> ArxivId | None:
    """An arXiv id from a bare id (``2106.09685``, ``arXiv:2106.09685v2``, ``hep-th/9901001``), an arXiv URL
    (``/abs/``, ``/pdf/`` with or without ``.pdf``) or an arXiv DOI (``10.48550/arXiv.2106.09685``); else None."""
    if not text:
        return None
    value = text.strip()
    match = _BARE.match(value)
    if match:
        return _valid(match)
    ref = parse_reference(value)
    return ref.arxiv if ref else None


def parse_doi(text: str | None) -> str | None:
    """A DOI (``10.xxxx/…``) from a bare DOI, ``doi:10.…`` or a doi.org URL; else None."""
    if not text:
        return None
    value = text.strip()
    if value.lower().startswith("doi:"):
        value = value[4:].strip()
    elif "://" in value:
        parts = urlsplit(value)
        if parts.hostname not in _DOI_HOSTS:
            return None
        value = unquote(parts.path.lstrip("/"))
    match = _DOI.match(value)
    return match.group("doi").rstrip(".,;") if match else None


def _from_arxiv_path(path: str) -> ArxivId | None:
    path = unquote(path).strip("/")
    for prefix in ("abs/", "pdf/", "html/", "format/"):
        if path.startswith(prefix):
            rest = path[len(prefix) :]
            break
    else:
        return None
    if rest.endswith(".pdf"):
        rest = rest[: -len(".pdf")]
    match = _BARE.match(rest)
    return _valid(match) if match else None


def parse_reference(text: str | None) -> Reference | None:
    """Classify text as an arXiv id / URL, a DOI / DOI URL (arXiv DOIs give the arXiv id), or None (a title)."""
    if not text:
        return None
    value = text.strip()
    if not value:
        return None
    bare = _BARE.match(value)
    if bare:
        aid = _valid(bare)
        return Reference(arxiv=aid, url=aid.abs_url) if aid else None
    if "://" in value:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        if host in _ARXIV_HOSTS:
            aid = _from_arxiv_path(parts.path)
            return Reference(arxiv=aid, url=aid.abs_url) if aid else None
        if host in _DOI_HOSTS:
            doi = parse_doi(value)
            return _from_doi(doi, url=f"https://doi.org/{doi}") if doi else None
        return None
    doi = parse_doi(value)
    if doi:
        return _from_doi(doi, url=f"https://doi.org/{doi}")
    return None


def _from_doi(doi: str, *, url: str) -> Reference:
    arxiv = _ARXIV_DOI.match(doi)
    if arxiv:
        match = _BARE.match(arxiv.group("rest"))
        aid = _valid(match) if match else None
        if aid:
            return Reference(arxiv=aid, doi=doi, url=aid.abs_url)
    return Reference(doi=doi, url=url)
