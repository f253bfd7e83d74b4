//! Linking forms into entities. Each rule looks up candidates through an index built from keys
//! (skeletons, initials, word spans), so the work grows with the number of distinct names, not
//! with the square of the number of mentions. Two forms the gazetteer gives to different entries
//! are never linked.

use std::collections::{BTreeMap, HashMap};

use super::forms::Form;
use super::normalize::{same_stem, skeleton, within_edits};
use super::{Kind, Reason, lexicon};

/// Shorter keys get no typo or transliteration tolerance: Iran/Iraq, Oman/Amman.
const MIN_FUZZY_LEN: usize = 7;

/// Union-find over forms, remembering the gazetteer entry and the first non-exact reason of
/// each set.
struct Sets {
    parent: Vec<usize>,
    known: Vec<Option<usize>>,
    reason: Vec<Reason>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b` unless the gazetteer says they differ. The smaller index
    /// stays root, which keeps the result independent of hash order.
    fn join(&mut self, a: usize, b: usize, reason: Reason) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if let (Some(ka), Some(kb)) = (self.known[ra], self.known[rb])
            && ka != kb
        {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.known[root] = self.known[root].or(self.known[child]);
        let first_link = [self.reason[root], self.reason[child]]
            .into_iter()
            .find(|r| *r != Reason::Exact);
        self.reason[root] = first_link.unwrap_or(reason);
        true
    }
}

/// The result of clustering: groups of form indices with the reason each group was formed, and
/// the mentions of short forms that one article resolves differently from the case.
#[derive(Debug, Default)]
pub struct Clusters {
    pub groups: Vec<(Vec<usize>, Reason)>,
    /// (short form, article, index into `groups`): that form's mentions in that article belong
    /// to that group ("Lee" after "Ann Lee" in one article, after "Tom Lee" in another).
    pub moves: Vec<(usize, usize, usize)>,
}

/// Groups forms into entities. `definitions` are pairs (long form, acronym) the text defined
/// ("Palestinian Islamic Jihad (PIJ)").
pub fn cluster(forms: &[Form], definitions: &[(usize, usize)]) -> Clusters {
    let mut sets = Sets {
        parent: (0..forms.len()).collect(),
        known: forms.iter().map(|f| f.known).collect(),
        reason: vec![Reason::Exact; forms.len()],
    };
    link_gazetteer(forms, &mut sets);
    link_variants(forms, &mut sets);
    link_typos(forms, &mut sets);
    link_name_variants(forms, &mut sets);
    link_acronyms(forms, definitions, &mut sets);
    let local = link_partials(forms, &mut sets);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for id in 0..forms.len() {
        let root = sets.find(id);
        groups.entry(root).or_default().push(id);
    }
    let group_of: HashMap<usize, usize> = groups.keys().enumerate().map(|(i, &root)| (root, i)).collect();
    let moves = local
        .into_iter()
        .filter_map(|(form, doc, long)| {
            let target = sets.find(long);
            (target != sets.find(form)).then(|| (form, doc, group_of[&target]))
        })
        .collect();
    Clusters {
        groups: groups
            .into_iter()
            .map(|(root, members)| (members, sets.reason[root]))
            .collect(),
        moves,
    }
}

fn link_gazetteer(forms: &[Form], sets: &mut Sets) {
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if let Some(entry) = form.known {
            let first = *first_of.entry(entry).or_insert(id);
            sets.join(first, id, Reason::Gazetteer);
        }
    }
}

/// Persons and organisations with strong evidence are not one entity.
fn kinds_compatible(a: Kind, b: Kind) -> bool {
    a == b || a == Kind::Other || b == Kind::Other
}

/// The kind that counts as evidence: a person only by the shape of the name counts as unknown.
fn evident_kind(form: &Form) -> Kind {
    if form.shape_person { Kind::Other } else { form.kind }
}

/// Full-name variants of one person, before any surname is resolved: same last word, first
/// words equal or one a prefix of the other of three letters or more, and the middle words of
/// the shorter among those of the longer ("Ann Lee", "Ann M. Lee", "Annabel Mary Lee").
fn link_name_variants(forms: &[Form], sets: &mut Sets) {
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if form.words.len() >= 2
            && form.kind == Kind::Person
            && !form.acronym
            && let Some(last) = form.words.last()
        {
            by_last.entry(last.as_str()).or_default().push(id);
        }
    }
    let mut lasts: Vec<&&str> = by_last.keys().collect();
    lasts.sort();
    for last in lasts {
        let ids = &by_last[*last];
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                if same_person(&forms[a].words, &forms[b].words) {
                    sets.join(a, b, Reason::Variant);
                }
            }
        }
    }
}

fn same_person(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (fs, fl) = (&short[0], &long[0]);
    let first_fits = fs == fl
        || (fs.chars().count() >= 3 && fl.starts_with(fs.as_str()))
        || (fl.chars().count() >= 3 && fs.starts_with(fl.as_str()));
    let middle_short = &short[1..short.len() - 1];
    let middle_long = &long[1..long.len() - 1];
    // A middle initial fits a middle name with that letter.
    let middle_fits = middle_short.iter().all(|m| {
        middle_long
            .iter()
            .any(|l| l == m || (m.chars().count() == 1 && l.starts_with(m.as_str())))
    });
    first_fits && middle_fits && fs.chars().count() > 1 && fl.chars().count() > 1
}

/// Transliterations (same skeleton) and word-ending variants ("Islamic Revolution Guard Corps").
fn link_variants(forms: &[Form], sets: &mut Sets) {
    let mut by_skeleton: HashMap<String, usize> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if form.key.chars().count() < MIN_FUZZY_LEN || form.acronym {
            continue;
        }
        let first = *by_skeleton.entry(skeleton(&form.key)).or_insert(id);
        if first != id && kinds_compatible(evident_kind(&forms[first]), evident_kind(form)) {
            sets.join(first, id, Reason::Variant);
        }
    }
    let mut by_shape: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if form.words.len() >= 2 {
            let head: String = form.words[0].chars().take(4).collect();
            by_shape.entry((form.words.len(), head)).or_default().push(id);
        }
    }
    for ids in by_shape.values() {
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let words = forms[a].words.iter().zip(&forms[b].words);
                if words.clone().all(|(x, y)| same_stem(x, y)) && words.filter(|(x, y)| x == y).count() >= 1 {
                    sets.join(a, b, Reason::Variant);
                }
            }
        }
    }
}

/// One-letter typos in long names (Hezbolla, Khamanei). A typo is rare: the rarer spelling must
/// be at most half as frequent as the other, or seen once or twice.
fn link_typos(forms: &[Form], sets: &mut Sets) {
    let mut buckets: HashMap<(bool, String), Vec<usize>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        let chars: Vec<char> = form.key.chars().collect();
        if chars.len() < MIN_FUZZY_LEN || form.acronym {
            continue;
        }
        // One edit cannot change both the first three and the last three letters of a long key.
        buckets
            .entry((true, chars[..3].iter().collect()))
            .or_default()
            .push(id);
        buckets
            .entry((false, chars[chars.len() - 3..].iter().collect()))
            .or_default()
            .push(id);
    }
    let mut keys: Vec<&(bool, String)> = buckets.keys().collect();
    keys.sort();
    for key in keys {
        let ids = &buckets[key];
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let (fa, fb) = (&forms[a], &forms[b]);
                let (na, nb) = (fa.mentions.len(), fb.mentions.len());
                let rare = na.min(nb) <= 2 || na.min(nb) * 2 <= na.max(nb);
                if rare
                    && kinds_compatible(evident_kind(fa), evident_kind(fb))
                    && within_edits(&fa.key, &fb.key, 1)
                {
                    sets.join(a, b, Reason::Variant);
                }
            }
        }
    }
}

/// The initials of a name's words, skipping connectors ("Popular Front for the Liberation of
/// Palestine" → "pflp").
fn initials(words: &[String]) -> String {
    let suffix = words.len() > 2 && words.last().is_some_and(|w| lexicon::is_company_suffix(w));
    let words = if suffix { &words[..words.len() - 1] } else { words };
    words
        .iter()
        .filter(|w| !lexicon::is_connector(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Whether an acronym fits a name loosely: same first letter and its letters in order in the
/// name. Used only where the text itself pairs them.
fn loosely_fits(acronym: &str, words: &[String]) -> bool {
    let joined: String = words.concat();
    let mut letters = joined.chars();
    acronym.chars().next() == joined.chars().next() && acronym.chars().all(|a| letters.any(|c| c == a))
}

fn link_acronyms(forms: &[Form], definitions: &[(usize, usize)], sets: &mut Sets) {
    for &(long, short) in definitions {
        if forms[short].acronym && loosely_fits(&forms[short].key, &forms[long].words) {
            sets.join(long, short, Reason::Acronym);
        }
    }
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        // People are rarely named by initials in news text; "FM" is a foreign minister. Names
        // that are persons only by their shape may be organisations, for acronyms of three
        // letters or more.
        let person = form.kind == Kind::Person && !(form.shape_person && form.words.len() >= 3);
        if form.words.len() >= 2 && !form.acronym && !person {
            let letters = initials(&form.words);
            // "The Hollywood Reporter" is THR, "The Wall Street Journal" WSJ.
            if form.article {
                by_initials.entry(format!("t{letters}")).or_default().push(id);
            }
            by_initials.entry(letters).or_default().push(id);
        }
    }
    link_acronym_heads(forms, sets);
    for (id, form) in forms.iter().enumerate() {
        // A known acronym (AP) expands only to what the gazetteer says.
        if !form.acronym || form.known.is_some() {
            continue;
        }
        let Some(expansions) = by_initials.get(&form.key) else {
            continue;
        };
        let mut roots: Vec<usize> = expansions.iter().map(|&e| sets.find(e)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            sets.join(root, id, Reason::Acronym);
        }
    }
}

/// "INS Sukanya" and "Indian Naval Ship Sukanya", "USS Cole" and "United States Ship Cole": a
/// name whose first word is the initials of the words another spelling writes out before the
/// same rest.
fn link_acronym_heads(forms: &[Form], sets: &mut Sets) {
    let mut by_rest: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if form.acronym_head && form.known.is_none() {
            by_rest.entry(form.words[1..].concat()).or_default().push(id);
        }
    }
    if by_rest.is_empty() {
        return;
    }
    for (id, form) in forms.iter().enumerate() {
        let n = form.words.len();
        for k in 2..n {
            let Some(heads) = by_rest.get(&form.words[k..].concat()) else {
                continue;
            };
            let letters = initials(&form.words[..k]);
            for &head in heads {
                if forms[head].words[0] == letters
                    && kinds_compatible(evident_kind(&forms[head]), evident_kind(form))
                {
                    sets.join(head, id, Reason::Acronym);
                }
            }
        }
    }
}

/// How a shorter name sits inside a longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The last words: a surname, or "Red Sox" of "Boston Red Sox".
    Suffix,
    /// Other contiguous words: "Revolutionary Guard" of "Islamic Revolutionary Guard Corps".
    Inside,
    /// The first words: "Harlow Pumps" of "Harlow Pumps Corp", "Wasilla" of "Wasilla Bible
    /// Church".
    Prefix,
    /// First and last words without a middle name: "Mark Heller" of "Mark Jay Heller".
    NoMiddle,
}

/// Every shorter key a form can be referred to by, with where it sits.
fn spans(form: &Form) -> Vec<(String, Place)> {
    let words = &form.words;
    let n = words.len();
    let mut out = Vec::new();
    for start in 0..n {
        for end in start + 1..=n {
            if end - start == n {
                continue;
            }
            let place = if end == n {
                Place::Suffix
            } else if start == 0 {
                Place::Prefix
            } else {
                Place::Inside
            };
            out.push((words[start..end].concat(), place));
        }
    }
    if n >= 3 {
        out.push((format!("{}{}", words[0], words[n - 1]), Place::NoMiddle));
    }
    out
}

/// A name clean enough to compete for a short form: no digits, at most six words.
fn is_clean_name(form: &Form) -> bool {
    form.words.len() <= 6 && !form.words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Surnames and partial names to the one full name they can stand for in this case. When the
/// case has several, each article that names exactly one of them resolves its own mentions:
/// returned as (short form, article, long form).
fn link_partials(forms: &[Form], sets: &mut Sets) -> Vec<(usize, usize, usize)> {
    let mut local = Vec::new();
    let mut index: HashMap<String, Vec<(usize, Place)>> = HashMap::new();
    for (id, form) in forms.iter().enumerate() {
        if !is_clean_name(form) {
            continue;
        }
        for (key, place) in spans(form) {
            if key.chars().count() >= MIN_FUZZY_LEN {
                index.entry(skeleton(&key)).or_default().push((id, place));
            }
            index.entry(key).or_default().push((id, place));
        }
    }
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| forms[b].words.len().cmp(&forms[a].words.len()).then(a.cmp(&b)));
    for id in order {
        let form = &forms[id];
        if form.key.chars().count() < 3 || (form.words.len() == 1 && lexicon::is_generic(&form.words[0])) {
            continue;
        }
        let mut found: Vec<(usize, Place)> = lookup(&index, &form.key);
        // "Islamic Jihad Movement" may stand for "Palestinian Islamic Jihad": the name without its
        // organisation word, when at least two words remain.
        let core = core_words(&form.words);
        if core.len() >= 2 && core.len() < form.words.len() {
            let core_key = core.concat();
            // Not a name the core begins: "Los Angeles Times" is not "Los Angeles Angels".
            found.extend(
                lookup(&index, &core_key)
                    .into_iter()
                    .filter(|&(_, place)| place != Place::Prefix),
            );
            found.extend(
                forms
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.key == core_key)
                    .map(|(i, _)| (i, Place::Inside)),
            );
        }
        let longs: Vec<usize> = found
            .into_iter()
            .filter(|&(long, place)| long != id && accepts(forms, id, long, place))
            .map(|(long, _)| long)
            .collect();
        let own = sets.find(id);
        let mut roots: Vec<usize> = longs.iter().map(|&long| sets.find(long)).collect();
        roots.sort_unstable();
        roots.dedup();
        roots.retain(|&r| r != own);
        match roots[..] {
            [root] => {
                sets.join(root, id, Reason::Partial);
            }
            [_, _, ..] => {
                let resolved = resolve_in_articles(forms, sets, id, &longs);
                let mut targets: Vec<usize> = resolved.iter().map(|&(_, _, long)| sets.find(long)).collect();
                targets.sort_unstable();
                targets.dedup();
                match targets[..] {
                    // Every article that names a full form names the same one: the case's
                    // own evidence settles it for all its mentions.
                    [root] => {
                        sets.join(root, id, Reason::Partial);
                    }
                    _ => local.extend(resolved),
                }
            }
            [] => {}
        }
    }
    local
}

/// For each article of the short form `id`, the one long form among `longs` that article
/// names (by entity) before the short form's first mention there, if there is exactly one.
fn resolve_in_articles(
    forms: &[Form],
    sets: &mut Sets,
    id: usize,
    longs: &[usize],
) -> Vec<(usize, usize, usize)> {
    let mut docs: Vec<usize> = forms[id].mentions.iter().map(|(doc, _)| *doc).collect();
    docs.dedup();
    let mut out = Vec::new();
    let first_in = |form: usize, doc: usize| {
        forms[form]
            .mentions
            .iter()
            .find(|(d, _)| *d == doc)
            .map(|(_, r)| r.start)
    };
    for doc in docs {
        let short_first = first_in(id, doc);
        let mut here: Vec<(usize, usize)> = longs
            .iter()
            .filter(|&&long| {
                // A short form refers back to a full name the article gave before it: "President
                // Trump and first lady Melania Trump" does not make "Trump" Melania.
                first_in(long, doc).is_some_and(|start| short_first.is_none_or(|s| start < s))
            })
            .map(|&long| (sets.find(long), long))
            .collect();
        here.sort_unstable();
        here.dedup_by_key(|(root, _)| *root);
        if let [(_, long)] = here[..] {
            out.push((id, doc, long));
        }
    }
    out
}

fn lookup(index: &HashMap<String, Vec<(usize, Place)>>, key: &str) -> Vec<(usize, Place)> {
    let mut found = index.get(key).cloned().unwrap_or_default();
    if key.chars().count() >= MIN_FUZZY_LEN {
        found.extend(index.get(&skeleton(key)).into_iter().flatten().copied());
    }
    found
}

/// A name without its last word when that is an organisation word ("Movement", "Group").
fn core_words(words: &[String]) -> &[String] {
    match words.split_last() {
        Some((last, rest)) if lexicon::is_organisation_cue(last) => rest,
        _ => words,
    }
}

/// Whether the short form may stand for the long one, given where it sits in it.
fn accepts(forms: &[Form], short: usize, long: usize, place: Place) -> bool {
    let (s, l) = (&forms[short], &forms[long]);
    // A name the gazetteer knows is its own entity: Hezbollah is not Kataib Hezbollah, Gaza is
    // not Gaza City.
    if s.known.is_some() && s.known != l.known {
        return false;
    }
    if !kinds_compatible(evident_kind(s), evident_kind(l)) {
        return false;
    }
    match place {
        Place::Suffix => true,
        // A first name never stands for a person: Ismail is not Ismail Haniyeh.
        Place::Inside => l.kind != Kind::Person,
        // A place that begins a longer name is where that thing is, not the thing: Wasilla ("in
        // Wasilla") is not Wasilla Bible Church, Surrey not Surrey Fire and Rescue; but "at
        // Betty Ford" may be the Betty Ford Center. Only an administrative word after an area
        // names the same place ("Khorasan Province").
        Place::Prefix => {
            let is_place = s.votes.areas > 0 && s.votes.areas * 2 >= s.votes.place_prepositions;
            let division =
                l.words.len() == s.words.len() + 1 && l.words.last().is_some_and(|w| lexicon::is_division(w));
            l.kind != Kind::Person && (!is_place || division)
        }
        Place::NoMiddle => l.kind == Kind::Person,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::kind::Votes;
    use crate::entity::normalize::{exact_key, fold_words};

    fn form(name: &str, kind: Kind, mentions: usize) -> Form {
        let words = fold_words(name);
        Form {
            key: exact_key(&words),
            words,
            mentions: vec![(0, 0..1); mentions],
            votes: Votes {
                mentions,
                ..Votes::default()
            },
            known: None,
            acronym: super::super::forms::is_acronym(name),
            kind,
            shape_person: false,
            article: false,
            acronym_head: false,
        }
    }

    fn groups(forms: &[Form]) -> Vec<Vec<usize>> {
        cluster(forms, &[]).groups.into_iter().map(|(m, _)| m).collect()
    }

    #[test]
    fn transliterations_and_typos_link() {
        let forms = [
            form("Ismail Qaani", Kind::Person, 2),
            form("Esmayeel Qaani", Kind::Person, 1),
            form("Esmail Qaani", Kind::Person, 1),
            form("Qassem Suleimani", Kind::Person, 1),
            form("Qasem Soleimani", Kind::Person, 1),
            form("Hezbollah", Kind::Organisation, 5),
            form("Hezbolla", Kind::Other, 1),
            form("Khamenei", Kind::Person, 5),
            form("Khamanei", Kind::Person, 1),
        ];
        assert_eq!(
            groups(&forms),
            vec![vec![0, 1, 2], vec![3, 4], vec![5, 6], vec![7, 8]]
        );
    }

    #[test]
    fn short_names_need_exact_matches() {
        let forms = [
            form("Iran", Kind::Place, 3),
            form("Iraq", Kind::Place, 1),
            form("Oman", Kind::Place, 1),
            form("Amman", Kind::Place, 1),
        ];
        assert_eq!(groups(&forms).len(), 4);
    }

    #[test]
    fn surnames_link_to_the_one_full_name_and_first_names_never() {
        let forms = [
            form("Ismail Haniyeh", Kind::Person, 3),
            form("Ismail Qaani", Kind::Person, 2),
            form("Haniyeh", Kind::Person, 5),
            form("Ismail", Kind::Other, 1),
            form("Qaani", Kind::Person, 1),
        ];
        assert_eq!(groups(&forms), vec![vec![0, 2], vec![1, 4], vec![3]]);
    }

    #[test]
    fn ambiguous_partials_stay_apart() {
        let forms = [
            form("Quds Force", Kind::Organisation, 2),
            form("Al-Quds Brigades", Kind::Organisation, 2),
            form("Quds", Kind::Other, 1),
        ];
        assert_eq!(groups(&forms).len(), 3);
    }

    #[test]
    fn partial_organisation_names_and_cores_link() {
        let forms = [
            form("Islamic Revolutionary Guard Corps", Kind::Organisation, 2),
            form("Revolutionary Guard", Kind::Organisation, 1),
            form("Palestinian Islamic Jihad", Kind::Organisation, 2),
            form("Islamic Jihad Movement", Kind::Organisation, 1),
            form("Islamic Revolution Guard Corps", Kind::Organisation, 1),
        ];
        assert_eq!(groups(&forms), vec![vec![0, 1, 4], vec![2, 3]]);
    }

    #[test]
    fn acronyms_link_to_fitting_expansions() {
        let forms = [
            form("Islamic Revolutionary Guard Corps", Kind::Organisation, 2),
            form("IRGC", Kind::Other, 3),
            form(
                "Popular Front for the Liberation of Palestine",
                Kind::Organisation,
                1,
            ),
            form("PFLP", Kind::Other, 1),
            form("UNSC", Kind::Other, 1),
        ];
        assert_eq!(groups(&forms), vec![vec![0, 1], vec![2, 3], vec![4]]);
        let defined = [
            form("Palestinian Islamic Jihad", Kind::Organisation, 1),
            form("PIJ", Kind::Other, 1),
        ];
        assert_eq!(
            cluster(&defined, &[(0, 1)]).groups,
            vec![(vec![0, 1], Reason::Acronym)]
        );
    }

    #[test]
    fn gazetteer_entries_are_never_merged() {
        let mut hezbollah = form("Hezbollah", Kind::Organisation, 5);
        hezbollah.known = Some(1);
        let mut kataib = form("Kataib Hezbollah", Kind::Organisation, 1);
        kataib.known = Some(2);
        assert_eq!(groups(&[hezbollah.clone(), kataib]).len(), 2);
        let unknown_kataib = form("Kataib Hezbollah", Kind::Organisation, 1);
        assert_eq!(groups(&[hezbollah, unknown_kataib]).len(), 2);
    }
}
