//! Descriptions that stand on their own ("the president", "the North Korean leader", "the
//! regime", "his administration"), linked to the entity they refer to, and the resolution of
//! the descriptors [`super::around`] could only place once every article was read.
//!
//! Linking: a person role goes to a person the case gives that role (from titles, premodifiers
//! and appositives), of the country the description names if it names one, the one mentioned
//! last before it in the article first; a collective noun goes to the country it names, the
//! country of the person a possessive points to ("his administration"), or the country
//! mentioned last.

use super::around::Target;
use super::roles;
use super::words::Kind as TokenKind;
use super::{Descriptor, Doc, Pattern, Profile};
use crate::entity::Kind;
use crate::entity::lexicon::is_common;

/// What the linking steps know about the case.
pub struct Case<'a> {
    pub kinds: &'a [Kind],
    pub profiles: &'a [Profile],
    /// Mentions per entity over the case.
    pub mentions: &'a [usize],
}

impl Case<'_> {
    fn is_person(&self, e: usize) -> bool {
        matches!(self.kinds[e], Kind::Person | Kind::Other)
    }

    /// The entity a descriptor of `target` belongs to.
    pub fn resolve(&self, target: &Target) -> usize {
        match target {
            Target::Entity(e) => *e,
            Target::CountryOf(person) => self.profiles[*person].country().unwrap_or(*person),
            Target::PersonOf { country, role } => (0..self.kinds.len())
                .filter(|&p| {
                    self.is_person(p)
                        && self.profiles[p].roles.contains_key(role)
                        && self.profiles[p].country() == Some(*country)
                })
                .max_by_key(|&p| (self.mentions[p], std::cmp::Reverse(p)))
                .unwrap_or(*country),
        }
    }
}

/// The most words before the head of a standalone description.
const MAX_BEFORE: usize = 6;

/// Finds the standalone descriptions of `doc` outside the ranges already `taken`.
pub fn find(doc: &Doc, case: &Case, taken: &[std::ops::Range<usize>], out: &mut Vec<(usize, Descriptor)>) {
    let tokens = &doc.tokens;
    for head in 0..tokens.len() {
        let token = &tokens[head];
        if !token.is_word() || doc.entity_at[head].is_some() {
            continue;
        }
        if let Some((first, pair)) = pair(doc, head, case) {
            let range = tokens[first].range.start..token.range.end;
            if !taken.iter().any(|t| t.start < range.end && range.start < t.end) {
                for entity in pair {
                    out.push((entity, standalone(doc, range.clone())));
                }
            }
            continue;
        }
        if !roles::is_head(&token.key) && !roles::is_organisation_plural(&token.key) {
            continue;
        }
        // The head is the last noun: "security adviser" is taken at "adviser", and a name
        // after it makes it a premodifier. A possessive does not: "the president's lawyer"
        // names the president.
        if let Some(next) = tokens.get(head + 1) {
            let named_next = doc.entity_at[head + 1].is_some() || (next.capital && !is_common(&next.key));
            if next.is_word() && (roles::is_head(&next.key) || named_next) {
                continue;
            }
        }
        let Some(found) = phrase(doc, head, case) else {
            continue;
        };
        let range = tokens[found.first].range.start..tokens[found.last].range.end;
        if taken.iter().any(|t| t.start < range.end && range.start < t.end) {
            continue;
        }
        for entity in link(doc, head, &found, case) {
            out.push((entity, standalone(doc, range.clone())));
        }
    }
}

fn standalone(doc: &Doc, range: std::ops::Range<usize>) -> Descriptor {
    Descriptor {
        doc: doc.doc,
        range,
        pattern: Pattern::Standalone,
        loaded: false,
    }
}

