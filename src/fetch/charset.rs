//! What a response is and how to read it, from its headers and first bytes: whether it is an
//! HTML page at all (a PDF is refused by its type), and which charset decodes it. Pure.
//!
//! The page's own declaration (BOM, then `<meta charset>`) wins over the `Content-Type` header:
//! the saved file is later read without its headers, by the declaration, so choosing the same
//! here keeps the title and date used for the file name equal to what the reader shows; and a
//! server's default header (`charset=iso-8859-1` on a UTF-8 page) is the common mistake.

use encoding_rs::Encoding;

use crate::article::html::declared_charset;

/// The charset chosen and where it came from, as the provenance file records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub encoding: &'static Encoding,
    pub from: &'static str,
}

impl Choice {
    /// `windows-1256 (header)`.
    pub fn describe(self) -> String {
        format!("{} ({})", self.encoding.name(), self.from)
    }
}

/// The charset to load a saved page with when its provenance record says it was read with one
/// the page itself does not declare (`windows-1256 (header)`, `windows-1252 (default)`); None
/// when the page's own declaration or UTF-8 serves (what the loader does anyway).
pub fn undeclared_label(recorded: &str) -> Option<&str> {
    let (label, from) = recorded.rsplit_once(" (")?;
    let from = from.strip_suffix(')')?;
    (matches!(from, "header" | "default") && !label.eq_ignore_ascii_case("UTF-8")).then_some(label)
}

/// The media type without parameters, lower-case (`text/html`).
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset=` parameter of a `Content-Type` header.
pub fn header_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// Whether a declared media type is a web page. `None` when there is no declaration worth
/// trusting (missing, or the catch-all `application/octet-stream`): the bytes decide then.
pub fn declared_html(media_type: &str) -> Option<bool> {
    match media_type {
        "" | "application/octet-stream" => None,
        "text/html" | "application/xhtml+xml" => Some(true),
        _ => Some(false),
    }
}

/// What the first bytes say the body is: `Ok` for something that starts like markup, else the
/// type to name in the refusal.
pub fn sniff(body: &[u8]) -> Result<(), String> {
    let start = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(body)
        .trim_ascii_start();
    if start.starts_with(b"%PDF") {
        return Err("application/pdf".into());
    }
    if start.starts_with(b"<") {
        return Ok(());
    }
    let magic: [(&[u8], &str); 4] = [
        (b"\x89PNG", "image/png"),
        (b"\xFF\xD8\xFF", "image/jpeg"),
        (b"GIF8", "image/gif"),
        (b"PK\x03\x04", "application/zip"),
    ];
    Err(magic
        .iter()
        .find(|(prefix, _)| start.starts_with(prefix))
        .map_or("not HTML (no markup at the start)", |(_, kind)| kind)
        .to_owned())
}

/// The charset to read `body` with: BOM, the page's declaration, the header's, UTF-8 when the
/// bytes are valid UTF-8, else windows-1252 (what browsers assume for an unlabelled page).
pub fn choose(header: Option<&str>, body: &[u8]) -> Choice {
    if let Some((encoding, _)) = Encoding::for_bom(body) {
        return Choice {
            encoding,
            from: "byte order mark",
        };
    }
    if let Some(encoding) = declared_charset(body).and_then(|label| Encoding::for_label(label.as_bytes())) {
        return Choice {
            encoding,
            from: "page",
        };
    }
    if let Some(encoding) = header.and_then(|label| Encoding::for_label(label.as_bytes())) {
        return Choice {
            encoding,
            from: "header",
        };
    }
    if std::str::from_utf8(body).is_ok() {
        Choice {
            encoding: encoding_rs::UTF_8,
            from: "valid UTF-8",
        }
    } else {
        Choice {
            encoding: encoding_rs::WINDOWS_1252,
            from: "default",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parts() {
        assert_eq!(media_type("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(
            header_charset("text/html; Charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(header_charset("text/html"), None);
        assert_eq!(declared_html("application/pdf"), Some(false));
        assert_eq!(declared_html(""), None);
    }

    #[test]
    fn the_page_declaration_beats_a_wrong_header() {
        let page = "<meta charset=\"utf-8\"><p>سد</p>".as_bytes();
        let choice = choose(Some("iso-8859-1"), page);
        assert_eq!(choice.encoding, encoding_rs::UTF_8);
        assert_eq!(choice.describe(), "UTF-8 (page)");
    }

    #[test]
    fn the_header_serves_when_the_page_is_silent() {
        let page = b"<p>\xC7\xE1</p>";
        assert_eq!(
            choose(Some("windows-1256"), page).encoding,
            encoding_rs::WINDOWS_1256
        );
        assert_eq!(choose(None, page).encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(choose(None, b"<p>plain</p>").from, "valid UTF-8");
    }

    #[test]
    fn only_a_charset_the_page_does_not_declare_is_reapplied() {
        assert_eq!(undeclared_label("windows-1256 (header)"), Some("windows-1256"));
        assert_eq!(undeclared_label("windows-1252 (default)"), Some("windows-1252"));
        assert_eq!(undeclared_label("windows-1256 (page)"), None);
        assert_eq!(undeclared_label("UTF-8 (header)"), None);
        assert_eq!(undeclared_label("nonsense"), None);
    }

    #[test]
    fn sniffing_names_what_is_not_a_page() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Err("application/pdf".into()));
        assert_eq!(sniff(b"\xEF\xBB\xBF  <!doctype html>"), Ok(()));
        assert_eq!(sniff(b"\x89PNG\r\n"), Err("image/png".into()));
    }
}
