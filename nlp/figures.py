"""Narrative figures: counts stated in sentences (主动公开信息 N 条, 受理申请 N 件, …).

Table lines (tab-separated, or ending in three or more numbers) are never read.  Sentences
(split at 。！？；, PDF line breaks removed) are read first from the narrative: the preamble and
the overview, fees, problems and other sections, plus every section of a pre-2019 report and any
section without table lines; then, as a fallback, from the prose around the tables of the other
sections.  For each key the first matching sentence wins, preferring one that names the report
year or 全年/本年.  A count in a clause about frequency (每月巡查一次) is not a total.

A key no sentence states is then looked for in the statistics table of pre-2019 reports
(政府信息公开情况统计表: 统计指标, 单位, 统计数), a row at a time: （一）主动公开政府信息数 | 条 | 1234
gives ``proactive_total`` (``Figure.source`` "statistics table"); a row with a blank count gives
nothing (a blank is not a zero).  A key stated in a sentence keeps the table's count beside it
(``Figure.statistics_value``), for the checks to compare.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import accumulate
from operator import add

from .model import Figure, Section
from .numbers import NUMBER_PATTERN, ends_in_numbers, fold_fullwidth, parse_number
from .schema import FIGURE_KEYS

_NUM = rf"(?P<num>{NUMBER_PATTERN})"
_GAP = r"[^，。；：,;:\d]{0,%d}?"  # words between a keyword and its number (no clause break)
_NOT_TIME = r"(?!工作日|自然日|日|天|月|小时|部分)"  # 5个工作日 is a time limit, 六个部分 parts of the report
# Words that do not make a request a request for review (收到行政复议申请): _GAP without 复议, 诉讼.
_NOT_REVIEW_GAP = r"(?:(?!复议|诉讼)[^，。；：,;:\d]){0,%d}?"
_NARRATIVE_KEYS = ("overview", "fees", "problems", "other")
# 未出现行政复议和行政诉讼被撤销或败诉的情况: no case lost, not no case
_NOT_AN_OUTCOME = r"(?![^，。；：,;:]*(?:被撤销|撤销|被纠正|纠错|败诉))"
# 未产生…诉讼相关的费用支出, 未发生与诉讼有关的费用: no costs of lawsuits (in the section on fees), not no lawsuit
_NOT_COSTS = r"(?![^，。；：,;:]*(?:费用|支出|开支))"

# key -> (units, the first one for a zero stated in words; patterns giving a number; patterns
# meaning zero).  A breakdown (其中 a 件、b 件) may use any of the key's units.
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "proactive_total": (
        ("条", "项", "件", "篇", "个", "份"),  # (个 only in a breakdown: 档案180个)
        (
            # (not 主动公开规章13件, 主动公开行政规范性文件42件: rows of table 2, not the total)
            rf"主动(?:向社会(?:各界)?)?(?:公开|上传|发布)(?:(?!规章|规范性文件|任免|建议|提案|事项|采购|收费|许可|处罚|强制)[^，。；：,;:\d]){{0,15}}?"
            rf"{_NUM}(?P<unit>条|项|件|篇|份)(?![^，。；：,;:\d]{{0,10}}?(?:制度|办法|规定|机制))",  # (not 等8项工作制度)
            # the words the other way round: 政府信息累计公开3500余条
            rf"(?:政府)?信息(?:累计|共计|共)公开(?:各类)?(?:信息)?{_NUM}(?P<unit>条|项|件|篇)",
            # a total after counts of kinds: 发布主动公开信息28大项、79小项，共计6657条
            # (or after counts of kinds one by one: 主动公开工作情况15条，履职依据2条，…，合计22条)
            rf"主动公开(?:(?!事项|许可|采购|其中|申请|复议|诉讼)[^。；;]){{0,80}}?(?:共计|总计|合计){_NUM}(?P<unit>条|项|件|篇)",
            # … a long list of kinds ending in 等 before it: 主动公开规划信息、…、公益事业建设事项等共计80余条
            rf"主动公开(?:(?!其中)[^。；;]){{0,100}}?等(?:共计|总计|合计){_NUM}(?P<unit>条|项|件|篇)",
            # … or before the count and the word 信息: 主动公开重大行政决策、…、产业政策等200多条信息
            rf"主动公开(?:(?!任免|其中)[^。；;\d]|\d{{4}}年){{8,100}}?等{_NUM}(?P<unit>条|项|篇)(?:各类)?(?:政府|政务)?信息(?!公开)",
            # … or 等方面 before the count alone: 主动公开…、环保工作等方面53条
            rf"主动公开(?:(?!任免|其中)[^。；;\d]|\d{{4}}年){{8,100}}?等方面(?:信息)?(?:共计?)?{_NUM}(?P<unit>条|项|篇)",
            # 2020年共发布信息42条 (a year's total: 共, 共计, 累计)
            rf"(?:共|共计|累计)发布(?:各类)?(?:政府|政务)?信息(?:[（(][^（()）]{{1,60}}[）)])?{_GAP % 4}{_NUM}(?P<unit>条|项|件|篇)",
            # a long list of fields before the word 信息: 主动公开涉及疫情防控、社会救助、…等方面信息 N 条
            rf"主动(?:向社会(?:各界)?)?公开(?:(?!任免)[^，。；：,;:\d]|\d{{4}}年){{16,100}}?信息{_GAP % 4}{_NUM}(?P<unit>条|项|件|篇)",
            # 全年共公开(政府)信息 N 条, 公开上传信息 N 条: the year's disclosures, in a sentence
            # that gives no count of 主动公开 (else that is the figure) and not an answer to
            # requests (依申请公开, 同意公开, 部分公开, 不予公开, 予以公开).
            rf"^(?!.*主动公开{_GAP % 15}\d).*?(?<![请意分予以于])公开(?:上传|发布)?(?:各类)?(?:政府)?信息{_GAP % 4}{_NUM}(?P<unit>条)",
        ),
        (),
    ),
    "requests_received": (
        ("件", "条", "个", "宗", "份", "起", "次", "例"),
        (
            # the verb, the words of requests, then the count: 共受理依申请政府信息公开事项29例 (before
            # the counts by channel that may follow: 其中通过网络收到申请25件)
            rf"(?:受理|收到|接收|接到)了?依申请(?:政府信息)?公开(?:政府信息)?(?:事项|申请)(?:共计?)?{_NUM}(?P<unit>件|例|项|次){_NOT_TIME}",
            # (not 收到行政复议申请2件: a review, not a request)
            # (收 alone: 全年收政府信息公开申请464件)
            rf"(?:受理|收到|新收|接收|接受|接到|(?<![接新])收(?=(?:政府)?信息公开申请|依申请)){_NOT_REVIEW_GAP % 32}申请{_GAP % 6}"
            rf"{_NUM}(?P<unit>件|条|个|宗|份|起|次){_NOT_TIME}",
            # the count first: 收到 8 件信息依申请公开, 受理 3 件政府信息公开申请, 收到12起…
            rf"(?:受理|收到|新收|接收|接到)(?:了|各类)?{_NUM}(?P<unit>件|条|个|宗|份|起){_NOT_REVIEW_GAP % 16}申请",
            # after the words of requests: 依申请公开共受理2件, 依申请公开92件，其中，本年度新接收91件
            rf"依申请公开[^。；;]{{0,30}}?(?:受理|收到|新接收|新收到?|接收)了?{_NUM}(?P<unit>件|条|个|宗|份|起){_NOT_TIME}",
            # the verb first, the count after the words of requests: 全年共接受依申请公开9次, 收到依申请公开3次
            rf"(?:受理|收到|接收|接受|接到)(?:了)?依申请公开(?:申请)?(?:共计?)?{_NUM}(?P<unit>件|次)",
            # the count in 件 right after the words of requests: 依申请公开政府信息0件, 依申请公开信息共4件
            # (in 条 it counts information by how it is disclosed: 其中主动公开55条，依申请公开3条; and
            # after 办理 in its clause, the requests handled: see requests_answered)
            rf"(?:^|[，。；：,;:])(?:(?!办理|答复|办结)[^，。；：,;:\d]){{0,20}}?(?<![请意分予以于])"
            rf"依申请公开(?:政府|政务)?(?:信息)?(?:共计?|合计|总计|为)?{_NUM}(?P<unit>件)",
            # a count in times: 收到政府信息公开申请0次
            rf"(?:受理|收到|接到)(?:政府)?信息公开申请{_NUM}(?P<unit>次)",
        ),
        (
            # 无政府信息公开申请, 无申请, 没有依申请公开 (not 无政府信息公开方面的复议、诉讼案件)
            r"(?:无|没有)(?:受理|收到|接到)?(?:(?:政府)?信息公开|公开)?申请(?![人书表]|的?(?:行政)?(?:复议|诉讼))"
            r"|(?:无|没有|未有)依申请公开(?![^，。；：,;:]*(?:复议|诉讼|类型))"  # (not 没有依申请公开…的信息类型)
            r"|(?:信息公开|依申请公开|受理)[^，。；：,;:\d]{0,10}?申请[：:]无"  # 依申请受理信息公开申请：无
            # 没有单位或个人向我局提出申请
            r"|(?:无|没有)(?:任何)?(?:单位|个人|公民|法人|行政相对人|群众|申请人)[^，。；：,;:\d]{0,16}?提出[^，。；：,;:\d]{0,10}?申请"
            # 未涉及到要求政府信息公开的申请; 依申请公开政府信息为零
            r"|未涉及到?(?:(?!复议|诉讼)[^，。；：,;:\d]){0,16}?申请(?!的?(?:行政)?(?:复议|诉讼))|依申请(?:公开)?(?:办理)?(?:政府)?(?:信息|事项)?(?:数量?)?为零",
            # 未收到申请; 未接到公民、法人和其他组织提出的政府信息公开申请 (who may be named); not
            # 未收到行政许可申请 (another kind of application), 未收到依申请公开信息的咨询 (inquiries)
            r"(?:未|没有)(?:收到|受理|接到|接受|接收|发生)(?:(?!复议|诉讼|许可|舆情|回应|关注)[^，。；：,;:\d因]){0,40}?申请"
            r"(?!提起|引发|[^，。；：,;:]*(?:咨询|复议|诉讼))",  # (not 申请的行政复议、行政诉讼情况; 依申请公开…方面的行政复议)
        ),
    ),
    "requests_answered": (
        ("件", "条", "个", "宗", "份", "起", "项"),
        # (not in a sentence on complaints, inquiries or reviews that names no request: 受理投诉0件，已办结0件)
        # nor 答复网民留言1424条, 答复解决群众诉求180余件 (messages and petitions, not requests)
        (rf"^(?:(?=.*申请)|(?!.*(?:投诉|举报|咨询|信访|复议|诉讼|留言|信箱|建议|提案|诉求|热线|来电|来访|来信|信件))).*?(?:答复|办结|办理完毕|办理完成)"
         rf"(?:(?!留言|诉求|来信|来电|咨询|投诉|举报)[^，。；：,;:\d]){{0,10}}?{_NUM}(?P<unit>件|条|个|宗|份|起){_NOT_TIME}",
         # 共办理依申请公开55件, 办理依申请公开1项
         rf"办理(?:(?:政府信息)?依申请公开|政府信息公开申请){_GAP % 6}{_NUM}(?P<unit>件|条|个|宗|份|起|项){_NOT_TIME}"),
        (),
    ),
    "review_total": (
        ("件", "起", "宗", "个", "项", "条"),
        (
            rf"行政复议[：:]?{_GAP % 8}{_NUM}(?P<unit>件|起|宗|个|项)",  # 行政复议：共受理8件 too
            rf"行政复议[、和及与]?(?:提起)?行政诉讼{_GAP % 6}(?:均为|均|各)?{_NUM}(?P<unit>件|起|宗|个|条)",
            rf"{_NUM}(?P<unit>件|起|宗|个)(?:的)?行政复议",  # 收到 2 件行政复议申请
        ),
        # 无…复议、诉讼案件 too; not 未经复议 (直接起诉: lawsuits without a review first)
        (rf"(?:(?<!尚)未|没有|无)(?:(?!复议)[^，。；：,;:\d]){{0,36}}?(?<!未经)(?:行政)?复议{_NOT_AN_OUTCOME}{_NOT_COSTS}",),  # not 尚未审结
    ),
    "litigation_total": (
        ("件", "起", "宗", "个", "项", "条"),
        (rf"行政诉讼{_GAP % 8}{_NUM}(?P<unit>件|起|宗|个|项|条)", rf"{_NUM}(?P<unit>件|起|宗|个|项)(?:的)?行政诉讼"),
        # 未发生…举报、投诉、行政复议或提起行政诉讼; 无行政复议和起诉案件 (not 未经复议直接起诉)
        (rf"(?:(?<!尚)未(?!经)|没有|无){_GAP % 36}(?:行政)?(?:诉讼|(?<!直接)起诉){_NOT_AN_OUTCOME}{_NOT_COSTS}",),
    ),
    "info_fee_yuan": (
        ("元", "万元"),
        (
            # (a note after it: 收取的费用（检索费、邮寄费、复制费等）为0元)
            rf"(?:信息处理费|收取费用|收取[^，。；\d]{{0,12}}?费用)(?:[（(][^（()）\d]{{1,30}}[）)])?{_GAP % 8}{_NUM}(?P<unit>万元|元)",
            # 收取复制费20元 (a named fee; not 行政事业性收费, a row of table 2)
            rf"收取(?![^，。；\d]{{0,8}}?事业性)[^，。；\d]{{0,8}}?费(?!用){_GAP % 4}{_NUM}(?P<unit>万元|元)",
            rf"(?<!事业性)收费金额(?:为|是|共计|合计)?{_NUM}(?P<unit>万元|元)",
        ),
        (
            rf"(?:无|未|没有){_GAP % 30}收取?{_GAP % 15}(?:信息处理费|费用)",
            r"(?:不予?|免予?|免除)收取?(?:任何)?(?:信息处理费|费用)",
            # 无收费和减免情况, 没有发生收费及减免情况 (the pre-2019 section on fees and waivers)
            r"收费(?:[和及与、](?:减免|免除))?(?:情况)?为零"
            r"|(?:无|没有|未)(?:发生|产生|涉及)?(?:任何|相关)?(?:关于)?(?:政府信息公开的?|信息公开的?)?收费(?:[和及与、](?:减免|免除))?"
            r"(?:的)?(?:情况|事项|行为|现象|(?=[，。；,;]|$))",
            # 没有向申请人收费的情况, 没有公民、法人和其他组织的政府信息公开收费和减免情况 (words between)
            r"(?:无|没有|未)(?:发生|产生|涉及)?[^，。；：,;:\d]{1,24}?收费(?:[和及与、](?:减免|免除))?的?(?:情况|事项|行为|现象)",
            r"收费(?:[和及与、](?:减免|免除))?(?:的)?情况[：:]?[ \u3000]?无",  # 收费情况：无, 收费情况无
        ),
    ),
    "policy_interpretations": (
        ("篇", "件", "个", "条", "期", "次", "项"),
        (
            # (not one item of a list counted together: 政策文件、政策解读、政府公报信息75条)
            # (but one item of a list of counts: 文件286件、政策解读64篇、工作动态3870条)
            rf"(?:(?<!、)|(?<=\d[件条篇个项份]、))政策(?:性?文件)?解读(?:(?!、)[^，。；：,;:\d]){{0,10}}?{_NUM}(?P<unit>篇|件|个|条|期|次|项)",
            rf"解读(?:材料|政策文件|政策信息|文件|稿件|文章|产品|类信息){_GAP % 4}{_NUM}(?P<unit>篇|件|个|条|期)",
            rf"(?:发布|转载|推出|制作)(?:各类)?解读(?:信息|材料|稿件|文章|产品)?{_GAP % 4}{_NUM}(?P<unit>篇|件|个|条|期)",
            rf"(?<![和、及与])解读信息(?:发布)?{_GAP % 4}{_NUM}(?P<unit>篇|件|个|条|期)",  # 解读信息发布7条 (not 政府文件和解读信息38条)
        ),
        (),
    ),
    "press_conferences": (
        ("场", "次", "期"),
        (
            rf"新闻发布会{_GAP % 10}{_NUM}(?P<unit>场|次|期)",
            rf"(?:召开|举办|举行|组织){_NUM}(?P<unit>场|次|期)?新闻发布会",
            rf"发布{_NUM}(?P<unit>场|次|期)新闻发布会",  # 发布29场新闻发布会信息: the conferences it published
            rf"(?:召开|举办|举行|组织){_NUM}(?P<unit>场|次|期){_GAP % 8}新闻发布(?:会|活动)",
        ),
        (),
    ),
    "trainings": (
        ("次", "场", "期", "轮"),
        (
            rf"培训{_GAP % 10}{_NUM}(?P<unit>次|场|期|轮)",
            rf"(?:开展|组织|举办|参加){_GAP % 6}{_NUM}(?P<unit>次|场|期|轮){_GAP % 8}培训",
        ),
        (),
    ),
    "inspections": (
        ("次", "轮"),
        (
            rf"(?:巡查|检查|巡检){_GAP % 10}{_NUM}(?P<unit>次|轮)",
            rf"(?:开展|组织|进行){_GAP % 6}{_NUM}(?P<unit>次|轮){_GAP % 15}(?:巡查|检查|巡检)",
        ),
        (),
    ),
}
# key -> words one of which every pattern of the key needs (number and zero patterns alike): a
# sentence holding none of them cannot state the figure and is not matched at all.  Keep in step
# with _RULES.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "proactive_total": ("主动公开", "公开政府信息", "公开信息", "公开各类", "公开上传", "公开发布", "主动上传",
                        "主动发布", "累计公开", "共计公开", "共公开", "主动向社会", "共发布", "共计发布", "累计发布"),
    "requests_received": ("申请", "无政府信息公开"),
    "requests_answered": ("答复", "办结", "办理完毕", "办理完成", "办理依申请公开", "办理政府信息依申请公开", "办理政府信息公开申请"),
    "review_total": ("复议",),
    "litigation_total": ("诉讼", "起诉"),
    "info_fee_yuan": ("费",),
    "policy_interpretations": ("解读",),
    "press_conferences": ("新闻发布",),
    "trainings": ("培训",),
    "inspections": ("巡查", "检查", "巡检"),
}
assert set(_KEYWORDS) == set(_RULES)
# Weaker wordings of a figure, read only when no sentence states it in the words of _RULES: the
# year's publishing on the whole (网站发布信息221条, 编发各类信息1555条, 公布各类政府信息115条,
# 更新各类信息317条, 公开政府信息2874项), which may count more than the disclosures; not one
# channel's (政务微博发布信息300条: see _one_channel) nor an answer to requests (同意公开, 予以公开).
# Nor a count of one kind (政务动态类信息133条, 集中采购信息, 新闻发布会信息, 意见征集信息, or one
# of a list: 工作动态信息43条，通知公告8条), of times (100余条次), or of one part of a total that
# follows (发布信息514条，总计2401条).
_CHANNELS = "微博|微信|公众号|抖音|快手|头条|视频号|短视频|短信|媒体|客户端|APP|信用|广播|电视|报纸|报刊|公报"
_MAIN_CHANNELS = "网站|门户|政府网|政务网|公开网|公开栏|专栏|网页"  # the website and its columns
_NOT_ALL_KINDS = "采购|招标|交易|收费|新闻|征集|会议|解读|规章|规范性文件|任免|建议|提案|事项"
_WEAK_RULES: dict[str, tuple[str, ...]] = {
    "proactive_total": (
        rf"(?<![请意分予以于])(?<!新闻)(?:发布|公布|编发|更新|公开|上传|公示)(?:发布)?了?"
        rf"(?:各类|各项)?(?:(?!{_CHANNELS}|{_NOT_ALL_KINDS})[^，。；：,;:\d]){{0,8}}?(?:(?<![类目])|(?<=各类))信息(?:公开)?"
        rf"(?:共计?|合计|总计)?{_NUM}(?P<unit>条|项|篇)(?!次|[，,]?(?:总计|合计|共计?)|[，,、](?!其中)[^，。；,;\d]{{1,6}}?{NUMBER_PATTERN}条)",
        # the noun first: 完成政府网站信息发布65条
        rf"(?:政府|网站|门户)[^，。；：,;:\d]{{0,4}}?信息发布(?:共计?|合计|总计)?{_NUM}(?P<unit>条|项|篇)",
        # 本年度政府信息公开共530条
        rf"(?:政府)?信息公开(?:共计?|合计|总计){_NUM}(?P<unit>条|项|篇)",
        rf"(?:完成|全年|本年度?)(?:政府)?信息公开{_NUM}(?P<unit>条|项|篇)",  # 街道全年完成信息公开132条
        # the count before the noun: 累计公开186条信息
        rf"(?<![请意分予以于])(?:发布|公开|上传|发表|发送)了?{_NUM}(?P<unit>条|项|篇)(?:主动公开)?(?:各类)?(?:政府|政务)?信息",
        # a long list of fields before the word 信息: 发布重大决策、…等涉及民生领域的政府信息2095条
        rf"(?:发布|公布|公开|上传)(?:(?!{_CHANNELS})[^，。；：,;:\d]){{8,100}}?等"
        rf"[^，。；：,;:\d]{{0,12}}?信息"
        rf"{_GAP % 4}{_NUM}(?P<unit>条|项|篇)",
    ),
}
_WEAK_KEYWORDS: dict[str, tuple[str, ...]] = {"proactive_total": ("发布", "公布", "编发", "更新", "公开", "上传", "公示", "发表", "发送")}
_KEYWORD_RES: dict[str, re.Pattern[str]] = {
    key: re.compile("|".join(map(re.escape, words))) for key, words in _KEYWORDS.items()
}
_COMPILED: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]]]] = {
    key: ([re.compile(p) for p in nums], [re.compile(p) for p in zeros])
    for key, (_, nums, zeros) in _RULES.items()
}
_WEAK: dict[str, tuple[re.Pattern[str], tuple[list[re.Pattern[str]], list[re.Pattern[str]]]]] = {
    key: (re.compile("|".join(map(re.escape, _WEAK_KEYWORDS[key]))), ([re.compile(p) for p in patterns], []))
    for key, patterns in _WEAK_RULES.items()
}
_PARTS_HEAD_RE = re.compile(
    r"[，,；;]?(?:其中(?:包括)?|(?:主要)?包括|分别为|在(?:主动)?公开的?(?:政府)?信息中)[，,：:]?|[（(](?:其中|包括)?[，,：:]?|[：:]"
)  # (…) too: 共455条（a 84条，…）; a colon: 总数171条：a 124条，…
# A part: a label (which may list words with 、: 政策、法规类信息, and open with a year: 2023年年度报告),
# a number, a unit, a separator.
_PART_RE = re.compile(
    r"(?P<label>(?:(?:19|20)\d{2}年度?)?(?:[^，。；：,;:\d（）()]|[（(][^，。；：,;:\d（）()]{1,10}[）)]){1,40}?)"
    rf"{_NUM}(?P<unit>[^\W\d_]{{1,2}}?)"
    r"(?:[（(](?![一二三四五六七八九十]{1,3}[）)])[^（()）]{0,40}[）)])?"  # a note after it: 3652件（含…7份）
    r"(?:[、，,；;。）)]|$|(?=占)|(?=[（(][一二三四五六七八九十]{1,3}[）)]))"
)  # (a share may follow without a comma: 工作动态信息365条占24.3%; or the next heading: 155条（二）…)
# A part whose label opens a breakdown of the part before it (20条，内有a 10条、b 4条): nested.
_NESTED_RE = re.compile(r"(?:其中|内有|内含|包括|包含|含)")
_CASES_RE = re.compile("行政复议|行政诉讼")
# The share of the part just read, before the next part: 占10%, 占总数的12.5%.
_SHARE_RE = re.compile(rf"占(?:[^，。；：,;:\d]{{0,8}}?{NUMBER_PATTERN}[%％])?(?:[、，,；;]|$)")  # 占; too (no share printed)
# A number and the word after it (its unit, if any), for what follows the parts read.
_COUNT_RE = re.compile(rf"{NUMBER_PATTERN}(?P<unit>[^\W\d_]{{1,2}})")
_NOTE_RE = re.compile(r"[（(][^（()）]*[）)]")
_PUBLISHING_RE = re.compile("发布|推送|推出|公开")
_NAMES_A_CHANNEL_RE = re.compile(f"{_CHANNELS}|{_MAIN_CHANNELS}|平台")
_TIME_AFTER_RE = re.compile(r"个?(?:工作日|自然日|小时|月)|天")
_SENTENCE_END_RE = re.compile(r"[。；;]")
_CLAUSE_BREAK_RE = re.compile(r"[，,；;：:]")

# A table line holds a tab, or ends in three or more numbers (a PDF text row: numbers.ends_in_numbers).
_FURNITURE_LINE_RE = re.compile(
    r"^[ \t\u3000]*(?:[-－—–][ \t]*\d{1,3}[ \t]*[-－—–]|第\s*\d{1,3}\s*页)[ \t\u3000]*$", re.M
)
_FURNITURE_CHAR_RE = re.compile("[-－—–页]")  # one of them is in every furniture line
# Lines kept apart from their neighbours: short numbered heads, and the title (…年度报告).
_HEAD_LINE_RE = re.compile(
    r"[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[ \u3000]?[、.．]|\d{1,2}[、.．])"
    r"[^。！？\n]{0,30}$"
)
_POINT_START_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?![\d.．])")
_TITLE_LINE_RE = re.compile(r"[^。！？\n]{0,60}(?:报告|年报)[ \t\u3000]*$")
_NUMBERING_FIRST = frozenset("（(一二三四五六七八九十")  # first characters of its numbering, digits aside
# Sentences end at 。！？；; a unit (see _units) holds no line break, so units joined by line
# breaks split into the sentences of each unit.
_SENTENCE_RE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_THIS_YEAR_WORDS = ("全年", "本年", "今年", "年度")
_NOT_THIS_YEAR = "(?<![上下去前明])"  # 下年度, 上年度: another year


@dataclass
class _Sentences:
    """The sentences of a report in the order they are read: best rank first (narrative before
    the prose around tables, naming the report year or 全年/本年 before not), print order within
    a rank."""

    printed: list[str]  # as split, line breaks removed (stripped when quoted as evidence)
    compact: list[str]  # all whitespace removed, full-width digits made ASCII
    joined: str  # the compact sentences joined by line breaks (a compact sentence holds none)
    starts: list[int]  # offset of each compact sentence in ``joined``
    in_print: list[str]  # the compact sentences in print order
    printed_at: list[int]  # where each sentence (in reading order) is in ``in_print``

    def at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` of ``joined``."""
        return bisect_right(self.starts, offset) - 1

    def following(self, i: int) -> str:
        """The sentence printed after sentence ``i``, with those it runs on into after its ；s."""
        out = []
        after = self.printed_at[i] + 1
        for k in range(after, min(len(self.in_print), after + _RUN_ON_MAX)):
            out.append(self.in_print[k])
            if not self.in_print[k].endswith(("；", ";")):
                break
        return "".join(out)


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """``texts`` joined by line breaks, and the offset of each in the result."""
    ends = accumulate(map(len, texts[:-1]), initial=0)
    return "\n".join(texts), list(map(add, ends, range(len(texts))))  # + one break per text


