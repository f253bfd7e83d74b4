//! Mention detection: one pass over the visible words of an article, finding runs of capitalised
//! words (with their connectors and particles), taking titles off, and cutting runs where the
//! gazetteer knows both halves ("Lebanese Hezbollah" → Hezbollah, "IRGC Quds Force").

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::normalize::{exact_key, fold_words};
use super::tokens::{Shape, Token, TokenKind, tokenize};
use super::{Kind, lexicon};
use crate::article::headlines::headline_lines;
use crate::article::{Article, HideReason};

/// What the words around a mention say about its kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// A title or rank stood right before it ("President", "Brig Gen").
    pub title: bool,
    /// A place preposition stood before it.
    pub place: Option<Preposition>,
    /// "Operation X" or "X operation".
    pub event: bool,
}

/// What kind of place a preposition before a name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preposition {
    /// "in", "near", "around": an area (a town, a region).
    Area,
    /// "at", "to", "from": a place that may also be a building ("at Betty Ford").
    Point,
}

/// A span of text that looks like a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub doc: usize,
    pub range: Range<usize>,
    pub evidence: Evidence,
    /// Its first word starts a sentence (or a quotation), so its capital proves nothing.
    pub sentence_initial: bool,
    /// Set for the overlapping options of a run in a title-case headline, where capitals prove
    /// nothing: the options form one group, and only those naming something known elsewhere in
    /// the case (or in the gazetteer) are kept.
    pub headline: Option<usize>,
    /// Where its next name word starts, if it has one (connectors skipped).
    pub second_word: Option<usize>,
    /// Its first word starts a sentence and is a common word ("The", "New", "Highlighting"):
    /// kept only if the case writes the whole name mid-sentence or the gazetteer knows it.
    pub lead_common: bool,
    /// Its first word is a title that also begins names ("General Motors", "St Petersburg"):
    /// a title only if the case uses the rest as a person's surname.
    pub optional_title: bool,
}

/// Everything detection found in a case.
#[derive(Debug, Default)]
pub struct Detection<'t> {
    pub candidates: Vec<Candidate>,
    /// Pairs of candidate indices (long form, acronym) from "Long Form (LF)".
    pub definitions: Vec<(usize, usize)>,
    /// How often each word is written in lower case in the case (URLs not counted): evidence
    /// that a capitalised sentence-initial word is a common word.
    pub lowercase: HashMap<&'t str, u32>,
    /// How often each word (lower-cased) is written capitalised inside a sentence, outside
    /// headlines: evidence that it is a name ("Gordon Brown" against "the brown fox").
    pub capitalised: HashMap<String, u32>,
    /// How often each word (lower-cased) stands capitalised inside a sentence as a name of one
    /// word ("… said Nielsen", "in Tijuana"), not as part of a longer name ("U.S. Immigration and
    /// Customs Enforcement"): evidence that it names something on its own.
    pub alone: HashMap<String, u32>,
    /// How many headline groups were handed out.
    pub headline_groups: usize,
}

/// Adds the candidates of the visible text of `article` (index `doc`) to `out`.
pub fn detect_article<'t>(doc: usize, article: &'t Article, gazetteer: &Gazetteer, out: &mut Detection<'t>) {
    let text = article.text.as_str();
    let mut tokens = Vec::new();
    // The visible body, and the lines shown in the pane header instead (title, byline, date):
    // names there are mentions too.
    let mut parts = article.visible_parts(0..text.len());
    parts.extend(
        article
            .hidden
            .iter()
            .filter(|h| h.reason == HideReason::Metadata)
            .map(|h| h.range.clone()),
    );
    // And the headline lines hidden above the text that cleaning did not move to the header.
    for line in hidden_headlines(article) {
        if !parts.iter().any(|p| p.start < line.end && line.start < p.end) {
            parts.push(line);
        }
    }
    parts.sort_by_key(|p| p.start);
    for part in &parts {
        // Hidden text between two parts ends sentences and names.
        if tokens.last().is_some_and(|t: &Token| t.kind != TokenKind::Break) {
            tokens.push(Token {
                range: part.start..part.start,
                kind: TokenKind::Break,
            });
        }
        tokenize(text, part.clone(), &mut tokens);
    }
    // Capitals prove nothing in a text that is not English: treat it all as headlines, so only
    // names the case or the gazetteer knows are kept.
    let foreign = !is_english(text, &tokens);
    {
        let headline = if foreign {
            vec![true; tokens.len()]
        } else {
            headline_flags(text, &tokens)
        };
        Scanner {
            doc,
            text,
            tokens: &tokens,
            headline: &headline,
            gazetteer,
            out: &mut *out,
        }
        .scan();
    }
}

struct Scanner<'a, 't> {
    doc: usize,
    text: &'t str,
    tokens: &'a [Token],
    /// Per token: whether its line is a title-case headline.
    headline: &'a [bool],
    gazetteer: &'a Gazetteer,
    out: &'a mut Detection<'t>,
}

/// One word of a run, with what the rules need to know about it.
struct RunWord {
    token: usize,
    shape: Shape,
    lower: String,
    key: String,
    /// A number follows it ("May 5").
    before_number: bool,
}

impl RunWord {
    fn is_title(&self) -> bool {
        self.shape != Shape::Lower && lexicon::is_title(&self.lower)
    }

    fn is_connector(&self) -> bool {
        self.shape == Shape::Lower
    }

