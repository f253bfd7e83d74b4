//! Quotes to take away: `y` (`copy`) puts the sentence under the cursor, or the selection, with
//! its citation (outlet, title, date, URL) on the system clipboard through the terminal (OSC 52,
//! `[reader] clipboard` in the config); `:copy-to FILE` appends it to a file. The text is made
//! here (pure); the shell writes it.

use std::path::PathBuf;

use super::{App, Effect, Pane};
use crate::export::citation::{Cited, citation};

/// `copy`: the quote and its citation to the clipboard.
pub fn copy(app: &mut App) -> Vec<Effect> {
    if !app.settings.clipboard {
        app.error(
            "the clipboard is off ([reader] clipboard = false): :copy-to FILE appends the quote to a file",
        );
        return Vec::new();
    }
    match quote(app) {
        Some(text) => vec![Effect::Clipboard(text)],
        None => {
            nothing_to_copy(app);
            Vec::new()
        }
    }
}

/// `copy-to FILE`: the quote and its citation appended to `FILE`.
pub fn copy_to(app: &mut App, path: &str) -> Vec<Effect> {
    match quote(app) {
        Some(text) => vec![Effect::AppendQuote {
            path: PathBuf::from(path.trim()),
            text,
        }],
        None => {
            nothing_to_copy(app);
            Vec::new()
        }
    }
}

fn nothing_to_copy(app: &mut App) {
    app.error("nothing to copy: c shows the sentence cursor, v selects");
}

/// The focused pane's selection or cursor sentence, as shown (hidden text left out unless
/// revealed), with its citation.
pub fn quote(app: &App) -> Option<String> {
    let pane = app.focused()?;
    let range = pane.target_range()?;
    let text = &pane.article.text;
    let parts = if pane.layout.reveal() {
        vec![range]
    } else {
        pane.article.visible_parts(range)
    };
    let quote: Vec<&str> = parts.into_iter().filter_map(|r| text.get(r)).collect();
    let quote = quote.join(" ");
    if quote.trim().is_empty() {
        return None;
    }
    Some(cite(pane, &quote))
}

fn cite(pane: &Pane, quote: &str) -> String {
    let (outlet, title, date, url) = (pane.outlet(), pane.title(), pane.date(), pane.url());
    citation(&Cited {
        quote,
        outlet: &outlet,
        title: title.as_deref(),
        date: date.as_deref(),
        url: url.as_deref(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update::run_command;
    use crate::article::Article;
    use crate::config::Config;

    fn reader() -> App {
        let mut article = Article::plain("a.txt", "First sentence here. Second one, with more.");
        article.meta.outlet = Some("The Daily".into());
        article.meta.title = Some("A story".into());
        App::new(vec![article], &Config::default())
    }

    #[test]
    fn without_a_cursor_there_is_nothing_to_copy() {
        let mut app = reader();
        assert!(copy(&mut app).is_empty());
        assert!(app.message.as_ref().is_some_and(|m| m.error));
    }

    #[test]
    fn the_sentence_under_the_cursor_goes_with_its_citation_and_the_analysts_url() {
        let mut app = reader();
        run_command(&mut app, "cursor");
        run_command(&mut app, "url https://daily.example/story");
        let effects = copy(&mut app);
        assert_eq!(
            effects,
            [Effect::Clipboard(
                "“First sentence here.”\n— The Daily, “A story”, undated. https://daily.example/story\n"
                    .into()
            )]
        );
        let effects = copy_to(&mut app, " quotes.txt ");
        assert!(
            matches!(&effects[..], [Effect::AppendQuote { path, .. }] if path == &PathBuf::from("quotes.txt")),
            "{effects:?}"
        );
    }

    #[test]
    fn the_config_can_switch_the_clipboard_off() {
        let mut app = reader();
        app.settings.clipboard = false;
        run_command(&mut app, "cursor");
        assert!(copy(&mut app).is_empty());
        assert!(
            app.message
                .as_ref()
                .is_some_and(|m| m.error && m.text.contains("copy-to"))
        );
    }
}
