//! Numbers a text states, by value: "9", "nine", "1 million", "15 млн",
//! "16th", "sixteenth", "25,000" all become numbers `number-mismatch` can
//! compare across languages.
//!
//! Numerals are read in any language and in every decimal digit system of
//! Unicode (Persian "۴۰۳", Arabic "٢٥", Bengali "২৫", Devanagari "२५" are
//! 403, 25, 25, 25), with `,` `.` or spaces between groups of three, or a
//! decimal point or comma (Arabic's own separators too: "١٢٫٥", "١٬٠٠٠");
//! number words of the eleven languages of the `NUMBER_WORDS` tables,
//! read word by word as one number ("two hundred and seven", "doscientos
//! y nueve"), with the ordinals of English, German, Russian and the Turkic
//! languages; Roman numerals. A number inside a glossary name
//! ("Birlestik-2024", "COP29") is the caller's to exclude.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use crate::hash::WordHasher;

/// A number stated in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub range: Range<usize>,
    pub value: f64,
    /// Read in a source only, where a translation may write a number the
    /// source implies ("UTF8", "hexadecimal", "Mar", another reading of
    /// "16,16" or "2:35"): it makes a translation's number known, but a
    /// translation that leaves it out leaves out no number.
    pub implied: bool,
    /// Its digits, for a number longer than a float holds exactly (more
    /// than 15 significant digits): such numbers are compared as digit
    /// strings.
    pub digits: Option<Box<str>>,
    /// Spelled out in words ("three"), which only a language whose number
    /// words are read ([`reads_words`]) can be seen to state.
    pub spelled: bool,
    /// A month's name in a date ("6 June 2024"), which stands for its
    /// month only: a translation's "June" is not the source's day 6.
    pub month: bool,
}

impl Number {
    fn new(range: Range<usize>, value: f64, implied: bool) -> Number {
        Number {
            range,
            value,
            implied,
            digits: None,
            spelled: false,
            month: false,
        }
    }
}

/// The digits of `written`, without leading zeros, if there are more than
/// a float holds exactly.
fn long_digits(written: &str) -> Option<Box<str>> {
    let digits: String = written
        .chars()
        .filter_map(digit)
        .filter_map(|d| char::from_digit(d, 10))
        .skip_while(|&c| c == '0')
        .collect();
    (digits.len() > 15).then(|| digits.into_boxed_str())
}

/// Whether two numbers state the same value: equal floats (to a relative
/// rounding error), or equal digits where a float cannot hold them.
pub fn same(a: &Number, b: &Number) -> bool {
    match (&a.digits, &b.digits) {
        (Some(x), Some(y)) => x == y,
        (None, None) => {
            a.value == b.value || (a.value - b.value).abs() <= f64::EPSILON * b.value.abs().max(1.0)
        }
        _ => false,
    }
}

/// The least and greatest float [`same`] may find equal to `value`.
pub fn bounds(value: f64) -> (f64, f64) {
    if !value.is_finite() {
        return (value, value);
    }
    let tolerance = f64::EPSILON * value.abs().max(1.0) * 2.0;
    (value - tolerance, value + tolerance)
}

/// The zero of each decimal digit system (Unicode's `Nd` characters come
/// in runs of ten, 0 to 9), in code point order: Python's `unicodedata`
/// (Unicode 14.0) with Kawi and Nag Mundari from 15.0. Regenerate with
/// `python3 -c "import unicodedata as u; print([hex(c) for c in range(0x110000) if u.category(chr(c)) == 'Nd' and u.decimal(chr(c)) == 0])"`.
#[rustfmt::skip]
const ZEROS: &[char] = &[
    '\u{0030}', '\u{0660}', '\u{06F0}', '\u{07C0}', '\u{0966}', '\u{09E6}', '\u{0A66}',
    '\u{0AE6}', '\u{0B66}', '\u{0BE6}', '\u{0C66}', '\u{0CE6}', '\u{0D66}', '\u{0DE6}',
    '\u{0E50}', '\u{0ED0}', '\u{0F20}', '\u{1040}', '\u{1090}', '\u{17E0}', '\u{1810}',
    '\u{1946}', '\u{19D0}', '\u{1A80}', '\u{1A90}', '\u{1B50}', '\u{1BB0}', '\u{1C40}',
    '\u{1C50}', '\u{A620}', '\u{A8D0}', '\u{A900}', '\u{A9D0}', '\u{A9F0}', '\u{AA50}',
    '\u{ABF0}', '\u{FF10}', '\u{104A0}', '\u{10D30}', '\u{11066}', '\u{110F0}', '\u{11136}',
    '\u{111D0}', '\u{112F0}', '\u{11450}', '\u{114D0}', '\u{11650}', '\u{116C0}', '\u{11730}',
    '\u{118E0}', '\u{11950}', '\u{11C50}', '\u{11D50}', '\u{11DA0}', '\u{11F50}', '\u{16A60}',
    '\u{16AC0}', '\u{16B50}', '\u{1D7CE}', '\u{1D7D8}', '\u{1D7E2}', '\u{1D7EC}', '\u{1D7F6}',
    '\u{1E140}', '\u{1E2F0}', '\u{1E4F0}', '\u{1E950}', '\u{1FBF0}',
];

/// The value of `c` if it is a decimal digit of any script.
pub fn digit(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    // Below the first zero after ASCII's (Arabic-Indic): every letter of
    // Latin, Greek and Cyrillic text, without a search.
    if c < ZEROS[1] {
        return None;
    }
    let at = ZEROS.partition_point(|&z| z <= c).checked_sub(1)?;
    let value = u32::from(c) - u32::from(ZEROS[at]);
    (value < 10).then_some(value)
}

/// The value of a number `word` writes twice, in two digit systems
/// ("4౪": 4), if it does.
fn split_systems(word: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut run: Option<(char, f64)> = None;
    for c in word.chars() {
        let Some(d) = digit(c) else {
            // Separators and suffixes: only a plain run of digits splits.
            if separator(c).is_some() {
                return Vec::new();
            }
            continue;
        };
        run = match run {
            Some((zero, v)) if zero == system(c) => Some((zero, v * 10.0 + f64::from(d))),
            Some((_, v)) => {
                out.push(v);
                Some((system(c), f64::from(d)))
            }
            None => Some((system(c), f64::from(d))),
        };
    }
    if out.is_empty() {
        return out;
    }
    out.extend(run.map(|(_, v)| v));
    // Only a number written twice, once in each script, is read so: "1०1"
    // is 101 and nothing else.
    if out.windows(2).any(|w| w[0] != w[1]) {
        return Vec::new();
    }
    out.truncate(1);
    out
}

/// Whether number words of `language` (a primary subtag) are read: where
/// they are not, a translation that spells out its source's number is
/// not known to leave it out.
pub fn reads_words(language: &str) -> bool {
    language == "be" || NUMBER_WORDS.iter().any(|(l, _)| *l == language)
}

/// The zero of the digit system of `c`, a decimal digit.
fn system(c: char) -> char {
    if c.is_ascii_digit() {
        return '0';
    }
    ZEROS
        .partition_point(|&z| z <= c)
        .checked_sub(1)
        .map_or('0', |at| ZEROS[at])
}

/// Arabic's decimal separator (U+066B) and thousands separator (U+066C),
/// as the ASCII ones `numeral` reads.
fn separator(c: char) -> Option<char> {
    match c {
        ',' | '.' => Some(c),
        '\u{066B}' => Some('.'),
        '\u{066C}' => Some(','),
        _ => None,
    }
}

/// Every number in `text`, in order. Number words are read only in their
/// own language when `language` (a primary subtag) is given: English
/// "ten" in a Polish text is "Ten", this (English words for `en`, Russian
/// ones for `ru`, `uk` and `be`); with `None`, in any language (a source's
/// numbers, which can only make a number known).
pub fn find(text: &str, language: Option<&str>) -> Vec<Number> {
    find_as(text, language, language.is_none())
}

/// The numbers a source in `language` states, read generously: every
/// number it may state makes a translation's number known. Number words of
/// its own language are stated; those of other languages, which a source
/// may quote, and the numbers it holds inside words ("UTF8"), only implied.
pub fn find_source(text: &str, language: Option<&str>) -> Vec<Number> {
    find_as(text, language, true)
}

/// A number word's value, and whether it is only implied: in `language`
/// (English or Russian for a source of unknown language), else, in a
/// source, in any language.
fn word_value(word: &str, language: Option<&str>, source: bool) -> Option<(f64, bool)> {
    let own = match language {
        Some(l) => number_word(word, Some(l)),
        None => number_word(word, Some("en")).or_else(|| number_word(word, Some("ru"))),
    };
    match own {
        Some(v) => Some((v, false)),
        // Spanish "once" (11) is English "once" (1) first.
        None if source => implying(word)
            .or_else(|| number_word(word, None))
            .map(|v| (v, true)),
        None => None,
    }
}

/// Words that state no number whatever stands around them, per language
/// and way of reading (source or not), as one thread has met them. A
/// catalogue repeats its words unit after unit, and asking each one's
/// tables again (numerals, number words of every language, months, Roman
/// numerals) was a fifth of checking it.
#[derive(Default)]
struct Unread {
    sets: Vec<(Option<Box<str>>, bool, Words)>,
}

/// A set of words.
type Words = HashSet<Box<str>, BuildHasherDefault<WordHasher>>;

/// Words kept per language and way of reading before they are forgotten:
/// a few megabytes at most.
const UNREAD_LIMIT: usize = 50_000;

impl Unread {
    fn set(&mut self, language: Option<&str>, source: bool) -> &mut Words {
        let at = self
            .sets
            .iter()
            .position(|(l, s, _)| l.as_deref() == language && *s == source)
            .unwrap_or_else(|| {
                self.sets
                    .push((language.map(Box::from), source, HashSet::default()));
                self.sets.len() - 1
            });
        &mut self.sets[at].2
    }
}

thread_local! {
    static UNREAD: RefCell<Unread> = RefCell::default();
}

fn find_as(text: &str, language: Option<&str>, source: bool) -> Vec<Number> {
    UNREAD.with(|unread| {
        find_as_with(
            text,
            language,
            source,
            Some(unread.borrow_mut().set(language, source)),
        )
    })
}

