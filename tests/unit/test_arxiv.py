"""Recognising arXiv ids, arXiv URLs and DOIs typed or pasted by the user."""

from __future__ import annotations

import pytest

from tracker.domain.arxiv import ArxivId, parse_arxiv_id, parse_doi, parse_reference


@pytest.mark.parametrize(
    "text,expected,version",
    [
        ("2106.09685", "2106.09685", None),
        ("  2106.09685v2 ", "2106.09685", 2),
        ("arXiv:1706.03762", "1706.03762", None),
        ("arxiv:1706.03762v7", "1706.03762", 7),
        ("0704.0001", "0704.0001", None),
        ("1412.6980v9", "1412.6980", 9),
        ("hep-th/9901001", "hep-th/9901001", None),
        ("cs/0112017", "cs/0112017", None),
        ("cs/0112017v1", "cs/0112017", 1),
        ("math.GT/0309136", "math.GT/0309136", None),
        ("cond-mat/0703001", "cond-mat/0703001", None),
    ],
)
def test_bare_ids_new_and_old_style(text: str, expected: str, version: int | None) -> None:
    aid = parse_arxiv_id(text)
    assert aid == ArxivId(expected, version)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("https://arxiv.org/abs/2106.09685", "2106.09685"),
        ("https://arxiv.org/abs/2106.09685v2", "2106.09685"),
        ("http://arxiv.org/pdf/1706.03762.pdf", "1706.03762"),
        ("https://arxiv.org/pdf/1706.03762v5", "1706.03762"),
        ("https://www.arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ("https://export.arxiv.org/abs/cs/0112017v1", "cs/0112017"),
        ("https://arxiv.org/abs/2106.09685?context=cs.LG", "2106.09685"),
        ("https://doi.org/10.48550/arXiv.2106.09685", "2106.09685"),
        ("doi:10.48550/ARXIV.1810.04805", "1810.04805"),
    ],
)
def test_urls_and_arxiv_dois(text: str, expected: str) -> None:
    aid = parse_arxiv_id(text)
    assert aid is not None and aid.id == expected


def test_version_is_kept_apart_from_the_id() -> None:
    aid = parse_arxiv_id("https://arxiv.org/abs/2106.09685v3")
    assert aid is not None
    assert (aid.id, aid.version, aid.versioned) == ("2106.09685", 3, "2106.09685v3")
    assert aid.abs_url == "https://arxiv.org/abs/2106.09685"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Attention Is All You Need",
        "2113.09685",  # month 13
        "1401.12345",  # five digits before 2015
        "1501.1234",  # four digits from 2015
        "0612.0001",  # new style before April 2007
        "hep-th/0801001",  # old style after March 2007
        "2106.09685v0",
        "https://example.com/abs/2106.09685",
        "https://arxiv.org/list/cs.LG/recent",
        "12106.09685",
    ],
)
def test_not_an_arxiv_id(text: str) -> None:
    assert parse_arxiv_id(text) is None


def test_doi_urls_give_the_doi_and_a_link() -> None:
    ref = parse_reference("https://doi.org/10.1145/2939672.2939785")
    assert ref is not None
    assert ref.arxiv is None
    assert ref.doi == "10.1145/2939672.2939785"
    assert ref.url == "https://doi.org/10.1145/2939672.2939785"
    assert parse_doi("http://dx.doi.org/10.1145%2F3298689.3346996") == "10.1145/3298689.3346996"
    assert parse_doi("doi:10.1109/CVPR.2016.90") == "10.1109/CVPR.2016.90"
    assert parse_doi("https://example.org/10.1145/1") is None


def test_arxiv_reference_carries_a_canonical_url() -> None:
    ref = parse_reference("arXiv:1706.03762v7")
    assert ref is not None
    assert ref.arxiv_id == "1706.03762"
    assert ref.url == "https://arxiv.org/abs/1706.03762"


def test_a_plain_title_is_not_a_reference() -> None:
    assert parse_reference("Deep Residual Learning for Image Recognition") is None
    assert parse_reference("https://papers.nips.cc/paper/2012/hash/abc") is None
