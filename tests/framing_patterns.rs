//! The framing engine on fixtures of our own, from other domains than the dev set (business,
//! sport, science, local politics): each descriptor pattern and its negatives.

use parallax::article::Article;
use parallax::entity::{Decisions, Gazetteer, analyze};
use parallax::framing::{self, Framing, Lexicon, Pattern};

struct Case {
    articles: Vec<Article>,
    framing: Framing,
}

fn case(texts: &[&str]) -> Case {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article::plain(format!("{i}.txt"), *t))
        .collect();
    let refs: Vec<&Article> = articles.iter().collect();
    let gazetteer = Gazetteer::builtin();
    let index = analyze(&refs, &gazetteer, &Decisions::default());
    let framing = framing::analyze(&refs, &index, &gazetteer, &Lexicon::builtin());
    Case { articles, framing }
}

impl Case {
    /// The descriptors of the entity whose label contains `name`, as (text, pattern).
    fn of(&self, name: &str) -> Vec<(String, Pattern)> {
        let frame = self
            .framing
            .entities
            .iter()
            .find(|f| f.label.contains(name))
            .unwrap_or_else(|| {
                let labels: Vec<&str> = self.framing.entities.iter().map(|f| f.label.as_str()).collect();
                panic!("no entity {name:?} in {labels:?}")
            });
        frame
            .descriptors
            .iter()
            .map(|d| (self.articles[d.doc].text[d.range.clone()].to_owned(), d.pattern))
            .collect()
    }

    fn texts(&self, name: &str) -> Vec<String> {
        self.of(name).into_iter().map(|(t, _)| t).collect()
    }

    /// Every descriptor of every entity, as text.
    fn all(&self) -> Vec<String> {
        self.framing
            .entities
            .iter()
            .flat_map(|f| &f.descriptors)
            .map(|d| self.articles[d.doc].text[d.range.clone()].to_owned())
            .collect()
    }
}

#[test]
fn premodifiers_before_a_name_with_a_role_or_a_compound_adjective() {
    let c = case(&[
        "Former Acme Corp chief executive Dana Whitfield resigned on Monday.\n\
         Whitfield said little.\n\
         The Kremlin-backed Wagner Group denied it.\n",
    ]);
    assert!(
        c.of("Whitfield")
            .contains(&("Former Acme Corp chief executive".into(), Pattern::Premodifier)),
        "{:?}",
        c.of("Whitfield")
    );
    assert!(
        c.texts("Wagner").iter().any(|t| t.contains("Kremlin-backed")),
        "{:?}",
        c.of("Wagner")
    );
}

#[test]
fn a_bare_title_is_a_title_and_mr_is_part_of_the_name() {
    let c = case(&["Brig. Gen. Omar Haddad inspected the base.\nMr. Haddad left.\nHaddad returned.\n"]);
    let of = c.of("Haddad");
    assert!(of.contains(&("Brig. Gen.".into(), Pattern::Title)), "{of:?}");
    assert!(
        of.iter().all(|(t, _)| t != "Mr."),
        "a courtesy title is not a descriptor: {of:?}"
    );
}

#[test]
fn appositives_between_commas_and_not_lists_or_dates() {
    let c = case(&[
        "Rosa Delgado, the city's longtime housing director, spoke first.\n\
         Then Rosa Delgado, Tomas Berg and Ana Ruiz left.\n\
         Tomas Berg, who chairs the board, said nothing.\n\
         Ana Ruiz, Tuesday, was absent.\n",
    ]);
    assert!(
        c.texts("Delgado")
            .contains(&"the city's longtime housing director".to_owned()),
        "{:?}",
        c.of("Delgado")
    );
    assert!(
        c.texts("Berg").is_empty(),
        "a relative clause is no appositive: {:?}",
        c.of("Berg")
    );
    assert!(
        c.texts("Ruiz").is_empty(),
        "a date is no appositive: {:?}",
        c.of("Ruiz")
    );
    assert!(
        !c.all().iter().any(|t| t.contains("Tomas")),
        "a list of names is no appositive: {:?}",
        c.all()
    );
}

#[test]
fn predicate_nominals_after_a_copula() {
    let c = case(&["Lena Okafor is a veteran climate scientist at the institute.\nOkafor was late.\n"]);
    assert!(
        c.of("Okafor")
            .contains(&("a veteran climate scientist".into(), Pattern::Predicate)),
        "{:?}",
        c.of("Okafor")
    );
    assert_eq!(
        c.of("Okafor").len(),
        1,
        "'was late' is no predicate nominal: {:?}",
        c.of("Okafor")
    );
}

