//! Inclusion ("record") and consistency ("tree") proofs, RFC 6962 §2.1.1 and §2.1.2 / RFC 9162
//! §2.1.3 and §2.1.4, built from stored hashes and checked against roots. Mirrors Go's
//! `golang.org/x/mod/sumdb/tlog` (`ProveRecord`, `CheckRecord`, `ProveTree`, `CheckTree`);
//! its proofs are byte-for-byte the RFC's audit paths and consistency proofs.
//! The checks take any input without panicking: proofs come from strangers.
use super::merkle::{Hash, HashReader, TlogError, maxpow2, node_hash, read_exact, subtree_hash, subtree_index};
use std::fmt;

/// Why a proof does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    /// The sizes or index make no proof possible (say, a record not below the tree size).
    InvalidInput,
    /// The proof does not lead to the given hashes.
    Mismatch,
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InvalidInput => "tlog: invalid inputs to a proof check",
            Self::Mismatch => "invalid transparency proof",
        })
    }
}

impl std::error::Error for ProofError {}

/// The stored indexes [`prove_record`] reads; `None` unless n < t.
pub fn record_proof_indexes(t: u64, n: u64) -> Option<Vec<u64>> {
    if n >= t {
        return None;
    }
    let mut need = Vec::new();
    leaf_proof_index(0, t, n, &mut need);
    Some(need)
}

/// The proof that the tree of size t holds record n (Go `ProveRecord`): the RFC audit path,
/// from the leaf's sibling up.
pub fn prove_record<R: HashReader + ?Sized>(t: u64, n: u64, reader: &R) -> Result<Vec<Hash>, TlogError<R::Error>> {
    let indexes = record_proof_indexes(t, n).ok_or(TlogError::InvalidInput)?;
    let mut hashes = read_exact(reader, &indexes)?.into_iter();
    let proof = leaf_proof(0, t, n, &mut hashes).ok_or(TlogError::Internal)?;
    if hashes.next().is_some() {
        return Err(TlogError::Internal);
    }
    Ok(proof)
}

/// Appends the indexes proving leaf n within records [lo, hi) (Go `leafProofIndex`).
fn leaf_proof_index(lo: u64, hi: u64, n: u64, need: &mut Vec<u64>) {
    if lo + 1 == hi {
        return;
    }
    let (k, _) = maxpow2(hi - lo);
    if n < lo + k {
        leaf_proof_index(lo, lo + k, n, need);
        subtree_index(lo + k, hi, need);
    } else {
        subtree_index(lo, lo + k, need);
        leaf_proof_index(lo + k, hi, n, need);
    }
}

/// The proof of leaf n within records [lo, hi), consuming the hashes [`leaf_proof_index`]
/// named in the same order (Go `leafProof`).
fn leaf_proof<I: Iterator<Item = Hash>>(lo: u64, hi: u64, n: u64, hashes: &mut I) -> Option<Vec<Hash>> {
    if lo + 1 == hi {
        // The verifier knows the leaf hash: it is not sent.
        return Some(Vec::new());
    }
    // Walk down towards n, recording the hash of the side not taken.
    let (k, _) = maxpow2(hi - lo);
    let (mut proof, other) = if n < lo + k {
        let proof = leaf_proof(lo, lo + k, n, hashes)?;
        (proof, subtree_hash(lo + k, hi, hashes)?)
    } else {
        let other = subtree_hash(lo, lo + k, hashes)?;
        (leaf_proof(lo + k, hi, n, hashes)?, other)
    };
    proof.push(other);
    Some(proof)
}

/// Checks that `proof` shows the tree of size t with root `th` holding record n with leaf
/// hash `h` (Go `CheckRecord`).
pub fn check_record(proof: &[Hash], t: u64, th: &Hash, n: u64, h: &Hash) -> Result<(), ProofError> {
    if n >= t {
        return Err(ProofError::InvalidInput);
    }
    if run_record_proof(proof, 0, t, n, h)? == *th { Ok(()) } else { Err(ProofError::Mismatch) }
}

