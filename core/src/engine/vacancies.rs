//! `/leerstand`: vacant places members share. A listing stays on the board (and the web
//! view) for a configured time; its owner is reminded privately before it expires and may
//! extend it, or mark the place taken.

use chrono::{DateTime, Duration, Utc};

use super::turn::{Failure, Step, Turn};
use super::{Engine, EngineError};
use crate::command::{PlaceInput, VacancyAction};
use crate::domain::text::loose;
use crate::domain::vacancy::{Vacancy, VacancyDraft, VacancyKind};
use crate::domain::{GeoPoint, Lang};
use crate::message::{Outgoing, RichText, Target};
use crate::store::{AuditEntry, StoreTx};
use crate::t;

/// How long a listing stays, and when its owner hears that it will go.
#[derive(Debug, Clone)]
pub struct VacancyRules {
    pub listed_for: Duration,
    pub remind_before: Duration,
}

impl Default for VacancyRules {
    fn default() -> Self {
        Self {
            listed_for: Duration::days(90),
            remind_before: Duration::days(7),
        }
    }
}

/// A chat shows at most this many listings; `/leerstand <suche>` narrows them down.
const LIST_MAX: usize = 20;

fn kind_name(lang: Lang, kind: VacancyKind) -> String {
    crate::i18n::tr(lang, &format!("vacancy-kind-{}", kind.key()), &[])
}

fn date(lang: Lang, at: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    crate::format::date(lang, at.with_timezone(&tz).date_naive())
}

/// The listing as the chat shows it; the contact for members, or for everyone once the
/// owner made it public.
fn card(turn: &Turn<'_>, v: &Vacancy, with_contact: bool) -> RichText {
    let lang = turn.lang;
    let d = &v.draft;
    let mut text = RichText::default()
        .bold(format!("L{} · {}", v.id, d.title))
        .line(format!("{} · {}", kind_name(lang, d.kind), d.place))
        .line(d.description.clone());
    if with_contact {
        text = text.line(format!("{}: {}", t!(lang, "field-contact"), d.contact));
        if v.contact_public {
            text = text.text(format!(" ({})", t!(lang, "initiative-contact-on-web")));
        }
    }
    if let Some(at) = v.location {
        text = text.line(format!("📍 {at} – {}", at.osm_link()));
    }
    if v.taken_at.is_some() {
        text = text.line(t!(lang, "vacancy-is-taken"));
    } else {
        let until = date(lang, v.expires_at, turn.config.timezone);
        text = text.line(t!(lang, "vacancy-listed-until", date = &until));
    }
    text
}

fn sees_contact(turn: &Turn<'_>, v: &Vacancy) -> bool {
    v.contact_public || turn.member.as_ref().is_some_and(|m| m.is_active())
}

/// The owner and organisers look after a listing.
fn may_change(turn: &Turn<'_>, v: &Vacancy) -> bool {
    turn.owns_or_organises(v.owner)
}

/// A listing by number; taken and expired ones only for those who may change them.
async fn found(turn: &mut Turn<'_>, id: i64) -> Step<Vacancy> {
    let vacancy = turn.tx.vacancy(id).await?;
    match vacancy {
        Some(v) if v.is_open(turn.now) || may_change(turn, &v) => Ok(v),
        _ => Err(Failure::Refused(RichText::plain(t!(
            turn.lang,
            "vacancy-not-found",
            id = id
        )))),
    }
}

pub async fn create(turn: &mut Turn<'_>, draft: VacancyDraft) -> Step {
    let member = turn.active_member()?;
    let expires = turn.now + turn.config.vacancies.listed_for;
    let id = turn
        .tx
        .insert_vacancy(member.id, &draft, turn.now, expires)
        .await?;
    turn.audit(
        "vacancy.new",
        Some(format!("L{id}")),
        serde_json::json!({ "kind": draft.kind.key() }),
    )
    .await?;
    let Some(vacancy) = turn.tx.vacancy(id).await? else {
        return Ok(());
    };
    let lang = turn.lang;
    let text = RichText::plain(t!(lang, "vacancy-listed", id = id))
        .text("\n\n")
        .append(card(turn, &vacancy, true))
        .line(t!(lang, "vacancy-listed-hint", id = id));
    turn.reply(text);
    Ok(())
}