def _regions(text: str, sections: list[Section]) -> list[tuple[int, int, bool]]:
    """Spans of text in order, each flagged True when it is narrative (see the module doc)."""
    if not sections:
        return [(0, len(text), True)]
    pre_2019 = any(s.key == "fees" for s in sections)
    spans = [(0, sections[0].start, True)]
    for s in sections:
        narrative = s.key in _NARRATIVE_KEYS or pre_2019
        spans.append((s.start, s.end, narrative or not _has_table_line(text, s.start, s.end)))
    return spans


def _has_table_line(text: str, start: int, end: int) -> bool:
    """True when a whole line of ``text[start:end]`` is a table line (the line cut by ``end``
    counts, the one cut by ``start`` does not: it is not a line of the region)."""
    region = text[start:end]
    if start > 0 and text[start - 1] != "\n":
        region = region.partition("\n")[2]
    lines = region.split("\n")
    return ("\t" in region and any(map(_has_cells, lines))) or any(map(ends_in_numbers, lines))


def _has_cells(line: str) -> bool:
    """True for a line holding a tab after its first character: a table row of a web copy (blank
    cells after a label too).  A paragraph indented by a tab is not one."""
    return "\t" in line.lstrip()


def _heading_lines(lines: list[str], stripped: list[str]) -> list[int]:
    """Indices of the lines kept apart from their neighbours (``stripped``: the lines stripped of
    their whitespace).  Each regex is only tried on a line that can match it: one starting with
    numbering, one naming a report (most lines are prose, and on a long one the title regex
    backtracks through sixty characters looking for 报告)."""
    return [
        i
        for i, s in enumerate(stripped)
        if ((s[:1] in _NUMBERING_FIRST or s[:1].isdecimal()) and _HEAD_LINE_RE.match(lines[i]))
        or (("报告" in s or "年报" in s) and _TITLE_LINE_RE.match(lines[i]))
    ]


