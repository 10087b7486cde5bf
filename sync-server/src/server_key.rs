//! The server's own ed25519 key (core's [`DeviceKey`]): it signs every roster the server hands
//! out, and devices pin its public half at login, so a roster they keep is one this server
//! signed. Made at the server's first start as `DATA_DIR/server.key` (64 hex digits of the
//! secret, mode 0600, written atomically); kept by `admin backup` and put back by
//! `admin restore`, because a server that came back with another key would have every
//! device refuse its rosters.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use cloudwright_core::trust::DeviceKey;

pub const KEY_FILE: &str = "server.key";

#[derive(Debug, thiserror::Error)]
pub enum ServerKeyError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not a server key (64 hex digits): it was changed or damaged. Put back the one from a backup; a new key would have every device refuse this server's rosters")]
    Damaged(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ServerKeyError + '_ {
    move |source| ServerKeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The key in `data_dir`, made (and kept) there if there is none yet.
pub fn load_or_create(data_dir: &Path) -> Result<DeviceKey, ServerKeyError> {
    if let Some(key) = load(data_dir)? {
        return Ok(key);
    }
    let key = DeviceKey::generate();
    write(data_dir, &key)?;
    tracing::info!(public = %String::from(key.public()), "made the server's signing key");
    Ok(key)
}

/// The key in `data_dir`, if it has one.
pub fn load(data_dir: &Path) -> Result<Option<DeviceKey>, ServerKeyError> {
    let path = data_dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => DeviceKey::from_secret_hex(text.trim())
            .map(Some)
            .ok_or(ServerKeyError::Damaged(path)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io(&path)(error)),
    }
}

/// Writes `key` as `dir/server.key`: into a temporary file of mode 0600, made durable, then
/// renamed over the name, so the file is either the old one or the whole new one.
pub fn write(dir: &Path, key: &DeviceKey) -> Result<(), ServerKeyError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(KEY_FILE);
    let partial = dir.join(format!(".{KEY_FILE}.partial-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&partial).and_then(|mut file| {
        file.write_all(key.secret_hex().as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()
    });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(io(&partial)(error));
    }
    std::fs::rename(&partial, &path).map_err(io(&path))?;
    std::fs::File::open(dir)
        .and_then(|dir| dir.sync_all())
        .map_err(io(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_private_and_read_back_the_same() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let made = load_or_create(dir.path())?;
        let again = load_or_create(dir.path())?;
        assert_eq!(made.public(), again.public());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))?
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Nothing is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .map(|entry| entry.map(|entry| entry.file_name()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, vec![std::ffi::OsString::from(KEY_FILE)]);

        std::fs::write(dir.path().join(KEY_FILE), "not a key")?;
        assert!(matches!(
            load_or_create(dir.path()),
            Err(ServerKeyError::Damaged(_))
        ));
        Ok(())
    }
}
