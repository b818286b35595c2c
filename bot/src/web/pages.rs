//! The public pages, in German, rendered on the server: readable on a phone, without
//! scripts or anything loaded from elsewhere, small enough for an iframe on a town's site.

use allianz_core::domain::GeoPoint;
use allianz_core::domain::vacancy::VacancyKind;
use allianz_core::engine::public::{PublicDate, PublicRound};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use maud::{DOCTYPE, Markup, html};

use super::Web;
use super::api::{Filter, unavailable};
use super::news::headline;

const STYLE: &str = include_str!("style.css");

pub(super) async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// Which part of the site a page belongs to, for the navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Home,
    Events,
    Past,
    Initiatives,
    Vacancies,
    News,
    Rounds,
}

const PARTS: [(Part, &str, &str); 7] = [
    (Part::Home, "/", "Start"),
    (Part::Events, "/termine", "Termine"),
    (Part::Past, "/termine/vergangen", "Rückblick"),
    (Part::Initiatives, "/initiativen", "Initiativen"),
    (Part::Vacancies, "/leerstand", "Leerstand"),
    (Part::News, "/neuigkeiten", "Neuigkeiten"),
    (Part::Rounds, "/runden", "Spendenparlament"),
];

fn page(web: &Web, part: Part, title: &str, body: Markup) -> Response {
    let name = &web.site.name;
    let full_title = if part == Part::Home {
        name.clone()
    } else {
        format!("{title} – {name}")
    };
    let markup = html! {
        (DOCTYPE)
        html lang="de" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                link rel="stylesheet" href="/stil.css";
                link rel="alternate" type="application/atom+xml" title={ "Neuigkeiten – " (name) } href="/neuigkeiten.atom";
                link rel="alternate" type="text/calendar" title={ "Kalender – " (name) } href="/kalender.ics";
            }
            body {
                header {
                    a.name href="/" { (name) }
                    nav aria-label="Bereiche" {
                        @for (p, href, label) in PARTS {
                            @if p == part {
                                a href=(href) aria-current="page" { (label) }
                            } @else {
                                a href=(href) { (label) }
                            }
                        }
                    }
                }
                main {
                    h1 { (title) }
                    (body)
                }
                footer {
                    "Kalender abonnieren: " a href="/kalender.ics" { "kalender.ics" }
                    " · Neuigkeiten als Feed: " a href="/neuigkeiten.atom" { "Atom" }
                    " · Daten: " a href="/api/termine" { "JSON" }
                }
            }
        }
    };
    Html(markup.into_string()).into_response()
}

fn date_item(d: &PublicDate) -> Markup {
    html! {
        li.date.cancelled[d.cancelled] {
            div.when {
                time datetime=(d.start.to_rfc3339()) { (d.when) }
                @if d.cancelled { " " strong.mark { "abgesagt" } }
            }
            div.title { (d.title) }
            @if let Some(topic) = &d.topic { div.topic { "Thema: " (topic) } }
            div.meta {
                @if let Some(place) = &d.place { span { "📍 " (place) } }
                @if let Some(region) = &d.region { span { "Region " a href={ "/termine?region=" (urlencode(region)) } { (region) } } }
                @if let Some(link) = &d.online_link { span { "Online: " a href=(link) rel="nofollow noopener" { (link) } } }
            }
            @if let Some(text) = &d.description { p.text { (text) } }
            @if let Some(doc) = &d.documentation {
                div.doc {
                    @if let Some(link) = &doc.link { "📎 " a href=(link) rel="nofollow noopener" { "Dokumentation" } }
                    @if let Some(summary) = &doc.summary { p.text { (summary) } }
                }
            }
        }
    }
}

/// A value in a query string: letters and digits stay, everything else as `%XX`.
fn urlencode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub(super) async fn home(State(web): State<Web>) -> Response {
    let now = Utc::now();
    let (dates, news) = match (
        web.engine.public_upcoming(now, None).await,
        web.engine.public_news(3).await,
    ) {
        (Ok(d), Ok(n)) => (d, n),
        (Err(e), _) | (_, Err(e)) => return unavailable(e),
    };
    let body = html! {
        p.lead { "Termine, Initiativen und Neuigkeiten der " (web.site.name) "." }
        section {
            h2 { "Nächste Termine" }
            @if dates.is_empty() {
                p { "Gerade sind keine Termine geplant." }
            } @else {
                ul.dates { @for d in dates.iter().take(5) { (date_item(d)) } }
                p { a href="/termine" { "Alle Termine" } }
            }
        }
        @if !news.is_empty() {
            section {
                h2 { "Neuigkeiten" }
                ul.news {
                    @for n in &news {
                        li { time datetime=(n.published.to_rfc3339()) { (n.when) } " – " a href={ "/neuigkeiten#n" (n.id) } { (headline(&n.text)) } }
                    }
                }
            }
        }
        section {
            h2 { "Mitmachen" }
            p {
                a href="/initiativen" { "Initiativen in der Region" } " · "
                a href="/termine/vergangen" { "Rückblick auf vergangene Treffen" } " · "
                a href="/runden" { "Ergebnisse des Spendenparlaments" }
            }
        }
    };
    page(&web, Part::Home, &web.site.name.clone(), body)
}

