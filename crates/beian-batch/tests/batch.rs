//! Whole files through `beian_batch::check`: correct rows, findings on
//! their cells, conflicts inside the file, encodings, and garbage.

use std::io::{Cursor, Write};

use beian_batch::{check, layout::COLUMNS, BatchError, Encoding, Options, Report};
use beian_rules::Date;
use proptest::prelude::*;

/// A correct individual's website row, by column key.
fn good_row() -> Vec<(&'static str, &'static str)> {
    vec![
        ("subjectType", "个人"),
        ("subjectName", "张三"),
        ("subjectDocumentType", "居民身份证"),
        ("subjectDocumentNumber", "11010519491231002X"),
        ("province", "110000"),
        ("county", "110105"),
        ("address", "北京市朝阳区某路1号"),
        ("subjectPersonName", "张三"),
        ("subjectPersonDocumentNumber", "11010519491231002X"),
        ("subjectPersonMobile", "13800138000"),
        ("subjectPersonEmail", "zs@example.com"),
        ("websiteName", "张三的读书笔记"),
        ("domains", "example.com; 例子.中国"),
        ("homepage", "https://www.example.com/"),
        ("contentCategories", "博客"),
        ("domainOwner", "张三"),
        ("websitePersonName", "张三"),
        ("websitePersonDocumentNumber", "11010519491231002X"),
        ("websitePersonMobile", "13800138000"),
        ("websitePersonEmail", "zs@example.com"),
        ("accessProvider", "某某云计算有限公司"),
        ("accessMethod", "cloud"),
        ("serverLocation", "110000"),
        ("ips", "203.119.80.1"),
    ]
}

fn row_with(changes: &[(&str, &str)]) -> Vec<String> {
    let mut values: Vec<String> = COLUMNS
        .iter()
        .map(|c| {
            good_row()
                .iter()
                .find(|(k, _)| *k == c.key)
                .map_or(String::new(), |(_, v)| v.to_string())
        })
        .collect();
    for (k, v) in changes {
        let i = COLUMNS.iter().position(|c| c.key == *k).unwrap();
        values[i] = v.to_string();
    }
    values
}

fn csv_of(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS.iter().map(|c| c.zh)).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn opts() -> Options {
    Options {
        today: Date::new(2026, 11, 25),
        ..Options::default()
    }
}

fn rules(report: &Report) -> Vec<(Option<u32>, Option<&str>, &str)> {
    report
        .findings
        .iter()
        .map(|f| (f.row, f.column.as_deref(), f.finding.rule.as_str()))
        .collect()
}

/// A minimal XLSX: one sheet `name` with `cells` (ref, xml of <c>'s inside)
/// and extra worksheet XML after sheetData (mergeCells).
fn xlsx(sheets: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>"#
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, data, extra)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        zip.start_file(format!("xl/worksheets/sheet{n}.xml"), o)
            .unwrap();
        zip.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{data}</sheetData>{extra}</worksheet>"#).as_bytes()).unwrap();
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    for (name, text) in [
        ("[Content_Types].xml", types),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        ("xl/workbook.xml", book),
        ("xl/_rels/workbook.xml.rels", rels),
    ] {
        zip.start_file(name, o).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn xml_rows(rows: &[Vec<String>]) -> String {
    let mut s = String::new();
    for (r, row) in rows.iter().enumerate() {
        s.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                let col = beian_batch::layout::column_letter(c as u32);
                s.push_str(&format!(
                    r#"<c r="{col}{}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                    r + 1
                ));
            }
        }
        s.push_str("</row>");
    }
    s
}

fn sheet_rows(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut all = vec![COLUMNS.iter().map(|c| c.zh.to_string()).collect::<Vec<_>>()];
    all.extend(rows.iter().cloned());
    all
}

#[test]
fn a_correct_row_has_no_findings_in_csv_and_xlsx() {
    let rows = [row_with(&[])];
    let report = check(csv_of(&rows).as_bytes(), &opts()).unwrap();
    assert_eq!(rules(&report), vec![]);
    assert_eq!((report.rows, report.rows_ok, report.subjects), (1, 1, 1));
    let bytes = xlsx(&[("备案信息", &xml_rows(&sheet_rows(&rows)), "")]);
    let report = check(&bytes, &opts()).unwrap();
    assert_eq!(rules(&report), vec![]);
    assert_eq!(
        (report.format.as_str(), report.sheet.as_deref()),
        ("xlsx", Some("备案信息"))
    );
}

