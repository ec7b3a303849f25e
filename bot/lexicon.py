"""The words of a question and what each means: a measure, a column, a rate, an operation.

Phrases map to measures (`bot.catalogue`), to a column (自然人, 结果纠正, 现行有效…), to a
rate, or to a cue (最多, 历年, 存在的问题…) that says what is wanted of the figure. Chinese
phrases are found as substrings, longest first; English ones as whole words. A phrase
marked weak (申请, 收到, applications) only names a figure when nothing stronger does, so
that "收到的申请中予以公开多少" asks about 予以公开. Filler words (请问, 一下, how many)
name nothing and are known to name nothing: whatever no phrase or filler explains is
what the engine did not understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from index.store import segment
from index.template import LABELS

from .catalogue import MEASURES
from .normalize import Text

MEASURE_KEYS = frozenset(MEASURES)


@dataclass(frozen=True)
class Phrase:
    """What one phrase means. `also` are further parts it implies (败诉 is an outcome,
    结果纠正, of a lawsuit: the measure 行政诉讼)."""

    kind: str  # measure | applicant | outcome | t2col | cue
    value: str
    weak: bool = False
    also: tuple[tuple[str, str], ...] = ()
    implied: bool = False  # a part `also` gave: it yields to one the question names


def _p(
    kind: str, value: str, *phrases: str, weak: bool = False, also: tuple[tuple[str, str], ...] = ()
) -> list[tuple[str, Phrase]]:
    return [(p, Phrase(kind, value, weak, also)) for p in phrases]


# fmt: off
ZH: list[tuple[str, Phrase]] = [
    # table 3 rows
    *_p("measure", "received", "本年新收", "新收到", "新收", "受理", "新增申请", "新申请", "新的申请", "来要信息", "要信息", "来申请公开", "申请公开信息"),
    *_p("measure", "received", "申请数", "申请量", "申请公开", "申请", "收到", "收了", "收的", "依申请公开", weak=True),
    *_p("measure", "carried_over", "去年没办完转过来", "上年没办完转过来", "没办完转过来", "从上一年转过来", "上一年转过来", "上年转过来", "去年转过来", "上一年留下来", "上年留下来", "去年留下来", "遗留下来", "留下来的", "上年遗留", "上年结转", "上年度结转", "上一年度结转", "上个年度结转", "上一年结转", "结转自上年", "去年结转"),
    *_p("measure", "carry", "结转"),
    *_p("measure", "granted", "予以公开", "同意公开", "全部公开", "准予公开"),
    *_p("measure", "granted", "公开了", "给公开", "给人公开", "公开的", "被公开", weak=True),
    *_p("measure", "withheld", "不给的", "没给的", "不给", "不公开的", "没公开的", "不给公开", "不让公开", "没给公开", "没有公开", "没公开", "不能公开", "不肯公开"),
    *_p("measure", "partially_granted", "部分公开", "区分处理", "公开一部分", "只公开一部分", "只公开部分", "部分给了", "只给了一部分", "给了一部分", "只给一部分", "给一部分"),
    *_p("measure", "disclosed", "予以公开和部分公开", "予以公开与部分公开", "予以公开加部分公开", "予以公开及部分公开", "全部或部分公开", "全部公开和部分公开", "公开和部分公开", "公开或部分公开", "公开与部分公开", "实质公开", "实质性公开"),
    *_p("measure", "withheld", "不予公开", "不公开", "拒绝公开", "未予公开"),
    # 被拒绝的: 不予公开, or with 无法提供 and 不予处理 too (two banks' writers read it each
    # way): asked back (`VAGUE`); 拒绝公开 above is 不予公开 alone
    *_p("cue", "refused", "被拒绝", "拒绝", "被拒", "拒了", "拒掉"),
    *_p("measure", "withheld_state_secret", "国家秘密", "涉密", "保密"),
    *_p("measure", "withheld_prohibited_by_law", "法律行政法规禁止", "其他法律行政法规", "禁止公开", "法律法规禁止"),
    *_p("measure", "withheld_security_stability", "三安全一稳定", "三安全", "危及"),
    *_p("measure", "withheld_third_party", "第三方", "侵犯别人", "侵犯他人", "他人权益", "别人的权益", "个人隐私", "隐私", "商业秘密"),
    *_p("measure", "withheld_internal_affairs", "内部事务"),
    *_p("measure", "withheld_process_info", "过程性信息", "过程性"),
    *_p("measure", "withheld_enforcement_file", "执法案卷"),
    *_p("measure", "withheld_query_matter", "行政查询", "查询事项"),
    *_p("measure", "unavailable", "无法提供", "不能提供", "没提供", "没法提供", "提供不了"),
    # 因本机关不掌握等原因无法提供: 等 names the whole group by its first row (the reports'
    # own wording of （四）)
    *_p("measure", "unavailable", "不掌握等原因无法提供", "不掌握等原因", "等原因无法提供"),
    *_p("measure", "unavailable_not_held", "不掌握", "没有掌握", "未掌握", "没有这个信息", "没有这些信息", "没有该信息", "没有相关信息", "信息不存在", "没这个信息"),
    *_p("measure", "unavailable_needs_creation", "另行制作", "没有现成", "另外做", "另外制作", "重新制作", "现做", "得新做"),
    *_p("measure", "unavailable_unclear", "补正后仍不明确", "补正后还不明确", "补正后仍然不明确", "补正后也不明确", "仍不明确", "内容不明确", "说不清楚", "说不清", "不清楚", "讲不清"),
    *_p("measure", "not_processed", "不予处理", "不处理", "没处理", "没有处理", "没给处理"),
    *_p("measure", "not_processed_petition", "信访", "举报投诉", "投诉举报"),
    *_p("measure", "not_processed_duplicate", "重复申请"),
    *_p("measure", "not_processed_publication", "出版物"),
    *_p("measure", "not_processed_excessive", "大量反复", "反复申请"),
    *_p("measure", "not_processed_confirmation", "重新出具", "确认或重新"),
    *_p("measure", "other", "其他处理"),
    *_p("measure", "other_no_correction", "逾期不补正", "不补正", "没补正", "不补的", "没补的", "不补材料"),
    *_p("measure", "other_unpaid_fee", "交费没交", "没交费", "没缴费", "不交费", "没交钱", "不缴费", "收费通知", "缴纳费用", "未缴费", "逾期未缴", "未按收费"),
    *_p("measure", "other_misc", "其他处理中的其他", "其他处理里的其他", "其他处理3.其他", "其他处理的其他", "3.其他", "其他原因", "其他情形"),
    *_p("measure", "results_total", "答复", "回复", "办了", "办理", "办完", "办完了", weak=True),
    *_p("measure", "results_total", "办结", "办理结果总计", "办理总数", "办理总计", "办结总数", "(七)总计", "七总计", "(七)", "办理完毕", "答复了", "处理了", "办理了"),
    # table 3's four parts by the numbers the form gives them in its own note (第一项加第二项
    #之和，等于第三项加第四项之和)
    *_p("measure", "results_items", "各项办理结果", "办理结果各项", "办理结果的各项", "各项结果", "每一项办理结果", "各项办理结果之和"),
    *_p("measure", "received", "第一项"),
    *_p("measure", "carried_over", "第二项"),
    *_p("measure", "results_total", "第三项"),
    *_p("measure", "carried_forward", "第四项"),
    *_p("measure", "carried_forward", "到下一年", "到下年", "拖到下一年", "拖到下年", "拖到明年", "转到下一年", "转到今年", "转到了今年", "留到下一年", "下一年继续", "没办完", "没有办完", "未办完", "还没办完", "尚未办结", "未办结", "没办结", "还在办", "结转下年", "结转到下年", "结转至下年", "结转到下一年", "结转至下一年", "结转到次年", "结转到", "结转至", "下年度继续办理", "转入下年", "结转到明年", "结转到下一年办", "转到下一年办", "到下一年办", "到下一年再办"),
    # table 4
    *_p("measure", "review", "行政复议", "复议"),
    *_p("measure", "litigation", "行政诉讼", "诉讼", "起诉", "打官司", "官司", "被告", "告了", "告过", "被起诉", "被人告", "告到法院", "告上法院", "告到了法院", "告上法庭"),
    *_p("measure", "litigation_direct", "直接起诉", "直接告到法院", "未经复议", "没经过复议", "没有经过复议", "没经复议", "不经复议", "不经过复议"),
    # 复议以后又去法院起诉, 复议完了再告: every way of saying "after", "again", "to court", "sue"
    *_p("measure", "litigation_after_review", "复议后诉讼", *(
        f"复议{after}{again}{to}{sue}"
        for after, again, to, sue in product(
            ("后", "之后", "以后", "完", "完了", "完后", "过后"), ("", "又", "再", "还"),
            ("", "去", "去法院", "到法院", "向法院"), ("起诉", "告", "打官司"),
        )
    )),
    *_p("outcome", "upheld", "结果维持", "维持"),
    *_p("outcome", "upheld", "赢了", "胜诉", "打赢", "官司赢", also=(("measure", "litigation"),)),
    *_p("outcome", "corrected", "结果纠正", "被纠正", "纠正", "撤销", "纠错", "被确认违法", "确认违法"),
    *_p("outcome", "corrected", "败诉", "输了", "打输", "官司输", "输的", "输掉", also=(("measure", "litigation"),)),
    *_p("outcome", "corrected", "复议输了", also=(("measure", "review"),)),
    *_p("outcome", "other", "其他结果"),
    *_p("outcome", "pending", "没出结果", "还没结果", "没有结果", "还在审", "没审完", "还没审结", "没审结", "没有审结", "尚未审结", "未审结", "未结案", "审理中", "在审"),
    # table 2
    *_p("measure", "regulations", "规章"),
    *_p("measure", "normative_documents", "行政规范性文件", "规范性文件"),
    *_p("measure", "licensing", "行政许可", "许可", "审批", "批了", "批准了"),
    *_p("measure", "other_services", "其他对外管理服务", "对外管理服务"),
    *_p("measure", "penalty", "行政处罚", "处罚", "罚款", "罚了", "罚过", "开罚单"),
    *_p("measure", "coercion", "行政强制", "强制措施", "强制"),
    *_p("measure", "fees", "行政事业性收费", "事业性收费", "收费金额", "收费", "收了多少钱"),
    *_p("measure", "fees", "费", weak=True),
    *_p("measure", "procurement", "政府集中采购", "集中采购", "采购"),
    *_p("t2col", "issued", "制发了", "新出了", "出了", "出台了", "新出台", "新出", "新发", "发了", "发布了", "本年制发", "制发", "印发", "出台", "新制定", "制定"),
    *_p("t2col", "repealed", "废掉", "作废", "本年废止", "废止", "废除", "取消"),
    *_p("t2col", "in_force", "现在有效", "现有效", "还有效", "现行有效", "有效"),
    *_p("t2col", "made", "新制作", "本年新制作"),
    *_p("t2col", "published", "新公开", "本年新公开"),
    *_p("t2col", "public_total", "对外公开总数", "公开总数"),
    *_p("t2col", "decisions", "处理决定", "决定数", "决定"),
    *_p("t2col", "items_last_year", "上一年项目"),
    *_p("t2col", "items_change", "增减", "增/减"),
    *_p("t2col", "items", "采购项目", "项目数量", "项目数", "项目"),
    *_p("t2col", "amount", "金额", "万元", "多少钱", "钱", "罚款", "罚没款", "收了多少钱"),
    # applicant kinds
    *_p("applicant", "natural_person", "自然人", "个人", "公民", "群众", "老百姓"),
    *_p("applicant", "commercial", "商业企业", "企业", "公司"),
    *_p("applicant", "research", "科研机构", "科研单位", "科研"),
    *_p("applicant", "social_welfare", "社会公益组织", "公益组织", "社会组织", "公益"),
    *_p("applicant", "legal_service", "法律服务机构", "律师事务所", "律所", "律师"),
    *_p("applicant", "other_org", "其他组织", "其他单位", "法人或其他组织里的其他", "法人或其他组织中的其他", "法人或其他组织的其他", "组织里的其他", "组织中的其他"),
    # the form's two kinds of applicant: whoever is not a natural person is an organisation
    *_p("applicant", "org", "法人或其他组织", "法人或者其他组织", "法人或其它组织", "法人和其他组织", "法人", "组织", "不是自然人", "非自然人", "除自然人以外", "自然人以外"),
    *_p("applicant", "total", "总计", "合计数", "总数"),
    # cues
    *_p("cue", "max", "最多", "最高", "最大", "最多的", "排第一", "第一名", "之最", "最频繁"),
    *_p("cue", "min", "最少", "最低", "最小", "垫底", "倒数"),
    *_p("cue", "rank", "排个名", "排一下", "排个序", "排排", "从多到少排", "从高到低排", "从多到少", "从高到低", "由多到少", "排名", "排行", "排序", "名次", "比较", "对比", "比一比", "哪个", "哪家", "哪一个", "谁"),
    *_p("cue", "sum", "加一块", "加在一块", "合一块", "加上", "加一起", "加", "合起来", "加在一起", "一共", "总共", "合计", "总和", "共计", "加起来", "累计", "汇总"),
    *_p("cue", "all", "所有", "全部", "全体"),
    *_p("cue", "respectively", "各多少", "各是多少", "各有多少", "分别是多少", "分别多少", "分别"),
    *_p("cue", "each", "各个", "每个", "各机关", "各单位", "各部门", "各地"),
    # 是不是一年比一年少 / 一直在增加: whether the figure rose (fell) every year, yes or no
    *_p("cue", "falling", "一年比一年少", "一年比一年低", "逐年减少", "逐年下降", "一直在减少", "一直在下降", "一直减少", "一直下降", "连年减少", "连年下降", "每年都在减少", "每年都在下降", "每年都减少", "每年都下降", "持续减少", "持续下降", also=(("cue", "trend"),)),
    *_p("cue", "rising", "一年比一年多", "一年比一年高", "逐年增加", "逐年上升", "逐年增长", "一直在增加", "一直在上升", "一直在增长", "一直增加", "一直上升", "一直增长", "连年增加", "连年上升", "连年增长", "每年都在增加", "每年都在增长", "每年都在上升", "每年都增加", "每年都增长", "持续增加", "持续上升", "持续增长", also=(("cue", "trend"),)),
    # 哪年多 / 哪一年少: the year of the most (fewest), of the agency's years
    *_p("cue", "max", "哪年多", "哪一年多", "哪年更多", "哪一年更多", "哪年高", "哪一年高", "哪年最多", also=(("cue", "trend"),)),
    *_p("cue", "min", "哪年少", "哪一年少", "哪年更少", "哪一年更少", "哪年低", "哪一年低", "哪年最少", also=(("cue", "trend"),)),
    *_p("cue", "trend", "历年", "每年", "各年", "逐年", "趋势", "变化", "历史", "近几年", "这几年", "多年", "哪一年", "哪年", "年度对比", "几年来"),
    *_p("cue", "section5", "存在的主要问题", "存在的问题", "存在哪些问题", "主要问题", "问题", "不足", "短板", "改进", "整改"),
    *_p("cue", "section6", "其他需要报告", "其他事项", "其他需要", "第六部分"),
    *_p("cue", "section1", "总体情况", "总体", "第一部分"),
    *_p("cue", "section5", "第五部分"),
    *_p("cue", "section1.platform", "平台建设"),
    *_p("cue", "section1.oversight", "监督保障"),
    *_p("cue", "section1.management", "信息管理"),
    *_p("cue", "section1.proactive", "主动公开情况", "主动公开方面", "主动公开"),
    *_p("cue", "card", "概况", "概要", "摘要", "总览", "主要数据", "主要数字", "报告卡", "成绩单", "一览", "年报"),
    *_p("cue", "card", "报告", "情况", "数据", weak=True),
    *_p("cue", "help", "帮助", "怎么用", "如何使用", "使用说明", "能问什么", "可以问什么", "问什么", "示例", "例子", "你是谁", "你能做什么"),
    *_p("cue", "list", "哪些机关", "哪些单位", "哪些部门", "哪些报告", "收录", "索引了", "列表", "清单", "列出", "有哪些年", "哪些年份", "覆盖"),
    *_p("cue", "ask", "多少", "几", "数量", "数目", "有无", "有没有", "是否", "怎样", "如何", "什么", "吗", "收没收", "有没", "有木有", "有莫有", "有冇", "啥数", "啥子", "是好多", "好多", "多不多", "几多", "几千", "几百", "几万"),
    # words that only say what every answer does already: the latest report when no year
    # is named, both kinds of lawsuit in 行政诉讼, surprise (咋这么多)
    # how people talk around a question: dialect particles, asking politely, saying why
    *_p("filler", "", "咋回事", "咋", "俺", "咧", "嘞", "撒", "哈", "呗", "噻", "具体", "来着", "其实", "就想知道", "想了解一下", "了解一下", "想确认一下", "确认一下", "确认下", "帮我确认一下", "能不能帮我", "能帮我", "能不能", "帮查一下", "麻烦帮查一下", "顺便", "到底是", "兄弟", "老师", "拜托", "辛苦了", "辛苦", "多谢", "感谢", "感谢感谢", "非常感谢", "谢了", "先谢谢了", "麻烦啦", "麻烦了", "谢谢啦", "啦", "记者", "我是记者", "你好呀", "自", "里写的", "写的", "写了", "写着", "那一列", "这一列", "一列", "那一栏", "这一栏", "那一行", "这一行", "那一块", "这一块", "那块", "这块", "里头", "自己", "原来", "年底", "底", "做", "哎呀", "哎", "唉", "诶", "欸", "两行", "这三家", "这几家", "这两家", "这四家", "这五家", "这六家", "这七家", "这八家", "资讯", "自己加一遍", "加一遍", "自己加", "含上年度结转的", "含上年结转的", "包括上年结转的"),
    # a figure the report's text states, given as the premise of a check (正文说行政诉讼46件)
    *_p("filler", "", "报告正文说", "年报正文说", "报正文说", "正文里说", "正文中说", "正文说", "正文写", "正文的", "跟正文说的", "跟正文的"),
    *_p("filler", "", "总计列", "列", "两类", "还剩", "剩", "想了解下", "了解下", "收过"),
    *_p("filler", "", "用百分比表示", "表示", "来自", "各取最新一年", "各取最新", "取最新", "发生", "出现了", "出现", "存在", "收取了", "收取", "再算个", "算个", "列出来", "都列出来", "被提起", "提起", "间", "提的", "提了", "提交的", "递交的", "最新一年", "最新一期", "最新年报", "最新的", "最新", "最近一年", "咋这么多", "怎么这么多", "这么多", "咋", "两种起诉都算", "两种都算", "都算上", "都算"),
    # whom to ask about the report: its preamble says (联系地址、电话、邮箱)
    *_p("cue", "contact", "找谁", "联系谁", "联系方式", "联系电话", "咨询电话", "打什么电话", "什么电话", "电话号码", "电话多少", "联系地址", "邮箱"),
    *_p("cue", "fee_narrative", "信息处理费", "处理费", "信息公开费", "信息公开的费用", "公开收费"),
    # a change from one year (or agency) to another: a difference, not the figure itself
    *_p("cue", "change", "多几件", "多几个", "少几件", "少几个", "多收多少", "少收多少", "变化多少", "变化了多少", "变了多少", "变化几", "多收了多少", "多收了几", "少收了多少", "少收了几", "比去年", "比上年", "比上一年", "比前一年", "较上年", "较去年", "较上一年", "与上年相比", "与去年相比", "和去年比", "跟去年比", "和上一年比", "跟上一年比", "与上一年比", "和上年比", "跟上年比", "和前一年比", "跟前一年比", "与前一年比", "和上一年相比", "与上一年相比", "和前一年相比", "与前一年相比", "同比", "环比", "增长", "增加了", "增加多少", "减少了", "减少多少", "下降", "上升", "多了多少", "少了多少", "多多少", "少多少"),
    # a difference between two things the question must name (A跟B差多少): never a year
    # before taken for one of them
    *_p("cue", "change", "相差多少", "相差几", "相差", "差了多少", "差多少", "差距", "差几", also=(("cue", "pair"),)),
    *_p("cue", "change", "多出来的", "多出来", "多出了", "多出"),
    # the report's own arithmetic (勾稽关系): which identities of the template it breaks
    *_p("cue", "checks", "勾稽关系", "勾稽", "数字之间的关系", "逻辑关系"),
    # an amount the report prints in 万元, asked in 元 (折合多少元), or asked in 万元 again
    *_p("cue", "in_yuan", "折合多少元", "折合成元", "折合元", "换算成元", "换算为元", "换成元", "合多少元", "折算成元"),
    *_p("cue", "in_wanyuan", "换算成万元", "换算为万元", "折合多少万元", "折合成万元", "换成万元", "折算成万元"),
    # a rate or share: the tables print counts, not ratios
    *_p("cue", "rate", "率", "比例", "比重", "占比", "百分比", "百分之", "几成", "占多少", "占了多少", "所占"),
    # 增长 is said in percent (同比增长12%); 增加 and 多 in counts: 增长了多少件 is a count
    *_p("cue", "change", "增减了多少", "增减多少", "增减了几", "增长了多少件", "增长多少件", "增长了多少个", "增长了几件", "下降了多少件", "下降多少件", "减少了多少件", "减少了多少", "减少多少", "减少了几", "减少几", "增加了几"),
    # a part taken out of the group it belongs to (不予公开的除了内部事务信息以外)
    *_p("cue", "except", "除了", "除去", "以外", "之外", "除外", "不包括", "不含", "扣除"),
    *_p("cue", "median", "中位数", "中位值", "中位"),
    # where one agency stands among others (在四家里排第几)
    *_p("cue", "which_place", "排第几", "排名第几", "排在第几", "第几名", "排第几位", "排老几"),
    # a year's figure spread over its months: the reports count whole years
    *_p("cue", "per_month", "平均每月", "平均每个月", "每月平均", "每个月平均", "平均一个月", "一个月平均", "月均"),
    # one figure as a multiple of another (2024年是2023年的几倍, 处罚是许可的几倍)
    *_p("cue", "times", "几倍", "多少倍", "几番"),
    # 增长了多少: how many more, or by what percent; two readers of bank 10 and bank 3 took it
    # each way, so it is asked back (增长了多少件 / 增长率 say which)
    *_p("cue", "amount_or_rate", "增长了多少", "增长多少", "下降了多少", "下降多少"),
    *_p("cue", "growth", "用增长率表示", "下降了百分之几", "下降百分之几", "下降了百分之多少", "减少了百分之几", "减少百分之几", "增长幅度", "增长了百分之几", "增长率", "增幅", "增速", "降幅", "下降率", "增长了百分之", "增长百分之", "涨幅", "变化率", "变化了百分之多少", "变化了百分之几", "变化百分之多少", "变化百分之几", "变了百分之多少", "变了百分之几"),
    *_p("cue", "mean", "平均", "均值", "平均数", "平均值", "平均每个", "平均每家", "平均下来", "人均"),
    *_p("cue", "same", "一样吗", "一样么", "一样不", "是否一样", "一样", "相同吗", "是否相同", "相同", "一致吗", "是否一致", "一致", "对得上吗", "对得上", "对不上", "对上了吗", "对上", "衔接上没有", "衔接上了吗", "衔接得上", "相等吗", "是否相等", "相等", "一致不一致", "等不等于", "是不是等于", "等于不等于", "一不一致", "是否等于", "对一下", "对一对", "核对一下", "核对", "核一下", "吻合吗", "吻合", "相符吗", "相符", "衔接", "接得上"),
    *_p("cue", "which", "更高", "更多", "更少", "更低", "更大", "多还是", "少还是", "的多还是", "哪个多", "哪个少", "谁多", "谁少", "哪个更多", "哪个更少", "谁更多", "谁更少", "哪个高", "哪个大", "哪个低"),
    *_p("cue", "words", "率先", "效率", "频率", "政府信息", "政府网站", "政府门户", "人民政府网", "政务公开", "信息公开", "相关"),
    # words that ask, point or are polite, and name nothing: known, so not "not understood"
    *_p("filler", "", "那边", "想问问", "问问", "听说", "据说", "不对", "我说的是", "我是说", "省内", "市内", "县内", "区内", "境内", "内", "一直", "材料", "我指的是", "说的是", "递了", "递的", "递交了", "实际印的是", "印的是", "印的", "印着", "填的是", "填的", "两边各是多少", "两边", "体检", "年报体检", "填了", "分子分母也列一下", "分子分母都列出来", "分子分母", "没填错吧", "没填错", "填错了吗", "依申请的", "依申请", "有数可算的", "可算的", "八小项合计", "八项合计", "小项合计", "哪些不成立", "不成立", "是否成立", "成立吗", "成立", "对得上吗", "对不上", "减", "减去", "高", "低", "大", "报的", "报里", "年报的", "那种", "表二", "表三", "表四", "表2", "表3", "表4", "那栏", "这栏", "那一栏", "这一栏", "栏", "格子", "那一格", "这一格", "那一行", "这一行", "那行", "这行", "两年", "三年", "四年", "五年", "六年", "七年", "八年", "九年", "十年", "两份报告", "两份", "这两年", "我在写", "写一个", "汇报材料", "写材料", "材料里", "需要用", "需要", "继续办理", "继续办的", "继续办", "三项", "三种情形", "八种情形", "八种理由", "八种", "八项", "八类", "几种情形", "几种", "几项", "换成", "改成", "换为", "算一下", "算算", "帮我算", "计算一下", "嗯", "想", "作了", "作出的", "去法院", "们", "的案件数", "案件数", "案件", "的案子", "案子", "在库里", "库里", "库中", "数据库里", "索引里", "请问", "请教", "问一下", "问下", "一下", "帮我", "帮忙", "麻烦", "查一下", "查下", "查查", "查询", "查", "看看", "看一下", "告诉我", "我想知道", "想知道", "想问", "知道", "能否", "能不能", "可不可以", "可以", "谢谢", "你好", "您好", "我", "你", "您", "那么", "那", "这个", "那个", "其中", "当中", "之中", "里面", "里", "方面", "方", "工作", "年度", "年报", "统计", "表格", "表里", "表中", "数", "个数", "件数", "次数", "数据是", "情况如何", "怎么样", "是不是", "到底", "究竟", "大概", "大约", "呢", "吗", "吧", "啊", "呀", "哦", "嘛", "了", "的", "地", "得", "着", "过", "是", "有", "在", "被", "给", "对", "向", "把", "让", "共", "都", "也", "还", "就", "又", "再", "只", "总", "个", "件", "次", "起", "条", "份", "项", "家", "宗", "些", "该", "其", "之", "及", "和", "与", "跟", "同", "或", "或者", "以及", "还有", "分别", "各自", "当年", "全年", "本年度", "本年", "年", "这", "那", "哪", "多", "少", "要", "申请人", "政府", "公开", "机关", "单位", "部门", "行政", "信息", "提出", "提交", "递交", "依法", "案件", "事项", "方式", "类型", "种类", "分类", "分别是", "其余", "剩下", "对应", "相应", "有关", "涉及", "关于", "针对", "依照", "按照", "根据", "所有的", "作出了", "它", "它们", "他们", "该机关", "这个机关", "未按", "按", "因", "因为", "由于", "量", "是否有", "比", "较", "相比", "比起", "相较", "于", "度", "了没", "过没", "有没", "怕", "找", "叫", "打", "现在", "才", "所以", "一份", "一个", "一些", "一", "不再处理", "不再", "数字", "数据", "那个", "这些", "那些", "给了", "要求", "作出", "做出", "费", "万", "占", "中", "结果", "类", "啥", "说", "回", "人", "名", "位", "来", "出", "搞", "种", "机构", "发来", "本", "而", "但", "并", "等", "原因", "等原因", "最后", "只计", "这一情形", "不计其他情形", "情形", "一年", "多长", "几何"),
]

EN: list[tuple[str, Phrase]] = [
    *_p("measure", "received", "new applications", "new requests", "applications received", "requests received"),
    *_p("measure", "received", "applications", "application", "applicants", "requests", "request", "received", "receive", "receives", "filed", "submitted", weak=True),
    *_p("measure", "carried_over", "carried over", "carried-over", "from last year", "from the previous year", "from previous year", "from the year before", "brought forward"),
    *_p("measure", "carry", "carry", "carried"),
    *_p("measure", "granted", "full-disclosure", "full disclosures", "granted in full", "disclosed in full", "fully disclosed", "granted in whole", "full disclosure", "fully granted", "disclosed fully"),
    *_p("measure", "granted", "granted", "grant", "disclosed", "disclose", "released", "approved", weak=True),
    *_p("measure", "partially_granted", "partially granted", "partially disclosed", "partly granted", "partial-disclosure", "partial disclosure", "partial disclosures", "partially", "partly", "in part"),
    *_p("measure", "disclosed", "at least partly disclosed", "at least partially disclosed", "at least partly granted", "at least partially granted", "at least in part", "in full or in part", "in whole or in part", "fully or partially", "fully or partly", "full or partial", "granted in full or in part", "disclosed in full or in part"),
    *_p("measure", "withheld", "non-disclosure", "nondisclosure", "refusal", "deny", "denies", "withheld", "withhold", "refused", "refuse", "refusals", "denied", "denials", "not disclosed", "rejected"),
    *_p("measure", "withheld_state_secret", "state secret", "state secrets", "classified"),
    *_p("measure", "withheld_prohibited_by_law", "prohibited by law", "prohibited by other laws", "forbidden by law"),
    *_p("measure", "withheld_security_stability", "security or stability", "national security", "stability"),
    *_p("measure", "withheld_third_party", "third party", "third-party", "third parties"),
    *_p("measure", "withheld_internal_affairs", "internal affairs", "internal"),
    *_p("measure", "withheld_process_info", "process information", "deliberative", "process info", "procedural information"),
    *_p("measure", "withheld_enforcement_file", "enforcement file", "enforcement files", "case file", "case files"),
    *_p("measure", "withheld_query_matter", "query matter", "query matters", "administrative query"),
    *_p("measure", "unavailable", "not provide", "not provided", "not be provided", "unable to provide", "unavailable", "could not be provided", "cannot be provided", "not available", "could not provide", "couldn't provide"),
    *_p("measure", "unavailable_not_held", "not held", "does not hold", "did not hold", "not hold"),
    *_p("measure", "unavailable_needs_creation", "to be created", "be created", "needed new information", "needs creation", "need to be created", "would need to be created", "not readily available"),
    *_p("measure", "unavailable_unclear", "unclear", "still unclear"),
    *_p("measure", "not_processed", "not processed", "not handled", "declined to process", "not accepted"),
    *_p("measure", "not_processed_petition", "petition", "petitions", "complaints", "complaint"),
    *_p("measure", "not_processed_duplicate", "duplicate", "duplicates", "repeated application", "repeat applications"),
    *_p("measure", "not_processed_publication", "publication", "publications"),
    *_p("measure", "not_processed_excessive", "excessive", "vexatious", "mass repeated"),
    *_p("measure", "not_processed_confirmation", "confirmation", "confirm", "reissue"),
    *_p("measure", "other", "other handling", "otherwise handled", "other processing"),
    *_p("measure", "other_no_correction", "missing details", "did not supply", "not supply", "not correcting", "not correct", "failed to correct", "not corrected in time", "did not complete", "no correction", "not completed"),
    *_p("measure", "other_unpaid_fee", "unpaid fee", "unpaid fees", "fee not paid", "did not pay"),
    *_p("measure", "other_misc", "other reasons", "miscellaneous", "for other reasons"),
    *_p("measure", "results_total", "total handled", "handled in total", "completion"),
    *_p("measure", "results_total", "answer", "handled", "handle", "processed", "process", "closed", "completed", "dealt with", "answered", weak=True),
    *_p("measure", "carried_forward", "carried over into", "carried over to", "carried into", "carry over into", "carry over to", "carries over into", "carry into", "carried forward", "carried-forward", "carry-forward", "carry forward", "carried into next year", "to next year", "into next year", "to the next year", "into the next year", "carried forward to the next year", "carried over to the next year", "carried over into the next year", "carried over into the following year", "into the following year", "to the following year", "still open", "pending into"),
    *_p("measure", "review", "administrative reconsideration", "administrative review", "administrative reviews", "admin reviews", "admin review", "reconsideration", "reconsiderations", "reviews", "review", "appeals", "appeal"),
    *_p("measure", "litigation", "lawsuits", "lawsuit", "litigation", "sued", "court cases", "court", "suits"),
    *_p("measure", "litigation_direct", "direct suits", "direct lawsuits", "suits filed directly", "lawsuits filed directly", "directly", "filed directly", "without reconsideration", "without prior reconsideration", "without administrative reconsideration", "without review", "without administrative review", "without prior review", "without a review"),
    *_p("measure", "litigation_after_review", "after review", "after reconsideration", "after administrative reconsideration", "after administrative review", "after a review", "after a reconsideration", "following reconsideration", "following review", "following administrative reconsideration"),
    *_p("outcome", "upheld", "upheld", "maintained", "affirmed"),
    *_p("outcome", "upheld", "won", "win", "wins", "winning", also=(("measure", "litigation"),)),
    *_p("outcome", "corrected", "corrected", "overturned", "reversed", "corrections", "ruled against"),
    *_p("outcome", "corrected", "correction rate", also=(("cue", "rate"),)),
    *_p("outcome", "corrected", "lost", "lose", "losing", "loss", "losses", also=(("measure", "litigation"),)),
    *_p("outcome", "other", "other outcome", "other outcomes", "other result", "other results", "another outcome", "another result"),
    *_p("outcome", "pending", "pending", "undecided", "not concluded", "ongoing"),
    *_p("measure", "regulations", "regulations", "regulation", "rules", "guizhang"),
    *_p("measure", "normative_documents", "normative documents", "normative document", "normative", "policy documents", "regulatory documents", "guifanxing wenjian"),
    *_p("measure", "licensing", "licences", "licenses", "licence", "license", "licensing", "permits", "permit"),
    *_p("measure", "other_services", "other services", "management services"),
    *_p("measure", "penalty", "penalties", "penalty", "fines", "sanctions", "punishments"),
    *_p("measure", "coercion", "coercion", "coercive", "coercive measures", "compulsory measures"),
    *_p("measure", "fees", "fees", "fee", "charges", "fee income", "administrative fees"),
    *_p("measure", "procurement", "procurement", "purchasing", "centralized procurement", "centralised procurement", "centralized government procurement", "centralised government procurement"),
    *_p("t2col", "issued", "issued", "issue", "adopted", "enacted", "new"),
    *_p("t2col", "repealed", "repealed", "repeal", "abolished", "revoked"),
    *_p("t2col", "in_force", "in force", "in effect", "valid", "currently", "current"),
    *_p("t2col", "made", "made"),
    *_p("t2col", "published", "published", "publish", "newly published", "newly publish"),
    *_p("t2col", "public_total", "total published", "publicly available"),
    *_p("t2col", "decisions", "decisions", "decision", "decide", "decided", "decides"),
    *_p("t2col", "items_last_year", "items last year"),
    *_p("t2col", "items_change", "change in items", "change this year"),
    *_p("t2col", "items", "procurement items", "items", "projects", "project"),
    *_p("t2col", "amount", "amount", "total value", "value", "10,000 yuan", "spent", "spending", "spend"),
    *_p("applicant", "natural_person", "private individuals", "private individual", "members of the public", "private citizens", "natural persons", "natural person", "individuals", "individual", "citizens", "citizen", "people", "private persons", "members of the public", "the public"),
    *_p("applicant", "commercial", "companies", "company", "businesses", "business", "enterprises", "enterprise", "commercial", "firms"),
    *_p("applicant", "research", "research institutions", "research institutes", "research organisations", "research organizations", "research"),
    *_p("applicant", "social_welfare", "ngos", "ngo", "charities", "charity", "public-interest", "public interest", "non-profits", "nonprofits", "social welfare organisations", "social welfare organizations", "public welfare organisations", "public welfare organizations", "public-interest organisations", "public-interest organizations", "public interest organisations", "public interest organizations"),
    *_p("applicant", "legal_service", "law firms", "law firm", "lawyers", "lawyer", "legal service organisations", "legal service organizations", "legal services organisations", "legal services organizations", "legal service providers", "legal service", "legal services"),
    *_p("applicant", "other_org", "other organisations", "other organizations"),
    *_p("applicant", "org", "not natural persons", "non-natural persons", "organisations", "organizations", "organisation", "organization", "legal persons", "legal entities"),
    *_p("cue", "max", "most", "highest", "largest", "biggest", "maximum", "max", "the top"),
    *_p("cue", "min", "least", "fewest", "lowest", "smallest", "minimum", "min", "bottom"),
    *_p("cue", "rank", "rank", "ranking", "ranked", "order by", "sort", "sorted", "compare", "comparison", "top", "which", "who"),
    *_p("cue", "sum", "counting both", "including both", "plus", "the total", "together", "in total", "altogether", "all together", "sum", "combined", "overall", "total of all", "add up", "nationwide"),
    *_p("cue", "all", "all", "every"),
    # all the requests it handled: every request of one agency, not every agency
    *_p("filler", "", "all the requests", "all requests", "all of the requests", "all the applications", "all applications", "all of its requests", "all its requests"),
    *_p("cue", "respectively", "respectively", "each of them", "separately"),
    *_p("cue", "each", "each", "per agency", "by agency"),
    *_p("cue", "rising", "go up every year", "went up every year", "go up every single year", "went up every single year", "rise every year", "rose every year", "increase every year", "increased every year", "grow every year", "grew every year", "rising every year", "increasing every year", also=(("cue", "trend"),)),
    *_p("cue", "falling", "go down every year", "went down every year", "go down every single year", "went down every single year", "fall every year", "fell every year", "decrease every year", "decreased every year", "decline every year", "declined every year", "falling every year", "decreasing every year", also=(("cue", "trend"),)),
    *_p("cue", "trend", "trend", "over the years", "each year", "every year", "by year", "per year", "year by year", "history", "over time", "across years", "which year"),
    *_p("cue", "section5", "problems", "problem", "issues", "shortcomings", "weaknesses", "improvements", "improve", "improvement"),
    *_p("cue", "section6", "other matters", "other things to report", "other items"),
    *_p("cue", "section1", "overall situation", "general situation"),
    *_p("cue", "section1.platform", "platform", "platforms"),
    *_p("cue", "section1.oversight", "oversight", "supervision"),
    *_p("cue", "card", "report card", "summary", "overview", "key figures", "main figures", "at a glance", "figures", "numbers"),
    *_p("cue", "card", "report", weak=True),
    *_p("cue", "help", "help", "how to use", "what can i ask", "what can you do", "examples", "example", "usage", "who are you", "start"),
    *_p("cue", "list", "which agencies", "what agencies", "list", "indexed", "coverage", "covered", "which reports", "what reports"),
    *_p("cue", "ask", "how many", "how much", "what", "number of", "count", "did", "does", "is", "are"),
    *_p("cue", "contact", "contact", "phone number", "telephone", "email address", "whom to ask", "who to ask"),
    *_p("cue", "fee_narrative", "processing fee", "processing fees", "information processing"),
    *_p("cue", "change", "change between", "changed between", "change in", "change from", "changed", "year-over-year change", "by how many", "by how much", "than last year", "than the previous year", "than the year before", "compared with last year", "compared to last year", "compared with the previous year", "compared to the previous year", "year-on-year", "year on year", "year over year", "increase", "increased", "decrease", "decreased", "how many more", "how much more", "how many fewer", "how much less", "difference", "grew", "growth", "went up", "went down", "grow", "grown", "fall", "fell", "falls", "fallen", "rise", "rose", "risen", "rises", "decline", "declined", "declines", "climb", "climbed"),
    *_p("cue", "rate", "rate", "ratio", "percentage", "percent", "proportion", "share of", "what share", "%", "share", "fraction"),
    *_p("cue", "except", "except", "excluding", "other than", "apart from", "not counting"),
    *_p("cue", "median", "median"),
    *_p("cue", "checks", "identities", "its own arithmetic", "internally consistent", "internal consistency"),
    # a researcher's framing: where the figure is read, not what it is
    *_p("filler", "", "thx", "tks", "thanks", "thank you", "pls", "plz", "please", "revenue", "revenues", "zonghe shiyanqu", "zonghe", "shiyanqu", "according to", "according", "using", "reporting year", "the reporting year", "during the reporting year", "reporting years", "people's", "people", "remained", "reported", "recorded", "saw", "see", "seen", "among", "charge", "charged", "charging"),
    *_p("cue", "which_place", "what rank", "which place", "ranked where", "where does", "where did"),
    *_p("cue", "per_month", "per month", "a month on average", "monthly average", "on average each month", "each month on average"),
    *_p("cue", "times", "how many times as many", "how many times as much", "times as many", "times as much", "times more"),
    *_p("cue", "growth", "growth rate", "rate of growth", "percentage change", "percent change", "by what percent", "by how many percent", "by what percentage", "by how many percentage", "percent increase", "percentage increase", "percent decrease", "percentage decrease", "percent drop", "percentage drop", "percent fall", "percent rise", "percentage rise", "percent decline", "percentage decline"),
    *_p("cue", "mean", "average", "mean", "on average", "per agency on average", "averaged", "averaged over"),
    *_p("cue", "same", "match", "matches", "the same as", "same as", "equal to", "equals", "consistent with", "agree with", "agrees with", "tally", "tally with"),
    *_p("cue", "which", "higher in", "lower in", "more in", "which is larger", "which is bigger", "which is higher", "which got more", "which had more", "which received more", "who got more", "who had more"),
    *_p("cue", "change", "minus", "less", "subtract", "difference between", "rise", "rose", "risen", "grow by", "grew by"),
    *_p("cue", "rank", "vs", "versus"),
    # English verbs and phrases around a figure that do not change it
    *_p("filler", "", "lodged", "lodged with", "concerning", "concerned", "brought against", "brought", "filed against", "at the close of", "reporting year", "responses", "response", "going by", "turn away", "turned away", "between", "over disclosure", "about disclosure"),
    *_p("filler", "", "unit", "units", "10,000 yuan", "ten thousand yuan", "in 10,000 yuan", "direct + after review", "direct and after review", "both kinds of suits", "both kinds of lawsuits", "concluded", "in english please", "english please", "in english", "both kinds together", "both kinds", "the latest", "latest", "most recent", "earliest report", "first report", "earliest annual report", "first annual report", "earliest year"),
    *_p("filler", "", "grounds", "ground", "really", "where", "prior", "part", "info", "zone", "comprehensive", "experimental", "pilot", "workload", "newly", "more", "fewer", "time", "in time", "index", "indexed", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dropped", "drop", "across", "endanger", "endangered", "endangering", "protect", "protected", "matter", "matters", "impose", "imposed", "issue", "kind", "kinds", "type", "types", "category", "categories", "respectively", "against", "asked", "ask", "asking", "take", "took", "taken", "collect", "collected", "end", "ended", "not", "after", "before", "full", "still", "because", "since", "during", "within", "through", "via", "get", "gets", "given", "give", "gave", "record", "recorded", "report", "reported", "say", "said", "says", "show", "shows", "list", "tell", "know", "need", "needs", "were", "being", "how", "many", "much", "what", "whats", "what's", "which", "the", "a", "an", "of", "in", "for", "did", "does", "do", "is", "was", "were", "are", "be", "been", "has", "have", "had", "by", "to", "from", "with", "and", "or", "its", "it", "they", "their", "them", "there", "this", "that", "these", "those", "on", "at", "as", "about", "any", "please", "tell", "me", "show", "give", "i", "want", "know", "can", "you", "could", "would", "will", "get", "got", "year", "years", "report", "reports", "annual", "government", "information", "disclosure", "foi", "open", "agency", "agencies", "office", "offices", "bureau", "bureaus", "department", "departments", "cases", "case", "times", "number", "numbers", "figure", "figures", "total", "were", "made", "make", "face", "faced", "come", "came", "so", "far", "then", "than", "also", "up", "out", "into", "under", "over", "while", "per", "same", "ones", "one", "s", "'s", "?", "in 20", "by the", "all of"),
]

# fmt: on


def _label_phrases() -> tuple[
    list[tuple[str, Phrase]], list[tuple[str, Phrase]], dict[str, frozenset[str]]
]:
    """Phrases made from the template's own labels, so that a row or column named as the
    report prints it is read whole: the label (保护第三方合法权益, 本年制发件数) names its
    row or column, and every word of every label is a known word, in Chinese and English
    alike. The words of one or two rows only (逾期, 秘密) are returned with those rows:
    they are understood only where the question reads one of them (逾期答复 is not
    一、本年新收)."""
    zh: list[tuple[str, Phrase]] = []
    en: list[tuple[str, Phrase]] = []
    words: set[str] = set()
    en_words: set[str] = set()
    row_words: dict[str, set[str]] = {}
    for rows in LABELS.rows.values():
        for key, row in rows.items():
            tail = re.split(r"\d\.|[）)]|、", row.label)[-1].strip().strip("“”")
            for form in {tail, tail.removeprefix("属于")}:
                if len(form) >= 4 and key in MEASURE_KEYS:
                    zh.append((form, Phrase("measure", key)))
            for word in segment(row.label).split():
                words.add(word)
                row_words.setdefault(word, set()).add(key)
            en_words.update(re.findall(r"[a-z]{2,}", row.english.lower()))
    for table, columns in LABELS.columns.items():
        kind = {2: "t2col", 3: "applicant", 4: "outcome"}[table]
        for key, (label, english) in columns.items():
            plain = label.split("（")[0]
            if len(plain) >= 4 and key != "total":
                zh.append((plain, Phrase(kind, key)))
            words.add(plain)
            en_words.update(re.findall(r"[a-z]{2,}", english.lower()))
    fills = [w for w in sorted(words) if _only_fills(w, ZH + zh)]
    zh.extend((w, Phrase("filler", "")) for w in fills)
    meaning = {text for text, p in EN if p.kind != "filler"}
    en.extend((w, Phrase("filler", "")) for w in sorted(en_words - meaning))
    common = {text for text, p in ZH if p.kind == "filler"}
    bound = {
        w: frozenset(row_words[w])
        for w in fills
        if len(row_words[w]) <= 2 and w not in common | EVERYDAY and not w[0].isascii()
    }
    return zh, en, bound


# words of one row's label that people also use of anything (没有, 直接, 部分, 上年, 第三):
# they stay fillers wherever they are written
# Words that name one of several measures, no one more than another: the question is
# asked back with each (cue → the measures, in the order offered).
VAGUE: dict[str, tuple[str, ...]] = {
    "refused": ("withheld", "unavailable", "not_processed"),
}

EVERYDAY = frozenset(
    "没有 直接 管理 服务 部分 予以 上年 继续 文件 明确 内容 重新 确认 获取 获取信息 集中 制作 规范 理由 第三".split()
)


def _only_fills(word: str, phrases: list[tuple[str, Phrase]]) -> bool:
    """A Chinese label word may only be a filler where it cannot hide a phrase that means
    something (未经复议直接起诉 would swallow 直接起诉, 复议 would shadow 复议)."""
    return len(word) >= 2 and not any(p.kind != "filler" and text in word for text, p in phrases)


_LABEL_ZH, _LABEL_EN, ROW_WORDS = _label_phrases()
ZH.extend(_LABEL_ZH)
EN.extend(_LABEL_EN)
# longest first; of two as long, the one that means something surely (没公开 before 公开的)
_ZH_SORTED = sorted(ZH, key=lambda p: (-len(p[0]), p[1].kind == "filler", p[1].weak))
_EN_SORTED = sorted(EN, key=lambda p: (-len(p[0]), p[1].kind == "filler", p[1].weak))
# positions in _ZH_SORTED of the phrases starting with each character
_ZH_BY_FIRST: dict[str, list[int]] = {}
for _i, (_word, _) in enumerate(_ZH_SORTED):
    _ZH_BY_FIRST.setdefault(_word[0], []).append(_i)
# (the phrase, its pattern): the plain phrase is looked for first, which is cheap, and
# the pattern (bounded by letters) only where it occurs
_EN_PATTERNS = [
    (p, re.compile(r"(?<![a-z])" + re.escape(p) + r"(?![a-z])"), phrase) for p, phrase in _EN_SORTED
]
_NUM = r"(\d{1,3}|[一二两三四五六七八九十]|one|two|three|four|five|six|seven|eight|nine|ten)"
_TOP_N = (
    re.compile(r"(?:排)?(?:前|top\s?)" + _NUM),
    re.compile(r"最(?:多|少|高|低|大|小)的" + _NUM + r"(?:个|家|名)"),
    re.compile(
        r"\b(?:the\s)?"
        + _NUM
        + r"\s(?:most|least|highest|lowest|largest|biggest|fewest|smallest)\b"
    ),
)
NUMBER_WORDS = {
    **{c: i for i, c in enumerate("一二三四五六七八九十", start=1)},
    "两": 2,
    **{w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), 1)},
}
# 有几个司法局…, how many agencies…: a count of agencies, not of applications
COUNT = (
    re.compile(r"哪几家|有几家|有多少家|几家(?=[？?。，,]|$)|\bhow many of them\b"),
    re.compile(
        # (几个司法局里哪个最高: which of them, not how many)
        r"(?:有|共有|一共有)?(?:几|多少)(?:个|家)(?:机关|单位|部门|政府|[^\s，。？]{0,8}?(?:局|委|办|厅|政府|区|县|市))"
        r"(?!(?:里|中|当中|之中|里头|里面)(?:哪|谁))"
    ),
    re.compile(r"(?:机关|单位|部门)(?:有|共有|一共有)(?:几|多少)(?:个|家)"),  # 上海市的机关有几个
    # 五个司法局里头有几个…, 司法局里…不为零的有几个: the kind named first, then counted
    re.compile(
        r"(?:局|委|办|厅|政府|机关|单位|部门)(?:里头|里面|里|中|当中|之中)"
        r"[^，。？?]{0,20}?(?:有|共有|一共有)(?:几|多少)(?:个|家)"
    ),
    re.compile(
        r"\bhow many (?:agencies|bureaus|offices|governments|departments|justice bureaus|of them|reports)\b"
    ),
)
# 有几年… / in how many years: the question counts an agency's years, not agencies
COUNT_YEARS = (
    re.compile(
        # (那几年 / 这几年 / 近几年 point at years, they do not count them)
        r"(?<![那这近前头后])(?:有|共有|一共有)?(?:几|多少)(?:个)?年(?!来|前|内|以来|度)|哪几年|哪些年|哪几个年份"
        r"|年份有(?:几|多少)个?|(?:几|多少)个年份"
    ),
    re.compile(r"\b(?:in )?how many (?:of the |of those )?years\b|\bwhich years\b"),
)


def counts_years(text: Text) -> bool:
    return any(p.search(_view(text, p)) for p in COUNT_YEARS)


# 超过100件 / more than 100: a condition on the figure, for a count
# a mark, in percent when so written (超过5%: of a rate, 0.05)
_MARK = r"(\d+(?:\.\d+)?)\s*(%|％|percent|亿|万|千|thousand|k\b)?\s*(?:元)?"
# a mark that is an amount of money (超过1亿元, 10000万元, 5000元): of a figure in 万元, it is
# turned into 万元 (`Reading.mark`)
MONEY_MARK = re.compile(r"\d(?:\.\d+)?\s*(?:亿|万|千)?\s*元|\d\s*亿")
CONDITION = (
    # 不为零 / 非零: a count over zero (before 为零, which it holds)
    (re.compile(r"不为零|不为0(?!\d)|非零|不是零|不是0(?!\d)|不等于零|不等于0(?!\d)"), ">0"),
    (re.compile(r"(?:超过|多于|大于|高于|逾)了?" + _MARK), ">"),
    (re.compile(r"(?:不少于|不低于|至少|达到)了?" + _MARK), ">="),
    (re.compile(r"(?:少于|低于|小于|不到|不足)了?" + _MARK), "<"),
    (
        re.compile(
            r"(?:为|是|等于)(?:0|零)(?!\d)|没有(?=收到|被|人|任何|发生|出现)|零(?:申请|件)|一(?:件|个|次)[^\s，。？]{0,4}?都没"
        ),
        "=0",
    ),
    (re.compile(r"\b(?:more than|over|above|greater than) " + _MARK), ">"),
    (re.compile(r"\b(?:at least) " + _MARK), ">="),
    (re.compile(r"\b(?:fewer than|less than|under|below) " + _MARK), "<"),
    (re.compile(r"\b(?:no|zero|none)\b"), "=0"),
)


@dataclass(frozen=True)
class Hit:
    phrase: Phrase
    start: int  # in the view the phrase was found in
    end: int
    view: str  # compact | words


def find_phrases(text: Text) -> list[Hit]:
    """Every phrase in the question, longest first and never overlapping another."""
    hits: list[Hit] = []
    taken = [False] * len(text.compact)
    # only the phrases starting with a character the question has, in their usual order
    # (a question holds a few dozen characters; the lexicon some thousands of phrases)
    candidates = sorted(i for c in set(text.compact) for i in _ZH_BY_FIRST.get(c, ()))
    for word, phrase in (_ZH_SORTED[i] for i in candidates):
        start = text.compact.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(taken[start:end]):
                hits.append(Hit(phrase, start, end, "compact"))
                for i in range(start, end):
                    taken[i] = True
            start = text.compact.find(word, end)
    wtaken = [False] * len(text.words)
    for plain, pattern, phrase in _EN_PATTERNS:
        if plain not in text.words:
            continue
        for m in pattern.finditer(text.words):
            if not any(wtaken[m.start() : m.end()]):
                hits.append(Hit(phrase, m.start(), m.end(), "words"))
                for i in range(m.start(), m.end()):
                    wtaken[i] = True
    hits.extend(_pinyin_hits(text.words, wtaken))
    return hits


_LATIN_WORD = re.compile(r"[a-z]+")


@cache
def _pinyin_phrases() -> dict[str, Phrase]:
    """The Chinese phrases by their pinyin without tones or spaces (xingzhengsusong,
    shenqing, duoshao), for questions typed in pinyin: a phrase that means something
    must be two syllables or more, so that no English word (an, he) is taken for one;
    single syllables are read only as fillers (nian, jian, de)."""
    from pypinyin import lazy_pinyin  # only for a question with Latin letters

    out: dict[str, Phrase] = {}
    for word, phrase in _ZH_SORTED:
        if not all("\u4e00" <= c <= "\u9fff" for c in word):
            continue
        if len(word) < 2 and phrase.kind != "filler":
            continue
        out.setdefault("".join(lazy_pinyin(word)), phrase)
    return out


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (of the common CJK characters)."""
    from pypinyin import lazy_pinyin

    return frozenset(lazy_pinyin("".join(map(chr, range(0x4E00, 0x9FA6)))))


