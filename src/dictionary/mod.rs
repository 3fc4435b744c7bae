//! Words of a language, which `near-miss` does not report: "Back" at the
//! start of a sentence is no misspelt "Baku", Polish "Jeden" (one) no
//! misspelt "Jemen", and "Cyrus" is a name of its own, not "Cyprus".
//!
//! Hunspell dictionaries, read with `spellbook` (which checks inflected
//! forms through the affix rules): those `[near-miss] dictionaries` in
//! glossary.toml names, then those found in the standard locations
//! ([`standard_locations`]: where Debian's `hunspell-*` packages install
//! them). A dictionary is read the first time a document in its language
//! is checked, so a run pays only for the languages it sees, and not at
//! all where earlier runs kept the answers it needs (`cache.rs`). English
//! without a Hunspell dictionary falls back to the bundled SCOWL list
//! (`data/words/`).

mod cache;

pub use cache::location as cache_location;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::hash::FastSet;
use crate::lang::LangTag;

static EN: &str = include_str!("../../data/words/en.txt");

/// What a dictionary says about a spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Not in the dictionary.
    No,
    /// An ordinary word, in any letter case ("Senin", "JEDEN", "back").
    Word,
    /// Only as written with a capital: a name or, in German, a noun
    /// ("Cyrus", "Assyria", "Gott").
    Name,
}

/// A language's words once read (`None`: it has no dictionary).
type Cell = OnceLock<Option<Arc<Words>>>;

/// One language's words.
pub struct Words {
    inner: Inner,
    /// Where they come from: a file, or the bundled list.
    pub source: String,
}

enum Inner {
    Hunspell(Box<Hunspell>),
    List(FastSet<&'static str>),
}

/// A Hunspell dictionary, and what it answered in earlier runs.
struct Hunspell {
    /// Its path without extension.
    base: PathBuf,
    /// Read when asked about a spelling the cache has no answer for; read
    /// at once when there was no cache.
    dictionary: OnceLock<Option<spellbook::Dictionary>>,
    /// Answers kept by earlier runs ([`cache`]).
    remembered: cache::Answers,
    /// The dictionary's stamp and the answers this run got from it, to
    /// keep; `None` when the cache is off.
    kept: Option<(String, Mutex<cache::Answers>)>,
}

impl Words {
    /// What the dictionary says about `spelling` (one word, as written).
    /// A word with a hyphen is unknown: Hunspell checks its parts one by
    /// one, and a name's syllables are words ("Xa-mo-a" for Vietnamese
    /// "Xa-mô-a").
    pub fn classify(&self, spelling: &str) -> Known {
        if spelling.contains(['-', '\u{2010}', '\u{2011}']) {
            return Known::No;
        }
        match &self.inner {
            Inner::Hunspell(h) => {
                if let Some(&known) = h.remembered.get(spelling) {
                    return known;
                }
                // The files were read whole when the cache was written, so
                // this fails only if they changed since: the language is
                // then checked without them, as with no dictionary.
                let dictionary = h.dictionary.get_or_init(|| parse(&h.base).ok());
                let Some(d) = dictionary else {
                    return Known::No;
                };
                let known = if d.check(&spelling.to_lowercase()) {
                    Known::Word
                } else if d.check(spelling) {
                    Known::Name
                } else {
                    Known::No
                };
                if let Some((_, learned)) = &h.kept {
                    learned
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(spelling.into(), known);
                }
                known
            }
            Inner::List(words) => {
                if words.contains(spelling.to_lowercase().as_str()) {
                    Known::Word
                } else {
                    Known::No
                }
            }
        }
    }

    /// The bundled English list.
    fn english() -> Words {
        Words {
            inner: Inner::List(EN.lines().collect()),
            source: "the bundled English word list (SCOWL)".to_owned(),
        }
    }
}

/// Something wrong with a dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// Named in the glossary: the run fails (exit 2). One found in a
    /// standard location is only noted, and the language is checked
    /// without it.
    pub fatal: bool,
}

