//! Entity colours: a palette of perceptually distinct colours (spread in `OKLab`, where distance
//! follows what the eye sees) and the assignment of one palette slot per entity, made once per
//! analysis so that the most mentioned entities and entities shown together are farthest apart.
//! Pure: the theme turns slots into terminal colours (true colour, 256 or 16 colours, none).

use std::collections::{BTreeSet, HashMap};

use super::EntityIndex;

/// A colour in `OKLab`: lightness, green–red, blue–yellow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f32,
    pub a: f32,
    pub b: f32,
}

impl Lab {
    /// Euclidean distance in `OKLab`: about 0.02 is a just-noticeable difference.
    pub fn distance(self, other: Lab) -> f32 {
        ((self.l - other.l).powi(2) + (self.a - other.a).powi(2) + (self.b - other.b).powi(2)).sqrt()
    }

    /// The sRGB colour (8 bits a channel), clamped into the gamut.
    #[allow(clippy::many_single_char_names)] // The names of the published formula.
    pub fn to_rgb(self) -> (u8, u8, u8) {
        let l_ = self.l + 0.396_337_78 * self.a + 0.215_803_76 * self.b;
        let m_ = self.l - 0.105_561_346 * self.a - 0.063_854_17 * self.b;
        let s_ = self.l - 0.089_484_18 * self.a - 1.291_485_5 * self.b;
        let (l, m, s) = (l_.powi(3), m_.powi(3), s_.powi(3));
        let r = 4.076_741_7 * l - 3.307_711_6 * m + 0.230_969_94 * s;
        let g = -1.268_438 * l + 2.609_757_4 * m - 0.341_319_38 * s;
        let b = -0.004_196_086_3 * l - 0.703_418_6 * m + 1.707_614_7 * s;
        (encode(r), encode(g), encode(b))
    }

    /// The `OKLab` colour of an sRGB colour.
    #[allow(clippy::many_single_char_names)] // The names of the published formula.
    pub fn from_rgb(r: u8, g: u8, b: u8) -> Lab {
        let (r, g, b) = (decode(r), decode(g), decode(b));
        let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
        let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
        let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
        Lab {
            l: 0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
            a: 1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
            b: 0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
        }
    }
}

fn encode(linear: f32) -> u8 {
    let c = linear.clamp(0.0, 1.0);
    let v = if c <= 0.003_130_8 {
        12.92 * c
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    };
    // In 0..=255 after the clamp.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = (v * 255.0).round() as u8;
    byte
}

fn decode(byte: u8) -> f32 {
    let c = f32::from(byte) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// How many colours the palette holds.
pub const PALETTE_SIZE: usize = 30;

/// The entity palette, for a dark background: bright, saturated colours at two lightness
/// levels, ordered so that every prefix is spread as far apart as it can be (farthest-point
/// order from a warm first colour). Greys are left out: plain text and borders use them.
pub fn palette() -> Vec<Lab> {
    let mut candidates = Vec::new();
    for (lightness, chroma) in [(0.80_f32, 0.14_f32), (0.70, 0.16), (0.88, 0.10)] {
        for step in 0..24u8 {
            let hue = f32::from(step) * 15.0_f32.to_radians();
            let lab = Lab {
                l: lightness,
                a: chroma * hue.cos(),
                b: chroma * hue.sin(),
            };
            // Keep what sRGB can show: round-trip it and take the colour actually drawn.
            let (r, g, b) = lab.to_rgb();
            candidates.push(Lab::from_rgb(r, g, b));
        }
    }
    let mut chosen = vec![candidates.swap_remove(1)];
    while chosen.len() < PALETTE_SIZE && !candidates.is_empty() {
        let (best, _) = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (i, chosen.iter().map(|x| x.distance(*c)).fold(f32::MAX, f32::min)))
            .fold((0, f32::MIN), |acc, x| if x.1 > acc.1 { x } else { acc });
        chosen.push(candidates.swap_remove(best));
    }
    chosen
}

/// Bytes of an article seen together on one screen, about: mentions closer than this are
/// "visible together".
const WINDOW: usize = 1_500;

