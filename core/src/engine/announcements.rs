//! Announcements: organisers write once, every connected channel (or a region's, or only the
//! confidential ones) gets it, and the organiser sees a delivery report kept up to date in
//! the chat they asked in.

use super::turn::{Step, Turn};
use crate::domain::Lang;
use crate::domain::announcement::Scope;
use crate::domain::text::fold;
use crate::message::{ChatRef, Outgoing, RichText, Sensitivity, Target};
use crate::store::{Channel, Delivery, DeliveryState, NewAnnouncement};
use crate::t;

/// The live key of an announcement's delivery report.
pub(super) fn report_key(id: i64) -> String {
    format!("announcement-{id}")
}

/// The channels a scope reaches.
fn reaches(scope: &Scope, channel: &Channel) -> bool {
    match scope {
        Scope::All => true,
        Scope::Region(region) => channel
            .region
            .as_deref()
            .is_some_and(|r| fold(r) == fold(region)),
        Scope::Confidential => channel.confidential,
    }
}

pub async fn announce(turn: &mut Turn<'_>, scope: Scope, text: String) -> Step {
    let member = turn.active_member()?;
    let here = turn.incoming.chat.clone();
    let channels = turn.tx.channels().await?;
    if scope == Scope::Confidential {
        // Its text must not show where it does not belong, not even in the report.
        let in_confidential_room = channels
            .iter()
            .any(|c| c.confidential && c.platform == here.platform && c.chat_id == here.id);
        if !here.is_private && !in_confidential_room {
            return Err(turn.refuse("announce-confidential-here"));
        }
    }
    let targets: Vec<&Channel> = channels.iter().filter(|c| reaches(&scope, c)).collect();
    if targets.is_empty() {
        return Err(match &scope {
            Scope::Region(region) => {
                let mut known: Vec<&str> = channels
                    .iter()
                    .filter_map(|c| c.region.as_deref())
                    .collect();
                known.sort_unstable();
                known.dedup();
                let known = if known.is_empty() {
                    "–".to_string()
                } else {
                    known.join(", ")
                };
                super::turn::Failure::Refused(RichText::plain(t!(
                    turn.lang,
                    "announce-no-region",
                    region = region.as_str(),
                    known = known.as_str()
                )))
            }
            Scope::Confidential => turn.refuse("announce-no-confidential"),
            Scope::All => turn.refuse("announce-no-channels"),
        });
    }
    let report_to = Target::Chat { chat: here.clone() };
    let id = turn
        .tx
        .insert_announcement(&NewAnnouncement {
            author: member.id,
            scope: scope.clone(),
            body: text.clone(),
            report_to: report_to.clone(),
            lang: turn.lang,
            created_at: turn.now,
            sent_at: Some(turn.now),
        })
        .await?;
    let lang = turn.lang;
    for channel in &targets {
        let body = RichText::default()
            .bold(t!(lang, "announcement-title"))
            .text(format!("\n{text}"));
        let mut message = Outgoing::new(
            Target::Chat {
                chat: ChatRef {
                    platform: channel.platform,
                    id: channel.chat_id.clone(),
                    is_private: false,
                    encrypted: channel.confidential,
                    title: Some(channel.title.clone()),
                },
            },
            body,
        );
        if scope == Scope::Confidential {
            message.sensitivity = Sensitivity::Confidential;
        }
        message.announcement = Some(id);
        turn.outgoing.push(message);
    }
    turn.audit(
        "announcement.send",
        Some(id.to_string()),
        serde_json::json!({
            "scope": scope.as_str(),
            "region": scope.region(),
            "channels": targets.len(),
        }),
    )
    .await?;
    let report = report(lang, id, &vec![pending(); targets.len()]);
    turn.tx
        .set_announcement_report(id, &report.to_plain())
        .await?;
    let mut message = Outgoing::new(report_to, report);
    message.reply_to = Some(turn.incoming.event_id.clone());
    message.live_key = Some(report_key(id));
    // Tied to the announcement (its author's data goes with it), not one of its deliveries.
    message.announcement = Some(id);
    turn.outgoing.push(message);
    Ok(())
}

fn pending() -> Delivery {
    Delivery {
        platform: crate::domain::Platform::Console,
        chat_id: String::new(),
        title: None,
        state: DeliveryState::Pending { last_error: None },
    }
}

/// "an 7 von 8 Kanälen zugestellt – Matrix: Suhl ausstehend (Ratenlimit)"; once nothing is
/// pending, the final word with what failed and why.
pub(super) fn report(lang: Lang, id: i64, deliveries: &[Delivery]) -> RichText {
    let total = deliveries.len();
    let sent = deliveries
        .iter()
        .filter(|d| d.state == DeliveryState::Sent)
        .count();
    let waiting = deliveries
        .iter()
        .filter(|d| matches!(d.state, DeliveryState::Pending { .. }))
        .count();
    let key = if waiting == 0 {
        "announce-report-done"
    } else {
        "announce-report-progress"
    };
    let mut text = RichText::plain(t!(lang, key, id = id, sent = sent, total = total));
    for d in deliveries {
        let name = d.title.clone().unwrap_or_else(|| d.chat_id.clone());
        let line = match &d.state {
            DeliveryState::Sent | DeliveryState::Pending { last_error: None } => continue,
            DeliveryState::Pending {
                last_error: Some(why),
            } => t!(
                lang,
                "announce-report-pending",
                platform = d.platform.display_name(),
                channel = name.as_str(),
                why = why.as_str()
            ),
            DeliveryState::Failed { reason } => t!(
                lang,
                "announce-report-failed",
                platform = d.platform.display_name(),
                channel = name.as_str(),
                why = reason.as_str()
            ),
        };
        text = text.line(format!("– {line}"));
    }
    text
}
