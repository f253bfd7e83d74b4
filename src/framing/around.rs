//! Descriptors next to a name: premodifiers and titles ("Iran-backed militant group Hezbollah",
//! "CIA Director Mike Pompeo"), appositives ("Hezbollah, the Lebanese group,"), predicate
//! nominals ("Pompeo is a nominee ..."), classifier nouns ("Houthi rebels", "the Trump
//! administration") and possessives ("Abe's government"). While reading them it learns each
//! person's role nouns and country, which [`super::standalone`] uses to link "the president".

use super::lexicon::Lexicon;
use super::roles;
use super::words::Kind as TokenKind;
use super::{Descriptor, Doc, Pattern, Profile};
use crate::entity::Kind;
use crate::entity::lexicon::{is_calendar, is_common, is_title};

/// Who a descriptor found here belongs to; some are known only once every article is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Entity(usize),
    /// The country of this person ("the Trump administration"), or the person when unknown.
    CountryOf(usize),
    /// The person of this country with this role ("North Korea's leader"), or the country.
    PersonOf {
        country: usize,
        role: String,
    },
}

/// The most words a premodifier, appositive or predicate may have.
const MAX_WORDS: usize = 12;

/// Reads the patterns around every name in `doc`.
pub fn find(
    doc: &Doc,
    kinds: &[Kind],
    lexicon: &Lexicon,
    profiles: &mut [Profile],
    out: &mut Vec<(Target, Descriptor)>,
) {
    members(doc, kinds, lexicon, out);
    for &(first, last, e) in &doc.spans {
        premodifier(doc, (first, last), e, kinds, lexicon, profiles, out);
        let last = after_brackets(doc, last);
        let Some(next) = doc.tokens.get(last + 1) else {
            continue;
        };
        if next.kind == TokenKind::Possessive {
            possessive(doc, first, last + 2, e, kinds, out);
        } else if next.is(',') {
            appositive(doc, last + 2, e, kinds, profiles, out);
        } else if is_dash(next) && closes_with_dash(doc, last + 2) {
            // "the Guard Corps – the dominant branch of the armed forces – led it".
            appositive(doc, last + 2, e, kinds, profiles, out);
        } else if next.is_word() && roles::is_copula(&next.key) {
            predicate(doc, last + 2, e, kinds, profiles, out);
        } else if next.is_word() && doc.entity_at[last + 1].is_none() {
            classifier(doc, first, last + 1, e, kinds, out);
        }
    }
}

/// A spaced dash that opens or closes a parenthetical: an en or em dash (a hyphen inside a
/// word is part of the word).
fn is_dash(token: &super::words::Token) -> bool {
    token.is('\u{2013}') || token.is('\u{2014}')
}

/// Whether the parenthetical opened by a dash before `start` is a noun phrase: it closes with a
/// dash (or the sentence's end) within a short clause, and its noun phrase is not the subject
/// of a verb ("X – the company said –").
fn closes_with_dash(doc: &Doc, start: usize) -> bool {
    let tokens = &doc.tokens;
    let closes = (start..(start + 2 * MAX_WORDS).min(tokens.len()))
        .map(|i| &tokens[i])
        .find(|t| t.is_boundary())
        .is_none_or(|t| is_dash(t) || t.is('.') || t.kind == TokenKind::Break);
    let subject = phrase_end(doc, start)
        .and_then(|end| tokens.get(end))
        .is_some_and(|t| {
            matches!(
                t.key.as_str(),
                "said"
                    | "says"
                    | "told"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
            )
        });
    closes && !subject
}

/// `last`, or the closing bracket of a short parenthesis right after it: "the Islamic
/// Revolutionary Guard Corps (IRGC), a U.S.-designated terrorist organization".
fn after_brackets(doc: &Doc, last: usize) -> usize {
    if !doc.tokens.get(last + 1).is_some_and(|t| t.is('(')) {
        return last;
    }
    (last + 2..(last + 8).min(doc.tokens.len()))
        .take_while(|&i| !doc.tokens[i].is_boundary() || doc.tokens[i].is(')'))
        .find(|&i| doc.tokens[i].is(')'))
        .unwrap_or(last)
}

