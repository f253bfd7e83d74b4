//! Engine tests on small cases from other domains than the development set: paraphrases by
//! outlets of opposite slant, the same actors in different events, a sentence with two facts.

use super::*;
use crate::entity::{Decisions, Gazetteer, analyze};

fn run(texts: &[&str]) -> (Vec<Article>, Alignment) {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article::plain(format!("{i}.txt"), *t))
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let index = analyze(&refs, &Gazetteer::builtin(), &Decisions::default());
    let alignment = align(&refs, &index, &Options::default());
    (articles, alignment)
}

/// The groups holding the sentence of `doc` that contains `needle`, as lists of (doc, text).
fn groups_with<'a>(
    articles: &'a [Article],
    alignment: &Alignment,
    doc: usize,
    needle: &str,
) -> Vec<Vec<(usize, &'a str)>> {
    alignment
        .groups
        .iter()
        .filter(|g| {
            g.members
                .iter()
                .any(|m| m.doc == doc && articles[doc].text[m.range.clone()].contains(needle))
        })
        .map(|g| {
            g.members
                .iter()
                .map(|m| (m.doc, &articles[m.doc].text[m.range.clone()]))
                .collect()
        })
        .collect()
}

fn together(
    articles: &[Article],
    alignment: &Alignment,
    (da, a): (usize, &str),
    (db, b): (usize, &str),
) -> bool {
    groups_with(articles, alignment, da, a)
        .iter()
        .any(|g| g.iter().any(|(d, t)| *d == db && t.contains(b)))
}

const LEFT: &str = "Dockworkers at the Port of Valmera walked off the job on Tuesday to demand a living wage.\n\
Union leader Marta Ruiz said 4,000 workers had joined the strike by noon.\n\
Families of the workers brought food to the picket lines near the container terminal.\n\
The Harbour Authority refused to meet the union, Ruiz said.\n";

const RIGHT: &str = "Militant union bosses paralysed the Port of Valmera on Tuesday, holding the regional economy hostage.\n\
Some 4,000 employees abandoned their posts, union chief Marta Ruiz boasted.\n\
Shipping firms warned that perishable cargo worth millions was rotting on the quays.\n\
Exporters called on the government to end the stoppage before the harvest season.\n";

const WIRE: &str = "A strike closed the Port of Valmera on Tuesday as dockworkers pressed for higher pay.\n\
About 4,000 port workers stopped work, according to union leader Marta Ruiz.\n\
The Harbour Authority said talks could resume next week.\n\
Ships queued outside the breakwater as cranes stood idle.\n";

#[test]
fn paraphrases_by_outlets_of_opposite_slant_match() {
    let (articles, alignment) = run(&[LEFT, RIGHT, WIRE]);
    // The turnout figure, told as "workers had joined the strike", "employees abandoned their
    // posts" and "port workers stopped work".
    assert!(together(
        &articles,
        &alignment,
        (0, "4,000 workers"),
        (1, "4,000 employees")
    ));
    assert!(together(
        &articles,
        &alignment,
        (1, "4,000 employees"),
        (2, "4,000 port workers")
    ));
    // The walkout itself.
    assert!(together(
        &articles,
        &alignment,
        (0, "walked off"),
        (2, "A strike closed")
    ));
}

#[test]
fn claims_of_one_outlet_are_unique_and_others_are_missing() {
    let (articles, alignment) = run(&[LEFT, RIGHT, WIRE]);
    let cargo = groups_with(&articles, &alignment, 1, "perishable cargo");
    assert_eq!(cargo.len(), 1, "{cargo:?}");
    assert_eq!(
        cargo[0].len(),
        1,
        "the cargo claim is the right-wing outlet's alone: {cargo:?}"
    );
    let turnout = alignment
        .groups
        .iter()
        .find(|g| {
            g.members
                .iter()
                .any(|m| articles[m.doc].text[m.range.clone()].contains("4,000 workers"))
        })
        .expect("a group");
    assert!(turnout.missing(alignment.docs).is_empty());
    assert!(turnout.confidence > 0.0 && turnout.confidence <= 1.0);
}

