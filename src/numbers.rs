//! Numbers a text states, by value: "9", "nine", "1 million", "15 млн",
//! "16th", "sixteenth", "25,000" all become numbers `number-mismatch` can
//! compare across languages.
//!
//! Numerals are read in any language (with `,` `.` or spaces between groups
//! of three, or a decimal point or comma); number words and scale words are
//! read for English and Russian. A number inside a glossary name
//! ("Birlestik-2024", "COP29") is the caller's to exclude.

use std::ops::Range;

/// A number stated in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub range: Range<usize>,
    pub value: f64,
}

/// Every number in `text`, in order.
pub fn find(text: &str) -> Vec<Number> {
    let words = words(text);
    let mut out: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (range, word) = &words[i];
        let Some(mut value) = numeral(word).or_else(|| number_word(word)) else {
            i += 1;
            continue;
        };
        let mut end = range.end;
        // "1 000 000": groups of three digits after single spaces (regular,
        // no-break or narrow no-break) continue a numeral.
        while let Some((r, next)) = words.get(i + 1) {
            let gap = &text[end..r.start];
            let spaced = matches!(gap, " " | "\u{A0}" | "\u{202F}");
            if !(spaced
                && next.len() == 3
                && next.bytes().all(|b| b.is_ascii_digit())
                && word.bytes().all(|b| b.is_ascii_digit()))
            {
                break;
            }
            value = value * 1000.0 + next.parse::<f64>().unwrap_or(0.0);
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
        out.push(Number {
            range: range.start..end,
            value,
        });
        i += 1;
    }
    out
}

/// Words as runs of letters and digits, keeping `,` `.` between digits and
/// `-` between letters; with their byte ranges.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let joins = match c {
            ',' | '.' => {
                prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            }
            '-' => prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic),
            _ => c.is_alphanumeric(),
        };
        match (joins, current) {
            (true, None) => current = Some(i),
            (false, Some(start)) => {
                out.push((start..i, text[start..i].to_lowercase()));
                current = None;
            }
            _ => {}
        }
    }
    if let Some(start) = current {
        out.push((start..text.len(), text[start..].to_lowercase()));
    }
    out
}

/// "25", "1,000,000", "1.5", "16th", "2-й" (the suffix of an ordinal).
fn numeral(word: &str) -> Option<f64> {
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let (num, suffix) = word.split_at(digits_end);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let ordinal = matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "s");
    if !ordinal {
        return None;
    }
    // Groups of three after each separator: thousands; otherwise a decimal.
    let groups: Vec<&str> = num.split([',', '.']).collect();
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
    let plain: String = if thousands {
        groups.concat()
    } else {
        num.replacen(',', ".", 1)
    };
    plain.parse().ok()
}

fn number_word(word: &str) -> Option<f64> {
    if let Some((tens, unit)) = word.split_once('-') {
        return Some(number_word(tens)? + number_word(unit)?);
    }
    WORDS.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

fn scale(word: &str) -> Option<f64> {
    SCALES.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// English and Russian cardinals and ordinals (Russian in the forms a
/// count takes most often).
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
    ("один", 1.0),
    ("одна", 1.0),
    ("два", 2.0),
    ("две", 2.0),
    ("три", 3.0),
    ("четыре", 4.0),
    ("пять", 5.0),
    ("шесть", 6.0),
    ("семь", 7.0),
    ("восемь", 8.0),
    ("девять", 9.0),
    ("десять", 10.0),
    ("двадцать", 20.0),
    ("тридцать", 30.0),
    ("сто", 100.0),
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
    ("миллиард", 1e9),
    ("миллиарда", 1e9),
    ("миллиардов", 1e9),
    ("млрд", 1e9),
];

#[cfg(test)]
mod tests {
    use super::find;

    fn values(text: &str) -> Vec<f64> {
        find(text).into_iter().map(|n| n.value).collect()
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
        let n = &find(text)[0];
        assert_eq!(&text[n.range.clone()], "25 million");
    }

    #[test]
    fn words_that_merely_contain_digits_are_not_numbers() {
        assert!(values("COVID19x and abc").is_empty());
    }
}
