//! Helpers for the integration tests: a fresh database per test (SQLite file or PostgreSQL
//! database), a bot driven through the real engine, and the replies it committed.

pub mod matrix;
pub mod measure;
pub mod telegram;
pub mod web;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use allianz_core::domain::{Platform, PlatformIdentity};
use allianz_core::message::{Attachment, ChatRef, Incoming, IncomingKind, Target};
use allianz_core::store::{self, Store};
use allianz_core::{Engine, EngineConfig, Handled};
use chrono::Utc;
use sqlx::Connection;

/// Limits for scenarios that type far faster than people do (a burst of 400 commands from
/// one account to test exactly-once); the limits themselves have their own tests.
pub fn scripted_limits() -> allianz_core::Limits {
    allianz_core::Limits {
        commands_per_minute: 100_000,
        invitations_per_day: 100_000,
        polls_per_hour: 100_000,
    }
}

/// Logs for a test run on request (`ALLIANZ_TEST_LOG=allianz_bot=debug`), quiet otherwise.
pub fn init_logs() {
    if let Ok(filter) = std::env::var("ALLIANZ_TEST_LOG") {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_test_writer()
            .try_init();
    }
}

/// Polls `probe` (for up to 10 s) until `done` holds; returns the last value either way.
pub async fn eventually<T, Fut: std::future::Future<Output = T>>(
    probe: impl Fn() -> Fut,
    done: impl Fn(&T) -> bool,
) -> T {
    let mut value = probe().await;
    for _ in 0..100 {
        if done(&value) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        value = probe().await;
    }
    value
}

/// Runs `$body` with `$conn` bound to a new connection to the test database, of whichever
/// kind (the body is compiled once per database type).
macro_rules! with_connection {
    ($db:expr, |$conn:ident| $body:expr) => {
        match $db {
            TestDb::Sqlite { url, .. } => {
                let mut $conn = sqlx::SqliteConnection::connect(url).await.expect("sqlite");
                $body
            }
            TestDb::Postgres { url, .. } => {
                let mut $conn = sqlx::PgConnection::connect(url).await.expect("postgres");
                $body
            }
        }
    };
}

/// The variable that points the tests at PostgreSQL. When it is set, a server that does not
/// answer fails the tests; it never skips them.
pub const POSTGRES_ENV: &str = "ALLIANZ_TEST_POSTGRES_URL";

