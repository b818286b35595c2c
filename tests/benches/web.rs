//! Web view under load (prints figures; not a pass/fail test). The release daemon serves an
//! alliance with events, initiatives and a published round; `wrk` (a second process, on
//! loopback) loads `/kalender.ics`, `/api/termine` and `/runden/1` at once while commands are
//! typed into the daemon's terminal chat, one after the other:
//!
//!     cargo build --release -p allianz-bot && apt-get install wrk   (taskset: util-linux)
//!     cargo bench -p allianz-tests --bench web [-- SECONDS]
//!
//! The daemon runs on processor 0, wrk on processor 1 (a two-core machine).
//! Figures: requests/s and p99 per address, and the commands' p50/p99 without web load,
//! during it, and while processor 1 is as busy with something else (a static file server
//! under the same wrk load): what a busy neighbour costs on this machine by itself.
//! Target: the web load changes the commands' p99 by at most 10 %.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use allianz_tests::{Bot, TestDb};

/// An alliance worth rendering: 20 events (a third of them series), 60 initiatives on the
/// map, a published round with five applications.
async fn alliance(db: &TestDb) {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.handle(&bot.group_text("lokal", "/kanal verbinden"))
        .await;
    for n in 0..20 {
        let line = if n % 3 == 0 {
            format!("/termin neu wöchentlich dienstags 19 Uhr | Stammtisch {n} | Suhl")
        } else {
            format!(
                "/termin neu in {} Tagen 18 Uhr | Treffen {n} | Rathaus Suhl | Mit Programm",
                n + 2
            )
        };
        bot.say("lokal", &line).await;
    }
    for n in 0..60 {
        bot.say(
            "lokal",
            &format!(
                "/initiative neu Initiative {n} | Region {} | Wir tun etwas Gutes | kontakt{n}@example.org | - | Thema {}",
                n % 6,
                n % 9
            ),
        )
        .await;
        bot.say(
            "lokal",
            &format!(
                "/initiative Initiative {n} ort {:.4}, {:.4}",
                50.5 + (n as f64) * 0.003,
                10.6 + (n as f64) * 0.004
            ),
        )
        .await;
    }
    bot.say(
        "lokal",
        "/runde neu Frühjahrstopf | 5.000 € | Anträge bis 31.12.2099",
    )
    .await;
    for n in 0..5 {
        bot.say(
            "lokal",
            &format!(
                "/antrag Antrag {n} | {} € | Initiative {n} | Für etwas Gutes",
                400 + n * 100
            ),
        )
        .await;
        bot.say("lokal", &format!("/antrag A{} zulassen", n + 1))
            .await;
    }
    for line in ["/abstimmung start 1"]
        .into_iter()
        .map(str::to_string)
        .chain((1..=5).map(|n| format!("/stimme A{n} ja")))
        .chain([
            "/abstimmung schließen 1".into(),
            "/runde 1 veröffentlichen".into(),
        ])
    {
        bot.handle(&bot.group_text("lokal", &line)).await;
    }
    bot.deliver_all().await;
}

/// Rounds of measuring without and during the web load.
const ROUNDS: u64 = 3;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Processor time of a process's threads so far, in nanoseconds, from Linux's
/// `/proc/<pid>/task/*/schedstat` and `stat`: `(chat, web)` – the web thread and what it
/// started run at the lowest priority (`SCHED_IDLE`, policy 5), everything else is the chat.
fn processor_time(pid: u32) -> (u64, u64) {
    let (mut chat, mut web) = (0, 0);
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return (0, 0);
    };
    for task in tasks.flatten() {
        let ran: u64 = std::fs::read_to_string(task.path().join("schedstat"))
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        // Field 41 of `stat` (the 39th after the command name's closing parenthesis).
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        let policy = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().nth(38))
            .unwrap_or("0");
        if policy == "5" {
            web += ran;
        } else {
            chat += ran;
        }
    }
    (chat, web)
}

/// Command timings of one kind of phase, with the chat's processor time.
#[derive(Default)]
struct Phase {
    taken: Vec<Duration>,
    chat_ns: u64,
}

impl Phase {
    fn measure(&mut self, chat: &mut Chat, pid: u32, seconds: u64) {
        let before = processor_time(pid).0;
        self.taken.extend(chat.commands(seconds));
        self.chat_ns += processor_time(pid).0.saturating_sub(before);
    }

    fn print(&mut self, label: &str) {
        self.taken.sort();
        println!(
            "  {label:<27} n={:<5} p50 {:>8.2?}  p99 {:>8.2?}   chat's processor time {:>4.0} µs per command",
            self.taken.len(),
            percentile(&self.taken, 0.5),
            percentile(&self.taken, 0.99),
            self.chat_ns as f64 / 1000.0 / self.taken.len().max(1) as f64
        );
    }

    fn p99(&self) -> f64 {
        percentile(&self.taken, 0.99).as_secs_f64()
    }
}

/// The daemon's terminal chat, driven line by line.
struct Chat {
    stdin: std::process::ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl Chat {
    /// Types `/sprache` and waits for its one-line answer; the time it took.
    fn probe(&mut self) -> Duration {
        let start = Instant::now();
        writeln!(self.stdin, "/sprache").unwrap();
        self.stdin.flush().unwrap();
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(30))
                .expect("the daemon answers");
            if line.contains("Ich schreibe dir auf Deutsch") {
                return start.elapsed();
            }
        }
    }

    fn commands(&mut self, seconds: u64) -> Vec<Duration> {
        let until = Instant::now() + Duration::from_secs(seconds);
        let mut taken = Vec::new();
        while Instant::now() < until {
            taken.push(self.probe());
            std::thread::sleep(Duration::from_millis(20));
        }
        taken
    }
}

