//! A stable hash of an article's canonical text, saved with its notes to notice when the text
//! changed. FNV-1a 64: tiny, and the same on every platform and Rust version (unlike
//! `DefaultHasher`, whose output may change between releases).

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a 64 of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    })
}

/// The hash as written in the notes file: `fnv1a64:` and 16 hex digits (self-describing, so a
/// later version can switch algorithms without misreading old files).
pub fn text_hash(text: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_published_fnv1a64_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn text_hash_is_prefixed_hex() {
        assert_eq!(text_hash(""), "fnv1a64:cbf29ce484222325");
    }
}
