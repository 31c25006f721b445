//! The filing password (备案密码, 002 #36): made when a new filing is
//! approved, handed out once, and kept only as an Argon2id hash (a PHC
//! string with its salt and parameters), never in clear.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// How costly a new hash is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HashCost {
    /// Argon2id with the crate's recommended parameters (19 MiB, 2 passes).
    #[default]
    Standard,
    /// The smallest parameters (8 KiB, 1 pass): for tests only.
    Minimal,
}

/// The characters of a generated password: no 0/O, 1/l/I.
const ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/// A new random filing password of 12 characters.
pub fn generate() -> String {
    let mut out = String::with_capacity(12);
    while out.len() < 12 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // Rejection sampling: no bias towards the first characters.
        let limit = 256 - 256 % ALPHABET.len();
        if usize::from(byte[0]) < limit {
            out.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    out
}

fn argon2(cost: HashCost) -> Argon2<'static> {
    match cost {
        HashCost::Standard => Argon2::default(),
        HashCost::Minimal => Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8, 1, 1, None).unwrap_or_default(),
        ),
    }
}

/// The PHC string of `password` with a fresh salt.
///
/// ```
/// use beian_server::password::{hash, verify, HashCost};
/// let h = hash("s3cret-pass", HashCost::Minimal).unwrap();
/// assert!(h.starts_with("$argon2id$"));
/// assert!(!h.contains("s3cret-pass"));
/// assert!(verify("s3cret-pass", &h));
/// assert!(!verify("S3cret-pass", &h));
/// ```
pub fn hash(password: &str, cost: HashCost) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2(cost)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// True when `password` matches the PHC string `stored` (with the
/// parameters stored in it). A malformed `stored` matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// [`hash`] off the async runtime's threads.
pub async fn hash_blocking(password: String, cost: HashCost) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password, cost))
        .await
        .map_err(|e| e.to_string())?
}

/// [`verify`] off the async runtime's threads.
pub async fn verify_blocking(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_differ_and_use_the_alphabet() {
        let a = generate();
        let b = generate();
        assert_eq!(a.len(), 12);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)));
    }

    #[test]
    fn malformed_hash_matches_nothing() {
        assert!(!verify("x", "not a hash"));
        assert!(!verify("", ""));
    }
}