// Kept whole: one left-to-right scan over the words; its cases (digits, separators, scales, number
// words, dates) share the cursor and the number being built.
fn find_as_with(
    text: &str,
    language: Option<&str>,
    source: bool,
    mut unread: Option<&mut Words>,
) -> Vec<Number> {
    let words = words(text);
    let mut out: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (range, word) = &words[i];
        if unread
            .as_ref()
            .is_some_and(|u| u.contains(&text[range.clone()]))
        {
            i += 1;
            continue;
        }
        // Set when the word alone reads as a number that its neighbours
        // then make no number ("May" with no day or year beside it).
        let mut by_neighbours = false;
        let before = i.checked_sub(1).map(|k| words[k].1.as_ref());
        let after = words.get(i + 1).map(|(_, w)| w.as_ref());
        let mut implied = false;
        let mut from_word = false;
        let mut named_month = false;
        // "a minute later": a translation may write "1 минуту".
        if source && matches!(word.as_ref(), "a" | "an") {
            if let Some((r, _)) = words
                .get(i + 1)
                .filter(|(_, w)| COUNTED_ONCE.contains(&w.as_ref()))
            {
                out.push(Number::new(r.clone(), 1.0, true));
            }
        }
        // "tenths of a second": a translation may write 0.1.
        if let Some(f) = fraction(word).filter(|_| source) {
            out.push(Number::new(range.clone(), f, true));
        }
        let (first, other) = readings(word, language).unzip();
        let Some(mut value) = first
            .or_else(|| {
                let (value, foreign) = word_value(word, language, source)?;
                from_word = true;
                implied |= foreign;
                // "--zero" names an option, no number.
                if not_a_numeral(word, before, after) || text[..range.start].ends_with('-') {
                    // A source's "this one" may still be the translation's 1.
                    implied = true;
                    return source.then_some(value);
                }
                Some(value)
            })
            .or_else(|| {
                // A month named next to a day or a year: "6 May 2024" is
                // "6 мая 2024" and "06.05.2024".
                let month = crate::months::month_number(word, language)?;
                by_neighbours = true;
                let day_or_year = |k: Option<usize>| {
                    k.and_then(|k| words.get(k)).is_some_and(|(_, w)| {
                        numeral(w).is_some_and(|v| {
                            v.fract() == 0.0
                                && ((1.0..=31.0).contains(&v) || (1000.0..3000.0).contains(&v))
                        })
                    })
                };
                let dated = day_or_year(i.checked_sub(1)) || day_or_year(Some(i + 1));
                named_month = dated;
                dated.then_some(f64::from(month))
            })
            .or_else(|| {
                // "XVII веке" for "the 17th century"; not in a run of
                // capitals ("Y VI un cielo", Spanish for "and I saw").
                let capitals = |k: Option<usize>| {
                    k.and_then(|k| words.get(k)).is_some_and(|(r, _)| {
                        let w = &text[r.clone()];
                        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
                    })
                };
                let value = roman(&text[range.clone()])?;
                by_neighbours = true;
                (!capitals(i.checked_sub(1)) && !capitals(Some(i + 1))).then_some(value)
            })
            .or_else(|| {
                implied = true;
                source
                    .then(|| in_a_word(word).or_else(|| month(&text[range.clone()])))
                    .flatten()
            })
        else {
            // "1-3,7,11", "06.05.2024", "1.2.3": a list, a date or a
            // version, compared part by part.
            let listed = list(text, range);
            // A word that states no number by itself, where no neighbour
            // decided it (a number word's value is from_word), states none
            // wherever it stands.
            let said = from_word
                || by_neighbours
                || !listed.is_empty()
                || (source && (matches!(word.as_ref(), "a" | "an") || fraction(word).is_some()));
            if let Some(unread) = unread.as_mut().filter(|_| !said) {
                if unread.len() >= UNREAD_LIMIT {
                    unread.clear();
                }
                unread.insert(text[range.clone()].into());
            }
            out.extend(listed);
            i += 1;
            continue;
        };
        // "datoteka_2", "tab_3": the digits of a name, no number.
        if !from_word && (text[..range.start].ends_with('_') || text[range.end..].starts_with('_'))
        {
            if !source {
                i += 1;
                continue;
            }
            implied = true;
        }
        // "1.000" in a German text is one thousand, and may be one.
        if let Some(other) = other.flatten() {
            out.push(Number::new(range.clone(), other, true));
        }
        if source && !implied {
            out.extend(
                other_readings(text, &words, i)
                    .map(|(range, value)| Number::new(range, value, true)),
            );
            // "more than one": two or more, as many translations say.
            let more_than = i >= 2 && words[i - 2].1 == "more" && words[i - 1].1 == "than";
            if more_than && value.fract() == 0.0 {
                out.push(Number::new(range.clone(), value + 1.0, true));
            }
        }
        let mut end = range.end;
        // "twenty five", "двадцать пять", "yirmi beş", "iki yüz", "two
        // hundred and seven", "three thousand seven hundred": number
        // words that make one number.
        if from_word {
            let range_like = before.is_some_and(|b| matches!(b, "between" | "from"));
            let mut phrase = Phrase::new(value, !range_like);
            loop {
                let spaced = |k: usize, from: usize| {
                    words
                        .get(k)
                        .filter(|(r, _)| text.get(from..r.start) == Some(" "))
                };
                let mut next = i + 1;
                let mut from = end;
                // Russian joins with "и" only after a round number:
                // "семнадцать тысяч и двести", never "два и три".
                let round = matches!(phrase.last, Kind::Hundred | Kind::Scale);
                if let Some((r, _)) = spaced(next, from)
                    .filter(|(_, w)| is_connector(w, language) && (round || w != "и"))
                {
                    from = r.end;
                    next += 1;
                }
                let Some((mut r, mut w)) = spaced(next, from).map(|(r, w)| (r, w.as_ref())) else {
                    break;
                };
                // "two thousand an hundred seventy and two", "six hundred
                // thousand and a thousand": the article before a round
                // number inside one.
                if matches!(w, "a" | "an") && phrase.last == Kind::Scale {
                    match spaced(next + 1, r.end).filter(|(_, h)| h == "hundred" || h == "thousand")
                    {
                        Some((hr, h)) => {
                            next += 1;
                            (r, w) = (hr, h.as_ref());
                            if h == "thousand" {
                                // One thousand more, after "and" only.
                                if !(phrase.joined || next > i + 2) || phrase.scale != 1e3 {
                                    break;
                                }
                                phrase.current = 1.0;
                                phrase.last = Kind::Unit;
                            }
                        }
                        None => break,
                    }
                }
                // Only the text's own number words continue a number: "six
                // hundred thousand on foot" is no Turkish ten.
                let Some(v) = word_value(w, language, source)
                    .filter(|&(_, foreign)| !foreign)
                    .map(|(v, _)| v)
                    .or_else(|| scale(w).filter(|&v| v >= 1e3))
                    // Spanish "diez miles"; English "miles" are a length.
                    .or_else(|| (language == Some("es") && w == "miles").then_some(1e3))
                    .or_else(|| trailing_one(w, language))
                else {
                    break;
                };
                // "quatre vingt-quatre", as older French writes 84.
                let fours = language == Some("fr")
                    && phrase.last == Kind::Unit
                    && phrase.current % 10.0 == 4.0
                    && w.starts_with("vingt");
                if fours {
                    phrase.current += v + 56.0;
                    phrase.last = Kind::Unit;
                } else if !phrase.push(v, next > i + 1) {
                    break;
                }
                end = r.end;
                i = next;
            }
            value = phrase.value();
        }
        // "1 000 000": groups of three digits after single spaces (regular,
        // no-break or narrow no-break) continue a numeral.
        // The last group may carry the decimals: "1 000,50".
        let all_digits = |w: &str| !w.is_empty() && w.chars().all(|c| digit(c).is_some());
        let mut grouped = all_digits(word);
        while let Some((r, next)) = words.get(i + 1) {
            let gap = &text[end..r.start];
            let spaced = matches!(gap, " " | "\u{A0}" | "\u{202F}");
            let (group, decimals) = match next.find([',', '.', '\u{066B}']) {
                Some(k) => (
                    &next[..k],
                    Some(&next[k + next[k..].chars().next().map_or(1, char::len_utf8)..]),
                ),
                None => (next.as_ref(), None),
            };
            let fits = spaced
                && grouped
                && group.chars().count() == 3
                && all_digits(group)
                && decimals.is_none_or(all_digits);
            if !fits {
                break;
            }
            let value_of = |w: &str| {
                w.chars()
                    .filter_map(digit)
                    .fold(0.0, |v, d| v * 10.0 + f64::from(d))
            };
            value = value * 1000.0 + value_of(group);
            if let Some(d) = decimals {
                value +=
                    value_of(d) / 10f64.powi(i32::try_from(d.chars().count()).unwrap_or(i32::MAX));
                grouped = false;
            }
            end = r.end;
            i += 1;
        }
        // "1 million" takes its scale word.
        if let Some((r, next)) = words.get(i + 1) {
            if let Some(scale) = scale(next) {
                value *= scale;
                end = r.end;
                i += 1;
            }
        }
        // "7९" and "1०0" (a keyboard's digits among the script's) are 79
        // and 100; "4౪" (one digit written twice) may be 4.
        let systems = split_systems(word);
        let mut number = Number::new(range.start..end, value, implied);
        number.digits = long_digits(&text[range.start..end]);
        number.spelled = from_word;
        number.month = named_month;
        out.push(number);
        out.extend(
            systems
                .into_iter()
                .map(|v| Number::new(range.start..end, v, true)),
        );
        i += 1;
    }
    out
}

