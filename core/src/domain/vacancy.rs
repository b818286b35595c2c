//! Vacant places ("Leerstand"): empty shops, flats, workshops, land that members know of and
//! share, so that initiatives find rooms and towns see what stands empty.

use chrono::{DateTime, Utc};

use super::geo::GeoPoint;
use super::member::MemberId;
use super::text::{fold, tidy};

/// What kind of place it is; a fixed list, so that `/leerstand laden` finds every shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VacancyKind {
    Shop,
    Flat,
    House,
    Workshop,
    Office,
    Hall,
    Restaurant,
    Land,
    Other,
}

impl VacancyKind {
    pub const ALL: [VacancyKind; 9] = [
        VacancyKind::Shop,
        VacancyKind::Flat,
        VacancyKind::House,
        VacancyKind::Workshop,
        VacancyKind::Office,
        VacancyKind::Hall,
        VacancyKind::Restaurant,
        VacancyKind::Land,
        VacancyKind::Other,
    ];

    /// As stored and in the JSON.
    pub fn key(self) -> &'static str {
        match self {
            VacancyKind::Shop => "shop",
            VacancyKind::Flat => "flat",
            VacancyKind::House => "house",
            VacancyKind::Workshop => "workshop",
            VacancyKind::Office => "office",
            VacancyKind::Hall => "hall",
            VacancyKind::Restaurant => "restaurant",
            VacancyKind::Land => "land",
            VacancyKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<VacancyKind> {
        VacancyKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The German word, as the pages and the German replies show it.
    pub fn german(self) -> &'static str {
        match self {
            VacancyKind::Shop => "Laden",
            VacancyKind::Flat => "Wohnung",
            VacancyKind::House => "Haus",
            VacancyKind::Workshop => "Werkstatt",
            VacancyKind::Office => "Büro",
            VacancyKind::Hall => "Halle",
            VacancyKind::Restaurant => "Gaststätte",
            VacancyKind::Land => "Grundstück",
            VacancyKind::Other => "Sonstiges",
        }
    }

    /// The words people use, German and English, singular and plural.
    pub fn from_word(word: &str) -> Option<VacancyKind> {
        Some(match fold(word).as_str() {
            "laden" | "laeden" | "ladenlokal" | "geschaeft" | "shop" | "shops" | "store" => {
                VacancyKind::Shop
            }
            "wohnung" | "wohnungen" | "flat" | "flats" | "apartment" => VacancyKind::Flat,
            "haus" | "haeuser" | "gebaeude" | "house" | "building" => VacancyKind::House,
            "werkstatt" | "werkstaetten" | "workshop" | "atelier" => VacancyKind::Workshop,
            "buero" | "bueros" | "office" | "praxis" => VacancyKind::Office,
            "halle" | "hallen" | "hall" | "lager" | "scheune" => VacancyKind::Hall,
            "gaststaette" | "gastro" | "kneipe" | "restaurant" | "cafe" => VacancyKind::Restaurant,
            "grundstueck" | "flaeche" | "land" | "garten" | "brache" | "acker" => VacancyKind::Land,
            "sonstiges" | "anderes" | "other" => VacancyKind::Other,
            _ => return None,
        })
    }
}

/// Why a listing was refused; the engine turns this into a localised answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VacancyProblem {
    /// Fewer than the five parts, or more.
    Parts,
    Empty(&'static str),
    TooLong {
        field: &'static str,
        max: usize,
    },
    UnknownKind(String),
}

/// A checked listing, before it has a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacancyDraft {
    pub title: String,
    /// Town or address, as the owner wrote it; also what `/leerstand Suhl` searches.
    pub place: String,
    pub kind: VacancyKind,
    pub description: String,
    pub contact: String,
}

impl VacancyDraft {
    /// `Titel | Ort | Art | Beschreibung | Kontakt`.
    pub fn from_values(values: &[String]) -> Result<VacancyDraft, VacancyProblem> {
        let [title, place, kind, description, contact] = values else {
            return Err(VacancyProblem::Parts);
        };
        let field = |name: &'static str, value: &str, max: usize| {
            let value = tidy(value);
            if value.is_empty() {
                return Err(VacancyProblem::Empty(name));
            }
            if value.chars().count() > max {
                return Err(VacancyProblem::TooLong { field: name, max });
            }
            Ok(value)
        };
        Ok(VacancyDraft {
            title: field("title", title, 100)?,
            place: field("place", place, 120)?,
            kind: VacancyKind::from_word(kind)
                .ok_or_else(|| VacancyProblem::UnknownKind(tidy(kind)))?,
            description: field("description", description, 1000)?,
            contact: field("contact", contact, 200)?,
        })
    }

    /// What `/leerstand <suche>` looks at, folded.
    pub fn search_key(&self) -> String {
        format!(
            "|{}|{}|{}|{}|",
            fold(&self.title),
            fold(&self.place),
            self.kind.key(),
            fold(self.kind.german())
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vacancy {
    pub id: i64,
    pub owner: Option<MemberId>,
    pub draft: VacancyDraft,
    pub location: Option<GeoPoint>,
    /// Whether the web view shows the contact (members always see it).
    pub contact_public: bool,
    pub created_at: DateTime<Utc>,
    /// Listed until then; the owner is reminded before and may extend it.
    pub expires_at: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    /// Someone took it: no longer listed.
    pub taken_at: Option<DateTime<Utc>>,
}

impl Vacancy {
    /// Listed: not taken and not expired.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.taken_at.is_none() && self.expires_at > now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_listing_is_read_with_its_kind_in_the_words_people_use() {
        let draft = VacancyDraft::from_values(&values(&[
            "Ehemalige Bäckerei",
            "Suhl, Steinweg 12",
            "Läden",
            "80 m², Schaufenster",
            "0170 123456",
        ]))
        .unwrap();
        assert_eq!(draft.kind, VacancyKind::Shop);
        assert!(draft.search_key().contains("laden"));
        for (word, kind) in [
            ("Grundstück", VacancyKind::Land),
            ("Werkstatt", VacancyKind::Workshop),
            ("flat", VacancyKind::Flat),
        ] {
            assert_eq!(VacancyKind::from_word(word), Some(kind));
        }
    }

    #[test]
    fn a_bad_listing_names_what_is_wrong() {
        assert_eq!(
            VacancyDraft::from_values(&values(&["a", "b", "c"])),
            Err(VacancyProblem::Parts)
        );
        assert_eq!(
            VacancyDraft::from_values(&values(&["Alte Post", "Suhl", "Schloss", "x", "y"])),
            Err(VacancyProblem::UnknownKind("Schloss".into()))
        );
        assert_eq!(
            VacancyDraft::from_values(&values(&["Alte Post", " ", "Laden", "x", "y"])),
            Err(VacancyProblem::Empty("place"))
        );
    }
}