/// The dictionaries of a run, read on first use.
pub struct Dictionaries {
    /// `[near-miss] dictionaries`: language and the path without extension.
    named: Vec<(LangTag, PathBuf)>,
    /// Folders searched for `<lang>[_REGION].aff`/`.dic`.
    search: Vec<PathBuf>,
    /// One cell per language, so that two threads read two languages'
    /// dictionaries at once, and a third waits only for the one it needs.
    loaded: Mutex<HashMap<LangTag, Arc<Cell>>>,
    problems: Mutex<Vec<Problem>>,
    /// Where answers are kept from one run to the next, if anywhere.
    cache: Option<PathBuf>,
}

impl Dictionaries {
    /// Only the bundled English list: for tests and library users that
    /// want results independent of the machine.
    pub fn bundled() -> Dictionaries {
        Dictionaries::new(Vec::new(), Vec::new())
    }

    /// `named` dictionaries (language, path with or without `.dic`/`.aff`)
    /// first, then those in the `search` folders.
    pub fn new(named: Vec<(LangTag, PathBuf)>, search: Vec<PathBuf>) -> Dictionaries {
        Dictionaries {
            named: named
                .into_iter()
                .map(|(l, p)| (l, p.with_extension("")))
                .collect(),
            search,
            loaded: Mutex::new(HashMap::new()),
            problems: Mutex::new(Vec::new()),
            cache: None,
        }
    }

    /// These dictionaries, keeping their answers in `dir` ([`cache_location`])
    /// and reading them from there in later runs.
    pub fn remembering(mut self, dir: Option<PathBuf>) -> Dictionaries {
        self.cache = dir;
        self
    }

    /// Keeps what the dictionaries answered in this run that earlier runs
    /// had not asked, for the runs after. Says which caches could not be
    /// written; the answers are only lost then, never wrong.
    pub fn remember(&self) -> Vec<String> {
        let Some(dir) = &self.cache else {
            return Vec::new();
        };
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let mut problems = Vec::new();
        for cell in loaded.values() {
            let Some(Some(words)) = cell.get() else {
                continue;
            };
            let Inner::Hunspell(h) = &words.inner else {
                continue;
            };
            let Some((stamp, learned)) = &h.kept else {
                continue;
            };
            let learned = learned.lock().unwrap_or_else(PoisonError::into_inner);
            if learned.is_empty() {
                continue;
            }
            let all = h
                .remembered
                .iter()
                .chain(learned.iter())
                .map(|(s, &k)| (&**s, k));
            if let Err(e) = cache::write(dir, stamp, all) {
                problems.push(format!(
                    "cannot keep the answers of {} in {}: {e}",
                    words.source,
                    dir.display()
                ));
            }
        }
        problems
    }

    /// The words of `language`, read on first use; `None` if there is no
    /// dictionary for it (or it could not be read: see [`problems`]).
    ///
    /// [`problems`]: Dictionaries::problems
    pub fn for_language(&self, language: &LangTag) -> Option<Arc<Words>> {
        let cell = Arc::clone(
            self.loaded
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(language.clone())
                .or_default(),
        );
        cell.get_or_init(|| self.load(language).map(Arc::new))
            .clone()
    }

    /// The languages whose words were asked for, and where they came from.
    pub fn used(&self) -> Vec<(String, Option<String>)> {
        let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        let mut used: Vec<(String, Option<String>)> = loaded
            .iter()
            .filter_map(|(l, cell)| {
                let words = cell.get()?;
                Some((l.to_string(), words.as_ref().map(|w| w.source.clone())))
            })
            .collect();
        used.sort();
        used
    }