    /// A capitalised common word ("The", "While", "May") or a calendar word: never in a name.
    fn is_common(&self) -> bool {
        match self.shape {
            Shape::Capital => lexicon::is_common(&self.lower),
            Shape::Upper => self.lower.len() > 2 && lexicon::is_common(&self.lower),
            _ => false,
        }
    }
}

/// A stretch of a run that may be one name.
struct Piece {
    words: Range<usize>,
    after_title: bool,
    event: bool,
    /// Begins with a title word that also begins names ("General Motors"): see
    /// [`Candidate::optional_title`].
    optional_title: bool,
}

impl<'t> Scanner<'_, 't> {
    fn word(&self, i: usize) -> Option<(&'t str, Shape)> {
        match self.tokens.get(i) {
            Some(Token {
                range,
                kind: TokenKind::Word(shape),
            }) => Some((&self.text[range.clone()], *shape)),
            _ => None,
        }
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tokens.get(i) {
            Some(Token {
                kind: TokenKind::Punct(c),
                ..
            }) => Some(*c),
            _ => None,
        }
    }

    fn is_name_word(&self, i: usize) -> bool {
        matches!(self.word(i), Some((_, Shape::Capital | Shape::Upper)))
    }

    /// The word touches the token before it with no space: a handle ("@x") or a URL part.
    fn glued_to(&self, i: usize, marks: &[char]) -> bool {
        i > 0
            && self.punct(i - 1).is_some_and(|c| marks.contains(&c))
            && self.tokens[i - 1].range.end == self.tokens[i].range.start
    }

    /// The word is part of a web or mail address ("shop.orange.com", "x/orange"): glued to a
    /// dot, slash or at sign on either side.
    fn in_url(&self, i: usize) -> bool {
        const MARKS: [char; 4] = ['.', '/', '@', ':'];
        let glued_after = self.punct(i + 1).is_some_and(|c| MARKS.contains(&c))
            && self.tokens[i].range.end == self.tokens[i + 1].range.start
            && self.tokens.get(i + 2).is_some_and(|t| {
                t.range.start == self.tokens[i + 1].range.end && matches!(t.kind, TokenKind::Word(_))
            });
        glued_after || self.glued_to(i, &MARKS)
    }

    /// A capitalised word after a slash is part of a path or address ("x.com/Orange"), unless
    /// a name stands before the slash ("New Delhi/Mumbai").
    fn in_path(&self, i: usize) -> bool {
        self.glued_to(i, &['/']) && !(i >= 2 && self.is_name_word(i - 2))
    }

    fn scan(&mut self) {
        let mut sentence_start = true;
        let mut i = 0;
        while i < self.tokens.len() {
            match self.tokens[i].kind {
                TokenKind::Break => {
                    sentence_start = true;
                    i += 1;
                }
                TokenKind::Punct(c) => {
                    let after_abbreviation =
                        c == '.' && i > 0 && self.word(i - 1).is_some_and(|(w, _)| is_abbreviation(w));
                    if matches!(c, '.' | '!' | '?' | ':' | '“' | '"' | '‘' | '«' | '•' | '|' | '—')
                        && !after_abbreviation
                    {
                        sentence_start = true;
                    }
                    i += 1;
                }
                TokenKind::Word(shape) => {
                    if shape == Shape::Lower {
                        if !self.in_url(i) {
                            *self
                                .out
                                .lowercase
                                .entry(&self.text[self.tokens[i].range.clone()])
                                .or_default() += 1;
                        }
                        i += 1;
                    } else if self.is_name_word(i) && !self.glued_to(i, &['@', '\\']) && !self.in_path(i) {
                        i = self.run(i, sentence_start);
                    } else {
                        i += 1;
                    }
                    sentence_start = false;
                }
            }
        }
    }

    /// Collects the run starting at token `start`, emits its candidates, and returns the index
    /// of the first token after it.
    fn run(&mut self, start: usize, sentence_initial: bool) -> usize {
        let mut items = vec![start];
        let mut j = start + 1;
        loop {
            match self.tokens.get(j).map(|t| t.kind) {
                Some(TokenKind::Word(Shape::Capital | Shape::Upper)) => {
                    items.push(j);
                    j += 1;
                }
                // "76ers", not "41-year-old".
                Some(TokenKind::Word(Shape::Number))
                    if self
                        .word(j)
                        .is_some_and(|(w, _)| w.chars().any(char::is_alphabetic) && !w.contains('-')) =>
                {
                    items.push(j);
                    j += 1;
                }
                Some(TokenKind::Punct('.'))
                    if self.word(j - 1).is_some_and(|(w, _)| is_abbreviation(w))
                        && self.is_name_word(j + 1) =>
                {
                    j += 1;
                }
                Some(TokenKind::Punct('&')) if self.is_name_word(j + 1) => j += 1,
                // Luis Gerardo "Jerry" Ortiz: a nickname in quotes inside a person's name.
                Some(TokenKind::Punct(_)) if self.quoted_nickname(&items, j) => {
                    items.push(j + 1);
                    j += 3;
                }
                // "Islamic Resistance in Iraq": an organisation named after where it works.
                Some(TokenKind::Word(Shape::Lower)) if self.in_organisation_name(&items, j) => {
                    items.extend([j, j + 1]);
                    j += 2;
                }
                Some(TokenKind::Word(Shape::Lower)) => {
                    let mut k = j;
                    while k < j + 3
                        && self
                            .word(k)
                            .is_some_and(|(w, s)| s == Shape::Lower && lexicon::is_connector(w))
                    {
                        k += 1;
                    }
                    if k == j || !self.is_name_word(k) || self.for_ends_name(&items, j..k) {
                        break;
                    }
                    for c in j..k {
                        *self
                            .out
                            .lowercase
                            .entry(&self.text[self.tokens[c].range.clone()])
                            .or_default() += 1;
                    }
                    items.extend(j..=k);
                    j = k + 1;
                }
                _ => break,
            }
        }
        let words: Vec<RunWord> = items
            .iter()
            .map(|&token| {
                let (text, shape) = self.word(token).unwrap_or(("", Shape::Lower));
                let lower = text.to_lowercase();
                RunWord {
                    token,
                    shape,
                    key: exact_key(&fold_words(text)),
                    lower,
                    before_number: matches!(
                        self.tokens.get(token + 1).map(|t| t.kind),
                        Some(TokenKind::Word(Shape::Number))
                    ),
                }
            })
            .collect();
        let preceding = self.preceding_word(start);
        // "according to Assad's office" says nothing about a place.
        let according = preceding == Some("to")
            && start >= 2
            && self
                .word(start - 2)
                .is_some_and(|(w, _)| w.eq_ignore_ascii_case("according"));
        let place_preposition = preceding.is_some_and(lexicon::is_place_preposition) && !according;
        let area = preceding.is_some_and(lexicon::is_area_preposition);
        if self.headline[start] {
            self.headline_options(&words);
            return j;
        }
        let skip = usize::from(sentence_initial);
        for w in words.iter().skip(skip).filter(|w| w.shape == Shape::Capital) {
            match self.out.capitalised.get_mut(w.lower.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.out.capitalised.insert(w.lower.clone(), 1);
                }
            }
        }
        if !sentence_initial && words.len() == 1 && words[0].shape == Shape::Capital {
            *self.out.alone.entry(words[0].lower.clone()).or_insert(0) += 1;
        }
        let lead = &words[0];
        let lead_common = sentence_initial
            && (lead.is_common()
                || lexicon::is_common_noun(&lead.lower)
                || (words.len() == 1 && self.looks_common(lead, j)));
        // "the Imam Reza shrine", "Sheikh Zayed mosque": a title and a name before a lower-case
        // place word name that place after a person; the title stays in the name.
        let named_after = self
            .word(j)
            .is_some_and(|(w, s)| s == Shape::Lower && lexicon::is_place_cue(w));
        let titles = words.iter().take_while(|w| w.is_title()).count();
        if named_after
            && titles > 0
            && (1..=2).contains(&(words.len() - titles))
            && words.iter().all(|w| !w.is_connector())
        {
            self.emit(&words, 0..words.len(), Evidence::default(), sentence_initial);
            return j;
        }
        // "By Palestine Chronicle Staff": a byline, whose last word may be a role, not a name.
        let byline = words[0].lower == "by";
        let mut last_candidate = None;
        for piece in split_at_titles(&words, self.gazetteer) {
            for piece in split_at_common(&words, &piece, byline) {
                for gazetteer_range in self.split_by_gazetteer(&words, piece.words.clone()) {
                    for words_range in self.split_person_of_place(&words, gazetteer_range) {
                        let first = piece.words.start == 0 && words_range.start == 0;
                        // "Officials", "The Iranian": a common word alone, or before a demonym.
                        let rest_is_demonym = words_range.len() == 2
                            && self.gazetteer.is_demonym(&words[words_range.start + 1].key);
                        if first && lead_common && (words_range.len() == 1 || rest_is_demonym) {
                            continue;
                        }
                        let is_place =
                            place_preposition || (lead_common && lexicon::is_place_preposition(&lead.lower));
                        let is_area = area || (lead_common && lexicon::is_area_preposition(&lead.lower));
                        let evidence = Evidence {
                            title: piece.after_title && words_range.start == piece.words.start,
                            place: match (first && is_place, is_area) {
                                (false, _) => None,
                                (true, true) => Some(Preposition::Area),
                                (true, false) => Some(Preposition::Point),
                            },
                            event: piece.event,
                        };
                        last_candidate =
                            self.emit(&words, words_range.clone(), evidence, sentence_initial && first);
                        if let Some(id) = last_candidate {
                            let candidate = &mut self.out.candidates[id];
                            candidate.lead_common = first && lead_common;
                            candidate.optional_title =
                                piece.optional_title && words_range.start == piece.words.start;
                        }
                    }
                }
            }
        }
        self.definition_after(j, last_candidate)
    }

    /// Emits every stretch of up to four words of a headline run as one group of options.
    fn headline_options(&mut self, words: &[RunWord]) {
        let group = self.out.headline_groups;
        self.out.headline_groups += 1;
        for piece in split_at_titles(words, self.gazetteer) {
            for piece in split_at_common(words, &piece, false) {
                for start in piece.words.clone() {
                    for end in start + 1..=(start + 4).min(piece.words.end) {
                        if words[start].is_connector() || words[end - 1].is_connector() {
                            continue;
                        }
                        if let Some(id) = self.emit(words, start..end, Evidence::default(), false) {
                            self.out.candidates[id].headline = Some(group);
                        }
                    }
                }
            }
        }
    }

    /// "Palestinian Islamic Jihad (PIJ)": the acronym in brackets right after a name defines it.
    fn definition_after(&mut self, j: usize, long: Option<usize>) -> usize {
        let Some(long) = long else { return j };
        let Some((acronym, Shape::Upper)) = self.word(j + 1) else {
            return j;
        };
        if self.punct(j) != Some('(') || self.punct(j + 2) != Some(')') || acronym.len() > 8 {
            return j;
        }
        if self.out.candidates[long].range.end != self.tokens[j - 1].range.end {
            return j;
        }
        let range = self.tokens[j + 1].range.clone();
        self.out.candidates.push(Candidate {
            doc: self.doc,
            range,
            evidence: Evidence::default(),
            sentence_initial: false,
            headline: None,
            second_word: None,
            lead_common: false,
            optional_title: false,
        });
        self.out.definitions.push((long, self.out.candidates.len() - 1));
        j + 3
    }

    /// Whether the connectors at `between` include "for" that does not continue the name before
    /// it: only an institution's head word goes on with "for" ("Center for Disease Control");
    /// after any other name it introduces someone else ("outbid the Red Sox for Teixeira").
    fn for_ends_name(&self, items: &[usize], between: Range<usize>) -> bool {
        let has_for = between
            .clone()
            .any(|c| self.word(c).is_some_and(|(w, _)| w == "for"));
        has_for
            && !items
                .last()
                .and_then(|&i| self.word(i))
                .is_some_and(|(w, _)| lexicon::heads_purpose(&w.to_lowercase()))
    }

    /// Whether the lower-case word at `j` joins an organisation's name to a place: "in" after
    /// at least two name words ending in an organisation word, before one name word.
    fn in_organisation_name(&self, items: &[usize], j: usize) -> bool {
        let Some(("in", _)) = self.word(j) else {
            return false;
        };
        let names = items.iter().filter(|&&i| self.is_name_word(i)).count();
        let last_is_cue = items
            .last()
            .and_then(|&i| self.word(i))
            .is_some_and(|(w, _)| lexicon::is_organisation_cue(&w.to_lowercase()));
        names >= 2 && last_is_cue && self.is_name_word(j + 1) && !self.is_name_word(j + 2)
    }

    /// A sentence-initial word that reads as a common word by its form: an adverb before a comma
    /// ("Surprisingly,") or a verb in -ing before an article or pronoun ("Highlighting the").
    fn looks_common(&self, word: &RunWord, next: usize) -> bool {
        let letters = word.lower.chars().count();
        let adverb = letters >= 7 && word.lower.ends_with("ly") && self.punct(next) == Some(',');
        let verb = letters >= 6
            && word.lower.ends_with("ing")
            && self.word(next).is_some_and(|(w, s)| {
                s == Shape::Lower
                    && matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                    )
            });
        adverb || verb
    }

    /// "Tom Lee of Fort Worth": a person's name (two or three plain words) followed by "of" and
    /// a place is two names, as is a known place followed by "of" and a person's name. Names with an organisation or place word before "of" stay whole
    /// ("Bank of England", "University of Otago"), as do names the gazetteer knows.
    fn split_person_of_place(&self, words: &[RunWord], range: Range<usize>) -> Vec<Range<usize>> {
        let Some(of) = words[range.clone()]
            .iter()
            .position(|w| w.lower == "of")
            .map(|p| p + range.start)
        else {
            return vec![range];
        };
        let left = range.start..of;
        let plain = |w: &RunWord| {
            w.shape == Shape::Capital
                && !w.is_common()
                && !w.is_title()
                && !lexicon::is_generic(&w.lower)
                && !lexicon::is_organisation_cue(&w.lower)
                && !lexicon::is_place_cue(&w.lower)
                && !self.gazetteer.is_demonym(&w.key)
        };
        let person = |r: &Range<usize>| (2..=3).contains(&r.len()) && words[r.clone()].iter().all(plain);
        let right = trim(words, of + 1..range.end);
        // "in Athens of Alexandros Grigoropoulos": a known place is no one's name before "of"
        // a person's; "Gulf of Mexico", "University of Otago" have no person after "of".
        let place_of_person = self
            .gazetteer
            .entry_for(&join_keys(words, left.clone()))
            .is_some_and(|id| self.gazetteer.entry(id).kind == Kind::Place)
            && person(&right);
        if !(person(&left) || place_of_person)
            || right.is_empty()
            || self
                .gazetteer
                .entry_for(&join_keys(words, range.clone()))
                .is_some()
        {
            return vec![range];
        }
        vec![left, right]
    }

    /// Whether a quoted or bracketed capitalised word at `j` is a nickname between a person's
    /// first names and surname (Kimani 'Kiki' Gray, Luis Gerardo (Jerry) Ortiz): plain
    /// capitalised words before it, one name word after.
    fn quoted_nickname(&self, items: &[usize], j: usize) -> bool {
        let pair = match (self.punct(j), self.punct(j + 2)) {
            (Some('"'), Some(close)) => close == '"',
            (Some('“'), Some(close)) => close == '”',
            (Some('\'' | '‘'), Some(close)) => matches!(close, '\'' | '’'),
            (Some('('), Some(close)) => close == ')',
            _ => false,
        };
        let plain = |i: usize| {
            self.word(i).is_some_and(|(w, s)| {
                s == Shape::Capital
                    && !lexicon::is_title(&w.to_lowercase())
                    && !lexicon::is_common(&w.to_lowercase())
            })
        };
        let spaced = |i: usize| self.tokens[i].range.start > self.tokens[i - 1].range.end;
        let title = |i: &&usize| {
            self.word(**i)
                .is_some_and(|(w, _)| lexicon::is_title(&w.to_lowercase()))
        };
        let names: Vec<usize> = items.iter().skip_while(title).copied().collect();
        pair && (1..=2).contains(&names.len())
            && names.iter().all(|&i| plain(i))
            && plain(j + 1)
            && plain(j + 3)
            && spaced(j)
            && !spaced(j + 1)
            && !spaced(j + 2)
            && spaced(j + 3)
    }

    /// "Arabic-language", "Farsi-speaking": the word names a language, not an entity.
    fn language_before_tail(&self, i: usize) -> bool {
        self.punct(i + 1) == Some('-')
            && self.tokens[i].range.end == self.tokens[i + 1].range.start
            && self
                .word(i + 2)
                .is_some_and(|(w, s)| s == Shape::Lower && lexicon::is_language_tail(w))
    }

    fn preceding_word(&self, i: usize) -> Option<&'t str> {
        let before = self.tokens.get(i.checked_sub(1)?)?;
        match before.kind {
            TokenKind::Word(Shape::Lower) => Some(&self.text[before.range.clone()]),
            _ => None,
        }
    }

    /// Cuts where the gazetteer knows the parts but not the whole: a demonym before a known
    /// name, two known names side by side, or a known name after an organisation word
    /// ("Palestinian Resistance Movement Hamas").
    fn split_by_gazetteer(&self, words: &[RunWord], range: Range<usize>) -> Vec<Range<usize>> {
        let known = |r: Range<usize>| self.gazetteer.entry_for(&join_keys(words, r)).is_some();
        if range.len() < 2 || known(range.clone()) {
            return vec![range];
        }
        if self.gazetteer.is_demonym(&words[range.start].key) && known(range.start + 1..range.end) {
            return std::iter::once(range.start + 1..range.end).collect();
        }
        for cut in range.start + 1..range.end {
            let right_known = known(cut..range.end);
            let left_named = known(range.start..cut) || lexicon::is_organisation_cue(&words[cut - 1].lower);
            if right_known && left_named && !words[cut].is_connector() {
                let left = trim(words, range.start..cut);
                return [left, cut..range.end]
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .collect();
            }
        }
        vec![range]
    }

    /// Records the words as a candidate unless they cannot be a name alone. Returns its index.
    fn emit(
        &mut self,
        words: &[RunWord],
        range: Range<usize>,
        evidence: Evidence,
        sentence_initial: bool,
    ) -> Option<usize> {
        if range.is_empty() {
            return None;
        }
        let first = &words[range.start];
        if range.len() == 1 {
            let letters = first.lower.chars().filter(|c| c.is_alphabetic()).count();
            // "Mrs. May", "Prime Minister May": a month after a title is a surname.
            let titled_month = evidence.title
                && first.shape == Shape::Capital
                && !first.before_number
                && crate::article::meta::date::MONTHS.contains(&first.lower.as_str());
            if letters < 2
                || (first.is_common() && !titled_month)
                || lexicon::is_generic(&first.lower)
                || (sentence_initial && lexicon::is_common_noun(&first.lower))
                || lexicon::is_adjective(&first.lower)
                || self.gazetteer.is_demonym(&first.key)
                || first.lower.chars().any(char::is_numeric)
            {
                return None;
            }
        }
        // "Arabic-language", also after a sentence's first common word ("The Swahili-language").
        let lead = usize::from(range.len() == 2 && sentence_initial && first.is_common());
        if range.len() == lead + 1 && self.language_before_tail(words[range.end - 1].token) {
            return None;
        }
        // "Israel-Saudi talks", also after a sentence's first common word ("The Israel-Saudi").
        if range.len() == lead + 1 && self.emit_hyphenated_pair(&words[range.start + lead], evidence) {
            return None;
        }
        // "Axis of Resistance", "International Court of Justice": ordinary words joined by a
        // connector and capitalised are a name, unless they begin with a title ("Minister of
        // Defence" is a role).
        let ordinary_name =
            range.len() >= 3 && words[range.clone()].iter().any(RunWord::is_connector) && !first.is_title();
        // "the Defence Ministry said": capitalised mid-sentence and ending in an organisation
        // word, a title and that word name the organisation.
        let office = range.len() >= 2
            && !sentence_initial
            && words[range.clone()].iter().all(|w| w.shape == Shape::Capital)
            && lexicon::is_organisation_cue(&words[range.end - 1].lower);
        if !ordinary_name
            && !office
            && words[range.clone()]
                .iter()
                .all(|w| w.is_connector() || w.is_title() || lexicon::is_generic(&w.lower))
        {
            return None;
        }
        let last = &words[range.end - 1];
        self.out.candidates.push(Candidate {
            doc: self.doc,
            range: self.tokens[first.token].range.start..self.tokens[last.token].range.end,
            evidence,
            sentence_initial,
            headline: None,
            second_word: words[range.start + 1..range.end]
                .iter()
                .find(|w| !w.is_connector())
                .map(|w| self.tokens[w.token].range.start),
            lead_common: false,
            optional_title: false,
        });
        Some(self.out.candidates.len() - 1)
    }

    /// "Israel-Saudi talks": a hyphenated word whose parts the gazetteer knows but not the whole
    /// is its parts; the names among them become candidates (demonyms do not). Returns whether
    /// the word was such a pair.
    fn emit_hyphenated_pair(&mut self, word: &RunWord, evidence: Evidence) -> bool {
        let range = self.tokens[word.token].range.clone();
        let surface = &self.text[range.clone()];
        if !surface.contains('-') || self.gazetteer.entry_for(&word.key).is_some() {
            return false;
        }
        let mut parts = Vec::new();
        let mut at = range.start;
        for part in surface.split('-') {
            let key = exact_key(&fold_words(part));
            let known = self.gazetteer.entry_for(&key).is_some();
            if key.is_empty() || !(known || self.gazetteer.is_demonym(&key)) {
                return false;
            }
            if known {
                parts.push(at..at + part.len());
            }
            at += part.len() + 1;
        }
        for part in parts {
            self.out.candidates.push(Candidate {
                doc: self.doc,
                range: part,
                evidence,
                sentence_initial: false,
                headline: None,
                second_word: None,
                lead_common: false,
                optional_title: false,
            });
        }
        true
    }
}

