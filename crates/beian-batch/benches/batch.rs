//! `cargo bench -p beian-batch`: a whole batch file checked, CSV and XLSX,
//! 1,000 and 100,000 rows (two websites per subject, every row clean but
//! for the usual share of findings).
//!
//! Target (issue 9): 100,000 rows checked natively in ≤ 3 s.

use std::io::{Cursor, Write};

use beian_batch::{check, layout::COLUMNS, Options};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// A valid 18-digit resident ID, distinct for each `k` < 600,000.
fn id(k: usize) -> String {
    let body = format!(
        "110105{:04}{:02}10{:03}",
        1950 + (k / 12_000) % 50,
        1 + (k / 1000) % 12,
        k % 1000
    );
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(w)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

fn rows(n: usize) -> Vec<Vec<String>> {
    (0..n)
        .map(|i| {
            let subject = id(i / 2);
            let value = |key: &str| -> String {
                match key {
                    "subjectType" => "个人".into(),
                    "subjectName" => "张三".into(),
                    "subjectDocumentType" => "居民身份证".into(),
                    "subjectDocumentNumber"
                    | "subjectPersonDocumentNumber"
                    | "websitePersonDocumentNumber" => subject.clone(),
                    "province" | "serverLocation" => "110000".into(),
                    "county" => "110105".into(),
                    "address" => "北京市朝阳区某路1号".into(),
                    "subjectPersonName" | "websitePersonName" | "domainOwner" => "张三".into(),
                    "subjectPersonMobile" | "websitePersonMobile" => "13800138000".into(),
                    "subjectPersonEmail" | "websitePersonEmail" => "zs@example.com".into(),
                    "websiteName" => if i % 2 == 0 {
                        "张三的读书笔记"
                    } else {
                        "张三的旅行日记"
                    }
                    .into(),
                    "domains" => format!("site{i}.com"),
                    "homepage" => format!("https://www.site{i}.com/"),
                    "contentCategories" => "博客".into(),
                    "accessProvider" => "某某云计算有限公司".into(),
                    "accessMethod" => "cloud".into(),
                    "ips" => format!(
                        "203.{}.{}.{}",
                        100 + i / 65_536 % 100,
                        i / 256 % 256,
                        i % 256
                    ),
                    _ => String::new(),
                }
            };
            COLUMNS.iter().map(|c| value(c.key)).collect()
        })
        .collect()
}

fn csv_bytes(n: usize) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS.iter().map(|c| c.zh)).unwrap();
    for r in rows(n) {
        w.write_record(&r).unwrap();
    }
    w.into_inner().unwrap()
}

/// An XLSX as Excel writes it: shared strings, deflated.
fn xlsx_bytes(n: usize) -> Vec<u8> {
    let mut strings: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let header: Vec<String> = COLUMNS.iter().map(|c| c.zh.to_string()).collect();
    for (r, row) in std::iter::once(header).chain(rows(n)).enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let next = strings.len();
            let s = *index.entry(v.clone()).or_insert_with(|| {
                strings.push(v.clone());
                next
            });
            let col = beian_batch::layout::column_letter(c as u32);
            sheet.push_str(&format!(r#"<c r="{col}{}" t="s"><v>{s}</v></c>"#, r + 1));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">"#,
        strings.len()
    );
    for s in &strings {
        sst.push_str(&format!("<si><t>{s}</t></si>"));
    }
    sst.push_str("</sst>");
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="备案信息" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#)),
        ("xl/sharedStrings.xml", sst),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, o).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn run(bencher: Bencher, bytes: Vec<u8>, n: usize) {
    let options = Options::default();
    let report = check(&bytes, &options).unwrap();
    assert_eq!(report.rows, n);
    assert_eq!(report.errors, 0, "{:?}", report.findings.first());
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| check(black_box(&bytes), &options).unwrap().rows);
}

#[divan::bench(sample_count = 20)]
fn csv_1k(bencher: Bencher) {
    run(bencher, csv_bytes(1000), 1000);
}

#[divan::bench(sample_count = 20)]
fn xlsx_1k(bencher: Bencher) {
    run(bencher, xlsx_bytes(1000), 1000);
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn csv_100k(bencher: Bencher) {
    run(bencher, csv_bytes(100_000), 100_000);
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn xlsx_100k(bencher: Bencher) {
    run(bencher, xlsx_bytes(100_000), 100_000);
}

/// Reading and grouping only (no rules): the share of the parser.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn csv_100k_read_only(bencher: Bencher) {
    let bytes = csv_bytes(100_000);
    bencher.counter(ItemsCount::new(100_000usize)).bench(|| {
        beian_batch::Batch::read(black_box(&bytes), &Options::default())
            .unwrap()
            .rows()
    });
}

/// Reading and grouping only (no rules).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn xlsx_100k_read_only(bencher: Bencher) {
    let bytes = xlsx_bytes(100_000);
    bencher.counter(ItemsCount::new(100_000usize)).bench(|| {
        beian_batch::Batch::read(black_box(&bytes), &Options::default())
            .unwrap()
            .rows()
    });
}
