mod footer;
mod header;
mod pause_banner;
mod site_banners;

pub use footer::Footer;
pub use header::Header;

use leptos::prelude::*;

/// Header, main landmark (the skip link's target) and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    crate::ui::components::form_state::provide_flash();
    view! {
        <Header/>
        <pause_banner::PauseBanner/>
        <site_banners::SiteBanners/>
        <main id="main" tabindex="-1" class="container">
            {children()}
        </main>
        <Footer/>
    }
}