/// Words as runs of letters and digits, keeping `,` `.` between digits and
/// `-` between letters; with their byte ranges.
fn words(text: &str) -> Vec<(Range<usize>, Lower<'_>)> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    // Each character with the one before and after it, read as the pass
    // goes: every word of every unit of a catalogue comes through here.
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let joins = match c {
            ',' | '.' | '\u{066B}' | '\u{066C}' => {
                prev.is_some_and(|p| digit(p).is_some()) && next.is_some_and(|n| digit(n).is_some())
            }
            // "п'ять", "дев’ять": Ukrainian writes number words with one.
            '-' | '\'' | '\u{2019}' | '\u{02BC}' => {
                prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            // "5x7", "1920x1080": two numbers.
            'x' | 'X' => {
                !(prev.is_some_and(|p| digit(p).is_some())
                    && next.is_some_and(|n| digit(n).is_some()))
            }
            _ => is_alphanumeric(c),
        };
        match (joins, current) {
            (true, None) => current = Some(i),
            (false, Some(start)) => {
                out.push((start..i, Lower::new(&text[start..i])));
                current = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some(start) = current {
        out.push((start..text.len(), Lower::new(&text[start..])));
    }
    out
}

/// `char::is_alphanumeric`, from a table for the first 2,048 code points
/// (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic): Unicode's own
/// lookup was a twentieth of checking a Russian catalogue.
fn is_alphanumeric(c: char) -> bool {
    const BELOW: u32 = 0x800;
    static TABLE: std::sync::OnceLock<[u64; (BELOW / 64) as usize]> = std::sync::OnceLock::new();
    let code = u32::from(c);
    if code >= BELOW {
        return c.is_alphanumeric();
    }
    let table = TABLE.get_or_init(|| {
        let mut table = [0u64; (BELOW / 64) as usize];
        for (code, c) in (0..BELOW).filter_map(|n| Some((n, char::from_u32(n)?))) {
            if c.is_alphanumeric() {
                table[(code / 64) as usize] |= 1 << (code % 64);
            }
        }
        table
    });
    table[(code / 64) as usize] & (1 << (code % 64)) != 0
}

/// A word as written, read in lower case ([`lower`]) when first asked:
/// most words of a catalogue are remembered as stating no number
/// ([`Unread`]) and never asked, unless a neighbour needs them.
struct Lower<'t> {
    written: &'t str,
    lower: std::cell::OnceCell<Cow<'t, str>>,
}

impl<'t> Lower<'t> {
    fn new(written: &'t str) -> Lower<'t> {
        Lower {
            written,
            lower: std::cell::OnceCell::new(),
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.lower.get_or_init(|| lower(self.written))
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

/// `word` in lower case, with one apostrophe for the three Ukrainian
/// writes ("п’ять", "пʼять", "п'ять"); borrowed when it is so already, as
/// most words are (a string for every word was a tenth of reading a
/// catalogue's numbers).
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    let lower = lower_from_table(word).unwrap_or_else(|| Cow::Owned(word.to_lowercase()));
    // Two single-character searches (memchr), not one for a set of chars,
    // which decodes every character.
    if lower.contains('\u{2019}') || lower.contains('\u{02BC}') {
        return Cow::Owned(lower.replace(['\u{2019}', '\u{02BC}'], "'"));
    }
    lower
}

/// `str::to_lowercase` of a word whose letters lie below U+0500 (Latin,
/// Greek, Cyrillic), from a table: Unicode's own lookup, a search per
/// letter, was a twentieth of checking a Russian catalogue. `None` for
/// any other word, and for one with a letter whose lower case depends on
/// its place or is two letters (Greek "Σ", Turkish "İ").
fn lower_from_table(word: &str) -> Option<Cow<'_, str>> {
    const BELOW: u32 = 0x500;
    const OTHER: u16 = u16::MAX;
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..BELOW)
            .map(|code| {
                let Some(c) = char::from_u32(code).filter(|&c| c != 'Σ') else {
                    return OTHER;
                };
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => u16::try_from(u32::from(l)).unwrap_or(OTHER),
                    _ => OTHER,
                }
            })
            .collect()
    });
    // One pass: a copy is made at the first letter that changes.
    let mut out: Option<String> = None;
    for (at, c) in word.char_indices() {
        let l = table.get(c as usize).copied().filter(|&l| l != OTHER)?;
        let l = char::from_u32(u32::from(l))?;
        match &mut out {
            Some(out) => out.push(l),
            None if l != c => {
                let mut copy = String::with_capacity(word.len() + 2);
                copy.push_str(&word[..at]);
                copy.push(l);
                out = Some(copy);
            }
            None => {}
        }
    }
    Some(out.map_or(Cow::Borrowed(word), Cow::Owned))
}

/// "25", "1,000,000", "1.5", "16th", "2-й" (the suffix of an ordinal),
/// read with no language: an ambiguous "1.000" as its first reading
/// ([`readings`]).
fn numeral(word: &str) -> Option<f64> {
    readings(word, None).map(|(value, _)| value)
}

/// The values `word` may stand for: the reading `language` (a primary
/// subtag) gives it first, and another where its separators are ambiguous.
/// "1,000.50" and "1.000,50" are one thousand and a half in any language;
/// "1,000" is one thousand in English and one in German, "1.000" the other
/// way round ([`DECIMAL_COMMA`]); with no language, thousands first.
/// "2,5" and "2.5" are two and a half. Groups after the first must have
/// three digits for a separator to group them.
// Kept whole: the readings of one numeral are one case analysis of its separators.
fn readings(word: &str, language: Option<&str>) -> Option<(f64, Option<f64>)> {
    // Most words of a text have no digit, and so no reading: said before
    // the currencies are tried one by one (a tenth of a catalogue's check).
    let has_digit = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_digit())
    } else {
        word.chars().any(|c| digit(c).is_some())
    };
    if !has_digit {
        return None;
    }
    // "r57.60", "usd250": a currency written onto the number.
    let word = CURRENCIES
        .iter()
        .find_map(|c| {
            word.strip_prefix(c)
                .filter(|rest| rest.starts_with(|d: char| digit(d).is_some()))
        })
        .unwrap_or(word);
    let digits_end = word
        .find(|c: char| digit(c).is_none() && separator(c).is_none())
        .unwrap_or(word.len());
    let (native, suffix) = word.split_at(digits_end);
    if !native.starts_with(|c: char| digit(c).is_some()) {
        return None;
    }
    // In ASCII, whatever the script: "۴۰۳" and "403" are one number.
    let ascii: String = native
        .chars()
        .filter_map(|c| {
            digit(c)
                .and_then(|d| char::from_digit(d, 10))
                .or_else(|| separator(c))
        })
        .collect();
    let num = ascii.as_str();
    // An ordinal's ending, a unit ("5kg", "12em", "18ч") or a scale
    // ("4.2bn") written onto the number; anything else ("3d", "mp3") is
    // no number.
    let ordinal = matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "s");
    // Basque writes case endings onto numbers ("1.0k", "2024an"): the
    // ergative "k" is no thousand.
    let case_ending = language == Some("eu") && suffix.chars().all(char::is_alphabetic);
    let glued = if ordinal || case_ending || UNITS.contains(&suffix) {
        1.0
    } else {
        GLUED_SCALES.iter().find(|(s, _)| *s == suffix)?.1
    };
    // `num` with `grouping` between groups of three digits and one
    // `decimal` separator, as a number.
    let parse = |grouping: Option<char>, decimal: Option<char>| -> Option<f64> {
        let mut plain = String::with_capacity(num.len());
        let mut before: Option<char> = None;
        let mut decimals = false;
        for piece in num.split_inclusive([',', '.']) {
            let (part, after) = match piece.chars().last() {
                Some(c @ (',' | '.')) => (&piece[..piece.len() - 1], Some(c)),
                _ => (piece, None),
            };
            if let Some(sep) = before {
                if Some(sep) == decimal && !decimals {
                    plain.push('.');
                    decimals = true;
                } else if Some(sep) != grouping || part.len() != 3 || decimals {
                    return None;
                }
            }
            plain.push_str(part);
            before = after;
        }
        plain.parse::<f64>().ok()
    };
    let commas = num.matches(',').count();
    let dots = num.matches('.').count();
    let (value, other) = match (commas, dots) {
        // Digits alone, as most numbers are: read without the float
        // parser (exact below 2^53, as the parser is).
        (0, 0) if num.len() <= 15 => (
            num.bytes().try_fold(0u64, |v, b| {
                b.is_ascii_digit().then(|| v * 10 + u64::from(b - b'0'))
            })? as f64,
            None,
        ),
        (0, 0) => (num.parse::<f64>().ok()?, None),
        // One of each, or several of one kind and then the other: the last
        // is the decimal separator ("1,000.50", "2.000.000,75").
        (c, d) if c > 0 && d > 0 => {
            let decimal = if num.rfind(',') > num.rfind('.') {
                ','
            } else {
                '.'
            };
            let grouping = if decimal == ',' { '.' } else { ',' };
            (parse(Some(grouping), Some(decimal))?, None)
        }
        // "1,000,000" (groups of three) or "1.2.3", which is no one number.
        (c, d) if c + d > 1 => {
            let sep = if c > 0 { ',' } else { '.' };
            (parse(Some(sep), None)?, None)
        }
        // One separator: "2,5" is a decimal; "1,000" either.
        _ => {
            let sep = if commas == 1 { ',' } else { '.' };
            let decimal = parse(None, Some(sep));
            let thousands = parse(Some(sep), None);
            let comma_decimal = language.is_some_and(|l| DECIMAL_COMMA.contains(&l));
            let decimal_first = (sep == ',') == comma_decimal && language.is_some();
            match (thousands, decimal) {
                (Some(t), Some(d)) if decimal_first => (d, Some(t)),
                (Some(t), Some(d)) => (t, Some(d)),
                (None, Some(d)) => (d, None),
                (Some(t), None) => (t, None),
                (None, None) => return None,
            }
        }
    };
    Some((value * glued, other.map(|o| o * glued)))
}

/// Languages whose decimal separator is a comma ("2,5"), from CLDR 45
/// (`data/cldr/README.md`); the others write "2.5".
#[rustfmt::skip]
const DECIMAL_COMMA: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "dsb", "el", "es", "et", "eu", "fi",
    "fr", "gl", "hr", "hsb", "hu", "hy", "id", "is", "it", "jv", "ka", "kk", "ky", "lo", "lt",
    "lv", "mk", "nb", "nl", "nn", "no", "pl", "ps", "pt", "ro", "ru", "sk", "sl", "sq", "sr",
    "sv", "tk", "tr", "uk", "uz", "vi",
];

