//! Readable file names for saved pages: `outlet-date-slug.html` (`reuters-2031-03-10-dam-collapse.html`),
//! so a case folder lists its sources by outlet and day. Pure: the caller says which names are
//! taken.

/// The longest slug kept, in characters: enough to tell two stories of one outlet apart.
const MAX_SLUG_CHARS: usize = 60;

/// Extensions a URL's last segment often carries, dropped from the slug.
const PAGE_EXTENSIONS: [&str; 6] = [".html", ".htm", ".php", ".aspx", ".asp", ".jsp"];

/// The name a page fetched from `url` is saved under, without a version suffix. `date` is the
/// page's own publication date when it has one (`YYYY-MM-DD…`), `title` its title, and
/// `retrieved` the RFC 3339 time it was fetched (its day is used when nothing else dates it).
pub fn base_name(url: &str, date: Option<&str>, title: Option<&str>, retrieved: &str) -> String {
    let (host, path) = split_url(url);
    let outlet = outlet(&host);
    let path = percent_decode(path);
    let date = date
        .and_then(iso_day)
        .or_else(|| date_in_path(&path))
        .or_else(|| iso_day(retrieved))
        .unwrap_or_else(|| "undated".to_owned());
    let slug = path
        .rsplit('/')
        .find(|segment| !segment.is_empty())
        .map(|segment| slugify(strip_extension(segment)))
        .filter(|slug| slug.chars().any(char::is_alphabetic) && slug != "index")
        .or_else(|| title.map(slugify).filter(|slug| !slug.is_empty()))
        .unwrap_or_else(|| "page".to_owned());
    format!("{outlet}-{date}-{slug}")
}

/// `base.html` for the first version, `base-N.html` for the Nth.
pub fn versioned(base: &str, version: usize) -> String {
    if version <= 1 {
        format!("{base}.html")
    } else {
        format!("{base}-{version}.html")
    }
}

/// The first name from `base` (`base.html`, then `base-2.html`, …) that `taken` says is free.
pub fn first_free(base: &str, from_version: usize, taken: &dyn Fn(&str) -> bool) -> String {
    // Bounded: a folder never holds a million versions of one page, and an unbounded search
    // would spin forever on a `taken` that says yes to everything.
    (from_version.max(1)..from_version.max(1).saturating_add(1_000_000))
        .map(|version| versioned(base, version))
        .find(|name| !taken(name))
        .unwrap_or_else(|| versioned(base, usize::MAX))
}

/// The file name without `.html`: later versions of a page are named after its first one.
pub fn stem_of(file: &str) -> &str {
    file.strip_suffix(".html").unwrap_or(file)
}

/// Host and path of an `http(s)://` URL; query and fragment are dropped.
fn split_url(url: &str) -> (String, &str) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let path = &rest[end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    (host.to_ascii_lowercase(), path)
}

/// The outlet part: the host without `www.` and without its public suffix (`bbc.co.uk` → `bbc`),
/// so the name starts with what people call the outlet.
fn outlet(host: &str) -> String {
    let host = host.trim_start_matches("www.");
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let numeric = labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit()));
    let kept = match labels.as_slice() {
        _ if numeric => &labels[..],
        [] | [_] => &labels[..],
        [.., second, last] if labels.len() > 2 && last.len() == 2 && second.len() <= 3 => {
            &labels[..labels.len() - 2]
        }
        [..] => &labels[..labels.len() - 1],
    };
    let outlet = slugify(&kept.join("-"));
    if outlet.is_empty() {
        "site".to_owned()
    } else {
        outlet
    }
}

/// `YYYY-MM-DD` when `text` starts with one.
fn iso_day(text: &str) -> Option<String> {
    let day = text.get(..10)?;
    let bytes = day.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    (digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10))
        .then(|| day.to_owned())
}

/// A `/YYYY/MM/DD/` in the path, as news sites often put it.
fn date_in_path(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    segments.windows(3).find_map(|w| {
        let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        (all_digits(w[0], 4) && all_digits(w[1], 2) && all_digits(w[2], 2))
            .then(|| format!("{}-{}-{}", w[0], w[1], w[2]))
    })
}

fn strip_extension(segment: &str) -> &str {
    PAGE_EXTENSIONS
        .iter()
        .find_map(|ext| {
            segment
                .len()
                .checked_sub(ext.len())
                .filter(|&at| segment.is_char_boundary(at) && segment[at..].eq_ignore_ascii_case(ext))
                .map(|at| &segment[..at])
        })
        .unwrap_or(segment)
}

/// Lower-case letters and digits joined by single hyphens, at most [`MAX_SLUG_CHARS`]. Only
/// alphanumerics survive, so no control, bidi or path character reaches a file name.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut count = 0;
    for c in text.chars() {
        if count >= MAX_SLUG_CHARS {
            break;
        }
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
            count += 1;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
            count += 1;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// `%XX` escapes decoded (invalid UTF-8 replaced), so a slug of a non-Latin headline reads.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHEN: &str = "2031-03-12T08:00:00Z";

    #[test]
    fn outlet_date_and_slug_from_the_url() {
        assert_eq!(
            base_name(
                "https://www.reuters.com/world/dam-collapse-kills-63.html?ref=x#top",
                Some("2031-03-10"),
                None,
                WHEN
            ),
            "reuters-2031-03-10-dam-collapse-kills-63"
        );
        assert_eq!(
            base_name("https://news.bbc.co.uk/2031/03/09/dam/", None, None, WHEN),
            "news-bbc-2031-03-09-dam"
        );
        assert_eq!(
            base_name("http://127.0.0.1:8080/a", None, None, WHEN),
            "127-0-0-1-2031-03-12-a"
        );
    }

    #[test]
    fn a_numeric_or_empty_path_falls_back_to_the_title() {
        assert_eq!(
            base_name(
                "https://example.org/story/12345",
                None,
                Some("Dam: the Truth!"),
                WHEN
            ),
            "example-2031-03-12-dam-the-truth"
        );
        assert_eq!(
            base_name("https://example.org/", None, None, WHEN),
            "example-2031-03-12-page"
        );
    }

    #[test]
    fn hostile_characters_never_reach_the_name() {
        let name = base_name(
            "https://evil.example/%1B%5D0%3Bpwn%07/..%2F..%2Fetc%E2%80%AEgpj",
            None,
            None,
            WHEN,
        );
        assert!(name.chars().all(|c| c.is_alphanumeric() || c == '-'), "{name}");
        assert!(!name.contains(".."));
    }

    #[test]
    fn non_latin_slugs_are_kept_and_long_ones_cut() {
        let name = base_name(
            "https://example.org/%D8%B3%D8%AF-%D9%85%D9%8A%D8%B1%D8%A7",
            None,
            None,
            WHEN,
        );
        assert_eq!(name, "example-2031-03-12-سد-ميرا");
        let long = base_name(
            &format!("https://example.org/{}", "word-".repeat(50)),
            None,
            None,
            WHEN,
        );
        assert!(long.chars().count() <= "example-2031-03-12-".len() + MAX_SLUG_CHARS);
    }

    #[test]
    fn versions_and_stems() {
        assert_eq!(versioned("a-2031-03-10-x", 1), "a-2031-03-10-x.html");
        assert_eq!(versioned("a-2031-03-10-x", 2), "a-2031-03-10-x-2.html");
        assert_eq!(stem_of("a-2031-03-10-x.html"), "a-2031-03-10-x");
        let taken = |name: &str| name == "b.html" || name == "b-2.html";
        assert_eq!(first_free("b", 1, &taken), "b-3.html");
    }
}
