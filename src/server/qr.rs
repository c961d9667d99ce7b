//! QR codes drawn on the server as SVG, so they show without JavaScript: the share box's
//! petition address and the second factor's enrolment link.

/// The QR code of `text` as an SVG document (no script, fixed colours); empty if it is too long.
pub fn svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code.render::<svg::Color>().min_dimensions(220, 220).quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_qr_code_is_plain_svg() {
        let svg = super::svg("otpauth://totp/minyi:%E9%99%B3@example.tw?secret=JBSWY3DPEHPK3PXP&issuer=minyi");
        assert!(svg.contains("<svg") && !svg.contains("<script"), "{svg}");
        assert!(super::svg(&"x".repeat(10_000)).is_empty(), "too long for a QR code: nothing, not a panic");
    }
}
