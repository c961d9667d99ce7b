//! The signature transparency log (issue 18): the signing key, the sequencer that turns the
//! queue of counted-state changes into entries and signed checkpoints, receipts, and the
//! command-line verifiers. The pure log (hashing, proofs, tiles, notes) is `domain::tlog`.
pub mod audit;
#[cfg(test)]
pub mod audit_source_mem;
pub mod cli;
pub mod keys;
pub mod receipts;
pub mod sequencer;
pub mod verify;

use crate::domain::tlog::note::{Signer, Verifier};

/// The log as this instance signs it.
pub struct Log {
    pub signer: Signer,
    pub verifier: Verifier,
    /// The verifier key line (`name+keyid+key`), as served at `/log/key`.
    pub vkey: String,
    pub origin: String,
}

impl Log {
    pub fn new(signer: Signer) -> Self {
        let verifier = signer.verifier();
        let vkey = verifier.to_key_string();
        let origin = signer.name().to_string();
        Self { signer, verifier, vkey, origin }
    }
}

impl std::fmt::Debug for Log {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Log").field("vkey", &self.vkey).finish_non_exhaustive()
    }
}
