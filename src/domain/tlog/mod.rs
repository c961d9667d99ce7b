//! The transparency log of petition signatures (issue 18), as pure computation: an
//! append-only RFC 6962 / RFC 9162 Merkle tree, its hashes stored in the dense order of Go's
//! `golang.org/x/mod/sumdb/tlog`, inclusion and consistency proofs, and the C2SP tlog-tiles
//! encoding (<https://c2sp.org/tlog-tiles>) the log is served in. No I/O and no async here:
//! storage is reached through the `merkle::HashReader` trait, and everything also compiles
//! to wasm32 so the browser can verify proofs itself. The text formats: signed notes
//! (C2SP signed-note), checkpoints, receipts (tlog-proof@v1) and the log's entries.
pub mod checkpoint;
pub mod entry;
pub mod merkle;
pub mod note;
pub mod proof;
pub mod receipt;
pub mod signer;
pub mod tiles;
