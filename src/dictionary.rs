//! Ordinary words of a language, which `near-miss` never reports: "Back" at
//! the start of a sentence is not a misspelt "Baku".
//!
//! English only for now: SCOWL's lower-case words from Debian's `wamerican`
//! (see `data/words/README.md` for the source, licence and how it was made).

use std::sync::OnceLock;

use crate::lang::LangTag;
use crate::matcher::fuzzy::FastSet;

static EN: &str = include_str!("../data/words/en.txt");

/// Whether the folded, lower-case `word` is an ordinary word of `language`.
pub fn is_word(language: &LangTag, word: &str) -> bool {
    static EN_SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    match language.primary() {
        "en" => EN_SET.get_or_init(|| EN.lines().collect()).contains(word),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_word;
    use crate::lang::LangTag;

    #[test]
    fn common_words_are_words_and_names_are_not() {
        let en = LangTag::parse("en").unwrap();
        assert!(is_word(&en, "back") && is_word(&en, "cars") && is_word(&en, "trade"));
        assert!(!is_word(&en, "baku") && !is_word(&en, "kazakhstan") && !is_word(&en, "birlistik"));
        assert!(!is_word(&LangTag::parse("ru").unwrap(), "back"));
    }
}
