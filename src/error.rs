//! Library errors for documents. Glossary errors live in `glossary`.
//!
//! A document error stops only that document: the run goes on with the
//! others and exits 2 at the end (SPEC §1).

use std::fmt;

/// Why one path could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte offset {offset}; {}", convert_hint(declared.as_deref()))]
    InvalidUtf8 {
        path: String,
        offset: usize,
        line: usize,
        column: usize,
        /// The charset the file declares (a PO header's `charset=`, XML's
        /// `encoding=`), if any.
        declared: Option<String>,
    },
    #[error("{path}: {message}")]
    Walk { path: String, message: String },
    #[error(
        "{path}: {encoding} is not supported; convert the file to UTF-8 (iconv -f UTF-16 -t UTF-8), or repair it"
    )]
    Encoding {
        path: String,
        encoding: &'static str,
    },
    #[error("{path}: {message}")]
    Archive { path: String, message: String },
    #[error("{path}: larger than {} GiB, the most termlint reads from one file", limit >> 30)]
    TooLarge { path: String, limit: u64 },
    /// A dictionary the glossary names could not be read.
    #[error("near-miss dictionary: {message}")]
    Dictionary { message: String },
    #[error("{path}:{line}:{column}: cannot parse: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// What to do with a file that is not UTF-8, naming the charset it
/// declares where it does.
fn convert_hint(declared: Option<&str>) -> String {
    match declared {
        Some(charset) => format!(
            "the file declares charset {charset}: convert it to UTF-8 (iconv -f {charset} -t UTF-8; for a PO catalogue, msgconv --to-code=UTF-8) and change the declaration"
        ),
        None => "its charset could not be told from its text: name it with --encoding (such as -E windows-1252, or [files] encoding in glossary.toml), or convert the file to UTF-8 (iconv -f ITS-CHARSET -t UTF-8)".to_owned(),
    }
}

impl ScanError {
    pub fn io(path: impl fmt::Display, source: std::io::Error) -> ScanError {
        ScanError::Io {
            path: path.to_string(),
            source,
        }
    }
}