/// The headline lines ([`headline_lines`]) that cleaning hid as plain text outside the body,
/// not as a ticker, menu, teaser or caption: a headline names the story's entities as much as
/// the body does.
fn hidden_headlines(article: &Article) -> Vec<Range<usize>> {
    headline_lines(article)
        .into_iter()
        .filter(|line| {
            article
                .hidden
                .iter()
                .find(|h| h.range.start <= line.start && line.start < h.range.end)
                .is_some_and(|h| h.reason == HideReason::Boilerplate)
        })
        .collect()
}

/// Marks the tokens of title-case lines: at least three capitalised words and no lower-case
/// word but short function words ("Obama Reverses Bush on Endangered Species", "RED SOX MAKE
/// HUGE OFFER TO TEIXEIRA").
fn headline_flags(text: &str, tokens: &[Token]) -> Vec<bool> {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "over",
        "the", "to", "with", "vs", "after", "that", "but", "nor", "than", "per", "via", "amid",
    ];
    let mut flags = vec![false; tokens.len()];
    let mut line_start = 0;
    for end in 0..=tokens.len() {
        if end < tokens.len() && tokens[end].kind != TokenKind::Break {
            continue;
        }
        let line = &tokens[line_start..end];
        let (mut capitalised, mut lower, mut words) = (0, 0, 0);
        for token in line {
            match token.kind {
                TokenKind::Word(Shape::Capital | Shape::Upper) => capitalised += 1,
                TokenKind::Word(Shape::Lower) if !FUNCTION_WORDS.contains(&&text[token.range.clone()]) => {
                    lower += 1;
                }
                _ => {}
            }
            words += usize::from(matches!(token.kind, TokenKind::Word(_)));
        }
        // A short line without a full stop and without lower-case words is a heading or a menu
        // entry ("Gaza Genocide", "Videos", "5 Min Read"); a byline ("By Jane Doe") is not.
        let ends_sentence = line
            .iter()
            .rev()
            .find(|t| !matches!(t.kind, TokenKind::Punct('"' | '”' | '’' | ')')))
            .is_some_and(|t| matches!(t.kind, TokenKind::Punct('.' | '!' | '?')));
        let byline = line
            .first()
            .is_some_and(|t| matches!(&text[t.range.clone()], "By" | "BY"));
        let heading = capitalised >= 1 && words <= 5 && !ends_sentence && !byline;
        if (capitalised >= 3 || heading) && lower == 0 && !byline {
            flags[line_start..end].fill(true);
        }
        line_start = end + 1;
    }
    flags
}

