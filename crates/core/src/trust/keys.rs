//! Device keys: an ed25519 signing key made on the device (it never leaves it), and the
//! public key registered to the member's account.

use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A public key as it is registered and synced: 32 bytes, written as lower-case hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// The key's id: the first 16 hex digits of the SHA-256 of its bytes (what a decision
    /// names, and what an admin revokes).
    pub fn id(&self) -> KeyId {
        let digest = Sha256::digest(self.0);
        KeyId(hex::encode(&digest[..8]))
    }

    pub(crate) fn verifying(&self) -> Option<VerifyingKey> {
        VerifyingKey::from_bytes(&self.0).ok()
    }
}

impl From<PublicKey> for String {
    fn from(key: PublicKey) -> String {
        hex::encode(key.0)
    }
}

impl TryFrom<String> for PublicKey {
    type Error = String;

    fn try_from(text: String) -> Result<PublicKey, String> {
        let bytes = hex::decode(&text).map_err(|_| format!("'{text}' is not 64 hex digits"))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| format!("'{text}' is not 64 hex digits"))?;
        Ok(PublicKey(bytes))
    }
}

/// A key's short id (16 hex digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct KeyId(pub String);

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The device's own signing key. Kept in the device's local settings, never in a workspace's
/// documents, so it is never synced or exported.
pub struct DeviceKey {
    signing: SigningKey,
}

impl DeviceKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> DeviceKey {
        DeviceKey {
            signing: SigningKey::generate(&mut rand::rngs::OsRng),
        }
    }

    /// The key kept as 64 hex digits (its 32 secret bytes).
    pub fn from_secret_hex(text: &str) -> Option<DeviceKey> {
        let bytes: [u8; 32] = hex::decode(text).ok()?.try_into().ok()?;
        Some(DeviceKey {
            signing: SigningKey::from_bytes(&bytes),
        })
    }

    pub fn secret_hex(&self) -> String {
        hex::encode(self.signing.to_bytes())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key().to_bytes())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_round_trips_through_its_text_and_has_a_stable_id() {
        let key = DeviceKey::generate();
        let again = DeviceKey::from_secret_hex(&key.secret_hex()).expect("secret");
        assert_eq!(key.public(), again.public());
        let text: String = key.public().into();
        assert_eq!(text.len(), 64);
        assert_eq!(PublicKey::try_from(text).expect("public"), key.public());
        assert_eq!(key.public().id(), again.public().id());
        assert_eq!(key.public().id().0.len(), 16);
        assert_ne!(key.public().id(), DeviceKey::generate().public().id());
        assert!(PublicKey::try_from("zz".to_owned()).is_err());
        assert!(DeviceKey::from_secret_hex("abc").is_none());
    }
}