@cache
def _is_pinyin(word: str) -> bool:
    """Whether the word splits wholly into pinyin syllables (shenqing, huaian; not how)."""
    syllables = _syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(word[j:i] in syllables for j in ends if i - j <= 6):
            ends.add(i)
    return len(word) in ends


def _pinyin_hits(words: str, taken: list[bool]) -> list[Hit]:
    """Phrases written in pinyin, one or several Latin words (xingzheng susong), where no
    English phrase was found; the longest first at each place."""
    latin = [m for m in _LATIN_WORD.finditer(words) if not any(taken[m.start() : m.end()])]
    if not latin or not all(_is_pinyin(m.group(0)) for m in _LATIN_WORD.finditer(words)):
        return []  # an English question (how many women…) is never read as pinyin
    table = _pinyin_phrases()
    out: list[Hit] = []
    i = 0
    while i < len(latin):
        for n in range(min(4, len(latin) - i), 0, -1):
            run = latin[i : i + n]
            if any(words[a.end() : b.start()].strip() for a, b in zip(run, run[1:], strict=False)):
                continue  # only words next to each other
            phrase = table.get("".join(m.group(0) for m in run))
            if phrase is not None:
                out.append(Hit(phrase, run[0].start(), run[-1].end(), "words"))
                i += n
                break
        else:
            i += 1
    return out


