"""Canonical keys of the annual report (see REPORT_FORMAT.md).

This module is the one place that names the parts of a report: section keys, the rows and columns
of tables 2, 3 and 4, and the administrative levels. Every stage imports its keys from here.
"""

from __future__ import annotations

# Sections of the 2021 format, in print order.  ``fees`` only exists in pre-2019 reports.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "proactive",
    "requests",
    "review_litigation",
    "problems",
    "other",
)
OLD_SECTION_KEYS: tuple[str, ...] = SECTION_KEYS[:4] + ("fees",) + SECTION_KEYS[4:]
# A numbered section outside these lists (四、咨询和投诉情况 in an older report), kept apart so that
# its text is not read as the end of the section before it.
EXTRA_SECTION = "extra"

# The words that name the problems section and its parts, as regex alternations: the weakness
# (存在的问题, 问题与不足), the improvements (改进措施, 整改情况) and the plans (下一步工作打算).
# The section titles (nlp/sections.py) and the labels of the section's parts, which head the
# sentences under them (nlp/text/sentences.py), are built from them.
WEAKNESS_WORDS = "问题|不足|困难"
IMPROVEMENT_WORDS = "改进|整改"
IMPROVEMENT_NOUNS = "措施|方向|计划|情况|举措|思路"  # after an improvement word: 改进措施, 整改情况, 改进思路
PLAN_NOUNS = "打算|计划|安排|思路|措施"  # after 下一步(工作): 下一步工作打算
NEXT_STEP = "下一?步"  # 下一步, or 下步 as some older reports write it (下步工作措施)

FORMATS: tuple[str, ...] = ("2021", "2019", "pre-2019")
LEVELS: tuple[str, ...] = ("province", "city", "county", "township", "department")

# ---- Table 2: proactive disclosure (article 20) ------------------------------------------
# row key -> (printed label, column keys)
PROACTIVE_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "rules": ("规章", ("issued", "repealed", "in_force")),
    "normative_documents": ("行政规范性文件", ("issued", "repealed", "in_force")),
    "licensing": ("行政许可", ("decisions",)),
    "punishment": ("行政处罚", ("decisions",)),
    "coercion": ("行政强制", ("decisions",)),
    "fees_collected": ("行政事业性收费", ("amount",)),
}
# The columns of table 2's rows in the 2019-2020 format (kept under their own keys), with its two
# rows the 2021 format dropped.
_DOCUMENTS_2019 = ("new_made", "new_published", "total_published")  # 本年新制作数量, 本年新公开数量, 对外公开总数量
_ITEMS_2019 = ("previous_items", "change", "decisions")  # 上一年项目数量, 本年增/减, 处理决定数量
PROACTIVE_COLUMNS_2019: dict[str, tuple[str, ...]] = {
    "rules": _DOCUMENTS_2019,
    "normative_documents": _DOCUMENTS_2019,
    "licensing": _ITEMS_2019,
    "other_services": _ITEMS_2019,
    "punishment": _ITEMS_2019,
    "coercion": _ITEMS_2019,
    "fees_collected": _ITEMS_2019[:2],
    "procurement": ("procurement_items", "procurement_amount"),  # 采购项目数量, 采购总金额
}

# ---- Table 3: information requests -------------------------------------------------------
REQUEST_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "business",
    "research",
    "nonprofit",
    "legal_service",
    "other_org",
    "total",
)
APPLICANT_COLUMNS: tuple[str, ...] = REQUEST_COLUMNS[:-1]
REQUEST_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "nonprofit": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

# Dotted row keys in print order (2021 format), with the label as printed in the format.
REQUEST_ROWS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密",
    "denied.law_prohibited": "2.其他法律行政法规禁止公开",
    "denied.security_stability": "3.危及“三安全一稳定”",
    "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷",
    "denied.query_matter": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.unclear": "3.补正后申请内容仍不明确",
    "not_processed.complaint": "1.信访举报投诉类申请",
    "not_processed.repeat": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "handled_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
# Row groups under 三、本年度办理结果 with their printed labels.
REQUEST_GROUPS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
# Rows whose sum is handled_total (relation 3).
HANDLED_PARTS: tuple[str, ...] = tuple(
    k for k in REQUEST_ROWS if k not in ("new", "carried_over", "handled_total", "carried_forward")
)

# ---- Table 4: review and litigation --------------------------------------------------------
REVIEW_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
REVIEW_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
REVIEW_COLUMN_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# ---- Narrative figures ------------------------------------------------------------------------
FIGURE_KEYS: tuple[str, ...] = (
    "proactive_total",
    "requests_received",
    "requests_answered",
    "review_total",
    "litigation_total",
    "info_fee_yuan",
    "policy_interpretations",
    "press_conferences",
    "trainings",
    "inspections",
)


def empty_proactive() -> dict[str, dict[str, float | int | None]]:
    """Table 2 with every cell ``None`` (not stated)."""
    return {row: {col: None for col in cols} for row, (_, cols) in PROACTIVE_ROWS.items()}


def empty_requests() -> dict:
    """Table 3 nested by dotted row key (``denied.state_secret`` -> ``["denied"]["state_secret"]``)."""
    return empty_requests_by_row()[0]


def empty_requests_by_row() -> tuple[dict, dict[str, dict]]:
    """:func:`empty_requests`, and each row's dict of cells by dotted row key: the same dicts as
    in the table, so that a row is filled without walking down the table."""
    table: dict = {}
    rows: dict[str, dict] = {}
    for key in REQUEST_ROWS:
        node = table
        *groups, leaf = key.split(".")
        for g in groups:
            node = node.setdefault(g, {})
        node[leaf] = rows[key] = dict.fromkeys(REQUEST_COLUMNS)
    return table, rows


def empty_review_litigation() -> dict[str, dict[str, int | None]]:
    """Table 4 with every cell ``None``."""
    return {g: {c: None for c in REVIEW_COLUMNS} for g in REVIEW_GROUPS}


def get_path(tree: dict, dotted: str):
    """``get_path(requests, "denied.state_secret.total")`` -> the cell value (KeyError if absent)."""
    node = tree
    for part in dotted.split("."):
        node = node[part]
    return node


def set_path(tree: dict, dotted: str, value) -> None:
    """Set a cell addressed by a dotted key, e.g. ``set_path(t, "new.total", 3)``."""
    *parts, leaf = dotted.split(".")
    node = tree
    for part in parts:
        node = node[part]
    node[leaf] = value

# ---- Sentence labels (TAXONOMY.md) ----------------------------------------------------------
ROLES: tuple[str, ...] = ("problem", "measure", "other")
TOPICS: tuple[str, ...] = (
    "staff",
    "awareness",
    "content",
    "timeliness",
    "interpretation",
    "format",
    "platform",
    "engagement",
    "application",
    "mechanism",
    "supervision",
    "review",
    "digital",
)
TOPIC_NAMES: dict[str, str] = {
    "staff": "队伍与能力",
    "awareness": "思想认识",
    "content": "公开内容",
    "timeliness": "及时性",
    "interpretation": "政策解读",
    "format": "公开形式与渠道",
    "platform": "平台建设",
    "engagement": "互动与回应",
    "application": "依申请公开",
    "mechanism": "制度与机制",
    "supervision": "监督考核",
    "review": "审查与安全",
    "digital": "技术与数字化",
}
