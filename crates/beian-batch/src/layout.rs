//! The spreadsheet layout: one row per website, the subject's columns
//! repeated on each row (README.md, "Layout").
//!
//! Each [`Column`] has a Chinese header (what the template writes), an
//! English key (also accepted as a header), a few aliases, and the path of
//! the [`beian_rules::Filing`] field it fills, so that every finding of
//! [`beian_rules::check_submission`] goes back to its cell.

use beian_rules::path::{
    AccessField, FieldPath, PersonField, SubjectField, SubjectField as S, WebsiteField,
    WebsiteField as W,
};

/// Whether a column describes the subject (repeated on each of its rows) or
/// the row's website.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// 主体: the same on every row of one subject.
    Subject,
    /// 网站: this row's website (and its one access entry).
    Website,
}

/// Where a column's value goes: a field of the subject, or of the row's
/// website (the access columns: its first access entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A field of the subject.
    Subject(SubjectField),
    /// A field of the row's website.
    Website(WebsiteField),
}

impl Place {
    /// The field's path when the row's website is website `i`.
    ///
    /// ```
    /// use beian_batch::layout::{Place, COLUMNS};
    /// let domains = COLUMNS.iter().find(|c| c.key == "domains").unwrap();
    /// assert_eq!(domains.place.path(2).to_string(), "/websites/2/domains");
    /// ```
    pub const fn path(self, i: usize) -> FieldPath {
        match self {
            Place::Subject(f) => FieldPath::Subject(f),
            Place::Website(f) => FieldPath::Website(i, f),
        }
    }
}

/// One column of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// English key, camelCase (also an accepted header), e.g. `subjectName`.
    pub key: &'static str,
    /// Chinese header, as the template writes it, e.g. `主办单位名称`.
    pub zh: &'static str,
    /// English description.
    pub en: &'static str,
    /// Other accepted headers.
    pub aliases: &'static [&'static str],
    /// Subject or website column.
    pub scope: Scope,
    /// The filled field of a filing (of the row's website for the website
    /// columns).
    pub place: Place,
    /// Required for submission (the rules report a missing value as 5001).
    pub required: bool,
    /// What the cell holds, Chinese.
    pub note_zh: &'static str,
    /// What the cell holds, English.
    pub note_en: &'static str,
    /// An example value.
    pub example: &'static str,
}

macro_rules! col {
    ($key:literal, $zh:literal, $en:literal, [$($alias:literal),*], $scope:ident, $place:expr, $req:literal,
     $nzh:expr, $nen:expr, $ex:literal) => {
        Column {
            key: $key,
            zh: $zh,
            en: $en,
            aliases: &[$($alias),*],
            scope: Scope::$scope,
            place: $place,
            required: $req,
            note_zh: $nzh,
            note_en: $nen,
            example: $ex,
        }
    };
}

const PERSON_DOC_ZH: &str = "证件类型名称，留空为居民身份证";
const PERSON_DOC_EN: &str = "document type name; empty means resident ID card";