/// Whether the text reads as English: at least a fifth of its lower-case words are frequent
/// English words (`english_markers` in the lexicon). Texts of fewer than 8 lower-case words get
/// the benefit of the doubt.
fn is_english(text: &str, tokens: &[Token]) -> bool {
    let (mut lower, mut marked) = (0usize, 0usize);
    for token in tokens {
        if token.kind == TokenKind::Word(Shape::Lower) {
            lower += 1;
            marked += usize::from(lexicon::is_english_marker(&text[token.range.clone()]));
        }
    }
    lower < 8 || marked * 5 >= lower
}

/// A word after which a full stop does not end the sentence: an initial, an abbreviated title,
/// or an abbreviation the sentence splitter knows ("v." in "Harlan v. Oregon", "Dept.").
fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || lexicon::is_title(&lower)
        || crate::article::words::get()
            .abbreviations
            .contains(lower.as_str())
}

fn join_keys(words: &[RunWord], range: Range<usize>) -> String {
    words[range].iter().map(|w| w.key.as_str()).collect()
}

/// Splits a run at title blocks. A block is a title when a name follows it (directly: that name
/// is a person; after "of": an organisation or a place); before a generic word it is part of the
/// name ("Supreme Court", "Foreign Ministry"); at the end it is dropped.
fn split_at_titles(words: &[RunWord], gazetteer: &Gazetteer) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut after_title = false;
    let mut optional_title = false;
    let mut p = 0;
    while p < words.len() {
        if !words[p].is_title() {
            p += 1;
            continue;
        }
        let mut q = p;
        while q < words.len() && words[q].is_title() {
            q += 1;
        }
        // "Court of Justice", "Ministry of Defence": a title after a connector, ending the run
        // or before another connector, ends a name.
        let ends_name =
            p > 0 && words[p - 1].is_connector() && words.get(q).is_none_or(RunWord::is_connector);
        // The gazetteer decides before the title rules ("General Electric").
        let known = (q + 1..=words.len()).any(|end| gazetteer.entry_for(&join_keys(words, p..end)).is_some());
        // "General Motors", "St Petersburg", "Grand Central Station": a title word that also
        // begins names, before one word or before a name ending in a cue word.
        let name_start = q == p + 1
            && lexicon::is_name_starting_title(&words[p].lower)
            && words.get(q).is_some_and(|w| !w.is_connector())
            && (q + 1 == words.len() || {
                let last = &words[words.len() - 1].lower;
                lexicon::is_organisation_cue(last) || lexicon::is_place_cue(last)
            });
        // "Department of Criminal Justice", "Office for Civil Rights": a title ending the name
        // of an institution whose head word a connector follows is part of that name.
        let institution = q == words.len()
            && (start + 1..p).any(|i| {
                words[i].is_connector()
                    && !words[i - 1].is_connector()
                    && lexicon::is_organisation_cue(&words[i - 1].lower)
            });
        if ends_name || known || name_start || institution {
            optional_title |= name_start && !known && p == start;
            p = q;
            continue;
        }
        let is_title = match words.get(q) {
            None => true,
            Some(next) => next.is_connector() || !lexicon::is_generic(&next.lower),
        };
        if is_title {
            if p > start {
                pieces.push(Piece {
                    words: start..p,
                    after_title,
                    event: false,
                    optional_title: std::mem::take(&mut optional_title),
                });
            }
            optional_title = false;
            after_title = words.get(q).is_some_and(|next| !next.is_connector());
            start = q;
        }
        p = q;
    }
    if start < words.len() {
        pieces.push(Piece {
            words: start..words.len(),
            after_title,
            event: false,
            optional_title,
        });
    }
    pieces
}

