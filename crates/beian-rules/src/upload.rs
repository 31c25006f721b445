//! Scans uploaded for a filing's documents (issue 17): the certificates,
//! the verification form, the security agreement, the photo (004 3: each
//! is a scan of the original, uploaded to the provider's system).
//!
//! A file is taken for what its content is, never for its name: JPEG
//! (`FF D8 FF`), PNG (its 8-byte signature) or PDF (`%PDF-`). An image's
//! size in pixels is read from its header (PNG's `IHDR`, JPEG's first
//! start-of-frame marker); nothing is decoded. The browser runs these
//! checks before uploading, and the server again before it stores the file.
//!
//! The seeds give no format or size limits of the MIIT system: the limits
//! here are the server's own ([`MAX_BYTES`], [`MAX_SIDE`]), said as such,
//! and an image that may be too small to read is a warning, never an error.
//!
//! ```
//! use beian_rules::upload::{check, FileType};
//! let png = beian_rules::upload::tests_png(1200, 800);
//! let (scan, findings) = check("营业执照.png", &png, "/documents/0");
//! let scan = scan.unwrap();
//! assert_eq!(scan.file_type, FileType::Png);
//! assert_eq!(scan.size, Some((1200, 800)));
//! assert!(findings.is_empty());
//! // A PNG named .pdf is a PNG: stored as one, with a warning.
//! let (scan, findings) = check("agreement.pdf", &png, "/documents/0");
//! assert_eq!(scan.unwrap().file_type, FileType::Png);
//! assert_eq!(findings[0].rule, "upload.name_mismatch");
//! ```

use crate::finding::{Finding, Message, RuleError, Severity};

/// The largest file accepted, in bytes (the server's limit: 10 MiB).
pub const MAX_BYTES: usize = 10 << 20;

/// The longest side of an image accepted, in pixels (the server's limit:
/// larger images are no scans, and cost memory to show).
pub const MAX_SIDE: u32 = 12_000;

/// An image's shorter side below this many pixels may be unreadable.
pub const MIN_READABLE_SIDE: u32 = 600;

/// What a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    /// A JPEG image.
    Jpeg,
    /// A PNG image.
    Png,
    /// A PDF document.
    Pdf,
}

impl FileType {
    /// Every type taken.
    pub const ALL: [FileType; 3] = [FileType::Jpeg, FileType::Png, FileType::Pdf];

    /// The type of a media type [`FileType::mime`] wrote.
    ///
    /// ```
    /// use beian_rules::upload::FileType;
    /// assert_eq!(FileType::of_mime("image/png"), Some(FileType::Png));
    /// assert_eq!(FileType::of_mime("image/gif"), None);
    /// ```
    pub fn of_mime(mime: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.mime() == mime)
    }

    /// Its media type: `image/jpeg`, `image/png`, `application/pdf`.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Pdf => "application/pdf",
        }
    }

    /// Its usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
            FileType::Pdf => "pdf",
        }
    }

    /// The type a file name's extension claims (`.jpg`, `.JPEG`, `.png`,
    /// `.pdf`), if any of these.
    pub fn of_name(name: &str) -> Option<FileType> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(FileType::Jpeg),
            "png" => Some(FileType::Png),
            "pdf" => Some(FileType::Pdf),
            _ => None,
        }
    }
}

/// A file that may be uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// What it is.
    pub file_type: FileType,
    /// Its size in bytes.
    pub bytes: usize,
    /// An image's width and height in pixels (none for a PDF).
    pub size: Option<(u32, u32)>,
}

/// Why a file is not taken, or what to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// Nothing in it.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// Neither JPEG, PNG nor PDF by its content.
    NotAScan,
    /// A JPEG or PNG whose header does not give its size: cut short or
    /// damaged.
    Unreadable(FileType),
    /// An image with a side longer than [`MAX_SIDE`].
    TooManyPixels(u32, u32),
    /// An image whose shorter side is below [`MIN_READABLE_SIDE`] (a warning).
    Small(u32, u32),
    /// The name claims another type than the content (a warning): the
    /// content's is kept.
    NameMismatch {
        /// What the name says.
        named: FileType,
        /// What it is.
        is: FileType,
    },
    /// A PDF without its end marker (`%%EOF`): probably cut short (a warning).
    PdfTruncated,
}

