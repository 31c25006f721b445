//! Accounts of the filing system: user names and passwords.
//!
//! Seed 001 其它 #18 (备案系统对用户名是否有要求？): a user name holds only
//! Chinese characters, English letters, digits and underscore. Seed 000 #44:
//! a password has at least 6 characters, is not all digits and differs from
//! the user name. These are rules of the filing system's accounts, not of
//! the filing data: no MIIT return code.

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::text;

/// Why a user name is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsernameError {
    /// Nothing was entered.
    Empty,
    /// A character other than Chinese, ASCII letters, digits and `_`.
    Characters {
        /// The first character that is not allowed.
        found: char,
    },
}

impl RuleError for UsernameError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "account.username_required",
            Self::Characters { .. } => "account.username_characters",
        }
    }

    fn code(&self) -> Option<&'static str> {
        None
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写用户名。", "Enter the user name."),
            // 001 其它 #18.
            Self::Characters { found } => Message::new(
                format!("用户名只能使用中文、英文字母、数字和下划线，不能使用“{found}”。"),
                format!(
                    "A user name holds Chinese characters, English letters, digits and underscore \
                     only, not “{found}”."
                ),
            ),
        }
    }
}

impl fmt::Display for UsernameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for UsernameError {}

/// Why a password is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordError {
    /// Nothing was entered.
    Empty,
    /// Fewer than 6 characters.
    TooShort,
    /// Digits only.
    AllDigits,
    /// The same as the user name.
    SameAsUsername,
}

impl RuleError for PasswordError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "account.password_required",
            Self::TooShort => "account.password_too_short",
            Self::AllDigits => "account.password_all_digits",
            Self::SameAsUsername => "account.password_same_as_username",
        }
    }

    fn code(&self) -> Option<&'static str> {
        None
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写密码。", "Enter the password."),
            // 000 #44, for the three rules of a password.
            Self::TooShort => {
                Message::new("密码至少 6 位。", "A password has at least 6 characters.")
            }
            Self::AllDigits => {
                Message::new("密码不能全是数字。", "A password may not be digits only.")
            }
            Self::SameAsUsername => Message::new(
                "密码不能与用户名相同。",
                "The password may not be the same as the user name.",
            ),
        }
    }
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for PasswordError {}

/// Validates a user name (surrounding white space is not part of it and is
/// refused like any other character).
///
/// ```
/// use beian_rules::account::{validate_username, UsernameError};
/// assert!(validate_username("张三_zs2024").is_ok());
/// assert_eq!(validate_username("zs-2024"), Err(UsernameError::Characters { found: '-' }));
/// ```
pub fn validate_username(input: &str) -> Result<&str, UsernameError> {
    if input.is_empty() {
        return Err(UsernameError::Empty);
    }
    match input
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '_' || text::is_han(c)))
    {
        Some(found) => Err(UsernameError::Characters { found }),
        None => Ok(input),
    }
}

/// Validates a password against the rules of 000 #44; `username` is the
/// account's user name (empty when not known).
///
/// ```
/// use beian_rules::account::{validate_password, PasswordError};
/// assert!(validate_password("s3cret!", "zhangsan").is_ok());
/// assert_eq!(validate_password("abc12", ""), Err(PasswordError::TooShort));
/// assert_eq!(validate_password("12345678", ""), Err(PasswordError::AllDigits));
/// assert_eq!(validate_password("zhangsan", "zhangsan"), Err(PasswordError::SameAsUsername));
/// ```
pub fn validate_password(password: &str, username: &str) -> Result<(), PasswordError> {
    if password.is_empty() {
        return Err(PasswordError::Empty);
    }
    if password.chars().count() < 6 {
        return Err(PasswordError::TooShort);
    }
    if password
        .chars()
        .all(|c| text::halfwidth(c).is_ascii_digit())
    {
        return Err(PasswordError::AllDigits);
    }
    if !username.is_empty() && password == username {
        return Err(PasswordError::SameAsUsername);
    }
    Ok(())
}

/// Findings for a user name at `path`.
///
/// ```
/// assert_eq!(beian_rules::account::username_findings("a b", "/u")[0].rule, "account.username_characters");
/// ```
pub fn username_findings(input: &str, path: &str) -> Vec<Finding> {
    match validate_username(input) {
        Ok(_) => Vec::new(),
        Err(e) => vec![e.finding(path)],
    }
}

/// Findings for a password at `path`, given the user name.
///
/// ```
/// assert_eq!(beian_rules::account::password_findings("123456", "zs", "/p")[0].rule, "account.password_all_digits");
/// ```
pub fn password_findings(password: &str, username: &str, path: &str) -> Vec<Finding> {
    match validate_password(password, username) {
        Ok(()) => Vec::new(),
        Err(e) => vec![e.finding(path)],
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        UsernameError::Empty,
        UsernameError::Characters { found: '-' },
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.extend(
        [
            PasswordError::Empty,
            PasswordError::TooShort,
            PasswordError::AllDigits,
            PasswordError::SameAsUsername,
        ]
        .iter()
        .map(|e| e.finding("")),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 001 其它 #18: Chinese characters, English letters, digits, underscore.
    #[test]
    fn seed_001_other_18_user_names() {
        for ok in ["zhangsan", "张三", "zs_2024", "_", "ZS"] {
            assert!(validate_username(ok).is_ok(), "{ok}");
        }
        for (bad, c) in [
            ("zs@x", '@'),
            ("张 三", ' '),
            ("zs.", '.'),
            ("ｚｓ", 'ｚ'),
            ("é", 'é'),
        ] {
            assert_eq!(
                validate_username(bad),
                Err(UsernameError::Characters { found: c })
            );
        }
        assert_eq!(validate_username(""), Err(UsernameError::Empty));
    }

    /// 000 #44: at least 6 characters, not all digits, not the user name.
    #[test]
    fn seed_000_44_passwords() {
        assert_eq!(validate_password("", "zs"), Err(PasswordError::Empty));
        assert_eq!(
            validate_password("a1b2c", "zs"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(validate_password("密码密码密码", "zs"), Ok(()));
        assert_eq!(
            validate_password("１２３４５６", "zs"),
            Err(PasswordError::AllDigits)
        );
        assert_eq!(
            validate_password("zs2024a", "zs2024a"),
            Err(PasswordError::SameAsUsername)
        );
        assert_eq!(validate_password("zs2024a", ""), Ok(()));
    }
}