pub enum TestDb {
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/allianz.db", dir.path().display());
        TestDb::Sqlite { _dir: dir, url }
    }

    /// A SQLite database already in a file (a backup), used as it is.
    pub fn sqlite_at(path: &std::path::Path) -> TestDb {
        TestDb::Sqlite {
            _dir: tempfile::tempdir().expect("temp dir"),
            url: format!("sqlite://{}", path.display()),
        }
    }

    /// A fresh database on the server named by `ALLIANZ_TEST_POSTGRES_URL`, or `None` if the
    /// variable is unset (then the PostgreSQL half of the suite is skipped with a note).
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
            eprintln!("{POSTGRES_ENV} not set: PostgreSQL test skipped");
            return None;
        };
        let name = format!("allianz_t_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={admin_url} does not answer: {e}"));
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = replace_database(&admin_url, &name);
        Some(TestDb::Postgres {
            admin_url,
            name,
            url,
        })
    }

    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub async fn store(&self) -> Arc<dyn Store> {
        store::connect(self.url()).await.expect("open store")
    }

    /// Every domain row as text, to prove that refused input changed nothing.
    pub async fn fingerprint(&self) -> Vec<String> {
        const QUERIES: &[&str] = &[
            "SELECT 'm|' || CAST(id AS TEXT) || '|' || display_name || '|' || role || '|' || status \
             || '|' || lang || '|' || COALESCE(CAST(consent_at AS TEXT), '-') FROM members",
            "SELECT 'i|' || identity || '|' || CAST(member_id AS TEXT) FROM member_identities",
            "SELECT 'v|' || code || '|' || COALESCE(CAST(used_by AS TEXT), '-') FROM invitations",
            "SELECT 'l|' || code || '|' || CAST(member_id AS TEXT) FROM link_codes",
            "SELECT 'n|' || CAST(id AS TEXT) || '|' || name || '|' || region || '|' || description \
             || '|' || contact || '|' || COALESCE(website, '-') || '|' || topics || '|' \
             || COALESCE(CAST(owner_id AS TEXT), '-') || '|' || COALESCE(CAST(archived_at AS TEXT), '-') \
             || '|' || COALESCE(CAST(lat_micro AS TEXT), '-') || '|' || COALESCE(CAST(lon_micro AS TEXT), '-') \
             || '|' || CAST(contact_public AS TEXT) FROM initiatives",
            "SELECT 'L|' || CAST(id AS TEXT) || '|' || title || '|' || place || '|' || kind || '|' \
             || contact || '|' || CAST(contact_public AS TEXT) || '|' \
             || COALESCE(CAST(lat_micro AS TEXT), '-') || '|' || CAST(expires_at AS TEXT) || '|' \
             || COALESCE(CAST(taken_at AS TEXT), '-') FROM vacancies",
            "SELECT 'c|' || identity || '|' || chat_key || '|' || state FROM conversations",
            "SELECT 'a|' || CAST(id AS TEXT) || '|' || action FROM audit_log",
            "SELECT 'p|' || CAST(id AS TEXT) || '|' || question || '|' \
             || COALESCE(CAST(closed_at AS TEXT), '-') FROM polls",
            "SELECT 'q|' || CAST(poll_id AS TEXT) || '|' || CAST(member_id AS TEXT) || '|' \
             || CAST(choice AS TEXT) FROM poll_choices",
            "SELECT 'e|' || CAST(id AS TEXT) || '|' || title || '|' || first_local || '|' \
             || COALESCE(rrule, '-') || '|' || COALESCE(CAST(capacity AS TEXT), '-') || '|' \
             || COALESCE(reminders, '-') || '|' || COALESCE(CAST(cancelled_at AS TEXT), '-') \
             FROM events",
            "SELECT 'x|' || CAST(event_id AS TEXT) || '|' || occurrence || '|' \
             || CAST(cancelled AS TEXT) FROM event_exceptions",
            "SELECT 'r|' || CAST(event_id AS TEXT) || '|' || occurrence || '|' \
             || CAST(member_id AS TEXT) || '|' || status FROM rsvps",
            "SELECT 't|' || CAST(event_id AS TEXT) || '|' || occurrence || '|' \
             || CAST(offset_min AS TEXT) || '|' || state FROM reminders",
        ];
        let mut rows = Vec::new();
        with_connection!(self, |conn| {
            for q in QUERIES {
                let r: Vec<String> = sqlx::query_scalar(*q).fetch_all(&mut conn).await.expect(q);
                rows.extend(r);
            }
        });
        rows.sort();
        rows
    }

    /// Runs SQL statements directly (to set up a fault in a test).
    pub async fn execute(&self, sql: &str) {
        with_connection!(self, |conn| {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&mut conn)
                .await
                .expect(sql);
        });
    }

    /// Every table of the schema.
    pub async fn tables(&self) -> Vec<String> {
        const SQLITE: &str = "SELECT name FROM sqlite_master WHERE type = 'table' \
                              AND name NOT LIKE 'sqlite_%' ORDER BY name";
        const POSTGRES: &str = "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                                WHERE table_schema = 'public' ORDER BY table_name";
        match self {
            TestDb::Sqlite { url, .. } => {
                let mut conn = sqlx::SqliteConnection::connect(url).await.expect("sqlite");
                sqlx::query_scalar(SQLITE)
                    .fetch_all(&mut conn)
                    .await
                    .expect(SQLITE)
            }
            TestDb::Postgres { url, .. } => {
                let mut conn = sqlx::PgConnection::connect(url).await.expect("postgres");
                sqlx::query_scalar(POSTGRES)
                    .fetch_all(&mut conn)
                    .await
                    .expect(POSTGRES)
            }
        }
    }

    /// Every place (`table.column: value`) where `needle` occurs in any column of any table,
    /// read as text.
    pub async fn places_holding(&self, needle: &str) -> Vec<String> {
        const SQLITE: &str = "SELECT name FROM pragma_table_info($1)";
        const POSTGRES: &str = "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                                WHERE table_schema = 'public' AND table_name = $1";
        let mut found = Vec::new();
        for table in self.tables().await {
            with_connection!(self, |conn| {
                let query = match self {
                    TestDb::Sqlite { .. } => SQLITE,
                    TestDb::Postgres { .. } => POSTGRES,
                };
                let columns: Vec<String> = sqlx::query_scalar(query)
                    .bind(&table)
                    .fetch_all(&mut conn)
                    .await
                    .expect(query);
                for column in columns {
                    let sql = format!(
                        "SELECT CAST({column} AS TEXT) FROM {table} \
                         WHERE CAST({column} AS TEXT) LIKE $1"
                    );
                    let values: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                        .bind(format!("%{needle}%"))
                        .fetch_all(&mut conn)
                        .await
                        .expect("search");
                    for value in values {
                        found.push(format!("{table}.{column}: {value}"));
                    }
                }
            });
        }
        found
    }

    /// How many rows a table has, read without taking the write lock (so a daemon writing
    /// the same SQLite file is not held up).
    pub async fn count(&self, table: &str) -> i64 {
        let query = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        with_connection!(self, |conn| sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .expect("count"))
    }

    /// The audit log's details of one action on one subject, oldest first, with the actor.
    pub async fn audit_details(&self, action: &str, subject: &str) -> Vec<(Option<i64>, String)> {
        const QUERY: &str = "SELECT actor_id, details FROM audit_log \
                             WHERE action = $1 AND subject = $2 ORDER BY id";
        with_connection!(self, |conn| sqlx::query_as(QUERY)
            .bind(action)
            .bind(subject)
            .fetch_all(&mut conn)
            .await
            .expect(QUERY))
    }

    pub fn kind(&self) -> &'static str {
        match self {
            TestDb::Sqlite { .. } => "SQLite",
            TestDb::Postgres { .. } => "PostgreSQL",
        }
    }

    /// When each handled reminder was due and when it was claimed (µs since the epoch).
    pub async fn handled_reminders(&self) -> Vec<(i64, i64)> {
        const QUERY: &str = "SELECT due_at, done_at FROM reminders WHERE done_at IS NOT NULL";
        with_connection!(self, |conn| sqlx::query_as(QUERY)
            .fetch_all(&mut conn)
            .await
            .expect(QUERY))
    }

    /// Every message the bot ever queued (sent or not), as stored: one JSON text per row.
    pub async fn outbox_rows(&self) -> Vec<String> {
        const QUERY: &str = "SELECT message FROM outbox ORDER BY id";
        with_connection!(self, |conn| sqlx::query_scalar(QUERY)
            .fetch_all(&mut conn)
            .await
            .expect(QUERY))
    }

    /// Drops a PostgreSQL test database (SQLite files go with their temp dir).
    pub async fn cleanup(self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
            && let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await;
        }
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// One message the bot committed to the outbox, as a person would see it.
#[derive(Debug, Clone)]
pub struct Reply {
    /// `Some(identity)` when it went to someone's private chat.
    pub private_to: Option<String>,
    pub text: String,
    pub attachment: Option<Attachment>,
    pub reply_to: Option<String>,
    pub buttons: Vec<Vec<allianz_core::message::Button>>,
    pub live_key: Option<String>,
    /// The id the harness gave the message as "the platform" (`out-<outbox id>`).
    pub message_id: String,
    /// Where it went: the chat's id, or the private chat's identity.
    pub to: String,
    pub sensitivity: allianz_core::message::Sensitivity,
}

