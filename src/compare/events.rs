//! Event words: the verbs and nouns news uses for one kind of happening, mapped to one class so
//! that "died" meets "killed", "blaze" meets "fire", "detained" meets "arrested", whichever
//! outlet wrote it. General news vocabulary, by kind of event, not any one story's words; the
//! case's rarity weights still decide how much a shared class says.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::stem;

/// (class, words): each word is matched as written and through the stemmer, so one form of a
/// regular verb is enough; irregular forms are listed.
const CLASSES: &[(&str, &[&str])] = &[
    (
        "death",
        &[
            "die",
            "died",
            "dies",
            "dying",
            "dead",
            "death",
            "deaths",
            "kill",
            "killed",
            "killing",
            "slain",
            "slay",
            "fatal",
            "fatally",
            "perish",
            "perished",
            "lives",
            "toll",
            "deadly",
            "suffocate",
            "murder",
            "murdered",
        ],
    ),
    (
        "injury",
        &[
            "injure",
            "injured",
            "injuries",
            "injury",
            "wound",
            "wounded",
            "hurt",
            "casualty",
            "casualties",
            "hospitalised",
            "hospitalized",
        ],
    ),
    (
        "fire",
        &[
            "fire", "blaze", "inferno", "flames", "burn", "burned", "burnt", "ablaze", "firebomb",
        ],
    ),
    (
        "attack",
        &[
            "attack",
            "attacked",
            "assault",
            "assaulted",
            "strike",
            "struck",
            "raid",
            "raided",
            "bombing",
            "bombed",
            "shelling",
            "shelled",
            "airstrike",
        ],
    ),
    (
        "shooting",
        &["shoot", "shot", "shooting", "gunfire", "gunman", "gunmen"],
    ),
    (
        "explosion",
        &[
            "explosion",
            "explode",
            "exploded",
            "blast",
            "detonate",
            "detonated",
            "bomb",
            "bombs",
            "explosive",
        ],
    ),
    (
        "arrest",
        &[
            "arrest",
            "arrested",
            "detain",
            "detained",
            "detention",
            "custody",
            "apprehend",
            "apprehended",
            "captured",
            "nabbed",
            "seized",
        ],
    ),
    (
        "charge",
        &[
            "charge",
            "charged",
            "indict",
            "indicted",
            "indictment",
            "accuse",
            "accused",
            "prosecute",
            "prosecuted",
        ],
    ),
    (
        "sentence",
        &[
            "sentence",
            "sentenced",
            "jailed",
            "imprisoned",
            "prison",
            "jail",
            "convict",
            "convicted",
            "conviction",
        ],
    ),
    (
        "trial",
        &[
            "trial",
            "court",
            "judge",
            "hearing",
            "testify",
            "testified",
            "jury",
        ],
    ),
    (
        "meeting",
        &[
            "meet",
            "met",
            "meeting",
            "talks",
            "summit",
            "hosted",
            "received",
            "visit",
            "visited",
            "discussed",
            "discuss",
            "discussion",
            "conferred",
        ],
    ),
    ("attend", &["attend", "attended", "attendance", "participated"]),
    (
        "funeral",
        &[
            "funeral",
            "burial",
            "buried",
            "mourners",
            "mourn",
            "mourned",
            "memorial",
            "vigil",
            "condolences",
            "eulogy",
            "procession",
        ],
    ),
    (
        "protest",
        &[
            "protest",
            "protests",
            "protesters",
            "protestors",
            "demonstration",
            "demonstrators",
            "rally",
            "rallies",
            "riot",
            "rioters",
            "rioting",
            "unrest",
            "march",
            "marched",
        ],
    ),
    (
        "resign",
        &[
            "resign",
            "resigned",
            "resignation",
            "quit",
            "stepped",
            "step",
            "steps",
        ],
    ),
    (
        "dismiss",
        &[
            "fired",
            "sacked",
            "dismissed",
            "ousted",
            "removed",
            "axed",
            "dismissal",
        ],
    ),
    (
        "appoint",
        &[
            "appoint",
            "appointed",
            "appointment",
            "named",
            "nominated",
            "nominee",
            "hired",
            "hire",
            "tapped",
            "picked",
        ],
    ),
    (
        "election",
        &[
            "elect", "elected", "election", "vote", "voted", "votes", "ballot", "poll", "polls", "won",
            "win", "victory", "defeated",
        ],
    ),
    (
        "acquire",
        &[
            "acquire",
            "acquired",
            "acquisition",
            "buy",
            "bought",
            "purchase",
            "purchased",
            "takeover",
            "deal",
            "merger",
        ],
    ),
    (
        "announce",
        &[
            "announce",
            "announced",
            "announcement",
            "unveil",
            "unveiled",
            "launch",
            "launched",
            "introduce",
            "introduced",
            "release",
            "released",
        ],
    ),
    (
        "earthquake",
        &[
            "earthquake",
            "quake",
            "tremor",
            "temblor",
            "magnitude",
            "seismic",
            "aftershock",
        ],
    ),
    (
        "flood",
        &["flood", "flooded", "flooding", "deluge", "inundated", "torrent"],
    ),
    (
        "storm",
        &["storm", "hurricane", "typhoon", "cyclone", "tornado", "gale"],
    ),
    (
        "crash",
        &[
            "crash",
            "crashed",
            "collision",
            "collided",
            "derail",
            "derailed",
            "wreck",
        ],
    ),
    (
        "rescue",
        &[
            "rescue",
            "rescued",
            "evacuate",
            "evacuated",
            "evacuation",
            "saved",
            "freed",
        ],
    ),
    (
        "escape",
        &[
            "escape", "escaped", "fled", "flee", "fleeing", "flight", "abscond",
        ],
    ),
    (
        "threat",
        &[
            "threat",
            "threaten",
            "threatened",
            "warn",
            "warned",
            "warning",
            "vowed",
            "vow",
        ],
    ),
    (
        "ceasefire",
        &[
            "ceasefire",
            "truce",
            "armistice",
            "negotiation",
            "negotiations",
            "mediation",
            "mediated",
            "agreement",
        ],
    ),
    (
        "deny",
        &["deny", "denied", "denial", "rejected", "refuted", "dismissed"],
    ),
    (
        "sanction",
        &["sanction", "sanctions", "embargo", "ban", "banned", "blacklisted"],
    ),
    (
        "missile",
        &[
            "missile",
            "missiles",
            "rocket",
            "rockets",
            "drone",
            "drones",
            "projectile",
        ],
    ),
    (
        "investigate",
        &[
            "investigate",
            "investigated",
            "investigation",
            "probe",
            "inquiry",
            "inquest",
        ],
    ),
    (
        "treatment",
        &[
            "treatment",
            "treat",
            "treated",
            "rehab",
            "rehabilitation",
            "therapy",
            "counseling",
            "counselling",
            "detox",
            "recovery",
        ],
    ),
    (
        "admission",
        &[
            "enter",
            "entered",
            "admit",
            "admitted",
            "admission",
            "checked",
            "checking",
        ],
    ),
    (
        "decision",
        &[
            "decide", "decided", "decision", "chose", "choose", "choice", "opted",
        ],
    ),
    (
        "disclose",
        &[
            "disclose",
            "disclosed",
            "undisclosed",
            "reveal",
            "revealed",
            "specify",
            "specified",
            "unspecified",
            "divulge",
        ],
    ),
    (
        "depart",
        &[
            "leave",
            "left",
            "leaving",
            "exit",
            "exited",
            "depart",
            "departed",
            "departure",
        ],
    ),
    ("privacy", &["privacy", "private", "privately"]),
    (
        "transfer",
        &[
            "transfer",
            "transferred",
            "move",
            "moved",
            "relocate",
            "relocated",
        ],
    ),
    ("retire", &["retire", "retired", "retirement"]),
    ("marriage", &["marry", "married", "marriage", "wedding", "wed"]),
    ("divorce", &["divorce", "divorced", "separation", "separated"]),
    ("lawsuit", &["sue", "sued", "lawsuit", "litigation", "suing"]),
    ("birth", &["born", "birth", "baby", "pregnant", "pregnancy"]),
];

/// Every listed word and its stem → its class (the first class listing it).
static INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for (class, words) in CLASSES {
        for w in *words {
            index.entry((*w).to_owned()).or_insert(*class);
            index.entry(stem(w)).or_insert(*class);
        }
    }
    index
});

/// The event class of a lower-cased word, or of its stem.
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
