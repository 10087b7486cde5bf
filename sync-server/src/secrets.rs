//! Password hashes (argon2id, PHC strings) and bearer tokens (`cw_` + 64 hex digits, stored
//! only as their SHA-256). Randomness comes from the caller, so tests can fix it.

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

pub const TOKEN_PREFIX: &str = "cw_";
const TOKEN_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
#[error("the password could not be hashed: {0}")]
pub struct HashError(String);

/// argon2's working memory (~19 MiB with the default parameters), allocated once and reused
/// by every hash, one hash at a time. Allocated per hash, side by side (50 laptops logging in
/// at once), they left the allocator holding ~1 GB; one at a time, still ~200 MB after ten
/// logins (glibc keeps freed blocks that size). Reused, the server holds ~27 MB after 50
/// logins, and a login costs only queueing (~50 ms each).
static MEMORY: Mutex<Vec<Block>> = Mutex::new(Vec::new());
/// The most memory a hash may ask for, in 1 KiB blocks (64 MiB; ours take 19 MiB).
const MAX_BLOCKS: usize = 64 * 1024;

/// The argon2 output for `password` and `salt` under `argon` (whose parameters are `params`),
/// computed in [`MEMORY`].
fn argon2_output(
    argon: &Argon2<'_>,
    params: &Params,
    password: &[u8],
    salt: Salt<'_>,
) -> password_hash::Result<Output> {
    let mut salt_buffer = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buffer)?;
    let blocks = params.block_count();
    if blocks > MAX_BLOCKS {
        // Not a hash this server wrote: refuse rather than hold that much memory for good.
        return Err(password_hash::Error::ParamValueInvalid(
            password_hash::errors::InvalidValue::TooLong,
        ));
    }
    let mut memory = MEMORY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let length = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    Output::init_with(length, |out| {
        Ok(argon.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])?)
    })
}

/// An argon2id hash of `password` with a fresh salt, as a PHC string.
pub fn hash_password(password: &str, rng: &mut impl RngCore) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|error| HashError(error.to_string()))?;
    let params = Params::default();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let hash =
        argon2_output(&argon, &params, password.as_bytes(), salt.as_salt()).and_then(|output| {
            Ok(PasswordHash {
                algorithm: Algorithm::Argon2id.ident(),
                version: Some(Version::V0x13.into()),
                params: ParamsString::try_from(&params)?,
                salt: Some(salt.as_salt()),
                hash: Some(output),
            }
            .to_string())
        });
    hash.map_err(|error| HashError(error.to_string()))
}

/// Whether `password` matches the PHC string `hash`. An unreadable hash matches nothing.
pub fn verify_password(hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params.clone());
    // `Output`'s equality is constant-time.
    argon2_output(&argon, &params, password.as_bytes(), salt).is_ok_and(|output| output == expected)
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
    fn hashes_are_standard_argon2id_phc_strings_both_ways() -> Result<(), HashError> {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        // Ours, checked by the argon2 crate's own verifier.
        let ours = hash_password("비밀번호-1234", &mut rng)?;
        let parsed = PasswordHash::new(&ours).map_err(|e| HashError(e.to_string()))?;
        assert!(Argon2::default()
            .verify_password("비밀번호-1234".as_bytes(), &parsed)
            .is_ok());
        // The argon2 crate's (as stored by earlier versions), checked by ours.
        let salt = SaltString::encode_b64(&[3u8; 16]).map_err(|e| HashError(e.to_string()))?;
        let theirs = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .map_err(|e| HashError(e.to_string()))?
            .to_string();
        assert!(verify_password(&theirs, "correct horse"));
        assert!(!verify_password(&theirs, "correct horse "));
        // A hash with other parameters (smaller memory, argon2i) verifies too, and the shared
        // memory is not left too small for the next default hash.
        let other = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x13,
            Params::new(1024, 1, 1, None).map_err(|e| HashError(e.to_string()))?,
        )
        .hash_password(b"pw-other", &salt)
        .map_err(|e| HashError(e.to_string()))?
        .to_string();
        assert!(verify_password(&other, "pw-other"));
        assert!(verify_password(&ours, "비밀번호-1234"));
        // A stored hash asking for more memory than any this server writes is refused.
        assert!(ours.contains("m=19456"));
        assert!(!verify_password(
            &ours.replace("m=19456", "m=1048576"),
            "비밀번호-1234"
        ));
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
