//! `:add URL` in the reader: the download and the load of the saved page run on a worker
//! thread (a slow server must not freeze the reader), and the result wakes the event loop,
//! which opens the page in a new pane and says what was saved, like `:open`.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use super::Wake;
use crate::annotation::clock::now_rfc3339;
use crate::app::App;
use crate::article::Article;
use crate::article::load::{LoadError, LoadOptions, load_path};
use crate::fetch::{self, Added, Failure, Limits};

/// What a fetch in the background brings back.
pub(super) type Fetched = Result<(Added, Result<Article, LoadError>), Failure>;

/// Fetches `url` into `case`, then loads the saved page with its provenance.
pub(super) fn spawn_fetch(url: String, case: PathBuf, load: LoadOptions, tx: Sender<Wake>) {
    thread::spawn(move || {
        let limits = Limits {
            max_bytes: load.max_bytes,
            ..Limits::default()
        };
        let fetched = fetch::add(&case, &url, &limits, &now_rfc3339()).map(|added| {
            let article = load_path(&added.path, &load).map(|mut article| {
                fetch::attach_provenance(std::slice::from_mut(&mut article), &load);
                article
            });
            (added, article)
        });
        let _ = tx.send(Wake::Fetched(Box::new(fetched)));
    });
}

/// Opens the fetched page (or reloads it when it is already open) and says what was saved;
/// returns the entity analysis to start, if a pane was added.
pub(super) fn finish(app: &mut App, fetched: Fetched) -> Option<crate::app::Effect> {
    match fetched {
        Ok((added, Ok(article))) => {
            let analyze = app.add_article(article);
            app.info(added.message());
            Some(analyze)
        }
        Ok((added, Err(error))) => {
            app.error(format!("{}, but it cannot be opened: {error}", added.message()));
            None
        }
        Err(failure) => {
            app.error(failure.message);
            None
        }
    }
}