def _units(chunk: str) -> list[str]:
    """Paragraph text of a span: table and page-number lines dropped, wrapped lines joined,
    heading and title lines kept apart."""
    # Table lines (see _has_table_line) go: first those with cells, then those ending in numbers.
    if "\t" in chunk:
        chunk = "\n".join([line for line in chunk.split("\n") if not _has_cells(line)])
    if " " in chunk or "\u3000" in chunk:
        chunk = "\n".join([line for line in chunk.split("\n") if not ends_in_numbers(line)])
    if _FURNITURE_CHAR_RE.search(chunk):
        chunk = _FURNITURE_LINE_RE.sub("", chunk)
    lines = chunk.splitlines()
    stripped = list(map(str.strip, lines))
    units, start = [], 0
    for i in _heading_lines(lines, stripped):
        units += _points(stripped[start:i])
        units.append(stripped[i])
        start = i + 1
    units += _points(stripped[start:])
    return [u for u in units if u]


def _points(stripped: list[str]) -> list[str]:
    """Lines joined, but a new unit at each line that opens with a numbering (a point, or a title
    run into its text: （三）政府信息管理情况。严格…), never run on from the line before."""
    units, start = [], 0
    for i, s in enumerate(stripped):
        if i > start and (s[:1] in _NUMBERING_FIRST or s[:1].isdecimal()) and _POINT_START_RE.match(s):
            units.append("".join(stripped[start:i]))
            start = i
    units.append("".join(stripped[start:]))
    return units


