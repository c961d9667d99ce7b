//! Delivery transports behind one trait: `.eml` files (default) or SMTP.
use crate::server::config::{Config, SmtpConfig, SmtpSecurity};
use crate::server::db::outbox::OutgoingEmail;
use crate::server::email::{html, templates};
use async_trait::async_trait;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

#[async_trait]
pub trait MailTransport: Send + Sync + 'static {
    /// Deliver one message; `id` is the outbox row, used for the Message-ID.
    async fn send(&self, id: i64, email: &OutgoingEmail) -> Result<(), String>;
}

pub fn build_message(from: &str, id: i64, email: &OutgoingEmail) -> Result<Message, String> {
    build(from, id, email, true)
}

/// `eight_bit`: readable 8-bit text where every line is short enough; otherwise (and always
/// without it, for SMTP servers that do not announce 8BITMIME) quoted-printable.
fn build(from: &str, id: i64, email: &OutgoingEmail, eight_bit: bool) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad from address: {e}"))?;
    let to: Mailbox = email.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    let domain = from.email.domain().to_string();
    let mut builder = Message::builder().from(from).to(to).subject(&email.subject);
    if !email.list_unsubscribe.is_empty() {
        // RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{}>", email.list_unsubscribe)))
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".to_string()));
    }
    let plain = ContentType::parse("text/plain; charset=utf-8; format=flowed").map_err(|e| e.to_string())?;
    let html = html::render(&email.body, &email.subject, templates::locale_of(&email.body));
    // Plain text first: clients show the last alternative they can display.
    let alternatives =
        MultiPart::alternative().singlepart(part(templates::flowed(&email.body), plain, eight_bit)).singlepart(part(html, ContentType::TEXT_HTML, eight_bit));
    builder
        // Stable per outbox row, so a retried delivery is recognisable as the same message.
        .message_id(Some(format!("<outbox-{id}@{domain}>")))
        .multipart(alternatives)
        .map_err(|e| e.to_string())
}

/// Lines within RFC 5322's advised 78 characters travel as they are; longer ones (a paragraph
/// of Chinese is one line) go quoted-printable, whose soft breaks the reader never sees.
const MAX_PLAIN_LINE: usize = 78;

fn part(content: String, content_type: ContentType, eight_bit: bool) -> SinglePart {
    let fits = content.lines().all(|l| l.len() <= MAX_PLAIN_LINE);
    let encoding = match (fits, content.is_ascii()) {
        (true, true) => ContentTransferEncoding::SevenBit,
        (true, false) if eight_bit => ContentTransferEncoding::EightBit,
        _ => ContentTransferEncoding::QuotedPrintable,
    };
    let body = Body::new_with_encoding(content, encoding).unwrap_or_else(Body::new);
    SinglePart::builder().header(content_type).body(body)
}

pub struct FileTransport {
    pub dir: PathBuf,
    pub from: String,
}

#[async_trait]
impl MailTransport for FileTransport {
    async fn send(&self, id: i64, email: &OutgoingEmail) -> Result<(), String> {
        let msg = build_message(&self.from, id, email)?;
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| e.to_string())?;
        let path = self.dir.join(format!("{id:08}.eml"));
        tokio::fs::write(&path, msg.formatted()).await.map_err(|e| e.to_string())?;
        tracing::info!(path = %path.display(), "email written to file (no SMTP configured)");
        Ok(())
    }
}

pub struct SmtpTransport {
    inner: AsyncSmtpTransport<Tokio1Executor>,
    from: String,
}

impl SmtpTransport {
    pub fn new(cfg: &SmtpConfig, from: &str) -> Result<Self, String> {
        let builder = match cfg.security {
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(|e| e.to_string())?,
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host).map_err(|e| e.to_string())?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        };
        let mut builder = builder.port(cfg.port).timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(u), Some(p)) = (&cfg.username, &cfg.password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(Self { inner: builder.build(), from: from.to_string() })
    }
}

#[async_trait]
impl MailTransport for SmtpTransport {
    async fn send(&self, id: i64, email: &OutgoingEmail) -> Result<(), String> {
        let msg = build_message(&self.from, id, email)?;
        match self.inner.send(msg).await {
            Ok(_) => Ok(()),
            // A server without 8BITMIME refuses 8-bit text for good: send it 7-bit-safe instead.
            Err(e) if e.to_string().contains("8BITMIME") => {
                let safe = build(&self.from, id, email, false)?;
                self.inner.send(safe).await.map(|_| ()).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

pub fn from_config(config: &Config) -> Result<std::sync::Arc<dyn MailTransport>, String> {
    Ok(match &config.smtp {
        Some(smtp) => std::sync::Arc::new(SmtpTransport::new(smtp, &config.mail_from)?),
        None => std::sync::Arc::new(FileTransport { dir: config.mail_dir.clone(), from: config.mail_from.clone() }),
    })
}
