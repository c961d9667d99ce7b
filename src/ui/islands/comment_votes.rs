//! A comment's support and oppose buttons. They are ordinary forms (posting them
//! reloads the page at the comment, with or without JavaScript); with JavaScript the
//! vote is sent in the background and the buttons show the new tally at once. If that
//! fails, the form is posted as usual so the page explains why, in the person's language.
use crate::dto::discussion::VoteTally;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The buttons' texts, translated on the server. `{n}` stands for the count; the
/// labels have `{name}` for the comment's author, filled in after `{n}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteTexts {
    pub up: String,
    pub down: String,
    pub up_label: String,
    pub down_label: String,
    pub author: String,
}

/// Where the forms post without JavaScript (the form server function).
const VOTE_PATH: &str = <crate::api::discussion::VoteComment as server_fn::ServerFn>::PATH;

#[island]
pub fn CommentVotes(id: i64, tally: VoteTally, back: String, texts: VoteTexts) -> impl IntoView {
    let tally = RwSignal::new(tally);
    let busy = RwSignal::new(false);
    let button = move |dir: &'static str| {
        let texts = texts.clone();
        let back = back.clone();
        let (value, text, label) = match dir {
            "up" => (1, texts.up.clone(), texts.up_label.clone()),
            _ => (-1, texts.down.clone(), texts.down_label.clone()),
        };
        let count = move || {
            let t = tally.get();
            if value == 1 { t.up } else { t.down }
        };
        let author = texts.author.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let form = event_target::<leptos::web_sys::HtmlFormElement>(&ev);
            leptos::task::spawn_local(async move {
                match crate::api::discussion::vote_comment_live(id, dir.to_string()).await {
                    Ok(t) => tally.set(t),
                    // Post the form itself: the page that comes back says what went wrong.
                    Err(_) => {
                        let _ = form.submit();
                    }
                }
                busy.set(false);
            });
        };
        view! {
            <form method="post" action=VOTE_PATH class="inline-form" on:submit=on_submit>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="direction" value=dir/>
                <input type="hidden" name="back" value=back/>
                <button
                    type="submit"
                    class="vote-button"
                    aria-pressed=move || if tally.get().mine == value { "true" } else { "false" }
                    aria-label=move || label.replace("{n}", &count().to_string()).replace("{name}", &author)
                >
                    {move || text.replace("{n}", &count().to_string())}
                </button>
            </form>
        }
    };
    view! { {button("up")}{button("down")} }
}
