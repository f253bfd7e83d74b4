//! Bylines and source lines: who wrote the article and for which outlet.
//!
//! "By Jane Doe" names a person; "By The Algemeiner", "By Palestine Chronicle Staff" and "By Al
//! Mayadeen English" name an organisation, which becomes the outlet.

/// What a byline or source line says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Credit {
    pub byline: Option<String>,
    pub outlet: Option<String>,
}

const MAX_NAME_WORDS: usize = 10;

/// Reads "By …" lines. `None` when the line is not a byline.
pub fn byline(line: &str) -> Option<Credit> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("Written by "))?
        .trim();
    let words = rest.split_whitespace().count();
    if rest.is_empty() || words > MAX_NAME_WORDS || rest.ends_with(['.', '!', '?']) && words > 4 {
        return None;
    }
    let rest = rest.trim_end_matches(['.', ',']);
    // A newsroom credit is still the article's byline ("By The Algemeiner"), and its outlet.
    if let Some(newsroom) = strip_staff_suffix(rest) {
        return Some(Credit {
            byline: Some(rest.to_string()),
            outlet: Some(newsroom.to_string()),
        });
    }
    // "Jane Doe | Reuters", "Jane Doe, The Daily Post"
    for separator in [" | ", ", ", " - ", " – ", " for "] {
        if let Some((person, org)) = rest.rsplit_once(separator)
            && is_organisation(org)
            && !person.trim().is_empty()
        {
            return Some(Credit {
                byline: Some(person.trim().to_string()),
                outlet: Some(org.trim().to_string()),
            });
        }
    }
    Some(if is_organisation(rest) {
        Credit {
            byline: Some(rest.to_string()),
            outlet: Some(rest.to_string()),
        }
    } else {
        Credit {
            byline: Some(rest.to_string()),
            outlet: None,
        }
    })
}

/// Reads "Source: X", "Source » X" lines: the outlet X.
pub fn source(line: &str) -> Option<String> {
    let head = line.get(..6)?;
    if !head.eq_ignore_ascii_case("source") {
        return None;
    }
    let rest = &line[6..];
    // "Source: X", "Source » X"; not "Sources say…".
    if !rest.starts_with(|c: char| c.is_whitespace() || is_separator(c)) {
        return None;
    }
    let name = rest.trim_start_matches(|c: char| c.is_whitespace() || is_separator(c));
    let name = name.trim().trim_end_matches('.');
    let words = name.split_whitespace().count();
    (1..=6).contains(&words).then(|| name.to_string())
}

fn is_separator(c: char) -> bool {
    matches!(c, ':' | '»' | '|' | '-' | '–' | '—' | '>')
}

fn strip_staff_suffix(name: &str) -> Option<&str> {
    let lower = name.to_lowercase();
    crate::article::words::get()
        .staff_suffixes
        .iter()
        .find_map(|suffix| {
            let cut = lower.strip_suffix(suffix.as_str())?;
            // Only a whole-word suffix, and something must be left: "By Staff" names no outlet.
            let kept = name.get(..cut.len())?.trim_end_matches([' ', ',']);
            (cut.ends_with(' ') && !kept.is_empty()).then_some(kept)
        })
}

/// Whether a name looks like an organisation rather than a person.
pub fn is_organisation(name: &str) -> bool {
    let name = name.trim();
    if name.starts_with("The ") || name.starts_with("the ") {
        return true;
    }
    name.split(|c: char| !c.is_alphanumeric()).any(|word| {
        let lower = word.to_lowercase();
        crate::article::words::get()
            .organisation_words
            .contains(lower.as_str())
            || (word.len() >= 2 && word.len() <= 5 && word.chars().all(|c| c.is_ascii_uppercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(line: &str) -> Option<String> {
        byline(line).and_then(|c| c.outlet)
    }

    #[test]
    fn organisation_bylines_become_outlets() {
        assert_eq!(outlet("By The Algemeiner").as_deref(), Some("The Algemeiner"));
        assert_eq!(
            outlet("By Palestine Chronicle Staff").as_deref(),
            Some("Palestine Chronicle")
        );
        assert_eq!(
            outlet("By Al Mayadeen English").as_deref(),
            Some("Al Mayadeen English")
        );
        assert_eq!(outlet("By Daily Sun Staff Writer").as_deref(), Some("Daily Sun"));
        assert_eq!(outlet("BY AFP").as_deref(), Some("AFP"));
    }

    #[test]
    fn organisation_bylines_are_bylines_too() {
        let credit = byline("By The Algemeiner").expect("byline");
        assert_eq!(credit.byline.as_deref(), Some("The Algemeiner"));
        let credit = byline("By Palestine Chronicle Staff").expect("byline");
        assert_eq!(credit.byline.as_deref(), Some("Palestine Chronicle Staff"));
    }

    #[test]
    fn person_bylines_stay_bylines() {
        let credit = byline("By Jane Doe").expect("byline");
        assert_eq!(credit.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(credit.outlet, None);
        let credit = byline("By Jane Doe | Reuters").expect("byline");
        assert_eq!(credit.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(credit.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            byline("By the time the vote came, most members had already left the room."),
            None
        );
        assert_eq!(byline("Bystanders watched"), None);
        assert_eq!(outlet("By Staff"), None);
    }

    #[test]
    fn source_lines() {
        assert_eq!(source("Source » msn").as_deref(), Some("msn"));
        assert_eq!(source("Source: Al Mayadeen").as_deref(), Some("Al Mayadeen"));
        assert_eq!(source("Sources to Al Mayadeen: the talks failed"), None);
        assert_eq!(source("Source"), None);
    }
}
