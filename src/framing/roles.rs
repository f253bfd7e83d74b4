//! The closed word lists the descriptor patterns use: role nouns, collective nouns, classifier
//! nouns, modifiers and determiners. English only; all keys lower-case.
//!
//! Loaded and evaluative terms are data (`assets/framing/loaded-en.toml`), not here: these lists
//! say what shape a description has, the lexicon says what it implies.

/// Nouns for one person's role ("the president", "North Korean leader Kim").
const PERSON_ROLES: &[&str] = &[
    "president",
    "leader",
    "dictator",
    "director",
    "chief",
    "minister",
    "premier",
    "secretary",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "monarch",
    "mayor",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "lawmaker",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "counsel",
    "attorney",
    "general",
    "commander",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "head",
    "emir",
    "sheikh",
    "ayatollah",
    "cleric",
    "pope",
    "tycoon",
    "billionaire",
    "executive",
    "businessman",
    "businesswoman",
    "strongman",
    "despot",
    "autocrat",
    "tyrant",
    "official",
    "lawyer",
    "judge",
    "prosecutor",
    "candidate",
    "nominee",
    "counterpart",
    "host",
    "guest",
    "mogul",
    "correspondent",
    "diplomat",
    "negotiator",
    "coordinator",
    "organizer",
    "organiser",
    "activist",
    "commentator",
    "journalist",
    "reporter",
    "analyst",
    "colonel",
    "lieutenant",
    "sergeant",
    "captain",
    "admiral",
    "marshal",
    "deputy",
    "successor",
    "predecessor",
    "incumbent",
    "challenger",
    "rival",
    "critic",
    "strategist",
    "aide",
    "donor",
    "militant",
    "terrorist",
    "rebel",
    "fighter",
    "commissioner",
    "administrator",
    "superintendent",
    "sheriff",
    "officer",
    "agent",
    "spy",
    "informant",
    "whistleblower",
    "chief-of-staff",
    "speaker",
];

/// Nouns for a body that acts for a country or an organisation ("the regime", "Japanese
/// officials"): they stand for the collective, not for one person.
const COLLECTIVES: &[&str] = &[
    "regime",
    "government",
    "administration",
    "country",
    "nation",
    "state",
    "officials",
    "authorities",
    "leadership",
    "military",
    "army",
    "troops",
    "forces",
    "diplomats",
    "junta",
    "cabinet",
    "ministry",
    "department",
    "agency",
    "bureau",
    "side",
    "people",
    "leaders",
    "negotiators",
    "representatives",
    "envoys",
    "lawmakers",
    "legislators",
    "senators",
    "delegation",
    "embassy",
    "kingdom",
    "republic",
    "monarchy",
    "establishment",
    "police",
];

/// Nouns that classify a group ("Houthi rebels", "Iran-backed militant groups").
const CLASSIFIERS: &[&str] = &[
    "group",
    "groups",
    "organization",
    "organisation",
    "organizations",
    "organisations",
    "movement",
    "militia",
    "militias",
    "militants",
    "rebels",
    "insurgents",
    "fighters",
    "terrorists",
    "faction",
    "factions",
    "proxies",
    "proxy",
    "network",
    "party",
    "coalition",
    "alliance",
    "outfit",
    "extremists",
    "jihadists",
    "separatists",
    "guerrillas",
    "paramilitaries",
    "wing",
];

/// Plural nouns for organisations of any trade ("the two water companies", "unions such as
/// ..."): a class a list of organisations is introduced by, or that stands for the
/// organisations just named together. Plural only: "the company" alone is left to the
/// classifiers above.
const ORGANISATION_PLURALS: &[&str] = &[
    "companies",
    "firms",
    "corporations",
    "businesses",
    "banks",
    "lenders",
    "insurers",
    "carriers",
    "airlines",
    "utilities",
    "manufacturers",
    "retailers",
    "suppliers",
    "unions",
    "parties",
    "charities",
    "clubs",
    "teams",
    "cooperatives",
    "associations",
    "federations",
    "agencies",
    "institutions",
    "universities",
    "outlets",
    "broadcasters",
    "publishers",
    "networks",
    "coalitions",
    "alliances",
    "movements",
    "ngos",
];

/// Words before a role noun that make it a description rather than a bare title ("former",
/// "top", "so-called").
const MODIFIERS: &[&str] = &[
    "former",
    "then",
    "ex",
    "top",
    "senior",
    "junior",
    "chief",
    "deputy",
    "acting",
    "interim",
    "so-called",
    "self-styled",
    "self-proclaimed",
    "fired",
    "ousted",
    "longtime",
    "long-time",
    "outspoken",
    "embattled",
    "controversial",
    "new",
    "newly",
    "incoming",
    "outgoing",
    "late",
    "veteran",
    "powerful",
    "hardline",
    "hard-line",
    "moderate",
    "radical",
    "extremist",
    "militant",
    "terrorist",
    "rogue",
    "brutal",
    "authoritarian",
    "autocratic",
    "repressive",
    "murderous",
    "defiant",
    "reclusive",
    "young",
    "elderly",
    "first",
    "second",
    "third",
    "last",
    "current",
    "national",
    "foreign",
    "security",
    "defense",
    "defence",
    "intelligence",
    "military",
    "special",
    "prime",
    "vice",
    "general",
    "attorney",
    "white",
    "house",
    "state",
    "federal",
    "presidential",
    "american",
    "supreme",
    "religious",
    "spiritual",
    "armed",
    "islamist",
    "jihadist",
    "shia",
    "shiite",
    "sunni",
    "rebel",
    "palestinian",
    "resistance",
    "opposition",
    "ruling",
    "communist",
    "socialist",
    "conservative",
    "liberal",
    "leftist",
    "right-wing",
    "left-wing",
    "far-right",
    "far-left",
    "nationalist",
    "populist",
    "economic",
    "trade",
    "finance",
    "interior",
    "justice",
    "health",
    "education",
    "energy",
    "communications",
    "press",
    "campaign",
    "personal",
    "chief-of",
    "nuclear",
    "main",
    "most",
    "trusted",
    "closest",
    "close",
    "key",
    "staunch",
    "loyal",
    "wealthy",
    "billionaire",
    "real",
    "estate",
    "tv",
    "reality",
    "immigration",
    "border",
    "homeland",
    "intelligence-agency",
    "fellow",
    "european",
    "western",
];

