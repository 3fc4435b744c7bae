//! Endings per language, as written (they are folded when first used).
//!
//! Small on purpose: the endings that attach to proper names, not a
//! morphological analyser. Each entry says where it comes from:
//!
//! - en: possessive; plural; demonyms and adjectives formed by adding a suffix
//!   (Azerbaijan-i, Armenia-n, Kazakhstan-i). Stem changes ("Uzbek") are not
//!   suffixes: list them with `forms`.
//! - ru, uk: noun case endings (the final а/я/й/ь is replaced) and the
//!   adjectival -ский family.
//! - kk, ky: case and plural suffixes, Cyrillic and Latin; all harmony
//!   variants are accepted (folding merges ү and у, so harmony cannot be told).
//! - tr, az: case, plural and -ki/-li suffixes in every harmony variant;
//!   front/back harmony with the stem's last vowel is enforced.
//! - uz: case and plural suffixes (Uzbek has no vowel harmony).

pub(super) struct Table {
    pub(super) language: &'static str,
    pub(super) suffixes: &'static [&'static str],
    pub(super) apostrophe: bool,
    pub(super) strip: &'static str,
    /// (front vowels, back vowels).
    pub(super) harmony: Option<(&'static str, &'static str)>,
}

pub(super) const TABLES: &[Table] = &[
    Table {
        language: "en",
        suffixes: &[
            "'s", "'", "s", "es", "i", "is", "n", "ns", "an", "ans", "ian", "ians", "ese", "stani",
            "stanis",
        ],
        apostrophe: false,
        strip: "",
        harmony: None,
    },
    Table {
        language: "ru",
        suffixes: &[
            "а",
            "я",
            "ы",
            "и",
            "е",
            "у",
            "ю",
            "ой",
            "ей",
            "ою",
            "ею",
            "ом",
            "ем",
            "ём",
            "ам",
            "ям",
            "ами",
            "ями",
            "ах",
            "ях",
            "ов",
            "ев",
            "ский",
            "ская",
            "ское",
            "ские",
            "ского",
            "ской",
            "скому",
            "ском",
            "скую",
            "ских",
            "цы",
            "ца",
            "це",
            "цу",
        ],
        apostrophe: false,
        strip: "аяйь",
        harmony: None,
    },
    Table {
        language: "uk",
        suffixes: &[
            "а",
            "я",
            "и",
            "і",
            "ї",
            "е",
            "у",
            "ю",
            "ою",
            "ею",
            "єю",
            "ом",
            "ем",
            "єм",
            "ові",
            "еві",
            "єві",
            "ах",
            "ях",
            "ам",
            "ям",
            "ами",
            "ями",
            "ський",
            "ська",
            "ське",
            "ського",
            "ській",
        ],
        apostrophe: false,
        strip: "аяйь",
        harmony: None,
    },
    Table {
        language: "kk",
        suffixes: &[
            "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "ға", "ге", "қа",
            "ке", "а", "е", "на", "не", "ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні", "ды",
            "ді", "ты", "ті", "н", "мен", "бен", "пен", "дағы", "дегі", "тағы", "тегі", "лар",
            "лер", "дар", "дер", "тар", "тер", "da", "de", "ta", "te", "dan", "den", "tan", "ten",
            "nan", "nen", "ğa", "ge", "qa", "ke", "nyñ", "niñ", "dyñ", "diñ", "tyñ", "tiñ", "ny",
            "ni", "dy", "di", "ty", "ti", "men", "ben", "pen", "lar", "ler", "dar", "der", "tar",
            "ter",
        ],
        apostrophe: true,
        strip: "",
        harmony: None,
    },
    Table {
        language: "ky",
        suffixes: &[
            "да", "де", "до", "дө", "та", "те", "то", "тө", "дан", "ден", "дон", "дөн", "тан",
            "тен", "тон", "төн", "нан", "нен", "нон", "нөн", "га", "ге", "го", "гө", "ка", "ке",
            "ко", "кө", "на", "не", "нын", "нин", "нун", "нүн", "дын", "дин", "дун", "дүн", "тын",
            "тин", "тун", "түн", "ны", "ни", "ну", "нү", "ды", "ди", "ду", "дү", "ты", "ти", "ту",
            "тү", "лар", "лер", "лор", "лөр", "дар", "дер", "дор", "дөр",
        ],
        apostrophe: false,
        strip: "",
        harmony: None,
    },
    Table {
        language: "tr",
        suffixes: &[
            "da", "de", "ta", "te", "dan", "den", "tan", "ten", "a", "e", "ya", "ye", "ı", "i",
            "u", "ü", "yı", "yi", "yu", "yü", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün",
            "la", "le", "yla", "yle", "lar", "ler", "daki", "deki", "taki", "teki", "lı", "li",
            "lu", "lü",
        ],
        apostrophe: true,
        strip: "",
        harmony: Some(("eiöü", "aıou")),
    },
    Table {
        language: "az",
        suffixes: &[
            "da", "də", "dan", "dən", "a", "ə", "ya", "yə", "ı", "i", "u", "ü", "nı", "ni", "nu",
            "nü", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "la", "lə", "yla", "ylə",
            "lar", "lər", "dakı", "dəki", "lı", "li", "lu", "lü",
        ],
        apostrophe: true,
        strip: "",
        harmony: Some(("eəiöü", "aıou")),
    },
    Table {
        language: "uz",
        suffixes: &[
            "da", "dan", "ga", "ka", "qa", "ni", "ning", "lar", "dagi", "gacha", "lik", "cha",
        ],
        apostrophe: true,
        strip: "",
        harmony: None,
    },
];
