//! What the report says about the case that only the analyst knows: its title (`:case-title`),
//! a source's URL (`:url`), a claim's title (`:claim-title`) and which sources left a claim
//! out (`:omits`). Each is an [`Edit`] through the one history, so undo covers it.

use super::{App, Effect, annotate, cursor};
use crate::annotation::Edit;

/// `:case-title TEXT`: the case's title in reports (`-` clears it: the report then makes one
/// from the headlines).
pub fn set_case_title(app: &mut App, text: &str) -> Vec<Effect> {
    let title = cleared(text);
    annotate::edit(app, &Edit::SetCaseTitle { title })
}

/// `:claim-title TEXT`: the title of the claim group of the annotation under the cursor.
pub fn set_claim_title(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(claim) = claim_at_cursor(app) else {
        app.error("no claim here: put the cursor on an annotation linked to others (l)");
        return Vec::new();
    };
    annotate::edit(
        app,
        &Edit::SetClaimTitle {
            claim,
            title: cleared(text),
        },
    )
}

/// `:omits CLAIM`: marks the focused article as leaving out claim group `CLAIM` (`c1`), or
/// takes the mark off. Only marked sources are "omitted by" in the report; others are "not
/// linked".
pub fn toggle_omits(app: &mut App, claim: &str) -> Vec<Effect> {
    let Some(key) = annotate::focused_key(app) else {
        app.error("no article open");
        return Vec::new();
    };
    let notes = &app.notes.notes;
    let Some(group) = notes.claims.iter().find(|g| g.id == claim) else {
        let known: Vec<&str> = notes.claims.iter().map(|g| g.id.as_str()).collect();
        app.error(if known.is_empty() {
            format!("no claim group {claim}: there are none yet")
        } else {
            format!("no claim group {claim} (there are {})", known.join(", "))
        });
        return Vec::new();
    };
    let reports_it = notes.article(&key.path).is_some_and(|article| {
        article
            .annotations
            .iter()
            .any(|a| group.members.iter().any(|m| m.annotation == a.id))
    });
    if reports_it {
        app.error(format!(
            "this article is linked to claim {claim}: it does not leave it out"
        ));
        return Vec::new();
    }
    let omitted = !group.omitted_by.contains(&key.path);
    annotate::edit(
        app,
        &Edit::MarkOmitted {
            claim: claim.to_owned(),
            article: key.path,
            omitted,
        },
    )
}

/// `:url URL`: the focused article's URL, over the one it was fetched from or the page gives.
pub fn set_url(app: &mut App, text: &str) -> Vec<Effect> {
    let url = cleared(text);
    super::update::set_override(app, |overrides| overrides.url = url)
}

/// The claim group of the annotation under the focused pane's cursor.
fn claim_at_cursor(app: &App) -> Option<String> {
    let id = cursor::annotation_at_target(app)?;
    let notes = &app.notes.notes;
    notes
        .claim_group_of(&id)
        .map(|group| notes.claims[group].id.clone())
}

/// The argument as a value, `-` for none.
fn cleared(text: &str) -> Option<String> {
    let text = text.trim();
    (text != "-" && !text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update::run_command;
    use crate::article::Article;
    use crate::config::Config;

    fn reader() -> App {
        let articles = vec![
            Article::plain("a.txt", "Alpha said yes. More text here."),
            Article::plain("b.txt", "Beta said no. Other text here."),
            Article::plain("c.txt", "Gamma spoke of other things."),
        ];
        let mut app = App::new(articles, &Config::default());
        app.notes.clock = || "2026-01-01T00:00:00Z".to_owned();
        app
    }

    #[test]
    fn the_case_title_goes_through_the_history_and_a_dash_clears_it() {
        let mut app = reader();
        run_command(&mut app, "case-title Dam breach");
        assert_eq!(app.notes.notes.case_title.as_deref(), Some("Dam breach"));
        run_command(&mut app, "undo");
        assert_eq!(app.notes.notes.case_title, None);
        run_command(&mut app, "redo");
        assert_eq!(app.notes.notes.case_title.as_deref(), Some("Dam breach"));
        run_command(&mut app, "case-title -");
        assert_eq!(app.notes.notes.case_title, None);
    }

    #[test]
    fn a_claim_gets_a_title_and_only_an_unlinked_source_is_marked_as_omitting_it() {
        let mut app = reader();
        for command in [
            "cursor",
            "tag claim",
            "link",
            "focus-pane 2",
            "cursor",
            "tag claim",
            "link-as contradicts",
            "claim-title Who said what",
        ] {
            run_command(&mut app, command);
        }
        assert_eq!(app.notes.notes.claims.len(), 1, "{:?}", app.message);
        assert_eq!(app.notes.notes.claims[0].title.as_deref(), Some("Who said what"));
        run_command(&mut app, "omits c1");
        assert!(
            app.message.as_ref().is_some_and(|m| m.error),
            "a linked source reports it"
        );
        run_command(&mut app, "focus-pane 3");
        run_command(&mut app, "omits c9");
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.error && m.text.contains("c1"))
        );
        run_command(&mut app, "omits c1");
        assert_eq!(app.notes.notes.claims[0].omitted_by, ["c.txt"]);
        run_command(&mut app, "omits c1");
        assert!(app.notes.notes.claims[0].omitted_by.is_empty());
    }
}
