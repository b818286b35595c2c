//! Initiatives: the alliance's map, in chat. Each belongs to the member who registered it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::geo::GeoPoint;
use super::member::MemberId;
use super::text::{fold, tidy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InitiativeId(pub i64);

impl fmt::Display for InitiativeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The fields a registration asks for, in the order of the command and of the guided form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitiativeField {
    Name,
    Region,
    Description,
    Contact,
    Website,
    Topics,
}

impl InitiativeField {
    pub const ALL: [InitiativeField; 6] = [
        InitiativeField::Name,
        InitiativeField::Region,
        InitiativeField::Description,
        InitiativeField::Contact,
        InitiativeField::Website,
        InitiativeField::Topics,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InitiativeField::Name => "name",
            InitiativeField::Region => "region",
            InitiativeField::Description => "description",
            InitiativeField::Contact => "contact",
            InitiativeField::Website => "website",
            InitiativeField::Topics => "topics",
        }
    }

    /// German and English field words, as typed in `/initiative bearbeiten X | region | Suhl`.
    pub fn from_word(word: &str) -> Option<Self> {
        match fold(word).as_str() {
            "name" => Some(Self::Name),
            "region" | "ort" => Some(Self::Region),
            "beschreibung" | "description" => Some(Self::Description),
            "kontakt" | "contact" => Some(Self::Contact),
            "webseite" | "website" | "web" | "url" => Some(Self::Website),
            "themen" | "thema" | "topics" | "topic" => Some(Self::Topics),
            _ => None,
        }
    }

    /// Whether a user may leave this field empty (with `-`).
    pub fn optional(self) -> bool {
        matches!(self, InitiativeField::Website | InitiativeField::Topics)
    }
}

/// Why a field value was refused; the engine turns this into a localised answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("{field:?} is empty")]
    Empty { field: InitiativeField },
    #[error("{field:?} longer than {max}")]
    TooLong { field: InitiativeField, max: usize },
    #[error("website must start with http:// or https://")]
    BadWebsite,
    #[error("at most {max} topics")]
    TooManyTopics { max: usize },
}

pub const MAX_TOPICS: usize = 10;

fn limit(field: InitiativeField) -> usize {
    match field {
        InitiativeField::Name => 80,
        InitiativeField::Region => 60,
        InitiativeField::Description => 1000,
        InitiativeField::Contact => 200,
        InitiativeField::Website => 200,
        InitiativeField::Topics => 40,
    }
}

/// A validated registration, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeDraft {
    pub name: String,
    pub region: String,
    pub description: String,
    pub contact: String,
    pub website: Option<String>,
    pub topics: Vec<String>,
}

/// `-`, `keine`, `none` or nothing mean "leave empty" for optional fields.
fn is_blank(value: &str) -> bool {
    matches!(
        fold(value).as_str(),
        "" | "-" | "keine" | "keiner" | "none" | "no"
    )
}

impl InitiativeDraft {
    /// Checks one field's value and returns it in stored form.
    pub fn check_field(field: InitiativeField, raw: &str) -> Result<FieldValue, FieldError> {
        let value = tidy(raw);
        if field.optional() && is_blank(&value) {
            return Ok(match field {
                InitiativeField::Topics => FieldValue::Topics(Vec::new()),
                _ => FieldValue::Text(None),
            });
        }
        if value.is_empty() {
            return Err(FieldError::Empty { field });
        }
        match field {
            InitiativeField::Topics => {
                let topics: Vec<String> = value
                    .split([',', ';'])
                    .map(tidy)
                    .filter(|t| !t.is_empty())
                    .collect();
                if topics.len() > MAX_TOPICS {
                    return Err(FieldError::TooManyTopics { max: MAX_TOPICS });
                }
                if topics.iter().any(|t| t.chars().count() > limit(field)) {
                    return Err(FieldError::TooLong {
                        field,
                        max: limit(field),
                    });
                }
                Ok(FieldValue::Topics(topics))
            }
            _ => {
                if value.chars().count() > limit(field) {
                    return Err(FieldError::TooLong {
                        field,
                        max: limit(field),
                    });
                }
                if field == InitiativeField::Website {
                    return super::text::web_address(&value)
                        .map(|url| FieldValue::Text(Some(url)))
                        .ok_or(FieldError::BadWebsite);
                }
                Ok(FieldValue::Text(Some(value)))
            }
        }
    }