#[test]
fn findings_are_on_their_cells() {
    let other = [
        ("subjectName", "李四"),
        ("subjectDocumentNumber", "110101199003070011"),
        ("subjectPersonName", "李四"),
        ("subjectPersonDocumentNumber", "110101199003070011"),
        ("websiteName", "李四的摄影日记"),
        ("domains", "example.cn"),
        ("homepage", "www.example.cn"),
        ("domainOwner", "李四"),
        ("websitePersonName", "李四"),
        ("websitePersonDocumentNumber", "110101199003070011"),
        ("ips", "203.119.80.2"),
    ];
    let rows = [
        row_with(&other),
        row_with(&[
            ("subjectDocumentNumber", "11010519491231002x"),
            ("domains", "www.example.com.cn"),
            ("homepage", "http://www.other.cn"),
        ]),
        // The same subject (case aside), spelt differently: a conflict.
        row_with(&[
            ("domains", "example.net"),
            ("homepage", "www.example.net"),
            ("ips", "203.119.80.3"),
        ]),
    ];
    let report = check(csv_of(&rows).as_bytes(), &opts()).unwrap();
    let col = |key| {
        beian_batch::layout::column_letter(COLUMNS.iter().position(|c| c.key == key).unwrap() as u32)
    };
    let f = |code: &str| {
        report
            .findings
            .iter()
            .find(|f| f.finding.code.as_deref() == Some(code))
            .unwrap()
    };
    assert_eq!(
        (f("1015").row, f("1015").column.clone()),
        (Some(3), Some(col("subjectDocumentNumber")))
    );
    assert_eq!(
        f("1015").finding.suggestion.as_deref(),
        Some("11010519491231002X")
    );
    assert_eq!(
        (f("1004").row, f("1004").column.clone()),
        (Some(3), Some(col("domains"))),
        "{:?}",
        rules(&report)
    );
    assert_eq!(f("1004").field.as_deref(), Some("domains"));
    assert_eq!(
        (f("1041").row, f("1041").column.clone()),
        (Some(3), Some(col("homepage")))
    );
    let conflict = report
        .findings
        .iter()
        .find(|f| f.finding.rule == "batch.subject_conflict")
        .unwrap();
    assert_eq!(
        (conflict.row, conflict.column.as_deref()),
        (Some(4), Some("D"))
    );
    assert_eq!(report.subjects, 2);
    // Row 2 (李四) has a domain owner and responsible persons named 张三: fine.
    assert_eq!(
        (report.rows_ok, report.rows_with_errors),
        (1, 2),
        "a subject's error is every row's: {:?}",
        rules(&report)
    );
    assert!(report.by_code["1015"] >= 1);
}

#[test]
fn conflicts_inside_the_file() {
    let other = [
        ("subjectName", "李四"),
        ("subjectDocumentNumber", "110101199003070011"),
        ("subjectPersonName", "李四"),
        ("subjectPersonDocumentNumber", "110101199003070011"),
        ("websiteName", "李四的摄影日记"),
        ("domains", "example.cn"),
        ("homepage", "www.example.cn"),
        ("domainOwner", "李四"),
        ("websitePersonName", "李四"),
        ("websitePersonDocumentNumber", "110101199003070011"),
        ("ips", "203.119.80.2"),
    ];
    let rows = [
        // row 2: subject A, example.com
        row_with(&[]),
        // row 3: subject B
        row_with(&other),
        // row 4: subject A again (split), another name (1003), a second site
        row_with(&[
            ("subjectName", "张叁"),
            ("domains", "example.net"),
            ("homepage", "www.example.net"),
            ("ips", "203.119.80.3"),
        ]),
        // row 5: subject B lists A's domain (1005)
        row_with(
            &[
                &other[..],
                &[
                    ("domains", "example.cn; EXAMPLE.com"),
                    ("ips", "203.119.80.4"),
                ],
            ]
            .concat(),
        ),
        // row 6: subject A lists example.com twice (1039 inside its filing)
        row_with(&[("domains", "example.com"), ("ips", "203.119.80.5")]),
    ];
    let report = check(csv_of(&rows).as_bytes(), &opts()).unwrap();
    let r = rules(&report);
    let name = beian_batch::layout::column_letter(1);
    assert!(
        r.contains(&(Some(4), Some(&*name), "batch.subject_conflict")),
        "{r:?}"
    );
    assert!(
        r.contains(&(Some(4), Some("D"), "batch.subject_split")),
        "{r:?}"
    );
    let domains = beian_batch::layout::column_letter(
        COLUMNS.iter().position(|c| c.key == "domains").unwrap() as u32,
    );
    assert!(
        r.contains(&(Some(5), Some(&*domains), "batch.domain_conflict")),
        "{r:?}"
    );
    assert!(
        r.contains(&(Some(6), Some(&*domains), "filing.duplicate_domain")),
        "{r:?}"
    );
    assert_eq!(report.subjects, 2);
    assert_eq!(report.by_code.get("1005"), Some(&1), "{r:?}");
    // Subject B lists example.cn on rows 3 and 5: one filing, so 1039
    // (rules), not 1005; and subject A's example.com on rows 2 and 6.
    assert_eq!(report.by_code.get("1039"), Some(&2));
    // The earlier place a 1039 names is a cell of the sheet, not a JSON path.
    let dup = report
        .findings
        .iter()
        .find(|f| f.row == Some(6) && f.finding.rule == "filing.duplicate_domain")
        .unwrap();
    assert!(
        dup.finding
            .message
            .en
            .contains(&format!("(row 2, column {domains})")),
        "{}",
        dup.finding.message.en
    );
    assert!(
        dup.finding
            .message
            .zh_cn
            .contains(&format!("（第 2 行 {domains} 列）")),
        "{}",
        dup.finding.message.zh_cn
    );
}