fn push(
    doc: &Doc,
    out: &mut Vec<(Target, Descriptor)>,
    target: Target,
    first: usize,
    last: usize,
    pattern: Pattern,
) {
    out.push((
        target,
        Descriptor {
            doc: doc.doc,
            range: doc.tokens[first].range.start..doc.tokens[last].range.end,
            pattern,
            loaded: false,
        },
    ));
}

fn is_personal(kind: Kind) -> bool {
    matches!(kind, Kind::Person | Kind::Other)
}

/// Records what tokens `from..=to` say about person `e`: its role (the last role noun) and the
/// countries named.
fn learn(doc: &Doc, from: usize, to: usize, e: usize, kinds: &[Kind], profiles: &mut [Profile]) {
    if !is_personal(kinds[e]) {
        return;
    }
    let profile = &mut profiles[e];
    if let Some(role) = (from..=to)
        .rev()
        .find(|&i| doc.entity_at[i].is_none() && roles::is_person_role(&doc.tokens[i].key))
    {
        *profile.roles.entry(doc.tokens[role].key.clone()).or_default() += 1;
    }
    for i in from..=to {
        if let Some(c) = doc.entity_at[i]
            && c != e
            && kinds[c] == Kind::Place
        {
            *profile.countries.entry(c).or_default() += 1;
        }
    }
}

/// Words before the name, ending next to it in a role noun, a title or a compound adjective.
fn premodifier(
    doc: &Doc,
    (first, last): (usize, usize),
    e: usize,
    kinds: &[Kind],
    lexicon: &Lexicon,
    profiles: &mut [Profile],
    out: &mut Vec<(Target, Descriptor)>,
) {
    let tokens = &doc.tokens;
    // "the former FBI director": the name is itself a modifier of a larger description.
    if tokens
        .get(last + 1)
        .is_some_and(|t| t.is_word() && doc.entity_at[last + 1].is_none() && roles::is_head(&t.key))
    {
        return;
    }
    let personal = is_personal(kinds[e]);
    let mut j = first;
    let mut words = 0;
    while j > 0 && words < MAX_WORDS {
        let token = &tokens[j - 1];
        if token.kind == TokenKind::Possessive {
            if j >= 2 && j < first && tokens[j - 2].is_word() && doc.entity_at[j - 2] != Some(e) {
                j -= 2;
                words += 1;
                continue;
            }
            break;
        }
        if !token.is_word() || doc.entity_at[j - 1] == Some(e) {
            break;
        }
        let key = token.key.as_str();
        let ok = if j == first {
            // A person has a role or a title; a group a class ("terrorist organization Hamas").
            roles::ends_like_compound(key)
                || roles::is_classifier(key)
                || (personal && (roles::is_head(key) || is_title(key)))
        } else {
            !roles::is_determiner(key)
                && !roles::is_stop(key)
                && (roles::is_head(key)
                    || is_title(key)
                    || roles::is_modifier(key)
                    || doc.entity_at[j - 1].is_some()
                    || lexicon.is_term(key)
                    || (token.capital && !is_common(key) && !key.ends_with("ing")))
        };
        if !ok {
            break;
        }
        j -= 1;
        words += 1;
    }
    if j == first || tokens[j].kind == TokenKind::Possessive {
        return;
    }
    learn(doc, j, first - 1, e, kinds, profiles);
    let courtesy = (j..first).all(|i| roles::is_courtesy(&tokens[i].key));
    if courtesy {
        return;
    }
    let bare_title = (j..first).all(|i| is_title(&tokens[i].key));
    let pattern = if bare_title {
        Pattern::Title
    } else {
        Pattern::Premodifier
    };
    // "Mr." before the description is part of the name's spelling, not the description.
    let start = (j..first)
        .find(|&i| !roles::is_courtesy(&tokens[i].key))
        .unwrap_or(j);
    push(doc, out, Target::Entity(e), start, first - 1, pattern);
}