    /// Builds a draft from the six values in command order.
    pub fn from_values(values: &[String]) -> Result<Self, (InitiativeField, FieldError)> {
        let mut draft = InitiativeDraft {
            name: String::new(),
            region: String::new(),
            description: String::new(),
            contact: String::new(),
            website: None,
            topics: Vec::new(),
        };
        for (i, field) in InitiativeField::ALL.into_iter().enumerate() {
            let raw = values.get(i).map(String::as_str).unwrap_or("");
            let value = Self::check_field(field, raw).map_err(|e| (field, e))?;
            draft.set(field, value);
        }
        Ok(draft)
    }

    pub fn set(&mut self, field: InitiativeField, value: FieldValue) {
        match (field, value) {
            (InitiativeField::Topics, FieldValue::Topics(t)) => self.topics = t,
            (InitiativeField::Website, FieldValue::Text(t)) => self.website = t,
            (f, FieldValue::Text(t)) => {
                let t = t.unwrap_or_default();
                match f {
                    InitiativeField::Name => self.name = t,
                    InitiativeField::Region => self.region = t,
                    InitiativeField::Description => self.description = t,
                    InitiativeField::Contact => self.contact = t,
                    _ => {}
                }
            }
            (_, FieldValue::Topics(_)) => {}
        }
    }

    /// The folded key under which a name must be unique among active initiatives.
    pub fn name_key(&self) -> String {
        fold(&self.name)
    }

    /// Everything a search by region or topic looks at, folded.
    pub fn search_key(&self) -> String {
        search_key(&self.name, &self.region, &self.topics)
    }
}

pub fn search_key(name: &str, region: &str, topics: &[String]) -> String {
    // `|` separates the parts so that a search never matches across two of them.
    format!(
        "|{}|{}|{}|",
        fold(name),
        fold(region),
        fold(&topics.join("|"))
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(Option<String>),
    Topics(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Initiative {
    pub id: InitiativeId,
    pub owner: Option<MemberId>,
    #[serde(flatten)]
    pub draft: InitiativeDraft,
    pub created_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    /// Where it is on the alliance's map, if its owner said so.
    pub place: Option<GeoPoint>,
    /// Whether the contact may be shown on the public web view (it is always shown to members).
    pub contact_public: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_full_registration_is_accepted() {
        let d = InitiativeDraft::from_values(&values(&[
            " Tafel  Suhl ",
            "Suhl",
            "Lebensmittel retten",
            "info@tafel-suhl.de",
            "https://tafel-suhl.de",
            "Armut, Ernährung",
        ]))
        .unwrap();
        assert_eq!(d.name, "Tafel Suhl");
        assert_eq!(d.topics, vec!["Armut", "Ernährung"]);
        assert_eq!(d.website.as_deref(), Some("https://tafel-suhl.de"));
    }

    #[test]
    fn website_and_topics_may_be_left_out() {
        let d = InitiativeDraft::from_values(&values(&["A", "B", "C", "D", "-", ""])).unwrap();
        assert_eq!(d.website, None);
        assert!(d.topics.is_empty());
    }

    #[test]
    fn bad_values_name_the_field() {
        let err = InitiativeDraft::from_values(&values(&["A", "", "C", "D"])).unwrap_err();
        assert_eq!(err.0, InitiativeField::Region);
        let err =
            InitiativeDraft::from_values(&values(&["A", "B", "C", "D", "tafel de"])).unwrap_err();
        assert_eq!(err, (InitiativeField::Website, FieldError::BadWebsite));
        // `tafel.de` is a web address as people write it.
        let ok = InitiativeDraft::from_values(&values(&["A", "B", "C", "D", "www.tafel.de"]));
        assert_eq!(ok.unwrap().website.as_deref(), Some("https://www.tafel.de"));
    }
}