/// The columns, in template order.
pub const COLUMNS: &[Column] = &[
    col!("subjectType", "主办单位性质", "subject type", ["主体性质", "单位性质"], Subject, Place::Subject(S::SubjectType), true,
        "个人、企业、政府机关、事业单位、社会团体、民办非企业单位、基金会、律师执业机构、其他",
        "individual, enterprise, government, public_institution, social_organisation, private_non_enterprise, foundation, law_firm, other",
        "个人"),
    col!("subjectName", "主办单位名称", "subject name (an individual's full name)", ["主办者名称", "主体名称", "主办单位或主办人名称"], Subject, Place::Subject(S::Name), true,
        "单位全称；个人填写姓名", "registered name; an individual's full name", "张三"),
    col!("subjectDocumentType", "主办单位证件类型", "subject document type", ["主体证件类型"], Subject, Place::Subject(S::DocumentType), true,
        "居民身份证、护照、统一社会信用代码、组织机构代码、工商营业执照注册号……", "resident_id, passport, unified_social_credit_code, …", "居民身份证"),
    col!("subjectDocumentNumber", "主办单位证件号码", "subject document number", ["主体证件号码", "证件号码"], Subject, Place::Subject(S::DocumentNumber), true,
        "请把该列设为文本格式，以免长号码被改写", "format the column as text so that long numbers keep their digits", "11010519491231002X"),
    col!("province", "省", "province code (GB/T 2260)", ["省份", "所在省", "省份代码"], Subject, Place::Subject(S::Province), true,
        "六位行政区划代码", "six-digit division code", "110000"),
    col!("city", "市", "city code (GB/T 2260)", ["城市", "所在市", "城市代码"], Subject, Place::Subject(S::City), false,
        "六位行政区划代码；直辖市可留空", "six-digit division code; may be empty for a municipality", ""),
    col!("county", "县", "county code (GB/T 2260)", ["区县", "县区", "所在区县", "区县代码"], Subject, Place::Subject(S::County), true,
        "六位行政区划代码", "six-digit division code", "110105"),
    col!("address", "通信地址", "postal address", ["地址", "主办单位通信地址"], Subject, Place::Subject(S::Address), true,
        "", "", "北京市朝阳区某路1号"),
    col!("subjectPersonName", "主体负责人姓名", "subject's responsible person: name", ["负责人姓名"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::Name)), true,
        "", "", "张三"),
    col!("subjectPersonDocumentType", "主体负责人证件类型", "subject's responsible person: document type", ["负责人证件类型"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::DocumentType)), false,
        PERSON_DOC_ZH, PERSON_DOC_EN, "居民身份证"),
    col!("subjectPersonDocumentNumber", "主体负责人证件号码", "subject's responsible person: document number", ["负责人证件号码"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::DocumentNumber)), true,
        "", "", "11010519491231002X"),
    col!("subjectPersonMobile", "主体负责人手机号码", "subject's responsible person: mobile", ["负责人手机", "负责人手机号码"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::Mobile)), true,
        "", "", "13800138000"),
    col!("subjectPersonPhone", "主体负责人座机", "subject's responsible person: landline", ["负责人座机", "负责人办公电话"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::Phone)), false,
        "带区号", "with area code", "010-62345678"),
    col!("subjectPersonEmail", "主体负责人电子邮箱", "subject's responsible person: e-mail", ["负责人邮箱", "负责人电子邮件"], Subject, Place::Subject(S::ResponsiblePerson(PersonField::Email)), true,
        "", "", "zs@example.com"),
    col!("responsiblePersonRole", "主体负责人身份", "responsible person's role (organisations)", ["负责人身份"], Subject, Place::Subject(S::ResponsiblePersonRole), false,
        "单位必填：法定代表人、法人授权人", "organisations: legal_representative or authorised", ""),
    col!("commercial", "经营性", "commercial filing", ["是否经营性"], Subject, Place::Subject(S::Commercial), false,
        "是 / 否（留空为否）", "yes / no (empty: no)", "否"),
    col!("licenceNumber", "经营许可证号", "commercial licence number", ["许可证号"], Subject, Place::Subject(S::LicenceNumber), false,
        "经营性必填，如 浙B2-20040180", "required when commercial, e.g. 浙B2-20040180", ""),
    col!("filingNumber", "主体备案号", "subject's filing number", ["备案号"], Subject, Place::Subject(S::FilingNumber), false,
        "已有备案时填写，如 京ICP备09051301号", "for an existing filing, e.g. 京ICP备09051301号", ""),
    col!("websiteName", "网站名称", "website name", [], Website, Place::Website(W::Name), true,
        "", "", "张三的读书笔记"),
    col!("domains", "网站域名", "domains", ["域名", "域名列表"], Website, Place::Website(W::Domains), true,
        "一个或多个域名，用分号、逗号或换行分隔", "one or more, separated by ; , or line breaks", "example.com"),
    col!("homepage", "网站首页URL", "homepage URL", ["网站首页", "首页URL", "首页地址", "网站首页地址"], Website, Place::Website(W::Homepage), true,
        "", "", "https://www.example.com/"),
    col!("contentCategories", "网站内容", "content categories", ["网站服务内容", "服务内容"], Website, Place::Website(W::ContentCategories), false,
        "博客、新闻、出版、教育、医疗保健、药品和医疗器械、文化、广播电影电视节目、电子公告、电子商务、企业内容、其他；分号分隔",
        "blog, news, publishing, education, medical, drugs_and_medical_devices, culture, radio_film_tv, bulletin_board, e_commerce, company, other; separated by ;",
        "博客"),
    col!("preApprovals", "前置审批", "pre-approvals", ["前置审批信息"], Website, Place::Website(W::PreApprovals), false,
        "类别:审批文号，分号分隔，如 新闻:44120170001", "category:permit number, separated by ;, e.g. news:44120170001", ""),
    col!("bulletinBoard", "电子公告", "bulletin board (forum, message board)", ["是否有电子公告"], Website, Place::Website(W::BulletinBoard), false,
        "是 / 否（留空为否）", "yes / no (empty: no)", "否"),
    col!("domainOwner", "域名所有者", "domain owner", ["域名持有者"], Website, Place::Website(W::DomainOwner), false,
        "域名证书上的所有者", "the owner on the domain certificate", "张三"),
    col!("websitePersonName", "网站负责人姓名", "website's responsible person: name", [], Website, Place::Website(W::ResponsiblePerson(PersonField::Name)), true,
        "", "", "张三"),
    col!("websitePersonDocumentType", "网站负责人证件类型", "website's responsible person: document type", [], Website, Place::Website(W::ResponsiblePerson(PersonField::DocumentType)), false,
        PERSON_DOC_ZH, PERSON_DOC_EN, "居民身份证"),
    col!("websitePersonDocumentNumber", "网站负责人证件号码", "website's responsible person: document number", [], Website, Place::Website(W::ResponsiblePerson(PersonField::DocumentNumber)), true,
        "", "", "11010519491231002X"),
    col!("websitePersonMobile", "网站负责人手机号码", "website's responsible person: mobile", ["网站负责人手机"], Website, Place::Website(W::ResponsiblePerson(PersonField::Mobile)), true,
        "", "", "13800138000"),
    col!("websitePersonPhone", "网站负责人座机", "website's responsible person: landline", [], Website, Place::Website(W::ResponsiblePerson(PersonField::Phone)), false,
        "带区号", "with area code", ""),
    col!("websitePersonEmail", "网站负责人电子邮箱", "website's responsible person: e-mail", ["网站负责人邮箱"], Website, Place::Website(W::ResponsiblePerson(PersonField::Email)), true,
        "", "", "zs@example.com"),
    col!("accessProvider", "接入服务商", "access provider", ["接入商", "接入服务提供者"], Website, Place::Website(W::AccessEntry(0, AccessField::Provider)), true,
        "", "", "某某云计算有限公司"),
    col!("accessMethod", "接入方式", "access method", [], Website, Place::Website(W::AccessEntry(0, AccessField::Method)), true,
        "云主机、虚拟主机、主机托管、专线", "cloud, virtual_host, colocation, dedicated", "云主机"),
    col!("serverLocation", "服务器放置地", "server location", ["服务器所在地", "服务器放置地点"], Website, Place::Website(W::AccessEntry(0, AccessField::ServerLocation)), true,
        "省级行政区划代码；境外填 其它", "province code; abroad: 其它", "110000"),
    col!("ips", "服务器IP", "server IP addresses", ["IP地址", "网站IP", "IP", "服务器IP地址"], Website, Place::Website(W::AccessEntry(0, AccessField::Ips)), true,
        "一个或多个，用分号分隔", "one or more, separated by ;", "203.119.80.1"),
];