/// The end (exclusive) of a phrase starting at `start`: the first comma, clause boundary or
/// stop word; `None` when it runs past [`MAX_WORDS`].
fn phrase_end(doc: &Doc, start: usize) -> Option<usize> {
    let mut i = start;
    while let Some(token) = doc.tokens.get(i) {
        if token.is(',') || token.is_boundary() || (token.is_word() && roles::is_stop(&token.key)) {
            return Some(i);
        }
        if i - start >= MAX_WORDS {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// "Hezbollah, the Lebanese group," and "Pompeo, CIA Director,".
fn appositive(
    doc: &Doc,
    start: usize,
    e: usize,
    kinds: &[Kind],
    profiles: &mut [Profile],
    out: &mut Vec<(Target, Descriptor)>,
) {
    let start = after_described_as(doc, start);
    let Some(end) = phrase_end(doc, start) else {
        return;
    };
    let tokens = &doc.tokens;
    let end = without_dangling_participle(doc, start, end);
    if end <= start {
        return;
    }
    // "Trump, Abe and Moon", "France, the United Kingdom and Germany": a list, unless a
    // description of its own ("a powerful Iranian military force and ...").
    let described = (start..end).any(|i| doc.entity_at[i].is_none() && roles::is_head(&tokens[i].key));
    let foreign = (start..end)
        .any(|i| doc.entity_at[i].is_some_and(|c| c != e && (kinds[c] != Kind::Place || !described)));
    if tokens
        .get(end)
        .is_some_and(|t| matches!(t.key.as_str(), "and" | "or"))
        && (foreign || !described)
    {
        return;
    }
    // "such as Hamas, the Houthi organization, and Islamic Jihad": the list goes on after it.
    let mut next = end + 1;
    while tokens
        .get(next)
        .is_some_and(|t| matches!(t.key.as_str(), "the" | "a" | "an"))
    {
        next += 1;
    }
    if tokens.get(end).is_some_and(|t| t.is(','))
        && (tokens
            .get(end + 1)
            .is_some_and(|t| matches!(t.key.as_str(), "and" | "or"))
            || doc.entity_at.get(next).copied().flatten().is_some_and(|c| c != e))
    {
        return;
    }
    let first = &tokens[start];
    if !first.is_word() || is_calendar(&first.key) || first.key.starts_with(|c: char| c.is_ascii_digit()) {
        return;
    }
    // "Hamas, the Popular Front for the Liberation of ...": a list item whose name goes on
    // past a preposition, cut where the phrase stops; a name, not a description of `e`.
    let named = (start..end).all(|i| {
        let t = &tokens[i];
        !t.is_word() || t.capital || matches!(t.key.as_str(), "the" | "a" | "an")
    });
    let name_goes_on = tokens.get(end).is_some_and(|t| t.is_word() && !t.capital)
        && tokens
            .get(end + 1..(end + 3).min(tokens.len()))
            .is_some_and(|next| next.iter().any(|t| t.is_word() && t.capital));
    if named && name_goes_on {
        return;
    }
    // Another person's name in it: a list of names, not a description.
    if (start..end).any(|i| doc.entity_at[i].is_some_and(|c| c != e && is_personal(kinds[c]))) {
        return;
    }
    let head = (start..end)
        .rev()
        .find(|&i| tokens[i].is_word() && roles::is_head(&tokens[i].key));
    let determined = matches!(
        first.key.as_str(),
        "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our"
    );
    let ok = if determined {
        end - start >= 2
    } else {
        // Without a determiner, only modifiers and names up to a role noun: "CIA Director"
        // for a person; for a group or place a class noun and no other name ("Gaza, Hezbollah
        // fighters" describes Hezbollah).
        let fits = |h: usize| {
            if is_personal(kinds[e]) {
                roles::is_person_role(&tokens[h].key)
            } else {
                (start..end).all(|i| doc.entity_at[i].is_none_or(|c| c == e))
            }
        };
        head.filter(|&h| fits(h)).is_some_and(|h| {
            (h + 1 == end || tokens[h + 1].key == "of")
                && (start..h).all(|i| {
                    let t = &tokens[i];
                    t.kind == TokenKind::Possessive
                        || doc.entity_at[i].is_some()
                        || roles::is_modifier(&t.key)
                        || roles::is_head(&t.key)
                        || is_title(&t.key)
                        || (t.capital && !is_common(&t.key))
                })
        })
    };
    if !ok {
        return;
    }
    learn(doc, start, end - 1, e, kinds, profiles);
    push(doc, out, Target::Entity(e), start, end - 1, Pattern::Appositive);
}

/// After "X, sometimes described as": where the description itself starts ("a rival group").
fn after_described_as(doc: &Doc, start: usize) -> usize {
    let tokens = &doc.tokens;
    let key = |i: usize| tokens.get(i).map_or("", |t| t.key.as_str());
    let verb = start
        + usize::from(matches!(
            key(start),
            "sometimes" | "often" | "widely" | "commonly" | "usually" | "also" | "long" | "officially"
        ));
    let described = matches!(
        key(verb),
        "described"
            | "labelled"
            | "labeled"
            | "branded"
            | "designated"
            | "characterised"
            | "characterized"
            | "regarded"
    );
    if described && key(verb + 1) == "as" {
        verb + 2
    } else {
        start
    }
}

/// `end`, or one word less when the phrase ends in a participle whose complement was cut
/// ("the group based" of "the group based in Beirut").
fn without_dangling_participle(doc: &Doc, start: usize, end: usize) -> usize {
    let tokens = &doc.tokens;
    let cut = tokens
        .get(end)
        .is_some_and(|t| t.is_word() && roles::is_stop(&t.key));
    match end.checked_sub(1).map(|i| &tokens[i]) {
        Some(last)
            if cut
                && end - 1 > start
                && last.is_word()
                && last.key.ends_with("ed")
                && !roles::is_head(&last.key)
                && !roles::is_modifier(&last.key) =>
        {
            end - 1
        }
        _ => end,
    }
}

/// "X is a ...": the noun phrase after a copula, from its determiner to the first boundary.
fn predicate(
    doc: &Doc,
    mut start: usize,
    e: usize,
    kinds: &[Kind],
    profiles: &mut [Profile],
    out: &mut Vec<(Target, Descriptor)>,
) {
    let tokens = &doc.tokens;
    while tokens
        .get(start)
        .is_some_and(|t| matches!(t.key.as_str(), "also" | "still" | "now" | "already"))
    {
        start += 1;
    }
    if !tokens
        .get(start)
        .is_some_and(|t| matches!(t.key.as_str(), "a" | "an" | "the" | "one"))
    {
        return;
    }
    let Some(mut end) = phrase_end(doc, start + 1) else {
        return;
    };
    // "a separate but allied terrorist organization": a conjunction between modifiers, before
    // any noun, joins them; the phrase goes on to its noun.
    if tokens
        .get(end)
        .is_some_and(|t| matches!(t.key.as_str(), "but" | "and" | "or"))
        && !(start + 1..end).any(|i| roles::is_head(&tokens[i].key))
        && let Some(longer) = phrase_end(doc, end + 1).filter(|&l| l > end + 1 && l - start <= MAX_WORDS)
    {
        end = longer;
    }
    let end = without_dangling_participle(doc, start, end);
    if end < start + 2 {
        return;
    }
    learn(doc, start, end - 1, e, kinds, profiles);
    push(doc, out, Target::Entity(e), start, end - 1, Pattern::Predicate);
}

/// "Houthi rebels", "the Trump administration", "North Korean officials": a group or collective
/// noun right after the name.
fn classifier(
    doc: &Doc,
    first: usize,
    at: usize,
    e: usize,
    kinds: &[Kind],
    out: &mut Vec<(Target, Descriptor)>,
) {
    let tokens = &doc.tokens;
    let is_group = |key: &str| roles::is_collective(key) || roles::is_classifier(key);
    if !is_group(&tokens[at].key) {
        return;
    }
    let mut last = at;
    while tokens
        .get(last + 1)
        .is_some_and(|t| t.is_word() && is_group(&t.key) && doc.entity_at[last + 1].is_none())
    {
        last += 1;
    }
    // A name follows: "Hamas leader Haniyeh" is the premodifier of that name.
    if doc.entity_at.get(last + 1).is_some_and(Option::is_some) {
        return;
    }
    let target = if is_personal(kinds[e]) {
        Target::CountryOf(e)
    } else {
        Target::Entity(e)
    };
    push(doc, out, target, first, last, Pattern::Classifier);
}

/// "Abe's government", "Iran's leaders", "North Korea's leader".
fn possessive(
    doc: &Doc,
    first: usize,
    start: usize,
    e: usize,
    kinds: &[Kind],
    out: &mut Vec<(Target, Descriptor)>,
) {
    let tokens = &doc.tokens;
    let mut i = start;
    while i < tokens.len()
        && i - start < 6
        && tokens[i].is_word()
        && doc.entity_at[i].is_none()
        && !roles::is_stop(&tokens[i].key)
        && (roles::is_modifier(&tokens[i].key) || roles::is_head(&tokens[i].key))
    {
        i += 1;
    }
    let Some(last) = (start..i).rev().find(|&k| roles::is_head(&tokens[k].key)) else {
        return;
    };
    if last + 1 != i || doc.entity_at.get(i).is_some_and(Option::is_some) {
        return;
    }
    let key = tokens[last].key.as_str();
    let target = if roles::is_person_role(key) {
        if kinds[e] != Kind::Place {
            return;
        }
        Target::PersonOf {
            country: e,
            role: key.to_owned(),
        }
    } else if is_personal(kinds[e]) {
        Target::CountryOf(e)
    } else {
        Target::Entity(e)
    };
    push(doc, out, target, first, last, Pattern::Classifier);
}

/// The most tokens a list after "such as" or "including" is read for.
const MAX_LIST: usize = 48;

/// "jihadist organizations such as A, B and C", "militia groups backed by Iran, including A",
/// "The rebel factions comprised A, B and C": a plural class noun phrase right before a list
/// describes each organisation the list names.
fn members(doc: &Doc, kinds: &[Kind], lexicon: &Lexicon, out: &mut Vec<(Target, Descriptor)>) {
    let tokens = &doc.tokens;
    for at in 1..tokens.len() {
        let key = tokens[at].key.as_str();
        let (np_end, list) = match key {
            "as" if tokens[at - 1].key == "such" && at >= 2 => (at - 2, at + 1),
            "including" | "like" | "comprised" | "comprise" | "comprises" | "comprising" | "include"
            | "includes" | "included" => (at - 1, at + 1),
            _ => continue,
        };
        let Some((first, last)) = class_phrase(doc, np_end, lexicon) else {
            continue;
        };
        for e in listed(doc, list, kinds) {
            push(doc, out, Target::Entity(e), first, last, Pattern::Member);
        }
    }
}

/// The plural class noun phrase ending at token `end` (a comma there is stepped over, and so is
/// a short participle phrase: "groups backed by Iran,"): its first and last token, when it has
/// a word besides its determiner and its noun (a modifier or the participle phrase).
fn class_phrase(doc: &Doc, end: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    let mut last = end;
    let comma = tokens[last].is(',');
    if comma {
        last = last.checked_sub(1)?;
    }
    let is_class = |i: usize| {
        let t = &tokens[i];
        t.is_word() && doc.entity_at[i].is_none() && roles::is_organisation_plural(&t.key)
    };
    let mut head = last;
    if !is_class(head) && comma {
        // "groups backed by Iran": a participle and its short complement before the comma.
        head = (last.saturating_sub(5)..last).rev().find(|&h| {
            is_class(h)
                && tokens[h + 1].is_word()
                && tokens[h + 1].key.ends_with("ed")
                && tokens.get(h + 2).is_some_and(|t| t.key == "by")
        })?;
        if (head + 1..=last).any(|i| tokens[i].is_boundary()) {
            return None;
        }
    } else if !is_class(head) {
        return None;
    }
    let mut first = head;
    while first > 0 && head - first < MAX_WORDS {
        let t = &tokens[first - 1];
        if !t.is_word() {
            break;
        }
        let key = t.key.as_str();
        if roles::is_determiner(key) {
            first -= 1;
            break;
        }
        let ok = !roles::is_stop(key)
            && (roles::is_modifier(key)
                || roles::is_head(key)
                || doc.entity_at[first - 1].is_some()
                || lexicon.is_term(key)
                || (t.capital && !is_common(key))
                || key.ends_with("ist")
                || key.ends_with("al"));
        if !ok {
            break;
        }
        first -= 1;
    }
    // "groups backed by Iran" says something; "the groups" alone does not.
    let described = head < last || (first..head).any(|i| !roles::is_determiner(&tokens[i].key));
    described.then_some((first, last))
}

/// The organisations a list starting at token `start` names, one per item: the last name
/// before the item's first preposition ("the Lebanese resistance movement Hezbollah", "Ansar
/// Allah in Yemen"). Items are split by commas and by "and"/"or" (a bare "and" after a
/// preposition joins that preposition's nouns: "militias across Iraq and Syria"); an item that
/// starts with a common noun names no one ("a network of militias"); the list ends at the
/// sentence's end or a dash.
fn listed(doc: &Doc, start: usize, kinds: &[Kind]) -> Vec<usize> {
    let tokens = &doc.tokens;
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let mut in_phrase = false;
    let mut common = false;
    let mut depth = 0usize;
    let flush = |current: &mut Option<usize>, out: &mut Vec<usize>| {
        if let Some(e) = current.take()
            && !out.contains(&e)
        {
            out.push(e);
        }
    };
    for (i, t) in tokens.iter().enumerate().take(start + MAX_LIST).skip(start) {
        if t.is('(') {
            depth += 1;
            continue;
        }
        if t.is(')') {
            depth = depth.saturating_sub(1);
            continue;
        }
        if depth > 0 || t.is('"') || t.is('\u{201c}') || t.is('\u{201d}') {
            continue;
        }
        if t.is_boundary() {
            break;
        }
        let and = matches!(t.key.as_str(), "and" | "or");
        if t.is(',') || (and && !in_phrase) {
            flush(&mut current, &mut out);
            in_phrase = false;
            common = false;
            continue;
        }
        if !t.is_word() || and || in_phrase || common {
            continue;
        }
        if let Some(e) = doc.entity_at[i] {
            // A place qualifies the name after it ("the Yemeni Houthi organization").
            if matches!(kinds[e], Kind::Organisation | Kind::Other) {
                current = Some(e);
            }
        } else if roles::is_stop(&t.key) || is_preposition(&t.key) {
            in_phrase = true;
        } else if current.is_none()
            && !(roles::is_determiner(&t.key)
                || t.capital
                || roles::is_modifier(&t.key)
                || roles::is_head(&t.key))
        {
            common = true;
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Prepositions the stop words leave out: a name after one is inside an item ("a network of
/// militias across Iraq and Syria"), not an item.
fn is_preposition(key: &str) -> bool {
    matches!(
        key,
        "of" | "across"
            | "near"
            | "between"
            | "among"
            | "under"
            | "against"
            | "through"
            | "throughout"
            | "around"
            | "within"
            | "without"
            | "beyond"
            | "along"
            | "toward"
            | "towards"
            | "outside"
            | "inside"
    )
}