/// "The two leaders", "our two nations", "both countries": a description of two entities at
/// once, the two of its kind the case names most among those this article named before it.
/// Returns the phrase's first token and the two entities.
fn pair(doc: &Doc, head: usize, case: &Case) -> Option<(usize, [usize; 2])> {
    let tokens = &doc.tokens;
    let kind = roles::pair_kind(&tokens[head].key)?;
    // Back over a few modifiers ("the two European leaders") to "two" or "both".
    let mut at = head;
    while at > 0 && head - at < 3 {
        let key = tokens[at - 1].key.as_str();
        if key == "two" || key == "both" {
            break;
        }
        if !tokens[at - 1].is_word() || !(roles::is_modifier(key) || doc.entity_at[at - 1].is_some()) {
            return None;
        }
        at -= 1;
    }
    let number = at.checked_sub(1)?;
    let first = match tokens[number].key.as_str() {
        "both" => number,
        "two" => {
            // "two leaders" alone is any two; "the two leaders" are two the reader knows.
            let determiner = number.checked_sub(1)?;
            if !roles::is_determiner(&tokens[determiner].key)
                || matches!(tokens[determiner].key.as_str(), "a" | "an")
            {
                return None;
            }
            determiner
        }
        _ => return None,
    };
    // The two of the wanted kind the case names most among those this article named before:
    // the protagonists ("Trump and Macron", "the United States and France"), not whoever was
    // quoted last.
    let wanted = match kind {
        roles::PairKind::Persons => Kind::Person,
        roles::PairKind::Countries => Kind::Place,
    };
    let end = doc.spans.partition_point(|&(f, _, _)| f < first);
    let mut two: Vec<usize> = doc.spans[..end]
        .iter()
        .map(|&(_, _, e)| e)
        .filter(|&e| case.kinds[e] == wanted)
        .collect();
    two.sort_unstable();
    two.dedup();
    two.sort_by_key(|&e| (std::cmp::Reverse(case.mentions[e]), e));
    match two[..] {
        [a, b, ..] => Some((first, [a, b])),
        _ => None,
    }
}

/// A description found around a head noun.
struct Phrase {
    first: usize,
    last: usize,
    determiner: Option<String>,
    /// The country the words name ("North Korean", "of Japan").
    country: Option<usize>,
}

/// The words that make a description of the head at `head`, if it is determined enough to
/// stand for someone: a determiner, a country, or "Mr." before it.
fn phrase(doc: &Doc, head: usize, case: &Case) -> Option<Phrase> {
    let tokens = &doc.tokens;
    let mut first = head;
    let mut country = None;
    let mut determiner = None;
    while first > 0 && head - first < MAX_BEFORE {
        let token = &tokens[first - 1];
        if !token.is_word() {
            break;
        }
        let key = token.key.as_str();
        if roles::is_determiner(key) || roles::is_courtesy(key) {
            determiner = Some(key.to_owned());
            first -= 1;
            break;
        }
        let named = doc.entity_at[first - 1];
        if let Some(c) = named.filter(|&c| case.kinds[c] == Kind::Place) {
            country.get_or_insert(c);
        } else if named.is_some_and(|c| case.is_person(c)) {
            // "Trump's lawyer" is someone else.
            break;
        } else if named.is_some() {
            // "the former FBI director": an organisation qualifies the role.
        } else if roles::is_stop(key)
            || !(roles::is_modifier(key) || roles::is_head(key) || (token.capital && !is_common(key)))
        {
            break;
        }
        first -= 1;
    }
    let mut last = head;
    // "the president of the United States", "the leader of Japan".
    let mut k = head + 1;
    if tokens.get(k).is_some_and(|t| t.key == "of") {
        k += 1;
        if tokens.get(k).is_some_and(|t| t.key == "the") {
            k += 1;
        }
        // Anything but a country after "of" ("the director of the program", "the leader of
        // America's oldest ally") names someone the phrase does not stand for.
        let c = doc
            .entity_at
            .get(k)
            .copied()
            .flatten()
            .filter(|&c| case.kinds[c] == Kind::Place)?;
        while doc.entity_at.get(k + 1).copied().flatten() == Some(c) {
            k += 1;
        }
        if tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Possessive) {
            return None;
        }
        country = Some(c);
        last = k;
    }
    if matches!(determiner.as_deref(), Some("a" | "an")) && country.is_none() {
        return None;
    }
    if determiner.is_none() && country.is_none() {
        return None;
    }
    Some(Phrase {
        first,
        last,
        determiner,
        country,
    })
}

/// The entities a standalone description refers to: one, or for a plural class noun ("the
/// terrorist groups") the organisations named together last ("Hamas and Islamic Jihad").
fn link(doc: &Doc, head: usize, phrase: &Phrase, case: &Case) -> Vec<usize> {
    let key = doc.tokens[head].key.as_str();
    if roles::is_organisation_plural(key) && phrase.country.is_none() {
        let linked = link_one(doc, head, phrase, case);
        return match linked {
            Some(e) if case.kinds[e] == Kind::Organisation => coordinated(doc, phrase.first, e, case),
            other => other.into_iter().collect(),
        };
    }
    link_one(doc, head, phrase, case).into_iter().collect()
}

