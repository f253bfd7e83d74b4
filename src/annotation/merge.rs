//! Reapplying this session's changes onto a notes file another program changed meanwhile (the
//! "reload and reapply" choice). Pure. The unit of a change is what an edit touches (see
//! [`super::edit`]): one article's entry, the claim groups, the entity decisions. What this
//! session changed replaces the file's version of that part; every other part is the file's,
//! so an outside edit to another article survives.

use super::document::Document;
use super::model::Notes;

/// `theirs` (the file as it is now) with the parts that differ between `base` (what this
/// session last read or saved) and `ours` (what it holds now) taken from `ours`. Fails, naming
/// the problem, when the result would not be a valid notes file (an annotation id used on both
/// sides for different passages); the caller then offers to save a copy instead.
pub fn reapply(base: &Notes, ours: &Notes, mut theirs: Notes) -> Result<Notes, String> {
    let changed_paths = base
        .articles
        .iter()
        .chain(&ours.articles)
        .map(|article| article.path.as_str())
        .filter(|path| base.article(path) != ours.article(path));
    let changed_paths: Vec<String> = changed_paths.map(str::to_owned).collect();
    for path in &changed_paths {
        theirs.articles.retain(|article| article.path != *path);
        if let Some(article) = ours.article(path) {
            theirs.articles.push(article.clone());
        }
    }
    if base.claims != ours.claims {
        theirs.claims.clone_from(&ours.claims);
    }
    if base.entities != ours.entities {
        theirs.entities = ours.entities.clone();
    }
    // Sorted and checked exactly as a loaded file is.
    theirs.finish_load()?;
    Ok(theirs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::model::ArticleKey;

    fn with_note(notes: &Notes, path: &str, note: &str) -> Notes {
        let mut notes = notes.clone();
        notes.article_entry(&ArticleKey::new(path, "text")).note = note.into();
        notes
    }

    #[test]
    fn our_article_and_their_article_both_survive() {
        let base = with_note(&Notes::default(), "a.txt", "first");
        let ours = with_note(&base, "a.txt", "ours");
        let theirs = with_note(&base, "b.txt", "theirs");
        let merged = reapply(&base, &ours, theirs).expect("merges");
        assert_eq!(merged.article("a.txt").expect("a").note, "ours");
        assert_eq!(merged.article("b.txt").expect("b").note, "theirs");
    }

    #[test]
    fn a_part_we_did_not_touch_keeps_their_change() {
        let base = with_note(&Notes::default(), "a.txt", "first");
        let ours = with_note(&base, "b.txt", "ours");
        let theirs = with_note(&base, "a.txt", "edited outside");
        let merged = reapply(&base, &ours, theirs).expect("merges");
        assert_eq!(merged.article("a.txt").expect("a").note, "edited outside");
        assert_eq!(merged.article("b.txt").expect("b").note, "ours");
    }

    #[test]
    fn an_article_we_removed_stays_removed() {
        let base = with_note(&Notes::default(), "a.txt", "first");
        let ours = Notes::default();
        let merged = reapply(&base, &ours, base.clone()).expect("merges");
        assert!(merged.article("a.txt").is_none());
    }
}
