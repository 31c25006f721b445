//! Uploaded files (issue 17) on arbitrary bytes: no panic, the scan is
//! given exactly when no finding is an error, and an image's size is the
//! one its header parser reads.
#![no_main]

use beian_rules::upload::{self, FileType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &[u8])| {
    let (name, bytes) = input;
    let (scan, findings) = upload::check(name, bytes, "/p");
    assert_eq!(scan.is_some(), !findings.iter().any(|f| f.is_error()));
    let _ = upload::jpeg_size(bytes);
    let _ = upload::png_size(bytes);
    if let Some(scan) = scan {
        assert_eq!(Some(scan.file_type), upload::sniff(bytes));
        match scan.file_type {
            FileType::Png => assert_eq!(scan.size, upload::png_size(bytes)),
            FileType::Jpeg => assert_eq!(scan.size, upload::jpeg_size(bytes)),
            FileType::Pdf => assert_eq!(scan.size, None),
        }
    }
});
