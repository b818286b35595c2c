//! The one registry of personal data: every table whose rows name or point to a person, the
//! columns a person gets in their export, and what happens to the rows when they ask to be
//! forgotten. `/meine-daten` exports from it and `/vergessen` erases from it; a contract test
//! plants a person in every feature, forgets them and searches every table for them, and
//! fails for any table that is in neither list below.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::Result;
use crate::domain::{EventId, MemberId, PlatformIdentity, RsvpStatus};

/// How a table's rows point to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A member id column.
    Member(&'static str),
    /// A column holding one of the person's accounts (`telegram:42`).
    Account(&'static str),
    /// `reactions.person`: `m:<member id>`, or the account of someone not a member.
    Reactor,
    /// The outbox: messages to the person's accounts, and sent messages naming them.
    Outbox,
    /// Rows keyed by a voter token: this expression finds the member a row's token belongs to
    /// (`budget_voters`), as long as the link exists.
    Voter(&'static str),
}

/// A value a holder column is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Member(i64),
    Text(String),
}

impl Holder {
    /// The column and values that point to `person`: the member id, each account, or both
    /// forms of a reactor (none for the outbox, which is searched by its content).
    pub fn keys(self, person: &Person<'_>) -> Vec<(&'static str, Key)> {
        let accounts = person.accounts.iter().map(|a| Key::Text(a.to_string()));
        match self {
            Holder::Member(column) => vec![(column, Key::Member(person.member.0))],
            Holder::Account(column) => accounts.map(|key| (column, key)).collect(),
            Holder::Reactor => std::iter::once(Key::Text(format!("m:{}", person.member.0)))
                .chain(accounts)
                .map(|key| ("person", key))
                .collect(),
            Holder::Outbox => Vec::new(),
            Holder::Voter(owner) => vec![(owner, Key::Member(person.member.0))],
        }
    }
}

/// What forgetting does to the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forget {
    /// The rows go.
    Delete,
    /// The rows stay, these columns are emptied (NULL): the thing stays, the person goes.
    Unlink(&'static [&'static str]),
    /// The rows stay as they are: they hold an anonymous member number only, which nothing
    /// links to the person once the member row is nameless (a vote stays counted, an audit
    /// fact stays true).
    Keep,
    /// The member row itself stays, nameless (so numbers elsewhere stay anonymous): these
    /// columns get these SQL values.
    Set(&'static [(&'static str, &'static str)]),
    /// The rows go, and first what this statement deletes elsewhere because of them (`{}`
    /// is the holder's column, `$1` the person).
    DeleteWith(&'static str),
}

/// One table holding personal data.
#[derive(Debug)]
pub struct PersonalData {
    pub table: &'static str,
    pub holder: Holder,
    /// What the person gets in their export.
    pub columns: &'static [&'static str],
    pub forget: Forget,
    /// What it is, as the export explains it.
    pub what: &'static str,
}

