//! Registering, editing, archiving and finding initiatives.

use super::help::{field_problem, usage_hint};
use super::turn::{Failure, Step, Turn};
use crate::command::PlaceInput;
use crate::domain::initiative::FieldValue;
use crate::domain::text::{is_near, loose};
use crate::domain::{GeoPoint, Initiative, InitiativeDraft, InitiativeField, Lang};
use crate::i18n::tr;
use crate::message::RichText;
use crate::t;

/// How many initiatives one list shows; chats are no place for endless lists.
const LIST_LIMIT: i64 = 30;

pub fn card(lang: Lang, i: &Initiative) -> RichText {
    let d = &i.draft;
    let mut text = RichText::default()
        .bold(d.name.clone())
        .text(format!(" ({})", i.id))
        .line(format!("{}: {}", t!(lang, "field-region"), d.region))
        .line(d.description.clone())
        .line(format!("{}: {}", t!(lang, "field-contact"), d.contact));
    if i.contact_public {
        text = text.text(format!(" ({})", t!(lang, "initiative-contact-on-web")));
    }
    if let Some(web) = &d.website {
        text = text.line(format!("{}: {web}", t!(lang, "field-website")));
    }
    if !d.topics.is_empty() {
        text = text.line(format!(
            "{}: {}",
            t!(lang, "field-topics"),
            d.topics.join(", ")
        ));
    }
    if let Some(place) = i.place {
        text = text.line(format!("📍 {place} – {}", place.osm_link()));
    }
    text
}

/// Stores a complete registration; shared by the one-line command and the guided form.
pub async fn register(turn: &mut Turn<'_>, draft: InitiativeDraft) -> Step {
    let member = turn.active_member()?;
    if turn.tx.initiative_by_name(&draft.name).await?.is_some() {
        return Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "initiative-name-taken",
            name = &draft.name
        ))));
    }
    let id = turn
        .tx
        .insert_initiative(member.id, &draft, turn.now)
        .await?;
    turn.audit(
        "initiative.register",
        Some(id.to_string()),
        serde_json::json!({ "name": draft.name, "region": draft.region }),
    )
    .await?;
    let initiative = Initiative {
        id,
        owner: Some(member.id),
        draft,
        created_at: turn.now,
        archived_at: None,
        place: None,
        contact_public: false,
    };
    let lang = turn.lang;
    let text = RichText::plain(t!(lang, "initiative-registered"))
        .text("\n\n")
        .append(card(lang, &initiative));
    turn.reply(text);
    Ok(())
}

/// Finds an active initiative by name or refuses with suggestions.
/// How many initiatives a loose search looks through (an alliance has dozens, not thousands).
const ALL_LIMIT: i64 = 2000;

/// Whether `text` contains `query`, both written loosely (`domain::text::loose`).
fn loose_contains(text: &str, query: &str) -> bool {
    let query = loose(query);
    !query.is_empty() && loose(text).contains(&query)
}

async fn find(turn: &mut Turn<'_>, name: &str) -> Step<Initiative> {
    if let Some(i) = turn.tx.initiative_by_name(name).await? {
        return Ok(i);
    }
    let mut similar = turn.tx.search_initiatives(Some(name), 5).await?;
    if similar.is_empty() {
        // Nothing contains it: perhaps a typo (`Tafl Suhl`) or another spelling.
        similar = turn
            .tx
            .search_initiatives(None, ALL_LIMIT)
            .await?
            .into_iter()
            .filter(|i| is_near(name, &i.draft.name) || loose_contains(&i.draft.name, name))
            .take(5)
            .collect();
    }
    let lang = turn.lang;
    let mut text = RichText::plain(t!(lang, "initiative-not-found", name = name));
    if !similar.is_empty() {
        let names: Vec<_> = similar.iter().map(|i| i.draft.name.clone()).collect();
        text = text.line(t!(
            lang,
            "initiative-did-you-mean",
            names = &names.join(", ")
        ));
    }
    Err(Failure::Refused(text))
}

/// Owners edit their own; organisers may edit and archive every initiative.
fn may_change(turn: &Turn<'_>, initiative: &Initiative) -> bool {
    turn.owns_or_organises(initiative.owner)
}

pub async fn edit(turn: &mut Turn<'_>, name: &str, field: InitiativeField, value: &str) -> Step {
    turn.active_member()?;
    let mut initiative = find(turn, name).await?;
    if !may_change(turn, &initiative) {
        return Err(turn.refuse("initiative-not-yours"));
    }
    let lang = turn.lang;
    let value = InitiativeDraft::check_field(field, value).map_err(|e| {
        Failure::Refused(usage_hint(
            lang,
            field_problem(lang, field, &e),
            "initiative-edit",
        ))
    })?;
    if let (InitiativeField::Name, FieldValue::Text(Some(new_name))) = (field, &value)
        && let Some(other) = turn.tx.initiative_by_name(new_name).await?
        && other.id != initiative.id
    {
        return Err(Failure::Refused(RichText::plain(t!(
            lang,
            "initiative-name-taken",
            name = new_name
        ))));
    }
    initiative.draft.set(field, value);
    turn.tx.update_initiative(&initiative).await?;
    turn.audit(
        "initiative.edit",
        Some(initiative.id.to_string()),
        serde_json::json!({ "field": field.key() }),
    )
    .await?;
    let field_name = tr(lang, &format!("field-{}", field.key()), &[]);
    let text = RichText::plain(t!(lang, "initiative-edited", field = &field_name))
        .text("\n\n")
        .append(card(lang, &initiative));
    turn.reply(text);
    Ok(())
}