#[test]
fn classifier_nouns_after_a_name_and_possessives() {
    let c = case(&[
        "Kenya's government denied the report.\nKenyan officials said the Shabaab militants had fled.\n\
         Al-Shabaab claimed it.\n",
    ]);
    let kenya = c.texts("Kenya");
    assert!(kenya.contains(&"Kenya's government".to_owned()), "{kenya:?}");
    assert!(
        kenya.contains(&"Kenyan officials".to_owned()),
        "a demonym reads as its country: {kenya:?}"
    );
}

#[test]
fn standalone_roles_link_to_the_person_given_that_role() {
    let c = case(&[
        "Mayor Petra Novak opened the bridge in Springfield.\n\
         Councillor Jan Hruby objected.\n\
         The mayor said the bridge was safe.\n",
        "Novak, the Springfield mayor, cut the ribbon.\nLater the mayor left.\n",
    ]);
    let novak = c.texts("Novak");
    assert!(
        novak
            .iter()
            .filter(|t| t.eq_ignore_ascii_case("the mayor"))
            .count()
            >= 2,
        "{novak:?}"
    );
    assert!(
        !c.texts("Hruby").iter().any(|t| t.contains("mayor")),
        "{:?}",
        c.of("Hruby")
    );
}

#[test]
fn standalone_country_adjective_and_collective_nouns() {
    let c = case(&["Chilean President Gabriel Boric met Argentina's envoy.\n\
         The Chilean president said Chile would sign.\n\
         The government in Chile welcomed it.\nArgentine officials were silent.\n"]);
    assert!(
        c.texts("Boric").iter().any(|t| t == "The Chilean president"),
        "{:?}",
        c.of("Boric")
    );
    assert!(
        c.texts("Argentina").iter().any(|t| t == "Argentine officials"),
        "{:?}",
        c.of("Argentina")
    );
}

#[test]
fn negatives_someone_elses_role_stays_unlinked() {
    let c = case(&["Governor Ellen Park signed the bill.\n\
         His lawyer disagreed.\n\
         The director of the state museum praised the bill.\n\
         Governor Ellen Park left.\n"]);
    let park = c.texts("Park");
    assert!(!park.iter().any(|t| t.contains("lawyer")), "{park:?}");
    assert!(!park.iter().any(|t| t.contains("director")), "{park:?}");
}

#[test]
fn loaded_terms_are_marked_and_attached_to_the_entity_they_describe() {
    let c = case(&[
        "The rogue regime in Freedonia jailed critics.\nFreedonia denied it.\nThe regime of Freedonia is brutal.\n",
    ]);
    let loaded: Vec<&str> = c
        .framing
        .loaded
        .iter()
        .map(|l| &c.articles[l.doc].text[l.range.clone()])
        .collect();
    assert!(
        loaded.contains(&"rogue") && loaded.contains(&"regime"),
        "{loaded:?}"
    );
    assert!(!loaded.contains(&"critics"));
}

#[test]
fn spans_are_on_character_boundaries_in_non_ascii_text() {
    let c = case(&["Zoë Ångström, the Malmö-based “green” entrepreneur, spoke.\nÅngström left.\n"]);
    for frame in &c.framing.entities {
        for d in &frame.descriptors {
            let text = &c.articles[d.doc].text;
            assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        }
    }
}

mod properties {
    use proptest::prelude::*;

    use super::case;

    /// Words that trigger every pattern (names, titles, roles, commas, copulas, possessives,
    /// compounds), in any order, with non-ASCII and line breaks among them.
    fn words() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            Just("Hamas"),
            Just("Iran"),
            Just("Iranian"),
            Just("Kim Jong Un"),
            Just("Mr."),
            Just("President"),
            Just("the"),
            Just("a"),
            Just("president"),
            Just("regime"),
            Just("leader"),
            Just("of"),
            Just("is"),
            Just(","),
            Just("."),
            Just("'s"),
            Just("Iran-backed"),
            Just("rebels"),
            Just("(IRGC)"),
            Just("and"),
            Just("\n"),
            Just("Zoë"),
            Just("Ångström"),
            Just("his"),
            Just("terrorist"),
            Just("group"),
        ];
        prop::collection::vec(word, 0..60).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_text_gives_spans_inside_it_on_character_boundaries(a in words(), b in "\\PC{0,200}") {
            let c = case(&[&a, &b]);
            for frame in &c.framing.entities {
                let mut last: Option<(usize, usize)> = None;
                for d in &frame.descriptors {
                    let text = &c.articles[d.doc].text;
                    prop_assert!(d.range.start < d.range.end && d.range.end <= text.len());
                    prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
                    if let Some((doc, end)) = last {
                        prop_assert!(doc < d.doc || end <= d.range.start, "sorted, not overlapping");
                    }
                    last = Some((d.doc, d.range.end));
                }
            }
            for term in &c.framing.loaded {
                prop_assert!(c.articles[term.doc].text.get(term.range.clone()).is_some());
            }
        }
    }
}