#[test]
fn different_events_with_the_same_actors_do_not_match() {
    let a = "Marta Ruiz met the mayor of Valmera on Monday to discuss the wage offer.\n\
             The city council approved a new tram line.\n";
    let b = "Marta Ruiz was arrested in Valmera on Friday after a scuffle with police at the gates.\n\
             Rain is expected over the weekend.\n";
    let c = "Police in Valmera said the scuffle lasted ten minutes.\n\
             Marta Ruiz was arrested at the port gates on Friday, police said.\n";
    let (articles, alignment) = run(&[a, b, c]);
    assert!(!together(
        &articles,
        &alignment,
        (0, "met the mayor"),
        (1, "was arrested")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (0, "met the mayor"),
        (2, "was arrested")
    ));
    assert!(together(
        &articles,
        &alignment,
        (1, "was arrested"),
        (2, "was arrested")
    ));
}

#[test]
fn a_sentence_reporting_two_facts_joins_both() {
    let a = "Finance minister Petra Kovac resigned on Monday, and parliament approved the budget by 212 votes.\n\
             Markets were calm.\n";
    let b = "Petra Kovac resigned as finance minister on Monday.\n\
             Parliament approved the budget with 212 votes in favour.\n\
             The opposition walked out of the chamber.\n";
    let (articles, alignment) = run(&[a, b]);
    assert!(together(
        &articles,
        &alignment,
        (0, "Kovac resigned"),
        (1, "Kovac resigned")
    ));
    assert!(together(
        &articles,
        &alignment,
        (0, "Kovac resigned"),
        (1, "212 votes")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (1, "Kovac resigned"),
        (1, "212 votes")
    ));
}

#[test]
fn members_are_visible_sentences_and_the_result_is_send() {
    fn send<T: Send + Sync + 'static>(_: &T) {}
    let (articles, alignment) = run(&[LEFT, RIGHT, WIRE]);
    send(&alignment);
    for group in &alignment.groups {
        for m in &group.members {
            assert!(article_sentences(&articles[m.doc]).contains(&m.range));
        }
    }
    let sentences: usize = articles.iter().map(|a| article_sentences(a).len()).sum();
    let covered: std::collections::BTreeSet<(usize, usize)> = alignment
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(|m| (m.doc, m.range.start)))
        .collect();
    assert_eq!(covered.len(), sentences, "every sentence is in some group");
}

#[test]
fn no_articles_and_one_article_are_fine() {
    let (_, empty) = run(&[]);
    assert!(empty.groups.is_empty());
    let (_, one) = run(&[LEFT]);
    assert!(one.groups.iter().all(|g| g.members.len() == 1));
}

#[test]
fn headlines_hidden_in_the_pane_header_are_compared() {
    let text = "Three killed as rioters bomb Greek bank\nMay 5, 2010\n\
Protesters threw petrol bombs at a bank in central Athens during a general strike.\n\
The government promised an inquiry into the deaths.\n";
    let article = crate::article::load::from_bytes(std::path::Path::new("a.txt"), text.as_bytes())
        .expect("plain text loads");
    assert!(article.is_hidden(0), "the title line goes to the pane header");
    let heads: Vec<&str> = headlines(&article)
        .into_iter()
        .map(|r| &article.text[r])
        .collect();
    assert_eq!(
        heads,
        ["Three killed as rioters bomb Greek bank"],
        "the title, not the date line"
    );
    let all = aligned_sentences(&article);
    assert_eq!(all.len(), article_sentences(&article).len() + 1);
    // Which lines read as headlines: `article::headlines`' own tests.
}

