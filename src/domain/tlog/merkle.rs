//! RFC 6962 / RFC 9162 Merkle tree hashing, and the stored-hash layout of Go's
//! `golang.org/x/mod/sumdb/tlog` (tlog.go): every complete subtree's hash gets one dense
//! index, so appending record n writes a few hashes at the end and nothing is rewritten.
//! The algorithms mirror Go's line for line (they are proven compatible with Certificate
//! Transparency); Go's "bad math" panics become `TlogError::Internal`.
//!
//! Stored indexes are about twice the record index, so trees up to 2^62 records are handled.
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// A SHA-256 hash: a record's leaf hash, a subtree's hash or a tree's root.
pub type Hash = [u8; 32];
/// Bytes in a [`Hash`].
pub const HASH_SIZE: usize = 32;

/// RFC 6962 §2.1 leaf hash: SHA-256(0x00 ‖ entry).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00u8]);
    h.update(entry);
    h.finalize().into()
}

/// RFC 6962 §2.1 interior node hash: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1).
pub fn empty_root() -> Hash {
    Sha256::digest(b"").into()
}

/// RFC 9162 MTH over leaf hashes: split at the largest power of two smaller than n.
/// Linear in memory and time; for tests, small trees and cross-checks.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => empty_root(),
        [only] => *only,
        _ => {
            let k = 1usize << (leaves.len() - 1).ilog2();
            let (left, right) = leaves.split_at(k);
            node_hash(&root(left), &root(right))
        }
    }
}

/// k, the largest power of two smaller than n (n ≥ 2), and l = log₂ k (Go `maxpow2`).
pub(super) fn maxpow2(n: u64) -> (u64, u8) {
    // `max(2)` keeps a (never made) call with n < 2 from underflowing: Go answers (1, 0) there too.
    let l = (n.max(2) - 1).ilog2();
    (1 << l, l as u8)
}

/// Maps tree coordinates (level, n) to the dense storage order (Go `StoredHashIndex`):
/// level L's n-th hash is written right after level L+1's (2n+1)-th hash.
pub fn stored_hash_index(level: u8, mut n: u64) -> u64 {
    for _ in 0..level {
        n = 2 * n + 1;
    }
    // Level 0's n-th hash sits at n + n/2 + n/4 + ….
    let mut i = 0;
    while n > 0 {
        i += n;
        n >>= 1;
    }
    i + u64::from(level)
}

/// The inverse of [`stored_hash_index`] (Go `SplitStoredHashIndex`).
pub fn split_stored_hash_index(index: u64) -> (u8, u64) {
    // stored_hash_index(0, n) < 2n, so the record we want is in [index/2, index/2 + log₂ index].
    let mut n = index / 2;
    let mut index_n = stored_hash_index(0, n);
    loop {
        // Each record n adds 1 + trailing_zeros(n + 1) hashes.
        let x = index_n + 1 + u64::from((n + 1).trailing_zeros());
        if x > index {
            break;
        }
        n += 1;
        index_n = x;
    }
    // The hash was written with record n: it is one of (0, n), (1, n/2), (2, n/4), ….
    let level = (index - index_n) as u8;
    (level, n >> level)
}

/// How many hashes a tree of n records stores (Go `StoredHashCount`).
pub fn stored_hash_count(n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    // The hashes up to the last leaf, plus one per subtree that leaf completes.
    stored_hash_index(0, n - 1) + 1 + u64::from((n - 1).trailing_ones())
}

/// Reads stored hashes by index; storage behind it may be a database, tiles or memory.
pub trait HashReader {
    type Error;
    /// One hash per index, in the order asked. The indexes come sorted ascending.
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, Self::Error>;
}

/// A stored hash the reader does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingHash(pub u64);

impl fmt::Display for MissingHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no stored hash at index {}", self.0)
    }
}

impl std::error::Error for MissingHash {}

/// All stored hashes in order: in-memory trees and tests.
impl HashReader for [Hash] {
    type Error = MissingHash;
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, MissingHash> {
        indexes.iter().map(|&i| usize::try_from(i).ok().and_then(|u| self.get(u)).copied().ok_or(MissingHash(i))).collect()
    }
}

/// Hashes fetched ahead of time: async storage reads the indexes a `*_indexes` function
/// plans, then runs the pure computation over this map.
impl HashReader for BTreeMap<u64, Hash> {
    type Error = MissingHash;
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, MissingHash> {
        indexes.iter().map(|&i| self.get(&i).copied().ok_or(MissingHash(i))).collect()
    }
}

/// Why a computation over stored hashes failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlogError<E> {
    /// The reader failed.
    Read(E),
    /// The reader answered with another number of hashes than indexes asked.
    WrongCount { want: usize, got: usize },
    /// Sizes or indexes out of range (say, a record not below the tree size).
    InvalidInput,
    /// The index plan and the hashes disagree: a bug here (Go panics).
    Internal,
}

