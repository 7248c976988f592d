"""Row and column labels: normalising them and mapping them to the canonical keys of ``schema``.

Labels are matched by distinctive content, not by exact text, so that numbering variants
(（一）/(一), 1./1、/1．), spacing, wrapped lines and stray group fragments do not matter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import nfkc
from ..schema import PROACTIVE_ROWS, REQUEST_ROWS

_PUNCT = re.compile(r"[\s()\[\]{}<>（）【】〔〕《》「」、，,.．。:：;；!！?？“”\"'‘’·•/\\—–_~～-]+")
_NUMERALS = re.compile(r"[0-9一二三四五六七八九十]+")

# Table 3 rows: dotted key -> distinctive fragments of the normalised label.
_REQUEST_WORDS: dict[str, tuple[str, ...]] = {
    "new": ("本年新收",),
    "carried_over": ("上年结转",),
    "granted": ("予以公开",),
    "partial": ("部分公开",),
    "denied.state_secret": ("国家秘密",),
    "denied.law_prohibited": ("法规禁止", "禁止公开"),
    "denied.security_stability": ("三安全", "一稳定"),
    "denied.third_party": ("第三方",),
    "denied.internal_affairs": ("内部事务", "三类内容"),  # (三类内容事务: a misprint the pages copy)
    "denied.process_info": ("过程性",),
    "denied.enforcement_file": ("执法案卷",),
    "denied.query_matter": ("查询事项",),
    "unavailable.not_held": ("不掌握",),
    "unavailable.needs_creation": ("另行制作", "没有现成"),
    "unavailable.unclear": ("仍不明确", "补正后申请"),
    "not_processed.complaint": ("信访", "举报投诉"),
    "not_processed.repeat": ("重复申请",),
    "not_processed.publication": ("出版物",),
    "not_processed.excessive": ("大量反复",),
    "not_processed.confirmation": ("行政机关确认", "重新出具"),
    "other.no_correction": ("逾期不补", "不补正"),
    "other.unpaid_fee": ("收费通知", "缴纳费用", "逾期未按"),
    "carried_forward": ("结转下年",),
}
assert set(_REQUEST_WORDS) | {"other.other", "handled_total"} == set(REQUEST_ROWS)

_REQUEST_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人",),
    "business": ("商业",),
    "research": ("科研",),
    "nonprofit": ("公益",),
    "legal_service": ("法律服务",),
}

# Table 2 rows, including the two rows of the 2019-2020 format kept under extra keys.
_PROACTIVE_WORDS: dict[str, tuple[str, ...]] = {
    # first: its label explains itself with the other rows' words (指行政许可以外…、行政处罚、行政强制…)
    "other_services": ("对外管理服务",),
    "rules": ("规章",),
    "normative_documents": ("规范性文件",),
    "licensing": ("行政许可",),
    "punishment": ("行政处罚",),
    "coercion": ("行政强制",),
    "fees_collected": ("事业性收费",),
    "procurement": ("集中采购",),
}
assert set(PROACTIVE_ROWS) <= set(_PROACTIVE_WORDS)

# Table 2 columns; the 2019-2020 column names are kept under their own keys.
_PROACTIVE_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "issued": ("制发",),
    "repealed": ("废止",),
    "in_force": ("现行有效",),
    "decisions": ("处理决定",),
    "amount": ("收费金额",),
    "new_made": ("新制作",),
    "new_published": ("新公开",),
    "total_published": ("公开总数",),
    "previous_items": ("上一年项目",),
    "change": ("增减",),
    "procurement_items": ("采购项目",),
    "procurement_amount": ("采购总金额",),
}

_REVIEW_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "litigation_direct": ("未经复议", "直接起诉"),
    "litigation_after_review": ("复议后起诉",),
    "review": ("行政复议",),
}
_REVIEW_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "upheld": ("维持",),
    "corrected": ("纠正",),
    "other": ("其他",),
    "pending": ("审结", "尚未"),
    "total": ("总计", "合计"),
}


@lru_cache(maxsize=8192)  # each table scans the same lines; labels recur across reports
def normalize(label: str | None) -> str:
    """Label without spaces or punctuation, full-width forms folded (``（一） 予以 公开`` -> ``一予以公开``)."""
    if not label:
        return ""
    return _PUNCT.sub("", nfkc(label))


def core(label: str | None) -> str:
    """Normalised label without any numerals (numbering gone): ``（七）总计`` -> ``总计``."""
    return _NUMERALS.sub("", normalize(label))


def _pairs(words: dict[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    """(fragment, key) for every fragment of every key, in order: the first pair whose
    fragment occurs in a label gives its key (the first key one of whose fragments occurs)."""
    return tuple((f, key) for key, fragments in words.items() for f in fragments)


_REQUEST_PAIRS = _pairs(_REQUEST_WORDS)
_REQUEST_COLUMN_PAIRS = _pairs(_REQUEST_COLUMN_WORDS)
_PROACTIVE_PAIRS = _pairs(_PROACTIVE_WORDS)
_PROACTIVE_COLUMN_PAIRS = _pairs(_PROACTIVE_COLUMN_WORDS)
_REVIEW_GROUP_PAIRS = _pairs(_REVIEW_GROUP_WORDS)
_REVIEW_COLUMN_PAIRS = _pairs(_REVIEW_COLUMN_WORDS)


def _first(text: str, pairs: tuple[tuple[str, str], ...]) -> str | None:
    """Key of the first (fragment, key) pair whose fragment occurs in ``text`` (normalised)."""
    for fragment, key in pairs:
        if fragment in text:
            return key
    return None


@lru_cache(maxsize=4096)  # the same labels recur in every report
def request_row(label: str, generic: bool = True) -> str | None:
    """Dotted table-3 row key for a row label, or None; ``generic=False`` ignores the bare
    labels 其他 and 总计 (which also head columns)."""
    key = _first(normalize(label), _REQUEST_PAIRS)
    if key or not generic:
        return key
    bare = core(label)
    if bare.endswith("其他") or bare == "其他处理":
        return "other.other"
    if bare.endswith(("总计", "合计")):
        return "handled_total"
    return None


def is_group_other(label: str) -> bool:
    """True for the single （六）其他处理 row of the 2019-2020 format."""
    return core(label) == "其他处理"


@lru_cache(maxsize=4096)  # the same labels recur in every report
def request_column(label: str | None) -> str | None:
    """Table-3 column key for a header cell (自然人 ... 总计), or None (e.g. 法人或其他组织)."""
    bare = core(label)
    if bare == "其他":
        return "other_org"
    if bare in ("总计", "合计"):
        return "total"
    return _first(bare, _REQUEST_COLUMN_PAIRS)


@lru_cache(maxsize=4096)  # the same labels recur in every report
def proactive_row(label: str) -> str | None:
    """Table-2 row key for a row label, or None."""
    return _first(normalize(label), _PROACTIVE_PAIRS)


@lru_cache(maxsize=4096)  # the same labels recur in every report
def proactive_column(label: str | None) -> str | None:
    """Table-2 column key for a header cell (本年制发件数 -> issued), or None."""
    return _first(normalize(label), _PROACTIVE_COLUMN_PAIRS)


@lru_cache(maxsize=4096)  # asked of every line of table 2, then of every row
def is_proactive_header(label: str | None) -> bool:
    """True for the 信息内容 header row of a table-2 block."""
    return "信息内容" in normalize(label)


@lru_cache(maxsize=4096)  # asked of every line of table 2, then of every row
def is_proactive_block(label: str | None) -> bool:
    """True for a 第二十条第（N）项 line that opens a table-2 block."""
    return normalize(label).startswith("第二十条")


def review_group(label: str | None) -> str | None:
    """Table-4 group key (review, litigation_direct, litigation_after_review) for a header cell."""
    return _first(normalize(label), _REVIEW_GROUP_PAIRS)


def review_column(label: str | None) -> str | None:
    """Table-4 column key (upheld ... total) for a header cell."""
    return _first(normalize(label), _REVIEW_COLUMN_PAIRS)


def table_of(label: str | None) -> str | None:
    """Which table a cell's text belongs to ("proactive", "requests", "review_litigation")."""
    if not normalize(label):
        return None
    if is_proactive_header(label) or is_proactive_block(label) or proactive_row(label):
        return "proactive"
    if review_group(label) or normalize(label) in ("行政诉讼", "结果维持", "结果纠正", "尚未审结"):
        return "review_litigation"
    if request_row(label) or request_column(label) or "申请人情况" in normalize(label):
        return "requests"
    return None