    /// What went wrong reading dictionaries so far.
    pub fn problems(&self) -> Vec<Problem> {
        self.problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn load(&self, language: &LangTag) -> Option<Words> {
        let named = self.named.iter().find(|(l, _)| l == language).or_else(|| {
            self.named
                .iter()
                .find(|(l, _)| l.primary() == language.primary())
        });
        if let Some((_, base)) = named {
            return self.read_or_note(base, true);
        }
        if let Some(base) = find(&self.search, language) {
            if let Some(words) = self.read_or_note(&base, false) {
                return Some(words);
            }
        }
        (language.primary() == "en").then(Words::english)
    }

    fn read_or_note(&self, base: &Path, fatal: bool) -> Option<Words> {
        let stamp = self.cache.as_ref().and_then(|_| cache::stamp(base));
        let remembered = match (&self.cache, &stamp) {
            (Some(dir), Some(stamp)) => cache::read(dir, stamp),
            _ => None,
        };
        // Answers kept for these very files: they were read whole then, so
        // they are read now only if a spelling is new.
        let read = match remembered {
            Some(remembered) => Ok(Words::hunspell(base, None, remembered, stamp)),
            None => parse(base)
                .map(|d| Words::hunspell(base, Some(d), cache::Answers::default(), stamp)),
        };
        match read {
            Ok(words) => Some(words),
            Err(message) => {
                let message = if fatal {
                    message
                } else {
                    format!("{message}; near-miss checks this language without it")
                };
                self.problems
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(Problem { message, fatal });
                None
            }
        }
    }
}

/// Where Hunspell dictionaries are looked for, as Hunspell itself does:
/// `$DICPATH`, then `~/.local/share/hunspell`, `/usr/local/share/hunspell`,
/// `/usr/share/hunspell`, `/usr/share/myspell/dicts`, `/usr/share/myspell`,
/// `/Library/Spelling` and `~/Library/Spelling`. `$TERMLINT_DICPATH`, when
/// set, replaces them all (empty: no folder), so that a run can be made
/// independent of what the machine has installed.
pub fn standard_locations() -> Vec<PathBuf> {
    let split = |v: std::ffi::OsString| -> Vec<PathBuf> {
        std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    };
    if let Some(own) = std::env::var_os("TERMLINT_DICPATH") {
        return split(own);
    }
    let mut dirs = std::env::var_os("DICPATH").map(split).unwrap_or_default();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(home) = &home {
        dirs.push(home.join(".local/share/hunspell"));
    }
    for d in [
        "/usr/local/share/hunspell",
        "/usr/share/hunspell",
        "/usr/share/myspell/dicts",
        "/usr/share/myspell",
        "/Library/Spelling",
    ] {
        dirs.push(PathBuf::from(d));
    }
    if let Some(home) = &home {
        dirs.push(home.join("Library/Spelling"));
    }
    dirs
}

/// The dictionary for `language` in `dirs`, as a path without extension:
/// `ll_RR` for a tag with a region, else `ll`, else `ll_LL` (`de_DE`,
/// `pl_PL`), for English `en_US`, else the first `ll_*` in name order.
fn find(dirs: &[PathBuf], language: &LangTag) -> Option<PathBuf> {
    let primary = language.primary();
    let mut names = Vec::new();
    if let Some(region) = language.region() {
        names.push(format!("{primary}_{region}"));
    }
    names.push(primary.to_owned());
    names.push(format!("{primary}_{}", primary.to_uppercase()));
    if primary == "en" {
        names.push("en_US".to_owned());
    }
    for dir in dirs {
        for name in &names {
            let base = dir.join(name);
            if base.with_extension("dic").is_file() && base.with_extension("aff").is_file() {
                return Some(base);
            }
        }
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "dic")
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| s.starts_with(&format!("{primary}_")))
                    && p.with_extension("aff").is_file()
            })
            .collect();
        found.sort();
        if let Some(first) = found.into_iter().next() {
            return Some(first.with_extension(""));
        }
    }
    None
}