/// The real engine over a real store, spoken to as console users.
pub struct Bot {
    pub engine: Arc<Engine>,
    pub store: Arc<dyn Store>,
    /// The platforms whose messages this harness delivers (the rest is left to real adapters).
    delivers: Vec<Platform>,
    /// Messages the outbox's last guard refused (confidential content for the wrong chat).
    refused: std::sync::Mutex<Vec<String>>,
}

static EVENT_SEQ: AtomicU64 = AtomicU64::new(1);

impl Bot {
    pub async fn new(db: &TestDb) -> Bot {
        Self::with_config(
            db,
            EngineConfig {
                admins: vec![PlatformIdentity::console("lokal").unwrap()],
                limits: scripted_limits(),
                ..EngineConfig::default()
            },
        )
        .await
    }

    pub async fn with_config(db: &TestDb, config: EngineConfig) -> Bot {
        let store = db.store().await;
        Self::speaking_to(Arc::new(Engine::new(store, config)), Platform::ALL.to_vec())
    }

    /// A terminal chat with an engine of its own on the same database, delivering only
    /// console messages: what it queues for other platforms waits for their senders to look.
    pub async fn with_console_admin(db: &TestDb) -> Bot {
        let mut bot = Self::new(db).await;
        bot.delivers = vec![Platform::Console];
        bot
    }