impl<E: fmt::Display> fmt::Display for TlogError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(e) => write!(f, "tlog: reading hashes: {e}"),
            Self::WrongCount { want, got } => write!(f, "tlog: read {got} hashes for {want} indexes"),
            Self::InvalidInput => f.write_str("tlog: invalid inputs"),
            Self::Internal => f.write_str("tlog: bad index math"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for TlogError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read(e) => Some(e),
            _ => None,
        }
    }
}

/// Reads `indexes`, insisting on one hash each. Nothing to read means no call at all.
pub(super) fn read_exact<R: HashReader + ?Sized>(reader: &R, indexes: &[u64]) -> Result<Vec<Hash>, TlogError<R::Error>> {
    if indexes.is_empty() {
        return Ok(Vec::new());
    }
    let hashes = reader.read_hashes(indexes).map_err(TlogError::Read)?;
    if hashes.len() != indexes.len() {
        return Err(TlogError::WrongCount { want: indexes.len(), got: hashes.len() });
    }
    Ok(hashes)
}

/// The stored indexes [`stored_hashes_for_record`] reads for record n, ascending.
pub fn stored_hashes_indexes(n: u64) -> Vec<u64> {
    // Each trailing 1 bit of n completes a subtree, consuming the hash of its left sibling.
    let m = (n + 1).trailing_zeros() as u8;
    (0..m).rev().map(|i| stored_hash_index(i, (n >> i) - 1)).collect()
}

/// The hashes to append to storage (at `stored_hash_index(0, n)`) when adding record n with
/// this leaf hash: the leaf, then one per subtree it completes (Go `StoredHashesForRecordHash`).
pub fn stored_hashes_for_record<R: HashReader + ?Sized>(n: u64, leaf: Hash, reader: &R) -> Result<Vec<Hash>, TlogError<R::Error>> {
    let old = read_exact(reader, &stored_hashes_indexes(n))?;
    let mut hashes = Vec::with_capacity(1 + old.len());
    let mut h = leaf;
    hashes.push(h);
    for left in old.iter().rev() {
        h = node_hash(left, &h);
        hashes.push(h);
    }
    Ok(hashes)
}

/// Appends the stored indexes of the complete subtrees covering records [lo, hi) (Go `subTreeIndex`).
pub(super) fn subtree_index(mut lo: u64, hi: u64, need: &mut Vec<u64>) {
    while lo < hi {
        let (k, level) = maxpow2(hi - lo + 1);
        debug_assert_eq!(lo & (k - 1), 0, "tlog: bad math in subtree_index");
        need.push(stored_hash_index(level, lo >> level));
        lo += k;
    }
}

/// The hash of records [lo, hi) from the hashes [`subtree_index`] named, consuming them
/// (Go `subTreeHash`). `None` when they run out.
pub(super) fn subtree_hash(mut lo: u64, hi: u64, hashes: &mut impl Iterator<Item = Hash>) -> Option<Hash> {
    // Complete subtrees left to right; the root folds them from the right.
    let mut parts = Vec::new();
    while lo < hi {
        let (k, _) = maxpow2(hi - lo + 1);
        parts.push(hashes.next()?);
        lo += k;
    }
    let mut h = parts.pop()?;
    while let Some(left) = parts.pop() {
        h = node_hash(&left, &h);
    }
    Some(h)
}

/// The stored indexes [`tree_hash`] reads for a tree of n records (at most 1 + log₂ n).
pub fn tree_hash_indexes(n: u64) -> Vec<u64> {
    let mut need = Vec::new();
    subtree_index(0, n, &mut need);
    need
}

/// The root of the tree of n records from its stored hashes (Go `TreeHash`), in one read.
/// Unlike Go (all zeros), the empty tree's root is [`empty_root`], as RFC 9162 defines it.
pub fn tree_hash<R: HashReader + ?Sized>(n: u64, reader: &R) -> Result<Hash, TlogError<R::Error>> {
    if n == 0 {
        return Ok(empty_root());
    }
    let hashes = read_exact(reader, &tree_hash_indexes(n))?;
    let mut rest = hashes.into_iter();
    let h = subtree_hash(0, n, &mut rest).ok_or(TlogError::Internal)?;
    if rest.next().is_some() {
        return Err(TlogError::Internal);
    }
    Ok(h)
}

/// Known trees and a way to store them, shared by the tests of this module's siblings.
#[cfg(test)]
pub(super) mod testdata {
    use super::*;

    /// Lowercase hex to bytes (the `hex` crate is ssr-only).
    pub fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    pub fn h(s: &str) -> Hash {
        unhex(s).try_into().unwrap()
    }

    /// The RFC 6962 test tree's leaves, from transparency-dev/merkle `testonly/constants.go`
    /// (`LeafInputs`), the same as certificate-transparency-go's merkle tests.
    pub const LEAVES: [&str; 8] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    /// Roots of the trees of sizes 0..=8 over [`LEAVES`]: transparency-dev/merkle
    /// `testonly/constants.go` (`RootHashes`, `EmptyRootHash`).
    pub const ROOTS: [&str; 9] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    pub fn vector_leaf_hashes() -> Vec<Hash> {
        LEAVES.iter().map(|l| leaf_hash(&unhex(l))).collect()
    }

