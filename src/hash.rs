//! The hash for short strings (words, names, folded keys) that the glossary,
//! the matcher and near-miss share: cheaper than SipHash on their own
//! inputs, which are not attacker-chosen keys of a long-lived table.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for short strings (words, names), much cheaper than SipHash: the
/// inputs are the glossary's and the document's own words. Eight bytes at a
/// time, each step a folded 64×64→128-bit multiply, which mixes every input
/// bit into both halves of the state (the hash table uses the low bits for
/// the bucket and the high bits for the tag).
#[derive(Default)]
pub(crate) struct WordHasher(u64);

pub(crate) const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

pub(crate) fn fold_multiply(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        fold_multiply(self.0, MIX)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            h = fold_multiply(h ^ u64::from_le_bytes(word), MIX);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            h = fold_multiply(
                h ^ u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59),
                MIX,
            );
        }
        self.0 = h;
    }

    fn write_u8(&mut self, n: u8) {
        self.0 = fold_multiply(self.0 ^ u64::from(n) ^ (1 << 63), MIX);
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = fold_multiply(self.0 ^ u64::from(n) ^ (1 << 62), MIX);
    }
}

/// A set of short strings hashed with [`WordHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;
