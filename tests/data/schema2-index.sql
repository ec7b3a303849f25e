BEGIN TRANSACTION;
CREATE TABLE "agencies" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT
);
INSERT INTO "agencies" VALUES(1,'洪泽县人民政府');
INSERT INTO "agencies" VALUES(2,'洪泽区人民政府');
INSERT INTO "agencies" VALUES(3,'淮安市洪泽区人民政府');
INSERT INTO "agencies" VALUES(4,'鼓楼区人民政府');
INSERT INTO "agencies" VALUES(5,'福州市鼓楼区人民政府');
INSERT INTO "agencies" VALUES(6,'平潭综合实验区');
INSERT INTO "agencies" VALUES(7,'平潭综合实验区管委会');
INSERT INTO "agencies" VALUES(8,'沭阳县人民政府');
INSERT INTO "agencies" VALUES(9,'沐阳县人民政府');
INSERT INTO "agencies" VALUES(10,'东海市西区司法局');
CREATE TABLE "checks" (
   "report_id" INTEGER REFERENCES "reports"("id"),
   "rule" TEXT,
   "status" TEXT,
   "detail" TEXT,
   "cells" TEXT
);
INSERT INTO "checks" VALUES(1,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(2,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(3,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(4,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(5,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(6,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(7,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(8,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(9,'t3.balance.total','not_assessable','','3.received.total');
INSERT INTO "checks" VALUES(10,'t3.balance.total','not_assessable','','3.received.total');
CREATE TABLE "figures" (
   "report_id" INTEGER REFERENCES "reports"("id"),
   "table_number" INTEGER,
   "row_key" TEXT,
   "column_key" TEXT,
   "value" REAL,
   "raw" TEXT,
   "note" TEXT,
   "label" TEXT,
   "page" INTEGER
);
INSERT INTO "figures" VALUES(1,3,'received','total',3.0,'3',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(2,3,'received','total',5.0,'5',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(3,3,'received','total',8.0,'8',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(4,3,'received','total',13.0,'13',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(5,3,'received','total',21.0,'21',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(6,3,'received','total',34.0,'34',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(7,3,'received','total',55.0,'55',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(8,3,'received','total',89.0,'89',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(9,3,'received','total',144.0,'144',NULL,'一、本年新收',NULL);
INSERT INTO "figures" VALUES(10,3,'received','total',233.0,'233',NULL,'一、本年新收',NULL);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
INSERT INTO "meta" VALUES('schema_version','2');
CREATE TABLE "reports" (
   "id" INTEGER PRIMARY KEY,
   "agency_id" INTEGER REFERENCES "agencies"("id"),
   "agency" TEXT,
   "year" INTEGER,
   "title" TEXT,
   "format" TEXT,
   "source_format" TEXT,
   "source_file" TEXT,
   "sha256" TEXT,
   "indexed_at" TEXT,
   "figure_count" INTEGER,
   "failed_checks" INTEGER,
   "warnings" TEXT
);
INSERT INTO "reports" VALUES(1,1,'洪泽县人民政府',2015,'洪泽县人民政府2015年政府信息公开工作年度报告','2021','text','r0.txt','0000000000000000000000000000000000000000000000000000000000000000','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(2,2,'洪泽区人民政府',2023,'洪泽区人民政府2023年政府信息公开工作年度报告','2021','text','r1.txt','0000000000000000000000000000000000000000000000000000000000000001','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(3,3,'淮安市洪泽区人民政府',2024,'淮安市洪泽区人民政府2024年政府信息公开工作年度报告','2021','text','r2.txt','0000000000000000000000000000000000000000000000000000000000000002','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(4,4,'鼓楼区人民政府',2024,'鼓楼区人民政府2024年政府信息公开工作年度报告','2021','text','r3.txt','0000000000000000000000000000000000000000000000000000000000000003','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(5,5,'福州市鼓楼区人民政府',2024,'福州市鼓楼区人民政府2024年政府信息公开工作年度报告','2021','text','r4.txt','0000000000000000000000000000000000000000000000000000000000000004','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(6,6,'平潭综合实验区',2022,'平潭综合实验区2022年政府信息公开工作年度报告','2021','text','r5.txt','0000000000000000000000000000000000000000000000000000000000000005','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(7,7,'平潭综合实验区管委会',2023,'平潭综合实验区管委会2023年政府信息公开工作年度报告','2021','text','r6.txt','0000000000000000000000000000000000000000000000000000000000000006','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(8,8,'沭阳县人民政府',2024,'沭阳县人民政府2024年政府信息公开工作年度报告','2021','text','r7.txt','0000000000000000000000000000000000000000000000000000000000000007','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(9,9,'沐阳县人民政府',2024,'沐阳县人民政府2024年政府信息公开工作年度报告','2021','text','r8.txt','0000000000000000000000000000000000000000000000000000000000000008','2026-12-03T23:53:22+00:00',1,0,'[]');
INSERT INTO "reports" VALUES(10,10,'东海市西区司法局',2024,'东海市西区司法局2024年政府信息公开工作年度报告','2021','text','r9.txt','0000000000000000000000000000000000000000000000000000000000000009','2026-12-03T23:53:22+00:00',1,0,'[]');
CREATE TABLE "sections" (
   "id" INTEGER PRIMARY KEY,
   "report_id" INTEGER REFERENCES "reports"("id"),
   "number" INTEGER,
   "subsection" INTEGER,
   "title" TEXT,
   "text" TEXT,
   "text_segmented" TEXT
);
INSERT INTO "sections" VALUES(1,1,1,NULL,'总体情况','洪泽县人民政府认真贯彻落实条例。','总体 情况 洪泽 洪泽县 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(2,2,1,NULL,'总体情况','洪泽区人民政府认真贯彻落实条例。','总体 情况 洪泽 区 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(3,3,1,NULL,'总体情况','淮安市洪泽区人民政府认真贯彻落实条例。','总体 情况 淮安 淮安市 洪泽 区 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(4,4,1,NULL,'总体情况','鼓楼区人民政府认真贯彻落实条例。','总体 情况 鼓楼 楼区 鼓楼区 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(5,5,1,NULL,'总体情况','福州市鼓楼区人民政府认真贯彻落实条例。','总体 情况 福州 州市 福州市 鼓楼 楼区 鼓楼区 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(6,6,1,NULL,'总体情况','平潭综合实验区认真贯彻落实条例。','总体 情况 平潭 综合 实验 实验区 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(7,7,1,NULL,'总体情况','平潭综合实验区管委会认真贯彻落实条例。','总体 情况 平潭 综合 实验 实验区 管委 委会 管委会 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(8,8,1,NULL,'总体情况','沭阳县人民政府认真贯彻落实条例。','总体 情况 沭阳 沭阳县 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(9,9,1,NULL,'总体情况','沐阳县人民政府认真贯彻落实条例。','总体 情况 沐阳 县 人民 民政 政府 人民政府 认真 贯彻 落实 贯彻落实 条例 。');
INSERT INTO "sections" VALUES(10,10,1,NULL,'总体情况','东海市西区司法局认真贯彻落实条例。','总体 情况 东海 市 西区 司法 司法局 认真 贯彻 落实 贯彻落实 条例 。');
CREATE UNIQUE INDEX "idx_agencies_name"
    ON "agencies" ("name");
CREATE UNIQUE INDEX "idx_reports_agency_id_year"
    ON "reports" ("agency_id", "year");
CREATE INDEX "idx_reports_sha256"
    ON "reports" ("sha256");
CREATE INDEX "idx_sections_report_id"
    ON "sections" ("report_id");
CREATE INDEX "idx_checks_report_id"
    ON "checks" ("report_id");
CREATE INDEX "idx_figures_report_id"
    ON "figures" ("report_id");
CREATE INDEX "idx_figures_table_number_row_key_column_key_report_id_value"
    ON "figures" ("table_number", "row_key", "column_key", "report_id", "value");
CREATE TRIGGER [sections_ai] after insert on [sections] begin insert into [sections_fts] (rowid, [title], [text_segmented]) values (new.rowid, new.[title], new.[text_segmented]); end;
CREATE TRIGGER [sections_ad] after delete on [sections] begin insert into [sections_fts] ([sections_fts], rowid, [title], [text_segmented]) values ('delete', old.rowid, old.[title], old.[text_segmented]); end;
CREATE TRIGGER [sections_au] after update on [sections] begin insert into [sections_fts] ([sections_fts], rowid, [title], [text_segmented]) values ('delete', old.rowid, old.[title], old.[text_segmented]); insert into [sections_fts] (rowid, [title], [text_segmented]) values (new.rowid, new.[title], new.[text_segmented]); end;
COMMIT;