    /// The stored hashes of a tree with these leaf hashes, appended record by record.
    pub fn storage(leaves: &[Hash]) -> Vec<Hash> {
        let mut stored: Vec<Hash> = Vec::new();
        for (n, leaf) in leaves.iter().enumerate() {
            let new = stored_hashes_for_record(n as u64, *leaf, stored.as_slice()).unwrap();
            stored.extend(new);
        }
        stored
    }

    /// Leaf hashes of records "leaf 0", "leaf 1", … (as Go's tlog tests name them).
    pub fn numbered_leaves(count: u64) -> Vec<Hash> {
        (0..count).map(|i| leaf_hash(format!("leaf {i}").as_bytes())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::*;
    use super::*;

    #[test]
    fn hashes_match_the_rfc6962_test_tree() {
        assert_eq!(empty_root(), h(ROOTS[0]));
        // transparency-dev/merkle testonly/constants.go `NodeHashes`: leaves, then level 1.
        let leaves = vector_leaf_hashes();
        assert_eq!(leaves[0], h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
        assert_eq!(leaves[7], h("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"));
        assert_eq!(node_hash(&leaves[0], &leaves[1]), h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        assert_eq!(node_hash(&leaves[6], &leaves[7]), h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"));
        for (size, want) in ROOTS.iter().enumerate() {
            assert_eq!(root(&leaves[..size]), h(want), "root of size {size}");
        }
    }

    #[test]
    fn stored_tree_hashes_match_the_vectors() {
        let leaves = vector_leaf_hashes();
        let stored = storage(&leaves);
        assert_eq!(stored.len() as u64, stored_hash_count(8));
        for (size, want) in ROOTS.iter().enumerate() {
            assert_eq!(tree_hash(size as u64, stored.as_slice()).unwrap(), h(want), "tree hash of size {size}");
        }
    }

    #[test]
    fn stored_index_layout_is_gos() {
        // (level, n) → index for the first records: 0:(0,0) 1:(0,1) 2:(1,0) 3:(0,2) 4:(0,3) 5:(1,1) 6:(2,0) 7:(0,4).
        let order = [(0, 0), (0, 1), (1, 0), (0, 2), (0, 3), (1, 1), (2, 0), (0, 4)];
        for (index, (level, n)) in order.into_iter().enumerate() {
            assert_eq!(stored_hash_index(level, n), index as u64);
            assert_eq!(split_stored_hash_index(index as u64), (level, n));
        }
        assert_eq!([1, 2, 3, 4, 5].map(stored_hash_count), [1, 3, 4, 7, 8]);
        for index in 0..stored_hash_count(300) {
            let (level, n) = split_stored_hash_index(index);
            assert_eq!(stored_hash_index(level, n), index);
        }
        assert_eq!(stored_hashes_indexes(0), Vec::<u64>::new());
        assert_eq!(stored_hashes_indexes(3), [2, 3]);
    }

    #[test]
    fn appending_matches_the_plain_root() {
        let leaves = numbered_leaves(300);
        let mut stored: Vec<Hash> = Vec::new();
        for n in 0..300u64 {
            stored.extend(stored_hashes_for_record(n, leaves[n as usize], stored.as_slice()).unwrap());
            assert_eq!(stored.len() as u64, stored_hash_count(n + 1));
            assert_eq!(tree_hash(n + 1, stored.as_slice()).unwrap(), root(&leaves[..=n as usize]), "size {}", n + 1);
        }
        assert_eq!(tree_hash(0, stored.as_slice()).unwrap(), empty_root());
    }

    /// A reader that answers with too few hashes, or fails.
    struct Faulty(bool);
    impl HashReader for Faulty {
        type Error = MissingHash;
        fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, MissingHash> {
            if self.0 { Ok(vec![[0; 32]]) } else { Err(MissingHash(indexes[0])) }
        }
    }

    #[test]
    fn reader_faults_are_errors() {
        assert_eq!(tree_hash(3, &Faulty(true)), Err(TlogError::WrongCount { want: 2, got: 1 }));
        assert_eq!(tree_hash(3, &Faulty(false)), Err(TlogError::Read(MissingHash(2))));
        assert_eq!(tree_hash(9, &[[0u8; 32]][..]), Err(TlogError::Read(MissingHash(14))));
        let map: BTreeMap<u64, Hash> = storage(&vector_leaf_hashes()).into_iter().enumerate().map(|(i, h)| (i as u64, h)).collect();
        assert_eq!(tree_hash(8, &map).unwrap(), h(ROOTS[8]));
        assert_eq!(TlogError::Read(MissingHash(4)).to_string(), "tlog: reading hashes: no stored hash at index 4");
    }
}