/// One palette slot per entity of `index`. Entities are taken in the index's order (most
/// articles, then most mentions); each gets the colour farthest (in `OKLab`) from the colours of
/// the entities it appears near (within a screenful in any article) and, among equals, the
/// least used. The first entities therefore get the best-separated colours, and neighbours
/// never share one while the palette has a free colour.
pub fn assign(index: &EntityIndex, palette: &[Lab]) -> Vec<usize> {
    let n = index.entities.len();
    if palette.is_empty() {
        return vec![0; n];
    }
    // Which entities appear in each window of each article.
    let mut windows: HashMap<(usize, usize), BTreeSet<usize>> = HashMap::new();
    for (id, entity) in index.entities.iter().enumerate() {
        for m in &entity.mentions {
            windows
                .entry((m.doc, m.range.start / WINDOW))
                .or_default()
                .insert(id);
        }
    }
    let mut slots: Vec<Option<usize>> = vec![None; n];
    let mut uses = vec![0usize; palette.len()];
    for (id, entity) in index.entities.iter().enumerate() {
        // Neighbours already coloured: in this window or the next one either side.
        let mut near: BTreeSet<usize> = BTreeSet::new();
        for m in &entity.mentions {
            let w = m.range.start / WINDOW;
            for key in [(m.doc, w.wrapping_sub(1)), (m.doc, w), (m.doc, w + 1)] {
                if let Some(ids) = windows.get(&key) {
                    near.extend(ids.iter().copied().filter(|&o| o < id));
                }
            }
        }
        let taken: Vec<Lab> = near
            .iter()
            .filter_map(|&o| slots[o])
            .map(|s| palette[s])
            .collect();
        let score = |slot: usize| {
            let nearest = taken
                .iter()
                .map(|t| t.distance(palette[slot]))
                .fold(f32::MAX, f32::min);
            // Distances within a just-noticeable step count as equal.
            (
                (nearest * 50.0).floor(),
                std::cmp::Reverse(uses[slot]),
                std::cmp::Reverse(slot),
            )
        };
        let best = (0..palette.len())
            .max_by(|&x, &y| {
                let (sx, sy) = (score(x), score(y));
                sx.0.total_cmp(&sy.0).then(sx.1.cmp(&sy.1)).then(sx.2.cmp(&sy.2))
            })
            .unwrap_or(0);
        uses[best] += 1;
        slots[id] = Some(best);
    }
    slots.into_iter().map(|s| s.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, Kind, Mention, Reason};

    fn entity(label: &str, mentions: &[(usize, usize)]) -> Entity {
        Entity {
            label: label.to_string(),
            kind: Kind::Other,
            reason: Reason::Exact,
            mentions: mentions
                .iter()
                .map(|&(doc, at)| Mention {
                    doc,
                    range: at..at + 3,
                })
                .collect(),
        }
    }

    #[test]
    fn the_palette_is_distinct_and_round_trips() {
        let palette = palette();
        assert_eq!(palette.len(), PALETTE_SIZE);
        for (i, a) in palette.iter().enumerate() {
            for b in &palette[i + 1..] {
                assert!(a.distance(*b) > 0.04, "{a:?} and {b:?} are too close");
            }
        }
        // The first colours are the farthest apart.
        let first = palette[..6]
            .iter()
            .enumerate()
            .flat_map(|(i, a)| palette[i + 1..6].iter().map(move |b| a.distance(*b)))
            .fold(f32::MAX, f32::min);
        assert!(first > 0.12, "first six at least {first} apart");
        let white = Lab::from_rgb(255, 255, 255);
        assert!((white.l - 1.0).abs() < 0.01 && white.a.abs() < 0.01);
        assert_eq!(white.to_rgb(), (255, 255, 255));
    }

    #[test]
    fn neighbours_get_different_colours_and_the_top_ones_the_best_spread() {
        let palette = palette();
        // 40 entities in one window of one article: more than the palette has.
        let mut entities: Vec<Entity> = (0..20)
            .map(|i| entity(&format!("e{i}"), &[(0, i * 10)]))
            .collect();
        // Far away in another article, entities that may reuse colours.
        entities.extend((0..20).map(|i| entity(&format!("f{i}"), &[(1, 50_000 + i * 10)])));
        let index = EntityIndex { entities };
        let slots = assign(&index, &palette);
        let near: BTreeSet<usize> = slots[..20].iter().copied().collect();
        assert_eq!(near.len(), 20, "twenty neighbours, twenty colours");
        assert_eq!(
            &slots[..3],
            &[0, 1, 2],
            "the most mentioned take the best-spread colours"
        );
        // Deterministic.
        assert_eq!(slots, assign(&index, &palette));
    }
}
