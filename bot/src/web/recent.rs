//! Answers kept until something changes: a loop of requests for the same page or feed is
//! answered from memory instead of reading the database each time. Readers that never stop
//! keep SQLite's write-ahead log from starting over, and every commit of the chat then
//! appends to an ever longer log (the `web` benchmark measured the chat's slowest commands
//! three times slower under a page flood, and about as fast as without it on a page that
//! reads nothing). An answer is kept until the chat's engine commits a change, and never
//! longer than a few seconds (another daemon on the same database, a direct write).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// The longest an answer is kept, changes or not.
const FRESH: Duration = Duration::from_secs(5);
/// Addresses are typed by whoever asks: the store is emptied when it holds this many.
const MAX_KEPT: usize = 512;
/// Larger answers are not kept.
const MAX_BODY: usize = 4 * 1024 * 1024;

struct Kept {
    /// The chat's change count the answer was made at.
    version: u64,
    at: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
pub(super) struct Recent {
    answers: Mutex<HashMap<String, Kept>>,
}

fn rebuild(kept: &Kept) -> Response {
    let mut answer = Response::new(Body::from(kept.body.clone()));
    *answer.status_mut() = kept.status;
    *answer.headers_mut() = kept.headers.clone();
    answer
}

impl Recent {
    /// The kept answer for `key`, if nothing changed since it was made.
    pub(super) fn get(&self, key: &str, version: u64) -> Option<Response> {
        let answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        answers
            .get(key)
            .filter(|k| k.version == version && k.at.elapsed() < FRESH)
            .map(rebuild)
    }

    /// Keeps a successful answer (reading its body) and gives it back.
    pub(super) async fn keep(&self, key: String, version: u64, answer: Response) -> Response {
        if answer.status() != StatusCode::OK {
            return answer;
        }
        let (parts, body) = answer.into_parts();
        let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
            return Response::from_parts(parts, Body::empty());
        };
        let kept = Kept {
            version,
            at: Instant::now(),
            status: parts.status,
            headers: parts.headers,
            body,
        };
        let answer = rebuild(&kept);
        let mut answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        if answers.len() >= MAX_KEPT {
            answers.clear();
        }
        answers.insert(key, kept);
        answer
    }
}
