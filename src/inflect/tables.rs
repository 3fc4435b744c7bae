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
//! - be: noun case endings as for ru and uk.
//! - ko: particles written onto the noun, and the copula.
//! - ja, zh, th and other scripts without spaces need no endings: a name
//!   ends where the word segmenter says (`matcher::segment`).

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
        language: "be",
        suffixes: &[
            "а", "я", "ы", "і", "е", "у", "ю", "ой", "ай", "ою", "ем", "ам", "ом", "ям", "ах", "ях",
            "амі", "ямі", "ў", "оў", "еў", "скі", "ская", "скае", "скага", "скай", "скаму", "скім",
            "скую", "скіх",
        ],
        apostrophe: false,
        strip: "аяйь",
        harmony: None,
    },
    // Korean particles are written onto the noun they follow ("파이썬의",
    // "서울에서"): the common case, topic, location and comitative
    // particles, some of them stacked, and the copula's forms.
    Table {
        language: "ko",
        suffixes: &[
            "의", "은", "는", "이", "가", "을", "를", "에", "에서", "에게", "께", "께서", "와",
            "과", "로", "으로", "도", "만", "까지", "부터", "보다", "처럼", "이나", "나", "랑",
            "이랑", "하고", "에서는", "에는", "에도", "에서도", "으로는", "로는", "와는", "과는",
            "에게는", "이다", "입니다", "이며", "이고", "인", "이라는", "라는",
        ],
        apostrophe: false,
        strip: "",
        harmony: None,
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
