"""What the bot says: the message catalogue, the reply language, escaping and splitting.

Every reply is HTML (the bot's default parse mode), so every piece of text that comes
from a user, a report or the engine goes through `html.quote` (or `t()`, which quotes
its arguments). Markup the bot adds itself never spans a line break, which is what lets
`split_html` cut long replies at line boundaries without breaking a tag.
"""

from __future__ import annotations

import html as std_html
import re

from aiogram import html
from aiogram.types import User

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_TAG = re.compile(r"<[^>]*>")

MESSAGES: dict[str, tuple[str, str]] = {
    "start": (
        "你好！我能回答关于政府信息公开工作年度报告的问题：某个机关收到多少申请、"
        "哪个机关行政复议最多、历年变化……直接发问题给我就行。\n"
        "下面是三个例子，点一下试试。/help 查看全部命令。",
        "Hello! I answer questions about Chinese government information-disclosure "
        "annual reports: how many requests an agency received, which agency faced the "
        "most administrative reviews, how a figure changed over the years. Just send "
        "me a question.\nTap one of the three examples below. /help lists every command.",
    ),
    "help": (
        "直接发问题即可，例如“{example}”。\n\n"
        "/report 机关 [年份] — 年度报告概览\n"
        "/compare 指标 [机关类型] — 排名和柱状图\n"
        "/trend 机关 指标 — 历年变化\n"
        "/export 机关|all — 数据导出为 CSV\n"
        "/search 关键词 — 全文检索报告正文\n"
        "/agencies — 已收录的机关\n"
        "/check — 年报体检：随报告文件发送（不入库）\n"
        "/audit 机关|地区 [年份] — 已收录报告的体检结果\n"
        "在群里请用命令、@我，或回复我的消息。",
        "Just send a question, for example “{example}”.\n\n"
        "/report agency [year] — a report at a glance\n"
        "/compare figure [kind of agency] — a ranking with a bar chart\n"
        "/trend agency figure — a figure over the years\n"
        "/export agency|all — the figures as CSV\n"
        "/search words — full-text search in the reports\n"
        "/agencies — the agencies indexed\n"
        "/check — check a report file sent with it (not indexed)\n"
        "/audit agency|region [year] — the checks of indexed reports\n"
        "In a group, use a command, mention me, or reply to me.",
    ),
    "help_admin": (
        "\n\n管理员：发送报告文件（.pdf .docx .html .txt .md）即可入库；/reindex 重建索引；/stats 统计。",
        "\n\nAdmins: send a report file (.pdf .docx .html .txt .md) to index it; "
        "/reindex rebuilds the index; /stats shows statistics.",
    ),
    "usage_report": ("用法：/report 机关名称 [年份]", "Usage: /report agency [year]"),
    "usage_compare": (
        "用法：/compare 指标 [机关类型]，例如 /compare 行政复议 司法局",
        "Usage: /compare figure [kind of agency], e.g. /compare 行政复议 司法局",
    ),
    "usage_trend": (
        "用法：/trend 机关名称 指标，例如 /trend {agency} 收到申请",
        "Usage: /trend agency figure, e.g. /trend {agency} 收到申请",
    ),
    "usage_export": (
        "用法：/export 机关名称 或 /export all",
        "Usage: /export agency or /export all",
    ),
    "usage_search": ("用法：/search 关键词", "Usage: /search words"),
    "no_agency": (
        "没有找到机关“{name}”。/agencies 可以查看全部。",
        "No agency “{name}” found. /agencies lists them all.",
    ),
    "which_agency": ("您指的是哪一个机关？", "Which agency do you mean?"),
    "no_agencies": ("索引里还没有报告。", "The index holds no reports yet."),
    "agencies_page": (
        "已收录 {total} 个机关（第 {page}/{pages} 页）：",
        "{total} agencies indexed (page {page}/{pages}):",
    ),
    "no_hits": ("没有找到包含“{words}”的段落。", "No passage mentions “{words}”."),
    "hits": ("“{words}”的检索结果（前 {n} 条）：", "Passages mentioning “{words}” (first {n}):"),
    "export_caption": ("{what}：{n} 个数据", "{what}: {n} figures"),
    "export_all": ("全部报告", "all reports"),
    "export_too_soon": (
        "全部数据的导出每人每 {minutes} 分钟一次；索引未变时文件也相同。可以先导出单个机关：/export 机关名称",
        "Everything can be exported once every {minutes} minutes per person (the file is the "
        "same until the index changes); one agency at a time works now: /export agency",
    ),
    "export_too_large": (
        "全部数据压缩后仍超过 Telegram 允许机器人发送的 50 MB。请在服务器上运行 python -m index export。",
        "Everything is over the 50 MB a bot may send, even zipped: run python -m index export "
        "on the server.",
    ),
    "no_figures": ("没有可以导出的数据。", "There are no figures to export."),
    "expired": ("这个选项已过期，请重新提问。", "This choice has expired; please ask again."),
    "too_fast": (
        "消息太多了，请稍等几秒再试。",
        "That is a lot of messages at once; please wait a few seconds.",
    ),
    "sorry": (
        "抱歉，出了点问题，已经记录下来了。请稍后再试。",
        "Sorry, something went wrong; it has been logged. Please try again later.",
    ),
    "not_admin_upload": (
        "谢谢！不过只有管理员可以上传报告。您可以直接向我提问。",
        "Thank you! Only admins can add reports, but you can ask me questions.",
    ),
    "not_admin": ("这个命令只有管理员可以使用。", "Only admins can use this command."),
    "bad_type": (
        "无法读取 {name}：只支持 .pdf .docx .html .txt .md 文件。",
        "Cannot read {name}: only .pdf, .docx, .html, .txt and .md files are supported.",
    ),
    "too_big": (
        "无法读取 {name}：文件 {size} MB，超过 {limit} MB 的上限。",
        "Cannot read {name}: it is {size} MB, over the {limit} MB limit.",
    ),
    "downloading": ("⏳ 正在下载 {name}…", "⏳ Downloading {name}…"),
    "waiting": ("⏳ 正在等待其他索引任务完成…", "⏳ Waiting for another indexing job to finish…"),
    "reading": ("⏳ 正在读取 {name}…", "⏳ Reading {name}…"),
    "indexed": (
        "✅ {name}：{agency} {year} 年，{figures} 个数据。",
        "✅ {name}: {agency}, {year}, {figures} figures.",
    ),
    "indexed_replaced": (
        "（替换了原有的同年报告）",
        " (replaces the earlier report for that year)",
    ),
    "indexed_unchanged": (
        "（与已收录的文件相同，未改变）",
        " (identical to the file already indexed; nothing changed)",
    ),
    "failed_checks": ("勾稽关系不符：{checks}", "Identities that fail: {checks}"),
    "all_checks_pass": ("勾稽关系均相符。", "Every identity holds."),
    "index_failed": ("❌ 无法读取 {name}：{reason}", "❌ Cannot read {name}: {reason}"),
    "reindex_start": ("⏳ 正在重建索引…", "⏳ Rebuilding the index…"),
    "reindex_progress": (
        "⏳ 重建索引：{done}/{total} {name}",
        "⏳ Rebuilding the index: {done}/{total} {name}",
    ),
    "reindex_done": (
        "✅ 索引已重建：{ok} 份报告，{failed} 份失败。",
        "✅ Index rebuilt: {ok} reports, {failed} failed.",
    ),
    "reindex_failed_file": ("❌ {name}：{reason}", "❌ {name}: {reason}"),
    "reindex_empty": ("报告目录里没有文件。", "The reports folder holds no files."),
    "too_big_to_fetch": (
        "❌ Telegram 不允许机器人下载 {name}：文件太大（上限 20 MB）。可在服务器上用 "
        "python -m index build 入库，或使用自建的 Bot API 服务器（见 docs/bot.md）。",
        "❌ Telegram does not let bots download {name}: it is over 20 MB. Index it on the "
        "server with python -m index build, or use a self-hosted Bot API server (docs/bot.md).",
    ),
    "download_failed": (
        "❌ 无法从 Telegram 下载 {name}，请重新发送。",
        "❌ Could not download {name} from Telegram; please send it again.",
    ),
    "stats": (
        "报告 {reports} 份，机关 {agencies} 个\n"
        "年份：{years}\n"
        "勾稽关系不符：{failed_checks} 处（{failed_reports} 份报告）\n"
        "启动以来回答问题 {questions} 个（{answered} 个有答案）",
        "{reports} reports, {agencies} agencies\n"
        "Years: {years}\n"
        "Failed identities: {failed_checks} (in {failed_reports} reports)\n"
        "Questions answered since start: {questions} ({answered} with an answer)",
    ),
    "sent_as_file": ("回复太长，已作为文件发送。", "The reply is long, so here it is as a file."),
    "usage_check": (
        "年报体检：发送报告文件并附上说明 /check，或回复一个报告文件 /check。文件只检查，不入库。",
        "Report check: send a report file with the caption /check, or reply /check to one. "
        "The file is checked, not indexed.",
    ),
    "usage_audit": (
        "用法：/audit 机关或地区 [年份]，例如 /audit 平潭综合实验区 2023",
        "Usage: /audit agency-or-region [year], e.g. /audit 平潭综合实验区 2023",
    ),
    "checking": ("⏳ 正在检查 {name}…", "⏳ Checking {name}…"),
    "check_failed": ("❌ 无法检查 {name}：{reason}", "❌ Cannot check {name}: {reason}"),
    "audit_none": ("没有找到“{name}”的报告。", "No indexed report of “{name}”."),
    "audit_counts": (
        "错误 {errors}、警告 {warnings}、提示 {info}",
        "{errors} errors, {warnings} warnings, {info} notes",
    ),
    "audit_more_findings": ("……另有 {n} 项", "… and {n} more"),
    "audit_more_reports": ("……另有 {n} 份报告", "… and {n} more reports"),
    "audit_rates": ("比率：", "Rates: "),
    "audit_few": ("（分母小）", " (few cases)"),
    "audit_summary": (
        "体检：{counts}（详情：/audit {agency} {year}）",
        "Check: {counts} (details: /audit {agency} {year})",
    ),
}