@lru_cache(maxsize=64)
def _names_year(year: str | None) -> re.Pattern[str]:
    """Words that name the report year: 全年, 本年, 今年, 年度 and ``{year}年`` (not 年度 of 年度报告,
    the name of a kind of information)."""
    words = (*_THIS_YEAR_WORDS, f"{year}年") if year else _THIS_YEAR_WORDS
    return re.compile(_NOT_THIS_YEAR + "(?:" + "|".join(map(re.escape, words)) + ")(?!(?:工作)?报告)")


def _sentences(text: str, sections: list[Section], year: str | None) -> _Sentences:
    """The sentences of ``text`` in reading order (see :class:`_Sentences`)."""
    pieces: list[str] = []
    narrative: list[bool] = []
    for start, end, is_narrative in _regions(text, sections):
        found = _SENTENCE_RE.findall("\n".join(_units(text[start:end])))
        pieces += found
        narrative += [is_narrative] * len(found)
    # The sentences without whitespace, full-width forms folded by one call for all of them
    # (folding is character for character and makes no line break: the offsets hold).
    joined, offsets = _joined(list(map("".join, map(str.split, pieces))))
    joined = fold_fullwidth(joined)
    with_year = {bisect_right(offsets, m.start()) - 1 for m in _names_year(year).finditer(joined)}
    # a sentence naming another year and not the report's (2019年，我镇公开信息94条 in a report on
    # 2020) is read last
    other_year = {bisect_right(offsets, m.start()) - 1 for m in _YEAR_RE.finditer(joined) if year and m.group() != year}
    ranks = [2 * (not n) + (i not in with_year) + 4 * (i in other_year - with_year) for i, n in enumerate(narrative)]
    order = sorted(range(len(pieces)), key=ranks.__getitem__)  # stable: print order within a rank
    compacts = joined.split("\n") if pieces else []
    compact = [compacts[i] for i in order]
    return _Sentences([pieces[i] for i in order], compact, *_joined(compact), compacts, order)