# the numbering of a row as printed: （六）其他处理 3.其他, 一、本年新收
_NUMBERING = re.compile(
    r"第二十条(?:第[(（][一二三四五六七八九十]{1,3}[)）]项)?|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|(?<!\d)\d{1,2}[.、．](?!\d)"
    r"|[一二三四五六七八九十两\d]+[个家](?=[\u4e00-\u9fff])"  # 五个司法局: a count, read
)
# 给公开了没 / 被复议过没: the question's own yes-or-no
_YES_NO = re.compile(r"(?:了|过)?没(?:有)?[?？]*$")
# A比B多几件 / 制发比废止多几件: a difference asked, whatever the verb between
DIFFERENCE = re.compile(r"比[^，。？?！!]{0,16}?(?:多|少|高|低)[^，。？?！!]{0,8}?(?:多少|几)")
# 排第三 / 第3名 / the third most: one place of a ranking
_ORDINAL = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
}
POSITION = (
    re.compile(r"(?:排(?:名)?(?:在)?第|第)" + _NUM + r"(?:名|位|多|高|大|的)?(?![十条项款])"),
    re.compile(r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)\b"),
)
# 5月 / 上半年 / 第一季度: a part of a year, which the annual tables do not hold
PART_OF_YEAR = re.compile(
    r"\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?|[上下]半年|第?[一二三四1-4]季度|\d{1,2}日"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|quarter|q[1-4]|monthly|month)\b"
)


