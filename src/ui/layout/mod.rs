mod footer;
mod header;

pub use footer::Footer;
pub use header::Header;

use leptos::prelude::*;

/// Header, main landmark (the skip link's target) and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <Header/>
        <main id="main" tabindex="-1" class="container">
            {children()}
        </main>
        <Footer/>
    }
}
