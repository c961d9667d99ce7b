//! `minyi log verify-receipt RECEIPT --key KEY --email ADDRESS [--petition ID] [--log-url URL]`:
//! a signer (or anyone they show their receipt and address to) checks that the log holds the
//! signature. The receipt does not name the petition, so the `sign` entry at its index is either
//! downloaded (the entry bundle of 256 entries holding it: the log learns only which 256) or,
//! with `--petition`, rebuilt here from the receipt's salt and the address, with no network at
//! all. Either way the inclusion proof decides: a wrong entry is simply not in the log.
use super::audit::{HttpSource, LogSource, load_key, parse_args, value};
use crate::domain::tlog::checkpoint;
use crate::domain::tlog::receipt::Receipt;
use crate::domain::tlog::signer::{self, SignerReceiptError, Verified};
use crate::domain::tlog::tiles::{TILE_WIDTH, decode_entries};

const USAGE: &str = "usage: minyi log verify-receipt RECEIPT_FILE --key KEY --email ADDRESS [--petition ID] [--log-url URL]";

/// The arguments after `verify-receipt`. `--key` may be repeated (the log's keys over time).
pub async fn verify_receipt(args: &[String]) -> Result<String, String> {
    let usage = |e: &str| format!("{e}\n{USAGE}");
    let (positional, flags) = parse_args(args, &["--key", "--email", "--petition", "--log-url"]).map_err(|e| usage(e.as_str()))?;
    let [file] = positional.as_slice() else {
        return Err(usage("one RECEIPT_FILE is needed"));
    };
    let verifiers = flags.iter().filter(|(f, _)| *f == "--key").map(|(_, k)| load_key(k)).collect::<Result<Vec<_>, _>>()?;
    if verifiers.is_empty() {
        return Err(usage("--key is required: the log's verifier key, as published by the site (or a file holding it)"));
    }
    let email = value(&flags, "--email").ok_or_else(|| usage("--email is required: the address you signed with"))?;
    let petition = match value(&flags, "--petition") {
        Some(p) => Some(p.parse::<i64>().map_err(|_| usage("--petition must be the petition's number"))?),
        None => None,
    };
    let text = std::fs::read_to_string(file).map_err(|e| format!("reading {file}: {e}"))?;
    let entry = match petition {
        Some(id) => signer::expected_entry(&text, id, email).map_err(|e| format!("NOT VERIFIED: {e}"))?,
        None => {
            let receipt = Receipt::parse(&text).map_err(|e| format!("NOT VERIFIED: {e}"))?;
            // The checkpoint names the log (its origin) and its size, which locate the entry bundle.
            let cp = verifiers
                .iter()
                .find_map(|v| checkpoint::open(receipt.checkpoint.as_bytes(), v).ok())
                .ok_or_else(|| format!("NOT VERIFIED: {}", SignerReceiptError::BadSignature))?;
            let log_url = value(&flags, "--log-url").map_or_else(|| format!("https://{}", cp.origin), str::to_owned);
            fetch_entry(&HttpSource::for_log(&log_url), receipt.index, cp.size).await?
        }
    };
    let verified = signer::verify_signer_receipt(&text, &entry, email, &verifiers).map_err(|e| explain(&e, petition))?;
    Ok(render(&verified))
}

/// The entry at `index` of the tree of `tree_size`, from its entry bundle.
pub(super) async fn fetch_entry(src: &impl LogSource, index: u64, tree_size: u64) -> Result<String, String> {
    let tile = signer::entry_bundle_for(index, tree_size).ok_or("NOT VERIFIED: the receipt's index is beyond its checkpoint's tree size")?;
    let path = tile.entries_path();
    let bundle = src.log(&path).await.map_err(|e| format!("fetching {path}: {e}"))?;
    let entries = decode_entries(&bundle).map_err(|e| format!("{path}: {e}"))?;
    if entries.len() != usize::from(tile.width) {
        return Err(format!("{path}: {} entries where the path says {}", entries.len(), tile.width));
    }
    let slot = usize::try_from(index % u64::from(TILE_WIDTH)).map_err(|e| e.to_string())?;
    let data = entries.get(slot).ok_or_else(|| format!("{path}: no entry {index}"))?;
    String::from_utf8(data.clone()).map_err(|_| format!("{path}: entry {index} is not text"))
}

fn explain(e: &SignerReceiptError, petition: Option<i64>) -> String {
    match (e, petition) {
        // Offline, the entry was rebuilt from the address: a wrong address or number lands here.
        (SignerReceiptError::NotIncluded, Some(id)) => format!(
            "NOT VERIFIED: the log holds no signature of petition {id} by this address at the receipt's index \
             (check the address and the petition number; or the receipt was altered)"
        ),
        _ => format!("NOT VERIFIED: {e}"),
    }
}

