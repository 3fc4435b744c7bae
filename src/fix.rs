//! `--fix` and `--diff`: turning findings' fixes into edits, and edits into a
//! new file or a unified diff.
//!
//! Guarantees (property-tested below and in `tests/fix.rs`):
//!
//! - only the bytes of chosen edits change: BOM, line endings, the trailing
//!   newline and every other byte stay as they were;
//! - overlapping fixes are resolved deterministically: the one covering the
//!   longer original text wins, then the earlier one;
//! - a file is written so that a crash leaves either the old text or the
//!   new one, through symbolic links, keeping hard links, owner, group and
//!   permissions ([`write_atomic`]); a file that changed since it was read,
//!   or a read-only one, is left alone; what a killed run left behind is
//!   cleaned up by the next ([`recover`]).
//!
//! Edits come only from findings, and findings only from the segments a
//! format exposes, so regions a format skips are never written.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::{Applicability, Finding};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// `--fix`: only fixes that are certainly right.
    Safe,
    /// `--fix --unsafe-fixes`: also those that are probably right.
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, applicability: Applicability) -> bool {
        self == FixLevel::Unsafe || applicability == Applicability::Safe
    }
}

/// One replacement in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Why a fixed file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path}: not fixed: the file changed since termlint read it")]
    Changed { path: String },
    #[error("{path}: not fixed: the file is read-only; make it writable, or pass --force to fix it and keep its permissions")]
    ReadOnly { path: String },
    #[error("{path}: not fixed: the fixed text holds characters {charset} cannot write ({chars}); convert the file to UTF-8 (iconv -f {charset} -t UTF-8) to fix it")]
    Unwritable {
        path: String,
        charset: &'static str,
        chars: String,
    },
    #[error("{path}: not fixed: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The edits to make in `text` for `findings` at `level`: no-op edits
/// dropped, overlaps resolved, in document order.
pub fn plan(text: &str, findings: &[Finding], level: FixLevel) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .filter_map(|f| f.fix().map(|fix| (f, fix)))
        .filter(|(_, fix)| level.allows(fix.applicability))
        .filter(|(f, fix)| text.get(f.range.clone()) != Some(&*fix.replacement))
        .map(|(f, fix)| Edit {
            range: f.range.clone(),
            replacement: fix.replacement.to_string(),
        })
        .collect();
    // One sweep in document order: an edit that overlaps the last one kept
    // replaces it if it covers more original text (ties: the earlier stays).
    // Deterministic, and O(n log n) for the hundreds of thousands of fixes a
    // large corpus can have.
    edits.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
    let mut chosen: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        match chosen.last_mut() {
            Some(last) if e.range.start < last.range.end => {
                if e.range.len() > last.range.len() {
                    *last = e;
                }
            }
            _ => chosen.push(e),
        }
    }
    chosen
}

/// `text` with `edits` (sorted, disjoint) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff from `old` to `new` for `path`, as `git diff` shows it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// How `--fix` may write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// `--force`: rewrite read-only files too (their permissions stay).
    pub force: bool,
}

/// Replaces the file at `path`, which held `expected` when it was read, with
/// `new`, so that a crash leaves either the old text or the new one:
///
/// - through a symbolic link, the file it points to is written and the link
///   stays a link;
/// - a file with one name is written to a temporary file beside it (same
///   permissions, same owner and group where the process may set them),
///   synced, and renamed over it;
/// - a file with several hard links keeps its inode, so every name sees the
///   fix: its old text is first copied to a synced backup beside it, then
///   the file is rewritten in place and synced, then the backup removed. A
///   kill in between leaves the backup, which [`recover`] puts back on the
///   next `--fix` in that folder unless the new text was complete;
/// - a read-only file is left alone unless `force` is set.
// Kept whole: one sequence of file-system steps (resolve link, check, temporary, sync, rename)
// that must stay in order for a crash to leave the old or the new file.
pub fn write_atomic(
    path: &Path,
    display: &str,
    expected: &[u8],
    new: &[u8],
    options: WriteOptions,
) -> Result<(), FixError> {
    let io = |source| FixError::Io {
        path: display.to_owned(),
        source,
    };
    let is_link = fs::symlink_metadata(path)
        .map_err(io)?
        .file_type()
        .is_symlink();
    let real = if is_link {
        fs::canonicalize(path).map_err(io)?
    } else {
        path.to_path_buf()
    };
    let metadata = fs::metadata(&real).map_err(io)?;
    // Two names of one hard-linked file may be fixed on two threads at
    // once: one at a time, each comparing what the other may have written.
    static IN_PLACE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let in_place = links(&metadata) > 1;
    let _one = in_place.then(|| {
        IN_PLACE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    });
    let now = fs::read(&real).map_err(io)?;
    if now != expected {
        // Another name of the same file (a hard link, a symbolic link
        // also walked) was fixed first: the text is already what it
        // should be.
        if now == new {
            return Ok(());
        }
        return Err(FixError::Changed {
            path: display.to_owned(),
        });
    }
    if metadata.permissions().readonly() && !options.force {
        return Err(FixError::ReadOnly {
            path: display.to_owned(),
        });
    }
    if in_place {
        return rewrite_in_place(&real, expected, new, &metadata).map_err(io);
    }
    let temp = temp_path(&real, "tmp");
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new)?;
        keep_owner(&file, &metadata)?;
        file.set_permissions(metadata.permissions())?;
        file.sync_all()?;
        fs::rename(&temp, &real)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(io(e));
    }
    Ok(())
}