pub(super) async fn upcoming(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    let region = f.region.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let dates = match web.engine.public_upcoming(Utc::now(), region).await {
        Ok(d) => d,
        Err(e) => return unavailable(e),
    };
    let body = html! {
        form.search method="get" action="/termine" {
            label for="region" { "Region" }
            input #region type="search" name="region" value=(region.unwrap_or("")) placeholder="z. B. Suhl";
            button type="submit" { "Zeigen" }
        }
        p.feeds {
            "In den eigenen Kalender: " a href="/kalender.ics" { "alle Termine (ICS)" }
            @if let Some(r) = region { " · " a href={ "/kalender/" (urlencode(r)) ".ics" } { "nur " (r) " (ICS)" } }
        }
        @if dates.is_empty() {
            p { @if let Some(r) = region { "Keine Termine in „" (r) "“." } @else { "Gerade sind keine Termine geplant." } }
        } @else {
            ul.dates { @for d in &dates { (date_item(d)) } }
        }
    };
    page(&web, Part::Events, "Termine", body)
}

pub(super) async fn past(State(web): State<Web>) -> Response {
    let dates = match web.engine.public_past(Utc::now()).await {
        Ok(d) => d,
        Err(e) => return unavailable(e),
    };
    let body = html! {
        @if dates.is_empty() {
            p { "Noch keine vergangenen Termine." }
        } @else {
            ul.dates {
                @for d in &dates {
                    (date_item(d))
                }
            }
        }
    };
    page(&web, Part::Past, "Rückblick", body)
}

/// One dot: the entry's anchor, its name, where it is.
struct Dot<'a> {
    anchor: String,
    name: &'a str,
    at: GeoPoint,
}

/// Places as dots on a plain drawing (no map tiles: nothing is loaded from elsewhere); each
/// dot leads to its entry, and every entry links to OpenStreetMap.
fn dot_map(placed: &[Dot<'_>], what: &str, geojson: &str) -> Option<Markup> {
    if placed.is_empty() {
        return None;
    }
    let (mut south, mut north, mut west, mut east) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for Dot { at, .. } in placed {
        south = south.min(at.lat());
        north = north.max(at.lat());
        west = west.min(at.lon());
        east = east.max(at.lon());
    }
    // A fixed frame, the dots in the middle part of it, true to scale: the shorter side of
    // the area is widened to the frame's shape (longitude degrees are shorter away from the
    // equator), and a few kilometres at least are shown.
    let (width, height) = (600.0, 360.0);
    let squeeze = ((south + north) / 2.0).to_radians().cos();
    let (mid_lat, mid_lon) = ((south + north) / 2.0, (west + east) / 2.0);
    let mut lat_span = ((north - south) * 1.3).max(0.05);
    let mut lon_span = ((east - west) * 1.3).max(0.05 / squeeze);
    if lon_span * squeeze / lat_span < width / height {
        lon_span = lat_span * width / height / squeeze;
    } else {
        lat_span = lon_span * squeeze * height / width;
    }
    let x = |lon: f64| (lon - (mid_lon - lon_span / 2.0)) / lon_span * width;
    let y = |lat: f64| ((mid_lat + lat_span / 2.0) - lat) / lat_span * height;
    Some(html! {
        figure.map {
            svg viewBox={ "0 0 " (width) " " (height) } role="img" aria-label={ "Lage: " (what) } {
                rect width="100%" height="100%" class="land" {}
                @for dot in placed {
                    @let (cx, cy) = (x(dot.at.lon()), y(dot.at.lat()));
                    a href={ "#" (dot.anchor) } {
                        circle cx=(format!("{cx:.1}")) cy=(format!("{cy:.1}")) r="7" {
                            title { (dot.name) }
                        }
                        // Names on the right half are written to the left of their dot.
                        @if cx > width * 0.6 {
                            text x=(format!("{:.1}", cx - 11.0)) y=(format!("{:.1}", cy + 5.0)) text-anchor="end" { (dot.name) }
                        } @else {
                            text x=(format!("{:.1}", cx + 11.0)) y=(format!("{:.1}", cy + 5.0)) { (dot.name) }
                        }
                    }
                }
            }
            figcaption {
                "Lage: " (what) ". Als Karte: "
                a href=(geojson) { "GeoJSON (z. B. für uMap)" }
            }
        }
    })
}

/// The distinct values of a list, sorted, for links that filter by them.
fn distinct<'a>(values: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut out: Vec<&String> = values.collect();
    out.sort_by_key(|v| v.to_lowercase());
    out.dedup_by_key(|v| v.to_lowercase());
    out
}

