//! "Did you mean": the known name closest to a mistyped one (a rule in
//! `--select`, a key in glossary.toml).

/// The candidate `word` most likely mistypes, if one is close enough:
/// Jaro–Winkler similarity of at least 0.8, the threshold at which clap
/// suggests a subcommand, or a candidate that starts with what was typed.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let score = if word.len() >= 3 && c.starts_with(&word) {
                1.0
            } else {
                strsim::jaro_winkler(&word, c)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)` when there is a close candidate, else nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn typos_find_their_name_and_strangers_find_none() {
        let keys = ["id", "category", "note", "case", "inflect", "forms"];
        assert_eq!(closest("categroy", keys), Some("category"));
        assert_eq!(closest("inflected", keys), Some("inflect"));
        assert_eq!(closest("Category", keys), Some("category"));
        assert_eq!(closest("city", keys), None);
        assert_eq!(closest("ru", keys), None);
        let rules = ["forbidden", "near-miss", "lookalike", "number-mismatch"];
        assert_eq!(closest("forbiden", rules), Some("forbidden"));
        assert_eq!(closest("nearmiss", rules), Some("near-miss"));
        assert_eq!(closest("number", rules), Some("number-mismatch"));
        assert_eq!(closest("spelling", rules), None);
    }
}