fn render(v: &Verified) -> String {
    format!(
        "petition {}\nleaf index {}\ntree size {}\nlog {}\nOK: the log holds your signature of petition {} (as of its checkpoint of size {})",
        v.petition_id, v.index, v.tree_size, v.origin, v.petition_id, v.tree_size
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tlog::checkpoint::Checkpoint;
    use crate::domain::tlog::entry::{Entry, commitment};
    use crate::domain::tlog::merkle::{Hash, leaf_hash, stored_hashes_for_record, tree_hash};
    use crate::domain::tlog::note::Signer;
    use crate::domain::tlog::proof::prove_record;
    use crate::domain::tlog::tiles::encode_entries;
    use crate::server::tlog::audit_source_mem::MemSource;

    const ORIGIN: &str = "example.org/log";

    /// Three signatures (petitions 7, 7, 8); the receipt of the second, by lin@example.tw.
    fn log() -> (Vec<String>, String, Signer) {
        let signer = Signer::from_seed(ORIGIN, &[5; 32]).unwrap();
        let entries: Vec<String> = [(7, 1u8, "mei@example.tw"), (7, 2, "lin@example.tw"), (8, 3, "mei@example.tw")]
            .iter()
            .map(|&(p, s, email)| Entry::Sign { petition_id: p, commitment: commitment(p, &[s; 32], email) }.to_text())
            .collect();
        let mut stored: Vec<Hash> = Vec::new();
        for (n, e) in entries.iter().enumerate() {
            let new = stored_hashes_for_record(n as u64, leaf_hash(e.as_bytes()), stored.as_slice()).unwrap();
            stored.extend(new);
        }
        let cp = Checkpoint { origin: ORIGIN.into(), size: 3, hash: tree_hash(3, stored.as_slice()).unwrap() };
        let path = prove_record(3, 1, stored.as_slice()).unwrap();
        let receipt = Receipt { extra: Some(vec![2; 32]), index: 1, path, checkpoint: cp.sign(&signer).unwrap() };
        (entries, receipt.to_text(), signer)
    }

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[tokio::test]
    async fn offline_verification_with_the_petition_number() {
        let (_, receipt, signer) = log();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("receipt.txt");
        std::fs::write(&file, receipt).unwrap();
        let key_file = dir.path().join("key");
        std::fs::write(&key_file, format!("{}\n", signer.verifier().to_key_string())).unwrap();
        let file = file.to_str().unwrap();
        let vkey = signer.verifier().to_key_string();
        let out = verify_receipt(&args(&[file, "--key", &vkey, "--email", "Lin@example.tw", "--petition", "7"])).await.unwrap();
        assert!(out.starts_with("petition 7\nleaf index 1\ntree size 3\nlog example.org/log\nOK"), "{out}");
        // The key as a file, as /log/key serves it.
        assert!(verify_receipt(&args(&[file, "--key", key_file.to_str().unwrap(), "--email", "lin@example.tw", "--petition", "7"])).await.is_ok());
        let wrong = verify_receipt(&args(&[file, "--key", &vkey, "--email", "mei@example.tw", "--petition", "7"])).await.unwrap_err();
        assert!(wrong.starts_with("NOT VERIFIED") && wrong.contains("petition 7"), "{wrong}");
        assert!(verify_receipt(&args(&[file, "--key", &vkey, "--email", "lin@example.tw", "--petition", "8"])).await.is_err());
        let other = Signer::from_seed(ORIGIN, &[6; 32]).unwrap().verifier().to_key_string();
        let e = verify_receipt(&args(&[file, "--key", &other, "--email", "lin@example.tw", "--petition", "7"])).await.unwrap_err();
        assert!(e.contains("not signed by the log's key"), "{e}");
        // Arguments.
        assert!(verify_receipt(&args(&[file, "--email", "lin@example.tw"])).await.unwrap_err().contains("--key is required"));
        assert!(verify_receipt(&args(&[file, "--key", &vkey])).await.unwrap_err().contains("--email is required"));
        assert!(verify_receipt(&args(&[file, "--key", &vkey, "--email", "a@b.tw", "--bogus", "1"])).await.unwrap_err().contains("unknown option"));
        assert!(verify_receipt(&args(&["--key", &vkey, "--email", "a@b.tw"])).await.unwrap_err().contains("RECEIPT_FILE"));
    }

    #[tokio::test]
    async fn the_entry_comes_from_its_bundle() {
        let (entries, receipt, signer) = log();
        let mut src = MemSource::default();
        src.files.insert("/log/tile/entries/000.p/3".into(), encode_entries(&entries).unwrap());
        let entry = fetch_entry(&src, 1, 3).await.unwrap();
        assert_eq!(entry, entries[1]);
        let v = signer::verify_signer_receipt(&receipt, &entry, "lin@example.tw", &[signer.verifier()]).unwrap();
        assert_eq!((v.petition_id, v.index, v.tree_size), (7, 1, 3));
        assert!(fetch_entry(&src, 3, 3).await.is_err());
        // A bundle of another width than its path says.
        src.files.insert("/log/tile/entries/000.p/3".into(), encode_entries(&entries[..2]).unwrap());
        assert!(fetch_entry(&src, 1, 3).await.unwrap_err().contains("2 entries"));
    }
}
