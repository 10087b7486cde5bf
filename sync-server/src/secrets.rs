//! Password hashes (argon2id, PHC strings) and bearer tokens (`cw_` + 64 hex digits, stored
//! only as their SHA-256). Randomness comes from the caller, so tests can fix it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const TOKEN_PREFIX: &str = "cw_";
const TOKEN_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
#[error("the password could not be hashed: {0}")]
pub struct HashError(String);

/// Password checks run one at a time. Each argon2id check takes ~19 MiB; run side by side
/// (50 laptops logging in at once) they left the allocator holding ~1 GB resident, while one
/// at a time reuses the same block and costs a login only queueing (~50 ms each).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An argon2id hash of `password` with a fresh salt, as a PHC string.
pub fn hash_password(password: &str, rng: &mut impl RngCore) -> Result<String, HashError> {
    let _turn = one_at_a_time();
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|error| HashError(error.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| HashError(error.to_string()))
}

/// Whether `password` matches the PHC string `hash`. An unreadable hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    let _turn = one_at_a_time();
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash no password is known to match, verified against when a login names an unknown user
/// so that the answer takes as long as for a known one.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let mut rng = rand::rngs::OsRng;
        let mut password = [0u8; 32];
        rng.fill_bytes(&mut password);
        hash_password(&hex::encode(password), &mut rng).unwrap_or_default()
    })
}

/// A new bearer token: `cw_` followed by 32 random bytes in hex.
pub fn new_token(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rng.fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", hex::encode(bytes))
}

/// Whether `token` has the shape of one of ours (checked before any store look-up).
pub fn is_well_formed_token(token: &str) -> bool {
    token.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == TOKEN_BYTES * 2 && rest.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The SHA-256 of `bytes` in lower-case hex: how tokens are stored and blobs are named.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn passwords_verify_only_against_their_own_hash() -> Result<(), HashError> {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let hash = hash_password("correct horse", &mut rng)?;
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "correct hors"));
        assert!(!verify_password("not a hash", "correct horse"));
        assert!(!verify_password(decoy_hash(), ""));
        Ok(())
    }

    #[test]
    fn tokens_have_one_shape() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let token = new_token(&mut rng);
        assert!(is_well_formed_token(&token));
        assert_ne!(token, new_token(&mut rng));
        assert!(!is_well_formed_token("cw_1234"));
        assert!(!is_well_formed_token(&token.replace("cw_", "xx_")));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