def _parts(rest: str, units: tuple[str, ...], total: int | float) -> dict[str, int | float] | None:
    """Breakdown printed right after a total: 其中，a 61 条、b 11 条 -> {a: 61, b: 11}; it ends
    where the parts add up to ``total``.  None when there is none; when a part is broken down in
    turn (a 20 条，内有 c 10 条…); or when the parts read fall short of ``total`` and the sentence
    goes on with a count that may be one more part that could not be read, or ends in a ；
    (where the list was cut short of the sentences it runs on into): better no breakdown than a
    wrong one; one part alone short of the total is a subset the sentence names, not a
    breakdown; a part that is approximate cannot be summed.  A part's share (a 1 件，占 10%；b 9
    件) is passed over."""
    head = _PARTS_HEAD_RE.match(rest)
    if head is None:
        return None
    parts: dict[str, int | float] = {}
    first_unit = ""
    pos = head.end()
    while (m := _PART_RE.match(rest, pos)) and m.group("unit") in units:
        parsed = parse_number(m.group("num"))
        if parsed is None:
            break
        if parts and _NESTED_RE.match(m.group("label")):  # parts of a part: not one flat breakdown
            return None
        if parsed[1]:  # an approximate part (1100余条): the sum cannot be checked
            return None
        if total == 0 and parts and parsed[0] != 0:  # parts of a zero are zeros; this is another clause
            break
        if parts and _CHANNEL_RE.search(label := m.group("label")) and (
                m.group("unit") != first_unit
                or (_PUBLISHING_RE.search(label) and not any(map(_NAMES_A_CHANNEL_RE.search, parts)))):
            break  # 乡镇文件41条，通过微信公众号发布信息293篇: another channel's publishing (after kinds, or in other units)
        if _CASES_RE.search(m.group("label")):
            break  # 申请12件，其中行政复议2件、行政诉讼1件: reviews and lawsuits are no part of a count
        first_unit = first_unit or m.group("unit")
        parts[m.group("label")] = parsed[0]
        pos = m.end()
        if share := _SHARE_RE.match(rest, pos):  # 当面申请1宗，占10%；网上申请9宗…: the share is skipped
            pos = share.end()
        if total and sum(parts.values()) == total:  # complete: what follows is another clause (较上年增加 5 条)
            break
    if len(parts) == 1 and sum(parts.values()) == total:
        return None  # 依申请公开92件，其中本年度新接收91件 (the new ones became the total): no breakdown
    if parts and sum(parts.values()) != total:
        if len(parts) == 1:
            return None  # 其中 one part short of the total: a subset named (其中专题发布会 80 场), no breakdown
        if rest.rstrip().endswith(("；", ";")):
            return None  # the sentence goes on after its ；, where more parts may be: not read here
        stop = _SENTENCE_END_RE.search(rest, pos)
        counts = _COUNT_RE.finditer(rest, pos, stop.start() if stop else len(rest))
        if any(c["unit"][:1] in units or c["unit"] in units for c in counts):
            return None
    return parts or None