impl RuleError for UploadError {
    fn rule(&self) -> &'static str {
        match self {
            UploadError::Empty => "upload.empty",
            UploadError::TooLarge(_) => "upload.too_large",
            UploadError::NotAScan => "upload.type",
            UploadError::Unreadable(_) => "upload.unreadable",
            UploadError::TooManyPixels(..) => "upload.too_many_pixels",
            UploadError::Small(..) => "upload.small_image",
            UploadError::NameMismatch { .. } => "upload.name_mismatch",
            UploadError::PdfTruncated => "upload.pdf_truncated",
        }
    }

    fn code(&self) -> Option<&'static str> {
        None
    }

    fn severity(&self) -> Severity {
        match self {
            UploadError::Small(..)
            | UploadError::NameMismatch { .. }
            | UploadError::PdfTruncated => Severity::Warning,
            _ => Severity::Error,
        }
    }

    fn message(&self) -> Message {
        let name = |t: FileType| match t {
            FileType::Jpeg => "JPG",
            FileType::Png => "PNG",
            FileType::Pdf => "PDF",
        };
        // One decimal, in integers (no float formatting in the wasm).
        let mib = |b: usize| {
            let tenths = b.saturating_mul(10) / (1 << 20);
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        match self {
            UploadError::Empty => Message::new("文件是空的，请重新选择。", "The file is empty: choose it again."),
            UploadError::TooLarge(b) => Message::new(
                format!(
                    "文件有 {} MB，本系统最多接收 {} MB；请压缩图片或降低扫描分辨率后再上传。",
                    mib(*b),
                    MAX_BYTES >> 20
                ),
                format!(
                    "The file is {} MB; this system takes at most {} MB. Compress the image or scan at a lower resolution.",
                    mib(*b),
                    MAX_BYTES >> 20
                ),
            ),
            UploadError::NotAScan => Message::new(
                "请上传 JPG、PNG 图片或 PDF 文件（按文件内容判断，与文件名无关）。",
                "Upload a JPG or PNG image or a PDF (judged by the file's content, not its name).",
            ),
            UploadError::Unreadable(t) => Message::new(
                format!("这个 {} 文件已损坏或不完整，读不出图片尺寸；请重新扫描或导出。", name(*t)),
                format!("This {} file is damaged or cut short: its size cannot be read. Scan or export it again.", name(*t)),
            ),
            UploadError::TooManyPixels(w, h) => Message::new(
                format!("图片为 {w}×{h} 像素，边长超过 {MAX_SIDE} 像素；请缩小后再上传。"),
                format!("The image is {w}×{h} pixels, a side longer than {MAX_SIDE}: make it smaller."),
            ),
            UploadError::Small(w, h) => Message::new(
                format!("图片只有 {w}×{h} 像素，证件上的文字可能看不清；建议用更高的分辨率扫描。"),
                format!("The image is only {w}×{h} pixels: the document's text may be unreadable. Scan at a higher resolution."),
            ),
            UploadError::NameMismatch { named, is } => Message::new(
                format!("文件名是 .{}，内容却是 {}；将按 {} 保存。", named.extension(), name(*is), name(*is)),
                format!("The name says .{}, but the content is {}: it is kept as {}.", named.extension(), name(*is), name(*is)),
            ),
            UploadError::PdfTruncated => Message::new(
                "这个 PDF 文件可能不完整（缺少结尾标记）；请确认能正常打开。",
                "This PDF may be cut short (it lacks its end marker): check that it opens.",
            ),
        }
    }
}

/// What `bytes` is, by its first bytes.
///
/// ```
/// use beian_rules::upload::{sniff, FileType};
/// assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileType::Pdf));
/// assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileType::Jpeg));
/// assert_eq!(sniff(b"GIF89a"), None);
/// ```
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) {
        Some(FileType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileType::Jpeg)
    } else if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else {
        None
    }
}

/// A PNG's width and height, from its `IHDR` chunk (the first, at byte 8).
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let ihdr = bytes.get(8..24)?;
    if &ihdr[4..8] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(ihdr[8..12].try_into().ok()?);
    let h = u32::from_be_bytes(ihdr[12..16].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// A JPEG's width and height, from its first start-of-frame marker
/// (`SOF0`–`SOF15` but `DHT`, `JPG` and `DAC`), walking the markers'
/// segments from the start.
pub fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2; // after SOI
    loop {
        // Markers may be padded with 0xFF.
        while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        i += 2;
        match marker {
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD7 => continue,
            // End of image, or start of scan before any frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
        if len < 2 {
            return None;
        }
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            // length(2) precision(1) height(2) width(2)
            let seg = bytes.get(i..i + 7)?;
            let h = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            let w = u32::from(u16::from_be_bytes([seg[5], seg[6]]));
            return (w > 0 && h > 0).then_some((w, h));
        }
        i = i.checked_add(len)?;
    }
}

