//! What a real terminal receives: the reader drawn through a `CrosstermBackend` writing to memory,
//! and a strict check that those bytes are only the backend's own cursor moves and styles.

use parallax::app::App;
use parallax::app::view::prepare;
use parallax::config::Theme;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The bytes a terminal would receive for one frame of `app` at `width`×`height`.
pub fn frame_bytes(app: &mut App, width: u16, height: u16, theme: &Theme) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("terminal");
        prepare(app, Rect::new(0, 0, width, height));
        terminal
            .draw(|f| parallax::ui::render(f, app, theme))
            .expect("draw");
    }
    out
}

/// Lays out and draws `app` at `width`×`height` into a `TestBackend`; returns its buffer, whose
/// cells carry the symbols and the styles drawn.
pub fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    prepare(app, Rect::new(0, 0, width, height));
    terminal
        .draw(|f| parallax::ui::render(f, app, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Characters that must never reach the terminal from an article: C1 controls, bidi embeddings,
/// overrides and isolates, and the invisible format characters sanitising drops.
pub fn forbidden_char(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Panics unless `bytes` are UTF-8 text in which every escape is a CSI sequence of the kinds
/// the backend writes while drawing — cursor position (`H`), style (`m`), cursor show/hide
/// (`?25h`/`?25l`) — and no other control (C0, DEL, C1, bidi, invisible format) occurs. So no OSC
/// (title, hyperlink, clipboard), DCS, APC, PM, SOS, charset switch, reset, mode change or
/// clear-screen from an article can be among them.
pub fn assert_only_backend_sequences(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the terminal output is UTF-8");
    let context = |i: usize| {
        let from = (0..=i.saturating_sub(30))
            .rev()
            .find(|&j| text.is_char_boundary(j))
            .unwrap_or(0);
        let to = (i + 30..=text.len())
            .find(|&j| text.is_char_boundary(j))
            .unwrap_or(text.len());
        format!("{:?}", &text[from..to])
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0x1b {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'['),
                "a non-CSI escape reached the terminal at byte {i}: {}",
                context(i)
            );
            let params_start = i + 2;
            let mut j = params_start;
            while j < bytes.len() && (0x30..=0x3f).contains(&bytes[j]) {
                j += 1;
            }
            let params = &text[params_start..j];
            let final_byte = bytes.get(j).copied();
            let allowed = match final_byte {
                Some(b'H' | b'm') => !params.contains('?'),
                Some(b'h' | b'l') => params == "?25",
                _ => false,
            };
            assert!(
                allowed,
                "a CSI sequence the backend does not write reached the terminal at byte {i}: {}",
                context(i)
            );
            i = j + 1;
            continue;
        }
        assert!(
            b >= 0x20 && b != 0x7f,
            "control byte {b:#04x} reached the terminal at byte {i}: {}",
            context(i)
        );
        i += 1;
    }
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| forbidden_char(c)) {
        panic!("{c:?} reached the terminal at byte {i}: {}", context(i));
    }
}

/// SGR colour parameters (foreground, background, underline colour) in `bytes`, e.g. `38;5;6`.
pub fn colour_sequences(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for sgr in text.split("\u{1b}[").skip(1) {
        let Some(end) = sgr.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !sgr[end..].starts_with('m') {
            continue;
        }
        let params: Vec<&str> = sgr[..end].split([';', ':']).collect();
        let mut k = 0;
        while k < params.len() {
            let n: u32 = params[k].parse().unwrap_or(0);
            match n {
                30..=37 | 40..=47 | 90..=97 | 100..=107 => found.push(params[k].to_owned()),
                38 | 48 | 58 => {
                    // Extended colour: 5;N or 2;R;G;B follow.
                    let take = if params.get(k + 1) == Some(&"5") { 2 } else { 4 };
                    let end = (k + 1 + take).min(params.len());
                    found.push(params[k..end].join(";"));
                    k = end;
                    continue;
                }
                _ => {}
            }
            k += 1;
        }
    }
    found
}