pub(super) async fn initiatives(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    let (list, all) = match (
        web.engine.public_initiatives(&f.initiatives()).await,
        web.engine.public_initiatives(&Default::default()).await,
    ) {
        (Ok(l), Ok(a)) => (l, a),
        (Err(e), _) | (_, Err(e)) => return unavailable(e),
    };
    let regions = distinct(all.iter().map(|i| &i.region));
    let topics = distinct(all.iter().flat_map(|i| i.topics.iter()));
    let filtered = f.q.is_some() || f.region.is_some() || f.thema.is_some();
    let dots: Vec<Dot> = list
        .iter()
        .filter_map(|i| {
            Some(Dot {
                anchor: format!("i{}", i.id),
                name: &i.name,
                at: i.location?,
            })
        })
        .collect();
    let body = html! {
        form.search method="get" action="/initiativen" {
            label for="q" { "Suche" }
            input #q type="search" name="q" value=(f.q.as_deref().unwrap_or("")) placeholder="Name, Ort oder Thema";
            button type="submit" { "Suchen" }
        }
        @if !regions.is_empty() {
            p.facets { "Regionen: " @for r in &regions { a href={ "/initiativen?region=" (urlencode(r)) } { (r) } " " } }
        }
        @if !topics.is_empty() {
            p.facets { "Themen: " @for t in &topics { a href={ "/initiativen?thema=" (urlencode(t)) } { (t) } " " } }
        }
        @if filtered { p { (list.len()) " gefunden · " a href="/initiativen" { "alle zeigen" } } }
        @if let Some(map) = dot_map(&dots, "Initiativen", "/api/initiativen.geojson") { (map) }
        @if list.is_empty() {
            p { "Keine Initiative gefunden." }
        }
        @for i in &list {
            article.initiative id={ "i" (i.id) } {
                h2 { (i.name) }
                p.meta { "Region " (i.region) @if !i.topics.is_empty() { " · " (i.topics.join(", ")) } }
                p.text { (i.description) }
                p.meta {
                    @if let Some(site) = &i.website { a href=(site) rel="nofollow noopener" { (site) } " " }
                    @if let Some(contact) = &i.contact { "Kontakt: " (contact) " " }
                    @if let Some(at) = i.location { a href=(at.osm_link()) rel="nofollow noopener" { "Auf OpenStreetMap zeigen" } }
                }
            }
        }
    };
    page(&web, Part::Initiatives, "Initiativen", body)
}

pub(super) async fn vacancies(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    let list = match web
        .engine
        .public_vacancies(&f.vacancies(), Utc::now())
        .await
    {
        Ok(l) => l,
        Err(e) => return unavailable(e),
    };
    let dots: Vec<Dot> = list
        .iter()
        .filter_map(|v| {
            Some(Dot {
                anchor: format!("l{}", v.id),
                name: &v.title,
                at: v.location?,
            })
        })
        .collect();
    let query = f.q.as_deref().or(f.region.as_deref()).unwrap_or("");
    let body = html! {
        p { "Leere Läden, Wohnungen, Werkstätten und Flächen, die Mitglieder der Allianz kennen – für Initiativen, die Räume suchen." }
        form.search method="get" action="/leerstand" {
            label for="q" { "Ort oder Stichwort" }
            input #q type="search" name="q" value=(query) placeholder="z. B. Suhl";
            button type="submit" { "Suchen" }
        }
        p.facets {
            "Art: "
            @for kind in VacancyKind::ALL {
                a href={ "/leerstand?art=" (kind.key()) } { (kind.german()) } " "
            }
        }
        @if let Some(map) = dot_map(&dots, "Leerstand", "/api/leerstand.geojson") { (map) }
        @if list.is_empty() { p { "Gerade ist hier kein Leerstand eingetragen." } }
        @for v in &list {
            article.vacancy id={ "l" (v.id) } {
                h2 { (v.title) }
                p.meta { (v.kind_name) " · " (v.place) }
                p.text { (v.description) }
                p.meta {
                    @if let Some(contact) = &v.contact { "Kontakt: " (contact) " " }
                    @if let Some(at) = v.location { a href=(at.osm_link()) rel="nofollow noopener" { "Auf OpenStreetMap zeigen" } }
                }
            }
        }
    };
    page(&web, Part::Vacancies, "Leerstand", body)
}