# 每月巡查一次: a frequency; all the years so far: 历年累计52条, 条例实施以来, 到2010年底累计 (not 今年以来,
# 2023年以来: the year), 至今, 截至年底累计, 到目前累计 (not 截至12月31日, 全年…: the year; nor 全年累计).
_CUMULATIVE = r"历年|(?<!年)以来|至今|(?:截至|截止|到\d{4}年底|目前)[^，。；：,;:]*?累计"
_NOT_OF_THE_YEAR_RE = re.compile(rf"每|{_CUMULATIVE}")
_CUMULATIVE_RE = re.compile(_CUMULATIVE)
_SINCE_RE = re.compile(r"(?<!年)以来|实施以来|施行以来")
_CUMULATIVE_CLAUSE_RE = re.compile(r"(?:(?!全年|本年|今年|年内|当年)[^，。；：,;:])*?累计")  # (match at a clause start)


def _clause_start(compact: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last ，；：before it)."""
    return max((b.end() for b in _CLAUSE_BREAK_RE.finditer(compact, 0, pos)), default=0)


def _not_of_the_year(compact: str, m: re.Match[str]) -> bool:
    """True when the clause of the number states a frequency (每月巡查一次; not 每季度报送…，公开
    政府信息计22条, a frequency of another clause), or the match, from its clause on, a count of
    all the years so far (历年累计公开52条, 自条例实施以来，累计…): not a total of the report's year."""
    clause_start = _clause_start(compact, m.start())
    if _CUMULATIVE_RE.search(compact, clause_start, m.end()):
        return True
    number = m.start("num") if m.re.groupindex.get("num") and m.start("num") >= 0 else m.start()
    number_clause = max(clause_start, _clause_start(compact, number))
    if _CUMULATIVE_CLAUSE_RE.match(compact, number_clause, m.end()) and _SINCE_RE.search(compact, 0, number_clause):
        return True  # 自条例实施以来，累计主动公开信息560条 (not 截至2024年12月31日，累计…: often the year's)
    return "每" in compact[number_clause : m.end()]


def _first(pattern: re.Pattern[str], compact: str,
           accept: Callable[[str, re.Match[str]], bool] | None = None) -> re.Match[str] | None:
    """The first match of ``pattern`` that states a total of the report's year (and that
    ``accept`` takes, if given)."""
    if accept is None and _NOT_OF_THE_YEAR_RE.search(compact) is None:  # the common case: the first match
        return pattern.search(compact)
    return next((m for m in pattern.finditer(compact)
                 if not _not_of_the_year(compact, m) and (accept is None or accept(compact, m))), None)


def _not_one_channel(compact: str, m: re.Match[str]) -> bool:
    """A count of items disclosed that is not one channel's (any kind)."""
    return not _one_channel(compact, m)


def _a_part(compact: str, m: re.Match[str]) -> bool:
    """Whether a count of one kind opens a clause after 其中: a part of a total before it (全年公开
    政府信息43条，其中主动公开公文信息2条; not 其中主动公开1200条, the items disclosed of all kinds; not
    …等平台发布信息，其中通过网站发布信息359条, where no total comes before)."""
    start = _clause_start(compact, m.start("num"))
    after_其中 = compact.startswith("其中", start) or compact.endswith(("其中，", "其中,", "其中：", "其中:"), 0, start)
    words = compact[max(start, m.start()) : m.start("num")].removeprefix("其中")
    total_before = _ITEMS_RE.search(compact, 0, start) is not None  # (no part of a total the sentence never gives)
    return after_其中 and total_before and _names_a_kind(words)


def _not_one_channel_nor_a_part(compact: str, m: re.Match[str]) -> bool:
    return not _a_part(compact, m) and _not_one_channel(compact, m)


def _of_all_kinds(compact: str, m: re.Match[str]) -> bool:
    """A count of items disclosed that is neither one channel's nor one kind's, nor a part."""
    return _not_one_channel_nor_a_part(compact, m) and not _a_kind(compact, m)


def _one_channel(compact: str, m: re.Match[str]) -> bool:
    """Whether the clause of a count of items disclosed counts one channel, or several each
    (政务微博发布信息300条, 通过政务新媒体账号公开信息5994条, 微博、微信公众号分别发布…, 微博发布信息121条、
    微信公众号发布信息352条), not the disclosures on the whole (通过门户网站、微信公众号等平台主动公开…:
    several channels listed; 通过网站发布…: the website, named after any channel)."""
    clause_start = _clause_start(compact, m.start())
    words = compact[clause_start : m.start("num")]
    channels = list(_CHANNEL_RE.finditer(words))
    if not channels:
        return False
    if "分别" in words or _ITEMS_RE.search(words):  # each channel's count, or a list of them
        return True
    if _SEVERAL_RE.search(words):  # several channels together: 网站、微信公众号等, 门户网站和微信公众号
        return False
    main = list(_MAIN_CHANNEL_RE.finditer(words))  # the website named after the channel: 通过网站发布
    return not main or main[-1].start() < channels[-1].start()


# the next clause of a list of channels and their counts: ，在市政府网站发布信息514条 / ，政务微博发布信息20条
_NEXT_CHANNEL_RE = re.compile(
    rf"[，,、](?:(?!其中|总计|合计|共计?)[^，。；：,;:\d]){{0,12}}?(?:{_CHANNELS}|{_MAIN_CHANNELS})"
    rf"[^，。；：,;:\d]{{0,10}}?{NUMBER_PATTERN}(?:条|项|篇)"
)


def _channels_listed(compact: str, m: re.Match[str], rest: str) -> bool:
    """Whether a count of items disclosed is one channel's, the first of a list of channels
    each with its count (the words of its clause name a channel, the next clause another)."""
    words = compact[_clause_start(compact, m.start()) : m.start("num")]
    return _NAMES_A_CHANNEL_RE.search(words) is not None and _NEXT_CHANNEL_RE.match(rest) is not None


def _a_kind(compact: str, m: re.Match[str]) -> bool:
    """Whether a count of items disclosed names one kind of them (主动公开政策文件352条), not
    information (主动公开街道信息423条, 主动公开政府信息数为22条)."""
    words = _NOTE_RE.sub("", compact[m.start() : m.start("num")])  # (共发布信息（…等栏目）239条)
    return _NO_KIND_END_RE.search(words) is None


def _counts_in(text: str, units: tuple[str, ...]) -> bool:
    """Whether ``text`` counts something in one of ``units`` (not 20个工作日, a time)."""
    text = _NOTE_RE.sub("", text)  # (a note: 不同渠道公开的相同信息按1条计)
    return any(m.group("unit")[:1] in units or m.group("unit") in units
               for m in _COUNT_RE.finditer(text) if not _TIME_AFTER_RE.match(text, m.start("unit")))