/// Splits a piece at capitalised common and calendar words ("In February", headline words)
/// and takes "Operation" off an operation's name, noting that it names an event.
///
/// A common word stays when a name word follows it and its capital is evidence: inside a
/// sentence ("voters in New Mexico") the capital says it is part of the name; at the start of a
/// sentence ("New Mexico will vote") the candidate keeps it for the case to decide (see
/// [`Candidate::lead_common`]).
fn split_at_common(words: &[RunWord], piece: &Piece, byline: bool) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = piece.words.start;
    let mut after_title = piece.after_title;
    let mut optional_title = piece.optional_title;
    let begins_name = |p: usize| {
        let word = &words[p];
        let next_is_name = words
            .get(p + 1)
            .is_some_and(|n| p + 1 < piece.words.end && !n.is_connector() && !n.is_common());
        next_is_name
            && word.shape == Shape::Capital
            && !lexicon::is_calendar(&word.lower)
            && word.lower != "i"
    };
    // "Theresa May", "Mrs. May", "Prime Minister May": a month after a given name or a title,
    // not before a day, is a surname.
    let surname_month = |p: usize| {
        let (word, before) = (&words[p], p.checked_sub(1).map(|b| &words[b]));
        let after_given_name = p > piece.words.start
            && before.is_some_and(|b| {
                b.shape == Shape::Capital && !b.is_common() && !b.is_title() && !lexicon::is_generic(&b.lower)
            });
        let after_title = p == piece.words.start && piece.after_title;
        word.shape == Shape::Capital
            && !word.before_number
            && crate::article::meta::date::MONTHS.contains(&word.lower.as_str())
            && (after_given_name || after_title)
    };
    for p in piece.words.clone() {
        if words[p].is_common() && !begins_name(p) && !surname_month(p) {
            if p > start {
                out.push(Piece {
                    words: start..p,
                    after_title,
                    event: false,
                    optional_title: std::mem::take(&mut optional_title),
                });
            }
            start = p + 1;
            after_title = false;
            optional_title = false;
        }
    }
    if start < piece.words.end {
        out.push(Piece {
            words: start..piece.words.end,
            after_title,
            event: false,
            optional_title,
        });
    }
    for piece in &mut out {
        piece.words = trim(words, piece.words.clone());
        // "By Palestine Chronicle Staff": a byline's last word is not part of the outlet's name
        // (elsewhere it is: "The Hollywood Reporter").
        if byline
            && piece.words.len() > 1
            && lexicon::is_byline_tail(&words[piece.words.end - 1].lower)
            && !words[piece.words.end - 2].is_connector()
        {
            piece.words.end -= 1;
        }
        let is_operation = |w: &RunWord| matches!(w.lower.as_str(), "operation" | "operations");
        if piece.words.len() > 1 && is_operation(&words[piece.words.start]) {
            piece.words.start += 1;
            piece.event = true;
        }
        if piece.words.len() > 1 && is_operation(&words[piece.words.end - 1]) {
            piece.words.end -= 1;
            piece.event = true;
        }
    }
    out.retain(|p| !p.words.is_empty());
    out
}

