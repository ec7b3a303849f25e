"""What earlier gongkai schemas left in an index, as SQL that turns an index of this
schema back into theirs: for the migration tests, and for the benchmarks that measure
the store before beside the store now."""

from __future__ import annotations

# Schema 5: `figure_values` keyed by the cell's three text columns, no `cells`, and the
# triggers that kept it (schema 6 numbers the cells)
SCHEMA5_VALUES = """
drop trigger figures_ad;
drop trigger figures_au;
drop table figure_values;
drop table cells;
create table figure_values (
    table_number integer not null, row_key text not null, column_key text not null,
    report_id integer not null, figure_id integer not null, value float,
    primary key (table_number, row_key, column_key, report_id, figure_id)
) without rowid;
insert into figure_values select table_number, row_key, column_key, report_id, rowid, value
    from figures order by table_number, row_key, column_key, report_id, rowid;
create trigger figures_ad after delete on figures begin
    delete from figure_values where table_number = old.table_number
    and row_key = old.row_key and column_key = old.column_key
    and report_id = old.report_id and figure_id = old.rowid;
end;
create trigger figures_au after update of table_number, row_key, column_key, report_id, value
    on figures begin
    delete from figure_values where table_number = old.table_number
    and row_key = old.row_key and column_key = old.column_key
    and report_id = old.report_id and figure_id = old.rowid;
    insert into figure_values (table_number, row_key, column_key, report_id, figure_id, value)
    values (new.table_number, new.row_key, new.column_key, new.report_id, new.rowid, new.value);
end;
"""