def _match(key: str, printed: str, compact: str, following: Callable[[], str] = str,
           patterns: tuple[list[re.Pattern[str]], list[re.Pattern[str]]] | None = None,
           kinds: bool = True) -> Figure | None:
    """The figure for ``key`` stated in one sentence, if any (earliest match in the sentence of
    ``patterns``, numbers and zeros: by default those of ``_RULES``).  The items disclosed are
    never one channel's (see _one_channel), and one kind's only with ``kinds``.
    A total that ends its sentence takes its breakdown from the sentence after it when that one
    opens with 其中 (共81条。其中，工作动态50条，…); a breakdown the ；s cut into sentences is read
    on (53条；其中a 45条；b 1条；…)."""
    units = _RULES[key][0]
    nums, zeros = patterns or _COMPILED[key]
    m, has_number = None, False  # the earliest match; on a tie, number patterns first, in order
    accept = None
    if key == "proactive_total":
        accept = _not_one_channel_nor_a_part if kinds else _of_all_kinds
    for p in nums:
        if (found := _first(p, compact, accept)) and (m is None or found.start() < m.start()):
            m, has_number = found, True
    for p in zeros:
        if (found := p.search(compact)) and (m is None or found.start() < m.start()):
            m, has_number = found, False
    if m is None:
        return None
    if not has_number:
        return Figure(0, evidence=printed.strip(), unit=units[0])
    if key in ("review_total", "litigation_total") and _COMBINED_RE.search(compact, max(0, m.start() - 12), m.end()):
        if parse_number(m.group("num")) != (0, False):
            return None  # 涉行政复议、行政诉讼案件743件: the two together, neither count (均为0件 is each)
    parsed = parse_number(m.group("num"))
    if parsed is None:
        return None
    value, approximate = parsed
    value, unit = _in_yuan(value, m.group("unit") or units[0])
    rest = compact[m.end() :]
    if key == "requests_received" and (new := _new_requests(value, rest)) != value:
        return Figure(new, approximate, printed.strip(), unit)  # (the rest tells apart those carried over: no breakdown)
    if rates := _RATE_CLAUSES_RE.match(rest):
        rest = rest[rates.end() :]
    if (key == "proactive_total" and _channels_listed(compact, m, rest) and (total := _LIST_TOTAL_RE.search(rest))
            and (parsed := parse_number(total.group("num")))):
        # a list of channels and their counts that ends in its total: the total (…在区政府网站发布
        # 信息1887条，在市政府网站发布信息514条，总计2401条); without one, the website's count stands
        return Figure(*parsed, printed.strip(), total.group("unit"))
    if key == "proactive_total":
        listed = _LIST_GOES_ON_RE.match(rest) or (compact.startswith("主动", m.start()) and _COMMA_LIST_GOES_ON_RE.match(rest))
        if listed and _names_a_kind(compact[m.start() : m.start("num")]):
            # 主动公开政策文件79件、会议信息23条…: one category of a list; its total, if the list ends in one
            if (total := _LIST_TOTAL_RE.search(rest)) and (parsed := parse_number(total.group("num"))):
                return Figure(*parsed, printed.strip(), total.group("unit"))
            return None
        if (new := _YEARS_NEW_RE.match(rest)) and (parsed := parse_number(new.group("num"))):
            value, approximate = parsed  # 累计公开信息7976条（2022年新增435条）: the year's are the new ones
    if rest.endswith(("；", ";")):
        rest += following()  # a breakdown its ；s cut into sentences: read on to the end of the list
    elif not _counts_in(rest, units) and (nxt := _NEXT_PARTS_RE.match(after := following())):
        rest = after[nxt.start("kw") :]  # (the rest of the sentence counts nothing: 均按时公开, 及时率100%)
    return Figure(value, approximate, printed.strip(), unit, _parts(rest, units, value))


# After a count of requests, in its sentence: the sum of channels counted one by one (网上申请105件，
# 快递17件，合计122件), the new ones apart from those carried over (共受理59件，结转上年后新收到47件),
# or those carried over within it (62件（其中上年结转3件）).
# Neither is read across answers, reviews or lawsuits, and a sum across those carried over is not the
# year's (上年结转6件，总计12件).
_REQUESTS_SUM_RE = re.compile(rf"(?:(?!答复|办结|办理|回复|复议|诉讼|结转)[^。；;]){{0,30}}?(?:合计|共计|总计){_NUM}件")
_REQUESTS_NEW_RE = re.compile(rf"(?:(?!答复|办结|办理|回复|复议|诉讼)[^。；;]){{0,30}}?新(?:收到?|接收|受理)[^，。；,;\d]{{0,16}}?{_NUM}件")
_LAST_YEAR = r"(?:上年度?|上一年度?|\d{4}年度?)"
_REQUESTS_CARRIED = (  # （其中上年结转3件）, （含2021年结转2件）, （含上年度结转申请74件）, （其中1件为上年度结转）
    re.compile(rf"[（(]?(?:其中|含){_LAST_YEAR}?结转(?:申请)?{_NUM}件"),
    re.compile(rf"[（(]?其中{_NUM}件为{_LAST_YEAR}结转"),
    re.compile(rf"[（(]{_LAST_YEAR}结转(?:申请)?{_NUM}件"),  # 1466件（上年度结转16件，…）
)


def _new_requests(value: int | float, rest: str) -> int | float:
    """The requests received this year, from a count of them and the rest of its sentence (see
    _REQUESTS_SUM_RE and the two after it)."""
    for pattern in (_REQUESTS_NEW_RE, _REQUESTS_SUM_RE):
        if (m := pattern.match(rest)) and (parsed := parse_number(m.group("num"))) and not parsed[1]:
            return parsed[0]
    for pattern in _REQUESTS_CARRIED:
        if (m := pattern.match(rest)) and (parsed := parse_number(m.group("num"))) and 0 <= parsed[0] <= value:
            return value - parsed[0]
    return value


_RUN_ON_MAX = 16  # sentences a list cut at its ；s may run on for
_COMBINED_RE = re.compile(r"(?:行政)?复议[、和及与](?:提起)?(?:行政)?诉讼(?:(?!均|各|分别)[^，。；：,;:\d]){0,8}?\d")
_VERBS = "发布|公开|编发|更新|上传|公示|转载|刊登|推送|开展|召开|举办|组织|收到|受理|办理|接收|答复"
# the year's new ones after a count of all the years: 累计公开信息7976条（2022年新增435条）, …累计公开846条，其中本年度新增公开214条
_YEARS_NEW_RE = re.compile(rf"(?:[（(]|[，,](?:其中)?)(?:\d{{4}}年度?|本年度?|今年|全年)新增(?:主动)?(?:公开)?(?:政府)?(?:信息)?{_NUM}(?:条|项|件|篇)")
# a list going on after a count: 、b 23条 or ，b 14条 (a count of items, not 开展…15次)
_LIST_TOTAL_RE = re.compile(rf"^[^。；;]*?[，,](?:合计|共计|总计){_NUM}(?P<unit>条|项|件|篇)")  # …，其他信息0条，合计19条
_LIST_GOES_ON_RE = re.compile(r"、[^，。；：,;:\d]{1,12}?\d")
# … or after a comma, for a count that opens with 主动: ，b 14条 (a short label and a count of
# items, 决算公开1条 too: not a clause opening with a verb, 开展…15次, 收到1份申请, nor 其中…)
_COMMA_LIST_GOES_ON_RE = re.compile(
    rf"[，,](?!{_VERBS}|依申请)(?:(?!其中|包括|分别|较|比|同比|占)[^，。；：,;:\d]){{1,8}}?{NUMBER_PATTERN}[条件篇份项个]"
)
# The words before a count of the information on the whole: 主动公开(了)(各类)(政府)信息(共)
# (strictly; not 主动公开组织机构信息: one kind, when a list goes on after it) ...
_NO_KIND_RE = re.compile(
    r"主动(?:向社会(?:各界)?)?(?:公开|上传|发布)了?(?:(?:各类|各项)(?:[^\W\d_]{1,4}?信息)?)?(?:政府|政务)?(?:本级)?(?:信息)?"
    r"(?:数|数量)?(?:共计?|合计|总计|有|为|达)?"
)
# ... and how they end, loosely (信息, 主动公开, 政府信息累计公开, 信息数为, 28大项、79小项，共计; not
# 主动公开预算决算, 主动公开政策文件: a kind, read only when no count of all kinds is found)
_NO_KIND_END_RE = re.compile(
    r"(?:信息|公开|发布|上传|各界|共计?|合计|总计|累计)(?:数|数量|件数|条数|总数|总量)?(?:共计?|合计|总计|累计|达|为|是|了|有)*$"
)
_CHANNEL_RE = re.compile(_CHANNELS)
_MAIN_CHANNEL_RE = re.compile(_MAIN_CHANNELS)
_SEVERAL_RE = re.compile("、|等|和|与|及")  # (网站及新媒体: several)
_ITEMS_RE = re.compile(rf"{NUMBER_PATTERN}(?:条|件|项|篇|份|个)")  # a count of items (not 2022年)