/// The root of records [lo, hi) implied by the proof of leaf n (Go `runRecordProof`).
fn run_record_proof(proof: &[Hash], lo: u64, hi: u64, n: u64, leaf: &Hash) -> Result<Hash, ProofError> {
    if lo + 1 == hi {
        // At the leaf, the proof must be used up exactly.
        return if proof.is_empty() { Ok(*leaf) } else { Err(ProofError::Mismatch) };
    }
    let (last, rest) = proof.split_last().ok_or(ProofError::Mismatch)?;
    let (k, _) = maxpow2(hi - lo);
    if n < lo + k {
        Ok(node_hash(&run_record_proof(rest, lo, lo + k, n, leaf)?, last))
    } else {
        Ok(node_hash(last, &run_record_proof(rest, lo + k, hi, n, leaf)?))
    }
}

/// The stored indexes [`prove_tree`] reads; `None` unless 1 ≤ n ≤ t.
pub fn tree_proof_indexes(t: u64, n: u64) -> Option<Vec<u64>> {
    if n < 1 || n > t {
        return None;
    }
    let mut need = Vec::new();
    tree_proof_index(0, t, n, &mut need);
    Some(need)
}

/// The proof that the tree of size t extends the tree of size n (Go `ProveTree`): the RFC
/// consistency proof. Empty when n == t.
pub fn prove_tree<R: HashReader + ?Sized>(t: u64, n: u64, reader: &R) -> Result<Vec<Hash>, TlogError<R::Error>> {
    let indexes = tree_proof_indexes(t, n).ok_or(TlogError::InvalidInput)?;
    let mut hashes = read_exact(reader, &indexes)?.into_iter();
    let proof = tree_proof(0, t, n, &mut hashes).ok_or(TlogError::Internal)?;
    if hashes.next().is_some() {
        return Err(TlogError::Internal);
    }
    Ok(proof)
}

/// Appends the indexes for the part of the proof within records [lo, hi) (Go `treeProofIndex`).
fn tree_proof_index(lo: u64, hi: u64, n: u64, need: &mut Vec<u64>) {
    if n == hi {
        // Common ground: the old tree itself needs nothing, any other subtree its hash.
        if lo != 0 {
            subtree_index(lo, hi, need);
        }
        return;
    }
    let (k, _) = maxpow2(hi - lo);
    if n <= lo + k {
        tree_proof_index(lo, lo + k, n, need);
        subtree_index(lo + k, hi, need);
    } else {
        subtree_index(lo, lo + k, need);
        tree_proof_index(lo + k, hi, n, need);
    }
}

/// The part of the proof within records [lo, hi), consuming hashes (Go `treeProof`).
fn tree_proof<I: Iterator<Item = Hash>>(lo: u64, hi: u64, n: u64, hashes: &mut I) -> Option<Vec<Hash>> {
    if n == hi {
        // The verifier knows the old root: it is not sent.
        return if lo == 0 { Some(Vec::new()) } else { Some(vec![subtree_hash(lo, hi, hashes)?]) };
    }
    let (k, _) = maxpow2(hi - lo);
    let (mut proof, other) = if n <= lo + k {
        let proof = tree_proof(lo, lo + k, n, hashes)?;
        (proof, subtree_hash(lo + k, hi, hashes)?)
    } else {
        let other = subtree_hash(lo, lo + k, hashes)?;
        (tree_proof(lo + k, hi, n, hashes)?, other)
    };
    proof.push(other);
    Some(proof)
}

/// Checks that `proof` shows the tree of size t with root `th` extending the tree of size n
/// with root `h` (Go `CheckTree`).
pub fn check_tree(proof: &[Hash], t: u64, th: &Hash, n: u64, h: &Hash) -> Result<(), ProofError> {
    if n < 1 || n > t {
        return Err(ProofError::InvalidInput);
    }
    let (old, new) = run_tree_proof(proof, 0, t, n, h)?;
    if new == *th && old == *h { Ok(()) } else { Err(ProofError::Mismatch) }
}