#[test]
fn an_appositive_between_dashes_describes_the_name_before_it() {
    let c = case(&[
        "The Harbour Authority \u{2013} the largest employer in the port town \u{2013} cut 200 jobs.\n\
         Ravel Mining \u{2014} the company said on Monday \u{2014} will appeal.\n",
    ]);
    assert!(
        c.texts("Harbour Authority")
            .contains(&"the largest employer".to_owned()),
        "{:?}",
        c.of("Harbour Authority")
    );
    // A dash before a clause, not a noun phrase that closes, describes nothing.
    assert!(
        !c.all().iter().any(|t| t.starts_with("the company")),
        "{:?}",
        c.all()
    );
}

#[test]
fn a_predicate_with_coordinated_modifiers_reaches_its_noun() {
    let c = case(&[
        "Corvane Labs is a small but profitable biotech company in Leiden.\n\
         Corvane Labs said its trial would end in May.\n",
    ]);
    let corvane = c.texts("Corvane");
    assert!(
        corvane.contains(&"a small but profitable biotech company".to_owned()),
        "{corvane:?}"
    );
    assert!(!corvane.contains(&"a small".to_owned()), "{corvane:?}");
}

#[test]
fn a_description_that_names_an_organisation_describes_it_not_the_last_one_mentioned() {
    let c = case(&["Talks with Brightwater Utilities resumed on Monday.\n\
         The chief of the Ostara Holdings state-backed group, Lena Marsh, was a guest.\n\
         Brightwater Utilities declined to comment.\n"]);
    let ostara = c.texts("Ostara");
    assert!(
        ostara.iter().any(|t| t.contains("state-backed group")),
        "{ostara:?}"
    );
    assert!(
        !c.texts("Brightwater").iter().any(|t| t.contains("group")),
        "{:?}",
        c.of("Brightwater")
    );
}

#[test]
fn described_as_introduces_an_appositive_and_a_cut_participle_is_dropped() {
    let c = case(&[
        "Delmont Freight, often described as a bellwether carrier for the region, cut its fleet.\n\
         Pelham Rail, the struggling operator based in Leeds, denied any talks.\n\
         Delmont Freight and Pelham Rail declined to comment.\n",
    ]);
    assert!(
        c.texts("Delmont").contains(&"a bellwether carrier".to_owned()),
        "{:?}",
        c.of("Delmont")
    );
    let pelham = c.texts("Pelham");
    assert!(
        pelham.contains(&"the struggling operator".to_owned()),
        "{pelham:?}"
    );
    assert!(!pelham.iter().any(|t| t.ends_with("based")), "{pelham:?}");
}

#[test]
fn a_class_before_such_as_or_including_describes_each_organisation_listed() {
    let c = case(&[
        "The strike was backed by militant trade unions such as the Dockers Union, the Northern \
         Rail Workers Union and Unite Transit League.\n\
         The ministry met regional cooperatives, including the Valley Growers Association, \
         on Monday.\n\
         Grants went to charities backed by Greenmark, including Harvest Aid Foundation and a network of food \
         banks across Leeds and York.\n\
         The Dockers Union, the Northern Rail Workers Union, Unite Transit League, Harvest Aid Foundation and the \
         Valley Growers Association declined to comment.\n",
    ]);
    for name in [
        "Dockers Union",
        "Northern Rail Workers Union",
        "Unite Transit League",
    ] {
        assert!(
            c.of(name)
                .contains(&("militant trade unions".into(), Pattern::Member)),
            "{name}: {:?}",
            c.of(name)
        );
    }
    assert!(
        c.texts("Valley Growers")
            .contains(&"regional cooperatives".to_owned()),
        "{:?}",
        c.of("Valley Growers")
    );
    assert!(
        c.texts("Harvest Aid Foundation")
            .contains(&"charities backed by Greenmark".to_owned()),
        "{:?}",
        c.of("Harvest Aid Foundation")
    );
}

