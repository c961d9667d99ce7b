//! Sharing a petition: its full address (with a copy button when JavaScript runs), a QR
//! code drawn on the server, and plain links to LINE and Facebook (no third-party scripts).
use crate::domain::url::encode_query_value;
use crate::i18n::{Key, use_locale};
use crate::ui::islands::copy_button::CopyButton;
use leptos::prelude::*;

#[component]
pub fn ShareBox(url: String, title: String, qr_svg: String) -> impl IntoView {
    let locale = use_locale();
    let encoded = encode_query_value(&url);
    let line = format!("https://social-plugins.line.me/lineit/share?url={encoded}");
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={encoded}");
    let mail = format!("mailto:?subject={}&body={encoded}", encode_query_value(&title));
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title">{locale.text(Key::ShareTitle)}</h2>
            <div class="share-address">
                <label for="share-url">{locale.text(Key::ShareAddress)}</label>
                <div class="share-row">
                    <input id="share-url" type="text" readonly value=url.clone()/>
                    <CopyButton text=url.clone() label=locale.text(Key::ShareCopy).to_string() done=locale.text(Key::ShareCopied).to_string()/>
                </div>
            </div>
            <ul class="share-links">
                <li><a href=line rel="noopener noreferrer">{locale.text(Key::ShareLine)}</a></li>
                <li><a href=facebook rel="noopener noreferrer">{locale.text(Key::ShareFacebook)}</a></li>
                <li><a href=mail>{locale.text(Key::ShareEmail)}</a></li>
            </ul>
            {(!qr_svg.is_empty()).then(|| view! {
                <figure class="share-qr">
                    // Drawn by the server from the address alone (no text of the petition).
                    <div class="qr-code" role="img" aria-label=locale.text(Key::ShareQrLabel) inner_html=qr_svg></div>
                    <figcaption>{locale.text(Key::ShareQrCaption)}</figcaption>
                </figure>
            })}
        </section>
    }
}