#[test]
fn gbk_and_bom_and_tabs() {
    let text = csv_of(&[row_with(&[])]);
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let report = check(&gbk, &opts()).unwrap();
    assert_eq!(
        (report.encoding.as_deref(), report.errors),
        (Some("gb18030"), 0)
    );
    let explicit = Options {
        encoding: Encoding::Gbk,
        ..opts()
    };
    assert_eq!(check(&gbk, &explicit).unwrap().errors, 0);
    let utf8 = Options {
        encoding: Encoding::Utf8,
        ..opts()
    };
    assert!(matches!(
        check(&gbk, &utf8),
        Err(BatchError::Encoding { .. })
    ));
    let bom = format!("\u{feff}{text}");
    assert_eq!(check(bom.as_bytes(), &opts()).unwrap().errors, 0);
    let tabs = text.replace(',', "\t");
    assert_eq!(check(tabs.as_bytes(), &opts()).unwrap().errors, 0);
}

#[test]
fn empty_rows_titles_unknown_columns_and_missing_ones() {
    let mut text = String::from("某某公司批量备案表\n\n");
    text.push_str(&csv_of(&[row_with(&[])]).replacen('\n', ",备注\n", 1));
    text.push_str(",,,,\n\n");
    let report = check(text.as_bytes(), &opts()).unwrap();
    assert_eq!(report.header_row, 3);
    assert_eq!(report.rows, 1);
    assert_eq!(
        rules(&report),
        vec![(Some(3), Some("AJ"), "batch.unknown_column")]
    );
    // Only two columns: every missing required one is named once.
    let report = check(
        "网站域名,网站首页URL\nexample.com,www.example.com\n".as_bytes(),
        &opts(),
    )
    .unwrap();
    let missing = report
        .findings
        .iter()
        .filter(|f| f.finding.rule == "batch.missing_column")
        .count();
    assert_eq!(missing, COLUMNS.iter().filter(|c| c.required).count() - 2);
    assert!(report
        .findings
        .iter()
        .any(|f| f.finding.rule == "batch.value_required" && f.row == Some(2)));
}

#[test]
fn unknown_values_are_findings() {
    let rows = [row_with(&[
        ("subjectType", "公司"),
        ("contentCategories", "博客;游戏"),
        ("bulletinBoard", "也许"),
    ])];
    let report = check(csv_of(&rows).as_bytes(), &opts()).unwrap();
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.finding.rule == "batch.unknown_value")
        .map(|f| f.field.as_deref().unwrap())
        .collect();
    assert_eq!(bad, ["subjectType", "contentCategories", "bulletinBoard"]);
}