def t(key: str, lang: str, **values: object) -> str:
    """The catalogue entry `key` in `lang`, with every value HTML-escaped."""
    zh, en = MESSAGES[key]
    template = zh if lang == "zh" else en
    return template.format(**{k: html.quote(str(v)) for k, v in values.items()})


_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.I)
_PATH = re.compile(r"(?<![\w.])(?:/[^\s/:'\"，。；）)]+)+/?")


def redact(text: str) -> str:
    """An error's text as a user may read it: no bot token, no address, no server path.

    Download errors quote the file URL, which carries the token; index errors name the
    database's place on the server. Only a path's last part is kept (the file's name).
    """
    text = _TOKEN.sub("…", text)
    text = _URL.sub("…", text)
    return _PATH.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1], text)


def language(text: str | None, user: User | None) -> str:
    """'zh' or 'en': the text's script first, then the user's Telegram language."""
    text = text or ""
    if _CJK.search(text):
        return "zh"
    code = (user.language_code or "") if user else ""
    if code:
        return "zh" if code.lower().startswith("zh") else "en"
    return "en" if _LATIN.search(text) else "zh"


def number(value: float | int | None) -> str:
    """A figure as printed: integers without '.0', a missing cell as '—' (never 0)."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut `text` into messages of at most `limit` units, at line breaks.

    A single line longer than `limit` is cut inside, but never inside an HTML entity
    or tag, so every part is still valid HTML.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while utf16_len(line) > limit:
            cut = _safe_cut(line, limit)
            parts.append(line[:cut])
            line = line[cut:]
        current = line
    if current.strip():
        parts.append(current)
    return [p for p in parts if p.strip()]


def _safe_cut(line: str, limit: int) -> int:
    cut = limit
    while utf16_len(line[:cut]) > limit:
        cut -= 1
    opener = max(line.rfind("&", 0, cut), line.rfind("<", 0, cut))
    if opener >= 0 and not re.search(r"[;>]", line[opener:cut]):
        cut = opener
    return cut if cut > 0 else limit


def html_to_plain(text: str) -> str:
    """The reply as plain text, for sending a long one as a file."""
    return std_html.unescape(_TAG.sub("", text))