/// Units a number may be written onto, lower case: the number is read
/// ("5kg" is 5) and the unit left to the reader. Not "m", which is a
/// metre or a million ("$5m").
const UNITS: &[&str] = &[
    "kg", "g", "mg", "t", "km", "cm", "mm", "ml", "l", "em", "rem", "px", "pt", "kb", "mb", "gb",
    "tb", "hz", "khz", "mhz", "ghz", "w", "kw", "mw", "kwh", "v", "h", "min", "sec", "ms", "кг",
    "г", "мг", "т", "км", "см", "мм", "мл", "л", "кб", "мб", "гб", "тб", "вт", "квт", "ч", "мин",
    "сек", "am", "pm",
];

/// Scales written onto a number: "4.2bn", "10k", "5млн".
const GLUED_SCALES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("mn", 1e6),
    ("bn", 1e9),
    ("тыс", 1e3),
    ("млн", 1e6),
    ("млрд", 1e9),
];

/// Currency codes and letters written before a number, lower case
/// ("R57.60", "USD250"); symbols such as "$" and "€" are not letters and
/// part no word.
const CURRENCIES: &[&str] = &[
    "usd", "eur", "gbp", "rub", "kzt", "azn", "uzs", "chf", "rs", "rm", "kr", "r",
];

/// Other readings of the numeral at word `i`, which a translation may
/// write: the parts of "16,16" (a list, where the decimal comma makes
/// 16.16), a number without the scale written onto it ("1K blocks": "1
/// kB", or 1024), and "2:35" or "2∶35" as 2.35 (a time, as Finnish and
/// Norwegian write it: "2.35").
// Kept whole: one case analysis of the numeral at word i and its neighbours.
fn other_readings<'w>(
    text: &'w str,
    words: &'w [(Range<usize>, Lower<'w>)],
    i: usize,
) -> impl Iterator<Item = (Range<usize>, f64)> + 'w {
    let (range, word) = &words[i];
    let parts = word
        .split(',')
        .filter(|_| word.contains(',') && !word.split(',').skip(1).all(|p| p.len() == 3))
        .filter_map(move |p| numeral(p).map(|v| (range.clone(), v)));
    // "1K blocks": the scale may be a unit ("1 kB").
    let bare = word
        .trim_end_matches(char::is_alphabetic)
        .len()
        .lt(&word.len())
        .then(|| numeral(word.trim_end_matches(char::is_alphabetic)))
        .flatten()
        .filter(|&b| numeral(word) != Some(b));
    // "1K" as computers count it: 1024.
    let binary = bare
        .filter(|_| word.ends_with('k'))
        .map(|b| (range.clone(), b * 1024.0));
    let bare = bare.map(|b| (range.clone(), b)).into_iter().chain(binary);
    let value = numeral(word).filter(|v| v.fract() == 0.0);
    // "2/29": a date, which a translation may write day first and
    // month second ("29.02.", "29.2"), either way round.
    let date = words
        .get(i + 1)
        .filter(|(next, _)| &text[range.end..next.start] == "/")
        .and_then(|(_, second)| {
            let first = value?;
            let second_value = numeral(second).filter(|v| v.fract() == 0.0)?;
            let both = [
                (second_value, first, word.as_ref()),
                (first, second_value, second.as_ref()),
            ];
            Some(
                both.into_iter()
                    .filter(|&(d, m, _)| (1.0..=31.0).contains(&d) && (1.0..=12.0).contains(&m))
                    .flat_map(|(d, m, written)| {
                        let padded = d + m / 100.0;
                        let plain = d + m / 10f64.powi(written.len().min(2) as i32);
                        [padded, plain]
                    })
                    // At the first number only: a translation that writes
                    // the date another way still states its day.
                    .map(|v| (range.clone(), v))
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap_or_default();
    // "6 p.m.", "6pm": 18 on a 24-hour clock; "12 a.m.": 0.
    // The few bytes after the number only: a line of numbers stays linear.
    let rest = text[range.end..].trim_start_matches(' ');
    let after = rest
        .char_indices()
        .nth(8)
        .map_or(rest, |(k, _)| &rest[..k])
        .to_ascii_lowercase();
    let meridiem = ["p.m.", "pm", "a.m.", "am"]
        .into_iter()
        .find(|m| {
            after.starts_with(m) && !after[m.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|m| m.starts_with('p'))
        .or_else(|| {
            word.strip_suffix("pm")
                .map(|_| true)
                .or_else(|| word.strip_suffix("am").map(|_| false))
        });
    let clock = value
        .filter(|v| (1.0..=12.0).contains(v))
        .zip(meridiem)
        .map(|(v, pm)| (range.clone(), v % 12.0 + if pm { 12.0 } else { 0.0 }));
    // "1.13.x": a version whose parts a translation may state.
    let wildcard = after.starts_with(".x") || after.starts_with(".*");
    let version: Vec<(Range<usize>, f64)> = if wildcard && word.contains('.') {
        word.split('.')
            .filter_map(|p| numeral(p).map(|v| (range.clone(), v)))
            .collect()
    } else {
        Vec::new()
    };
    let time = words.get(i + 1).and_then(|(next, minutes)| {
        let gap = &text[range.end..next.start];
        let two_digits =
            minutes.chars().count() == 2 && minutes.chars().all(|c| digit(c).is_some());
        if !matches!(gap, ":" | "\u{2236}") || !two_digits {
            return None;
        }
        // At the hours: the minutes stay a number of their own.
        Some((range.clone(), numeral(word)? + numeral(minutes)? / 100.0))
    });
    parts
        .chain(bare)
        .chain(time)
        .chain(clock)
        .chain(date)
        .chain(version)
}

/// Units English counts with "a" or "an" ("a minute", "an hour"), where
/// a translation may write 1.
const COUNTED_ONCE: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "metre",
    "meter",
    "kilometre",
    "kilometer",
    "mile",
    "kilogram",
    "litre",
    "liter",
    "byte",
    "kilobyte",
    "megabyte",
    "gigabyte",
    "page",
    "line",
    "file",
];

/// A number written in words, read word by word: "two hundred and
/// seven", "three thousand seven hundred", "fourscore and five".
struct Phrase {
    /// The value of the scales done ("three thousand").
    total: f64,
    /// The value below the current scale ("seven hundred").
    current: f64,
    /// The last word's kind, which says what may follow it.
    last: Kind,
    /// The smallest scale so far: "thousand million" is no number read.
    scale: f64,
    /// Whether units may come before their tens.
    inversion: bool,
    /// Whether a connector came since the last scale.
    joined: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

impl Phrase {
    fn new(first: f64, inversion: bool) -> Phrase {
        let mut phrase = Phrase {
            total: 0.0,
            current: 0.0,
            last: Kind::Scale,
            scale: f64::INFINITY,
            inversion,
            joined: false,
        };
        if first >= 1e3 {
            // "thousand", "mil", "тысяча": one thousand.
            phrase.total = first;
            phrase.scale = first;
        } else if first == 100.0 {
            // "hundred", "an hundred": one hundred.
            phrase.current = 100.0;
            phrase.last = Kind::Hundred;
        } else if !phrase.push(first, false) {
            phrase.current = first;
            phrase.last = Kind::Unit;
        }
        phrase
    }

    /// Takes the next word's value if it continues the number.
    // Kept whole: one state machine step over the number being built.
    fn push(&mut self, v: f64, joined: bool) -> bool {
        if v.fract() != 0.0 || v <= 0.0 {
            return false;
        }
        let after_round = matches!(self.last, Kind::Hundred | Kind::Scale);
        self.joined |= joined;
        let kind = if v >= 1e3 {
            // "six hundred thousand and three thousand": the same scale
            // again only after "and".
            let again = v == self.scale && self.joined;
            if self.current == 0.0 || (v >= self.scale && !again) {
                return false;
            }
            self.total += self.current * v;
            self.current = 0.0;
            self.scale = v;
            self.joined = false;
            Kind::Scale
        } else if v == 100.0 {
            // "two hundred", "eleven hundred".
            let below_twenty = matches!(self.last, Kind::Unit | Kind::Teen) && self.current < 20.0;
            if self.last == Kind::Scale && self.current == 0.0 {
                // "тысяча сто", "mil cien": one hundred.
                self.current = 1.0;
            } else if !below_twenty || self.total != 0.0 && self.last == Kind::Teen {
                return false;
            }
            self.current *= 100.0;
            Kind::Hundred
        } else if v > 100.0 && v < 1e3 && v % 100.0 == 0.0 {
            // "doscientos", "двести": hundreds in one word.
            if self.last != Kind::Scale || self.current != 0.0 {
                return false;
            }
            self.current = v;
            Kind::Hundred
        } else if v >= 20.0 && v % 10.0 == 0.0 && v < 100.0 {
            // "five and twenty", as the King James Bible and German
            // count; not "between five and twenty".
            let inverted =
                joined && self.inversion && self.last == Kind::Unit && self.current % 100.0 < 10.0;
            if !after_round && !inverted {
                return false;
            }
            self.current += v;
            Kind::Tens
        } else if (10.0..20.0).contains(&v) {
            // "threescore and twelve".
            let scored = joined && self.last == Kind::Tens;
            if !after_round && !scored {
                return false;
            }
            self.current += v;
            Kind::Teen
        } else if v > 20.0 && v < 100.0 {
            // "cinquante-six", "quatre-vingt-deux": tens and units in one
            // word.
            if !after_round {
                return false;
            }
            self.current += v;
            Kind::Unit
        } else if v < 10.0 {
            // "on iki" (Turkish, and its neighbours): ten and two.
            let ten = self.last == Kind::Teen && self.current % 100.0 == 10.0;
            if !(after_round || self.last == Kind::Tens || ten) {
                return false;
            }
            self.current += v;
            Kind::Unit
        } else {
            return false;
        };
        self.last = kind;
        true
    }

    fn value(&self) -> f64 {
        self.total + self.current
    }
}

/// The word for one that is also the indefinite article, and so in no
/// table, where it ends a number: Turkish "on bir", French "vingt et un",
/// Spanish "treinta y uno".
fn trailing_one(word: &str, language: Option<&str>) -> Option<f64> {
    let one = match language? {
        "tr" | "az" => word == "bir",
        "kk" => word == "бір",
        "ky" => word == "бир",
        "uz" => matches!(word, "bir" | "бир"),
        "fr" => matches!(word, "un" | "une"),
        "es" => matches!(word, "uno" | "un" | "una"),
        _ => false,
    };
    one.then_some(1.0)
}

/// Whether `word` joins the words of one number in `language`: "two
/// hundred and seven", "vingt et un", "treinta y dos".
fn is_connector(word: &str, language: Option<&str>) -> bool {
    match language {
        Some("en") => word == "and",
        Some("fr") => word == "et",
        Some("es") => word == "y",
        Some("uk") => matches!(word, "і" | "й"),
        Some("ru" | "be") => word == "и",
        Some(_) => false,
        None => matches!(word, "and" | "et" | "y" | "і" | "и"),
    }
}

/// The value of a fraction's word ("half", "tenths"), which a translation
/// may write as a decimal.
fn fraction(word: &str) -> Option<f64> {
    Some(match word {
        "half" | "halves" => 0.5,
        "quarter" | "quarters" => 0.25,
        "tenth" | "tenths" => 0.1,
        "hundredth" | "hundredths" => 0.01,
        "thousandth" | "thousandths" => 0.001,
        _ => return None,
    })
}

/// The value of a Roman numeral of two letters or more, in capitals and
/// in its one canonical spelling ("XVII", "IV"; not "IIII", "VX"), of I,
/// V and X only: the centuries and chapters translations write so, while
/// "CD", "MD" or "DC" are more often acronyms.
fn roman(written: &str) -> Option<f64> {
    if written.len() < 2 || !written.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
        return None;
    }
    let value_of = |b: u8| {
        if b == b'I' {
            1
        } else if b == b'V' {
            5
        } else {
            10
        }
    };
    let bytes = written.as_bytes();
    let mut total = 0i32;
    for (k, &b) in bytes.iter().enumerate() {
        let v = value_of(b);
        if bytes.get(k + 1).is_some_and(|&n| value_of(n) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    // Written back canonically, it must read as written.
    let mut canonical = String::new();
    let mut rest = total;
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while rest >= v {
            canonical.push_str(s);
            rest -= v;
        }
    }
    (total > 0 && canonical == written).then_some(f64::from(total))
}

/// The numbers of a list written as one word ("3,7,11", which is neither
/// a number in thousands nor a decimal), or the parts of a date or version
/// ("06.05.2024", "1.2.3"), each with its own range.
fn list(text: &str, range: &Range<usize>) -> Vec<Number> {
    let written = &text[range.clone()];
    let sep = match (written.matches(',').count(), written.matches('.').count()) {
        (c, 0) if c >= 2 => ',',
        (0, d) if d >= 2 => '.',
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut at = range.start;
    for part in written.split(sep) {
        match numeral(part) {
            Some(value) => {
                let mut number = Number::new(at..at + part.len(), value, false);
                number.digits = long_digits(part);
                out.push(number);
            }
            None => return Vec::new(),
        }
        at += part.len() + 1;
    }
    out
}

/// The number of an English month's name or abbreviation, capitalised as
/// names are ("Mar", "March"; not "may"): dates name months where
/// translations write their numbers.
fn month(word: &str) -> Option<f64> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let at = MONTHS.iter().position(|m| {
        *m == word
            || (word.len() == 3 && m.starts_with(word))
            || (word == "Sept" && *m == "September")
    })?;
    Some(at as f64 + 1.0)
}

/// A number a source states inside a word, which a translation may well
/// write as a number: a number word in a compound ("zero-length",
/// "non-zero", "three-day"), digits in a word ("UTF8", "Launch1",
/// "SOCKSv5", "S390X", where a translation writes "UTF-8", "Başlat 1",
/// "once", "single", "both" (2: "les deux arguments"),
/// "نسخه ۵", "System/390"), the bases "hexadecimal" (16), "decimal" (10)
/// and "octal" (8), which Japanese and Chinese write as "16 進数", "10
/// 進数", "8 進数", and "zeros" ("leading zeros": "前导 0"). Read in sources only: a number
/// a source may state can only make a translation's number known.
fn in_a_word(word: &str) -> Option<f64> {
    if word.contains('-') {
        return word.split('-').find_map(|w| number_word(w, None));
    }
    if let Some(v) = implying(word) {
        return Some(v);
    }
    // The first run of digits in a word of letters and digits.
    let start = word.find(|c: char| digit(c).is_some())?;
    let len = word[start..]
        .find(|c: char| digit(c).is_none())
        .unwrap_or(word.len() - start);
    if !word
        .chars()
        .all(|c| c.is_alphabetic() || digit(c).is_some())
    {
        return None;
    }
    numeral(&word[start..start + len])
}

/// English words that imply a number: a base, "once", "both".
fn implying(word: &str) -> Option<f64> {
    // "threefold", "sevenfold".
    if let Some(stem) = word.strip_suffix("fold").filter(|s| !s.is_empty()) {
        return number_word(stem, Some("en"));
    }
    Some(match word {
        "hexadecimal" | "hex" => 16.0,
        "decimal" => 10.0,
        "octal" => 8.0,
        "zeros" | "zeroes" => 0.0,
        "once" | "single" => 1.0,
        "both" | "twice" => 2.0,
        _ => return None,
    })
}

/// English "one" and "first" where they are no numerals: a pronoun ("this
/// one", "each one", "no one", "one another") and an adverb ("at first",
/// "first of all"); Russian "один" in "ни один" (not one: none) and "один
/// и тот же" (one and the same). `before` and `after` are the words
/// around `word`.
fn not_a_numeral(word: &str, before: Option<&str>, after: Option<&str>) -> bool {
    match word {
        "один" | "одна" | "одно" | "одного" | "одной" | "одному" | "одним" | "одном" => {
            before == Some("ни") || after == Some("и")
        }
        "one" => {
            before.is_some_and(|b| BEFORE_PRONOUN_ONE.contains(&b))
                || after.is_some_and(|a| matches!(a, "another" | "s" | "can" | "should" | "must"))
        }
        "first" => before == Some("at") || (after == Some("of") && before != Some("the")),
        // "a second", "per second", "one second": the time, no ordinal.
        "second" => before.is_some_and(|b| {
            matches!(b, "a" | "per" | "each" | "every" | "one" | "half") || numeral(b).is_some()
        }),
        _ => false,
    }
}

/// Words after which English "one" is a pronoun ("this one", "the other
/// one", "a little one").
const BEFORE_PRONOUN_ONE: &[&str] = &[
    "this", "that", "which", "each", "every", "any", "no", "the", "another", "other", "someone",
    "anyone", "everyone", "little", "loved", "right", "only", "new", "old", "big", "small", "good",
    "last",
];

/// The value of a number word of `language` (a primary subtag; any
/// language with `None`): "twenty-five", "пятью", "iki", "екі".
fn number_word(word: &str, language: Option<&str>) -> Option<f64> {
    if let Some(v) = listed_word(word, language) {
        return Some(v);
    }
    let is = |l: &str| language.is_none_or(|x| x == l);
    if word.contains('-') {
        // "quatre-vingt-dix-sept": four twenties, ten and seven.
        let (base, rest) = match word.strip_prefix("quatre-vingt") {
            Some(rest) if is("fr") => (80.0, rest.trim_start_matches('s')),
            _ => (0.0, word),
        };
        return rest
            .split('-')
            .filter(|p| !p.is_empty())
            .try_fold(base, |sum, p| Some(sum + listed_word(p, language)?));
    }
    // Ordinals and compounds are read in a text's own language only: a
    // source's every word is also looked up in every language (`None`),
    // and those lookups stay one hash lookup.
    let language = language?;
    let is = |l: &str| language == l;
    if is("ru") || is("be") {
        if let Some(v) = russian_ordinal(word) {
            return Some(v);
        }
    }
    if is("de") {
        if let Some(v) = german_compound(word) {
            return Some(v);
        }
    }
    turkic_ordinal(word, Some(language))
}

/// A Turkic ordinal: Turkish and Azerbaijani "yedinci", "dördüncü",
/// "on yedincisi" (with a possessive), Kazakh "бесінші", Kyrgyz
/// "бешинчи", Uzbek "beshinchi": the cardinal and its suffix.
fn turkic_ordinal(word: &str, language: Option<&str>) -> Option<f64> {
    const SUFFIXES: &[(&str, &[&str])] = &[
        ("tr", &["ncı", "nci", "ncu", "ncü"]),
        ("az", &["ncı", "nci", "ncu", "ncü"]),
        ("kk", &["ншы", "нші"]),
        ("ky", &["нчы", "нчи", "нчу", "нчү"]),
        ("uz", &["nchi", "нчи"]),
    ];
    const LINKING: &[char] = &['ı', 'i', 'u', 'ü', 'ы', 'і', 'и', 'у', 'ү'];
    // The possessive ("yedincisi") and the cases after it.
    let bare = ["sı", "si", "su", "sü", "сы", "сі"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word);
    SUFFIXES
        .iter()
        .filter(|(l, _)| language.is_none_or(|x| x == *l))
        .find_map(|(l, endings)| {
            let stem = endings.iter().find_map(|e| bare.strip_suffix(e))?;
            let cardinal = |w: &str| {
                // "bir" is the article too, so it is in no table; the
                // ordinal writes Turkish four "dörd-".
                listed_word(w, Some(l)).or(match w {
                    "bir" | "бір" | "бир" => Some(1.0),
                    "dörd" => Some(4.0),
                    _ => None,
                })
            };
            cardinal(stem).or_else(|| cardinal(stem.strip_suffix(LINKING)?))
        })
}

/// A German number written as one word, as German writes them
/// ("dreiundzwanzig", "zweihundertfünf", "dreitausend"), or its ordinal
/// ("dreiundzwanzigsten", "ersten", "achte").
// Kept whole: one left-to-right reading of a German number word; its parts share the remaining
// text.
fn german_compound(word: &str) -> Option<f64> {
    const PARTS: &[(&str, f64)] = &[
        ("dreizehn", 13.0),
        ("vierzehn", 14.0),
        ("fünfzehn", 15.0),
        ("sechzehn", 16.0),
        ("siebzehn", 17.0),
        ("achtzehn", 18.0),
        ("neunzehn", 19.0),
        ("zwanzig", 20.0),
        ("dreißig", 30.0),
        ("vierzig", 40.0),
        ("fünfzig", 50.0),
        ("sechzig", 60.0),
        ("siebzig", 70.0),
        ("achtzig", 80.0),
        ("neunzig", 90.0),
        ("hundert", 100.0),
        ("tausend", 1000.0),
        ("zwölf", 12.0),
        ("sieben", 7.0),
        ("sechs", 6.0),
        ("zwei", 2.0),
        ("drei", 3.0),
        ("vier", 4.0),
        ("fünf", 5.0),
        ("acht", 8.0),
        ("neun", 9.0),
        ("zehn", 10.0),
        ("eins", 1.0),
        ("ein", 1.0),
        ("elf", 11.0),
        ("und", 0.0),
    ];
    // Ordinals: "-te", "-ste" and their endings; "erste", "dritte",
    // "siebte", "achte" are irregular.
    const ENDINGS: &[&str] = &[
        "sten", "ster", "stes", "stem", "ste", "ten", "ter", "tes", "tem", "te",
    ];
    const ORDINAL: &[(&str, &str)] = &[
        ("ers", "eins"),
        ("drit", "drei"),
        ("sieb", "sieben"),
        ("ach", "acht"),
    ];
    let read = |mut rest: &str| -> Option<f64> {
        let (mut total, mut current, mut parts) = (0.0, 0.0, 0);
        while !rest.is_empty() {
            let &(part, v) = PARTS.iter().find(|(p, _)| rest.starts_with(p))?;
            rest = &rest[part.len()..];
            parts += 1;
            match v {
                100.0 => current = f64::max(current, 1.0) * 100.0,
                1000.0 => {
                    total += f64::max(current, 1.0) * 1000.0;
                    current = 0.0;
                }
                _ => current += v,
            }
        }
        // One part is a word of the table, read there.
        (parts > 1).then_some(total + current)
    };
    if let Some(v) = read(word) {
        return Some(v);
    }
    let stem = ENDINGS.iter().find_map(|e| word.strip_suffix(e))?;
    let stem = ORDINAL
        .iter()
        .find(|(irregular, _)| stem.ends_with(irregular))
        .map_or(stem.to_owned(), |(irregular, regular)| {
            format!("{}{regular}", &stem[..stem.len() - irregular.len()])
        });
    read(&stem).or_else(|| listed_word(&stem, Some("de")))
}

/// The value of `word` in the tables of `language` (any with `None`).
fn listed_word(word: &str, language: Option<&str>) -> Option<f64> {
    // Every word of every source is looked up, and almost none is a
    // number word: one hash lookup each (a binary search over the 1,300
    // words of the tables was a tenth of checking a catalogue), the
    // entries of equal words in table order.
    type Index = std::collections::HashMap<
        &'static str,
        Vec<(usize, f64)>,
        std::hash::BuildHasherDefault<crate::hash::WordHasher>,
    >;
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut all = Index::default();
        for (k, (_, table)) in NUMBER_WORDS.iter().enumerate() {
            for &(w, v) in table.iter().filter(|(w, _)| !w.is_empty()) {
                all.entry(w).or_default().push((k, v));
            }
        }
        all
    });
    index.get(word).and_then(|entries| {
        entries
            .iter()
            .find(|&&(k, _)| {
                let l = NUMBER_WORDS[k].0;
                language.is_none_or(|x| x == l || (x == "be" && l == "ru"))
            })
            .map(|&(_, v)| v)
    })
}

/// A Russian ordinal in any gender, number and case ("семнадцатый",
/// "третьего", "сороковой"): its stem and an adjective's ending.
fn russian_ordinal(word: &str) -> Option<f64> {
    const ENDINGS: &[&str] = &[
        "ыми", "ого", "ому", "ый", "ой", "ая", "ое", "ые", "ым", "ом", "ую", "ых",
    ];
    // "третий": the soft stem of three.
    const THIRD: &[&str] = &[
        "ьими", "ьего", "ьему", "ий", "ья", "ье", "ьи", "ьим", "ьем", "ью", "ьих",
    ];
    if let Some(ending) = word.strip_prefix("трет") {
        return THIRD.contains(&ending).then_some(3.0);
    }
    let stem = ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .filter(|stem| !stem.is_empty())?;
    RUSSIAN_ORDINAL_STEMS
        .iter()
        .find(|(s, _)| *s == stem)
        .map(|&(_, v)| v)
}

/// Stems of Russian ordinals ("семнадцат-ый"), but the third's.
#[rustfmt::skip]
const RUSSIAN_ORDINAL_STEMS: &[(&str, f64)] = &[
    ("перв", 1.0), ("втор", 2.0), ("четвёрт", 4.0), ("четверт", 4.0), ("пят", 5.0),
    ("шест", 6.0), ("седьм", 7.0), ("восьм", 8.0), ("девят", 9.0), ("десят", 10.0),
    ("одиннадцат", 11.0), ("двенадцат", 12.0), ("тринадцат", 13.0), ("четырнадцат", 14.0),
    ("пятнадцат", 15.0), ("шестнадцат", 16.0), ("семнадцат", 17.0), ("восемнадцат", 18.0),
    ("девятнадцат", 19.0), ("двадцат", 20.0), ("тридцат", 30.0), ("сороков", 40.0),
    ("пятидесят", 50.0), ("сот", 100.0),
];

/// Each language's number words. Left out: words that are also the
/// indefinite article ("ein", "un", "una", "bir", "бір") or another
/// common word ("семью", family), and Ukrainian words written with an
/// apostrophe ("п’ять"), which split into two words here.
const NUMBER_WORDS: &[(&str, &[(&str, f64)])] = &[
    ("en", WORDS),
    ("ru", RUSSIAN),
    ("ru", RUSSIAN_MORE),
    ("uk", UKRAINIAN),
    ("de", GERMAN),
    ("de", &[("elf", 11.0), ("zwölf", 12.0), ("tausend", 1000.0)]),
    ("fr", FRENCH),
    ("fr", FRENCH_MORE),
    ("es", SPANISH),
    ("es", SPANISH_MORE),
    ("tr", TURKISH),
    ("az", AZERBAIJANI),
    ("uz", UZBEK),
    ("kk", KAZAKH),
    ("ky", KYRGYZ),
];

/// Values of the words in `words`, in order: 0 to 10, then the tens from
/// 20, then 100.
const fn counted<const N: usize>(words: [&'static str; N]) -> [(&'static str, f64); N] {
    let mut out = [("", 0.0); N];
    let mut k = 0;
    while k < N {
        let value = if k <= 10 {
            k as f64
        } else if k < 19 {
            (k as f64 - 9.0) * 10.0
        } else {
            100.0
        };
        out[k] = (words[k], value);
        k += 1;
    }
    out
}

/// German, French and Spanish: 0 to 10, tens from 20 to 90, 100 ("" where
/// the word is left out).
#[rustfmt::skip]
const GERMAN: &[(&str, f64)] = &counted([
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig",
    "hundert",
]);
#[rustfmt::skip]
const FRENCH: &[(&str, f64)] = &counted([
    "zéro", "", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "vingt", "trente", "quarante", "cinquante", "soixante", "", "", "", "cent",
]);
#[rustfmt::skip]
const SPANISH: &[(&str, f64)] = &counted([
    "cero", "", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
    "cien",
]);
/// Spanish teens, twenties and hundreds (in both genders).
#[rustfmt::skip]
const SPANISH_MORE: &[(&str, f64)] = &[
    ("once", 11.0), ("doce", 12.0), ("trece", 13.0), ("catorce", 14.0), ("quince", 15.0),
    ("dieciséis", 16.0), ("diecisiete", 17.0), ("dieciocho", 18.0), ("diecinueve", 19.0),
    ("veintiuno", 21.0), ("veintiún", 21.0), ("veintidós", 22.0), ("veintitrés", 23.0),
    ("veinticuatro", 24.0), ("veinticinco", 25.0), ("veintiséis", 26.0), ("veintisiete", 27.0),
    ("veintiocho", 28.0), ("veintinueve", 29.0), ("ciento", 100.0),
    ("doscientos", 200.0), ("doscientas", 200.0), ("trescientos", 300.0), ("trescientas", 300.0),
    ("cuatrocientos", 400.0), ("cuatrocientas", 400.0), ("quinientos", 500.0),
    ("quinientas", 500.0), ("seiscientos", 600.0), ("seiscientas", 600.0),
    ("setecientos", 700.0), ("setecientas", 700.0), ("ochocientos", 800.0),
    ("ochocientas", 800.0), ("novecientos", 900.0), ("novecientas", 900.0), ("nuevecientos", 900.0), ("mil", 1000.0),
];
/// French teens and hundreds ("deux cents"); "soixante-dix" and
/// "quatre-vingts" are read by their parts.
#[rustfmt::skip]
const FRENCH_MORE: &[(&str, f64)] = &[
    ("onze", 11.0), ("douze", 12.0), ("treize", 13.0), ("quatorze", 14.0), ("quinze", 15.0),
    ("seize", 16.0), ("cents", 100.0), ("mille", 1000.0), ("quatre-vingt", 80.0), ("quatre-vingts", 80.0),
];
/// Russian teens, tens and hundreds, in the nominative and the genitive
/// a count takes ("двухсот", "девяноста").
#[rustfmt::skip]
const RUSSIAN_MORE: &[(&str, f64)] = &[
    ("одиннадцать", 11.0), ("одиннадцати", 11.0), ("двенадцать", 12.0), ("двенадцати", 12.0),
    ("тринадцать", 13.0), ("тринадцати", 13.0), ("четырнадцать", 14.0), ("четырнадцати", 14.0),
    ("пятнадцать", 15.0), ("пятнадцати", 15.0), ("шестнадцать", 16.0), ("шестнадцати", 16.0),
    ("семнадцать", 17.0), ("семнадцати", 17.0), ("восемнадцать", 18.0), ("восемнадцати", 18.0),
    ("девятнадцать", 19.0), ("девятнадцати", 19.0),
    ("шестьдесят", 60.0), ("шестидесяти", 60.0), ("семьдесят", 70.0), ("семидесяти", 70.0),
    ("восемьдесят", 80.0), ("восьмидесяти", 80.0), ("девяносто", 90.0), ("девяноста", 90.0),
    ("двести", 200.0), ("двухсот", 200.0), ("триста", 300.0), ("трёхсот", 300.0),
    ("трехсот", 300.0), ("четыреста", 400.0), ("четырёхсот", 400.0), ("четырехсот", 400.0),
    ("пятьсот", 500.0), ("пятисот", 500.0), ("шестьсот", 600.0), ("шестисот", 600.0),
    ("семьсот", 700.0), ("семисот", 700.0), ("восемьсот", 800.0), ("восьмисот", 800.0),
    ("девятьсот", 900.0), ("девятисот", 900.0), ("тысяча", 1000.0), ("тысячу", 1000.0),
];
#[rustfmt::skip]
const TURKISH: &[(&str, f64)] = &counted([
    "sıfır", "", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on",
    "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan", "yüz",
]);
#[rustfmt::skip]
const AZERBAIJANI: &[(&str, f64)] = &counted([
    "sıfır", "", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz", "on",
    "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan", "yüz",
]);
/// Uzbek in its Latin alphabet (with the modifier letter ʻ, which is a
/// letter) and its Cyrillic one.
#[rustfmt::skip]
const UZBEK: &[(&str, f64)] = &[
    ("nol", 0.0), ("ikki", 2.0), ("uch", 3.0), ("toʻrt", 4.0), ("besh", 5.0), ("olti", 6.0),
    ("yetti", 7.0), ("sakkiz", 8.0), ("toʻqqiz", 9.0), ("oʻn", 10.0), ("yigirma", 20.0),
    ("oʻttiz", 30.0), ("qirq", 40.0), ("ellik", 50.0), ("oltmish", 60.0), ("yetmish", 70.0),
    ("sakson", 80.0), ("toʻqson", 90.0), ("yuz", 100.0),
    ("икки", 2.0), ("уч", 3.0), ("тўрт", 4.0), ("беш", 5.0), ("олти", 6.0), ("етти", 7.0),
    ("саккиз", 8.0), ("тўққиз", 9.0), ("ўн", 10.0), ("йигирма", 20.0), ("ўттиз", 30.0),
    ("қирқ", 40.0), ("эллик", 50.0), ("юз", 100.0),
];
#[rustfmt::skip]
const KAZAKH: &[(&str, f64)] = &counted([
    "нөл", "", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он",
    "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан", "жүз",
]);
#[rustfmt::skip]
const KYRGYZ: &[(&str, f64)] = &counted([
    "нөл", "", "эки", "үч", "төрт", "беш", "алты", "жети", "сегиз", "тогуз", "он",
    "жыйырма", "отуз", "кырк", "элүү", "алтымыш", "жетимиш", "сексен", "токсон", "жүз",
]);
/// Ukrainian, as far as it differs from Russian or is written without an
/// apostrophe.
#[rustfmt::skip]
const UKRAINIAN: &[(&str, f64)] = &[
    ("нуль", 0.0), ("один", 1.0), ("одна", 1.0), ("два", 2.0), ("дві", 2.0), ("три", 3.0),
    ("чотири", 4.0), ("п'ять", 5.0), ("шість", 6.0), ("сім", 7.0), ("вісім", 8.0),
    ("дев'ять", 9.0), ("десять", 10.0), ("одинадцять", 11.0), ("дванадцять", 12.0),
    ("тринадцять", 13.0), ("чотирнадцять", 14.0), ("п'ятнадцять", 15.0), ("шістнадцять", 16.0),
    ("сімнадцять", 17.0), ("вісімнадцять", 18.0), ("дев'ятнадцять", 19.0),
    ("двадцять", 20.0), ("тридцять", 30.0), ("сорок", 40.0), ("п'ятдесят", 50.0),
    ("шістдесят", 60.0), ("сімдесят", 70.0), ("вісімдесят", 80.0), ("дев'яносто", 90.0),
    ("сто", 100.0), ("двісті", 200.0), ("триста", 300.0), ("чотириста", 400.0),
    ("п'ятсот", 500.0), ("шістсот", 600.0), ("сімсот", 700.0), ("вісімсот", 800.0),
    ("дев'ятсот", 900.0), ("тисяча", 1000.0), ("тисячу", 1000.0), ("сотня", 100.0),
    ("сотні", 100.0), ("сотень", 100.0),
];

fn scale(word: &str) -> Option<f64> {
    SCALES.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// English cardinals and ordinals.
const WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("twain", 2.0),
    ("hundredth", 100.0),
    ("thousandth", 1000.0),
    // As the King James Bible counts: "threescore and ten".
    ("twoscore", 40.0),
    ("threescore", 60.0),
    ("fourscore", 80.0),
    ("sixscore", 120.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
];

/// Russian cardinals in the cases a count takes ("с тремя", "пятью",
/// "двадцати"), and ordinals; not "семью" (also "family").
#[rustfmt::skip]
const RUSSIAN: &[(&str, f64)] = &[
    ("ноль", 0.0), ("один", 1.0), ("одна", 1.0), ("одно", 1.0), ("одного", 1.0), ("одной", 1.0),
    ("одному", 1.0), ("одним", 1.0), ("одном", 1.0),
    ("два", 2.0), ("две", 2.0), ("двух", 2.0), ("двум", 2.0), ("двумя", 2.0),
    ("три", 3.0), ("трёх", 3.0), ("трех", 3.0), ("трём", 3.0), ("трем", 3.0), ("тремя", 3.0),
    ("четыре", 4.0), ("четырёх", 4.0), ("четырех", 4.0), ("четырём", 4.0), ("четырем", 4.0),
    ("четырьмя", 4.0),
    ("пять", 5.0), ("пяти", 5.0), ("пятью", 5.0), ("шесть", 6.0), ("шести", 6.0), ("шестью", 6.0),
    ("семь", 7.0), ("семи", 7.0), ("восемь", 8.0), ("восьми", 8.0), ("восемью", 8.0),
    ("девять", 9.0), ("девяти", 9.0), ("девятью", 9.0), ("десять", 10.0), ("десяти", 10.0),
    ("десятью", 10.0),
    ("двадцать", 20.0), ("двадцати", 20.0), ("двадцатью", 20.0), ("тридцать", 30.0),
    ("тридцати", 30.0), ("сорок", 40.0), ("сорока", 40.0), ("пятьдесят", 50.0),
    ("пятидесяти", 50.0), ("сто", 100.0), ("ста", 100.0),
];

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("тысяча", 1e3),
    ("тысячи", 1e3),
    ("тысяч", 1e3),
    ("тыс", 1e3),
    ("миллион", 1e6),
    ("миллиона", 1e6),
    ("миллионов", 1e6),
    ("млн", 1e6),
    ("тисяча", 1e3),
    ("тисячі", 1e3),
    ("тисяч", 1e3),
    ("thousands", 1e3),
    ("миллиард", 1e9),
    ("миллиарда", 1e9),
    ("миллиардов", 1e9),
    ("млрд", 1e9),
    // German, French, Spanish, Polish, Turkish, Kazakh, Uzbek, Azerbaijani
    // (as written after a number; "mil" is Spanish for thousand).
    ("tausend", 1e3),
    ("mio", 1e6),
    ("millionen", 1e6),
    ("mrd", 1e9),
    ("milliarde", 1e9),
    ("milliarden", 1e9),
    ("mille", 1e3),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("mil", 1e3),
    ("millares", 1e3),
    ("millón", 1e6),
    ("millones", 1e6),
    ("tys", 1e3),
    ("mln", 1e6),
    ("mld", 1e9),
    ("bin", 1e3),
    ("milyon", 1e6),
    ("milyar", 1e9),
    ("мың", 1e3),
    ("ming", 1e3),
    ("milyard", 1e9),
];

#[cfg(test)]
mod tests {
    use super::find;

    /// The numbers a source states plainly.
    fn values(text: &str) -> Vec<f64> {
        find(text, None)
            .into_iter()
            .filter(|n| !n.implied)
            .map(|n| n.value)
            .collect()
    }

    /// The numbers a source implies.
    fn implied(text: &str) -> Vec<f64> {
        find(text, None)
            .into_iter()
            .filter(|n| n.implied)
            .map(|n| n.value)
            .collect()
    }

    /// The table answers as Unicode does, below its end and past it.
    #[test]
    fn the_alphanumeric_table_is_unicodes() {
        for c in (0..0x1000).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_lower_case_table_is_unicodes() {
        let expected = |w: &str| w.to_lowercase().replace(['\u{2019}', '\u{02BC}'], "'");
        let chars: Vec<char> = (0..0x600).filter_map(char::from_u32).collect();
        for &c in &chars {
            let one = c.to_string();
            assert_eq!(super::lower(&one), expected(&one), "{c:?}");
            // A letter before and after: Greek's final sigma depends on it.
            for w in [
                format!("а{c}"),
                format!("{c}а"),
                format!("Α{c}Σ"),
                format!("{c}Σ"),
            ] {
                assert_eq!(super::lower(&w), expected(&w), "{w:?}");
            }
        }
        for w in [
            "ΟΔΟΣ",
            "ΣΟΦΙΑ",
            "İSTANBUL",
            "АСТАНА",
            "Nur-Sultan",
            "ҚАЗАҚСТАН",
            "П’ЯТЬ",
        ] {
            assert_eq!(super::lower(w), expected(w), "{w:?}");
        }
    }

    #[test]
    fn words_remembered_as_stating_nothing_read_as_before() {
        // Words whose reading depends on their neighbours, each met first
        // where it states nothing and then where it does, and the other way.
        let texts = [
            "May I come? On 6 May 2024 it opened.",
            "This one is better; one city, the first time.",
            "Y VI un cielo. VI веке, XVII веке.",
            "Use --zero here; zero is a number.",
            "a minute later, an hour, a day",
            "Meeting in Astana with the delegation",
            "двадцать пять, пять, Встреча в Астане",
            "tab_3 and 3 tabs, 1,000 or 1.000",
            // Capitalised neighbours, read in lower case when asked.
            "This One is better. More Than one came. Two Hundred And Seven people.",
        ];
        type Read = Vec<(std::ops::Range<usize>, f64)>;
        let ways = || {
            [None, Some("en"), Some("ru"), Some("es")]
                .into_iter()
                .flat_map(|l| [(l, false), (l, true)])
        };
        let fresh = |text: &str, language: Option<&str>, source: bool| -> Read {
            super::find_as_with(text, language, source, None)
                .into_iter()
                .map(|n| (n.range, n.value))
                .collect()
        };
        let remembered = |text: &str, language: Option<&str>, source: bool| -> Read {
            super::find_as(text, language, source)
                .into_iter()
                .map(|n| (n.range, n.value))
                .collect()
        };
        std::thread::scope(|s| {
            s.spawn(|| {
                // Backwards first, then forwards twice: every word met
                // before, in either order.
                for round in 0..3 {
                    let order: Vec<&str> = if round == 0 {
                        texts.iter().rev().copied().collect()
                    } else {
                        texts.to_vec()
                    };
                    for text in order {
                        for (l, source) in ways() {
                            assert_eq!(
                                remembered(text, l, source),
                                fresh(text, l, source),
                                "{text:?} in {l:?}, source: {source}"
                            );
                        }
                    }
                }
            });
        });
    }

    #[test]
    fn one_and_first_count_only_as_numerals() {
        assert!(values("This one is better than that one.").is_empty());
        assert!(values("They help one another; no one came; one can see.").is_empty());
        assert!(values("At first it failed. First of all, read it.").is_empty());
        assert_eq!(
            values("one city, the first of the two, the first time"),
            [1.0, 1.0, 2.0, 1.0]
        );
    }

    #[test]
    fn number_words_are_read_in_their_own_language_only() {
        let pl =
            |t: &str| -> Vec<f64> { find(t, Some("pl")).into_iter().map(|n| n.value).collect() };
        // Polish "Ten" is "this", Galician "ten" "has"; digits still count.
        assert!(pl("Ten dom ma dwa piętra.").is_empty());
        assert_eq!(pl("Ten dom ma 2 piętra."), [2.0]);
        let gl = find("O edificio ten dous andares.", Some("gl"));
        assert!(gl.is_empty(), "{gl:?}");
        let en: Vec<f64> = find("ten floors, два этажа", Some("en"))
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(en, [10.0]);
        let ru: Vec<f64> = find("ten floors, два этажа", Some("ru"))
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(ru, [2.0]);
    }

    #[test]
    fn numerals_words_and_scales_agree() {
        assert_eq!(values("nine towns and 9 cities"), [9.0, 9.0]);
        assert_eq!(values("from 15 million to 25 million tons"), [15e6, 25e6]);
        assert_eq!(
            values("1,000,000 or 1 000 000? 2.5 and 2,5"),
            [1e6, 1e6, 2.5, 2.5]
        );
        assert_eq!(values("1\u{A0}500 tons, 30 years"), [1500.0, 30.0]);
        assert_eq!(values("my 16th visit, the sixteenth"), [16.0, 16.0]);
        assert_eq!(values("twenty-five years"), [25.0]);
        assert_eq!(
            values("с 15 млн до 25 миллионов тонн, девять городов"),
            [15e6, 25e6, 9.0]
        );
    }

    #[test]
    fn ranges_cover_the_number_and_its_scale() {
        let text = "grew to 25 million tons";
        let n = &find(text, None)[0];
        assert_eq!(&text[n.range.clone()], "25 million");
    }

    #[test]
    fn numbers_written_onto_units_scales_and_currencies_are_read() {
        assert_eq!(values("5kg and 5кг"), [5.0, 5.0]);
        assert_eq!(values("12em wide, at 18ч"), [12.0, 18.0]);
        assert_eq!(values("R57.60 or USD250"), [57.6, 250.0]);
        // The same 4.2 billion, as written in English and in Russian.
        assert_eq!(values("$4.2bn"), [4.2e9]);
        assert_eq!(values("4,2 млрд"), [4.2e9]);
        assert_eq!(values("10k users"), [10_000.0]);
        // Not numbers in a translation: a unit-less code, a
        // metre-or-million, a file type (a source states the digits after
        // letters: see `a_source_states_numbers_inside_words`).
        let target = find("3d mp3 5m x86 3bin 5mil", Some("en"));
        assert!(target.is_empty(), "{target:?}");
        assert_eq!(implied("3d mp3 5m x86"), [3.0, 3.0, 5.0, 86.0]);
    }

    #[test]
    fn every_decimal_digit_system_is_read_by_value() {
        assert_eq!(values("(۴۰۳)"), [403.0]);
        assert_eq!(values("٢٥ و ২৫ और २५"), [25.0, 25.0, 25.0]);
        assert_eq!(values("١٢٫٥ و ١٬٠٠٠"), [12.5, 1000.0]);
        assert_eq!(values("۱ ۰۰۰ تومان"), [1000.0]);
        assert_eq!(values("٢٥ млн"), [25_000_000.0]);
        // Each zero starts a run of ten digits, which every script's
        // numerals are (Rust's own Unicode tables agree they are numeric).
        for &zero in super::ZEROS {
            for value in 0..10 {
                let c = char::from_u32(u32::from(zero) + value).unwrap();
                assert!(c.is_numeric(), "{c:?}");
                assert_eq!(super::digit(c), Some(value), "{c:?}");
            }
        }
        assert_eq!(super::digit('a'), None);
        assert_eq!(super::digit('٪'), None);
        assert_eq!(super::digit('\u{065F}'), None);
    }

    #[test]
    fn words_that_merely_contain_digits_are_not_numbers() {
        assert!(values("COVID19x and abc").is_empty());
        let target =
            |t: &str| -> Vec<f64> { find(t, Some("en")).into_iter().map(|n| n.value).collect() };
        assert!(target("UTF8 and Launch1 and a zero-length file").is_empty());
    }

    /// Real GTK and GLib catalogues (issue 24's PO study): what a source
    /// states inside a word, which the translation writes as a number.
    #[test]
    fn a_source_states_numbers_inside_words() {
        assert_eq!(implied("without UTF8 support"), [8.0]);
        assert_eq!(implied("Launch1"), [1.0]);
        assert_eq!(implied("Unknown SOCKSv5 proxy error."), [5.0]);
        assert_eq!(implied("Linux root (S390X)"), [390.0]);
        assert_eq!(implied("zero-length symbolic reference"), [0.0]);
        assert_eq!(
            implied("make all warnings errors (non-zero exit status)"),
            [0.0]
        );
        assert_eq!(implied("a three-day visit"), [3.0]);
        assert_eq!(implied("hexadecimal digit expected"), [16.0]);
        assert_eq!(implied("octal value, in decimal"), [8.0, 10.0]);
        assert_eq!(implied("no leading zeros"), [0.0]);
        assert_eq!(
            implied("abbreviated month name: Mar, May; you may"),
            [3.0, 5.0]
        );
        assert_eq!(implied("gtk-menu=16,16"), [16.0, 16.0]);
        assert_eq!(values("gtk-menu=16,16"), [16.16]);
        assert_eq!(implied("e.g. 15:30, 2∶35 pm"), [15.3, 2.35]);
        assert_eq!(values("e.g. 15:30, 2∶35 pm"), [15.0, 30.0, 2.0, 35.0]);
        assert_eq!(implied("only this one"), [1.0]);
        assert!(values("well-known COVID19x and this one").is_empty());
        assert_eq!(values("a 5x7 print, 1920×1080"), [5.0, 7.0, 1920.0, 1080.0]);
        assert_eq!(values("e.g. 1-3,7,11"), [1.0, 3.0, 7.0, 11.0]);
        assert_eq!(implied("use 1K blocks, once"), [1.0, 1024.0, 1.0]);
        assert_eq!(implied("With more than one FILE"), [2.0]);
        assert_eq!(implied("read a single byte"), [1.0]);
    }

    /// The issue's cases: locale formats and numbers with several dots.
    #[test]
    fn separators_as_each_language_writes_them() {
        let read = |t: &str, l: &str| -> Vec<(f64, bool)> {
            find(t, Some(l))
                .into_iter()
                .map(|n| (n.value, n.implied))
                .collect()
        };
        assert_eq!(read("1 000,50 тонн", "ru"), [(1000.5, false)]);
        assert_eq!(read("1\u{A0}000\u{A0}000,5", "fr"), [(1_000_000.5, false)]);
        assert_eq!(
            read("1,000.00 and 2.000,00", "en"),
            [(1000.0, false), (2000.0, false)]
        );
        assert_eq!(read("2.000,00", "de"), [(2000.0, false)]);
        // Ambiguous: the language's reading first, the other as well.
        assert_eq!(read("1.000", "de"), [(1.0, true), (1000.0, false)]);
        assert_eq!(read("1.000", "en"), [(1000.0, true), (1.0, false)]);
        assert_eq!(read("1,000", "en"), [(1.0, true), (1000.0, false)]);
        assert_eq!(read("2,5 and 2.5", "de"), [(2.5, false), (2.5, false)]);
        // Dates and versions, part by part.
        assert_eq!(
            read("06.05.2024", "de"),
            [(6.0, false), (5.0, false), (2024.0, false)]
        );
        assert_eq!(
            read("version 1.2.3", "en"),
            [(1.0, false), (2.0, false), (3.0, false)]
        );
        assert_eq!(read("1,000,000", "de"), [(1e6, false)]);
    }

    #[test]
    fn russian_none_and_the_same_are_no_numbers() {
        let ru =
            |t: &str| -> Vec<f64> { find(t, Some("ru")).into_iter().map(|n| n.value).collect() };
        assert!(ru("ни один элемент не открыт").is_empty());
        assert!(ru("один и тот же файл").is_empty());
        assert_eq!(ru("один из элементов"), [1.0]);
    }
}