/// The language a dictionary's file name gives (`pl_PL.dic` → `pl-PL`).
pub fn language_of(path: &Path) -> Option<LangTag> {
    let stem = path.file_stem()?.to_str()?;
    LangTag::parse(&stem.replace('_', "-"))
}

impl Words {
    fn hunspell(
        base: &Path,
        dictionary: Option<spellbook::Dictionary>,
        remembered: cache::Answers,
        stamp: Option<String>,
    ) -> Words {
        let read = OnceLock::new();
        if let Some(d) = dictionary {
            let _ = read.set(Some(d));
        }
        Words {
            inner: Inner::Hunspell(Box::new(Hunspell {
                base: base.to_path_buf(),
                dictionary: read,
                remembered,
                kept: stamp.map(|s| (s, Mutex::default())),
            })),
            source: base.with_extension("dic").display().to_string(),
        }
    }
}

/// Reads `base.aff` and `base.dic`, decoded from the charset the `.aff`
/// declares (`SET`; UTF-8 if none).
fn parse(base: &Path) -> Result<spellbook::Dictionary, String> {
    let aff_path = base.with_extension("aff");
    let dic_path = base.with_extension("dic");
    let aff = std::fs::read(&aff_path).map_err(|e| format!("{}: {e}", aff_path.display()))?;
    let dic = std::fs::read(&dic_path).map_err(|e| format!("{}: {e}", dic_path.display()))?;
    let label = charset(&aff);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        format!(
            "{}: unknown character set `{label}` (SET)",
            aff_path.display()
        )
    })?;
    let decode = |bytes: &[u8], path: &Path| -> Result<String, String> {
        let (text, malformed) = encoding.decode_without_bom_handling(bytes);
        if malformed {
            Err(format!(
                "{}: not valid {} (the character set its .aff declares)",
                path.display(),
                encoding.name()
            ))
        } else {
            Ok(text.into_owned())
        }
    };
    let mut aff_text = decode(&aff, &aff_path)?;
    let mut dic_text = decode(&dic, &dic_path)?;
    if numeric_flags(&aff_text) {
        (aff_text, dic_text) = (shift_flags_aff(&aff_text), shift_flags_dic(&dic_text));
    }
    spellbook::Dictionary::new(&aff_text, &dic_text).map_err(|e| {
        format!(
            "{}: not a Hunspell dictionary that termlint can read: {e}",
            base.display()
        )
    })
}

/// Whether the `.aff` declares numeric flags (`FLAG num`).
fn numeric_flags(aff: &str) -> bool {
    aff.lines()
        .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["FLAG", "num"])
}

/// Directives whose arguments are flags.
const FLAG_DIRECTIVES: &[&str] = &[
    "COMPOUNDFLAG",
    "COMPOUNDBEGIN",
    "COMPOUNDMIDDLE",
    "COMPOUNDLAST",
    "COMPOUNDEND",
    "ONLYINCOMPOUND",
    "COMPOUNDPERMITFLAG",
    "COMPOUNDFORBIDFLAG",
    "COMPOUNDROOT",
    "NEEDAFFIX",
    "PSEUDOROOT",
    "FORBIDDENWORD",
    "KEEPCASE",
    "NOSUGGEST",
    "CIRCUMFIX",
    "SUBSTANDARD",
    "WARN",
    "FORCEUCASE",
    "LEMMA_PRESENT",
];

