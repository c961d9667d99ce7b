//! The signature transparency log's public page (issue 18): what the log proves and what it
//! does not, its newest checkpoint and keys, the files auditors fetch, each petition's count in
//! the log beside the shown one, and how to check a receipt: in the browser (an island), and
//! always, also without JavaScript, with the command-line tool.
use super::PageError;
use crate::api::tlog::log_state;
use crate::dto::tlog::{LogCountRow, LogKeyRow, LogOverview};
use crate::i18n::{Grouped, Key, Locale, t, use_locale};
use crate::ui::islands::receipt_verifier::{ReceiptTexts, ReceiptVerifier};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LogPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| log_state());
    view! {
        <Title text=t(Key::LogTitle)/>
        <h1>{t(Key::LogTitle)}</h1>
        <p>{t(Key::LogIntro)}</p>
        <section aria-labelledby="log-proves-title">
            <h2 id="log-proves-title">{t(Key::LogProvesTitle)}</h2>
            <ul>
                <li>{t(Key::LogProvesNoRewrite)}</li>
                <li>{t(Key::LogProvesRecount)}</li>
                <li>{t(Key::LogProvesReceipt)}</li>
            </ul>
        </section>
        <section aria-labelledby="log-not-title">
            <h2 id="log-not-title">{t(Key::LogNotTitle)}</h2>
            <ul>
                <li>{t(Key::LogNotReal)}</li>
                <li>{t(Key::LogNotWho)}</li>
                <li>{t(Key::LogNotUnlogged)}</li>
            </ul>
        </section>
        <Suspense fallback=move || view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! { <Overview o/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(o: LogOverview) -> impl IntoView {
    let locale = use_locale();
    let vkeys: Vec<String> = o.keys.iter().map(|k| k.vkey.clone()).collect();
    // The newest key signs now; the command line names it (a placeholder before the first).
    let current = vkeys.last().cloned();
    let host = o.origin.strip_suffix("/log").unwrap_or(&o.origin).to_string();
    let checkpoint = match o.checkpoint {
        Some(note) => view! {
            <p>{locale.log_checkpoint_intro(Grouped(i64::try_from(o.tree_size).unwrap_or(i64::MAX)))}</p>
            <pre class="tlog-pre">{note}</pre>
        }
        .into_any(),
        None => view! { <p>{t(Key::LogNoCheckpoint)}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="log-checkpoint-title">
            <h2 id="log-checkpoint-title">{t(Key::LogCheckpointTitle)}</h2>
            {checkpoint}
        </section>
        <Keys keys=o.keys current=current.clone()/>
        <Files/>
        <Counts rows=o.petitions/>
        <section aria-labelledby="log-check-title">
            <h2 id="log-check-title">{t(Key::LogCheckTitle)}</h2>
            <p>{t(Key::LogCheckIntro)}" "<a href="/me/signatures">{t(Key::MySignaturesTitle)}</a></p>
            <p>{t(Key::LogCheckPrivate)}</p>
            <ReceiptVerifier keys=vkeys texts=receipt_texts(locale)/>
            <h3>{t(Key::LogCheckCliTitle)}</h3>
            <p>{t(Key::LogCheckCliIntro)}</p>
            <p>{t(Key::LogCheckCliReceipt)}</p>
            <pre class="tlog-pre"><code>
                {format!("minyi log verify-receipt receipt.txt --key '{}' --email you@example.tw", current.as_deref().unwrap_or("<key>"))}
            </code></pre>
            <p>{t(Key::LogCheckCliAudit)}</p>
            <pre class="tlog-pre"><code>{format!("minyi log audit https://{host}")}</code></pre>
        </section>
    }
}

#[component]
fn Keys(keys: Vec<LogKeyRow>, current: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let current = match current {
        Some(vkey) => view! { <p><code class="tlog-key">{vkey}</code></p> }.into_any(),
        None => view! { <p>{t(Key::LogKeyNone)}</p> }.into_any(),
    };
    let history = (!keys.is_empty()).then(|| {
        view! {
            <h3>{t(Key::LogKeyHistory)}</h3>
            <ol class="tlog-keys">
                {keys.into_iter().map(|k| {
                    let from = Grouped(i64::try_from(k.from_size).unwrap_or(i64::MAX));
                    view! { <li><code class="tlog-key">{k.vkey}</code><br/>{locale.log_key_from(k.created_at.date_taipei(), from)}</li> }
                }).collect_view()}
            </ol>
        }
    });
    view! {
        <section aria-labelledby="log-key-title">
            <h2 id="log-key-title">{t(Key::LogKeyTitle)}</h2>
            <p>{t(Key::LogKeyIntro)}</p>
            {current}
            {history}
        </section>
    }
}

/// What auditors fetch, and the entries' format.
#[component]
fn Files() -> impl IntoView {
    let link = |path: &'static str| view! { <a href=path><code>{path}</code></a> };
    view! {
        <section aria-labelledby="log-files-title">
            <h2 id="log-files-title">{t(Key::LogFilesTitle)}</h2>
            <dl class="facts">
                <dt>{link("/log/checkpoint")}</dt>
                <dd>{t(Key::LogFileCheckpoint)}</dd>
                <dt>{link("/log/key")}</dt>
                <dd>{t(Key::LogFileKey)}</dd>
                <dt><code class="tlog-key">"/log/tile/<L>/<N>[.p/<W>]"</code><br/><code class="tlog-key">"/log/tile/entries/<N>[.p/<W>]"</code></dt>
                <dd>{t(Key::LogFileTiles)}" "<a href="https://c2sp.org/tlog-tiles" lang="en">"C2SP tlog-tiles"</a></dd>
                <dt>{link("/api/v1/feeds/log.atom")}</dt>
                <dd>{t(Key::LogFileFeed)}</dd>
            </dl>
            <p>{t(Key::LogEntriesIntro)}</p>
            <dl class="facts">
                <dt><code class="tlog-key">"sign <petition> <commitment>"</code></dt>
                <dd>{t(Key::LogEntrySign)}</dd>
                <dt><code class="tlog-key">"remove <petition> <entry> withdrawn|invalidated"</code></dt>
                <dd>{t(Key::LogEntryRemove)}</dd>
                <dt><code class="tlog-key">"restore <petition> <entry>"</code></dt>
                <dd>{t(Key::LogEntryRestore)}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Counts(rows: Vec<LogCountRow>) -> impl IntoView {
    let table = if rows.is_empty() {
        view! { <p>{t(Key::LogCountsEmpty)}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="data-table tlog-counts">
                    <caption>{t(Key::LogCountsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::LogColPetition)}</th>
                        <th scope="col">{t(Key::LogColLog)}</th>
                        <th scope="col">{t(Key::LogColShown)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            // Marked in words, not colour alone.
                            let mark = r.differs().then(|| view! { " "<span class="cell-warning">{t(Key::LogDiffers)}</span> });
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/petitions/{}", r.id)>{r.title}</a></th>
                                    <td>{Grouped(r.log_count).to_string()}</td>
                                    <td>{Grouped(r.shown_count).to_string()}{mark}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="log-counts-title">
            <h2 id="log-counts-title">{t(Key::LogCountsTitle)}</h2>
            <p>{t(Key::LogCountsIntro)}</p>
            <p>{t(Key::LogCountsLag)}</p>
            {table}
        </section>
    }
}

/// The island's texts, in the page's language (islands never get the locale tables).
fn receipt_texts(l: Locale) -> ReceiptTexts {
    let s = |k: Key| l.text(k).to_string();
    ReceiptTexts {
        file_label: s(Key::LogCheckFileLabel),
        file_hint: s(Key::LogCheckFileHint),
        receipt_label: s(Key::LogCheckReceiptLabel),
        receipt_hint: s(Key::LogCheckReceiptHint),
        email_label: s(Key::LogCheckEmailLabel),
        email_hint: s(Key::LogCheckEmailHint),
        check: s(Key::LogCheckButton),
        checking: s(Key::LogCheckBusy),
        valid: s(Key::LogCheckValid),
        fix_field: s(Key::LogCheckFixField),
        file_error: s(Key::LogCheckFileError),
        no_receipt: s(Key::LogCheckNoReceipt),
        bad_receipt: s(Key::LogCheckBadReceipt),
        bad_entry: s(Key::LogCheckBadEntry),
        not_a_sign_entry: s(Key::LogCheckNotSign),
        bad_email: s(Key::LogCheckBadEmail),
        wrong_email: s(Key::LogCheckWrongEmail),
        bad_signature: s(Key::LogCheckBadSignature),
        not_included: s(Key::LogCheckNotIncluded),
        unreachable: s(Key::LogCheckUnreachable),
    }
}