/// `/leerstand [suche]`: a kind (`laden`) lists that kind; other words look in place and
/// title, as people write places (`zella mehlis`).
pub async fn list(turn: &mut Turn<'_>, query: Option<&str>) -> Step {
    let lang = turn.lang;
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let kind = query.and_then(VacancyKind::from_word);
    let words = query.map(loose);
    let open: Vec<Vacancy> = turn
        .tx
        .open_vacancies(turn.now)
        .await?
        .into_iter()
        .filter(|v| match (kind, &words) {
            (Some(kind), _) => v.draft.kind == kind,
            (None, Some(w)) => [&v.draft.place, &v.draft.title, &v.draft.description]
                .iter()
                .any(|text| loose(text).contains(w.as_str())),
            (None, None) => true,
        })
        .collect();
    if open.is_empty() {
        turn.reply(RichText::plain(match query {
            Some(q) => t!(lang, "vacancies-none-for", query = q),
            None => t!(lang, "vacancies-none"),
        }));
        return Ok(());
    }
    let title = match query {
        Some(q) => t!(lang, "vacancies-title-for", query = q),
        None => t!(lang, "vacancies-title"),
    };
    let mut text = RichText::default().bold(title);
    for v in open.iter().take(LIST_MAX) {
        text = text.text(format!(
            "\n• L{} · {} · {} – {}",
            v.id,
            kind_name(lang, v.draft.kind),
            v.draft.title,
            v.draft.place
        ));
    }
    if open.len() > LIST_MAX {
        text = text.line(t!(lang, "vacancies-more", count = open.len() - LIST_MAX));
    }
    text = text.line(t!(lang, "vacancies-hint"));
    turn.reply(text);
    Ok(())
}

pub async fn show(turn: &mut Turn<'_>, id: i64) -> Step {
    let vacancy = found(turn, id).await?;
    let with_contact = sees_contact(turn, &vacancy);
    let text = card(turn, &vacancy, with_contact);
    turn.reply(text);
    Ok(())
}

pub async fn act(turn: &mut Turn<'_>, id: i64, action: VacancyAction) -> Step {
    turn.active_member()?;
    let mut vacancy = found(turn, id).await?;
    if !may_change(turn, &vacancy) {
        return Err(turn.refuse("vacancy-not-yours"));
    }
    let lang = turn.lang;
    let said = match action {
        VacancyAction::Taken => {
            if vacancy.taken_at.is_some() {
                return Err(Failure::Refused(RichText::plain(t!(
                    lang,
                    "vacancy-taken-already",
                    id = id
                ))));
            }
            vacancy.taken_at = Some(turn.now);
            t!(lang, "vacancy-taken", id = id)
        }
        VacancyAction::Extend => {
            if vacancy.taken_at.is_some() {
                return Err(Failure::Refused(RichText::plain(t!(
                    lang,
                    "vacancy-taken-already",
                    id = id
                ))));
            }
            // Another full period; what is left of the reminder week is kept on top, so an
            // owner who answers the reminder loses no days (and early extensions gain none).
            let rules = &turn.config.vacancies;
            let left = vacancy.expires_at.min(turn.now + rules.remind_before);
            vacancy.expires_at = (turn.now + rules.listed_for).max(left + rules.listed_for);
            vacancy.reminded_at = None;
            let until = date(lang, vacancy.expires_at, turn.config.timezone);
            t!(lang, "vacancy-extended", id = id, date = &until)
        }
        VacancyAction::Place(PlaceInput::Pin) => {
            let waiting = super::form::PlaceFor::Vacancy(id);
            return super::form::ask_place(turn, waiting).await;
        }
        VacancyAction::Place(PlaceInput::At(at)) => {
            vacancy.location = Some(at);
            t!(lang, "vacancy-place-set", id = id)
        }
        VacancyAction::Place(PlaceInput::Remove) => {
            vacancy.location = None;
            t!(lang, "vacancy-place-removed", id = id)
        }
        VacancyAction::ContactPublic(public) => {
            vacancy.contact_public = public;
            if public {
                t!(lang, "vacancy-contact-public", id = id)
            } else {
                t!(lang, "vacancy-contact-private", id = id)
            }
        }
    };
    save(turn, &vacancy, action_name(action)).await?;
    let text = RichText::plain(said)
        .text("\n\n")
        .append(card(turn, &vacancy, true));
    turn.reply(text);
    Ok(())
}

