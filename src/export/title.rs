//! A case title when the analyst has not set one (`:case-title`): the words the headlines share.

use std::collections::BTreeMap;

use super::report::Source;

/// Words that say nothing about the event.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "amid", "an", "and", "are", "as", "at", "be", "been", "but", "by",
    "for", "from", "has", "have", "he", "her", "his", "in", "into", "is", "it", "its", "new", "not", "of",
    "on", "or", "over", "says", "said", "she", "that", "the", "their", "they", "this", "to", "was", "were",
    "what", "when", "who", "will", "with",
];

/// At most this many words make a derived title.
const MAX_WORDS: usize = 6;

/// The words found in at least two of the sources' titles (each title counted once), in the
/// order they first appear, as written there; with fewer than two titles or no shared word,
/// the first title; with none at all, "Case report".
pub fn from_headlines(sources: &[Source]) -> String {
    let titles: Vec<&str> = sources.iter().filter_map(|s| s.title.as_deref()).collect();
    let mut seen_in: BTreeMap<String, usize> = BTreeMap::new();
    let mut order: Vec<(String, &str)> = Vec::new();
    for title in &titles {
        let mut in_this = Vec::new();
        for word in words(title) {
            let key = fold(word);
            if in_this.contains(&key) {
                continue;
            }
            in_this.push(key.clone());
            let count = seen_in.entry(key.clone()).or_default();
            if *count == 0 {
                order.push((key, word));
            }
            *count += 1;
        }
    }
    let shared: Vec<&str> = order
        .iter()
        .filter(|(key, _)| seen_in.get(key).is_some_and(|&n| n >= 2))
        .map(|&(_, word)| word)
        .take(MAX_WORDS)
        .collect();
    if shared.len() >= 2 {
        return capitalise(&shared.join(" "));
    }
    titles
        .first()
        .map_or_else(|| "Case report".to_owned(), |title| (*title).to_owned())
}

/// Content words of a title: letters and digits, apostrophes inside, stopwords and
/// one-letter words left out.
fn words(title: &str) -> impl Iterator<Item = &str> {
    title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        .filter(|w| w.chars().count() > 1 && !STOPWORDS.contains(&fold(w).as_str()))
}

fn fold(word: &str) -> String {
    word.to_lowercase()
}

/// `text` with its first letter in upper case (the report's titles and sentences).
pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::SourceBias;

    fn source(title: Option<&str>) -> Source {
        Source {
            number: 1,
            path: String::new(),
            outlet: String::new(),
            title: title.map(str::to_owned),
            date: None,
            byline: None,
            url: None,
            retrieved: None,
            bias: SourceBias::default(),
            outlet_bias: None,
            bias_from_outlet: false,
            note: String::new(),
        }
    }

    #[test]
    fn shared_headline_words_in_first_appearance_order() {
        let sources = [
            source(Some(
                "Iran-backed groups hold rare meeting with IRGC chiefs in Tehran",
            )),
            source(Some("IRGC meets allied groups in Tehran amid mourning")),
            source(Some("Iran’s acting FM meets Hamas leaders")),
        ];
        assert_eq!(from_headlines(&sources), "Groups IRGC Tehran meets");
    }

    #[test]
    fn without_shared_words_the_first_title_or_a_plain_name() {
        assert_eq!(
            from_headlines(&[source(Some("Harbour strike ends")), source(Some("Port deal"))]),
            "Harbour strike ends"
        );
        assert_eq!(from_headlines(&[source(None)]), "Case report");
    }
}
