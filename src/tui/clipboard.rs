//! The system clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), which
//! xterm, kitty, `WezTerm`, iTerm2, foot, Windows Terminal and tmux (`set-clipboard on`) honour,
//! over SSH too. No clipboard library, no display server needed.

use std::io::{self, Write};

/// Terminals cap what they accept (xterm: about 100 kB of base64); a quote is far smaller.
pub const MAX_BYTES: usize = 74_000;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Writes `text` to the clipboard through `out` (the terminal).
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.len() > MAX_BYTES {
        return Err(io::Error::other(format!(
            "{} bytes is more than a terminal takes on its clipboard",
            text.len()
        )));
    }
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn the_sequence_is_osc_52_ended_by_bel() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        let mut out = Vec::new();
        copy(&mut out, "“é”").expect("in memory");
        assert!(out.starts_with(b"\x1b]52;c;") && out.ends_with(b"\x07"));
        assert!(copy(&mut Vec::new(), &"x".repeat(MAX_BYTES + 1)).is_err());
    }
}