/// The organisations coordinated with the last mention of `e` before token `at`: "Hamas and
/// Palestinian Islamic Jihad (PIJ)", "A, B and C"; `e` alone when it stands alone.
fn coordinated(doc: &Doc, at: usize, e: usize, case: &Case) -> Vec<usize> {
    let end = doc.spans.partition_point(|&(first, _, _)| first < at);
    let Some(last) = doc.spans[..end].iter().rposition(|&(_, _, x)| x == e) else {
        return vec![e];
    };
    let mut out = vec![e];
    let mut k = last;
    while k > 0 {
        let (first, _, _) = doc.spans[k];
        let (_, prev_last, prev) = doc.spans[k - 1];
        let between = &doc.tokens[prev_last + 1..first];
        // Only "and", "or", commas and a bracketed short form of the previous name.
        let joined = between.len() <= 4
            && between
                .iter()
                .any(|t| t.is(',') || matches!(t.key.as_str(), "and" | "or"))
            && between
                .iter()
                .all(|t| t.is(',') || t.is('(') || t.is(')') || matches!(t.key.as_str(), "and" | "or"));
        // "Hamas and Palestinian Islamic Jihad (PIJ)": the bracket repeats the name before it.
        if prev == doc.spans[k].2 {
            k -= 1;
            continue;
        }
        if !joined || case.kinds[prev] != Kind::Organisation {
            break;
        }
        if !out.contains(&prev) {
            out.push(prev);
        }
        k -= 1;
    }
    out
}

/// The entity a standalone description refers to, one at most.
fn link_one(doc: &Doc, head: usize, phrase: &Phrase, case: &Case) -> Option<usize> {
    let key = doc.tokens[head].key.as_str();
    let possessive = phrase
        .determiner
        .as_deref()
        .is_some_and(roles::is_possessive_determiner);
    if roles::is_person_role(key) {
        if possessive && phrase.country.is_none() {
            // "his lawyer" is someone else.
            return None;
        }
        let candidates: Vec<usize> = (0..case.kinds.len())
            .filter(|&p| {
                case.is_person(p)
                    && case.profiles[p].roles.contains_key(key)
                    && phrase
                        .country
                        .is_none_or(|c| case.profiles[p].countries.contains_key(&c))
            })
            .collect();
        if candidates.is_empty() {
            // "the American president" when the case never said whose country the president
            // is: the one person given that role with no country at all, not the country.
            let unplaced: Vec<usize> = (0..case.kinds.len())
                .filter(|&p| {
                    case.is_person(p)
                        && case.profiles[p].roles.contains_key(key)
                        && case.profiles[p].countries.is_empty()
                })
                .collect();
            if let (Some(_), [only]) = (phrase.country, &unplaced[..]) {
                return Some(*only);
            }
            return phrase.country;
        }
        return last_before(doc, phrase.first, |e| candidates.contains(&e)).or_else(|| {
            candidates
                .iter()
                .copied()
                .max_by_key(|&p| (case.mentions[p], std::cmp::Reverse(p)))
        });
    }
    if let Some(c) = phrase.country {
        return Some(c);
    }
    if roles::is_collective(key) {
        if possessive {
            let person = last_before(doc, phrase.first, |e| case.is_person(e))?;
            return case.profiles[person].country();
        }
        if matches!(phrase.determiner.as_deref(), Some("the" | "this" | "that"))
            && matches!(
                key,
                "regime" | "government" | "administration" | "country" | "nation" | "leadership" | "junta"
            )
        {
            return last_before(doc, phrase.first, |e| case.kinds[e] == Kind::Place);
        }
        return None;
    }
    // "the Acme holding company": the organisation named inside the description is the one
    // it describes, whoever was mentioned last.
    if let Some(named) =
        (phrase.first..head).find_map(|i| doc.entity_at[i].filter(|&c| case.kinds[c] == Kind::Organisation))
    {
        return Some(named);
    }
    // A classifier: "the group", "the militants"; not "the Houthi movement", whose capital
    // word names a group the entity engine did not list.
    if (phrase.first..head).any(|i| {
        doc.tokens[i].capital
            && doc.entity_at[i].is_none()
            && !roles::is_head(&doc.tokens[i].key)
            && !roles::is_modifier(&doc.tokens[i].key)
    }) {
        return None;
    }
    last_before(doc, phrase.first, |e| case.kinds[e] == Kind::Organisation)
}

/// The entity of the last mention before token `at` that `want` accepts.
fn last_before(doc: &Doc, at: usize, want: impl Fn(usize) -> bool) -> Option<usize> {
    let end = doc.spans.partition_point(|&(first, _, _)| first < at);
    doc.spans[..end]
        .iter()
        .rev()
        .map(|&(_, _, e)| e)
        .find(|&e| want(e))
}