#[test]
fn xlsx_formulas_merged_cells_numbers_and_errors() {
    let header = sheet_rows(&[])[0].clone();
    let mut data = xml_rows(&[header]);
    let row = |r: usize, first: &str| {
        let mut v = row_with(&[(
            "websiteName",
            if r == 2 {
                "张三的读书笔记"
            } else {
                "张三的旅行日记"
            },
        )]);
        v[0] = first.to_string();
        if r == 3 {
            let d = COLUMNS.iter().position(|c| c.key == "domains").unwrap();
            v[d] = "example.net".into();
            let h = COLUMNS.iter().position(|c| c.key == "homepage").unwrap();
            v[h] = "www.example.net".into();
            let ip = COLUMNS.iter().position(|c| c.key == "ips").unwrap();
            v[ip] = "203.119.80.9".into();
        }
        let mut s = xml_rows(&[v]);
        s = s.replacen("r=\"1\"", &format!("r=\"{r}\""), 1);
        s.replace("1\" t=", &format!("{r}\" t="))
    };
    data.push_str(&row(2, "个人"));
    data.push_str(&row(3, ""));
    // Row 4: a number that lost digits, a formula and an error cell.
    data.push_str(r#"<row r="4"><c r="D4"><v>1.10105194912310E+17</v></c><c r="E4" t="str"><f>"11"&amp;"0000"</f><v>110000</v></c><c r="F4" t="e"><v>#N/A</v></c></row>"#);
    let merged = r#"<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>"#;
    let bytes = xlsx(&[("说明", "", ""), ("备案信息", &data, merged)]);
    let report = check(&bytes, &opts()).unwrap();
    let r = rules(&report);
    assert!(
        r.contains(&(Some(2), Some("A"), "batch.merged_cells")),
        "{r:?}"
    );
    // Row 3 got 个人 from the merge: no "subject type required".
    assert!(
        !r.iter()
            .any(|(row, _, rule)| *row == Some(3) && *rule == "batch.value_required"),
        "{r:?}"
    );
    assert!(
        r.contains(&(Some(4), Some("D"), "batch.lost_digits")),
        "{r:?}"
    );
    assert!(r.contains(&(Some(4), Some("E"), "batch.formula")), "{r:?}");
    assert!(
        r.contains(&(Some(4), Some("F"), "batch.cell_error")),
        "{r:?}"
    );
}

#[test]
fn sheet_names() {
    let data = xml_rows(&sheet_rows(&[row_with(&[])]));
    // One data sheet of another name: read, with a warning.
    let report = check(&xlsx(&[("Sheet1", &data, "")]), &opts()).unwrap();
    assert_eq!(rules(&report), vec![(None, None, "batch.sheet_name")]);
    // Two candidate sheets, none named: an error naming them.
    let e = check(
        &xlsx(&[("Sheet1", &data, ""), ("Sheet2", &data, "")]),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        BatchError::NoSheet {
            found: vec!["Sheet1".into(), "Sheet2".into()]
        }
    );
    assert!(e.message().zh_cn.contains("Sheet1、Sheet2"));
    // Both template names (001 ISP 1.3): ambiguous.
    let e = check(
        &xlsx(&[("备案信息", &data, ""), ("filings", &data, "")]),
        &opts(),
    )
    .unwrap_err();
    assert!(matches!(e, BatchError::AmbiguousSheet { .. }));
    // A data sheet without a header.
    let e = check(
        &xlsx(&[(
            "备案信息",
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#,
            "",
        )]),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(e, BatchError::NoHeader);
    // A sparse sheet with a cell at the very end is no problem.
    let far = format!(
        "{data}<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
    );
    assert_eq!(
        check(&xlsx(&[("备案信息", &far, "")]), &opts())
            .unwrap()
            .rows,
        1
    );
}

#[test]
fn limits_and_garbage() {
    let small = Options {
        max_bytes: 100,
        ..opts()
    };
    assert!(matches!(
        check(&[b'a'; 101], &small),
        Err(BatchError::TooLarge {
            size: 101,
            limit: 100
        })
    ));
    let big = vec![b' '; beian_batch::DEFAULT_MAX_BYTES + 1];
    assert!(matches!(
        check(&big, &opts()),
        Err(BatchError::TooLarge { .. })
    ));
    let few = Options {
        max_rows: 2,
        ..opts()
    };
    let text = csv_of(&[row_with(&[]), row_with(&[]), row_with(&[])]);
    assert_eq!(
        check(text.as_bytes(), &few).unwrap_err(),
        BatchError::TooManyRows { limit: 2 }
    );
    assert_eq!(check(b"", &opts()).unwrap_err(), BatchError::Empty);
    assert_eq!(
        check(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", &opts()).unwrap_err(),
        BatchError::OldExcel
    );
    assert!(matches!(
        check(b"PK\x03\x04garbage", &opts()),
        Err(BatchError::Corrupt { .. })
    ));
    // Truncated templates and files: an error or a report, never a panic.
    let xlsx_bytes = xlsx(&[("备案信息", &xml_rows(&sheet_rows(&[row_with(&[])])), "")]);
    for bytes in [
        beian_batch::template(beian_batch::TemplateFormat::Xlsx),
        xlsx_bytes,
    ] {
        for cut in (0..bytes.len()).step_by(7) {
            let _ = check(&bytes[..cut], &opts());
        }
        // Flipped bytes too.
        for i in (0..bytes.len()).step_by(13) {
            let mut b = bytes.clone();
            b[i] ^= 0x5A;
            let _ = check(&b, &opts());
        }
    }
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    // 40 MB declared: more than 1,000 rows need (8.3 MB), refused unread.
    let limit = Options {
        max_bytes: 1 << 20,
        max_rows: 1000,
        ..opts()
    };
    assert!(bytes.len() < 1 << 20);
    assert!(matches!(
        check(&bytes, &limit),
        Err(BatchError::TooLargeUnpacked { limit: 8_331_264 })
    ));
    // Within the limit of 100,000 rows, the white space is refused as a
    // run no cell can hold.
    assert!(matches!(
        check(&bytes, &opts()),
        Err(BatchError::OversizedText { .. })
    ));
}

/// A zip whose directory says its parts are small while they unpack to
/// more: the real size counts (the declared one passes the first check).
#[test]
fn a_zip_bomb_that_lies_about_its_size_is_refused() {
    let template = beian_batch::template(beian_batch::TemplateFormat::Xlsx);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    let row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(1000);
    for _ in 0..200 {
        zip.write_all(row.as_bytes()).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    // The central directory's uncompressed size (offset 24 in the entry).
    let cd = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd + 24..cd + 28].copy_from_slice(&100u32.to_le_bytes());
    let limit = Options {
        max_rows: 100,
        ..opts()
    };
    assert!(bytes.len() < beian_batch::unpacked_limit(&limit));
    let err = check(&bytes, &limit).unwrap_err();
    assert!(
        matches!(
            err,
            BatchError::TooLargeUnpacked { .. } | BatchError::Corrupt { .. }
        ),
        "{err:?}"
    );
    assert!(check(&template, &limit).is_ok());
}

/// One cell of 10 MB (or as much white space): refused when read, before
/// the reader buffers it.
#[test]
fn a_text_longer_than_a_cell_can_hold_is_refused() {
    for filler in ["a", " "] {
        let sheet = format!(
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>网站名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>网站域名</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
            filler.repeat(10 << 20)
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", o).unwrap();
        zip.write_all(sheet.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(matches!(
            check(&bytes, &opts()),
            Err(BatchError::OversizedText { ref part }) if part == "xl/worksheets/sheet1.xml"
        ));
        assert!(BatchError::OversizedText { part: "p".into() }
            .message()
            .en
            .contains("32,767"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = check(&bytes, &opts());
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = check(&zipped, &opts());
        let _ = beian_batch::check_json(&bytes, &opts());
    }

    #[test]
    fn random_cells_never_panic(cells in proptest::collection::vec(proptest::collection::vec("[ -~，；中x0-9\\t\"=]{0,12}", 0..40), 0..20)) {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(COLUMNS.iter().map(|c| c.zh)).unwrap();
        for r in &cells {
            w.write_record(r).unwrap();
        }
        let text = w.into_inner().unwrap();
        let report = check(&text, &opts()).unwrap();
        prop_assert!(report.rows_ok + report.rows_with_errors == report.rows);
        let data = xml_rows(&sheet_rows(&cells.iter().map(|r| r.iter().map(|c| c.replace(['<', '&', '>'], "")).collect()).collect::<Vec<_>>()));
        let _ = check(&xlsx(&[("备案信息", &data, "")]), &opts());
    }
}

/// Sorted JSON lines of findings, for comparing lists whatever their order.
fn lines(findings: &[beian_batch::CellFinding]) -> Vec<String> {
    let mut out: Vec<String> = findings
        .iter()
        .map(|f| serde_json::to_string(f).unwrap())
        .collect();
    out.sort();
    out
}

/// Rows with one value each (a website name): every row its own subject,
/// about 20 findings each (issue 16's near-empty rows), plus conflicts and
/// a correct row.
fn near_empty(n: usize) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            COLUMNS
                .iter()
                .map(|c| {
                    if c.key == "websiteName" {
                        format!("网站{i}")
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    rows.push(row_with(&[]));
    rows.push(row_with(&[("subjectName", "李四")]));
    csv_of(&rows).into_bytes()
}

/// `check_each` hands over exactly the findings and counts of `check`,
/// keeping none.
#[test]
fn check_each_streams_the_findings_of_check() {
    let bytes = near_empty(40);
    let report = check(&bytes, &opts()).unwrap();
    let batch = beian_batch::Batch::read(&bytes, &opts()).unwrap();
    let mut streamed = Vec::new();
    let counts = batch.check_each(|f| streamed.push(f));
    assert!(counts.findings.is_empty());
    assert_eq!(
        Report {
            findings: report.findings.clone(),
            ..counts
        },
        report
    );
    assert_eq!(lines(&streamed), lines(&report.findings));
    // The conflict (a file finding) comes right after the rows before it.
    let conflict = streamed
        .iter()
        .position(|f| f.finding.rule == "batch.subject_conflict")
        .unwrap();
    assert!(streamed[..conflict]
        .iter()
        .all(|f| f.row <= streamed[conflict].row));
    // JSON filings too.
    let json = br#"[{"subject": {"documentNumber": "11010519491231002x"}}, 5, {}]"#;
    let whole = beian_batch::check_json(json, &opts()).unwrap();
    let mut streamed = Vec::new();
    let counts = beian_batch::check_json_each(json, &opts(), |f| streamed.push(f)).unwrap();
    assert_eq!(streamed, whole.findings);
    assert_eq!(
        Report {
            findings: whole.findings.clone(),
            ..counts
        },
        whole
    );
    // A broken JSON file gives nothing to the sink.
    let mut any = false;
    assert!(beian_batch::check_json_each(b"[{}, {", &opts(), |_| any = true).is_err());
    assert!(!any);
}

/// At most N findings of a kind (rule and column) are listed, the rest
/// summarised in one line each; the counts are those of the whole list.
#[test]
fn findings_beyond_the_cap_of_a_kind_are_summarised() {
    let bytes = near_empty(300);
    let all = check(&bytes, &opts()).unwrap();
    let capped_opts = Options {
        max_findings_per_kind: Some(5),
        ..opts()
    };
    let capped = check(&bytes, &capped_opts).unwrap();
    assert_eq!(
        (
            capped.errors,
            capped.warnings,
            &capped.by_code,
            capped.rows_with_errors
        ),
        (all.errors, all.warnings, &all.by_code, all.rows_with_errors)
    );
    let more: Vec<_> = capped
        .findings
        .iter()
        .filter(|f| f.finding.rule == beian_batch::MORE_FINDINGS)
        .collect();
    assert!(!more.is_empty());
    let mut per_kind = std::collections::HashMap::new();
    for f in capped
        .findings
        .iter()
        .filter(|f| f.finding.rule != beian_batch::MORE_FINDINGS)
    {
        *per_kind
            .entry((f.finding.rule.clone(), f.column.clone()))
            .or_insert(0) += 1;
    }
    assert!(per_kind.values().all(|n| *n <= 5), "{per_kind:?}");
    // Listed plus summarised is every finding.
    let summarised: usize = more
        .iter()
        .map(|f| {
            let en = &f.finding.message.en;
            let n = en["And ".len()..en.find(" more").unwrap()].replace(',', "");
            n.parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(
        capped.findings.len() - more.len() + summarised,
        all.findings.len()
    );
    // 300 subjects without a document number: 5 listed, 295 summarised.
    let doc = more
        .iter()
        .find(|f| f.column.as_deref() == Some("D"))
        .unwrap();
    assert_eq!(
        (
            doc.row,
            doc.field.as_deref(),
            doc.finding.severity,
            doc.finding.code.as_deref()
        ),
        (
            None,
            Some("subjectDocumentNumber"),
            beian_rules::Severity::Error,
            Some("5001")
        )
    );
    assert!(
        doc.finding
            .message
            .en
            .starts_with("And 295 more findings like this (resident_id.required, column D)"),
        "{}",
        doc.finding.message.en
    );
    // Streaming gives the same list.
    let batch = beian_batch::Batch::read(&bytes, &capped_opts).unwrap();
    let mut streamed = Vec::new();
    batch.check_each(|f| streamed.push(f));
    assert_eq!(lines(&streamed), lines(&capped.findings));
}
