//! Translation-unit states that mean "not finished": units in them are not
//! checked unless asked for (`--include-state`, `[files] include-states`),
//! because a linter that reports on a draft the translator has not touched
//! reports the work still to do, not mistakes (issue 22).
//!
//! Names are the formats' own: XLIFF 1.2 `<target state>` (`new`,
//! `needs-translation`, `needs-adaptation`, `needs-l10n`), XLIFF 2.x
//! `<segment state>` (`initial`), and for PO the `fuzzy` flag and obsolete
//! (`#~`) entries. Every other state is finished and checked: XLIFF 1.2
//! `translated`, `needs-review-translation`, `needs-review-adaptation`,
//! `needs-review-l10n`, `signed-off`, `final`, custom `x-` states; XLIFF 2.x
//! `translated`, `reviewed`, `final`; a PO entry without `fuzzy`.

/// Every unfinished state, as the formats write it.
pub const ALL: [&str; 7] = [
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "initial",
    "fuzzy",
    "obsolete",
];

/// `name` as one of [`ALL`], or `None` if it is not an unfinished state.
pub fn known(name: &str) -> Option<&'static str> {
    ALL.into_iter()
        .find(|s| s.eq_ignore_ascii_case(name.trim()))
}

#[cfg(test)]
mod tests {
    use super::known;

    #[test]
    fn unfinished_states_only() {
        assert_eq!(known("Needs-Translation"), Some("needs-translation"));
        assert_eq!(known("fuzzy"), Some("fuzzy"));
        assert_eq!(known("translated"), None);
        assert_eq!(known("final"), None);
    }
}
