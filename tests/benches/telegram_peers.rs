//! Telegram side by side (prints figures; not a pass/fail test): allianz-bot, as its own
//! process, against two Python bots that alliances could run instead – python-telegram-bot 22
//! and aiogram 3, each a minimal bot answering every text with one line – on the Bot API
//! stand-in. Interleaved rounds, so the machine's noise hits all of them alike; in each round
//! every bot, freshly started, gets COMMANDS commands in one private chat, each sent as soon
//! as the reply to the one before arrived. Per bot: reply latency (update available → reply
//! request at the stand-in) median and p95, CPU per command (the process's time on a CPU
//! during the round), resident memory after the round.
//!
//!     cargo build --release -p allianz-bot
//!     cargo bench -p allianz-tests --bench telegram_peers [-- ROUNDS COMMANDS]
//!
//! The Python bots run in a virtual environment that `tests/peers/telegram/setup.sh` creates
//! once under `~/.cache/allianz-peers` (from PyPI).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use allianz_tests::measure::{cpu_time, rss_kib};
use allianz_tests::telegram::{StandIn, private, user};

const PERSON: i64 = 4242;

#[derive(Clone, Copy, PartialEq)]
enum Peer {
    Allianz,
    Ptb,
    Aiogram,
}

impl Peer {
    fn name(self) -> &'static str {
        match self {
            Peer::Allianz => "allianz-bot",
            Peer::Ptb => "python-telegram-bot 22",
            Peer::Aiogram => "aiogram 3",
        }
    }

    fn command(self) -> &'static str {
        match self {
            Peer::Allianz => "/hilfe",
            Peer::Ptb | Peer::Aiogram => "/ping",
        }
    }
}

#[derive(Default)]
struct Figures {
    latencies: Vec<Duration>,
    cpu: Duration,
    commands: usize,
    rss_kib: Vec<u64>,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn python() -> String {
    let out = Command::new(repo().join("tests/peers/telegram/setup.sh"))
        .stderr(Stdio::inherit())
        .output()
        .expect("tests/peers/telegram/setup.sh");
    assert!(out.status.success(), "setting up the Python peers failed");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn start(peer: Peer, tg: &StandIn, python: &str, dir: &Path) -> Child {
    let mut cmd = match peer {
        Peer::Allianz => {
            let mut cmd = Command::new(allianz_tests::measure::release_binary());
            for (key, _) in std::env::vars() {
                if key.starts_with("ALLIANZ__") {
                    cmd.env_remove(key);
                }
            }
            cmd.current_dir(dir)
                .env(
                    "ALLIANZ__DATABASE__URL",
                    format!("sqlite:{}", dir.join("bot.db").display()),
                )
                .env("ALLIANZ__HTTP__LISTEN", "127.0.0.1:0")
                .env("ALLIANZ__TELEGRAM__TOKEN", &tg.token)
                .env("ALLIANZ__TELEGRAM__API_URL", &tg.url)
                // The driver types far faster than a person; the peers have no such limit.
                .env("ALLIANZ__LIMITS__COMMANDS_PER_MINUTE", "10000");
            cmd
        }
        Peer::Ptb | Peer::Aiogram => {
            let script = if peer == Peer::Ptb {
                "ptb_bot.py"
            } else {
                "aiogram_bot.py"
            };
            let mut cmd = Command::new(python);
            cmd.arg(repo().join("tests/peers/telegram").join(script))
                .arg(&tg.url)
                .arg(&tg.token);
            cmd
        }
    };
    // The terminal chat stays open (and quiet): stdin is a pipe nobody writes to. What a bot
    // logs is kept beside it, to be shown if it does not answer.
    let log = std::fs::File::create(dir.join("bot.log")).unwrap();
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start the bot")
}

/// One bot, freshly started on its own stand-in: a warm-up, then `commands` back to back.
async fn round(peer: Peer, python: &str, commands: usize, figures: &mut Figures) {
    let tg = StandIn::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = start(peer, &tg, python, dir.path());
    let pid = child.id();
    let chat = private(PERSON, "Pia");
    let from = user(PERSON, "Pia");
    let mut answered = 0;
    let log_path = &dir.path().join("bot.log");
    let ask = |answered: usize| {
        let tg = tg.clone();
        let chat = chat.clone();
        let from = from.clone();
        async move {
            let asked = Instant::now();
            tg.say(&chat, &from, peer.command()).await;
            let reply = tg
                .nth_message_to(PERSON, answered + 1, Duration::from_secs(60))
                .await
                .unwrap_or_else(|| {
                    let log = std::fs::read_to_string(log_path).unwrap_or_default();
                    panic!(
                        "{}: no reply to command {}\n{log}",
                        peer.name(),
                        answered + 1
                    )
                });
            reply.at.duration_since(asked)
        }
    };
    // Warm-up: the first answer also waits for the start-up (up to a minute).
    for _ in 0..5 {
        ask(answered).await;
        answered += 1;
    }
    // Quiet again, so the chat starts the round with its full budget.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cpu_before = cpu_time(pid);
    for _ in 0..commands {
        let took = ask(answered).await;
        figures.latencies.push(took);
        answered += 1;
    }
    figures.cpu += cpu_time(pid).saturating_sub(cpu_before);
    figures.commands += commands;
    figures.rss_kib.push(rss_kib(pid));
    let _ = child.kill();
    let _ = child.wait();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(|a| a.parse::<usize>().expect("ROUNDS COMMANDS"));
    let rounds = args.next().unwrap_or(3);
    let commands = args.next().unwrap_or(100);
    let python = python();
    let peers = [Peer::Allianz, Peer::Ptb, Peer::Aiogram];
    let mut figures: Vec<Figures> = peers.iter().map(|_| Figures::default()).collect();
    for r in 1..=rounds {
        for (i, peer) in peers.iter().enumerate() {
            round(*peer, &python, commands, &mut figures[i]).await;
            eprintln!("round {r}/{rounds}: {} done", peer.name());
        }
    }
    println!(
        "\nTelegram, {rounds} interleaved rounds × {commands} commands back to back in one private chat:"
    );
    println!("| bot | reply latency median / p95 | CPU per command | RSS after the round |");
    println!("|---|---|---|---|");
    let ptb_median = {
        let mut l = figures[1].latencies.clone();
        l.sort();
        percentile(&l, 0.5)
    };
    for (peer, f) in peers.iter().zip(&mut figures) {
        f.latencies.sort();
        let median = percentile(&f.latencies, 0.5);
        let rss = f.rss_kib.iter().sum::<u64>() as f64 / f.rss_kib.len() as f64 / 1024.0;
        println!(
            "| {} | {:.2} / {:.2} ms ({:.2} × python-telegram-bot) | {:.2} ms | {:.0} MiB |",
            peer.name(),
            ms(median),
            ms(percentile(&f.latencies, 0.95)),
            median.as_secs_f64() / ptb_median.as_secs_f64(),
            ms(f.cpu) / f.commands as f64,
            rss
        );
    }
}
