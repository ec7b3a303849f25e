"""HTML and Word rows that stop before the table's last column.

A reader pads such a row to the table's width; the padding is no cell. Read as a blank
cell it took the 总计 column's place in a row printed one column narrower than its header
with a blank first value, and every value of the row moved one column over.

The report below is made by hand; the expected figures are the numbers written in its
cells, read off the HTML, never taken from the parser.
"""

from __future__ import annotations

import pytest

from index.document import Table
from index.parse import parse_document
from index.readers.html import read_html

from .conftest import figure_values

HEADER = """
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
"""

ROWS = {
    "received": '<td colspan="3">一、本年新收政府信息公开申请数量</td>'
    "<td>19</td><td>8</td><td>0</td><td>0</td><td>0</td><td>0</td><td>27</td>",
    "carried_over": '<td colspan="3">二、上年结转政府信息公开申请数量</td>'
    "<td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td>",
    "granted": '<td rowspan="3">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>'
    "<td>12</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>15</td>",
    "partially_granted": '<td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>'
    "<td>8</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>13</td>",
    "results_total": '<td colspan="2">（七）总计</td>'
    "<td>20</td><td>8</td><td>0</td><td>0</td><td>0</td><td>0</td><td>28</td>",
    "carried_forward": '<td colspan="3">四、结转下年度继续办理</td>'
    "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>",
}
PRINTED = {
    "received": [19, 8, 0, 0, 0, 0, 27],
    "carried_over": [2, 0, 0, 0, 0, 0, 2],
    "granted": [12, 3, 0, 0, 0, 0, 15],
    "partially_granted": [8, 5, 0, 0, 0, 0, 13],
    "results_total": [20, 8, 0, 0, 0, 0, 28],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")  # fmt: skip


def page(rows: dict[str, str]) -> bytes:
    body = "".join(f"<tr>{rows[key]}</tr>\n" for key in ROWS)
    return f"""<html><head><meta charset="utf-8"></head><body>
<p>测试县司法局2024年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>本局依法做好政府信息公开工作。</p>
<p>二、主动公开政府信息情况</p>
<table border="1">
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>12</td><td>3</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">{HEADER}{body}</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>
<p>五、存在的主要问题及改进情况</p><p>无。</p>
<p>六、其他需要报告的事项</p><p>无。</p>
</body></html>""".encode()


def expected(rows: dict[str, list[int | None]]) -> dict[str, int | None]:
    return {
        f"3.{row}.{column}": value
        for row, values in rows.items()
        for column, value in zip(COLUMNS, values, strict=True)
    }


def table3_values(data: bytes) -> dict[str, float | None]:
    got = figure_values(parse_document(read_html(data)))
    return {k: v for k, v in got.items() if k.startswith("3.")}


def test_the_hand_made_table_reads_as_printed() -> None:
    assert table3_values(page(ROWS)) == expected(PRINTED)


def test_padding_is_marked_apart_from_blank_cells() -> None:
    rows = dict(ROWS, granted=ROWS["granted"].replace("<td>12</td>", "<td></td>", 1))
    rows["partially_granted"] = rows["partially_granted"].removesuffix("<td>13</td>")
    table = [b for b in read_html(page(rows)).blocks if isinstance(b, Table)][1]
    granted, partial = 5, 6
    assert table.rows[granted][3] == "" and (granted, 3) not in table.padded  # printed blank
    assert table.rows[partial][9] == "" and (partial, 9) in table.padded  # no cell at all
    assert {(r, c) for r, c in table.padded} == {(partial, 9)}


@pytest.mark.parametrize(
    ("shape", "row", "read"),
    [
        (  # one column narrower than the header, its first value printed blank: the
            # padding at the end is no 总计, and the row is read in order
            "<td>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>"
            "<td></td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>13</td>",
            "partially_granted",
            [None, 5, 0, 0, 0, 0, 13],
        ),
        (  # the same row with its first value printed: in order as well
            "<td>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>"
            "<td>8</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>13</td>",
            "partially_granted",
            [8, 5, 0, 0, 0, 0, 13],
        ),
        (  # a row under its header that stops before 总计: six values where printed
            '<td colspan="2">（一）予以公开</td>'
            "<td>12</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td>",
            "granted",
            [12, 3, 0, 0, 0, 0, None],
        ),
        (  # and with its first value printed blank
            '<td colspan="2">（一）予以公开</td>'
            "<td></td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td>",
            "granted",
            [None, 3, 0, 0, 0, 0, None],
        ),
    ],
    ids=["narrower-blank-first", "narrower", "short-at-the-end", "short-blank-first"],
)
def test_a_short_row_never_moves_or_loses_its_values(shape: str, row: str, read: list) -> None:
    if row == "granted":  # the group label's cell opens this row
        shape = '<td rowspan="3">三、本年度办理结果</td>' + shape
    got = table3_values(page(dict(ROWS, **{row: shape})))
    assert got == expected(dict(PRINTED, **{row: read}))


def test_table2_row_short_of_its_last_column() -> None:
    """行政规范性文件 prints 12 and 3 and stops: 现行有效件数 has no value, nothing moves."""
    got = figure_values(parse_document(read_html(page(ROWS))))
    assert {k: v for k, v in got.items() if k.startswith("2.")} == {
        "2.regulations.issued": 0,
        "2.regulations.repealed": 0,
        "2.regulations.in_force": 0,
        "2.normative_documents.issued": 12,
        "2.normative_documents.repealed": 3,
        "2.normative_documents.in_force": None,
    }


def _docx(narrower_blank_first: bool) -> bytes:
    """The same report as a Word file: the label over two grid columns, 总计 last; with
    `narrower_blank_first` the 部分公开 row's label takes one column, its first value is
    printed blank and the row ends a column early (gridAfter), as Word writes it."""
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in (
        "测试县司法局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "本局依法做好政府信息公开工作。",
        "二、主动公开政府信息情况",
    ):
        document.add_paragraph(line)
    t2 = document.add_table(rows=3, cols=4)
    for r, cells in enumerate(
        (("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "0", "0", "0"), ("行政规范性文件", "12", "3", "45"))
    ):  # fmt: skip
        for c, text in enumerate(cells):
            t2.cell(r, c).text = text
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    header = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    labels = {
        "received": "一、本年新收政府信息公开申请数量",
        "carried_over": "二、上年结转政府信息公开申请数量",
        "granted": "三、本年度办理结果（一）予以公开",
        "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "results_total": "（七）总计",
        "carried_forward": "四、结转下年度继续办理",
    }
    t3 = document.add_table(rows=1 + len(labels), cols=9)
    t3.cell(0, 0).merge(t3.cell(0, 1)).text = "申请人情况"
    for c, text in enumerate(header):
        t3.cell(0, 2 + c).text = text
    for r, (key, label) in enumerate(labels.items(), start=1):
        values = [str(v) for v in PRINTED[key]]
        if key == "partially_granted" and narrower_blank_first:
            t3.cell(r, 0).text = label
            for c, text in enumerate(["", *values[1:]]):
                t3.cell(r, 1 + c).text = text
            continue
        t3.cell(r, 0).merge(t3.cell(r, 1)).text = label
        for c, text in enumerate(values):
            t3.cell(r, 2 + c).text = text
    if narrower_blank_first:
        tr = t3.rows[list(labels).index("partially_granted") + 1]._tr
        tr.remove(tr.tc_lst[-1])
        after = OxmlElement("w:gridAfter")
        after.set(qn("w:val"), "1")
        tr.get_or_add_trPr().append(after)
    for line in (
        "四、政府信息公开行政复议、行政诉讼情况",
        "无。",
        "五、存在的主要问题及改进情况",
        "无。",
        "六、其他需要报告的事项",
        "无。",
    ):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("narrower", [False, True], ids=["as-made", "narrower-blank-first"])
def test_word_row_ending_early(narrower: bool) -> None:
    from index.readers.docx import read_docx

    doc = read_docx(_docx(narrower))
    table = [b for b in doc.blocks if isinstance(b, Table)][1]
    assert table.padded == ({(4, 8)} if narrower else set())
    got = {k: v for k, v in figure_values(parse_document(doc)).items() if k.startswith("3.")}
    read = [None, 5, 0, 0, 0, 0, 13] if narrower else PRINTED["partially_granted"]
    assert got == expected(dict(PRINTED, partially_granted=read))