pub async fn archive(turn: &mut Turn<'_>, name: &str) -> Step {
    turn.active_member()?;
    let mut initiative = find(turn, name).await?;
    if !may_change(turn, &initiative) {
        return Err(turn.refuse("initiative-not-yours"));
    }
    initiative.archived_at = Some(turn.now);
    turn.tx.update_initiative(&initiative).await?;
    turn.audit(
        "initiative.archive",
        Some(initiative.id.to_string()),
        serde_json::json!({ "name": initiative.draft.name }),
    )
    .await?;
    let text = t!(
        turn.lang,
        "initiative-archived",
        name = &initiative.draft.name
    );
    turn.reply(RichText::plain(text));
    Ok(())
}

/// `/initiative X ort …`: owners and organisers put it on the map (or take it off).
pub async fn set_place(turn: &mut Turn<'_>, name: &str, place: PlaceInput) -> Step {
    turn.active_member()?;
    let initiative = find(turn, name).await?;
    if !may_change(turn, &initiative) {
        return Err(turn.refuse("initiative-not-yours"));
    }
    let point = match place {
        PlaceInput::Pin => {
            let waiting = super::form::PlaceFor::Initiative(initiative.id.0);
            return super::form::ask_place(turn, waiting).await;
        }
        PlaceInput::At(point) => Some(point),
        PlaceInput::Remove => None,
    };
    put_on_map(turn, initiative, point).await
}

/// The pin someone was asked for (`/initiative X ort`, then a location shared).
pub async fn place_found(turn: &mut Turn<'_>, id: i64, at: GeoPoint) -> Step {
    turn.active_member()?;
    let initiative = turn
        .tx
        .initiative(crate::domain::InitiativeId(id))
        .await?
        .filter(|i| i.archived_at.is_none())
        .ok_or_else(|| turn.refuse("initiative-place-gone"))?;
    if !may_change(turn, &initiative) {
        return Err(turn.refuse("initiative-not-yours"));
    }
    put_on_map(turn, initiative, Some(at)).await
}

async fn put_on_map(
    turn: &mut Turn<'_>,
    mut initiative: Initiative,
    point: Option<GeoPoint>,
) -> Step {
    let lang = turn.lang;
    initiative.place = point;
    turn.tx.update_initiative(&initiative).await?;
    turn.audit(
        "initiative.place",
        Some(initiative.id.to_string()),
        serde_json::json!({ "set": point.is_some() }),
    )
    .await?;
    let said = match point {
        Some(_) => t!(lang, "initiative-place-set", name = &initiative.draft.name),
        None => t!(
            lang,
            "initiative-place-removed",
            name = &initiative.draft.name
        ),
    };
    turn.reply(
        RichText::plain(said)
            .text("\n\n")
            .append(card(lang, &initiative)),
    );
    Ok(())
}

/// `/initiative X kontakt öffentlich|privat`: the contact on the public web view or not.
pub async fn set_contact_public(turn: &mut Turn<'_>, name: &str, public: bool) -> Step {
    turn.active_member()?;
    let mut initiative = find(turn, name).await?;
    if !may_change(turn, &initiative) {
        return Err(turn.refuse("initiative-not-yours"));
    }
    initiative.contact_public = public;
    turn.tx.update_initiative(&initiative).await?;
    turn.audit(
        "initiative.contact_public",
        Some(initiative.id.to_string()),
        serde_json::json!({ "public": public }),
    )
    .await?;
    let key = if public {
        "initiative-contact-public"
    } else {
        "initiative-contact-private"
    };
    let text = t!(turn.lang, key, name = &initiative.draft.name);
    turn.reply(RichText::plain(text));
    Ok(())
}

pub async fn show(turn: &mut Turn<'_>, name: &str) -> Step {
    let initiative = find(turn, name).await?;
    let text = card(turn.lang, &initiative);
    turn.reply(text);
    Ok(())
}

pub async fn list(turn: &mut Turn<'_>, query: Option<&str>) -> Step {
    let lang = turn.lang;
    let mut found = turn.tx.search_initiatives(query, LIST_LIMIT + 1).await?;
    if let (true, Some(q)) = (found.is_empty(), query) {
        // As people write places: `zella mehlis`, `sommerda`.
        found = turn
            .tx
            .search_initiatives(None, ALL_LIMIT)
            .await?
            .into_iter()
            .filter(|i| {
                [&i.draft.name, &i.draft.region]
                    .into_iter()
                    .chain(i.draft.topics.iter())
                    .any(|text| loose_contains(text, q))
            })
            .take(LIST_LIMIT as usize + 1)
            .collect();
    }
    if found.is_empty() {
        let text = match query {
            Some(q) => t!(lang, "initiatives-none-for", query = q),
            None => t!(lang, "initiatives-none"),
        };
        turn.reply(RichText::plain(text));
        return Ok(());
    }
    let title = match query {
        Some(q) => t!(lang, "initiatives-title-for", query = q),
        None => t!(lang, "initiatives-title"),
    };
    let mut text = RichText::default().bold(title);
    for i in found.iter().take(LIST_LIMIT as usize) {
        text = text
            .text("\n• ")
            .bold(i.draft.name.clone())
            .text(format!(" ({})", i.draft.region));
        if !i.draft.topics.is_empty() {
            text = text.text(format!(" – {}", i.draft.topics.join(", ")));
        }
    }
    if found.len() > LIST_LIMIT as usize {
        text = text.line(t!(lang, "initiatives-more"));
    }
    text = text.line(t!(lang, "initiatives-show-hint"));
    turn.reply(text);
    Ok(())
}