/// Writes `bytes` to `path`, a file termlint creates or replaces whole (a
/// report, a baseline): through a synced temporary file beside it, renamed
/// over it, so a reader never sees half of it. A path that is not a regular
/// file (`/dev/null`, `/dev/stdout`, a named pipe) is written to as it is:
/// renaming over it would replace the device with a file. A symbolic link
/// is followed, and stays a link.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(metadata) = fs::metadata(path) {
        if !metadata.is_file() {
            let mut out = fs::OpenOptions::new().write(true).open(path)?;
            return out.write_all(bytes).and_then(|()| out.flush());
        }
    }
    let real = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let path = real.as_path();
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let temp = path.with_file_name(format!(".{name}.termlint-{}.tmp", std::process::id()));
    let written = fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// The hard links to a file (1 where the platform cannot say).
fn links(metadata: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// Gives the new file the old one's owner and group: `--fix` in a CI
/// container runs as root, and a file it rewrites must not become root's.
/// Setting them is allowed to fail only where they would not change.
fn keep_owner(file: &fs::File, metadata: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (uid, gid) = (metadata.uid(), metadata.gid());
        let now = file.metadata()?;
        if (now.uid(), now.gid()) != (uid, gid) {
            std::os::unix::fs::fchown(file, Some(uid), Some(gid))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (file, metadata);
    Ok(())
}

/// Rewrites `real` under its own inode, with a backup named for [`recover`]:
/// it records the new text's length and hash, so a leftover backup tells
/// whether the rewrite finished.
fn rewrite_in_place(
    real: &Path,
    old: &[u8],
    new: &[u8],
    metadata: &fs::Metadata,
) -> std::io::Result<()> {
    let backup = temp_path(real, &format!("{}-{:016x}.bak", new.len(), fnv1a(new)));
    let mut copy = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&backup)?;
    let saved = copy.write_all(old).and_then(|()| copy.sync_all());
    if let Err(e) = saved {
        let _ = fs::remove_file(&backup);
        return Err(e);
    }
    // A read-only file (under --force) is made writable for the write only.
    let permissions = metadata.permissions();
    if permissions.readonly() {
        let mut writable = permissions.clone();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        fs::set_permissions(real, writable)?;
    }
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(real)?;
        file.write_all(new)?;
        file.sync_all()
    })();
    if permissions.readonly() {
        fs::set_permissions(real, permissions)?;
    }
    written?;
    fs::remove_file(&backup)
}

/// FNV-1a: a backup's name says which text a finished rewrite left.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `.name.termlint-<pid>-<n>.<end>` beside `path`: same folder, so the
/// rename is atomic; hidden, so a watcher or a walk does not pick it up;
/// named so that [`recover`] knows it.
fn temp_path(path: &Path, end: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.termlint-{}-{n}.{end}", std::process::id()))
}

/// A file an earlier `--fix` left in `folder` when it was killed.
struct Leftover {
    path: PathBuf,
    /// The document it belongs to.
    original: PathBuf,
    pid: u32,
    /// For a backup: the length and hash of the text the rewrite wrote.
    rewrite: Option<(usize, u64)>,
}

/// Cleans up after `--fix` runs that were killed in `folder`: temporary
/// files are removed (the document was never touched), and a backup of a
/// hard-linked document is put back in place if the rewrite did not finish,
/// or removed if it did. Files of a process still running are left alone.
/// Returns a sentence per document restored.
pub fn recover(folder: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut restored = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(left) = leftover(folder, &name.to_string_lossy()) else {
            continue;
        };
        if left.pid == std::process::id() || running(left.pid, &left.path) {
            continue;
        }
        match left.rewrite {
            None => {
                let _ = fs::remove_file(&left.path);
            }
            Some((len, hash)) => {
                let finished = fs::read(&left.original)
                    .is_ok_and(|now| now.len() == len && fnv1a(&now) == hash);
                if !finished && put_back(&left).is_ok() {
                    restored.push(format!(
                        "{}: restored from the backup an interrupted --fix left",
                        left.original.display()
                    ));
                }
                if finished || restored.last().is_some() {
                    let _ = fs::remove_file(&left.path);
                }
            }
        }
    }
    restored
}