/// Words that open a noun phrase that stands on its own.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "your", "my",
];

/// Possessive determiners: "his administration" stands for the country of the person last named.
const POSSESSIVES: &[&str] = &["his", "her", "their", "its"];

/// Verbs that link a subject to a predicate nominal ("X is a ...").
const COPULAS: &[&str] = &["is", "was", "remains", "remained", "became", "becomes", "'s"];

/// Words that end a description (a clause or a list starts).
const STOPS: &[&str] = &[
    "who", "whom", "whose", "which", "that", "and", "or", "but", "said", "says", "told", "when", "where",
    "while", "after", "before", "because", "if", "as", "than", "to", "in", "on", "at", "with", "for", "from",
    "by", "about", "over", "into", "during", "since", "until", "is", "was", "are", "were", "has", "have",
    "had", "will", "would", "could", "should", "can", "may", "might", "must", "not", "also", "he", "she",
    "it", "they", "we", "i", "you",
];

fn has(list: &[&str], key: &str) -> bool {
    list.contains(&key)
}

/// A noun for one person's role ("president"; for "Prime Minister", its last word).
pub fn is_person_role(key: &str) -> bool {
    has(PERSON_ROLES, key)
}

/// A noun for a body acting for a country or group ("regime", "officials").
pub fn is_collective(key: &str) -> bool {
    has(COLLECTIVES, key)
}

pub fn is_classifier(key: &str) -> bool {
    has(CLASSIFIERS, key)
}

/// A plural noun for organisations: a plural classifier ("militias", "factions") or a plural of
/// any trade ("companies", "unions").
pub fn is_organisation_plural(key: &str) -> bool {
    (key.ends_with('s') && has(CLASSIFIERS, key)) || has(ORGANISATION_PLURALS, key)
}

/// Any head noun a description can end with.
pub fn is_head(key: &str) -> bool {
    is_person_role(key) || is_collective(key) || is_classifier(key)
}

pub fn is_modifier(key: &str) -> bool {
    has(MODIFIERS, key)
        || key.starts_with("ex-")
        || key.starts_with("then-")
        || key.starts_with("former-")
        || ends_like_compound(key)
}

/// "Iran-backed", "U.S.-designated", "Saudi-led": a hyphenated participle.
pub fn ends_like_compound(key: &str) -> bool {
    key.contains('-')
        && [
            "-backed",
            "-designated",
            "-led",
            "-based",
            "-allied",
            "-aligned",
            "-linked",
            "-funded",
            "-sponsored",
            "-supported",
            "-affiliated",
            "-inspired",
            "-born",
            "-elect",
            "-designate",
            "-era",
            "-minted",
            "-confessed",
            "-proclaimed",
            "-styled",
        ]
        .iter()
        .any(|end| key.ends_with(end))
}

/// What a plural noun after "the two" or "both" stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// "the two leaders", "both men".
    Persons,
    /// "the two countries", "our two nations".
    Countries,
}

/// The kind of pair a plural noun names, if it names one.
pub fn pair_kind(key: &str) -> Option<PairKind> {
    match key {
        "leaders" | "presidents" | "men" | "women" | "heads" | "counterparts" | "statesmen" => {
            Some(PairKind::Persons)
        }
        "countries" | "nations" | "governments" | "neighbours" | "neighbors" => Some(PairKind::Countries),
        _ => None,
    }
}

pub fn is_determiner(key: &str) -> bool {
    has(DETERMINERS, key)
}

pub fn is_possessive_determiner(key: &str) -> bool {
    has(POSSESSIVES, key)
}

pub fn is_copula(key: &str) -> bool {
    has(COPULAS, key)
}

pub fn is_stop(key: &str) -> bool {
    has(STOPS, key)
}

/// Courtesy titles that are part of how a name is written ("Mr. Kim"), not a description.
pub fn is_courtesy(key: &str) -> bool {
    matches!(key, "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "sir" | "dame")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_and_classify() {
        for list in [
            PERSON_ROLES,
            COLLECTIVES,
            CLASSIFIERS,
            ORGANISATION_PLURALS,
            MODIFIERS,
            DETERMINERS,
            STOPS,
        ] {
            assert!(list.iter().all(|w| w.to_lowercase() == *w), "{list:?}");
        }
        assert!(is_person_role("president") && !is_person_role("presidents"));
        assert!(is_collective("regime") && is_classifier("rebels"));
        assert!(is_modifier("iran-backed") && is_modifier("u.s.-designated") && !is_modifier("met"));
        assert!(is_courtesy("mr") && !is_courtesy("president"));
    }
}