#[test]
fn negatives_a_list_describes_no_place_in_a_phrase_no_person_and_needs_a_class() {
    let c = case(&[
        "Grants went to charities backed by Greenmark, including Harvest Aid Foundation and a network of food \
         banks across Leeds and York.\n\
         The board fired senior staff, including Marta Kowalski and Harvest Aid Foundation.\n\
         Greenmark owns several things, including Harvest Aid Foundation.\n\
         Leeds, York, Marta Kowalski and Greenmark declined to comment.\n",
    ]);
    for name in ["Leeds", "York", "Kowalski"] {
        assert!(
            !c.of(name).iter().any(|(_, p)| *p == Pattern::Member),
            "{name}: {:?}",
            c.of(name)
        );
    }
    // "senior staff" and "several things" are no plural class of organisations.
    assert!(
        !c.all()
            .iter()
            .any(|t| t.contains("staff") || t.contains("things")),
        "{:?}",
        c.all()
    );
}

#[test]
fn a_plural_class_noun_stands_for_the_organisations_named_together() {
    let c = case(&[
        "Regulators fined Brightwater Holdings and Calder Water Services (CWS) on Monday, and \
         ordered the companies to cut leaks.\n\
         Severn Energy Group said nothing.\n\
         Brightwater Holdings, Calder Water Services and Severn Energy Group declined to comment.\n",
    ]);
    for name in ["Brightwater", "Calder"] {
        assert!(
            c.texts(name).contains(&"the companies".to_owned()),
            "{name}: {:?}",
            c.of(name)
        );
    }
    assert!(
        !c.texts("Severn").iter().any(|t| t.contains("companies")),
        "named after it, not with them: {:?}",
        c.of("Severn")
    );
}

#[test]
fn the_two_leaders_and_both_countries_stand_for_two_at_once() {
    let c = case(&[
        "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago.\n\
         Boric and Milei discussed lithium. Chile and Argentina share a long border.\n\
         The two leaders agreed to meet again, and both countries will set up a commission.\n\
         Boric, Milei, Chile and Argentina declined to comment.\n",
    ]);
    for name in ["Boric", "Milei"] {
        assert!(
            c.texts(name).contains(&"The two leaders".to_owned()),
            "{name}: {:?}",
            c.of(name)
        );
    }
    for name in ["Chile", "Argentina"] {
        assert!(
            c.texts(name).contains(&"both countries".to_owned()),
            "{name}: {:?}",
            c.of(name)
        );
    }
}

#[test]
fn negatives_two_without_a_determiner_or_with_one_named_describes_no_pair() {
    let c = case(&["Chilean President Gabriel Boric spoke on Monday.\n\
         Two leaders of the opposition walked out. The two countries were not named.\n\
         Boric and Chile declined to comment.\n"]);
    assert!(
        !c.all().iter().any(|t| t.to_lowercase().contains("two")),
        "{:?}",
        c.all()
    );
}

#[test]
fn a_role_before_a_possessive_still_names_its_holder() {
    let c = case(&["Mayor Petra Novak opened the bridge in Springfield.\n\
         The mayor's office said the bridge was safe.\n\
         Novak left.\n"]);
    assert!(
        c.texts("Novak").contains(&"The mayor".to_owned()),
        "{:?}",
        c.of("Novak")
    );
}

#[test]
fn a_country_role_goes_to_the_one_holder_whose_country_the_case_never_said() {
    let c = case(&[
        "President Ana Ferreira opened the summit.\n\
         Ferreira spoke about Portugal and its ports.\n\
         The Portuguese president said the ports would grow.\n",
        "Spanish President Luis Ortega met Ferreira in Lisbon.\n\
         Spain and Portugal signed a fishing deal.\n\
         The Spanish president praised Portugal.\n",
    ]);
    let ferreira = c.texts("Ferreira");
    assert!(
        ferreira.contains(&"The Portuguese president".to_owned()),
        "{ferreira:?}"
    );
    // Ortega is the Spanish president: his, not the one without a country.
    assert!(!ferreira.iter().any(|t| t.contains("Spanish")), "{ferreira:?}");
    assert!(
        c.texts("Ortega").contains(&"The Spanish president".to_owned()),
        "{:?}",
        c.of("Ortega")
    );
}
