//! The case's record of where each saved page came from: `parallax-sources.toml`, one
//! `[[source]]` per saved file (URL asked for, final URL, retrieval time, HTTP status, content
//! type, charset, SHA-256 of the bytes saved, and the later fetches that found it unchanged).
//! Human-readable and sorted by file name so diffs stay small; pure (parsing, rendering and the
//! decision of where a fetched page goes), the IO is in `fetch`.

use serde::{Deserialize, Serialize};

use super::name;

/// The provenance file's name in the case folder. Not an article: `.toml` is not a supported
/// article extension (`article::load::is_supported`), so opening the folder never shows it.
pub const FILE_NAME: &str = "parallax-sources.toml";

/// The schema this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

const HEADER: &str = "\
# Where the saved pages of this case came from, written by `parallax add` and `:add`.
# One [[source]] per saved file: the URL asked for, the URL it ended at after redirects, when
# it was retrieved (UTC), the HTTP status, content type and charset, and the SHA-256 of the
# file's bytes (check with `sha256sum FILE`). `rechecked` lists later fetches that found the
# page unchanged; a changed page is saved beside the old one, never over it.
";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub schema_version: u32,
    #[serde(default, rename = "source")]
    pub sources: Vec<Record>,
}

impl Default for Sources {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            sources: Vec::new(),
        }
    }
}

/// One saved file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The file's name in the case folder.
    pub file: String,
    pub requested_url: String,
    pub final_url: String,
    /// RFC 3339 UTC.
    pub retrieved: String,
    pub status: u16,
    pub content_type: String,
    /// The charset the page was read with, and where it came from (`page`, `header`, …).
    pub charset: String,
    /// Lower-case hex SHA-256 of the saved bytes.
    pub sha256: String,
    /// Later retrievals (RFC 3339 UTC) that found the same bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rechecked: Vec<String>,
}

/// What a fetch does to the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Same bytes as the latest saved version of this URL (index into `sources`): record the
    /// new retrieval time only.
    Unchanged { index: usize },
    /// The URL was saved before and the page changed: a new file beside `previous`.
    Changed { file: String, previous: String },
    /// A URL new to the case.
    New { file: String },
}

/// Parses the provenance file; a newer schema or an unknown field is refused, so it is never
/// rewritten by a build that would drop what it does not know.
pub fn parse(text: &str) -> Result<Sources, String> {
    let sources: Sources = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
    if sources.schema_version > SCHEMA_VERSION {
        return Err(format!(
            "schema_version {} is newer than this Parallax reads ({SCHEMA_VERSION})",
            sources.schema_version
        ));
    }
    Ok(sources)
}

/// The file's text: the header comment, then the sources sorted by file name.
pub fn render(sources: &Sources) -> String {
    let mut sorted = sources.clone();
    sorted.schema_version = SCHEMA_VERSION;
    sorted.sources.sort_by(|a, b| a.file.cmp(&b.file));
    // Serialising plain strings, numbers and arrays of strings cannot fail.
    let body = toml::to_string(&sorted).unwrap_or_default();
    format!("{HEADER}\n{body}")
}

impl Sources {
    /// The record of a saved file.
    pub fn for_file(&self, file: &str) -> Option<&Record> {
        self.sources.iter().find(|r| r.file == file)
    }

    /// The saved versions of a URL (asked for or ended at), oldest first.
    fn versions(&self, requested: &str, final_url: &str) -> Vec<usize> {
        let mut found: Vec<usize> = (0..self.sources.len())
            .filter(|&i| {
                let r = &self.sources[i];
                r.requested_url == requested || r.final_url == final_url || r.final_url == requested
            })
            .collect();
        found.sort_by(|&a, &b| {
            (&self.sources[a].retrieved, &self.sources[a].file)
                .cmp(&(&self.sources[b].retrieved, &self.sources[b].file))
        });
        found
    }