/// Drops connectors at either end ("of the Quds Force" → "Quds Force").
fn trim(words: &[RunWord], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && words[range.start].is_connector() {
        range.start += 1;
    }
    while range.start < range.end && words[range.end - 1].is_connector() {
        range.end -= 1;
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let article = Article::plain("t.txt", text);
        let gazetteer = Gazetteer::builtin();
        let mut out = Detection::default();
        detect_article(0, &article, &gazetteer, &mut out);
        out.candidates
            .iter()
            .map(|c| text[c.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn titles_are_not_part_of_names_but_mark_persons() {
        let text = "The commander of the IRGC’s Quds Force, Brig Gen Ismail Qaani, was present.";
        assert_eq!(names(text), vec!["IRGC", "Quds Force", "Ismail Qaani"]);
        let text = "Iranian Foreign Minister Hossein Amir-Abdollahian and Maj. Gen. Hossein Salami met Sheikh Naim Qassem.";
        assert_eq!(
            names(text),
            vec!["Hossein Amir-Abdollahian", "Hossein Salami", "Naim Qassem"]
        );
        let article = Article::plain("t.txt", "President Ebrahim Raisi died.");
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        assert!(out.candidates[0].evidence.title);
    }

    #[test]
    fn connectors_and_particles_join_names() {
        assert_eq!(
            names(
                "a Popular Front for the Liberation of Palestine envoy and Muhammad al-Hindi and Abu Mahdi Al Muhandis"
            ),
            vec![
                "Popular Front for the Liberation of Palestine",
                "Muhammad al-Hindi",
                "Abu Mahdi Al Muhandis"
            ]
        );
        assert_eq!(
            names("Syrian President Bashar al-Assad met"),
            vec!["Bashar al-Assad"]
        );
        assert_eq!(
            names("he met the Commander of the Quds Force in the Revolutionary Guard"),
            vec!["Quds Force", "Revolutionary Guard"]
        );
    }

    #[test]
    fn possessives_hyphens_and_acronyms() {
        assert_eq!(names("Iran’s allies and Hamas’ fighters"), vec!["Iran", "Hamas"]);
        assert_eq!(
            names("Iran-backed groups and U.S.-designated PIJ"),
            vec!["Iran", "U.S.", "PIJ"]
        );
    }

    #[test]
    fn common_words_months_weekdays_and_demonyms_are_not_names() {
        assert_eq!(
            names("While commanders meet. Thursday’s mass event. In February, Mr Smith left."),
            vec!["Smith"]
        );
        assert_eq!(names("The Iranian regime"), Vec::<String>::new());
        assert_eq!(
            names("they met the Lebanese Hezbollah and Yemeni Houthis"),
            vec!["Hezbollah", "Houthis"]
        );
    }

    #[test]
    fn operations_are_events() {
        let article = Article::plain(
            "t.txt",
            "during Operation Al-Aqsa Flood, and the Al-Aqsa Flood Operation",
        );
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        let texts: Vec<&str> = out
            .candidates
            .iter()
            .map(|c| &article.text[c.range.clone()])
            .collect();
        assert_eq!(texts, vec!["Al-Aqsa Flood", "Al-Aqsa Flood"]);
        assert!(out.candidates.iter().all(|c| c.evidence.event));
    }

    #[test]
    fn bracketed_acronyms_define_the_name_before_them() {
        let article = Article::plain("t.txt", "leaders of Palestinian Islamic Jihad (PIJ) met");
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        assert_eq!(out.definitions, vec![(0, 1)]);
    }

    #[test]
    fn title_case_headlines_give_grouped_options() {
        let article = Article::plain("t.txt", "Obama Reverses Bush Rules\nObama said so.");
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        assert!(out.candidates.iter().filter(|c| c.headline == Some(0)).count() > 3);
        assert_eq!(out.candidates.last().map(|c| c.headline), Some(None));
    }

    #[test]
    fn a_headline_hidden_above_the_text_is_read_but_not_a_ticker() {
        use crate::article::Hidden;
        let text = "Breaking: Talks with Norland Rail stall again\nVorland Mining fined over river spill\nMAY 2, 2013\nVorland Mining must pay the fine.";
        let mut article = Article::plain("t.txt", text);
        // Hidden ranges cover whole lines, their line breaks included.
        let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
        let ticker = 0..line_end(0);
        let headline = ticker.end..line_end(ticker.end);
        let date = headline.end..line_end(headline.end);
        article.hidden = vec![
            Hidden {
                range: ticker,
                reason: HideReason::Ticker,
            },
            Hidden {
                range: headline.clone(),
                reason: HideReason::Boilerplate,
            },
            Hidden {
                range: date,
                reason: HideReason::Boilerplate,
            },
        ];
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        let found: Vec<&str> = out.candidates.iter().map(|c| &text[c.range.clone()]).collect();
        assert_eq!(found, vec!["Vorland Mining", "Vorland Mining"]);
        assert_eq!(out.candidates[0].range.start, headline.start);
    }

    #[test]
    fn hidden_text_is_skipped() {
        let mut article = Article::plain("t.txt", "Tehran. Baghdad.");
        article.hidden.push(crate::article::Hidden {
            range: 0..7,
            reason: crate::article::HideReason::Boilerplate,
        });
        let mut out = Detection::default();
        detect_article(0, &article, &Gazetteer::builtin(), &mut out);
        assert_eq!(out.candidates.len(), 1);
        assert_eq!(out.candidates[0].range, 8..15);
    }
}
