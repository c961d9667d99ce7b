//! C2SP tlog-tiles (<https://c2sp.org/tlog-tiles>): the tree served as immutable files of 256
//! hashes, and the entries as bundles of 256. Mirrors tile.go of Go's
//! `golang.org/x/mod/sumdb/tlog` with the height fixed at 8. A level-L tile lists hashes of
//! level-8L subtrees (stored level 8L), so a full tile at level L is one hash at level L+1.
use super::merkle::{HASH_SIZE, Hash, HashReader, TlogError, node_hash, read_exact, split_stored_hash_index, stored_hash_index};
use std::fmt;
use std::ops::Range;

/// Tree levels one tile spans.
pub const TILE_HEIGHT: u8 = 8;
/// Hashes (or entries) in a full tile.
pub const TILE_WIDTH: u16 = 256;
/// The highest level a tile path may name (the spec's bound).
pub const MAX_LEVEL: u8 = 63;
/// Largest tree size the tile arithmetic accepts: stored indexes (about 2n) must fit a u64.
pub const MAX_TREE_SIZE: u64 = 1 << 62;
/// N is written in groups of three digits, so no directory holds more than 3000 names.
const PATH_BASE: u64 = 1000;

/// What a tile path serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TileKind {
    /// `tile/<L>/<N>[.p/<W>]`: Merkle tree hashes.
    Hashes,
    /// `tile/entries/<N>[.p/<W>]`: an entry bundle (level is always 0).
    Entries,
}

/// A tile: the `width` consecutive level-8L hashes (or entries) from position `n * 256`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tile {
    pub level: u8,
    pub n: u64,
    /// 1..=256; 256 is a full tile, less a partial one.
    pub width: u16,
}

impl Tile {
    pub fn is_full(&self) -> bool {
        self.width == TILE_WIDTH
    }

    /// The hash tile path, `tile/<L>/<N>[.p/<W>]`.
    pub fn path(&self) -> String {
        format!("tile/{}/{}", self.level, self.tail())
    }

    /// The entry bundle path with this N and width, `tile/entries/<N>[.p/<W>]`.
    pub fn entries_path(&self) -> String {
        format!("tile/entries/{}", self.tail())
    }

    pub fn path_of(&self, kind: TileKind) -> String {
        match kind {
            TileKind::Hashes => self.path(),
            TileKind::Entries => self.entries_path(),
        }
    }

    /// N in 3-digit groups, all but the last prefixed with `x`, then `.p/<W>` if partial.
    fn tail(&self) -> String {
        let mut n = self.n;
        let mut out = format!("{:03}", n % PATH_BASE);
        while n >= PATH_BASE {
            n /= PATH_BASE;
            out = format!("x{:03}/{out}", n % PATH_BASE);
        }
        if !self.is_full() {
            out.push_str(&format!(".p/{}", self.width));
        }
        out
    }

    /// Parses a tile path, refusing every spelling but the canonical one (leading zeros,
    /// `.p/256`, width 0, stray slashes): one tile, one path, one cache entry.
    pub fn parse_path(path: &str) -> Option<(TileKind, Tile)> {
        let rest = path.strip_prefix("tile/")?;
        let (kind, level, rest) = match rest.strip_prefix("entries/") {
            Some(rest) => (TileKind::Entries, 0, rest),
            None => {
                let (level, rest) = rest.split_once('/')?;
                (TileKind::Hashes, level.parse::<u8>().ok()?, rest)
            }
        };
        let (digits, width) = match rest.split_once(".p/") {
            Some((digits, width)) => (digits, width.parse::<u16>().ok()?),
            None => (rest, TILE_WIDTH),
        };
        let mut n: u64 = 0;
        for group in digits.split('/') {
            let group = group.strip_prefix('x').unwrap_or(group);
            if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            n = n.checked_mul(PATH_BASE)?.checked_add(group.parse().ok()?)?;
        }
        let tile = Tile { level, n, width };
        let valid = level <= MAX_LEVEL && (1..=TILE_WIDTH).contains(&width);
        // Rendering back catches every non-canonical spelling the loop above let through.
        (valid && tile.path_of(kind) == path).then_some((kind, tile))
    }

    /// The positions at its level this tile covers: for an entry bundle, the record indexes.
    pub fn positions(&self) -> Option<Range<u64>> {
        let start = self.n.checked_mul(u64::from(TILE_WIDTH))?;
        Some(start..start.checked_add(u64::from(self.width))?)
    }

