//! Sending outbox messages into Matrix rooms: `m.notice` with an HTML body and a plain
//! fallback, as a reply to the command, under a transaction id derived from the outbox row.

use allianz_core::domain::Platform;
use allianz_core::message::Target;
use allianz_core::store::OutboxItem;
use async_trait::async_trait;
use matrix_sdk::Client;
use matrix_sdk::attachment::AttachmentConfig;
use matrix_sdk::ruma::api::error::{ErrorKind, RetryAfter};
use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
use matrix_sdk::ruma::events::room::message::{
    Relation, ReplacementMetadata, RoomMessageEventContent,
};
use matrix_sdk::ruma::{EventId, OwnedTransactionId, RoomId, UserId};

use crate::outbox::{Deliver, DeliveryError};

pub struct MatrixDelivery {
    pub client: Client,
}

fn retry(error: &matrix_sdk::Error) -> DeliveryError {
    let after = match error.client_api_error_kind() {
        Some(ErrorKind::LimitExceeded(limit)) => match limit.retry_after {
            Some(RetryAfter::Delay(d)) => Some(d),
            _ => None,
        },
        _ => None,
    };
    DeliveryError::Retry {
        after,
        reason: error.to_string(),
    }
}

fn failed(reason: impl Into<String>) -> DeliveryError {
    DeliveryError::Retry {
        after: None,
        reason: reason.into(),
    }
}

impl MatrixDelivery {
    async fn room(&self, target: &Target) -> Result<matrix_sdk::Room, DeliveryError> {
        match target {
            Target::Chat { chat } => {
                let id = RoomId::parse(&chat.id).map_err(|e| failed(e.to_string()))?;
                let room = self
                    .client
                    .get_room(&id)
                    .ok_or_else(|| failed(format!("not in room {id}")))?;
                // Checked again: people may have joined since the request came in.
                if chat.is_private && !super::intake::is_private(&room).await {
                    return Err(DeliveryError::Rejected {
                        reason: "the private chat has other members now".into(),
                    });
                }
                Ok(room)
            }
            Target::Direct { identity } => {
                let user = UserId::parse(identity.user()).map_err(|e| failed(e.to_string()))?;
                // Only a direct chat that is still just the two of them (see `is_private`).
                for room in self.client.get_dm_rooms(&user) {
                    if super::intake::is_private(&room).await {
                        return Ok(room);
                    }
                }
                // The bot writes first: it opens the direct chat itself.
                self.client.create_dm(&user).await.map_err(|e| retry(&e))
            }
        }
    }
}

#[async_trait]
impl Deliver for MatrixDelivery {
    fn platform(&self) -> Platform {
        Platform::Matrix
    }

    async fn deliver(&self, item: &OutboxItem) -> Result<Option<String>, DeliveryError> {
        let message = &item.message;
        let room = self.room(&message.target).await?;
        let mut content =
            RoomMessageEventContent::notice_html(message.body.to_plain(), message.body.to_html());
        let edit_of = item
            .edit_of
            .as_deref()
            .and_then(|id| EventId::parse(id).ok());
        if let Some(original) = &edit_of {
            // A live message (a poll's counts): clients show the replacement in its place.
            content = content.make_replacement(ReplacementMetadata::new(original.clone(), None));
        } else if let Some(reply_to) = message.reply_to.as_deref()
            && let Ok(event_id) = EventId::parse(reply_to)
        {
            content.relates_to = Some(Relation::Reply(Reply::new(InReplyTo::new(event_id))));
        }
        let txn: OwnedTransactionId = format!("allianz-{}", item.id).into();
        let sent = room
            .send(content)
            .with_transaction_id(txn)
            .await
            .map_err(|e| retry(&e))?;
        if let Some(file) = &message.attachment {
            let mime: mime::Mime = file.mime.parse().unwrap_or(mime::APPLICATION_OCTET_STREAM);
            room.send_attachment(
                &file.filename,
                &mime,
                file.content.as_bytes().to_vec(),
                AttachmentConfig::new().txn_id(format!("allianz-{}-file", item.id).into()),
            )
            .await
            .map_err(|e| retry(&e))?;
        }
        // An edit keeps the original's id: reactions and later edits refer to that one.
        Ok(Some(match edit_of {
            Some(original) => original.to_string(),
            None => sent.response.event_id.to_string(),
        }))
    }
}