/// One `wrk -t1 -c4` on processor 1 against `url`, for a little longer than a phase.
fn wrk(url: &str, seconds: u64) -> std::process::Child {
    Command::new("taskset")
        .args(["-c", "1", "wrk", "-t1", "-c4", "--latency"])
        .arg(format!("-d{}s", seconds + 2))
        .arg(url)
        .stdout(Stdio::piped())
        .spawn()
        .expect("wrk (apt-get install wrk)")
}

/// Requests/s and p99 as wrk reports them.
fn wrk_figures(output: &str) -> (String, String) {
    let rps = output
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    let p99 = output
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    (rps, p99)
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    // This process (the typing side) runs on the daemon's processor, away from the load
    // generator: the figures are then the daemon's, not this process waiting behind wrk.
    let _ = Command::new("taskset")
        .args(["-a", "-p", "-c", "0"])
        .arg(std::process::id().to_string())
        .stdout(Stdio::null())
        .status();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("allianz.db");
    let db = TestDb::sqlite_at(&file);
    alliance(&db).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // The daemon keeps to one processor (the one it starts on); the load runs on the other,
    // as a reverse proxy and a scraper elsewhere would not share the daemon's processor.
    let mut daemon = Command::new("taskset")
        .args(["-c", "0"])
        .arg(allianz_tests::measure::release_binary())
        .current_dir(work.path())
        .env("ALLIANZ__DATABASE__URL", db.url())
        .env("ALLIANZ__HTTP__LISTEN", format!("127.0.0.1:{port}"))
        .env("ALLIANZ__LIMITS__COMMANDS_PER_MINUTE", "10000")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("allianz-bot");
    let (tx, lines) = mpsc::channel();
    let stdout = daemon.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut chat = Chat {
        stdin: daemon.stdin.take().unwrap(),
        lines,
    };
    // Warm up: the first answers, the feed rendered once.
    for _ in 0..20 {
        chat.probe();
    }
    let base = format!("http://127.0.0.1:{port}");
    let _ = reqwest::get(format!("{base}/kalender.ics")).await;

    // `ALLIANZ_BENCH_PATHS=/kalender.ics,/healthz` loads other addresses.
    let chosen = std::env::var("ALLIANZ_BENCH_PATHS")
        .unwrap_or_else(|_| "/kalender.ics,/api/termine,/runden/1".into());
    let paths: Vec<&str> = chosen.split(',').collect();
    let pid = daemon.id();
    let (mut quiet, mut loaded) = (Phase::default(), Phase::default());
    let mut reports = vec![Vec::new(); paths.len()];
    let mut web_ns = 0;
    // Rounds of "without" and "during" one after the other: a slower disk for a while (the
    // commands' slowest answers wait for its sync) then falls on both.
    for _ in 0..ROUNDS {
        quiet.measure(&mut chat, pid, seconds);
        let loads: Vec<_> = paths
            .iter()
            .map(|path| wrk(&format!("{base}{path}"), seconds))
            .collect();
        // Let the load settle before measuring.
        std::thread::sleep(Duration::from_secs(1));
        let web_before = processor_time(pid).1;
        loaded.measure(&mut chat, pid, seconds);
        web_ns += processor_time(pid).1.saturating_sub(web_before);
        for (load, kept) in loads.into_iter().zip(&mut reports) {
            kept.push(
                String::from_utf8_lossy(&load.wait_with_output().unwrap().stdout).to_string(),
            );
        }
    }

    // The same load on processor 1 against something else (a static file server there):
    // what the other processor's being busy costs the daemon on this machine by itself.
    let page = work.path().join("seite.html");
    std::fs::write(&page, "<p>Hallo</p>".repeat(200)).unwrap();
    let other_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut other = Command::new("taskset")
        .args([
            "-c",
            "1",
            "python3",
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
        ])
        .arg(other_port.to_string())
        .current_dir(work.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3");
    std::thread::sleep(Duration::from_secs(1));
    let elsewhere: Vec<_> = paths
        .iter()
        .map(|_| {
            wrk(
                &format!("http://127.0.0.1:{other_port}/seite.html"),
                seconds,
            )
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let mut floor = Phase::default();
    floor.measure(&mut chat, pid, seconds);
    for load in elsewhere {
        let _ = load.wait_with_output();
    }
    let _ = other.kill();
    let _ = other.wait();

    let _ = daemon.kill();
    let _ = daemon.wait();

    println!(
        "Web view under load ({ROUNDS} rounds of {seconds} s, wrk -t1 -c4 per address, all at once):"
    );
    for (path, rounds) in paths.iter().zip(&reports) {
        let figures: Vec<String> = rounds
            .iter()
            .map(|report| {
                let (rps, p99) = wrk_figures(report);
                format!("{rps:>10} requests/s, p99 {p99:>7}")
            })
            .collect();
        println!("  {path:<16} {}", figures.join(" | "));
    }
    println!(
        "  the web thread's processor time: {:.0} % of the measured time",
        web_ns as f64 / 1e9 / (ROUNDS * seconds) as f64 * 100.0
    );
    println!("\nCommands (/sprache in the terminal chat, one after the other):");
    quiet.print("without web load");
    loaded.print("during web load");
    floor.print("processor 1 busy elsewhere");
    let change = loaded.p99() / quiet.p99();
    println!("  p99 during / without: {change:.2} (target ≤ 1.10)");
    let beside = loaded.p99() / floor.p99();
    println!("  p99 during web load / with processor 1 busy elsewhere: {beside:.2}");
}
