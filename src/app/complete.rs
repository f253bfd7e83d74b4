//! What Tab offers after a command on the `:` line: tag names, entity labels, stances, claim
//! ids, bias steps, pane numbers, export formats and paths. Each option is a whole argument;
//! the prompt keeps those that start with what is typed (`app::prompt`).

use std::path::Path;

use super::App;

/// Every argument `command` could take here, given what is typed so far (`typed`: paths are
/// listed from the folder it names).
pub fn argument_options(app: &App, command: &str, typed: &str) -> Vec<String> {
    match command {
        "tag" | "untag" => app.tags.iter().map(|t| t.name.clone()).collect(),
        "select" | "merge" => app
            .entities
            .index
            .as_ref()
            .map(|index| index.entities.iter().map(|e| e.label.clone()).collect())
            .unwrap_or_default(),
        "link-as" => ["same", "contradicts", "adds-detail"].map(str::to_owned).to_vec(),
        "omits" => app.notes.notes.claims.iter().map(|g| g.id.clone()).collect(),
        "focus-pane" => (1..=app.panes.len()).map(|n| n.to_string()).collect(),
        "bias" | "outlet-bias" => app
            .bias_axes
            .first()
            .map(|axis| axis.steps.clone())
            .unwrap_or_default(),
        "open" | "copy-to" => paths(app, typed),
        "export" => match typed.split_once(' ') {
            Some((format, path)) => paths(app, path)
                .into_iter()
                .map(|p| format!("{format} {p}"))
                .collect(),
            None => ["md", "json", "csv"].map(str::to_owned).to_vec(),
        },
        _ => Vec::new(),
    }
}

/// The entries of the folder `typed` names (up to its last `/`), as `typed` would continue:
/// folders end in `/`; hidden names only when `typed` asks for them with a dot.
fn paths(app: &App, typed: &str) -> Vec<String> {
    let (dir, name) = match typed.rfind('/') {
        Some(slash) => typed.split_at(slash + 1),
        None => ("", typed),
    };
    let folder = if dir.is_empty() {
        Path::new(".")
    } else {
        Path::new(dir)
    };
    let mut options: Vec<String> = (app.list_dir)(folder)
        .into_iter()
        .filter(|(entry, _)| name.starts_with('.') || !entry.starts_with('.'))
        .map(|(entry, is_dir)| format!("{dir}{entry}{}", if is_dir { "/" } else { "" }))
        .collect();
    options.sort();
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::prompt::Prompt;
    use crate::article::Article;
    use crate::config::Config;

    fn listing(dir: &Path) -> Vec<(String, bool)> {
        match dir.to_str() {
            Some(".") => vec![
                ("cases".into(), true),
                ("notes.md".into(), false),
                (".git".into(), true),
            ],
            Some("cases/") => vec![("iran".into(), true), ("gaza.txt".into(), false)],
            _ => Vec::new(),
        }
    }

    fn app() -> App {
        let mut app = App::new(vec![Article::plain("a.txt", "Text.")], &Config::default());
        app.list_dir = listing;
        app
    }

    fn tab(app: &App, typed: &str, times: usize) -> String {
        let mut prompt = Prompt::default();
        typed.chars().for_each(|c| prompt.insert(c));
        for _ in 0..times {
            prompt.complete_with(&|command, rest| argument_options(app, command, rest));
        }
        prompt.input
    }

    #[test]
    fn paths_complete_folder_by_folder_and_hide_dot_files() {
        let app = app();
        assert_eq!(tab(&app, "open c", 1), "open cases/");
        assert_eq!(tab(&app, "open cases/", 1), "open cases/gaza.txt");
        assert_eq!(tab(&app, "open cases/", 2), "open cases/iran/");
        assert_eq!(tab(&app, "open .", 1), "open .git/");
        assert_eq!(tab(&app, "export md c", 1), "export md cases/");
    }

    #[test]
    fn tags_and_stances_complete_and_cycle() {
        let app = app();
        assert_eq!(tab(&app, "tag f", 1), "tag fact");
        assert_eq!(tab(&app, "tag c", 1), "tag claim");
        assert_eq!(tab(&app, "tag c", 2), "tag corroborated");
        assert_eq!(tab(&app, "link-as c", 1), "link-as contradicts");
        assert_eq!(tab(&app, "export j", 1), "export json");
    }
}