    /// Whether the tree of this size has this tile (full, or partial at this width or wider):
    /// check before serving a requested path.
    pub fn is_within(&self, tree_size: u64) -> bool {
        let count = tree_size.checked_shr(u32::from(self.level) * u32::from(TILE_HEIGHT)).unwrap_or(0);
        let width_ok = (1..=TILE_WIDTH).contains(&self.width);
        width_ok && tree_size <= MAX_TREE_SIZE && self.positions().is_some_and(|p| p.end <= count)
    }
}

/// The tiles to publish when the tree grows from `old_size` to `new_size` (Go `NewTiles`):
/// each level's new full tiles, then its partial tile if any. None for no growth.
pub fn new_tiles(old_size: u64, new_size: u64) -> Vec<Tile> {
    let mut tiles = Vec::new();
    if old_size >= new_size {
        return tiles;
    }
    for level in 0..=MAX_LEVEL {
        let shift = u32::from(level) * u32::from(TILE_HEIGHT);
        let new_n = new_size.checked_shr(shift).unwrap_or(0);
        if new_n == 0 {
            break;
        }
        let old_n = old_size.checked_shr(shift).unwrap_or(0);
        if old_n == new_n {
            continue;
        }
        for n in (old_n >> TILE_HEIGHT)..(new_n >> TILE_HEIGHT) {
            tiles.push(Tile { level, n, width: TILE_WIDTH });
        }
        let width = (new_n % u64::from(TILE_WIDTH)) as u16;
        if width > 0 {
            tiles.push(Tile { level, n: new_n >> TILE_HEIGHT, width });
        }
    }
    tiles
}

/// Every tile of a tree of this size: full ones and the rightmost partial one per level.
pub fn tiles_for_size(tree_size: u64) -> Vec<Tile> {
    new_tiles(0, tree_size)
}

/// The narrowest tile holding the stored hash `index`, and the byte range of its tile data
/// that hashes to it (Go `tileForIndex`): a hash at a level inside a tile is computed from
/// the 2^k tile hashes below it.
fn locate(index: u64) -> (Tile, Range<usize>) {
    let (level, n) = split_stored_hash_index(index);
    let tile_level = level / TILE_HEIGHT;
    let inner = level % TILE_HEIGHT;
    let tile_n = (n << inner) >> TILE_HEIGHT;
    let n_in_tile = n - ((tile_n << TILE_HEIGHT) >> inner);
    let width = (n_in_tile + 1) << inner;
    let start = (n_in_tile << inner) as usize * HASH_SIZE;
    (Tile { level: tile_level, n: tile_n, width: width as u16 }, start..width as usize * HASH_SIZE)
}

/// The narrowest tile from which stored hash `index` can be read (Go `TileForIndex`).
pub fn tile_for_index(index: u64) -> Tile {
    locate(index).0
}

/// Stored hash `index` from the data of `tile`: [`tile_for_index`]'s or a wider one (Go `HashFromTile`).
pub fn hash_from_tile(tile: &Tile, data: &[u8], index: u64) -> Result<Hash, TileError> {
    if !(1..=TILE_WIDTH).contains(&tile.width) || tile.level > MAX_LEVEL {
        return Err(TileError::InvalidTile);
    }
    if data.len() < usize::from(tile.width) * HASH_SIZE {
        return Err(TileError::ShortData);
    }
    let (want, range) = locate(index);
    if tile.level != want.level || tile.n != want.n || tile.width < want.width {
        return Err(TileError::WrongTile);
    }
    data.get(range).and_then(tile_hash).ok_or(TileError::ShortData)
}

/// The subtree hash of 2^k consecutive tile hashes (Go `tileHash`).
fn tile_hash(data: &[u8]) -> Option<Hash> {
    if data.len() == HASH_SIZE {
        return data.try_into().ok();
    }
    if data.len() < 2 * HASH_SIZE {
        return None;
    }
    let (left, right) = data.split_at(data.len() / 2);
    Some(node_hash(&tile_hash(left)?, &tile_hash(right)?))
}

/// The stored indexes of a tile's hashes, in tile order; `None` for a tile no tree of at
/// most [`MAX_TREE_SIZE`] records has.
pub fn tile_hash_indexes(tile: &Tile) -> Option<Vec<u64>> {
    if !tile.is_within(MAX_TREE_SIZE) {
        return None;
    }
    let level = tile.level * TILE_HEIGHT;
    Some(tile.positions()?.map(|p| stored_hash_index(level, p)).collect())
}

/// A hash tile's data: its hashes, 32 bytes each, concatenated (Go `ReadTileData`).
pub fn read_tile_data<R: HashReader + ?Sized>(tile: &Tile, reader: &R) -> Result<Vec<u8>, TlogError<R::Error>> {
    let indexes = tile_hash_indexes(tile).ok_or(TlogError::InvalidInput)?;
    Ok(read_exact(reader, &indexes)?.concat())
}