def _names_a_kind(words: str) -> bool:
    """Whether the words before a count may name a kind of information (主动公开预算决算 3条,
    主动公开组织机构信息 3条), not the information on the whole (主动公开政府信息 3条)."""
    return _NO_KIND_RE.fullmatch(words) is None
# a sentence that opens as the breakdown of the total before it (其中, 包括, 在主动公开的信息中)
# a breakdown opening the next sentence, maybe after a few words (2024年主动公开的信息类别主要包括：…)
_NEXT_PARTS_RE = re.compile(r"(?:\d{4}年度?)?[^，。；：,;:\d]{0,24}?(?P<kw>其中|包括|在(?:主动)?公开的?(?:政府)?信息中)")
# clauses of rates between a total and its breakdown: 共192条，增长率达25%，其中… (passed over)
_RATE_CLAUSES_RE = re.compile(r"(?:[，,](?:[^，。；,;\d]|\d{4}年)*\d+(?:\.\d+)?[%％][^，。；,;\d]*)+")  # (较2017年提升59%)


def _in_yuan(value: int | float, unit: str) -> tuple[int | float, str]:
    """(value, unit) with an amount in 万元 turned into 元 (kept an int when whole)."""
    if unit != "万元":
        return value, unit
    yuan = round(value * 10_000, 2)
    return (int(yuan) if yuan == int(yuan) else yuan), "元"


# Indicators of the pre-2019 statistics table, by key (the row's words, numbering and notes aside).
_STATISTICS_ROWS: dict[str, str] = {
    "proactive_total": "主动公开政府信息数",
    "requests_received": "收到申请数",
    "review_total": "行政复议数量",
    "litigation_total": "行政诉讼数量",
    "info_fee_yuan": "依申请公开信息收取的费用",
    "press_conferences": "新闻发布会总次数",
    "policy_interpretations": "政策解读稿件发布数",
    "trainings": "举办各类培训班数",
}
# A row: its numbering (（一）, 1., 四、), 其中：, a few words (参加或举办), the indicator, a note in
# brackets, then the unit and the count alone (a row with several numbers after its words is
# another table's).
_STATISTICS_ROW_RE = re.compile(
    r"^[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?[ \u3000]*)?(?:其中[:：][ \u3000]*)?"
    r"[^\W\d_]{0,6}?(?P<indicator>" + "|".join(_STATISTICS_ROWS.values()) + r")(?:[（(][^）)\t\n]*[）)])?"
    r"(?:[ \t\u3000]+(?P<unit>条|件|次|篇|万元|元|人次|个))?[ \t\u3000]+" + _NUM + r"[ \t\u3000]*$",
    re.M,
)
_KEY_OF_INDICATOR = {indicator: key for key, indicator in _STATISTICS_ROWS.items()}


def _statistics_rows(text: str) -> dict[str, Figure]:
    """Figures from the rows of a pre-2019 statistics table (see the module doc); the first row
    of each key wins."""
    found: dict[str, Figure] = {}
    if not any(indicator in text for indicator in _KEY_OF_INDICATOR):
        return found
    for m in _STATISTICS_ROW_RE.finditer(text):
        key = _KEY_OF_INDICATOR[m.group("indicator")]
        if key in found or (parsed := parse_number(m.group("num"))) is None:
            continue
        value, approximate = parsed
        value, unit = _in_yuan(value, m.group("unit") or _RULES[key][0][0])
        row = " ".join(m.group().split())
        found[key] = Figure(value, approximate, row, unit, source="statistics table")
    return found


def _find(s: _Sentences, key: str, keywords: re.Pattern[str],
          patterns: tuple[list[re.Pattern[str]], list[re.Pattern[str]]] | None = None, kinds: bool = True) -> Figure | None:
    """The figure of the first sentence (in reading order) that states it, among the sentences
    holding a keyword (found by one search of all the sentences joined, not one per sentence)."""
    pos = 0
    while m := keywords.search(s.joined, pos):
        i = s.at(m.start())
        if figure := _match(key, s.printed[i], s.compact[i], partial(s.following, i), patterns, kinds):
            return figure
        pos = s.starts[i] + len(s.compact[i]) + 1  # on to the next sentence
    return None


def extract_figures(text: str, sections: list[Section], report_year: int | None = None) -> dict[str, Figure]:
    """Figures stated in the narrative, else in a pre-2019 statistics table (see the module doc),
    keyed and ordered as ``schema.FIGURE_KEYS`` (absent keys omitted).  ``report_year`` (the
    metadata's) ranks the sentences naming it first; without it, the first year above the first
    section is taken for it."""
    head = text[: sections[0].start] if sections else text[:300]
    year = str(report_year) if report_year else (m.group() if (m := _YEAR_RE.search(head)) else None)
    # The first sentence in reading order that states a figure wins; in weaker words only when
    # no sentence states it in the key's own and no statistics table has it.
    s = _sentences(text, sections, year)
    rows = _statistics_rows(text)
    figures: dict[str, Figure] = {}
    for key in FIGURE_KEYS:
        # the items disclosed: of all kinds, else in weaker words, else of one kind (主动公开政策文件352条)
        found = _find(s, key, _KEYWORD_RES[key], kinds=key != "proactive_total")
        if found is None and key in _WEAK and key not in rows:
            found = _find(s, key, *_WEAK[key])
        if found is None and key == "proactive_total":
            found = _find(s, key, _KEYWORD_RES[key])
        if found is not None:
            figures[key] = found
    for key, row in rows.items():
        figures[key] = replace(figures[key], statistics_value=row.value) if key in figures else row
    return {key: figures[key] for key in FIGURE_KEYS if key in figures}
