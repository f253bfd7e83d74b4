//! Source bias tags: a position on one or more bias scales, a reliability rating, free labels and
//! a note. Kept per article in the case file and per outlet in a separate [`OutletBias`] file in
//! the data directory, so outlet defaults carry over from case to case; an article's own tag
//! wins over its outlet's ([`effective_bias`]).
//!
//! The model stores axis and value names as strings; checking them against the configured
//! scales is the caller's job (the config owns the vocabulary).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::SCHEMA_VERSION;

/// The built-in scale's axis name.
pub const DEFAULT_AXIS: &str = "left-right";
/// The built-in scale's steps, left to right.
pub const DEFAULT_AXIS_STEPS: [&str; 7] = [
    "far-left",
    "left",
    "centre-left",
    "centre",
    "centre-right",
    "right",
    "far-right",
];
/// The value for "not known", valid on every axis.
pub const UNKNOWN: &str = "unknown";

/// A source-bias tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bias {
    /// Axis name → position on it, e.g. `left-right = "centre-left"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scale: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// Free labels: "state media", "advocacy", ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Bias {
    pub fn is_empty(&self) -> bool {
        self.scale.is_empty() && self.reliability.is_none() && self.labels.is_empty() && self.note.is_empty()
    }
}

/// A reliability rating from 1 (unreliable) to 5 (very reliable). Only valid values can be
/// built or read from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Reliability(u8);

impl Reliability {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Reliability {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(format!(
                "reliability must be {} to {}, not {value}",
                Self::MIN,
                Self::MAX
            ))
        }
    }
}

impl From<Reliability> for u8 {
    fn from(reliability: Reliability) -> Self {
        reliability.0
    }
}

/// The bias to show for an article: each part of the article's own tag where set, else the
/// outlet's default. Scale positions merge per axis ("unknown" on the article counts as set:
/// the analyst said so explicitly).
pub fn effective_bias(article: &Bias, outlet_default: Option<&Bias>) -> Bias {
    let Some(outlet) = outlet_default else {
        return article.clone();
    };
    let mut scale = outlet.scale.clone();
    scale.extend(
        article
            .scale
            .iter()
            .map(|(axis, value)| (axis.clone(), value.clone())),
    );
    Bias {
        scale,
        reliability: article.reliability.or(outlet.reliability),
        labels: if article.labels.is_empty() {
            outlet.labels.clone()
        } else {
            article.labels.clone()
        },
        note: if article.note.is_empty() {
            outlet.note.clone()
        } else {
            article.note.clone()
        },
    }
}

/// The outlet-defaults file (in the user's data directory): bias tags keyed by outlet name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletBias {
    pub schema_version: u32,
    /// Outlet name → its default bias tag.
    #[serde(default, rename = "outlet", skip_serializing_if = "BTreeMap::is_empty")]
    pub outlets: BTreeMap<String, Bias>,
}

impl Default for OutletBias {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            outlets: BTreeMap::new(),
        }
    }
}

impl OutletBias {
    pub fn get(&self, outlet: &str) -> Option<&Bias> {
        self.outlets.get(outlet)
    }

    /// Sets (or, with an empty tag, removes) the default for `outlet`.
    pub fn set(&mut self, outlet: &str, bias: Bias) {
        if bias.is_empty() {
            self.outlets.remove(outlet);
        } else {
            self.outlets.insert(outlet.to_owned(), bias);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(value: u8) -> Reliability {
        Reliability::try_from(value).expect("valid rating")
    }

    #[test]
    fn reliability_accepts_one_to_five_only() {
        assert!(Reliability::try_from(0).is_err());
        assert!(Reliability::try_from(6).is_err());
        assert_eq!(rating(3).get(), 3);
    }

    #[test]
    fn article_tag_overrides_outlet_default_part_by_part() {
        let outlet = Bias {
            scale: [
                (DEFAULT_AXIS.to_owned(), "right".to_owned()),
                ("state".to_owned(), "yes".to_owned()),
            ]
            .into(),
            reliability: Some(rating(2)),
            labels: vec!["state media".into()],
            note: "outlet note".into(),
        };
        let article = Bias {
            scale: [(DEFAULT_AXIS.to_owned(), UNKNOWN.to_owned())].into(),
            reliability: None,
            labels: vec![],
            note: "article note".into(),
        };
        let effective = effective_bias(&article, Some(&outlet));
        assert_eq!(effective.scale[DEFAULT_AXIS], UNKNOWN);
        assert_eq!(effective.scale["state"], "yes");
        assert_eq!(effective.reliability, Some(rating(2)));
        assert_eq!(effective.labels, vec!["state media".to_owned()]);
        assert_eq!(effective.note, "article note");
        assert_eq!(effective_bias(&article, None), article);
    }
}