/// Places without a column of their own that still belong to one.
const EXTRA_PLACES: &[(Place, &str)] = &[
    (
        Place::Subject(S::ResponsiblePerson(PersonField::Whole)),
        "subjectPersonName",
    ),
    (
        Place::Website(W::ResponsiblePerson(PersonField::Whole)),
        "websitePersonName",
    ),
    (Place::Website(W::Access), "accessProvider"),
    (
        Place::Website(W::AccessEntry(0, AccessField::Whole)),
        "accessProvider",
    ),
];

/// Number of columns.
pub const WIDTH: usize = COLUMNS.len();

/// The index of the column with `key`.
pub fn index(key: &str) -> Option<usize> {
    COLUMNS.iter().position(|c| c.key == key)
}

/// A header as written, made comparable: spaces, `*` (required marks) and
/// a trailing colon dropped, ASCII lower case, full-width parentheses made
/// ASCII.
fn normalize(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .trim_end_matches([':', '：'])
        .to_string()
}

fn exact(h: &str) -> Option<usize> {
    COLUMNS.iter().position(|c| {
        normalize(c.zh) == h
            || c.key.to_ascii_lowercase() == h
            || c.aliases.iter().any(|a| normalize(a) == h)
    })
}

/// The column a header names: its Chinese header, English key or an alias,
/// in any case, with or without spaces and `*`; also `中文(key)`, where
/// either part is enough.
///
/// ```
/// use beian_batch::layout::{header_column, COLUMNS};
/// let i = header_column("主办单位名称").unwrap();
/// assert_eq!(COLUMNS[i].key, "subjectName");
/// assert_eq!(header_column(" *SubjectName "), Some(i));
/// assert_eq!(header_column("主办单位名称（subjectName）"), Some(i));
/// assert_eq!(header_column("备注"), None);
/// ```
pub fn header_column(header: &str) -> Option<usize> {
    let h = normalize(header);
    if h.is_empty() {
        return None;
    }
    if let Some(i) = exact(&h) {
        return Some(i);
    }
    // 中文(key) or key(中文)
    let (before, rest) = h.split_once('(')?;
    let inside = rest.trim_end_matches(')');
    exact(before).or_else(|| exact(inside))
}

