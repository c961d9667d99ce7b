//! `minyi log …`: the verifiers anyone can run against a minyi site, with no configuration and
//! no database (main.rs dispatches them before reading the environment). `log new-key` needs
//! the database and is run after configuration, elsewhere.
use super::{audit, verify};
use std::process::ExitCode;

/// Lines for the usage text of `server::cli::USAGE`, in its layout.
pub const USAGE_LINES: &str = "       minyi log verify-receipt RECEIPT --key KEY --email ADDRESS [--petition ID] [--log-url URL]
                                                      (check a signature receipt; offline with --petition)
       minyi log audit BASE_URL [--since CHECKPOINT_FILE] [--key KEY]   (re-hash the whole log, recount every petition)
       minyi log new-key --confirm                    (replace a lost log signing key: verifiers must be told the new key)";

/// Runs `log verify-receipt` or `log audit`, printing the result (exit 0) or the failure
/// (exit 1); `None` for any other command line.
pub async fn run(args: &[String]) -> Option<ExitCode> {
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["log", "verify-receipt", rest @ ..] => verify::verify_receipt(&own(rest)).await,
        ["log", "audit", rest @ ..] => audit::run_audit(&own(rest)).await,
        _ => return None,
    };
    Some(match result {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    })
}

fn own(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_the_verifiers_are_taken() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let others: [&[&str]; 5] = [&[], &["serve"], &["log", "new-key", "--confirm"], &["admin", "export"], &["log"]];
        for other in others {
            assert!(run(&args(other)).await.is_none(), "{other:?}");
        }
        // Taken, and argument errors fail without touching the network.
        assert!(run(&args(&["log", "audit"])).await.is_some());
        assert!(run(&args(&["log", "verify-receipt", "r.txt"])).await.is_some());
        assert!(audit::run_audit(&args(&[])).await.unwrap_err().contains("BASE_URL"));
        assert!(audit::run_audit(&args(&["ftp://example.org"])).await.unwrap_err().contains("https://"));
        assert!(audit::run_audit(&args(&["https://example.org", "--since"])).await.unwrap_err().contains("--since needs a value"));
        assert!(verify::verify_receipt(&args(&["r.txt"])).await.unwrap_err().contains("--key is required"));
    }
}