/// Checks a file to upload: `name` as the user chose it, `bytes` its
/// content, `path` the findings' path (the document's). The scan, when the
/// file may be uploaded (no error), and the findings.
pub fn check(name: &str, bytes: &[u8], path: &str) -> (Option<Scan>, Vec<Finding>) {
    let mut findings = Vec::new();
    let refuse = |e: UploadError| (None, vec![e.finding(path)]);
    if bytes.is_empty() {
        return refuse(UploadError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return refuse(UploadError::TooLarge(bytes.len()));
    }
    let Some(file_type) = sniff(bytes) else {
        return refuse(UploadError::NotAScan);
    };
    let size = match file_type {
        FileType::Png => Some(png_size(bytes)),
        FileType::Jpeg => Some(jpeg_size(bytes)),
        FileType::Pdf => None,
    };
    let size = match size {
        Some(None) => return refuse(UploadError::Unreadable(file_type)),
        Some(Some((w, h))) if w > MAX_SIDE || h > MAX_SIDE => {
            return refuse(UploadError::TooManyPixels(w, h))
        }
        Some(Some((w, h))) => {
            if w.min(h) < MIN_READABLE_SIDE {
                findings.push(UploadError::Small(w, h).finding(path));
            }
            Some((w, h))
        }
        None => None,
    };
    if file_type == FileType::Pdf {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            findings.push(UploadError::PdfTruncated.finding(path));
        }
    }
    if let Some(named) = FileType::of_name(name).filter(|n| *n != file_type) {
        findings.push(
            UploadError::NameMismatch {
                named,
                is: file_type,
            }
            .finding(path),
        );
    }
    (
        Some(Scan {
            file_type,
            bytes: bytes.len(),
            size,
        }),
        findings,
    )
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    [
        UploadError::Empty,
        UploadError::TooLarge(MAX_BYTES + 1),
        UploadError::NotAScan,
        UploadError::Unreadable(FileType::Jpeg),
        UploadError::TooManyPixels(20_000, 100),
        UploadError::Small(320, 240),
        UploadError::NameMismatch {
            named: FileType::Pdf,
            is: FileType::Png,
        },
        UploadError::PdfTruncated,
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect()
}

/// A minimal PNG header of `w`×`h` pixels (for examples and tests: the
/// signature and the `IHDR` chunk, no image data).
#[doc(hidden)]
pub fn tests_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(b"IHDR");
    out.extend(w.to_be_bytes());
    out.extend(h.to_be_bytes());
    out.extend([8, 2, 0, 0, 0]);
    out.extend([0; 4]); // CRC, not checked
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A JPEG of `w`×`h`: SOI, an APP0 segment, a DQT segment, SOF0.
    fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        out.extend([0xFF, 0xE0, 0x00, 0x10]);
        out.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        out.extend([0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00]);
        out.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        out.extend(h.to_be_bytes());
        out.extend(w.to_be_bytes());
        out.extend([0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        out.extend([0xFF, 0xD9]);
        out
    }

    fn rules(name: &str, bytes: &[u8]) -> Vec<String> {
        check(name, bytes, "/p")
            .1
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn images_give_their_size_from_the_header() {
        assert_eq!(jpeg_size(&jpeg(1654, 2339)), Some((1654, 2339)));
        assert_eq!(png_size(&tests_png(2480, 3508)), Some((2480, 3508)));
        let (scan, f) = check("身份证.JPG", &jpeg(1654, 2339), "/p");
        assert_eq!(scan.unwrap().file_type, FileType::Jpeg);
        assert!(f.is_empty());
    }

    #[test]
    fn each_problem_has_its_rule() {
        assert_eq!(rules("a.png", b""), ["upload.empty"]);
        assert_eq!(rules("a.gif", b"GIF89a......"), ["upload.type"]);
        assert_eq!(rules("a.docx", b"PK\x03\x04"), ["upload.type"]);
        assert_eq!(
            rules("a.png", &tests_png(1200, 800)[..20]),
            ["upload.unreadable"]
        );
        assert_eq!(
            rules("a.jpg", &[0xFF, 0xD8, 0xFF, 0xDA]),
            ["upload.unreadable"]
        );
        assert_eq!(
            rules("a.png", &tests_png(20_000, 800)),
            ["upload.too_many_pixels"]
        );
        assert_eq!(rules("a.png", &tests_png(320, 240)), ["upload.small_image"]);
        assert_eq!(
            rules("a.pdf", &tests_png(1200, 800)),
            ["upload.name_mismatch"]
        );
        assert_eq!(
            rules("a.pdf", b"%PDF-1.4\n1 0 obj"),
            ["upload.pdf_truncated"]
        );
        assert!(rules("a.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n").is_empty());
        // No extension, or another one: no claim to contradict.
        assert!(rules("scan", &tests_png(1200, 800)).is_empty());
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(rules("a.pdf", &big), ["upload.too_large"]);
        let (scan, f) = check("a.png", &tests_png(320, 240), "/p");
        assert!(scan.is_some(), "a warning does not stop the upload");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn messages_say_the_limits_in_words() {
        let f = UploadError::TooLarge(12 << 20).finding("");
        assert!(f.message.zh_cn.contains("12.0 MB") && f.message.zh_cn.contains("10 MB"));
        assert!(f.message.en.contains("at most 10 MB"));
    }

    proptest! {
        #[test]
        fn any_bytes_are_checked_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256), name in ".{0,12}") {
            let (scan, findings) = check(&name, &bytes, "/p");
            prop_assert_eq!(scan.is_some(), !findings.iter().any(Finding::is_error));
        }

        #[test]
        fn jpeg_headers_after_any_prefix_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..128)) {
            let mut bytes = vec![0xFF, 0xD8, 0xFF];
            bytes.extend(tail);
            let _ = jpeg_size(&bytes);
        }

        #[test]
        fn sizes_round_trip(w in 1u16.., h in 1u16..) {
            prop_assert_eq!(jpeg_size(&jpeg(w, h)), Some((u32::from(w), u32::from(h))));
            prop_assert_eq!(png_size(&tests_png(u32::from(w), u32::from(h))), Some((u32::from(w), u32::from(h))));
        }
    }
}