/// The old and new hashes of records [lo, hi) implied by the proof (Go `runTreeProof`).
fn run_tree_proof(proof: &[Hash], lo: u64, hi: u64, n: u64, old: &Hash) -> Result<(Hash, Hash), ProofError> {
    if n == hi {
        return match (lo, proof) {
            (0, []) => Ok((*old, *old)),
            (0, _) => Err(ProofError::Mismatch),
            (_, [only]) => Ok((*only, *only)),
            _ => Err(ProofError::Mismatch),
        };
    }
    let (last, rest) = proof.split_last().ok_or(ProofError::Mismatch)?;
    let (k, _) = maxpow2(hi - lo);
    if n <= lo + k {
        let (old_h, new_h) = run_tree_proof(rest, lo, lo + k, n, old)?;
        Ok((old_h, node_hash(&new_h, last)))
    } else {
        let (old_h, new_h) = run_tree_proof(rest, lo + k, hi, n, old)?;
        Ok((node_hash(last, &old_h), node_hash(last, &new_h)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tlog::merkle::testdata::{ROOTS, h, numbered_leaves, storage, vector_leaf_hashes};
    use crate::domain::tlog::merkle::{root, tree_hash};

    const H96: &str = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
    const H5F: &str = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    const H6B: &str = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
    const HBC: &str = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
    const HCA: &str = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    const HD3: &str = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
    const H0E: &str = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";

    /// (record index, tree size, audit path): transparency-dev/merkle `proof/verify_test.go`
    /// `inclusionProofs` (which counts leaves from 1; here from 0).
    fn inclusion_vectors() -> Vec<(u64, u64, Vec<&'static str>)> {
        vec![
            (0, 1, vec![]),
            (0, 8, vec![H96, H5F, H6B]),
            (5, 8, vec![HBC, HCA, HD3]),
            (2, 3, vec!["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
            (1, 5, vec!["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", H5F, HBC]),
        ]
    }

    /// (old size, new size, proof): the same file's `consistencyProofs`.
    fn consistency_vectors() -> Vec<(u64, u64, Vec<&'static str>)> {
        vec![
            (1, 1, vec![]),
            (1, 8, vec![H96, H5F, H6B]),
            (6, 8, vec![H0E, HCA, HD3]),
            (2, 5, vec![H5F, HBC]),
            (6, 7, vec![H0E, "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", HD3]),
        ]
    }

    fn hashes(hex: &[&str]) -> Vec<Hash> {
        hex.iter().map(|x| h(x)).collect()
    }

    #[test]
    fn rfc6962_vectors_are_proved_and_checked() {
        let leaves = vector_leaf_hashes();
        let stored = storage(&leaves);
        for (n, t, want) in inclusion_vectors() {
            let want = hashes(&want);
            assert_eq!(prove_record(t, n, stored.as_slice()).unwrap(), want, "record {n} in {t}");
            assert_eq!(check_record(&want, t, &h(ROOTS[t as usize]), n, &leaves[n as usize]), Ok(()));
        }
        for (n, t, want) in consistency_vectors() {
            let want = hashes(&want);
            assert_eq!(prove_tree(t, n, stored.as_slice()).unwrap(), want, "tree {n} in {t}");
            assert_eq!(check_tree(&want, t, &h(ROOTS[t as usize]), n, &h(ROOTS[n as usize])), Ok(()));
        }
    }

    /// Every way of spoiling a good record proof fails.
    fn assert_record_tamper_fails(proof: &[Hash], t: u64, th: &Hash, n: u64, leaf: &Hash) {
        for i in 0..proof.len() {
            let mut bad = proof.to_vec();
            bad[i][0] ^= 8;
            assert_eq!(check_record(&bad, t, th, n, leaf), Err(ProofError::Mismatch));
            assert!(check_record(&proof[..i], t, th, n, leaf).is_err(), "truncated");
        }
        let mut longer = proof.to_vec();
        longer.push(*th);
        assert!(check_record(&longer, t, th, n, leaf).is_err(), "trailing hash");
        let mut leaf2 = *leaf;
        leaf2[31] ^= 1;
        assert_eq!(check_record(proof, t, th, n, &leaf2), Err(ProofError::Mismatch));
        if t > 1 {
            assert!(check_record(proof, t, th, (n + 1) % t, leaf).is_err(), "other index");
        }
        assert!(check_record(proof, t * 2, th, n, leaf).is_err(), "other size");
    }

    #[test]
    fn every_record_proof_checks_and_tampering_fails() {
        for (count, leaves) in [(8, vector_leaf_hashes()), (40, numbered_leaves(40))] {
            let stored = storage(&leaves);
            for t in 1..=count {
                let th = tree_hash(t, stored.as_slice()).unwrap();
                assert_eq!(th, root(&leaves[..t as usize]));
                for n in 0..t {
                    let proof = prove_record(t, n, stored.as_slice()).unwrap();
                    assert_eq!(check_record(&proof, t, &th, n, &leaves[n as usize]), Ok(()), "record {n} in {t}");
                    assert_record_tamper_fails(&proof, t, &th, n, &leaves[n as usize]);
                }
            }
        }
    }

    #[test]
    fn every_tree_proof_checks_and_tampering_fails() {
        for (count, leaves) in [(8, vector_leaf_hashes()), (40, numbered_leaves(40))] {
            let stored = storage(&leaves);
            let roots: Vec<Hash> = (0..=count).map(|s| root(&leaves[..s as usize])).collect();
            for t in 1..=count {
                for n in 1..=t {
                    let (th, oh) = (&roots[t as usize], &roots[n as usize]);
                    let proof = prove_tree(t, n, stored.as_slice()).unwrap();
                    assert_eq!(check_tree(&proof, t, th, n, oh), Ok(()), "tree {n} in {t}");
                    for i in 0..proof.len() {
                        let mut bad = proof.clone();
                        bad[i][0] ^= 16;
                        assert_eq!(check_tree(&bad, t, th, n, oh), Err(ProofError::Mismatch));
                        assert!(check_tree(&proof[..i], t, th, n, oh).is_err(), "truncated");
                    }
                    let mut longer = proof.clone();
                    longer.push(*th);
                    assert!(check_tree(&longer, t, th, n, oh).is_err(), "trailing hash");
                    if n < t {
                        assert!(check_tree(&proof, t, oh, n, th).is_err(), "swapped roots");
                        assert!(check_tree(&proof, t, th, n, &roots[0]).is_err(), "wrong old root");
                    }
                }
            }
        }
    }

    #[test]
    fn impossible_inputs_are_refused() {
        let stored = storage(&vector_leaf_hashes());
        let any = h(ROOTS[1]);
        assert_eq!(check_record(&[], 0, &any, 0, &any), Err(ProofError::InvalidInput));
        assert_eq!(check_record(&[], 3, &any, 3, &any), Err(ProofError::InvalidInput));
        assert_eq!(check_tree(&[], 3, &any, 0, &any), Err(ProofError::InvalidInput));
        assert_eq!(check_tree(&[], 3, &any, 4, &any), Err(ProofError::InvalidInput));
        assert_eq!(prove_record(8, 8, stored.as_slice()), Err(TlogError::InvalidInput));
        assert_eq!(prove_tree(8, 0, stored.as_slice()), Err(TlogError::InvalidInput));
        // A proof for a tree larger than the storage asks for hashes it does not have.
        assert!(matches!(prove_record(20, 3, stored.as_slice()), Err(TlogError::Read(_))));
        // Huge sizes and long junk proofs are answered, not panicked on.
        let junk = [any; 100];
        assert_eq!(check_record(&junk, u64::MAX, &any, u64::MAX - 1, &any), Err(ProofError::Mismatch));
        assert_eq!(check_tree(&junk, u64::MAX, &any, 1 << 40, &any), Err(ProofError::Mismatch));
        assert_eq!(check_tree(&[], 5, &any, 5, &any), Ok(()));
    }
}
