//! Checks a signer's receipt in the browser (with JavaScript; without it the `/log` page gives
//! the command-line check, and this draws nothing). The receipt and the email address never
//! leave the browser: the server is asked only for the 256 entries of the tile that holds the
//! receipt's index, and the check is the same pure code the command-line tool runs.
use crate::domain::email::EmailAddress;
use crate::domain::tlog::note::Verifier;
use crate::domain::tlog::receipt::Receipt;
use crate::domain::tlog::signer::{SignerReceiptError, Verified, verify_signer_receipt};
use crate::domain::tlog::tiles::TILE_WIDTH;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The island's texts, translated on the server. `valid` has `{index}`, `{origin}`,
/// `{petition}` and `{size}` left in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiptTexts {
    pub file_label: String,
    pub file_hint: String,
    pub receipt_label: String,
    pub receipt_hint: String,
    pub email_label: String,
    pub email_hint: String,
    pub check: String,
    pub checking: String,
    pub valid: String,
    pub fix_field: String,
    pub file_error: String,
    pub no_receipt: String,
    pub bad_receipt: String,
    pub bad_entry: String,
    pub not_a_sign_entry: String,
    pub bad_email: String,
    pub wrong_email: String,
    pub bad_signature: String,
    pub not_included: String,
    pub unreachable: String,
}

/// `keys`: every verifier key the log has used (`name+keyid+key`), so older receipts check too.
// Lazy: its code (Ed25519, SHA-256, the receipt format) is split out of the main bundle
// and fetched only on /log (`cargo leptos build --split`).
#[island(lazy)]
pub fn ReceiptVerifier(keys: Vec<String>, texts: ReceiptTexts) -> impl IntoView {
    // Nothing is drawn until the browser runs this: without JavaScript the form could not work.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let (keys, texts) = (Arc::new(keys), Arc::new(texts));
    view! { {move || ready.get().then(|| check_form(keys.clone(), texts.clone()))} }
}

#[derive(Clone, Copy, PartialEq)]
enum Tone {
    Busy,
    Valid,
    Invalid,
}

/// The form's state: what was typed, and each message with where it shows.
#[derive(Clone, Copy)]
struct Fields {
    receipt: RwSignal<String>,
    email: RwSignal<String>,
    file_error: RwSignal<Option<String>>,
    receipt_error: RwSignal<Option<String>>,
    email_error: RwSignal<Option<String>>,
    status: RwSignal<Option<(Tone, String)>>,
    busy: RwSignal<bool>,
}

fn check_form(keys: Arc<Vec<String>>, t: Arc<ReceiptTexts>) -> AnyView {
    let f = Fields {
        receipt: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        file_error: RwSignal::new(None),
        receipt_error: RwSignal::new(None),
        email_error: RwSignal::new(None),
        status: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    let file_message = t.file_error.clone();
    let on_file = move |ev: leptos::ev::Event| {
        f.file_error.set(None);
        read_file(&ev, f.receipt, f.file_error, file_message.clone());
    };
    let texts = t.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(f, keys.clone(), texts.clone());
    };
    // The hint, and the error when there is one, read out with the field.
    let described =
        |id: &'static str, error: RwSignal<Option<String>>| move || if error.get().is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") };
    let invalid = |error: RwSignal<Option<String>>| move || error.get().is_some().then_some("true");
    let error_text =
        |id: &'static str, error: RwSignal<Option<String>>| move || error.get().map(|e| view! { <p class="field-error" id=format!("{id}-error")>{e}</p> });
    view! {
        <form class="form form-wide" novalidate=true on:submit=on_submit>
            <div class="field" class:field-invalid=move || f.file_error.get().is_some()>
                <label for="receipt-file">{t.file_label.clone()}</label>
                <p class="hint" id="receipt-file-hint">{t.file_hint.clone()}</p>
                {error_text("receipt-file", f.file_error)}
                <input
                    id="receipt-file"
                    class="tlog-file"
                    type="file"
                    accept=".txt,text/plain"
                    aria-describedby=described("receipt-file", f.file_error)
                    aria-invalid=invalid(f.file_error)
                    on:change=on_file
                />
            </div>
            <div class="field" class:field-invalid=move || f.receipt_error.get().is_some()>
                <label for="receipt-text">{t.receipt_label.clone()}</label>
                <p class="hint" id="receipt-text-hint">{t.receipt_hint.clone()}</p>
                {error_text("receipt-text", f.receipt_error)}
                <textarea
                    id="receipt-text"
                    class="tlog-receipt"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby=described("receipt-text", f.receipt_error)
                    aria-invalid=invalid(f.receipt_error)
                    prop:value=move || f.receipt.get()
                    on:input=move |ev| f.receipt.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="field" class:field-invalid=move || f.email_error.get().is_some()>
                <label for="receipt-email">{t.email_label.clone()}</label>
                <p class="hint" id="receipt-email-hint">{t.email_hint.clone()}</p>
                {error_text("receipt-email", f.email_error)}
                <input
                    id="receipt-email"
                    type="email"
                    autocomplete="email"
                    spellcheck="false"
                    aria-describedby=described("receipt-email", f.email_error)
                    aria-invalid=invalid(f.email_error)
                    prop:value=move || f.email.get()
                    on:input=move |ev| f.email.set(event_target_value(&ev))
                />
            </div>
            <button type="submit">{t.check.clone()}</button>
            <div role="status" class="tlog-result">
                {move || f.status.get().map(|(tone, text)| {
                    let class = match tone {
                        Tone::Busy => "notice-inline",
                        Tone::Valid => "notice",
                        Tone::Invalid => "notice notice-warning",
                    };
                    view! { <div class=class><p>{text}</p></div> }
                })}
            </div>
        </form>
    }
    .into_any()
}