    /// The terminal chat of a daemon with real adapters: it speaks to their engine (one
    /// engine per daemon, so what it queues wakes their senders) and delivers only console
    /// messages.
    pub fn console_of(engine: Arc<Engine>) -> Bot {
        Self::speaking_to(engine, vec![Platform::Console])
    }

    fn speaking_to(engine: Arc<Engine>, delivers: Vec<Platform>) -> Bot {
        Bot {
            store: engine.store().clone(),
            engine,
            delivers,
            refused: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// An incoming text from `who` (a console name, or a full identity like `telegram:42`).
    pub fn text(&self, who: &str, text: &str) -> Incoming {
        let sender = if who.contains(':') {
            PlatformIdentity::parse(who).expect("identity")
        } else {
            PlatformIdentity::console(who).expect("console name")
        };
        let platform = sender.platform();
        Incoming {
            event_id: format!("ev-{}", EVENT_SEQ.fetch_add(1, Ordering::Relaxed)),
            chat: ChatRef {
                platform,
                id: format!("chat-{}", sender.user()),
                is_private: true,
                encrypted: false,
                title: None,
            },
            sender_name: Some(sender.user().to_string()),
            sender_handle: None,
            sender,
            at: Utc::now(),
            kind: IncomingKind::Text {
                text: text.to_string(),
            },
        }
    }

    /// The same, in a group chat shared by everyone.
    pub fn group_text(&self, who: &str, text: &str) -> Incoming {
        let mut incoming = self.text(who, text);
        incoming.chat = ChatRef {
            platform: incoming.sender.platform(),
            id: "gruppe".into(),
            is_private: false,
            encrypted: false,
            title: None,
        };
        incoming
    }

    /// Hands an event to the engine and waits for what it does after the commit (cards
    /// edited after votes), as a person sees it a moment later.
    pub async fn handle(&self, incoming: &Incoming) -> Handled {
        let handled = self.engine.handle(incoming).await.expect("engine");
        self.engine.settled().await;
        handled
    }

    /// Sends a text and returns the replies it produced (delivering them, as the daemon would).
    pub async fn say(&self, who: &str, text: &str) -> Vec<Reply> {
        let incoming = self.text(who, text);
        self.handle(&incoming).await;
        self.deliver_all().await
    }

    /// Hands over an event made by the test (a group, another messenger) and returns the
    /// replies it produced.
    pub async fn say_in(&self, incoming: &Incoming) -> Vec<Reply> {
        self.handle(incoming).await;
        self.deliver_all().await
    }

    /// Like `say`, expecting exactly one reply; returns its text.
    pub async fn ask(&self, who: &str, text: &str) -> String {
        let replies = self.say(who, text).await;
        assert_eq!(replies.len(), 1, "{text}: {replies:#?}");
        replies[0].text.clone()
    }

    /// Takes every pending message of every platform out of the outbox, marking it sent.
    pub async fn deliver_all(&self) -> Vec<Reply> {
        let mut out = Vec::new();
        for platform in self.delivers.iter().copied() {
            for item in self
                .store
                .pending_outbox(platform, Utc::now(), 1000)
                .await
                .expect("outbox")
            {
                // The daemon's outbox asks the engine first; so does the harness.
                if !self.engine.may_deliver(&item.message).await.expect("guard") {
                    self.store
                        .give_up(item.id, "refused: confidential", Utc::now())
                        .await
                        .expect("give up");
                    self.refused
                        .lock()
                        .unwrap()
                        .push(item.message.body.to_plain());
                    continue;
                }
                let message_id = format!("out-{}", item.id);
                self.store
                    .mark_sent(item.id, Some(&message_id), Utc::now())
                    .await
                    .expect("mark sent");
                let m = item.message;
                out.push(Reply {
                    private_to: match &m.target {
                        Target::Direct { identity } => Some(identity.to_string()),
                        Target::Chat { .. } => None,
                    },
                    text: m.body.to_plain(),
                    attachment: m.attachment,
                    reply_to: m.reply_to,
                    buttons: m.buttons,
                    live_key: m.live_key,
                    message_id,
                    to: match &m.target {
                        Target::Direct { identity } => identity.to_string(),
                        Target::Chat { chat } => chat.id.clone(),
                    },
                    sensitivity: m.sensitivity,
                });
            }
        }
        out
    }

    /// The texts of messages the outbox's last guard refused so far.
    pub fn refused(&self) -> Vec<String> {
        self.refused.lock().unwrap().clone()
    }

    /// The invitation code in an `/einladen` answer.
    pub fn code_in(text: &str) -> String {
        let re = regex::Regex::new(r"\b([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})\b").unwrap();
        re.captures(text).expect("a code in the reply")[1].to_string()
    }

    /// The link code in a `/verknuepfen` answer (the same form as invitations).
    pub fn link_code_in(text: &str) -> String {
        Self::code_in(text)
    }

    /// Admin invites `name`, who joins and accepts the code of conduct.
    pub async fn make_member(&self, name: &str) {
        let code = Self::code_in(&self.ask("lokal", "/einladen").await);
        self.ask(name, &format!("/beitreten {code}")).await;
        let done = self.ask(name, "/kodex akzeptieren").await;
        assert!(done.contains("Mitglied"), "{done}");
    }
}

/// Runs `body` against a fresh SQLite database.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::TestDb::sqlite();
                    super::$name(&db).await;
                    db.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = $crate::TestDb::postgres().await else { return };
                    super::$name(&db).await;
                    db.cleanup().await;
                }
            )*
        }
    };
}