/// Why tile data or an entry bundle was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TileError {
    /// Width 0 or above 256, or a level above 63.
    InvalidTile,
    /// Fewer bytes than the tile's width says.
    ShortData,
    /// The hash lies in another tile, or needs a wider one.
    WrongTile,
    /// An entry longer than a uint16 length prefix can say.
    EntryTooLong { index: usize, len: usize },
    /// More than 256 entries in one bundle.
    TooManyEntries,
    /// The bundle ends inside a length prefix or an entry.
    Truncated { offset: usize },
}

impl fmt::Display for TileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidTile => f.write_str("invalid tile"),
            Self::ShortData => f.write_str("tile data too short"),
            Self::WrongTile => f.write_str("hash not in this tile"),
            Self::EntryTooLong { index, len } => write!(f, "entry {index} is {len} bytes, over 65535"),
            Self::TooManyEntries => f.write_str("more than 256 entries in a bundle"),
            Self::Truncated { offset } => write!(f, "entry bundle truncated at byte {offset}"),
        }
    }
}

impl std::error::Error for TileError {}

/// An entry bundle: each entry as a big-endian uint16 length, then its bytes.
pub fn encode_entries<T: AsRef<[u8]>>(entries: &[T]) -> Result<Vec<u8>, TileError> {
    if entries.len() > usize::from(TILE_WIDTH) {
        return Err(TileError::TooManyEntries);
    }
    let mut out = Vec::with_capacity(entries.iter().map(|e| 2 + e.as_ref().len()).sum());
    for (index, entry) in entries.iter().enumerate() {
        let entry: &[u8] = entry.as_ref();
        let len = u16::try_from(entry.len()).map_err(|_| TileError::EntryTooLong { index, len: entry.len() })?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(entry);
    }
    Ok(out)
}

