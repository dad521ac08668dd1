//! Metadata out of published images: a photographer's GPS position, camera
//! serial and editing history are not the reader's business. JPEG, PNG and
//! WebP files are rewritten without their EXIF, XMP, IPTC and comment
//! blocks (the pixels are not touched); the EXIF orientation is read first,
//! so that an image that needs turning is turned (re-encoded) instead.

/// The EXIF orientation of a JPEG (1 upright … 8), if it says one.
pub fn jpeg_orientation(bytes: &[u8]) -> Option<u8> {
    for (marker, body) in jpeg_segments(bytes)? {
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            return tiff_orientation(&body[6..]);
        }
    }
    None
}

/// The orientation tag (0x0112) of the first IFD of a TIFF block.
fn tiff_orientation(t: &[u8]) -> Option<u8> {
    let le = match t.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = t.get(i..i + 2)?;
        Some(if le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = t.get(i..i + 4)?;
        let a = [b[0], b[1], b[2], b[3]];
        Some(if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for n in 0..count.min(512) {
        let entry = ifd + 2 + n * 12;
        if u16_at(entry)? == 0x0112 {
            let value = u16_at(entry + 8)?;
            return u8::try_from(value).ok().filter(|v| (1..=8).contains(v));
        }
    }
    None
}

/// The segments of a JPEG up to the start of its image data: (marker,
/// body). `None` when it is not a well-formed JPEG header.
fn jpeg_segments(bytes: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 2;
    loop {
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1; // fill bytes
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        if marker == 0xDA || marker == 0xD9 {
            return Some(out); // start of scan, end of image
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let body = bytes.get(i + 4..i + 2 + len)?;
        out.push((marker, body));
        i += 2 + len;
    }
}

/// A JPEG without its APP1 (EXIF, XMP), APP12, APP13 (IPTC) and comment
/// segments; the colour profile (APP2) and Adobe (APP14) stay. `None`
/// when it cannot be read as a JPEG.
pub fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut i = 2;
    loop {
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        if marker == 0xDA || marker == 0xD9 {
            out.extend_from_slice(&bytes[i..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let end = i + 2 + len;
        bytes.get(i..end)?;
        let private = matches!(marker, 0xE1 | 0xEC | 0xED | 0xFE);
        if !private {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
    }
}

/// A PNG without its text (`tEXt`, `zTXt`, `iTXt`: XMP lives there),
/// `eXIf` and `tIME` chunks.
pub fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = SIGNATURE.len();
    while i < bytes.len() {
        let len =
            usize::try_from(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?)).ok()?;
        let kind = bytes.get(i + 4..i + 8)?;
        let end = i + 12 + len;
        bytes.get(i..end)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    Some(out)
}

/// A WebP without its `EXIF` and `XMP ` chunks (and their flags in `VP8X`).
pub fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        let len = usize::try_from(u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?)).ok()?;
        let end = (i + 8 + len + (len & 1)).min(bytes.len());
        bytes.get(i + 8..i + 8 + len)?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let start = out.len();
                out.extend_from_slice(&bytes[i..end]);
                // Flags: bit 3 EXIF, bit 2 XMP.
                if let Some(flags) = out.get_mut(start + 8) {
                    *flags &= !0b0000_1100;
                }
            }
            _ => out.extend_from_slice(&bytes[i..end]),
        }
        i = end;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG header with an EXIF segment (orientation 6), a comment and
    /// an APP2, then an empty scan.
    fn jpeg_with_exif() -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0]);
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend_from_slice(&tiff);
        exif.extend_from_slice(b"GPS 51.5N 0.1W");
        let seg = |marker: u8, body: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
            s.extend_from_slice(body);
            s
        };
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE1, &exif));
        j.extend(seg(0xFE, b"shot by camera SN-1234"));
        j.extend(seg(0xE2, b"ICC_PROFILE\0"));
        j.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn a_jpeg_loses_its_exif_and_comments_and_keeps_its_profile() {
        let j = jpeg_with_exif();
        assert_eq!(jpeg_orientation(&j), Some(6));
        let clean = jpeg(&j).unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("Exif") && !text.contains("GPS") && !text.contains("SN-1234"));
        assert!(text.contains("ICC_PROFILE"));
        assert!(clean.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(jpeg_orientation(&clean), None);
        assert_eq!(jpeg(b"not a jpeg"), None);
    }

    #[test]
    fn a_png_loses_its_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
        p.extend(chunk(b"IHDR", &[0; 13]));
        p.extend(chunk(b"iTXt", b"XML:com.adobe.xmp GPS"));
        p.extend(chunk(b"eXIf", b"MM GPS"));
        p.extend(chunk(b"IDAT", b"pixels"));
        p.extend(chunk(b"IEND", b""));
        let clean = String::from_utf8_lossy(&png(&p).unwrap()).into_owned();
        assert!(!clean.contains("GPS") && clean.contains("IDAT") && clean.contains("IEND"));
    }
}