#[test]
fn a_fact_restated_in_one_article_keeps_all_its_sentences() {
    // Outlet 0 states the fact in its headline and again in its lead; both meet outlet 1's.
    let (articles, alignment) = run(&[
        "Flood waters forced 2,000 residents of Lindau from their homes on Sunday.\n\
The river Argen burst its banks after three days of rain.\n\
Some 2,000 Lindau residents were evacuated from homes by flood waters, officials said.\n",
        "About 2,000 Lindau residents had to leave their homes as flood waters rose on Sunday.\n\
A local baker said he had never seen the square under water.\n",
    ]);
    assert!(together(
        &articles,
        &alignment,
        (0, "forced 2,000"),
        (1, "About 2,000")
    ));
    assert!(together(
        &articles,
        &alignment,
        (0, "were evacuated"),
        (1, "About 2,000")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (0, "burst its banks"),
        (1, "About 2,000")
    ));
}

#[test]
fn one_law_told_for_and_against_matches_and_its_budget_does_not() {
    // A governor signs an energy law: praised by one outlet, attacked by the other, in almost no
    // common words beyond the names, the day and the figure; the same governor's budget the
    // week before is another fact.
    let pro = "Governor Ana Lopes signed the clean-air act into law on Thursday, ordering the state's 12 coal plants to close by 2030.\n\
               Doctors welcomed the measure, citing asthma rates in mining towns.\n\
               Last week Lopes signed a budget that raised teachers' pay.\n";
    let con = "Ana Lopes rammed through her job-killing energy law Thursday, a decree that will shutter 12 coal plants.\n\
               Miners in Dunmore fear for their pensions.\n\
               The Lopes budget passed last week already emptied the rainy-day fund.\n";
    let (articles, alignment) = run(&[pro, con]);
    assert!(together(
        &articles,
        &alignment,
        (0, "signed the clean-air act"),
        (1, "rammed through")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (0, "signed the clean-air act"),
        (1, "budget passed")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (0, "Doctors welcomed"),
        (1, "Miners in Dunmore")
    ));
}

#[test]
fn a_decision_told_in_other_words_matches_and_another_fact_of_the_actor_does_not() {
    // A coach steps aside: one outlet says she "decided" to leave and would not "disclose" why,
    // the other speaks of her "decision" to "exit" and reasons "not revealed": beyond the name
    // the sentences share one word each, and the event words make the rest. The same coach's
    // title win last season is another fact.
    let one = "Coach Helena Brandt decided to leave the Rivertown Owls on Monday after eight seasons.\n\
               Brandt would not disclose her reasons.\n\
               Last season Brandt led the Owls to the league title.\n";
    let two = "The Rivertown Owls announced Helena Brandt's decision to exit the club on Monday.\n\
               Brandt's reasons were not revealed.\n\
               Fans still remember the title Brandt won with the Owls a year ago.\n";
    let (articles, alignment) = run(&[one, two]);
    assert!(together(
        &articles,
        &alignment,
        (0, "decided to leave"),
        (1, "decision to exit")
    ));
    assert!(together(
        &articles,
        &alignment,
        (0, "would not disclose"),
        (1, "were not revealed")
    ));
    assert!(!together(
        &articles,
        &alignment,
        (0, "decided to leave"),
        (1, "Fans still remember")
    ));
}

#[test]
fn a_sentence_in_a_shared_fact_is_not_also_a_unique_claim() {
    // Restatements and second facts join groups after the one-to-one step; the sentence must
    // then leave its group of one, or the reader would list it as matched and unmatched.
    // Outlet 0 restates the flood in its third sentence, which joins the group as a restatement.
    let (_, alignment) = run(&[
        "Flood waters forced 2,000 residents of Lindau from their homes on Sunday.\n\
The river Argen burst its banks after three days of rain.\n\
Some 2,000 Lindau residents were evacuated from homes by flood waters, officials said.\n",
        "About 2,000 Lindau residents had to leave their homes as flood waters rose on Sunday.\n\
A local baker said he had never seen the square under water.\n",
    ]);
    let shared: Vec<&Member> = alignment.shared_facts().flat_map(|g| &g.members).collect();
    assert!(!shared.is_empty());
    for unique in alignment.unique_claims() {
        assert!(
            !shared.contains(&&unique.members[0]),
            "{:?} is both",
            unique.members[0]
        );
    }
}