/// The entries of a bundle. The caller checks their count against the tile's width.
pub fn decode_entries(bundle: &[u8]) -> Result<Vec<Vec<u8>>, TileError> {
    let mut entries = Vec::new();
    let mut rest = bundle;
    while !rest.is_empty() {
        if entries.len() == usize::from(TILE_WIDTH) {
            return Err(TileError::TooManyEntries);
        }
        let offset = bundle.len() - rest.len();
        let (len, tail) = rest.split_first_chunk::<2>().ok_or(TileError::Truncated { offset })?;
        let (entry, tail) = tail.split_at_checked(usize::from(u16::from_be_bytes(*len))).ok_or(TileError::Truncated { offset })?;
        entries.push(entry.to_vec());
        rest = tail;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tlog::merkle::testdata::{numbered_leaves, storage};
    use crate::domain::tlog::merkle::{root, stored_hash_count};

    fn tile(level: u8, n: u64, width: u16) -> Tile {
        Tile { level, n, width }
    }

    #[test]
    fn paths_follow_the_spec() {
        // The C2SP tlog-tiles example: index 1234067 is x001/x234/067.
        assert_eq!(tile(0, 1234067, 256).path(), "tile/0/x001/x234/067");
        assert_eq!(tile(1, 1234067, 8).path(), "tile/1/x001/x234/067.p/8");
        assert_eq!(tile(0, 5, 256).entries_path(), "tile/entries/005");
        assert_eq!(tile(0, 1000, 1).entries_path(), "tile/entries/x001/000.p/1");
        assert_eq!(tile(2, 999, 255).path(), "tile/2/999.p/255");
        for t in [tile(0, 1234067, 256), tile(3, 0, 1), tile(63, u64::MAX, 17), tile(0, 1000, 256)] {
            assert_eq!(Tile::parse_path(&t.path()), Some((TileKind::Hashes, t)));
            let e = Tile { level: 0, ..t };
            assert_eq!(Tile::parse_path(&e.entries_path()), Some((TileKind::Entries, e)));
        }
    }

    #[test]
    fn non_canonical_paths_are_refused() {
        for bad in [
            "tile/0/5",
            "tile/0/0005",
            "tile/00/005",
            "tile/+0/005",
            "tile/0/+05",
            "tile/0/x000/005",
            "tile/0/001/234",
            "tile/0/x001/x234/067/",
            "tile/0/005.p/256",
            "tile/0/005.p/0",
            "tile/0/005.p/07",
            "tile/0/005.p/300",
            "tile/0/005.p/",
            "tile/64/005",
            "tile/-1/005",
            "tile/data/005",
            "tile/entries/1/005",
            "/tile/0/005",
            "tile/0/x1000/000",
            "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
            "tile/0/",
            "tile/0",
            "",
        ] {
            assert_eq!(Tile::parse_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tiles_for_size_follow_the_spec_examples() {
        // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
        // tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
        // partial level 2 tile of width 1."
        let tiles = tiles_for_size(70_000);
        assert_eq!(tiles.len(), 277);
        assert!(tiles[..273].iter().enumerate().all(|(i, t)| *t == tile(0, i as u64, 256)));
        assert_eq!(tiles[273..], [tile(0, 273, 112), tile(1, 0, 256), tile(1, 1, 17), tile(2, 0, 1)]);
        // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
        assert_eq!(tiles_for_size(256), [tile(0, 0, 256), tile(1, 0, 1)]);
        assert_eq!(new_tiles(255, 256), [tile(0, 0, 256), tile(1, 0, 1)]);
        assert_eq!(new_tiles(100, 101), [tile(0, 0, 101)]);
        assert!(new_tiles(1, 1).is_empty() && new_tiles(9, 3).is_empty() && tiles_for_size(0).is_empty());
        assert!(tiles.iter().all(|t| t.is_within(70_000)));
        let outside = [tile(0, 273, 113), tile(2, 0, 2), tile(3, 0, 1), tile(0, 0, 0)];
        assert!(outside.iter().all(|t| !t.is_within(70_000)) && !tile(40, 0, 1).is_within(u64::MAX));
    }

    #[test]
    fn hashes_come_back_out_of_their_tiles() {
        let size = 600;
        let leaves = numbered_leaves(size);
        let stored = storage(&leaves);
        let data = |t: &Tile| read_tile_data(t, stored.as_slice()).unwrap();
        for index in 0..stored_hash_count(size) {
            let narrow = tile_for_index(index);
            assert!(narrow.is_within(size), "{index} in {narrow:?}");
            assert_eq!(hash_from_tile(&narrow, &data(&narrow), index), Ok(stored[index as usize]), "index {index}");
            let full = Tile { width: TILE_WIDTH, ..narrow };
            if full.is_within(size) {
                assert_eq!(hash_from_tile(&full, &data(&full), index), Ok(stored[index as usize]));
            }
        }
        // A level-1 tile lists the roots of whole level-0 tiles: level-8 subtrees of 256 records.
        let level1 = data(&tile(1, 0, 2));
        assert_eq!(level1[..32], root(&leaves[..256]));
        assert_eq!(level1[32..], root(&leaves[256..512]));
        assert_eq!(tile_hash(&data(&tile(0, 1, 256))), Some(root(&leaves[256..512])));
        assert_eq!(data(&tile(0, 2, 88)).len(), 88 * 32);
        assert!(read_tile_data(&tile(0, 2, 89), stored.as_slice()).is_err());
        let first = data(&tile(0, 0, 256));
        assert_eq!(hash_from_tile(&tile(0, 1, 256), &first, 0), Err(TileError::WrongTile));
        assert_eq!(hash_from_tile(&tile(0, 0, 256), &first[..64], 0), Err(TileError::ShortData));
        assert_eq!(hash_from_tile(&tile(0, 0, 0), &first, 0), Err(TileError::InvalidTile));
        assert_eq!(tile_hash_indexes(&tile(8, 0, 1)), None);
    }

    #[test]
    fn entry_bundles_round_trip() {
        let long = vec![7u8; 65_535];
        let entries: [&[u8]; 4] = [b"", b"ab", long.as_slice(), "簽名".as_bytes()];
        let bundle = encode_entries(&entries).unwrap();
        assert_eq!(bundle[..6], [0, 0, 0, 2, b'a', b'b']);
        assert_eq!(bundle[6..8], [0xff, 0xff]);
        assert_eq!(decode_entries(&bundle).unwrap(), entries);
        assert_eq!(decode_entries(&[]).unwrap(), Vec::<Vec<u8>>::new());
        let too_long = vec![0u8; 65_536];
        assert_eq!(encode_entries(&[b"x".as_slice(), too_long.as_slice()]), Err(TileError::EntryTooLong { index: 1, len: 65_536 }));
        assert_eq!(encode_entries(&[b"x"; 257]), Err(TileError::TooManyEntries));
        let full = encode_entries(&[b"x"; 256]).unwrap();
        assert_eq!(decode_entries(&full).unwrap().len(), 256);
        assert_eq!(decode_entries(&[full, vec![0, 0]].concat()), Err(TileError::TooManyEntries));
        assert_eq!(decode_entries(&[0]), Err(TileError::Truncated { offset: 0 }));
        assert_eq!(decode_entries(&[0, 2, b'a']), Err(TileError::Truncated { offset: 0 }));
        assert_eq!(decode_entries(&[0, 0, 0, 1]), Err(TileError::Truncated { offset: 2 }));
    }
}