pub static REGISTRY: &[PersonalData] = &[
    PersonalData {
        table: "members",
        holder: Holder::Member("id"),
        columns: &[
            "id",
            "display_name",
            "role",
            "status",
            "lang",
            "invited_by",
            "joined_at",
            "consent_at",
        ],
        forget: Forget::Set(&[
            ("display_name", "''"),
            ("role", "'member'"),
            ("status", "'forgotten'"),
            ("consent_at", "NULL"),
        ]),
        what: "you as a member",
    },
    PersonalData {
        table: "member_identities",
        holder: Holder::Member("member_id"),
        columns: &["identity", "handle", "linked_at"],
        forget: Forget::Delete,
        what: "your messenger accounts",
    },
    PersonalData {
        table: "invitations",
        holder: Holder::Member("created_by"),
        columns: &["code", "created_at", "expires_at", "used_at", "used_by"],
        forget: Forget::Keep,
        what: "invitations you made",
    },
    PersonalData {
        table: "link_codes",
        holder: Holder::Member("member_id"),
        columns: &["expires_at"],
        forget: Forget::Delete,
        what: "your open account-linking code",
    },
    PersonalData {
        table: "initiatives",
        holder: Holder::Member("owner_id"),
        columns: &[
            "name",
            "region",
            "description",
            "contact",
            "website",
            "topics",
            "created_at",
            "archived_at",
            "lat_micro",
            "lon_micro",
            "contact_public",
        ],
        forget: Forget::Unlink(&["owner_id"]),
        what: "initiatives you registered (they stay on the map without you)",
    },
    PersonalData {
        table: "vacancies",
        holder: Holder::Member("owner_id"),
        columns: &[
            "id",
            "title",
            "place",
            "kind",
            "description",
            "contact",
            "contact_public",
            "lat_micro",
            "lon_micro",
            "created_at",
            "expires_at",
            "reminded_at",
            "taken_at",
        ],
        // A listing carries its owner's contact: it goes with them.
        forget: Forget::Delete,
        what: "vacant places you listed (they leave the board)",
    },
    PersonalData {
        table: "conversations",
        holder: Holder::Account("identity"),
        columns: &["chat_key", "state", "updated_at"],
        forget: Forget::Delete,
        what: "forms you were filling in step by step",
    },
    PersonalData {
        table: "code_failures",
        holder: Holder::Account("identity"),
        columns: &["at"],
        forget: Forget::Delete,
        what: "wrong codes typed in the last hour",
    },
    PersonalData {
        table: "audit_log",
        holder: Holder::Member("actor_id"),
        columns: &["at", "action", "subject", "details"],
        forget: Forget::Keep,
        what: "what you did (the log keeps the facts, not your name)",
    },
    PersonalData {
        table: "rsvps",
        holder: Holder::Member("member_id"),
        columns: &["event_id", "occurrence", "status", "contact", "at"],
        forget: Forget::Delete,
        what: "your answers to events",
    },
    PersonalData {
        table: "poll_choices",
        holder: Holder::Member("member_id"),
        columns: &["poll_id", "choice", "at"],
        forget: Forget::Keep,
        what: "your choices in polls (they stay counted, without your name)",
    },
    PersonalData {
        table: "reactions",
        holder: Holder::Reactor,
        columns: &["platform", "chat_id", "message_id", "reaction", "at"],
        forget: Forget::Delete,
        what: "your reactions on the bot's messages",
    },
    PersonalData {
        table: "events",
        holder: Holder::Member("created_by"),
        // The link to the person, not the event's content: the export goes to a private
        // chat, and a confidential event's title must not (see `domain::visibility`).
        columns: &["id", "visibility", "created_at"],
        forget: Forget::Unlink(&["created_by"]),
        what: "events you created (they stay, without you)",
    },
    PersonalData {
        table: "polls",
        holder: Holder::Member("created_by"),
        columns: &["id", "visibility", "created_at"],
        forget: Forget::Unlink(&["created_by"]),
        what: "polls you asked (they stay, without you)",
    },
    PersonalData {
        table: "channels",
        holder: Holder::Member("connected_by"),
        columns: &["platform", "chat_id", "connected_at"],
        forget: Forget::Unlink(&["connected_by"]),
        what: "chats you connected as channels",
    },
    PersonalData {
        table: "announcements",
        holder: Holder::Member("author"),
        // Not the text: a confidential announcement's must not go into an export.
        columns: &["id", "scope", "region", "created_at", "on_web"],
        // The record also names the chat the author asked in (their private chat, often),
        // and so does the delivery report kept up to date there.
        forget: Forget::DeleteWith(
            "DELETE FROM outbox WHERE live_key IS NOT NULL AND announcement IN \
             (SELECT id FROM announcements WHERE {} = $1)",
        ),
        what: "announcements you sent to the channels (the channels keep the messages)",
    },
    PersonalData {
        table: "event_subscriptions",
        holder: Holder::Member("member_id"),
        columns: &["event_id", "contact", "at"],
        forget: Forget::Delete,
        what: "event series you follow (reminded of every date)",
    },
    PersonalData {
        table: "topics",
        holder: Holder::Member("proposed_by"),
        columns: &["id", "title", "created_at"],
        forget: Forget::Unlink(&["proposed_by"]),
        what: "topics you suggested for the meetups (they stay, without you)",
    },
    PersonalData {
        table: "topic_points",
        holder: Holder::Member("member_id"),
        columns: &["topic_id", "points", "at"],
        forget: Forget::Delete,
        what: "your points on meetup topics",
    },
    PersonalData {
        table: "agenda_items",
        holder: Holder::Member("member_id"),
        columns: &[
            "id",
            "kind",
            "title",
            "event_id",
            "occurrence",
            "contact",
            "offered_at",
            "placed_at",
            "withdrawn_at",
        ],
        forget: Forget::Delete,
        what: "impulses and presentations you offered",
    },
    PersonalData {
        table: "event_dates",
        holder: Holder::Member("documented_by"),
        columns: &["event_id", "occurrence", "documented_at"],
        forget: Forget::Unlink(&["documented_by"]),
        what: "documentation you added to events (it stays, without you)",
    },
    PersonalData {
        table: "question_rounds",
        holder: Holder::Member("opened_by"),
        columns: &["id", "title", "opened_at", "closed_at"],
        forget: Forget::Unlink(&["opened_by"]),
        what: "question rounds you opened (they stay, without you)",
    },
    PersonalData {
        table: "questions",
        holder: Holder::Member("member_id"),
        columns: &[
            "id",
            "round_id",
            "body",
            "anonymous",
            "contact",
            "asked_at",
            "state",
            "reply",
        ],
        forget: Forget::DeleteWith(
            "DELETE FROM question_votes WHERE question_id IN (SELECT id FROM questions WHERE {} = $1)",
        ),
        what: "your questions in question rounds",
    },
    PersonalData {
        table: "question_votes",
        holder: Holder::Member("member_id"),
        columns: &["question_id", "at"],
        forget: Forget::Delete,
        what: "your votes for questions",
    },
    PersonalData {
        table: "outbox",
        holder: Holder::Outbox,
        columns: &[],
        forget: Forget::Delete,
        what: "messages to you, kept until sent and then for the retention period",
    },
    PersonalData {
        table: "budget_rounds",
        holder: Holder::Member("created_by"),
        columns: &["id", "title", "created_at"],
        forget: Forget::Unlink(&["created_by"]),
        what: "Spendenparlament rounds you opened (they stay without you)",
    },
    PersonalData {
        table: "budget_contributions",
        holder: Holder::Member("entered_by"),
        columns: &["round_id", "cents", "donor", "at"],
        forget: Forget::Unlink(&["entered_by"]),
        what: "contributions to a round's pot you recorded",
    },
    PersonalData {
        table: "grant_applications",
        holder: Holder::Member("applicant_id"),
        columns: &[
            "id",
            "round_id",
            "title",
            "amount_cents",
            "purpose",
            "state",
            "submitted_at",
        ],
        forget: Forget::Unlink(&["applicant_id"]),
        what: "grant applications you submitted (they stay, without you)",
    },
    PersonalData {
        table: "budget_voters",
        holder: Holder::Member("member_id"),
        columns: &["round_id", "token"],
        forget: Forget::Unlink(&["member_id"]),
        what: "your voter token in a round: your votes are kept under it; once you are \
               forgotten they stay counted, but nothing links them to you",
    },
    PersonalData {
        table: "budget_votes",
        holder: Holder::Voter(
            "(SELECT v.member_id FROM budget_voters v WHERE v.token = budget_votes.token)",
        ),
        columns: &["application_id", "choice", "at"],
        // Counted on, anonymously, once the token is unlinked from the person.
        forget: Forget::Keep,
        what: "your current votes on grant applications",
    },
    PersonalData {
        table: "budget_hints",
        holder: Holder::Reactor,
        columns: &["round_id", "kind"],
        forget: Forget::Delete,
        what: "hints you got about votes that could not count",
    },
];

