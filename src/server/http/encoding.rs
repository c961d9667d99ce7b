//! Content negotiation for bodies the server compresses itself (the page cache's copies).
use axum::body::Bytes;
use http::HeaderMap;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// Brotli if the client takes it, then gzip, else none (a `q=0` refuses a coding).
    pub fn preferred(headers: &HeaderMap) -> Encoding {
        let accepted = headers.get_all(http::header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(','));
        let (mut br, mut gzip) = (false, false);
        for item in accepted {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default().to_ascii_lowercase();
            let refused = parts.any(|p| p.strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0));
            match name.as_str() {
                "br" => br = !refused,
                "gzip" | "x-gzip" => gzip = !refused,
                _ => {}
            }
        }
        if br {
            Encoding::Brotli
        } else if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    /// `body` in this coding, at the levels tower-http uses on the fly (quick, good ratio).
    pub fn encode(self, body: &[u8]) -> Bytes {
        let mut out = Vec::with_capacity(body.len() / 4 + 64);
        match self {
            Encoding::Identity => return Bytes::copy_from_slice(body),
            Encoding::Gzip => {
                let mut w = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(6));
                let _ = w.write_all(body);
                let _ = w.finish();
            }
            Encoding::Brotli => {
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                let _ = w.write_all(body);
                let _ = w.flush();
                drop(w);
            }
        }
        Bytes::from(out)
    }
}

#[cfg(test)]
mod tests {
    use super::Encoding;
    use http::{HeaderMap, HeaderValue};
    use std::io::Read;

    fn accept(v: &str) -> Encoding {
        let mut h = HeaderMap::new();
        h.insert(http::header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        Encoding::preferred(&h)
    }

    #[test]
    fn brotli_first_then_gzip_and_q0_refuses() {
        assert_eq!(accept("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accept("gzip"), Encoding::Gzip);
        assert_eq!(accept("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accept("identity"), Encoding::Identity);
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn both_codings_round_trip() {
        let page = "<p>民意 minyi</p>".repeat(200);
        let mut out = String::new();
        brotli::Decompressor::new(&Encoding::Brotli.encode(page.as_bytes())[..], 4096).read_to_string(&mut out).unwrap();
        assert_eq!(out, page);
        out.clear();
        flate2::read::GzDecoder::new(&Encoding::Gzip.encode(page.as_bytes())[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, page);
    }
}
