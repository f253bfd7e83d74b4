//! Sources by URL in the reader: `:add URL` asks the shell to fetch a page into the case folder
//! (the folder of the first pane's article, where `parallax add` would have put it), and
//! `source-info` (`i`) says where the focused source came from. Pure: the fetch is an effect.

use std::path::{Path, PathBuf};

use super::{App, Effect};

/// The effect that fetches `url` into the case folder; the shell opens the page when done.
pub fn fetch(app: &mut App, url: String) -> Effect {
    let case = app
        .panes
        .first()
        .and_then(|pane| pane.article.path.parent())
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // `info` makes the text terminal-safe, as for every status message.
    app.info(format!("fetching {url} into {}…", case.display()));
    Effect::Fetch { url, case }
}

/// Puts the focused source's URL and retrieval time in the status bar.
pub fn show_info(app: &mut App) {
    let Some(pane) = app.panes.get(app.focus) else {
        app.error("no pane");
        return;
    };
    let meta = &pane.article.meta;
    let file = pane.article.path.display();
    let text = match (&meta.url, &meta.retrieved) {
        (Some(url), Some(retrieved)) => format!("{url} · retrieved {retrieved} · {file}"),
        (Some(url), None) => format!("{url} (the page's own address; no retrieval record) · {file}"),
        _ => format!("{file}: no URL known (not fetched with `parallax add`, and the page names none)"),
    };
    app.info(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::config::Config;

    fn app_with(path: &str, url: Option<&str>, retrieved: Option<&str>) -> App {
        let mut article = Article::plain(path, "Text of the story.");
        article.meta.url = url.map(str::to_owned);
        article.meta.retrieved = retrieved.map(str::to_owned);
        App::new(vec![article], &Config::default())
    }

    #[test]
    fn add_fetches_into_the_first_articles_folder() {
        let mut app = app_with("case/a.html", None, None);
        assert_eq!(
            fetch(&mut app, "https://x.example/a".into()),
            Effect::Fetch {
                url: "https://x.example/a".into(),
                case: PathBuf::from("case")
            }
        );
        let mut app = app_with("a.html", None, None);
        assert!(matches!(fetch(&mut app, "u".into()), Effect::Fetch { case, .. } if case == Path::new(".")));
    }

    #[test]
    fn info_names_url_and_retrieval_time_and_makes_them_safe() {
        let mut app = app_with(
            "case/a.html",
            Some("https://x.example/\u{1b}]2;t\u{7}a"),
            Some("2031-03-12T09:30:00Z"),
        );
        show_info(&mut app);
        let message = format!("{:?}", app.message);
        assert!(message.contains("retrieved 2031-03-12T09:30:00Z"), "{message}");
        assert!(!message.contains('\u{1b}'), "{message}");
        let mut app = app_with("case/b.txt", None, None);
        show_info(&mut app);
        assert!(format!("{:?}", app.message).contains("no URL known"));
    }
}