fn action_name(action: VacancyAction) -> &'static str {
    match action {
        VacancyAction::Taken => "vacancy.taken",
        VacancyAction::Extend => "vacancy.extend",
        VacancyAction::Place(_) => "vacancy.place",
        VacancyAction::ContactPublic(_) => "vacancy.contact_public",
    }
}

async fn save(turn: &mut Turn<'_>, vacancy: &Vacancy, action: &'static str) -> Step {
    turn.tx.update_vacancy(vacancy).await?;
    turn.audit(
        action,
        Some(format!("L{}", vacancy.id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// The pin someone was asked for (`/leerstand L3 ort`, then a location shared).
pub async fn place_found(turn: &mut Turn<'_>, id: i64, at: GeoPoint) -> Step {
    act(turn, id, VacancyAction::Place(PlaceInput::At(at))).await
}

impl Engine {
    /// Tells each owner privately that their listing will expire soon (once per listing
    /// and period); returns how many were told.
    pub async fn remind_vacancies(&self, now: DateTime<Utc>) -> Result<usize, EngineError> {
        let rules = &self.config.vacancies;
        let due = self
            .store
            .begin_read()
            .await?
            .vacancies_to_remind(now, now + rules.remind_before)
            .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let mut tx = self.store.begin().await?;
        let mut audits = Vec::new();
        let mut outgoing = Vec::new();
        let mut told = 0;
        for listed in due {
            // Read again in the writing transaction: the owner may have extended it since.
            let Some(mut vacancy) = tx.vacancy(listed.id).await? else {
                continue;
            };
            if vacancy.reminded_at.is_some() || !vacancy.is_open(now) {
                continue;
            }
            vacancy.reminded_at = Some(now);
            tx.update_vacancy(&vacancy).await?;
            audits.push(AuditEntry {
                at: now,
                actor: None,
                action: "vacancy.reminded",
                subject: Some(format!("L{}", vacancy.id)),
                details: serde_json::json!({}),
            });
            if let Some(message) = self.reminder(&mut *tx, &vacancy).await? {
                outgoing.push(message);
                told += 1;
            }
        }
        self.commit_effects(tx, &audits, &outgoing, now.min(Utc::now()))
            .await?;
        Ok(told)
    }

    async fn reminder(
        &self,
        tx: &mut dyn StoreTx,
        vacancy: &Vacancy,
    ) -> Result<Option<Outgoing>, EngineError> {
        let Some(owner) = vacancy.owner else {
            return Ok(None);
        };
        let Some(person) = tx.member(owner).await? else {
            return Ok(None);
        };
        let Some(first) = tx.identities(owner).await?.into_iter().next() else {
            return Ok(None);
        };
        let lang = person.lang;
        let until = date(lang, vacancy.expires_at, self.config.timezone);
        let text = RichText::plain(t!(
            lang,
            "vacancy-expires-soon",
            id = vacancy.id,
            title = &vacancy.draft.title,
            date = &until
        ));
        Ok(Some(Outgoing::new(
            Target::Direct {
                identity: first.identity,
            },
            text,
        )))
    }
}