/// Tables without personal data, and why.
pub static NOT_PERSONAL: &[(&str, &str)] = &[
    ("_sqlx_migrations", "the schema's history"),
    ("inbox", "platform event ids, to take each event once"),
    ("cursors", "positions in the platforms' event streams"),
    ("event_exceptions", "cancelled and moved dates"),
    ("event_channels", "chats an event is announced in"),
    ("reminders", "when reminders are due"),
    ("partner_events", "partner calendars' public events"),
    (
        "budget_vote_log",
        "every vote change, by voter token only, hash-chained for recounts (the person's \
         current votes are exported from budget_votes)",
    ),
    ("budget_results", "counts and allocation per application"),
    (
        "dead_letters",
        "events set aside: platform, id, kind and error, no content",
    ),
];

/// One person as the registry finds them.
#[derive(Debug, Clone)]
pub struct Person<'a> {
    pub member: MemberId,
    pub accounts: &'a [PlatformIdentity],
    /// Their name as shown, to find it in messages kept in the outbox.
    pub name: &'a str,
}

/// The rows of one table in an export: column → value (as text; instants as RFC 3339).
pub type ExportRows = Vec<serde_json::Map<String, serde_json::Value>>;

/// An answer the person had given, for what must happen after it is gone (waiting lists
/// move up, cards show the new counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenAnswer {
    pub event: EventId,
    pub occurrence: chrono::NaiveDate,
    pub status: RsvpStatus,
}

#[async_trait]
pub trait PersonalTx: Send {
    /// Everything the registry holds about a person, table by table (tables without rows
    /// left out).
    async fn export_person(
        &mut self,
        person: &Person<'_>,
    ) -> Result<Vec<(&'static str, ExportRows)>>;

    /// The person's answers to events, before they are forgotten.
    async fn answers_of(&mut self, member: MemberId) -> Result<Vec<GivenAnswer>>;

    /// Forgets a person as the registry says, table by table.
    async fn forget_person(&mut self, person: &Person<'_>) -> Result<()>;

    /// Deletes sent messages and taken-in events older than `before`, except what live
    /// messages still need to be edited and reacted to. Returns (outbox, inbox) rows deleted.
    async fn prune(&mut self, before: DateTime<Utc>) -> Result<(u64, u64)>;
}

/// A stored value as the export shows it: instants (`…_at`, `at`; µs since the epoch) as
/// RFC 3339, JSON texts as JSON, the rest as text.
pub fn export_value(column: &str, value: Option<String>) -> serde_json::Value {
    let Some(value) = value else {
        return serde_json::Value::Null;
    };
    if (column == "at" || column.ends_with("_at"))
        && let Ok(us) = value.parse::<i64>()
    {
        return serde_json::Value::String(super::from_us(us).to_rfc3339());
    }
    if (column == "details" || column == "state")
        && let Ok(json) = serde_json::from_str(&value)
    {
        return json;
    }
    serde_json::Value::String(value)
}

/// `text` with LIKE's wildcards escaped (`\` is the escape character).
pub fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