/// The column a finding's path belongs to, and the website index of the
/// path (`None` for the subject).
///
/// ```
/// use beian_batch::layout::{path_column, COLUMNS};
/// let (col, site) = path_column("/websites/2/domains/1");
/// assert_eq!(COLUMNS[col.unwrap()].key, "domains");
/// assert_eq!(site, Some(2));
/// let (col, site) = path_column("/subject/responsiblePerson/mobile");
/// assert_eq!(COLUMNS[col.unwrap()].key, "subjectPersonMobile");
/// assert_eq!(site, None);
/// ```
pub fn path_column(path: &str) -> (Option<usize>, Option<usize>) {
    let Ok(field) = path.parse::<FieldPath>() else {
        return (None, None);
    };
    let (site, mut at) = match field {
        FieldPath::Website(i, f) => (Some(i), Some(Place::Website(f))),
        FieldPath::Subject(f) => (None, Some(Place::Subject(f))),
        FieldPath::Filing | FieldPath::Websites => (None, None),
    };
    // The field itself, else the nearest field up that has a column.
    while let Some(place) = at {
        let column = COLUMNS.iter().position(|c| c.place == place).or_else(|| {
            EXTRA_PLACES
                .iter()
                .find(|(p, _)| *p == place)
                .and_then(|(_, k)| index(k))
        });
        if column.is_some() {
            return (column, site);
        }
        at = match place.path(0).parent() {
            Some(FieldPath::Subject(f)) => Some(Place::Subject(f)),
            Some(FieldPath::Website(_, f)) => Some(Place::Website(f)),
            _ => None,
        };
    }
    (None, site)
}