def without_position(question: str) -> str:
    """The question with its 排第N / 第N呢 / the Nth taken out (a follow-up puts another)."""
    for pattern in POSITION:
        question = pattern.sub("", question)
    return re.sub(r"\s*呢(?=\s|$)", "", question)


def position(text: Text) -> int | None:
    """N of 排第N / 第N名 / the Nth (N ≥ 2: the first is the top of a ranking)."""
    for pattern in POSITION:
        m = pattern.search(_view(text, pattern))
        if m:
            g = m.group(1)
            n = _ORDINAL.get(g) or (int(g) if g.isdigit() else NUMBER_WORDS.get(g))
            return n if n and 2 <= n <= 100 else None
    return None


def pattern_spans(text: Text) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the patterns of this module matched (前3个, 排第三, 超过100, 有几个…): those
    words are read, in the compact and in the words view."""
    compact: list[tuple[int, int]] = []
    words: list[tuple[int, int]] = []
    patterns = [
        *_TOP_N,
        *POSITION,
        *COUNT,
        *COUNT_YEARS,
        *(p for p, _ in CONDITION),
        _NUMBERING,
        _YES_NO,
    ]
    for pattern in patterns:
        english = pattern.pattern.startswith("\\b")
        for m in pattern.finditer(_view(text, pattern)):
            (words if english else compact).append((m.start(), m.end()))
    return compact, words


def asks_difference(text: Text) -> bool:
    return bool(DIFFERENCE.search(text.compact))


def parts_of_year(text: Text) -> list[str]:
    """Months, quarters and half-years named: the reports give whole years only."""
    return [m.group(0) for v in (text.compact, text.words) for m in PART_OF_YEAR.finditer(v)]


# The words of the reports' narrative an English question may ask about, in the Chinese
# the reports use: what their text is searched for (the text itself is Chinese).
NARRATIVE_EN: dict[str, str] = {
    "press conferences": "新闻发布会",
    "press conference": "新闻发布会",
    "news conferences": "新闻发布会",
    "new-media accounts": "政务新媒体",
    "new media accounts": "政务新媒体",
    "new-media": "新媒体",
    "new media": "新媒体",
    "wechat": "公众号",
    "weibo": "微博",
    "website": "网站",
    "websites": "网站",
    "training sessions": "培训",
    "trainings": "培训",
    "training": "培训",
    "original articles": "原创",
    "original": "原创",
    "articles": "发文",
    "processing fees": "信息处理费",
    "processing fee": "信息处理费",
    "column": "专栏",
    "hotline": "热线",
    "interpretations": "解读",
    "interpretation": "解读",
    "inspections": "检查",
    "government data": "政务数据",
    "proactively published": "主动公开",
    "proactively publish": "主动公开",
    "proactively": "主动公开",
    "pushed": "推送",
    "hearings": "听证",
    "hearing": "听证",
    "download": "下载",
    "push": "推送",
}
_NARRATIVE_EN = sorted(NARRATIVE_EN, key=len, reverse=True)


def narrative_terms(text: Text) -> list[str]:
    """The Chinese words of the reports for what an English question asks about."""
    words = text.words
    found: list[str] = []
    for phrase in _NARRATIVE_EN:
        if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", words):
            term = NARRATIVE_EN[phrase]
            if term not in found and not any(term in f for f in found):
                found.append(term)
            words = words.replace(phrase, " ")
    return found


def top_n(text: Text) -> int | None:
    """The N of 前N名 / 最多的三个 / top N / the three most, when the question gives one."""
    for pattern in _TOP_N:
        m = pattern.search(_view(text, pattern))
        if m:
            g = m.group(1)
            n = int(g) if g.isdigit() else NUMBER_WORDS[g]
            return n if 0 < n <= 100 else None
    return None


# 超过5% of a rate is 0.05; 超过10万件 is 100,000
_MARK_SCALE = {"": 1, "%": 0.01, "％": 0.01, "percent": 0.01, "亿": 100_000_000, "万": 10_000}
_MARK_SCALE["千"] = 1_000
_MARK_SCALE.update(thousand=1_000, k=1_000)


def condition(text: Text) -> tuple[str, float] | None:
    """(comparison, threshold) of 超过100件 / more than 100 / 为0, for a count of agencies."""
    for pattern, op in CONDITION:
        m = pattern.search(_view(text, pattern))
        if m:
            if op in ("=0", ">0"):
                return ("==" if op == "=0" else ">"), 0.0
            return op, float(m.group(1)) * _MARK_SCALE[m.group(2) or ""]
    return None


# 超过100件的有谁 / 哪些为零 / which agencies got over 100: the agencies meeting a mark,
# answered by counting them, each named
_WHICH_MEET = (
    re.compile(r"有谁|都有谁|是谁|有哪些|是哪些|哪些|哪几个|哪几家"),
    re.compile(r"\bwhich (?:agencies|ones|of them|offices|bureaus|governments)\b|\bwho\b"),
)


def asks_count(text: Text) -> bool:
    """有几个司法局… / how many agencies… / 超过100件的有谁: the question counts agencies."""
    if any(p.search(_view(text, p)) for p in COUNT):
        return True
    return any(p.search(_view(text, p)) for p in _WHICH_MEET) and condition(text) is not None


def _view(text: Text, pattern: re.Pattern[str]) -> str:
    """English patterns (word-bounded) read the words view, Chinese ones the compact one."""
    return text.words if pattern.pattern.startswith("\\b") else text.compact
