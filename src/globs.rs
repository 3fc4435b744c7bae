//! Path globs as ripgrep's `--glob` and `.gitignore` read them: a pattern
//! without a `/` matches a file or folder name at any depth (`*.tbx`,
//! `drafts`), one with a `/` is anchored at the project's folder
//! (`/docs/*.md`, `docs/old/**`), and a pattern matching a folder matches
//! everything below it. Used by `[files]` in glossary.toml and `--exclude`.

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

/// A set of globs. Empty matches nothing.
#[derive(Debug, Clone)]
pub struct Globs {
    set: Gitignore,
    patterns: usize,
}

impl Globs {
    /// The globs in `patterns`; an error names the first bad one and says
    /// why.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Result<Globs, String> {
        // The root only anchors patterns with a `/`; paths are matched
        // relative to it, so any root does.
        let mut builder = GitignoreBuilder::new("");
        let mut count = 0;
        for pattern in patterns {
            // A leading `!` would make the pattern a re-inclusion in
            // gitignore syntax; here every pattern says the same thing.
            if pattern.trim().is_empty() || pattern.starts_with('!') {
                return Err(format!(
                    "bad glob `{pattern}`: empty, or starting with `!` (list such paths under the other key)"
                ));
            }
            builder
                .add_line(None, pattern)
                .map_err(|e| format!("bad glob `{pattern}`: {e}"))?;
            count += 1;
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(Globs {
            set,
            patterns: count,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns == 0
    }

    /// Whether `path` (relative, `/`-separated or native) or a folder above
    /// it matches.
    pub fn matches(&self, path: &Path) -> bool {
        if self.is_empty() {
            return false;
        }
        let path = path.strip_prefix("./").unwrap_or(path);
        matches!(
            self.set.matched_path_or_any_parents(path, false),
            Match::Ignore(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Globs;

    fn matches(patterns: &[&str], path: &str) -> bool {
        Globs::new(patterns.iter().copied())
            .unwrap()
            .matches(Path::new(path))
    }

    #[test]
    fn names_match_at_any_depth_and_slashes_anchor() {
        assert!(matches(&["*.tbx"], "terms.tbx"));
        assert!(matches(&["*.tbx"], "a/b/terms.tbx"));
        assert!(matches(&["drafts"], "ru/drafts/a.txt"));
        assert!(matches(&["/docs/*.md"], "docs/a.md"));
        assert!(!matches(&["/docs/*.md"], "old/docs/a.md"));
        assert!(matches(&["docs/old/**"], "docs/old/x/a.md"));
        assert!(!matches(&["*.tbx"], "terms.txt"));
        assert!(!matches(&[], "terms.txt"));
    }

    #[test]
    fn bad_globs_are_named() {
        let e = Globs::new(["ok/*.md", "{a,b"]).unwrap_err();
        assert!(e.contains("{a,b"), "{e}");
        assert!(Globs::new(["!keep.md"]).is_err());
    }
}
