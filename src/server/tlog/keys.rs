//! The log's Ed25519 signing key: a file (mode 0600, never in the database), generated on
//! first start. Once the log has signed with a key, a missing key file stops the start:
//! replacing the key is an explicit operator act (`minyi log new-key --confirm`), because
//! every verifier has to be told the new key.
use super::Log;
use crate::domain::time::Timestamp;
use crate::domain::tlog::note::Signer;
use crate::server::config::{Config, LogKey};
use crate::server::db::{Db, tlog};
use crate::server::error::ServerError;
use rand::RngCore;
use std::io::Write;
use std::path::Path;

fn bad(m: String) -> ServerError {
    ServerError::Config(m)
}

fn new_signer(origin: &str) -> Result<Signer, ServerError> {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    Signer::from_seed(origin, &seed).map_err(|e| bad(format!("log key for origin {origin:?}: {e}")))
}

fn write_new(path: &Path, signer: &Signer) -> Result<(), ServerError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(format!("{}\n", signer.to_key_string()).as_bytes())?;
    file.sync_all()?;
    Ok(())
}

fn read(path: &Path, origin: &str) -> Result<Signer, ServerError> {
    let text = std::fs::read_to_string(path)?;
    let signer = Signer::parse(text.trim()).map_err(|e| bad(format!("log signing key {}: {e}", path.display())))?;
    if signer.name() != origin {
        return Err(bad(format!(
            "log signing key {} is for {:?}, but this site's log is {origin:?} (MINYI_BASE_URL): a new origin is a new log; move the key away to start one",
            path.display(),
            signer.name()
        )));
    }
    Ok(signer)
}

/// The key this instance signs with, registered in the database as the log's key.
pub async fn load_or_create(config: &Config, db: &Db, now: Timestamp) -> Result<Log, ServerError> {
    let origin = config.log_origin();
    let signer = match &config.log_key {
        LogKey::Fixed(seed) => Signer::from_seed(&origin, seed).map_err(|e| bad(format!("log key: {e}")))?,
        LogKey::File(path) if path.exists() => read(path, &origin)?,
        LogKey::File(path) => {
            let head = tlog::head(&db.pool).await?;
            if head.vkey.is_some() || tlog::checkpoint_count(&db.pool).await? > 0 {
                return Err(bad(format!(
                    "the log signing key {} is missing: restore it from backup, or run `minyi log new-key --confirm` (verifiers must then be told the new key)",
                    path.display()
                )));
            }
            let signer = new_signer(&origin)?;
            write_new(path, &signer)?;
            tracing::info!(path = %path.display(), "created the transparency log's signing key: back it up");
            signer
        }
    };
    let log = Log::new(signer);
    let mut tx = db.begin().await?;
    let registered = tlog::register_key(&mut tx, &log.vkey, now).await?;
    tx.commit().await?;
    if registered != log.vkey {
        return Err(bad(format!(
            "the log signing key does not match the log's key {registered:?}: restore the right key file, or run `minyi log new-key --confirm`"
        )));
    }
    Ok(log)
}

/// `minyi log new-key --confirm`: a new signing key for the same log. Returns a message.
pub async fn new_key(config: &Config, db: &Db, now: Timestamp, args: &[String]) -> Result<String, ServerError> {
    let LogKey::File(path) = &config.log_key else {
        return Err(bad("no key file configured".into()));
    };
    if !args.iter().any(|a| a == "--confirm") {
        return Err(bad(format!(
            "this writes a new log signing key to {} and makes it the log's key; every verifier must be told the new key (it is shown on /log and /log/key). Run again with --confirm.",
            path.display()
        )));
    }
    if path.exists() {
        return Err(bad(format!("{} exists: move it away first (keep it: it proves the old checkpoints)", path.display())));
    }
    let signer = new_signer(&config.log_origin())?;
    write_new(path, &signer)?;
    let log = Log::new(signer);
    let mut tx = db.begin().await?;
    tlog::replace_key(&mut tx, &log.vkey, now).await?;
    crate::server::db::users::audit(&mut **tx, None, "tlog.new_key", "log", &log.vkey, now).await?;
    tx.commit().await?;
    Ok(format!("new log key: {}\nrestart every instance; publish the new key to verifiers", log.vkey))
}
