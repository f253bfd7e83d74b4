//! Source bias tags from the reader: a step on a bias axis, a reliability, labels, for the
//! focused article or, by default, for its whole outlet (the outlet defaults file). Each is an
//! edit through [`super::changes`].

use super::annotate::{edit, focused_key};
use super::changes::change_outlet;
use super::{App, Effect, Mode};
use crate::annotation::{Edit, Reliability};

/// Whether a bias change is for the focused article or, by default, for its whole outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Article,
    Outlet,
}

/// `b`: the bias picker for the focused article.
pub fn open_bias_picker(app: &mut App) {
    if app.focused().is_some() {
        app.mode = Mode::BiasPick {
            reliability: false,
            scope: Scope::Article,
        };
    }
}

pub fn set_bias(app: &mut App, value: &str, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let (axis, value) = match value.split_once('=') {
        Some((axis, value)) => (axis.trim().to_owned(), value.trim().to_owned()),
        None => (
            app.bias_axes
                .first()
                .map_or_else(|| "left-right".to_owned(), |a| a.name.clone()),
            value.trim().to_owned(),
        ),
    };
    let Some(steps) = app
        .bias_axes
        .iter()
        .find(|a| a.name == axis)
        .map(|a| a.steps.clone())
    else {
        app.error(format!(
            "unknown bias axis `{axis}` (see [[bias_axes]] in the config)"
        ));
        return Vec::new();
    };
    // A number is a step of the axis, counted from 1 (the bias picker's digits).
    let value = match value.parse::<usize>() {
        Ok(n) if (1..=steps.len()).contains(&n) => steps[n - 1].clone(),
        Ok(n) => {
            app.error(format!("{axis} has {} steps; there is no step {n}", steps.len()));
            return Vec::new();
        }
        Err(_) => value,
    };
    if value != crate::annotation::bias::UNKNOWN && !steps.contains(&value) {
        app.error(format!(
            "`{value}` is not a step of {axis}: {} or unknown",
            steps.join(", ")
        ));
        return Vec::new();
    }
    match scope {
        Scope::Article => edit(
            app,
            &Edit::SetBiasPosition {
                article: key,
                axis,
                value: Some(value),
            },
        ),
        Scope::Outlet => change_outlet(app, "bias", |bias| {
            bias.scale.insert(axis, value);
        }),
    }
}

pub fn set_reliability(app: &mut App, n: u8, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let Ok(reliability) = Reliability::try_from(n) else {
        app.error("reliability is a number from 1 to 5");
        return Vec::new();
    };
    match scope {
        Scope::Article => edit(
            app,
            &Edit::SetReliability {
                article: key,
                reliability: Some(reliability),
            },
        ),
        Scope::Outlet => change_outlet(app, "reliability", |bias| bias.reliability = Some(reliability)),
    }
}

/// Adds `text` to the source's labels, or removes it when already there.
pub fn toggle_label(app: &mut App, text: &str, scope: Scope) -> Vec<Effect> {
    let Some(key) = focused_key(app) else {
        return Vec::new();
    };
    let text = text.trim().to_owned();
    let toggle = move |labels: &mut Vec<String>| {
        if let Some(i) = labels.iter().position(|l| *l == text) {
            labels.remove(i);
        } else {
            labels.push(text);
        }
    };
    match scope {
        Scope::Article => {
            let mut labels = app
                .notes
                .notes
                .article(&key.path)
                .map(|a| a.bias.labels.clone())
                .unwrap_or_default();
            toggle(&mut labels);
            edit(app, &Edit::SetBiasLabels { article: key, labels })
        }
        Scope::Outlet => change_outlet(app, "labels", |bias| toggle(&mut bias.labels)),
    }
}
