//! The news as an Atom feed (RFC 4287), for feed readers and apps.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::Web;
use super::api::unavailable;

/// Escapes text for XML content and attribute values.
pub(super) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The first line of an announcement as its title, shortened.
pub(super) fn headline(text: &str) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let first = first.trim();
    if first.chars().count() <= 90 {
        first.to_string()
    } else {
        let cut: String = first.chars().take(89).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Where the public reaches us: the configured address, else what the request names.
fn base(web: &Web, headers: &HeaderMap) -> String {
    if let Some(url) = &web.site.public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

pub(super) async fn atom(State(web): State<Web>, headers: HeaderMap) -> Response {
    let items = match web.engine.public_news(50).await {
        Ok(items) => items,
        Err(e) => return unavailable(e),
    };
    let base = base(&web, &headers);
    let updated = items
        .first()
        .map(|n| n.published)
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n");
    out.push_str(&format!(
        "  <title>{} – Neuigkeiten</title>\n  <id>{}/neuigkeiten</id>\n  \
         <updated>{}</updated>\n  <link rel=\"self\" href=\"{}/neuigkeiten.atom\"/>\n  \
         <link rel=\"alternate\" type=\"text/html\" href=\"{}/neuigkeiten\"/>\n  \
         <author><name>{}</name></author>\n",
        xml(&web.site.name),
        xml(&base),
        updated.to_rfc3339(),
        xml(&base),
        xml(&base),
        xml(&web.site.name),
    ));
    for item in &items {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}/neuigkeiten#n{}</id>\n    \
             <updated>{}</updated>\n    <published>{}</published>\n    \
             <link rel=\"alternate\" type=\"text/html\" href=\"{}/neuigkeiten#n{}\"/>\n    \
             <content type=\"text\">{}</content>\n  </entry>\n",
            xml(&headline(&item.text)),
            xml(&base),
            item.id,
            item.published.to_rfc3339(),
            item.published.to_rfc3339(),
            xml(&base),
            item.id,
            xml(&item.text),
        ));
    }
    out.push_str("</feed>\n");
    (
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        out,
    )
        .into_response()
}
