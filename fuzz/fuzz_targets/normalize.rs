//! Normalisation and the offset map back to the original text, with the
//! map's invariants asserted: every folded range maps to a range of the
//! original that lies on character boundaries, grows with the folded range,
//! and for the whole folded text covers the text's folded part.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::normalize::{normalize, normalize_markup, normalize_with, Normalized, Syntax};

fn check(src: &str, n: &Normalized<'_>) {
    let folded = &n.text;
    // Every boundary of short inputs; about 64 spread over long ones
    // (each lookup re-folds up to a checkpoint, and speed finds bugs).
    let all: Vec<usize> = (0..=folded.len())
        .filter(|&i| folded.is_char_boundary(i))
        .collect();
    let step = (all.len() / 64).max(1);
    let bounds: Vec<usize> = all.iter().copied().step_by(step).chain(all.last().copied()).collect();
    let mut last = (0, 0);
    for (k, &a) in bounds.iter().enumerate() {
        // A few ends per start keep the target fast on long inputs.
        for &b in bounds[k..].iter().take(4) {
            let r = n.original_range(a..b);
            assert!(r.start <= r.end && r.end <= src.len(), "{r:?} outside {}", src.len());
            assert!(
                src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
                "{r:?} not on char boundaries"
            );
            if a == b {
                continue;
            }
            assert!(r.start < r.end, "non-empty {a}..{b} maps to empty {r:?}");
        }
        let r = n.original_range(a..a);
        assert!(r.start >= last.0, "starts go backwards: {a} -> {r:?} after {last:?}");
        last = (r.start, r.end);
    }
    assert_eq!(n.original(), src);
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    check(src, &normalize(src));
    check(src, &normalize_markup(src));
    check(src, &normalize_with(src, Syntax::CString));
});
