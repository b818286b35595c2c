//! Whether every configured messenger is connected. `/healthz` answers 503 until then and 200
//! after (a readiness signal for operators and benchmarks), and one line at info says which
//! messengers are connected once they all are.

use std::sync::{Arc, Mutex};

use tokio::sync::watch;

#[derive(Default)]
pub struct Readiness {
    /// Each configured messenger and whether it is connected.
    messengers: Mutex<Vec<(&'static str, bool)>>,
}

impl Readiness {
    pub fn new() -> Arc<Readiness> {
        Arc::new(Readiness::default())
    }

    /// `name` is configured: the daemon is not ready until `connected` turns true (the
    /// adapter's signal, which it sends after its first successful contact).
    pub fn watch(self: &Arc<Self>, name: &'static str, mut connected: watch::Receiver<bool>) {
        if let Ok(mut messengers) = self.messengers.lock() {
            messengers.push((name, false));
        }
        let this = self.clone();
        tokio::spawn(async move {
            if connected.wait_for(|c| *c).await.is_ok() {
                this.connected(name);
            }
        });
    }

    fn connected(&self, name: &'static str) {
        let Ok(mut messengers) = self.messengers.lock() else {
            return;
        };
        for (messenger, up) in messengers.iter_mut() {
            if *messenger == name {
                *up = true;
            }
        }
        if messengers.iter().all(|(_, up)| *up) {
            let names: Vec<&str> = messengers.iter().map(|(n, _)| *n).collect();
            tracing::info!(messengers = %names.join(", "), "connected");
        }
    }

    /// Whether everything configured is connected, and each messenger's state.
    pub fn status(&self) -> (bool, Vec<(&'static str, bool)>) {
        let messengers = self
            .messengers
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default();
        (messengers.iter().all(|(_, up)| *up), messengers)
    }
}