/// A comma-separated list of numeric flags, each one higher.
fn shift_list(flags: &str) -> String {
    flags
        .split(',')
        .map(|f| {
            f.parse::<u32>()
                .map_or_else(|_| f.to_owned(), |n| (n + 1).to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `word/flags` with its flags one higher.
fn shift_slashed(field: &str) -> String {
    match field.split_once('/') {
        Some((word, flags)) => format!("{word}/{}", shift_list(flags)),
        None => field.to_owned(),
    }
}

/// Numeric flags one higher in an `.aff`: Hunspell accepts flag 0 (Debian's
/// Turkish dictionary numbers its suffixes from 0), spellbook does not, and
/// the numbers only name affix classes.
fn shift_flags_aff(aff: &str) -> String {
    let mut out = String::with_capacity(aff.len() + aff.len() / 8);
    for line in aff.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let shifted = match fields.as_slice() {
            [kind @ ("SFX" | "PFX"), flag, rest @ ..] => {
                let mut parts = vec![(*kind).to_owned(), shift_list(flag)];
                // A rule line (`SFX flag strip add/flags cond`): the added
                // part may carry continuation flags.
                for (i, f) in rest.iter().enumerate() {
                    parts.push(if i == 1 {
                        shift_slashed(f)
                    } else {
                        (*f).to_owned()
                    });
                }
                Some(parts.join(" "))
            }
            ["AF", flags] if flags.parse::<u32>().is_err() => {
                Some(format!("AF {}", shift_list(flags)))
            }
            [directive, flag] if FLAG_DIRECTIVES.contains(directive) => {
                Some(format!("{directive} {}", shift_list(flag)))
            }
            _ => None,
        };
        out.push_str(shifted.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Numeric flags one higher in a `.dic` (see [`shift_flags_aff`]): the
/// flags after a word's slash, before any tab-separated fields.
fn shift_flags_dic(dic: &str) -> String {
    let mut out = String::with_capacity(dic.len() + dic.len() / 8);
    for line in dic.lines() {
        let (entry, rest) = match line.find(['\t', ' ']) {
            Some(at) => line.split_at(at),
            None => (line, ""),
        };
        // An escaped slash (`\/`) is part of the word.
        match entry
            .rfind('/')
            .filter(|&at| at > 0 && !entry[..at].ends_with('\\'))
        {
            Some(at) => {
                out.push_str(&entry[..=at]);
                out.push_str(&shift_list(&entry[at + 1..]));
            }
            None => out.push_str(entry),
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The charset an `.aff` declares with `SET`, UTF-8 if none.
fn charset(aff: &[u8]) -> String {
    aff.split(|&b| b == b'\n')
        .take(200)
        .find_map(|line| {
            let line = String::from_utf8_lossy(line);
            let rest = line.trim_start_matches('\u{feff}').strip_prefix("SET")?;
            rest.starts_with([' ', '\t'])
                .then(|| rest.trim().to_owned())
        })
        .unwrap_or_else(|| "UTF-8".to_owned())
}

/// Whether the folded, lower-case `word` is an ordinary word of `language`
/// by the bundled list, the one every build has (English only): for the
/// rules that must not depend on what the machine has installed (`case`
/// leaves "turkey" alone).
pub fn is_word(language: &LangTag, word: &str) -> bool {
    static EN_SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    language.primary() == "en" && EN_SET.get_or_init(|| EN.lines().collect()).contains(word)
}

#[cfg(test)]
mod tests {
    use super::{charset, is_word, Dictionaries, Known};
    use crate::lang::LangTag;

    #[test]
    fn common_words_are_words_and_names_are_not() {
        let tag = |t: &str| LangTag::parse(t).unwrap();
        assert!(is_word(&tag("en"), "back") && is_word(&tag("en"), "trade"));
        assert!(!is_word(&tag("en"), "baku") && !is_word(&tag("en"), "kazakhstan"));
        assert!(!is_word(&tag("ru"), "back"));
        let d = Dictionaries::bundled();
        let en = d.for_language(&LangTag::parse("en").unwrap()).unwrap();
        assert_eq!(en.classify("Back"), Known::Word);
        assert_eq!(en.classify("BACK"), Known::Word);
        assert_eq!(en.classify("Baku"), Known::No);
        assert!(d.for_language(&LangTag::parse("ru").unwrap()).is_none());
    }

    #[test]
    fn the_charset_is_read_from_set() {
        assert_eq!(charset(b"LANG pl\nSET ISO8859-2\nTRY a\n"), "ISO8859-2");
        assert_eq!(charset(b"\xef\xbb\xbfSET UTF-8\n"), "UTF-8");
        assert_eq!(charset(b"TRY abc\nSETTING x\n"), "UTF-8");
    }

    #[test]
    fn a_named_dictionary_that_cannot_be_read_is_a_fatal_problem() {
        let dir = std::env::temp_dir().join(format!("termlint-dict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Flag 0, as Debian's Turkish dictionary numbers its suffixes.
        std::fs::write(
            dir.join("tr.aff"),
            "SET UTF-8\nFLAG num\nSFX 0 N 1\nSFX 0 0 a/1 .\nSFX 1 N 1\nSFX 1 0 da .\n",
        )
        .unwrap();
        std::fs::write(dir.join("tr.dic"), "1\nab/0\n").unwrap();
        // Not Hunspell: a flag that is not a number where FLAG num says so.
        std::fs::write(
            dir.join("xx.aff"),
            "SET UTF-8\nFLAG num\nSFX x N 1\nSFX x 0 a .\n",
        )
        .unwrap();
        std::fs::write(dir.join("xx.dic"), "1\nab/x\n").unwrap();
        std::fs::write(dir.join("yy.aff"), "SET ISO8859-1\n").unwrap();
        std::fs::write(dir.join("yy.dic"), "1\nab\n").unwrap();
        let tag = |t: &str| LangTag::parse(t).unwrap();
        let d = Dictionaries::new(
            vec![(tag("pl"), dir.join("missing.dic"))],
            vec![dir.clone()],
        );
        assert!(d.for_language(&tag("pl")).is_none());
        let problems = d.problems();
        assert!(
            problems[0].fatal && problems[0].message.contains("missing.aff"),
            "{problems:?}"
        );
        // Latin-1 decodes anything, so "yy" loads; "xx" found in a
        // standard place but unreadable by spellbook is only noted.
        let d = Dictionaries::new(Vec::new(), vec![dir.clone()]);
        assert!(d.for_language(&tag("yy")).is_some());
        let tr = d.for_language(&tag("tr")).expect("flag 0 is read");
        assert_eq!(tr.classify("aba"), Known::Word);
        assert_eq!(tr.classify("abada"), Known::Word);
        assert_eq!(tr.classify("abda"), Known::No);
        let _ = d.for_language(&tag("xx"));
        let problems = d.problems();
        assert!(problems.iter().all(|p| !p.fatal), "{problems:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Three runs over a small dictionary with a suffix and a name: the
        /// first reads it and keeps its answers, the next two take those
        /// from the cache and read the dictionary for what is new. Every
        /// run answers every spelling as the dictionary itself does.
        #[test]
        fn kept_answers_are_the_dictionarys_own(
            runs in proptest::collection::vec(
                proptest::collection::vec("(ab|Ab|AB|aba|Aba|abda|Cyrus|cyrus|CYRUS|da|x)(da)?", 0..8),
                3,
            )
        ) {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static CASE: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "termlint-kept-{}-{}",
                std::process::id(),
                CASE.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("tr.aff"), "SET UTF-8\nSFX A N 1\nSFX A 0 da .\n").unwrap();
            std::fs::write(dir.join("tr.dic"), "2\nab/A\nCyrus\n").unwrap();
            let tag = LangTag::parse("tr").unwrap();
            let plain = Dictionaries::new(Vec::new(), vec![dir.clone()]);
            let truth = plain.for_language(&tag).unwrap();
            let cache = dir.join("cache");
            for spellings in &runs {
                let kept = Dictionaries::new(Vec::new(), vec![dir.clone()])
                    .remembering(Some(cache.clone()));
                let words = kept.for_language(&tag).unwrap();
                for spelling in spellings {
                    proptest::prop_assert_eq!(words.classify(spelling), truth.classify(spelling));
                }
                proptest::prop_assert!(kept.remember().is_empty());
            }
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