pub(super) async fn news(State(web): State<Web>) -> Response {
    let items = match web.engine.public_news(50).await {
        Ok(n) => n,
        Err(e) => return unavailable(e),
    };
    let body = html! {
        p.feeds { "Als Feed für Feedreader und Apps: " a href="/neuigkeiten.atom" { "Atom" } }
        @if items.is_empty() { p { "Noch keine Neuigkeiten." } }
        @for n in &items {
            article.news id={ "n" (n.id) } {
                p.meta {
                    time datetime=(n.published.to_rfc3339()) { (n.when) }
                    @if let Some(r) = &n.region { " · Region " (r) }
                }
                p.text { (n.text) }
            }
        }
    };
    page(&web, Part::News, "Neuigkeiten", body)
}

pub(super) async fn rounds(State(web): State<Web>) -> Response {
    let list = match web.engine.public_rounds().await {
        Ok(l) => l,
        Err(e) => return unavailable(e),
    };
    let body = html! {
        p { "Im Spendenparlament entscheiden die Mitglieder gemeinsam, welche Anträge gefördert werden – jede Person hat eine Stimme." }
        @if list.is_empty() { p { "Noch keine veröffentlichten Ergebnisse." } }
        ul {
            @for r in &list {
                li { a href={ "/runden/" (r.id) } { "Runde " (r.id) ": " (r.title) } " – vergeben " (r.granted) " von " (r.pot) }
            }
        }
    };
    page(&web, Part::Rounds, "Spendenparlament", body)
}

fn result_table(round: &PublicRound) -> Markup {
    let points = round.results.iter().any(|r| r.points > 0);
    html! {
        table.results {
            thead { tr {
                th { "Antrag" } th { "Initiative" } th.num { "beantragt" } th.num { "bewilligt" }
                @if points { th.num { "Punkte" } } @else { th.num { "Ja" } th.num { "Nein" } th.num { "Enth." } }
                th { "Ergebnis" }
            } }
            tbody {
                @for r in &round.results {
                    tr.funded[r.granted_cents > 0] {
                        td { (r.title) } td { (r.initiative) } td.num { (r.asked) } td.num { (r.granted) }
                        @if points { td.num { (r.points) } } @else { td.num { (r.yes) } td.num { (r.no) } td.num { (r.abstain) } }
                        td { (r.outcome_text) }
                    }
                }
            }
        }
    }
}

pub(super) async fn round(State(web): State<Web>, Path(id): Path<String>) -> Response {
    let round = match id.parse::<i64>() {
        Ok(id) => match web.engine.public_round(id).await {
            Ok(r) => r,
            Err(e) => return unavailable(e),
        },
        Err(_) => None,
    };
    let Some(round) = round else {
        return missing(
            &web,
            "Diese Runde gibt es nicht oder ihr Ergebnis ist noch nicht veröffentlicht.",
        );
    };
    let title = format!("Runde {}: {}", round.id, round.title);
    let body = html! {
        p.lead { "Vergeben: " strong { (round.granted) } " von " (round.pot) "." }
        (result_table(&round))
        @if let Some(seal) = &round.seal {
            p.meta { "Prüfsumme des Stimmprotokolls: " code { (seal) } " – nachzählen: " code { "allianz-bot recount " (round.id) } }
        }
        p { a href={ "/api/runden/" (round.id) } { "Ergebnis als JSON" } }
    };
    page(&web, Part::Rounds, &title, body)
}

fn missing(web: &Web, text: &str) -> Response {
    let body = html! {
        p { (text) }
        p { a href="/" { "Zur Startseite" } }
    };
    let mut answer = page(web, Part::Home, "Nicht gefunden", body);
    *answer.status_mut() = StatusCode::NOT_FOUND;
    answer
}

pub(super) async fn not_found(State(web): State<Web>) -> Response {
    missing(&web, "Diese Seite gibt es hier nicht.")
}
