//! A local stand-in of the Telegram Bot API (Telegram itself is unreachable from the tests),
//! following the published API for what the bot uses: `POST /bot<token>/<method>` with
//! case-insensitive method names, JSON or multipart bodies, `{"ok":true,"result":…}`, errors
//! as `{"ok":false,"error_code":…,"description":…}` (429 with `parameters.retry_after`), a
//! full `getMe`, and `getUpdates` as a real long poll that honours `offset` (updates below it
//! are forgotten: that is the acknowledgement), `timeout` and `allowed_updates`.
//!
//! The bot's real adapter talks to it over HTTP; tests push updates in and look at what the
//! bot called.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify};

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "allianz_test_bot";
/// A bot token starts with the bot's user id, as Telegram's do.
pub const TOKEN: &str = "7000000001:TEST-token";

/// One request the bot made, as the stand-in received it.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method as Telegram documents it, lower case (`sendmessage`).
    pub method: String,
    pub params: Value,
    pub at: Instant,
    /// The HTTP status the stand-in answered with.
    pub status: u16,
    /// What it answered (`result` of a success: the bot's message for sends).
    pub result: Value,
}

/// The `chat_id` parameter, sent as a number (JSON) or as text (multipart).
fn chat_id_of(params: &Value) -> Option<i64> {
    match &params["chat_id"] {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

impl Call {
    pub fn chat_id(&self) -> Option<i64> {
        chat_id_of(&self.params)
    }

    pub fn text(&self) -> &str {
        self.params["text"].as_str().unwrap_or_default()
    }

    pub fn reply_to(&self) -> Option<i64> {
        let p = &self.params["reply_parameters"];
        match p {
            Value::String(s) => serde_json::from_str::<Value>(s).ok()?["message_id"].as_i64(),
            p => p["message_id"].as_i64(),
        }
    }
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    /// Updates not yet acknowledged.
    updates: VecDeque<Value>,
    /// What `getUpdates` delivers when a call names no `allowed_updates` (Telegram keeps the
    /// last list; initially everything but reactions and chat members).
    allowed: Option<Vec<String>>,
    calls: Vec<Call>,
    /// Chats known from updates, for the `chat` of the bot's own messages.
    chats: HashMap<i64, Value>,
    next_message_id: HashMap<i64, i64>,
    /// Chats the bot was removed from: sending there is forbidden.
    kicked: HashSet<i64>,
    /// People who opened their private chat with the bot; Telegram refuses private messages
    /// to everyone else.
    started: HashSet<i64>,
    /// After this many more sends go through, the next this-many fail with 429 and this
    /// `retry_after`.
    throttle_next: Option<(u32, u32, u32)>,
    /// Sends allowed per second overall, like Telegram's limit; more get a 429.
    per_second: Option<usize>,
    recent_sends: VecDeque<Instant>,
    commands: HashMap<String, Value>,
    /// The offset of every `getUpdates` call, in order.
    offsets: Vec<Option<i64>>,
    /// Telegram has trouble: every method is answered with 502 Bad Gateway.
    down: bool,
}

#[derive(Clone)]
pub struct StandIn {
    inner: Arc<Mutex<Inner>>,
    new_update: Arc<Notify>,
    new_call: Arc<Notify>,
    pub token: String,
    pub url: String,
    server: Arc<tokio::task::JoinHandle<()>>,
    /// Long polls the client gave up on before the stand-in answered (Telegram would have
    /// answered; a client that hangs up early sees network errors when the bot is idle).
    abandoned_polls: Arc<std::sync::atomic::AtomicUsize>,
}

/// Counts a long poll as abandoned unless it was answered.
struct PollGuard {
    answered: bool,
    abandoned: Arc<std::sync::atomic::AtomicUsize>,
}

impl Drop for PollGuard {
    fn drop(&mut self) {
        if !self.answered {
            self.abandoned
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if Arc::strong_count(&self.server) == 1 {
            self.server.abort();
        }
    }
}

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({ "ok": true, "result": result })),
    )
        .into_response()
}

fn error(code: u16, description: &str) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({ "ok": false, "error_code": code, "description": description });
    (status, axum::Json(body)).into_response()
}

