//! The browser's side of the live stream: an `EventSource` on `/api/v1/stream` calling
//! back with each new count. Only the hydrated (WASM) build opens one; the server
//! rendering has nothing to subscribe to, so its version does nothing.
#[cfg(feature = "hydrate")]
mod imp {
    use leptos::prelude::{on_cleanup, set_timeout_with_handle};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    /// An open subscription; closing it (or dropping it) ends the stream.
    pub struct Subscription {
        source: EventSource,
        _listener: Closure<dyn FnMut(MessageEvent)>,
    }

    impl Drop for Subscription {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    pub fn subscribe(petition: i64, on_count: impl Fn(i64) + 'static) -> Option<Subscription> {
        let source = EventSource::new(&format!("/api/v1/stream?petition={petition}")).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let count = e
                .data()
                .as_string()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .and_then(|v| v.get("signature_count").and_then(|n| n.as_i64()));
            if let Some(n) = count {
                on_count(n);
            }
        });
        source.add_event_listener_with_callback("petition", listener.as_ref().unchecked_ref()).ok()?;
        Some(Subscription { source, _listener: listener })
    }

    /// Subscribe a moment after the page has settled (hydration comes first on a slow
    /// connection), until the calling reactive scope is cleaned up.
    pub fn follow(petition: i64, on_count: impl Fn(i64) + 'static) {
        let holder: Rc<RefCell<Option<Subscription>>> = Rc::default();
        let slot = holder.clone();
        let opened = set_timeout_with_handle(move || *slot.borrow_mut() = subscribe(petition, on_count), std::time::Duration::from_millis(1500));
        // Not Send: it lives on the browser's one thread.
        let holder = send_wrapper::SendWrapper::new(holder);
        on_cleanup(move || {
            if let Ok(t) = opened {
                t.clear();
            }
            holder.take().borrow_mut().take();
        });
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub struct Subscription;

    pub fn subscribe(_petition: i64, _on_count: impl Fn(i64) + 'static) -> Option<Subscription> {
        None
    }

    pub fn follow(_petition: i64, _on_count: impl Fn(i64) + 'static) {}
}

pub use imp::{Subscription, follow, subscribe};
