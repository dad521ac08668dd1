//! Bytes → text, strictly: a UTF-8 byte order mark is dropped, CRLF and
//! lone CR line endings become LF, and UTF-16, invalid UTF-8 or NUL bytes
//! are errors that say where.

use crate::diagnostics::line_col;

type DecodeError = (String, Option<(String, usize)>);

/// Bytes → text with `\n` line endings, or why not (with the text up to the
/// problem and its offset, for a snippet).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    const SAVE_AS: &str = "save the file as UTF-8 in your editor";
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((format!("this file is UTF-16 encoded; {SAVE_AS}"), None));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if looks_utf16(&bytes) {
                return Err((format!("this file looks UTF-16 encoded; {SAVE_AS}"), None));
            }
            let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, col) = line_col(&before, valid);
            let mut shown = before;
            shown.push('\u{FFFD}');
            return Err((
                format!("invalid UTF-8 at line {line}, column {col}; {SAVE_AS}"),
                Some((shown, valid)),
            ));
        }
    };
    if let Some(nul) = text.find('\0') {
        if looks_utf16(text.as_bytes()) {
            return Err((format!("this file looks UTF-16 encoded; {SAVE_AS}"), None));
        }
        let mut shown = text[..nul].to_string();
        shown.push('\u{FFFD}');
        return Err((
            "this file contains a NUL byte, so it is not a text file".into(),
            Some((shown, nul)),
        ));
    }
    Ok(normalize_newlines(text))
}

/// UTF-16 without a byte order mark: every other byte of ASCII text is NUL.
fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes.iter().take(64).filter(|&&b| b == 0).count() > 8
}

/// CRLF and lone CR → LF.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_handles_bom_and_line_endings() {
        let text = decode(b"\xEF\xBB\xBF---\r\na: b\rc\n".to_vec()).unwrap();
        assert_eq!(text, "---\na: b\nc\n");
    }

    #[test]
    fn decode_refuses_utf16_invalid_utf8_and_nul() {
        assert!(
            decode(vec![0xFF, 0xFE, b'a', 0])
                .unwrap_err()
                .0
                .contains("UTF-16")
        );
        let (msg, at) = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert!(msg.contains("line 2, column 3"), "{msg}");
        assert_eq!(at.unwrap().1, 5);
        assert!(decode(b"a\0b".to_vec()).unwrap_err().0.contains("NUL"));
    }
}