/// Writes a backup's text back into its document, under the same inode.
fn put_back(left: &Leftover) -> std::io::Result<()> {
    let old = fs::read(&left.path)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&left.original)?;
    file.write_all(&old)?;
    file.sync_all()
}

/// `name` read as a leftover of [`temp_path`].
fn leftover(folder: &Path, name: &str) -> Option<Leftover> {
    let rest = name.strip_prefix('.')?;
    let (original, tail) = rest.rsplit_once(".termlint-")?;
    let (pid, tail) = tail.split_once('-')?;
    let pid: u32 = pid.parse().ok()?;
    let rewrite = if let Some(tail) = tail.strip_suffix(".tmp") {
        tail.parse::<u64>().ok()?;
        None
    } else {
        let tail = tail.strip_suffix(".bak")?;
        let (_, record) = tail.split_once('.')?;
        let (len, hash) = record.split_once('-')?;
        Some((len.parse().ok()?, u64::from_str_radix(hash, 16).ok()?))
    };
    Some(Leftover {
        path: folder.join(name),
        original: folder.join(original),
        pid,
        rewrite,
    })
}

/// Whether the process that left `file` may still be running: by Linux's
/// /proc; elsewhere, if the file is less than ten minutes old.
fn running(pid: u32, file: &Path) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 600)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::{any, prop, prop_assert, prop_assert_eq, proptest};

    use super::{apply, plan, Edit, FixLevel};
    use crate::diagnostic::{Applicability, Detail, Finding, Fix};
    use crate::lang::LangTag;
    use crate::rules::Rule;

    fn finding(
        range: std::ops::Range<usize>,
        replacement: &str,
        applicability: Applicability,
    ) -> Finding {
        let detail = Detail {
            path: "d.txt".into(),
            found: "".into(),
            term: "t".into(),
            language: LangTag::parse("en").unwrap(),
            expected: None,
            message: "".into(),
            fix: Some(Fix {
                replacement: replacement.into(),
                applicability,
            }),
            related: Box::default(),
        };
        Finding::new(
            Rule::Forbidden,
            crate::diagnostic::Severity::Error,
            range,
            detail.into(),
        )
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_level() {
        let f = [finding(0..4, "Baku", Applicability::Unsafe)];
        assert!(plan("Bakk", &f, FixLevel::Safe).is_empty());
        assert_eq!(plan("Bakk", &f, FixLevel::Unsafe).len(), 1);
    }

    #[test]
    fn the_longer_overlapping_fix_wins() {
        let f = [
            finding(0..4, "Alat", Applicability::Safe),
            finding(0..15, "Alat Seaport", Applicability::Safe),
            finding(10..15, "Port", Applicability::Safe),
        ];
        let edits = plan("Alyt Harbour Port", &f, FixLevel::Safe);
        assert_eq!(
            edits,
            [Edit {
                range: 0..15,
                replacement: "Alat Seaport".to_owned()
            }]
        );
    }

    #[test]
    fn no_op_fixes_are_dropped() {
        assert!(plan(
            "Baku",
            &[finding(0..4, "Baku", Applicability::Safe)],
            FixLevel::Safe
        )
        .is_empty());
    }

    proptest! {
        /// Bytes outside the chosen edits are unchanged, in order.
        #[test]
        fn only_edited_bytes_change(
            text in "[a-z \r\n\u{FEFF}é]{0,60}",
            spans in prop::collection::vec((any::<prop::sample::Index>(), 0usize..6, "[A-Z]{0,5}"), 0..6),
        ) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let findings: Vec<Finding> = spans
                .iter()
                .map(|(at, len, rep)| {
                    let i = at.index(bounds.len());
                    let (s, e) = (bounds[i], bounds[(i + len).min(bounds.len() - 1)]);
                    finding(s..e, rep, Applicability::Safe)
                })
                .collect();
            let edits = plan(&text, &findings, FixLevel::Safe);
            prop_assert!(edits.windows(2).all(|w| w[0].range.end <= w[1].range.start));
            let fixed = apply(&text, &edits);
            // Rebuild the original from the fixed text: the unedited pieces
            // must sit between the replacements, byte for byte.
            let mut at_old = 0;
            let mut at_new = 0;
            for e in &edits {
                let keep = e.range.start - at_old;
                prop_assert_eq!(&fixed[at_new..at_new + keep], &text[at_old..e.range.start]);
                at_new += keep + e.replacement.len();
                at_old = e.range.end;
            }
            prop_assert_eq!(&fixed[at_new..], &text[at_old..]);
        }
    }
}