    /// Where a page fetched from `requested` (ending at `final_url`, bytes hashing to `sha256`)
    /// goes. `base` is the name a new page would get; `taken` says whether a file name is
    /// used in the folder (the records' names count as taken too). The page is unchanged only
    /// when the latest version has the same hash and its file is still there: a page whose
    /// saved copy was deleted is saved again rather than called unchanged.
    pub fn plan(
        &self,
        requested: &str,
        final_url: &str,
        sha256: &str,
        base: &str,
        taken: &dyn Fn(&str) -> bool,
    ) -> Plan {
        let used = |file: &str| taken(file) || self.for_file(file).is_some();
        let versions = self.versions(requested, final_url);
        match (versions.first(), versions.last()) {
            (Some(&first), Some(&latest)) => {
                let latest_record = &self.sources[latest];
                if latest_record.sha256 == sha256 && taken(&latest_record.file) {
                    return Plan::Unchanged { index: latest };
                }
                let stem = name::stem_of(&self.sources[first].file);
                Plan::Changed {
                    file: name::first_free(stem, 2, &used),
                    previous: latest_record.file.clone(),
                }
            }
            _ => Plan::New {
                file: name::first_free(base, 1, &used),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, url: &str, retrieved: &str, sha: &str) -> Record {
        Record {
            file: file.into(),
            requested_url: url.into(),
            final_url: url.into(),
            retrieved: retrieved.into(),
            status: 200,
            content_type: "text/html".into(),
            charset: "UTF-8 (page)".into(),
            sha256: sha.into(),
            rechecked: Vec::new(),
        }
    }

    #[test]
    fn renders_sorted_with_a_header_and_parses_back() {
        let sources = Sources {
            schema_version: 1,
            sources: vec![
                record("b.html", "https://b.example/x", "2031-03-10T10:00:00Z", "bb"),
                record("a.html", "https://a.example/x", "2031-03-10T09:00:00Z", "aa"),
            ],
        };
        let text = render(&sources);
        assert!(text.starts_with("# Where the saved pages"));
        assert!(text.find("a.html").expect("a") < text.find("b.html").expect("b"));
        let back = parse(&text).expect("parses");
        assert_eq!(back.sources[0].file, "a.html");
        assert_eq!(back.sources.len(), 2);
    }

    #[test]
    fn newer_schemas_and_unknown_fields_are_refused() {
        assert!(parse("schema_version = 2\n").is_err());
        assert!(parse("schema_version = 1\nmystery = 3\n").is_err());
        assert_eq!(
            parse("schema_version = 1\n").expect("empty case"),
            Sources::default()
        );
    }

    #[test]
    fn same_bytes_are_unchanged_changed_bytes_go_beside_and_new_urls_get_free_names() {
        let sources = Sources {
            schema_version: 1,
            sources: vec![record(
                "x-2031-03-10-dam.html",
                "https://x.example/dam",
                "2031-03-10T09:00:00Z",
                "11",
            )],
        };
        let on_disk = |f: &str| f == "x-2031-03-10-dam.html";
        assert_eq!(
            sources.plan(
                "https://x.example/dam",
                "https://x.example/dam",
                "11",
                "ignored",
                &on_disk
            ),
            Plan::Unchanged { index: 0 }
        );
        assert_eq!(
            sources.plan(
                "https://x.example/dam",
                "https://x.example/dam",
                "22",
                "ignored",
                &on_disk
            ),
            Plan::Changed {
                file: "x-2031-03-10-dam-2.html".into(),
                previous: "x-2031-03-10-dam.html".into()
            }
        );
        assert_eq!(
            sources.plan(
                "https://y.example/q",
                "https://x.example/dam-2",
                "33",
                "x-2031-03-10-dam",
                &on_disk
            ),
            Plan::New {
                file: "x-2031-03-10-dam-2.html".into()
            }
        );
        // The saved copy was deleted: the same bytes are saved again, not called unchanged.
        assert!(matches!(
            sources.plan(
                "https://x.example/dam",
                "https://x.example/dam",
                "11",
                "b",
                &|_| false
            ),
            Plan::Changed { .. }
        ));
    }

    #[test]
    fn a_third_version_compares_with_the_latest() {
        let sources = Sources {
            schema_version: 1,
            sources: vec![
                record("d.html", "https://x.example/d", "2031-03-10T09:00:00Z", "11"),
                record("d-2.html", "https://x.example/d", "2031-03-11T09:00:00Z", "22"),
            ],
        };
        let all = |_: &str| true;
        assert_eq!(
            sources.plan("https://x.example/d", "https://x.example/d", "22", "d", &all),
            Plan::Unchanged { index: 1 }
        );
        let plan = sources.plan("https://x.example/d", "https://x.example/d", "11", "d", &|f| {
            f.starts_with("d.") || f == "d-2.html"
        });
        assert_eq!(
            plan,
            Plan::Changed {
                file: "d-3.html".into(),
                previous: "d-2.html".into()
            }
        );
    }
}