fn too_many(retry_after: u32) -> Response {
    let body = json!({
        "ok": false,
        "error_code": 429,
        "description": format!("Too Many Requests: retry after {retry_after}"),
        "parameters": { "retry_after": retry_after },
    });
    (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response()
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The kind of an update: its one key besides `update_id`.
fn kind_of(update: &Value) -> String {
    update
        .as_object()
        .and_then(|o| o.keys().find(|k| *k != "update_id").cloned())
        .unwrap_or_default()
}

/// Telegram's default when a bot never named `allowed_updates`.
fn allowed_by_default(kind: &str) -> bool {
    !matches!(
        kind,
        "chat_member" | "message_reaction" | "message_reaction_count"
    )
}

pub fn user(id: i64, first_name: &str) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": first_name, "language_code": "de" })
}

/// A person's private chat as the engine addresses it.
pub fn private_target(id: i64) -> allianz_core::message::Target {
    allianz_core::message::Target::Chat {
        chat: allianz_core::message::ChatRef {
            platform: allianz_core::domain::Platform::Telegram,
            id: id.to_string(),
            is_private: true,
            encrypted: false,
            title: None,
        },
    }
}

pub fn group(id: i64, title: &str) -> Value {
    json!({ "id": id, "type": "group", "title": title })
}

pub fn private(id: i64, first_name: &str) -> Value {
    json!({ "id": id, "type": "private", "first_name": first_name })
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Allianz-Bot", "username": BOT_USERNAME })
}

impl StandIn {
    pub async fn start() -> StandIn {
        Self::start_on(0).await
    }

    /// The stand-in on a given port of 127.0.0.1 (0: any free one).
    pub async fn start_on(port: u16) -> StandIn {
        let inner = Arc::new(Mutex::new(Inner {
            next_update_id: 100_000,
            ..Inner::default()
        }));
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .expect("bind");
        let addr = listener.local_addr().unwrap();
        let token = TOKEN.to_string();
        let mut stand_in = StandIn {
            inner,
            new_update: Arc::new(Notify::new()),
            new_call: Arc::new(Notify::new()),
            token,
            url: format!("http://{addr}"),
            server: Arc::new(tokio::spawn(async {})),
            abandoned_polls: Arc::default(),
        };
        let app = axum::Router::new()
            .route("/{bot}/{method}", axum::routing::post(handle).get(handle))
            .with_state(stand_in.clone());
        stand_in.server = Arc::new(tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        }));
        stand_in
    }

    /// Makes an update available to `getUpdates`; returns its `update_id`.
    pub async fn push(&self, kind: &str, body: Value) -> i64 {
        let mut inner = self.inner.lock().await;
        inner.next_update_id += 1;
        let id = inner.next_update_id;
        for chat in [&body["chat"], &body["message"]["chat"]] {
            if let Some(chat_id) = chat["id"].as_i64() {
                inner.chats.insert(chat_id, chat.clone());
            }
        }
        inner
            .updates
            .push_back(json!({ "update_id": id, kind: body }));
        drop(inner);
        self.new_update.notify_waiters();
        id
    }

    async fn message_id(&self, chat: i64) -> i64 {
        let mut inner = self.inner.lock().await;
        let next = inner.next_message_id.entry(chat).or_insert(1000);
        *next += 1;
        *next
    }

    /// A person has opened their private chat with the bot (pressed "Start") earlier.
    pub async fn open_private(&self, user: i64) {
        self.inner.lock().await.started.insert(user);
    }

    /// A person writes `text` in `chat`; returns the message id.
    pub async fn say(&self, chat: &Value, from: &Value, text: &str) -> i64 {
        let chat_id = chat["id"].as_i64().unwrap();
        if chat["type"] == "private" {
            self.open_private(chat_id).await;
        }
        let message_id = self.message_id(chat_id).await;
        let mut message = json!({
            "message_id": message_id, "date": unix_now(), "chat": chat, "from": from, "text": text,
        });
        if text.starts_with('/') {
            let len = text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .encode_utf16()
                .count();
            message["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": len }]);
        }
        self.push("message", message).await;
        message_id
    }

    /// A person shares a location pin in `chat` (a message with `location`, as the Bot API
    /// delivers it); returns the message id.
    pub async fn share_location(&self, chat: &Value, from: &Value, lat: f64, lon: f64) -> i64 {
        let chat_id = chat["id"].as_i64().unwrap();
        if chat["type"] == "private" {
            self.open_private(chat_id).await;
        }
        let message_id = self.message_id(chat_id).await;
        let message = json!({
            "message_id": message_id, "date": unix_now(), "chat": chat, "from": from,
            "location": { "latitude": lat, "longitude": lon, "horizontal_accuracy": 12.5 },
        });
        self.push("message", message).await;
        message_id
    }

    /// A person presses an inline button under the bot's message.
    pub async fn press(&self, chat: &Value, from: &Value, message_id: i64, data: &str) -> String {
        let query_id = format!("cq-{}", uuid::Uuid::new_v4().simple());
        let body = json!({
            "id": query_id,
            "from": from,
            "chat_instance": format!("ci{}", chat["id"]),
            "data": data,
            "message": {
                "message_id": message_id, "date": unix_now(), "chat": chat, "from": bot_user(),
                "text": "…",
            },
        });
        self.push("callback_query", body).await;
        query_id
    }

    /// A person's reactions on a message change from `old` to `new` (emoji lists).
    pub async fn react(
        &self,
        chat: &Value,
        from: &Value,
        message_id: i64,
        old: &[&str],
        new: &[&str],
    ) {
        let list = |emojis: &[&str]| -> Value {
            emojis
                .iter()
                .map(|e| json!({ "type": "emoji", "emoji": e }))
                .collect()
        };
        let body = json!({
            "chat": chat, "message_id": message_id, "user": from, "date": unix_now(),
            "old_reaction": list(old), "new_reaction": list(new),
        });
        self.push("message_reaction", body).await;
    }

    /// The bot's membership in `chat` changes (`member`, `administrator`, `kicked`, `left`).
    pub async fn bot_status(&self, chat: &Value, by: &Value, old: &str, new: &str) {
        let member = |status: &str| {
            let mut m = json!({ "status": status, "user": bot_user() });
            if status == "kicked" {
                m["until_date"] = json!(0);
            }
            if status == "administrator" {
                for right in [
                    "can_be_edited",
                    "is_anonymous",
                    "can_manage_chat",
                    "can_delete_messages",
                    "can_manage_video_chats",
                    "can_restrict_members",
                    "can_promote_members",
                    "can_change_info",
                    "can_invite_users",
                    "can_post_stories",
                    "can_edit_stories",
                    "can_delete_stories",
                ] {
                    m[right] = json!(right == "can_manage_chat" || right == "can_delete_messages");
                }
            }
            m
        };
        let body = json!({
            "chat": chat, "from": by, "date": unix_now(),
            "old_chat_member": member(old), "new_chat_member": member(new),
        });
        self.push("my_chat_member", body).await;
    }

    /// From now on the bot may not post in `chat` (403), as after being removed.
    pub async fn kick(&self, chat_id: i64) {
        self.inner.lock().await.kicked.insert(chat_id);
    }

    /// The next `count` sends are answered with 429 and `retry_after`.
    /// Telegram's servers fail (502 for every method) until `outage(false)`.
    pub async fn outage(&self, down: bool) {
        self.inner.lock().await.down = down;
    }

    pub async fn throttle_next(&self, count: u32, retry_after: u32) {
        self.throttle_after(0, count, retry_after).await;
    }

    /// After `pass` more sends went through, the next `count` are answered with 429.
    pub async fn throttle_after(&self, pass: u32, count: u32, retry_after: u32) {
        self.inner.lock().await.throttle_next = Some((pass, count, retry_after));
    }

    /// Enforces an overall send limit per second, as Telegram does.
    pub async fn limit_per_second(&self, sends: usize) {
        self.inner.lock().await.per_second = Some(sends);
    }

    pub async fn calls(&self) -> Vec<Call> {
        self.inner.lock().await.calls.clone()
    }

    /// Successful calls of one method (lower case).
    pub async fn successful(&self, method: &str) -> Vec<Call> {
        self.calls()
            .await
            .into_iter()
            .filter(|c| c.method == method && c.status == 200)
            .collect()
    }

    /// How many messages the bot posted successfully that satisfy `pred`.
    pub async fn posted(&self, pred: impl Fn(&Call) -> bool) -> usize {
        self.successful("sendmessage")
            .await
            .iter()
            .filter(|c| pred(c))
            .count()
    }

    /// The menu registered for a language code (`""` for the default).
    pub async fn commands(&self, language: &str) -> Option<Value> {
        self.inner.lock().await.commands.get(language).cloned()
    }

    /// The offsets the bot sent with `getUpdates`, in order.
    pub async fn offsets(&self) -> Vec<Option<i64>> {
        self.inner.lock().await.offsets.clone()
    }

    /// How many updates wait to be acknowledged.
    pub async fn unacknowledged(&self) -> usize {
        self.inner.lock().await.updates.len()
    }

    /// Waits (up to `within`) until a successful call satisfies `pred`; returns it.
    pub async fn wait_for(&self, within: Duration, pred: impl Fn(&Call) -> bool) -> Option<Call> {
        let deadline = Instant::now() + within;
        loop {
            let notified = self.new_call.notified();
            if let Some(call) = self
                .calls()
                .await
                .into_iter()
                .find(|c| c.status == 200 && pred(c))
            {
                return Some(call);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            let _ = tokio::time::timeout(left, notified).await;
        }
    }

    /// The `n`-th (from 1) successful message sent into `chat`, once it is there.
    pub async fn nth_message_to(&self, chat: i64, n: usize, within: Duration) -> Option<Call> {
        let deadline = Instant::now() + within;
        loop {
            let notified = self.new_call.notified();
            // Looked up under the lock without copying the whole history: a benchmark asks
            // this after every command.
            if let Some(call) = self
                .inner
                .lock()
                .await
                .calls
                .iter()
                .filter(|c| {
                    c.status == 200 && c.method == "sendmessage" && c.chat_id() == Some(chat)
                })
                .nth(n - 1)
                .cloned()
            {
                return Some(call);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            let _ = tokio::time::timeout(left, notified).await;
        }
    }

    /// The bot's next message into `chat` whose text contains `needle` (waits up to 10 s).
    pub async fn message_to(&self, chat: i64, needle: &str) -> Call {
        self.wait_for(Duration::from_secs(10), |c| {
            c.method == "sendmessage" && c.chat_id() == Some(chat) && c.text().contains(needle)
        })
        .await
        .unwrap_or_else(|| panic!("no message to {chat} containing {needle:?}"))
    }

    async fn record(&self, method: &str, params: &Value, status: u16, result: Value) {
        self.inner.lock().await.calls.push(Call {
            method: method.to_string(),
            params: params.clone(),
            at: Instant::now(),
            status,
            result,
        });
        self.new_call.notify_waiters();
    }

    async fn get_updates(&self, params: &Value) -> Response {
        let mut guard = PollGuard {
            answered: false,
            abandoned: self.abandoned_polls.clone(),
        };
        let response = self.hold_poll(params).await;
        guard.answered = true;
        response
    }

    /// How many long polls the client hung up on before they were answered.
    pub fn abandoned_polls(&self) -> usize {
        self.abandoned_polls
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn hold_poll(&self, params: &Value) -> Response {
        let offset = params["offset"].as_i64();
        let timeout = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0));
        let limit = params["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
        let deadline = Instant::now() + timeout;
        {
            let mut inner = self.inner.lock().await;
            inner.offsets.push(offset);
            if let Some(offset) = offset {
                // Everything below the offset is confirmed and forgotten.
                inner
                    .updates
                    .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            }
            if let Some(list) = params["allowed_updates"].as_array() {
                inner.allowed = Some(
                    list.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                );
            }
        }
        loop {
            let notified = self.new_update.notified();
            let batch: Vec<Value> = {
                let inner = self.inner.lock().await;
                inner
                    .updates
                    .iter()
                    .filter(|u| {
                        let kind = kind_of(u);
                        match &inner.allowed {
                            Some(list) if !list.is_empty() => list.contains(&kind),
                            _ => allowed_by_default(&kind),
                        }
                    })
                    .take(limit)
                    .cloned()
                    .collect()
            };
            let left = deadline.checked_duration_since(Instant::now());
            if !batch.is_empty() || left.is_none() {
                return ok(Value::Array(batch));
            }
            let _ = tokio::time::timeout(left.unwrap_or_default(), notified).await;
        }
    }

    /// Limits, removal and injected 429s, checked before every send.
    async fn refuse_send(&self, chat: i64) -> Option<Response> {
        let mut inner = self.inner.lock().await;
        match inner.throttle_next {
            Some((pass, count, retry_after)) if pass > 0 => {
                inner.throttle_next = Some((pass - 1, count, retry_after));
            }
            Some((_, count, retry_after)) => {
                inner.throttle_next = (count > 1).then(|| (0, count - 1, retry_after));
                return Some(too_many(retry_after));
            }
            None => {}
        }
        if let Some(per_second) = inner.per_second {
            let now = Instant::now();
            while inner
                .recent_sends
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
            {
                inner.recent_sends.pop_front();
            }
            if inner.recent_sends.len() >= per_second {
                return Some(too_many(1));
            }
            inner.recent_sends.push_back(now);
        }
        if inner.kicked.contains(&chat) {
            return Some(error(403, "Forbidden: bot was kicked from the group chat"));
        }
        if chat > 0 && !inner.started.contains(&chat) {
            return Some(error(
                403,
                "Forbidden: bot can't initiate conversation with a user",
            ));
        }
        None
    }

    async fn bot_message(&self, chat_id: i64, extra: Value) -> Value {
        let message_id = self.message_id(chat_id).await;
        let chat = self
            .inner
            .lock()
            .await
            .chats
            .get(&chat_id)
            .cloned()
            .unwrap_or_else(|| private(chat_id, "Person"));
        let mut message = json!({
            "message_id": message_id, "date": unix_now(), "chat": chat, "from": bot_user(),
        });
        if let (Some(m), Some(extra)) = (message.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                m.insert(k.clone(), v.clone());
            }
        }
        message
    }

    async fn answer(&self, method: &str, params: &Value) -> Response {
        if self.inner.lock().await.down {
            return error(502, "Bad Gateway");
        }
        let chat = chat_id_of(params);
        match method {
            "getme" => ok(json!({
                "id": BOT_ID, "is_bot": true, "first_name": "Allianz-Bot",
                "username": BOT_USERNAME, "can_join_groups": true,
                "can_read_all_group_messages": false, "supports_inline_queries": false,
                "can_connect_to_business": false, "has_main_web_app": false,
            })),
            "getwebhookinfo" => ok(json!({
                "url": "", "has_custom_certificate": false, "pending_update_count": 0,
            })),
            "getupdates" => self.get_updates(params).await,
            "setmycommands" => {
                let language = params["language_code"].as_str().unwrap_or("").to_string();
                self.inner
                    .lock()
                    .await
                    .commands
                    .insert(language, params["commands"].clone());
                ok(json!(true))
            }
            "answercallbackquery" | "setmessagereaction" | "deletemessage" | "deletewebhook" => {
                ok(json!(true))
            }
            "sendmessage" | "senddocument" | "editmessagetext" => {
                let Some(chat) = chat else {
                    return error(400, "Bad Request: chat_id is empty");
                };
                if let Some(refusal) = self.refuse_send(chat).await {
                    return refusal;
                }
                match method {
                    "sendmessage" => {
                        let Some(text) = params["text"].as_str().filter(|t| !t.is_empty()) else {
                            return error(400, "Bad Request: message text is empty");
                        };
                        ok(self
                            .bot_message(chat, json!({ "text": strip_tags(text) }))
                            .await)
                    }
                    "senddocument" => ok(self
                        .bot_message(
                            chat,
                            json!({ "document": {
                                "file_id": "doc1", "file_unique_id": "u-doc1",
                                "file_name": params["file_name"].clone(),
                            }}),
                        )
                        .await),
                    _ => {
                        let mut message = self
                            .bot_message(chat, json!({ "text": params["text"].clone() }))
                            .await;
                        message["message_id"] = params["message_id"].clone();
                        ok(message)
                    }
                }
            }
            _ => error(404, "Not Found: method not found"),
        }
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Reads JSON, form or multipart parameters into one JSON object.
async fn params(request: Request) -> Value {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("multipart/form-data") {
        let mut out = serde_json::Map::new();
        if let Ok(mut form) = Multipart::from_request(request, &()).await {
            while let Ok(Some(field)) = form.next_field().await {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                let bytes = field.bytes().await.unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes).to_string();
                if let Some(file_name) = file_name {
                    // Files travel as `attach://<field>`; the test only needs name and content.
                    out.insert("file_name".into(), json!(file_name));
                    out.insert("file_content".into(), json!(text));
                } else {
                    // Non-file fields carry JSON values as text (numbers, objects).
                    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
                    out.insert(name, value);
                }
            }
        }
        return Value::Object(out);
    }
    // Parameters may also come in the query string (the Bot API accepts GET and POST).
    let query = request.uri().query().unwrap_or("").to_string();
    let bytes = axum::body::to_bytes(request.into_body(), 10 << 20)
        .await
        .unwrap_or_default();
    if content_type.starts_with("application/json") {
        return serde_json::from_slice(&bytes).unwrap_or_else(|_| json!({}));
    }
    // A form (`application/x-www-form-urlencoded`, as python-telegram-bot and aiogram send),
    // or none: values that are JSON (numbers, objects) are read as such.
    let mut out = serde_json::Map::new();
    let form = form_urlencoded::parse(query.as_bytes()).chain(form_urlencoded::parse(&bytes));
    for (name, text) in form {
        let value = match name.as_ref() {
            "text" | "caption" => Value::String(text.into_owned()),
            _ => serde_json::from_str(&text).unwrap_or(Value::String(text.into_owned())),
        };
        out.insert(name.into_owned(), value);
    }
    Value::Object(out)
}

async fn handle(
    State(stand_in): State<StandIn>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    if bot != format!("bot{}", stand_in.token) {
        return error(401, "Unauthorized");
    }
    let method = method.to_lowercase();
    let params = params(request).await;
    let response = stand_in.answer(&method, &params).await;
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 10 << 20)
        .await
        .unwrap_or_default();
    let result = serde_json::from_slice::<Value>(&bytes)
        .map(|v| v["result"].clone())
        .unwrap_or(Value::Null);
    stand_in
        .record(&method, &params, parts.status.as_u16(), result)
        .await;
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The bot: the real Telegram adapter over a real store, pointed at the stand-in.
pub struct TelegramBot {
    pub engine: Arc<allianz_core::Engine>,
    pub config: allianz_bot::config::TelegramConfig,
    shutdown: tokio::sync::watch::Sender<bool>,
    running: Option<allianz_bot::telegram::Running>,
}

impl TelegramBot {
    /// Queues messages straight into the outbox (as a broadcast does) and wakes the sender.
    pub async fn queue(&self, messages: &[allianz_core::message::Outgoing]) {
        let mut tx = self.engine.store().begin().await.unwrap();
        tx.write_effects(&[], messages, chrono::Utc::now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        self.engine.wake_outbox();
    }

    /// Starts the adapter; `admins` (telegram user ids) are the alliance's first admins.
    pub async fn start(stand_in: &StandIn, db: &crate::TestDb, admins: &[i64]) -> TelegramBot {
        Self::start_at(&stand_in.url, &stand_in.token, db, admins)
            .await
            .expect("adapter connects")
    }

    /// The adapter against any Bot API URL (also one where nothing answers yet).
    pub async fn start_at(
        url: &str,
        token: &str,
        db: &crate::TestDb,
        admins: &[i64],
    ) -> anyhow::Result<TelegramBot> {
        crate::init_logs();
        let mut admins: Vec<_> = admins
            .iter()
            .map(|id| {
                allianz_core::domain::PlatformIdentity::parse(&format!("telegram:{id}")).unwrap()
            })
            .collect();
        admins.push(allianz_core::domain::PlatformIdentity::console("lokal").unwrap());
        let engine = Arc::new(allianz_core::Engine::new(
            db.store().await,
            allianz_core::EngineConfig {
                admins,
                limits: crate::scripted_limits(),
                ..allianz_core::EngineConfig::default()
            },
        ));
        let config = allianz_bot::config::TelegramConfig {
            token: Some(allianz_bot::secret::Secret::new(token.to_string())),
            api_url: url.to_string(),
            ..Default::default()
        };
        let mut bot = TelegramBot {
            engine,
            config,
            shutdown: tokio::sync::watch::channel(false).0,
            running: None,
        };
        bot.try_resume().await?;
        Ok(bot)
    }

    /// (Re)starts the adapter with the same database.
    pub async fn resume(&mut self) {
        self.try_resume().await.expect("adapter connects");
    }

    async fn try_resume(&mut self) -> anyhow::Result<()> {
        let adapter =
            allianz_bot::telegram::TelegramAdapter::connect(&self.config, self.engine.clone())
                .await?;
        let (tx, rx) = tokio::sync::watch::channel(false);
        self.shutdown = tx;
        self.running = Some(adapter.start(rx));
        Ok(())
    }

    pub async fn stop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(running) = self.running.take() {
            running.stopped().await;
        }
    }

    /// Kills the adapter's tasks where they are, as a crash would.
    pub fn kill(&mut self) {
        if let Some(running) = self.running.take() {
            running.listener.abort();
            running.sender.abort();
        }
    }
}
