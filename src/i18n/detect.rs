//! The page's language: the server resolved it per request (cookie, account,
//! Accept-Language) and wrote it into `<html lang>`; the browser reads it back,
//! so hydration renders the same texts.

#[cfg(feature = "ssr")]
pub fn page_locale() -> super::Locale {
    super::use_locale()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn page_locale() -> super::Locale {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| super::Locale::from_tag(&l))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn page_locale() -> super::Locale {
    super::Locale::default()
}