/// The spreadsheet name of a zero-based column: `A`, …, `Z`, `AA`, …
///
/// ```
/// assert_eq!(beian_batch::layout::column_letter(0), "A");
/// assert_eq!(beian_batch::layout::column_letter(27), "AB");
/// ```
pub fn column_letter(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Accepted values of an enumerated column: (label, serde name).
pub(crate) const SUBJECT_TYPES: &[(&str, &str)] = &[
    ("个人", "individual"),
    ("企业", "enterprise"),
    ("政府机关", "government"),
    ("事业单位", "public_institution"),
    ("社会团体", "social_organisation"),
    ("民办非企业单位", "private_non_enterprise"),
    ("基金会", "foundation"),
    ("律师执业机构", "law_firm"),
    ("其他", "other"),
    ("其它", "other"),
];

pub(crate) const DOCUMENT_TYPES: &[(&str, &str)] = &[
    ("居民身份证", "resident_id"),
    ("身份证", "resident_id"),
    ("护照", "passport"),
    ("港澳居民来往内地通行证", "hk_macau_travel_permit"),
    ("台湾居民来往大陆通行证", "taiwan_travel_permit"),
    ("港澳台居民居住证", "hk_macau_taiwan_residence_permit"),
    ("外国人永久居留身份证", "foreign_permanent_residence_id"),
    ("统一社会信用代码", "unified_social_credit_code"),
    ("组织机构代码", "organisation_code"),
    ("组织机构代码证", "organisation_code"),
    ("工商营业执照注册号", "business_registration_number"),
    ("营业执照注册号", "business_registration_number"),
    ("其他", "other"),
    ("其它", "other"),
];

pub(crate) const ROLES: &[(&str, &str)] = &[
    ("法定代表人", "legal_representative"),
    ("法人", "legal_representative"),
    ("法人授权人", "authorised"),
    ("授权人", "authorised"),
    ("代理商", "agent"),
];

pub(crate) const ACCESS_METHODS: &[(&str, &str)] = &[
    ("云主机", "cloud"),
    ("虚拟主机", "virtual_host"),
    ("主机托管", "colocation"),
    ("专线", "dedicated"),
];

pub(crate) const CATEGORIES: &[(&str, &str)] = &[
    ("新闻", "news"),
    ("出版", "publishing"),
    ("教育", "education"),
    ("医疗保健", "medical"),
    ("药品和医疗器械", "drugs_and_medical_devices"),
    ("文化", "culture"),
    ("广播电影电视节目", "radio_film_tv"),
    ("电子公告", "bulletin_board"),
    ("电子商务", "e_commerce"),
    ("企业内容", "company"),
    ("博客", "blog"),
    ("个人空间", "blog"),
    ("其他", "other"),
    ("其它", "other"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_unique_and_recognised() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(header_column(c.zh), Some(i), "{}", c.zh);
            assert_eq!(header_column(c.key), Some(i), "{}", c.key);
            for a in c.aliases {
                assert_eq!(header_column(a), Some(i), "{a}");
            }
            assert_eq!(header_column(&format!("{}({})", c.zh, c.key)), Some(i));
        }
    }

    #[test]
    fn every_column_path_maps_to_itself() {
        for (i, c) in COLUMNS.iter().enumerate() {
            let p = c.place.path(7).to_string();
            let (col, site) = path_column(&p);
            assert_eq!(col, Some(i), "{p}");
            assert_eq!(site, (c.scope == Scope::Website).then_some(7));
            // The scope and the place agree.
            let website = matches!(c.place, Place::Website(_));
            assert_eq!(c.scope == Scope::Website, website, "{}", c.key);
        }
        assert_eq!(path_column("/subject/documents/0/kind").0, None);
        assert_eq!(path_column("/websites/0/access").0, index("accessProvider"));
        assert_eq!(path_column("/websites/0/access/0/ips/3").0, index("ips"));
        // Access entries after the first belong to the access column; a
        // path of no field to none.
        assert_eq!(
            path_column("/websites/0/access/1/ips/3"),
            (index("accessProvider"), Some(0))
        );
        assert_eq!(path_column("/filingPassword"), (None, None));
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn enum_tables_parse_with_serde() {
        use beian_rules::{
            AccessMethod, ContentCategory, DocumentType, Named, ResponsiblePersonRole, SubjectType,
        };
        fn every<T: Named + serde::de::DeserializeOwned>(table: &[(&str, &str)]) {
            for (_, s) in table {
                serde_json::from_value::<T>(serde_json::Value::String(s.to_string())).unwrap();
                assert_eq!(T::NAMES.iter().filter(|n| *n == s).count(), 1, "{s}");
            }
            // Every variant has a label.
            for n in T::NAMES {
                assert!(table.iter().any(|(_, s)| s == n), "{n}");
            }
        }
        every::<SubjectType>(SUBJECT_TYPES);
        every::<DocumentType>(DOCUMENT_TYPES);
        every::<ResponsiblePersonRole>(ROLES);
        every::<ContentCategory>(CATEGORIES);
        every::<AccessMethod>(ACCESS_METHODS);
    }
}