/// Where a refusal is shown: next to the field to correct, or as the result.
enum Problem {
    Receipt(String),
    Email(String),
    Outcome(String),
}

fn problem(t: &ReceiptTexts, e: &SignerReceiptError) -> Problem {
    match e {
        SignerReceiptError::BadReceipt(_) => Problem::Receipt(t.bad_receipt.clone()),
        SignerReceiptError::BadEmail => Problem::Email(t.bad_email.clone()),
        SignerReceiptError::BadEntry => Problem::Outcome(t.bad_entry.clone()),
        SignerReceiptError::NotASignEntry => Problem::Outcome(t.not_a_sign_entry.clone()),
        SignerReceiptError::WrongEmail => Problem::Outcome(t.wrong_email.clone()),
        SignerReceiptError::BadSignature => Problem::Outcome(t.bad_signature.clone()),
        SignerReceiptError::NotIncluded => Problem::Outcome(t.not_included.clone()),
    }
}

fn show(f: Fields, t: &ReceiptTexts, p: Problem) {
    match p {
        Problem::Receipt(text) => {
            f.receipt_error.set(Some(text));
            f.status.set(Some((Tone::Invalid, t.fix_field.clone())));
        }
        Problem::Email(text) => {
            f.email_error.set(Some(text));
            f.status.set(Some((Tone::Invalid, t.fix_field.clone())));
        }
        Problem::Outcome(text) => f.status.set(Some((Tone::Invalid, text))),
    }
}

fn valid_message(t: &ReceiptTexts, v: &Verified) -> String {
    // The origin last: it is text from the receipt, and must not fill another placeholder.
    t.valid
        .replace("{index}", &v.index.to_string())
        .replace("{petition}", &v.petition_id.to_string())
        .replace("{size}", &v.tree_size.to_string())
        .replace("{origin}", &v.origin)
}

/// A pasted or opened receipt as the signed note needs it: LF line ends, one final newline.
fn normalised(raw: &str) -> String {
    format!("{}\n", raw.replace("\r\n", "\n").trim())
}

fn submit(f: Fields, keys: Arc<Vec<String>>, t: Arc<ReceiptTexts>) {
    if f.busy.get_untracked() {
        return;
    }
    f.receipt_error.set(None);
    f.email_error.set(None);
    let raw = f.receipt.get_untracked();
    let email = f.email.get_untracked().trim().to_string();
    let text = normalised(&raw);
    // Both fields are checked before anything is fetched, so every mistake shows at once.
    let receipt = if raw.trim().is_empty() { Err(t.no_receipt.clone()) } else { Receipt::parse(&text).map_err(|_| t.bad_receipt.clone()) };
    let email_ok = EmailAddress::parse(&email).is_ok();
    if let Err(message) = &receipt {
        f.receipt_error.set(Some(message.clone()));
    }
    if !email_ok {
        f.email_error.set(Some(t.bad_email.clone()));
    }
    let (Ok(receipt), true) = (receipt, email_ok) else {
        f.status.set(Some((Tone::Invalid, t.fix_field.clone())));
        return;
    };
    f.busy.set(true);
    f.status.set(Some((Tone::Busy, t.checking.clone())));
    let width = u64::from(TILE_WIDTH);
    let start = receipt.index - receipt.index % width;
    let position = usize::try_from(receipt.index - start).unwrap_or(usize::MAX);
    leptos::task::spawn_local(async move {
        match crate::api::tlog::log_entries(start, TILE_WIDTH).await {
            Err(_) => f.status.set(Some((Tone::Invalid, t.unreachable.clone()))),
            // The log has no entry there: the receipt is for another log, or was altered.
            Ok(entries) => match entries.get(position) {
                None => f.status.set(Some((Tone::Invalid, t.not_included.clone()))),
                Some(entry) => {
                    let verifiers: Vec<Verifier> = keys.iter().filter_map(|k| Verifier::parse(k).ok()).collect();
                    match verify_signer_receipt(&text, entry, &email, &verifiers) {
                        Ok(v) => f.status.set(Some((Tone::Valid, valid_message(&t, &v)))),
                        Err(e) => show(f, &t, problem(&t, &e)),
                    }
                }
            },
        }
        f.busy.set(false);
    });
}

/// Reads the chosen file into the receipt field, in the browser (nothing is uploaded).
#[cfg(feature = "hydrate")]
fn read_file(ev: &leptos::ev::Event, receipt: RwSignal<String>, error: RwSignal<Option<String>>, message: String) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    /// A larger file is not a receipt (`Receipt::parse` refuses it too): it is not read at all.
    const MAX_FILE_BYTES: usize = crate::domain::tlog::note::MAX_NOTE_BYTES + 4096;
    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
    let Some(file) = input.and_then(|i| i.files()).and_then(|list| list.get(0)) else { return };
    let fail = {
        let message = message.clone();
        move || error.set(Some(message.clone()))
    };
    let reader = web_sys::FileReader::new().ok().filter(|_| file.size() <= MAX_FILE_BYTES as f64);
    let Some(reader) = reader else {
        fail();
        return;
    };
    let done = reader.clone();
    let on_fail = fail.clone();
    let on_load = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| match done.result().ok().and_then(|v| v.as_string()) {
        Some(text) => receipt.set(text),
        None => on_fail(),
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| error.set(Some(message.clone())));
    reader.set_onload(Some(on_load.as_ref().unchecked_ref()));
    reader.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The reader calls one of them once; two small closures per chosen file are left behind.
    on_load.forget();
    on_error.forget();
    if reader.read_as_text(&file).is_err() {
        fail();
    }
}

#[cfg(not(feature = "hydrate"))]
fn read_file(_: &leptos::ev::Event, _: RwSignal<String>, _: RwSignal<Option<String>>, _: String) {}