/// An event as organisers create it, for tests that plan around a fixed date: titled
/// "Stammtisch", in the console group "gruppe", Berlin time, created (and remindable) from
/// `created`.
pub fn test_event(
    first: chrono::NaiveDateTime,
    recurrence: Option<allianz_core::schedule::Recurrence>,
    reminders: Vec<u32>,
    created: chrono::DateTime<Utc>,
) -> allianz_core::domain::Event {
    let schedule = allianz_core::schedule::Schedule {
        tz: chrono_tz::Europe::Berlin,
        first,
        duration: None,
        recurrence,
        all_day: false,
    };
    let chat = ChatRef {
        platform: Platform::Console,
        id: "gruppe".into(),
        is_private: false,
        encrypted: false,
        title: None,
    };
    let mut event = allianz_core::domain::Event::new(
        "Stammtisch".into(),
        schedule,
        chat,
        allianz_core::domain::Lang::De,
        created,
    );
    event.reminders = Some(reminders);
    event
}

/// A connected open group as the store keeps it, for tests that set up many channels at once.
pub fn open_channel(
    platform: allianz_core::domain::Platform,
    chat_id: &str,
    title: &str,
) -> allianz_core::store::Channel {
    allianz_core::store::Channel {
        platform,
        chat_id: chat_id.to_string(),
        title: title.to_string(),
        confidential: false,
        connected_by: None,
        connected_at: Utc::now(),
        unreachable_since: None,
        region: None,
        events: false,
    }
}
