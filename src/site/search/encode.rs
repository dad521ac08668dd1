//! The encodings of Pagefind's files: a minimal CBOR writer, gzip behind
//! Pagefind's signature, and file names from SHA-1 hashes.

use std::collections::HashSet;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

/// gzip level: 6 (zlib's default) compresses within a few percent of 9 at
/// a fraction of the time.
const LEVEL: u32 = 6;

/// `LANG_` + the SHA-1 of the bytes.
pub(super) fn language_hash(language: &str, bytes: &[u8]) -> String {
    format!("{language}_{}", full_hash(bytes))
}

/// A file name from a [`language_hash`]: `LANG_` + its first 7 hex digits,
/// more while that name is in `taken`; the name is taken from then on.
pub(super) fn claim_prefix(hash: &str, language: &str, taken: &mut HashSet<String>) -> String {
    let mut len = (language.len() + 8).min(hash.len());
    while taken.contains(&hash[..len]) && len < hash.len() {
        len += 1;
    }
    let name = hash[..len].to_string();
    taken.insert(name.clone());
    name
}

/// SHA-1 in Pagefind's spelling: each byte in hex *without* zero padding.
pub(super) fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha1::digest(bytes);
    let mut hex = String::with_capacity(40);
    for b in digest {
        let _ = write!(hex, "{b:x}");
    }
    hex
}

/// gzip with Pagefind's signature in front.
pub(super) fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        Compression::new(LEVEL),
    );
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(b"pagefind_dcd");
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// A minimal CBOR writer: definite-length arrays, text, integers: all the
/// index needs, encoded as `minicbor` encodes Pagefind's structures.
#[derive(Default)]
pub(super) struct Cbor(pub(super) Vec<u8>);

impl Cbor {
    fn head(&mut self, major: u8, n: u64) -> &mut Self {
        let major = major << 5;
        match n {
            0..=23 => self.0.push(major | n as u8),
            24..=0xff => self.0.extend([major | 24, n as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend((n as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(major | 26);
                self.0.extend((n as u32).to_be_bytes());
            }
            _ => {
                self.0.push(major | 27);
                self.0.extend(n.to_be_bytes());
            }
        }
        self
    }
    pub(super) fn array(&mut self, len: usize) -> &mut Self {
        self.head(4, len as u64)
    }
    pub(super) fn text(&mut self, s: &str) -> &mut Self {
        self.head(3, s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
        self
    }
    pub(super) fn uint(&mut self, n: u64) -> &mut Self {
        self.head(0, n)
    }
    pub(super) fn int(&mut self, n: i32) -> &mut Self {
        if n >= 0 {
            self.head(0, n as u64)
        } else {
            self.head(1, (-1 - i64::from(n)) as u64)
        }
    }
}
