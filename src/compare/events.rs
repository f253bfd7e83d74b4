//! Event words: the verbs and nouns news uses for one kind of happening, mapped to one class so
//! that "died" meets "killed", "blaze" meets "fire", "detained" meets "arrested", whichever
//! outlet wrote it. General news vocabulary, by kind of event, not any one story's words (the
//! classes are data, `assets/compare/en.toml`); the case's rarity weights still decide how much
//! a shared class says.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::{lists, stem};

/// Every listed word and its stem → its class (the first class listing it).
static INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for event in &lists().events {
        for w in &event.words {
            index.entry(w.to_lowercase()).or_insert(event.class.as_str());
            index
                .entry(stem(&w.to_lowercase()))
                .or_insert(event.class.as_str());
        }
    }
    index
});

/// The class of a lower-cased word (as written or by its stem).
pub fn class_of(word: &str, stem: &str) -> Option<&'static str> {
    INDEX.get(word).or_else(|| INDEX.get(stem)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_one_event_meet() {
        assert_eq!(class_of("died", &stem("died")), Some("death"));
        assert_eq!(class_of("killed", &stem("killed")), Some("death"));
        assert_eq!(class_of("blaze", &stem("blaze")), Some("fire"));
        assert_eq!(class_of("detained", &stem("detained")), Some("arrest"));
        assert_eq!(class_of("table", &stem("table")), None);
        assert_eq!(
            class_of("decision", &stem("decision")),
            class_of("decided", &stem("decided"))
        );
        assert_eq!(
            class_of("undisclosed", &stem("undisclosed")),
            class_of("revealed", &stem("revealed"))
        );
        assert_eq!(
            class_of("exited", &stem("exited")),
            class_of("left", &stem("left"))
        );
    }
}
