"""Each format reader gives the tables a person reads in the report, cell for cell.

Expected values were read by eye from the devset files (the PDF as rendered, the HTML
source, the Word form), not from the readers' output.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from index.document import Document, Paragraph, Table
from index.readers import read_document
from index.readers.docx import read_docx
from index.readers.html import read_html
from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS

from .conftest import DEVSET
from .docx_fixtures import BLANK_FORM, filled_template, sample_figures

DATA = Path(__file__).parent / "data"


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def shapes(document: Document) -> list[tuple[int, int]]:
    """Rows and columns of each table: a table cut at a page break or cells lost show here."""
    return [(len(t.rows), len(t.rows[0])) for t in tables(document)]


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def flat(cell: str | None) -> str | None:
    """A cell as a person reads it: the line breaks of a narrow column joined."""
    return None if cell is None else "".join(cell.split())


def row_with(table: Table, label: str) -> tuple[int, list[str | None]]:
    """The index and cells of the only row whose label cells contain `label`."""
    found = [
        (i, row)
        for i, row in enumerate(table.rows)
        if any(label in (flat(c) or "") for c in row[:3])
    ]
    assert len(found) == 1, f"{label!r} is in {len(found)} rows"
    return found[0]


def values(table: Table, label: str, count: int = 7) -> list[str | None]:
    return [flat(c) for c in row_with(table, label)[1][-count:]]


# --- PDF: 淮安市人民政府 2024 --------------------------------------------------------


@pytest.fixture(scope="module")
def huaian() -> Document:
    return read_document(DEVSET / "huaian-shi-zf-2024.pdf")


def test_pdf_finds_the_three_tables_whole(huaian: Document) -> None:
    assert shapes(huaian) == [(14, 4), (28, 10), (4, 15)]
    assert huaian.source_format == "pdf"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("规章", ["1", "0", "11"]),
        ("行政规范性文件", ["8", "26", "66"]),
        ("行政许可", ["447228", None, None]),
        ("行政处罚", ["3985758", None, None]),
        ("行政强制", ["88283", None, None]),
        ("行政事业性收费", ["96171.6", None, None]),
    ],
)
def test_pdf_table2_across_pages_3_and_4(huaian: Document, label: str, expected: list) -> None:
    table2 = tables(huaian)[0]
    assert values(table2, label, 3) == expected
    assert table2.page == 3
    assert table2.row_pages[row_with(table2, "行政处罚")[0]] == 4


@pytest.mark.parametrize(
    ("label", "expected", "page"),
    [
        ("一、本年新收", "3001 53 0 0 61 4 3119", 4),
        ("二、上年结转", "34 0 0 0 0 0 34", 4),
        ("（一）予以公开", "1288 21 0 0 50 3 1362", 4),
        ("8.属于行政查询事项", "105 0 0 0 0 0 105", 4),
        ("1.本机关不掌握相关政府信息", "746 12 0 0 10 1 769", 4),
        ("2.没有现成信息需要另行制作", "11 0 0 0 0 0 11", 5),
        ("3.补正后申请内容仍不明确", "1 0 0 0 0 0 1", 5),
        ("1、申请人无正当理由逾期不补正", "67 3 0 0 1 0 71", 5),
        ("3、其他", "108 2 0 0 0 0 110", 5),
        ("（七）总计", "2932 53 0 0 61 4 3050", 5),
        ("四、结转下年度继续办理", "103 0 0 0 0 0 103", 5),
    ],
)
def test_pdf_table3_rows_and_their_pages(
    huaian: Document, label: str, expected: str, page: int
) -> None:
    table3 = tables(huaian)[1]
    index, _ = row_with(table3, label)
    assert values(table3, label) == expected.split()
    assert table3.row_pages[index] == page


def test_pdf_table3_keeps_its_header_and_merges(huaian: Document) -> None:
    table3 = tables(huaian)[1]
    assert table3.page == 4
    assert flat(table3.rows[0][3]) == "申请人情况"
    assert table3.rows[0][4:] == [None] * 6
    assert [flat(c) for c in table3.rows[2][4:9]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    # the group cell （四）无法提供 is cut by the page break: its two halves stay in place
    assert flat(row_with(table3, "1.本机关不掌握")[1][1]) == "（四）无"
    assert flat(row_with(table3, "2.没有现成信息")[1][1]) == "法提供"


def test_pdf_table4(huaian: Document) -> None:
    table4 = tables(huaian)[2]
    assert table4.rows[-1] == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    assert table4.rows[0][0] == "行政复议" and table4.rows[0][5] == "行政诉讼"
    assert table4.row_pages == [5, 5, 5, 5]


def test_pdf_prose_in_reading_order(huaian: Document) -> None:
    kinds = [
        b.text if isinstance(b, Paragraph) else f"table{len(b.rows[0])}" for b in huaian.blocks
    ]
    sequence = [
        "淮安市人民政府",
        "2024 年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "table4",
        "三、收到和处理政府信息公开申请情况",
        "table10",
        "四、政府信息公开行政复议、行政诉讼情况",
        "table15",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    positions = [kinds.index(item) for item in sequence]
    assert positions == sorted(positions)
    assert huaian.blocks[0] == Paragraph("淮安市人民政府", 1)


def test_pdf_framed_paragraph_is_prose(huaian: Document) -> None:
    """Page 1's introduction and page 3's （五） paragraph are drawn in a frame."""
    lines = texts(huaian)
    assert "制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。" in lines
    assert any(line.startswith("（五）政府信息公开监督保障情况") for line in lines)
    assert all(t.page != 1 for t in tables(huaian))


def test_pdf_title_from_metadata(huaian: Document) -> None:
    assert huaian.meta == {"title": "政府信息公开工作年度报告"}


# --- PDF printed from the filled Word form (tests/data/make_fixtures.py) ---------------


@pytest.fixture(scope="module")
def filled_pdf() -> Document:
    return read_document(DATA / "filled-2024.pdf")


def test_filled_pdf_has_every_figure_in_place(filled_pdf: Document) -> None:
    figures = sample_figures()
    table2, table3, table4 = tables(filled_pdf)
    assert values(table2, "规章", 3) == ["1", "2", "3"]
    assert values(table2, "行政事业性收费", 3) == ["10.5", None, None]
    for row in TABLE3_ROWS:
        if row.key == "other_processing":
            continue
        expected = [str(figures[f"3.{row.key}.{c}"]) for c in APPLICANT_COLUMNS]
        assert values(table3, row.label.split()[-1]) == expected, row.key
    assert table4.rows[-1] == [
        str(figures[f"4.{p}.{c}"]) for p in PROCEEDINGS for c in OUTCOME_COLUMNS
    ]


def test_filled_pdf_table3_breaks_across_pages(filled_pdf: Document) -> None:
    table3 = tables(filled_pdf)[1]
    assert len(table3.rows) == 28
    assert table3.row_pages[row_with(table3, "4.无正当理由大量反复申请")[0]] == 2
    assert table3.row_pages[row_with(table3, "5.要求行政机关确认")[0]] == 3


# --- HTML: 上海市人民政府办公厅 2019 ------------------------------------------------------


@pytest.fixture(scope="module")
def shanghai() -> Document:
    return read_document(DEVSET / "shanghai-shi-zfbgt-2019.html")


def test_html_tables_expanded(shanghai: Document) -> None:
    assert shapes(shanghai) == [(18, 5), (26, 10), (4, 15)]
    assert shanghai.source_format == "html"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("一、本年新收", ["821", "35", "", "", "2", "1", "859"]),
        ("二、上年结转", ["18", "", "", "", "", "", "18"]),
        ("（一）予以公开", ["258", "12", "", "", "1", "1", ""]),
        ("1.属于国家秘密", ["14", "", "", "", "", "", ""]),
        ("2.其他法律行政法规禁止公开", [""] * 7),
        ("6.属于四类过程性信息", ["3", "1", "", "", "", "", ""]),
        ("1.本机关不掌握相关政府信息", ["252", "12", "", "", "1", "", ""]),
        ("（六）其他处理", [""] * 7),
        ("（七）总计", ["767", "35", "", "", "2", "1", "805"]),
        ("四、结转下年度继续办理", ["72", "", "", "", "", "", "72"]),
    ],
)
def test_html_table3_blank_cells_stay_blank(shanghai: Document, label: str, expected: list) -> None:
    assert values(tables(shanghai)[1], label) == expected


def test_html_rowspan_and_colspan_positions(shanghai: Document) -> None:
    table3 = tables(shanghai)[1]
    assert table3.rows[0][:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        None,
        None,
        "申请人情况",
    ]
    assert table3.rows[1][:5] == [None, None, None, "自然人", "法人或其他组织"]
    assert table3.rows[2][3] is None and table3.rows[2][9] is None
    assert row_with(table3, "1.属于国家秘密")[1][:3] == [None, "（三）不予公开", "1.属于国家秘密"]
    assert row_with(table3, "2.其他法律")[1][:3] == [None, None, "2.其他法律行政法规禁止公开"]
    assert row_with(table3, "（六）其他处理")[1][:3] == [None, "（六）其他处理", None]


def test_html_table2_and_table4(shanghai: Document) -> None:
    table2, _, table4 = tables(shanghai)
    assert table2.rows[1][1] == "本年新\n制作数量"  # a <br> inside the cell
    assert values(table2, "规章", 4) == ["13", "13", None, "524"]
    assert values(table2, "政府集中采购", 4) == ["6", None, "251000元", None]
    assert table4.rows[-1] == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]


def test_html_paragraphs(shanghai: Document) -> None:
    lines = texts(shanghai)
    assert lines[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert "四、政府信息公开行政复议、行政诉讼情况" in lines
    assert lines[-2:] == ["六、其他需要报告的事项", "无。"]


PAGE = """<html><head><meta charset="{charset}"><title>XX局2024年年报_XX市人民政府</title>
<style>td {{ color: red }}</style><script>var t = "<table><tr><td>1</td><td>2</td></tr></table>";</script>
</head><body>
<div class="header"><a href="/">网站首页</a></div>
<div id="top-nav"><ul><li><a href="/a">政务公开</a><li><a href="/b">办事服务</a></ul></div>
<div class="position">当前位置：首页 &gt; 年度报告</div>
<table class="xxgk_info">
<tr><td>索 引 号：</td><td>0001-2025-00001</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>XX市XX局</td><td>成文日期：</td><td>2025-01-20</td></tr>
<tr><td>标　　题：</td><td colspan="3">XX市XX局2024年政府信息公开工作年度报告</td></tr>
</table>
<article><header><h1>XX市XX局<br>2024年政府信息公开工作年度报告</h1></header>
<p>一、总体情况<p>2024年，我局共收到申请<span>1</span><span>2</span>件。
<table border=1><tr><td rowspan=2>（本列数据）<td colspan=2>申请人情况
<tr><td>自然人<td>总计
<tr><td>一、本年新收<td><span>1</span><span>2</span><td><font><b>1</b>2</font>
<tr><td>二、上年结转<td>&nbsp;<td><p>&nbsp;</p>
<tr><td>三、本年度<br>办理结果<td>0</table>
<div style="display: none">隐藏的文字</div>
</article>
<footer>版权所有 XX市人民政府</footer><div class="footer">联系我们</div>
</body></html>"""


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("utf-8", "utf-8"), ("gb2312", "gb18030"), ("GBK", "gbk"), ("gb2312", "utf-8")],
)
def test_html_page_furniture_meta_and_encodings(charset: str, encoding: str) -> None:
    """A page as sites serve it; the last case is a UTF-8 page that says it is GB2312."""
    document = read_html(PAGE.format(charset=charset).encode(encoding))
    assert document.meta == {
        "agency": "XX市XX局",
        "date": "2025-01-20",
        "title": "XX市XX局2024年政府信息公开工作年度报告",
    }
    assert texts(document) == [
        "当前位置：首页 > 年度报告",
        "XX市XX局",
        "2024年政府信息公开工作年度报告",
        "一、总体情况",
        "2024年，我局共收到申请12件。",
    ]
    assert [t.rows for t in tables(document)] == [
        [
            ["（本列数据）", "申请人情况", None],
            [None, "自然人", "总计"],
            ["一、本年新收", "12", "12"],
            ["二、上年结转", "", ""],
            ["三、本年度\n办理结果", "0", ""],
        ]
    ]


def test_html_gbk_without_a_charset() -> None:
    page = "<p>政府信息公开工作年度报告</p><table><tr><td>行政许可</td><td>5</td></tr></table>"
    document = read_html(page.encode("gbk"))
    assert texts(document) == ["政府信息公开工作年度报告"]
    assert tables(document)[0].rows == [["行政许可", "5"]]


def test_html_layout_tables_and_framed_paragraphs() -> None:
    """Old sites lay pages out with tables; only a table holding no table is data."""
    page = """<table width=100%><tr><td><p>标题</p>
    <table><tr><td>一段加框的文字</td></tr></table>
    <table><tr><td>规章</td><td>3</td></tr></table></td><td>右栏</td></tr></table>"""
    document = read_html(page.encode())
    assert [b.rows if isinstance(b, Table) else b.text for b in document.blocks] == [
        "标题",
        "一段加框的文字",
        [["规章", "3"]],
        "右栏",
    ]


def test_html_page_title_when_no_metadata_table() -> None:
    page = "<html><head><title>XX县2024年报告</title></head><body><p>正文</p></body></html>"
    assert read_html(page.encode()).meta == {"title": "XX县2024年报告"}


# --- Word ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank_form() -> Document:
    return read_document(BLANK_FORM)


def test_docx_blank_form_shapes(blank_form: Document) -> None:
    assert shapes(blank_form) == [(14, 4), (28, 10), (4, 15)]
    assert blank_form.source_format == "docx"


def test_docx_blank_form_merges(blank_form: Document) -> None:
    table2, table3, table4 = tables(blank_form)
    assert table2.rows[0] == ["第二十条第（一）项", None, None, None]
    assert table2.rows[6] == ["行政许可", "", None, None]  # gridSpan 3, printed blank
    assert table2.rows[2] == ["规章", "", "", ""]  # cells holding only 　 are blank
    assert table3.rows[1] == [None, None, None, "自然人", "法人或其他组织"] + [None] * 4 + ["总计"]
    assert table3.rows[2][:5] == [None, None, None, None, "商业\n企业"]
    assert table3.rows[5][:3] == ["三、本年度办理结果", "（一）予以公开", None]
    assert table3.rows[8][:3] == [None, None, "2.其他法律行政法规禁止公开"]
    assert table3.rows[27] == ["四、结转下年度继续办理", None, None] + [""] * 7
    assert table4.rows[2][:6] == [None] * 5 + ["结果\n维持"]
    assert table4.rows[3] == [""] * 15


def test_docx_blank_form_paragraphs_in_order(blank_form: Document) -> None:
    kinds = [
        b.text if isinstance(b, Paragraph) else f"table{len(b.rows[0])}" for b in blank_form.blocks
    ]
    assert kinds == [
        "政府信息公开工作年度报告格式模板",
        "一、总体情况",
        "（文字描述）",
        "二、主动公开政府信息情况",
        "table4",
        "三、收到和处理政府信息公开申请情况",
        "table10",
        "四、政府信息公开行政复议、行政诉讼情况",
        "table15",
        "五、存在的主要问题及改进情况",
        "（文字描述）",
        "六、其他需要报告的事项",
        "（文字描述，收取信息处理费情况在此处报告。）",
    ]


def test_filled_template_round_trip(tmp_path: Path) -> None:
    figures = sample_figures()
    document = read_docx(filled_template(figures, tmp_path / "r.docx").read_bytes())
    table2, table3, table4 = tables(document)
    assert table2.rows[2] == ["规章", "1", "2", "3"]
    assert table2.rows[13] == ["行政事业性收费", "10.5", None, None]
    for i, row in enumerate(r for r in TABLE3_ROWS if r.key != "other_processing"):
        expected = [str(figures[f"3.{row.key}.{c}"]) for c in APPLICANT_COLUMNS]
        assert table3.rows[3 + i][-7:] == expected, row.key
    assert table4.rows[3] == [
        str(figures[f"4.{p}.{c}"]) for p in PROCEEDINGS for c in OUTCOME_COLUMNS
    ]
    lines = texts(document)
    assert lines[:2] == ["XX局", "2024年政府信息公开工作年度报告"]
    assert "（文字描述）" not in lines and "本年度未收取信息处理费。" in lines


def test_filled_template_partial_and_unknown_keys(tmp_path: Path) -> None:
    path = filled_template({"3.received.total": "—"}, tmp_path / "r.docx", title=None)
    table3 = tables(read_docx(path.read_bytes()))[1]
    assert table3.rows[3][-7:] == [""] * 6 + ["—"]
    with pytest.raises(ValueError, match="3.received.everyone"):
        filled_template({"3.received.everyone": 1}, tmp_path / "x.docx")


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_merged_block_nested_table_and_line_breaks() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("XX局").add_run().add_break()
        document.paragraphs[0].add_run("2024年政府信息公开工作年度报告")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(1, 1)).text = "合并"
        table.cell(0, 2).text = "c"
        table.cell(1, 2).text = "  "
        table.cell(2, 0).text = "行"
        inner = table.cell(2, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "内1"
        inner.cell(0, 1).text = "内2"
        table.cell(2, 2).text = "1"

    document = read_docx(_docx_bytes(build))
    assert texts(document) == ["XX局", "2024年政府信息公开工作年度报告"]
    assert tables(document)[0].rows == [
        ["合并", None, "c"],
        [None, None, ""],
        ["行", "内1\n内2", "1"],
    ]


def test_docx_without_tables_is_still_a_document() -> None:
    document = read_docx(_docx_bytes(lambda d: d.add_paragraph("会议通知")))
    assert document.blocks == [Paragraph("会议通知")]
