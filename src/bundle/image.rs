//! The avatar file: its format by content (magic bytes, not the extension),
//! its size and its dimensions, read once at load time.

use std::io::Read;
use std::path::Path;

/// What the avatar value in store.json points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Avatar {
    /// An https (or other) URL: not fetched offline.
    Url(String),
    /// A path that does not exist (or cannot be read) in the bundle.
    Missing { path: String, error: String },
    /// A file that was read.
    File(ImageInfo),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub path: String,
    pub bytes: u64,
    /// `png`, `jpeg`, `gif`, `bmp`, or `None` when the content is none of them.
    pub format: Option<&'static str>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Reads at most this much to find the format and dimensions.
const HEAD: u64 = 256 * 1024;

pub fn load_avatar(value: &str, base: &Path) -> Avatar {
    let v = value.trim();
    if v.contains("://") {
        return Avatar::Url(v.to_string());
    }
    let path = base.join(v);
    let shown = super::display_path(&path);
    let read = || -> std::io::Result<(u64, Vec<u8>)> {
        let meta = std::fs::metadata(&path)?;
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        let mut head = Vec::new();
        std::fs::File::open(&path)?
            .take(HEAD)
            .read_to_end(&mut head)?;
        Ok((meta.len(), head))
    };
    match read() {
        Ok((bytes, head)) => {
            let (format, dims) = sniff(&head);
            Avatar::File(ImageInfo {
                path: shown,
                bytes,
                format,
                width: dims.map(|d| d.0),
                height: dims.map(|d| d.1),
            })
        }
        Err(e) => Avatar::Missing {
            path: shown,
            error: e.to_string(),
        },
    }
}

/// The image format and (width, height) from the first bytes of a file.
pub fn sniff(b: &[u8]) -> (Option<&'static str>, Option<(u32, u32)>) {
    let be32 = |i: usize| {
        b.get(i..i + 4)
            .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    };
    let le16 = |i: usize| {
        b.get(i..i + 2)
            .map(|s| u32::from(u16::from_le_bytes([s[0], s[1]])))
    };
    let le32 = |i: usize| {
        b.get(i..i + 4)
            .map(|s| i32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        let dims = match (be32(16), be32(20)) {
            (Some(w), Some(h)) if b.get(12..16) == Some(b"IHDR") => Some((w, h)),
            _ => None,
        };
        return (Some("png"), dims);
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return (Some("gif"), le16(6).zip(le16(8)));
    }
    if b.starts_with(b"BM") {
        let dims = le32(18)
            .zip(le32(22))
            .map(|(w, h)| (w.unsigned_abs(), h.unsigned_abs()));
        return (Some("bmp"), dims);
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return (Some("jpeg"), jpeg_dims(b));
    }
    (None, None)
}

/// Walks JPEG segments to the first start-of-frame marker.
fn jpeg_dims(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let h = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
            let w = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
            return Some((w, h));
        }
        if matches!(marker, 0xD8 | 0x01 | 0xD0..=0xD7) {
            i += 2;
        } else {
            i += 2 + len;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn formats_are_recognised_by_content() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(144u32.to_be_bytes());
        png.extend(100u32.to_be_bytes());
        assert_eq!(sniff(&png), (Some("png"), Some((144, 100))));
        assert_eq!(
            sniff(b"GIF89a\x90\x00\x90\x00"),
            (Some("gif"), Some((144, 144)))
        );
        let mut bmp = vec![0u8; 26];
        bmp[..2].copy_from_slice(b"BM");
        bmp[18..22].copy_from_slice(&144i32.to_le_bytes());
        bmp[22..26].copy_from_slice(&(-144i32).to_le_bytes());
        assert_eq!(sniff(&bmp), (Some("bmp"), Some((144, 144))));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
            0x64, 0x00, 0xC8, 0x03, 0x00, 0x00,
        ];
        assert_eq!(sniff(&jpeg), (Some("jpeg"), Some((200, 100))));
        assert_eq!(sniff(b"<svg xmlns=...>"), (None, None));
        assert_eq!(sniff(b""), (None, None));
    }
}
