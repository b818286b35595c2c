//! The public side as JSON (`/api/…`) and the initiatives as GeoJSON (RFC 7946), which uMap
//! and other map tools import as they are.

use allianz_core::engine::public::{
    InitiativeFilter, PublicInitiative, PublicVacancy, VacancyFilter,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Web;

/// The filters pages and JSON share: `?q=…&region=…&thema=…&art=…`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Filter {
    pub q: Option<String>,
    pub region: Option<String>,
    #[serde(alias = "topic")]
    pub thema: Option<String>,
    /// A kind of vacant place (`laden`).
    #[serde(alias = "kind")]
    pub art: Option<String>,
}

fn given(v: &Option<String>) -> Option<String> {
    v.clone().filter(|v| !v.trim().is_empty())
}

impl Filter {
    pub(super) fn initiatives(&self) -> InitiativeFilter {
        InitiativeFilter {
            query: given(&self.q),
            region: given(&self.region),
            topic: given(&self.thema),
        }
    }

    /// On the vacancies page a region is a place: both search the same text.
    pub(super) fn vacancies(&self) -> VacancyFilter {
        VacancyFilter {
            query: given(&self.q).or_else(|| given(&self.region)),
            kind: given(&self.art),
        }
    }
}

/// What a reader sees when the database does not answer: nothing about why.
pub(super) fn unavailable(e: impl std::fmt::Display) -> Response {
    tracing::warn!(error = %e, "web read failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "30")],
        "Gerade nicht verfügbar – bitte später noch einmal.\n",
    )
        .into_response()
}

fn json(value: impl serde::Serialize) -> Response {
    ([(header::CACHE_CONTROL, "max-age=60")], Json(value)).into_response()
}

fn not_found(what: &str) -> Response {
    (StatusCode::NOT_FOUND, Json(json!({ "error": what }))).into_response()
}

pub(super) async fn upcoming(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    match web
        .engine
        .public_upcoming(Utc::now(), f.region.as_deref())
        .await
    {
        Ok(dates) => json(dates),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn past(State(web): State<Web>) -> Response {
    match web.engine.public_past(Utc::now()).await {
        Ok(dates) => json(dates),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn initiatives(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    match web.engine.public_initiatives(&f.initiatives()).await {
        Ok(list) => json(list),
        Err(e) => unavailable(e),
    }
}

/// One GeoJSON feature; uMap shows `name` as the title and `description` in the popup (its
/// own light markup: `[[url|text]]` is a link).
fn feature(i: &PublicInitiative) -> Option<Value> {
    let at = i.location?;
    let mut description = vec![i.description.clone(), format!("Region: {}", i.region)];
    if !i.topics.is_empty() {
        description.push(format!("Themen: {}", i.topics.join(", ")));
    }
    if let Some(web) = &i.website {
        description.push(format!("[[{web}|{web}]]"));
    }
    if let Some(contact) = &i.contact {
        description.push(format!("Kontakt: {contact}"));
    }
    Some(json!({
        "type": "Feature",
        "id": i.id,
        // RFC 7946: longitude first.
        "geometry": { "type": "Point", "coordinates": [at.lon(), at.lat()] },
        "properties": {
            "name": i.name,
            "description": description.join("\n"),
            "region": i.region,
            "topics": i.topics,
            "website": i.website,
            "contact": i.contact,
        },
    }))
}

fn geojson(features: Vec<Value>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/geo+json"),
            (header::CACHE_CONTROL, "max-age=60"),
        ],
        json!({ "type": "FeatureCollection", "features": features }).to_string(),
    )
        .into_response()
}

pub(super) async fn initiatives_geojson(
    State(web): State<Web>,
    Query(f): Query<Filter>,
) -> Response {
    match web.engine.public_initiatives(&f.initiatives()).await {
        Ok(list) => geojson(list.iter().filter_map(feature).collect()),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn vacancies(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    match web
        .engine
        .public_vacancies(&f.vacancies(), Utc::now())
        .await
    {
        Ok(list) => json(list),
        Err(e) => unavailable(e),
    }
}

fn vacancy_feature(v: &PublicVacancy) -> Option<Value> {
    let at = v.location?;
    let mut description = vec![
        format!("{} · {}", v.kind_name, v.place),
        v.description.clone(),
    ];
    if let Some(contact) = &v.contact {
        description.push(format!("Kontakt: {contact}"));
    }
    Some(json!({
        "type": "Feature",
        "id": v.id,
        "geometry": { "type": "Point", "coordinates": [at.lon(), at.lat()] },
        "properties": {
            "name": v.title,
            "description": description.join("\n"),
            "kind": v.kind,
            "place": v.place,
            "contact": v.contact,
            "listed_until": v.listed_until,
        },
    }))
}

pub(super) async fn vacancies_geojson(State(web): State<Web>, Query(f): Query<Filter>) -> Response {
    match web
        .engine
        .public_vacancies(&f.vacancies(), Utc::now())
        .await
    {
        Ok(list) => geojson(list.iter().filter_map(vacancy_feature).collect()),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn news(State(web): State<Web>) -> Response {
    match web.engine.public_news(50).await {
        Ok(items) => json(items),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn rounds(State(web): State<Web>) -> Response {
    match web.engine.public_rounds().await {
        Ok(list) => json(list),
        Err(e) => unavailable(e),
    }
}

pub(super) async fn round(State(web): State<Web>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found("Erwartet: /api/runden/<nummer>, z. B. /api/runden/1");
    };
    match web.engine.public_round(id).await {
        Ok(Some(round)) => json(round),
        Ok(None) => not_found("Keine veröffentlichte Runde mit dieser Nummer"),
        Err(e) => unavailable(e),
    }
}
