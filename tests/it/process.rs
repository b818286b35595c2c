//! The daemon as a process: the terminal chat scripted through stdin, and what survives a
//! kill. SQLite only: this is the embedded default a person starts with one command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use allianz_core::domain::Platform;
use allianz_tests::{Bot, TestDb};
use chrono::Utc;

/// The `allianz-bot` binary of this build (next to the test binary's `deps/` folder).
pub(crate) fn binary() -> PathBuf {
    if let Ok(path) = std::env::var("ALLIANZ_BOT_BIN") {
        return path.into();
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join(format!("allianz-bot{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} missing: build the workspace first",
        bin.display()
    );
    bin
}

pub(crate) fn daemon(db_url: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(binary());
    for (key, _) in std::env::vars() {
        if key.starts_with("ALLIANZ__") {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(dir)
        .env("ALLIANZ__DATABASE__URL", db_url)
        // Any free port: tests run daemons side by side.
        .env("ALLIANZ__HTTP__LISTEN", "127.0.0.1:0")
        // Scripts type faster than people (see `scripted_limits`).
        .env("ALLIANZ__LIMITS__COMMANDS_PER_MINUTE", "10000")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn run_script(db: &TestDb, dir: &Path, script: &str) -> String {
    let mut child = daemon(db.url(), dir).spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    String::from_utf8(out.stdout).unwrap()
}

/// `log.format = "json"`: every log line is one JSON object (for log collectors), and what a
/// member typed is not in the log.
#[test]
fn json_logs_are_one_object_per_line_without_message_text() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let mut child = daemon(db.url(), dir.path())
        .env("ALLIANZ__LOG__FORMAT", "json")
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("/thema Geheimwort Quittenbaum\n/ich\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "the start is logged");
    for line in &lines {
        let entry: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            entry["level"].is_string() && entry["timestamp"].is_string(),
            "{line}"
        );
    }
    assert!(stderr.contains("kalender.ics"), "{stderr}");
    assert!(!stderr.contains("Quittenbaum"), "{stderr}");
    // A format the daemon does not know is refused with the key, the value and the choices.
    let refused = daemon(db.url(), dir.path())
        .env("ALLIANZ__LOG__FORMAT", "xml")
        .arg("check-config")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("log.format") && said.contains("json"),
        "{said}"
    );
}

#[test]
fn terminal_chat_runs_a_newcomer_path_from_a_script() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let first = run_script(&db, dir.path(), "/einladen\n");
    let code = Bot::code_in(&first);
    let script = format!(
        "/als Anna\n/beitreten {code}\n/kodex akzeptieren\n\
         /initiative neu Tafel Suhl | Suhl | Essen retten | tafel@example.org | - | Armut\n\
         /als bert\n/initiativen SUHL\n/ich\n/als lokal\n/meine-daten\n"
    );
    let out = run_script(&db, dir.path(), &script);
    assert!(
        out.contains("Du schreibst jetzt als console:anna."),
        "{out}"
    );
    assert!(out.contains("Du bist jetzt Mitglied"), "{out}");
    assert!(out.contains("Tafel Suhl (Suhl) – Armut"), "{out}");
    assert!(
        out.contains("Du schreibst als console:bert und bist noch kein Mitglied"),
        "{out}"
    );
    // The data export lands as a file next to the data.
    let export = out
        .lines()
        .find(|l| l.starts_with("📎 "))
        .expect("export path");
    let path = dir.path().join(export.trim_start_matches("📎 "));
    let json = std::fs::read_to_string(path).unwrap();
    assert!(json.contains("\"console:lokal\""), "{json}");
}

#[tokio::test]
async fn a_reply_committed_before_a_crash_is_sent_after_restart_exactly_once() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    // The first "process" commits the command and dies before delivering the reply.
    {
        let bot = Bot::new(&db).await;
        bot.handle(&bot.text(
            "lokal",
            "/initiative neu Chor | Suhl | Singen | c@example.org",
        ))
        .await;
        bot.store.close().await;
    }
    let out = run_script(&db, dir.path(), "");
    assert_eq!(out.matches("Eingetragen!").count(), 1, "{out}");
    let out = run_script(&db, dir.path(), "/initiativen\n");
    assert!(!out.contains("Eingetragen!"), "sent twice: {out}");
    assert_eq!(out.matches("Chor").count(), 1, "{out}");
}

fn read_until(child: &mut Child, needle: &str, count: usize) -> String {
    use std::io::Read;
    let stdout = child.stdout.as_mut().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while seen.matches(needle).count() < count {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "daemon ended early: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    seen
}

#[tokio::test]
async fn kill_9_during_traffic_loses_no_reply_and_repeats_no_command() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let mut child = daemon(db.url(), dir.path()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut script = String::new();
    for i in 0..40 {
        script.push_str(&format!(
            "/initiative neu Gruppe {i} | Suhl | Text | k@example.org\n"
        ));
    }
    stdin.write_all(script.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Let some commands through, then kill without warning, mid-stream.
    let before = read_until(&mut child, "Eingetragen!", 5);
    child.kill().unwrap();
    child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(50));

    let after = run_script(&db, dir.path(), "");
    let store = db.store().await;
    assert!(
        store
            .pending_outbox(Platform::Console, Utc::now(), 100)
            .await
            .unwrap()
            .is_empty(),
        "everything committed was delivered after the restart"
    );
    let mut tx = store.begin().await.unwrap();
    let registered = tx.search_initiatives(Some("gruppe"), 100).await.unwrap();
    drop(tx);
    let replies = before.matches("Eingetragen!").count() + after.matches("Eingetragen!").count();
    // Each committed command answered (a kill between print and mark may print twice, never
    // zero times), and no command ran twice (names are unique, so a rerun would be refused
    // and answered with "gibt es schon").
    assert!(
        replies >= registered.len(),
        "{replies} replies for {} commands",
        registered.len()
    );
    assert!(!before.contains("gibt es schon") && !after.contains("gibt es schon"));
    assert!(registered.len() >= 5);
}

/// Reminders due while the daemon runs, killed with SIGKILL in the middle, then started
/// again: each reminder goes out exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_while_reminders_go_out_sends_each_exactly_once() {
    const N: usize = 300;
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    {
        let store = db.store().await;
        let now = Utc::now();
        let first = (now + chrono::Duration::days(10))
            .with_timezone(&chrono_tz::Europe::Berlin)
            .naive_local();
        let mut tx = store.begin().await.unwrap();
        for i in 0..N {
            let event = allianz_tests::test_event(first, None, vec![60], now);
            let id = tx.insert_event(&event).await.unwrap();
            tx.add_event_channel(id, &event.chat).await.unwrap();
            // Due one after another over three seconds, starting in two.
            let due = now + chrono::Duration::milliseconds(2000 + 10 * i as i64);
            tx.plan_reminder(id, first.date(), 60, due).await.unwrap();
        }
        tx.commit().await.unwrap();
        store.close().await;
    }
    let start = || {
        daemon(db.url(), dir.path())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let handled = || async { db.handled_reminders().await.len() };
    let mut child = start();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while handled().await < 20 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = handled().await;

    let mut child = start();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while handled().await < N && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(handled().await, N, "killed after {at_kill}");
    assert_eq!(
        db.count("audit_log WHERE action = 'reminder.sent'").await,
        N as i64
    );
    // One message per reminder and target (the group), none twice.
    assert_eq!(
        db.count("outbox WHERE live_key LIKE 'termin:%:r60@%'")
            .await,
        N as i64
    );
}

/// `allianz-bot check` shows an operator what needs a look: events set aside (exit code 1),
/// messages still waiting. A healthy bot answers with exit code 0.
#[tokio::test]
async fn check_reports_set_aside_events_with_exit_code_1() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let check = || {
        let out = daemon(db.url(), dir.path()).arg("check").output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let bot = Bot::new(&db).await;
    let (code, text) = check();
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("Übersprungene Ereignisse") && text.contains("✓ keine"),
        "{text}"
    );
    assert!(text.contains("Webserver"), "{text}");

    db.execute(
        "CREATE TRIGGER kaputt BEFORE INSERT ON initiatives \
         BEGIN SELECT RAISE(ABORT, 'kaputt'); END;",
    )
    .await;
    let bad = bot.text("lokal", "/initiative neu Kaputt | Suhl | x | k@example.org");
    while bot.engine.handle(&bad).await.is_err() {}
    let (code, text) = check();
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(&bad.event_id) && text.contains("text"),
        "{text}"
    );
    assert!(
        text.contains("Nachrichten warten"),
        "the admin's notice waits: {text}"
    );
}

/// `allianz-bot check` tries each configured messenger's credentials, the partner calendars
/// and the web server's address, and says for each problem what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_tries_credentials_partner_calendars_and_the_web_address() {
    use axum::routing::get;
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let tg = allianz_tests::telegram::StandIn::start().await;
    let day = (Utc::now() + chrono::Duration::days(10)).format("%Y%m%d");
    let feed = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tafel//DE\r\nBEGIN:VEVENT\r\n\
         UID:fest@tafel\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{day}T160000Z\r\n\
         SUMMARY:Hoffest\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let app = axum::Router::new().route("/tafel.ics", get(move || async move { feed }));
    let server = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let feeds = format!("http://{}", server.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(server, app).await });
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let config = dir.path().join("allianz.toml");
    std::fs::write(
        &config,
        format!(
            "[calendar]\npartners = [\n  {{ name = \"Tafel\", url = \"{feeds}/tafel.ics\" }},\n  \
             {{ name = \"Verein\", url = \"{feeds}/fehlt.ics\" }},\n]\n"
        ),
    )
    .unwrap();
    let check = |token: &str| {
        let mut command = daemon(db.url(), dir.path());
        command
            .arg("--config")
            .arg(&config)
            .arg("check")
            .env("ALLIANZ__TELEGRAM__TOKEN", token)
            .env("ALLIANZ__TELEGRAM__API_URL", &tg.url)
            .env(
                "ALLIANZ__HTTP__LISTEN",
                busy.local_addr().unwrap().to_string(),
            );
        async move {
            // Run beside the stand-in, which answers on this test's runtime.
            let out = tokio::process::Command::from(command)
                .output()
                .await
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).to_string(),
            )
        }
    };
    let (code, table) = check(allianz_tests::telegram::TOKEN).await;
    let (_, refused) = check("7000000001:WRONG").await;
    let telegram = refused
        .lines()
        .find(|l| l.starts_with("Telegram"))
        .unwrap_or_default();
    assert!(
        telegram.contains("✗ Token abgelehnt") && telegram.contains("@BotFather"),
        "{refused}"
    );
    assert_eq!(code, Some(1), "{table}");
    let line = |start: &str| {
        table
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} line in:\n{table}"))
            .to_string()
    };
    assert!(line("Datenbank").contains('✓'), "{table}");
    assert!(line("Telegram").contains("✓ Token gilt: @"), "{table}");
    assert!(
        line("Kalender Tafel").contains("✓ 1 Termine gelesen"),
        "{table}"
    );
    let missing = line("Kalender Verein");
    assert!(
        missing.contains('✗') && missing.contains("404"),
        "{missing}"
    );
    let web = line("Webserver");
    assert!(
        web.contains("belegt") && web.contains("http.listen"),
        "{web}"
    );
}

/// `allianz-bot recount` confirms a counted round (exit 0) and finds a changed vote log
/// (exit 1); `allianz-bot export` writes the round's figures and, for an open ballot, who
/// voted what.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recount_and_export_of_a_round_from_the_command_line() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = daemon(db.url(), dir.path()).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let bot = Bot::new(&db).await;
    bot.make_member("mia").await;
    for line in [
        "/initiative neu Tafel Suhl | Suhl | Lebensmittel retten | tafel@suhl.de",
        "/runde neu Frühjahr 2027 | 1.000 € | Anträge bis 31.12.2099",
        "/antrag Kühlschrank | 400 € | Tafel Suhl | Lebensmittel kühlen",
        "/antrag A1 zulassen",
        "/abstimmung start",
        "/stimme A1 ja",
    ] {
        bot.say("lokal", line).await;
    }
    bot.say("mia", "/stimme A1 nein").await;
    bot.say("mia", "/stimme A1 ja").await;
    bot.say("lokal", "/abstimmung schließen").await;

    let (code, text) = run(&["recount", "1"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("3 Protokollzeilen")
            && text.contains("A1: ja/yes 2 nein/no 0")
            && text.contains("Ergebnis bestätigt"),
        "{text}"
    );
    let (code, text) = run(&["export", "1"]);
    assert_eq!(code, Some(0), "{text}");
    let figures = std::fs::read_to_string(dir.path().join("runde-1-antraege.csv")).unwrap();
    assert!(
        figures
            .contains("A1,Kühlschrank,Tafel Suhl,400.00,400.00,admitted,2,0,0,0,2,400.00,funded,1"),
        "{figures}"
    );
    let voters = std::fs::read_to_string(dir.path().join("runde-1-stimmen.csv")).unwrap();
    assert!(
        voters.contains("A1,mia,yes") && voters.contains("A1,lokal,yes"),
        "{voters}"
    );

    db.execute("UPDATE budget_vote_log SET choice = 'no' WHERE id = 3")
        .await;
    let (code, text) = run(&["recount", "1"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("Kette gebrochen") && text.contains("NICHT bestätigt"),
        "{text}"
    );
    let (code, _) = run(&["recount", "7"]);
    assert_eq!(code, Some(1));
}

/// The README's tour, word for word, through the real binary: every line is understood
/// (the invitation code is the one the bot gave), the follow-up answer creates the event
/// and `/mitglieder` lists the new member.
#[test]
fn the_readme_tour_works_word_for_word() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
    )
    .unwrap();
    let start = readme
        .find("In the terminal chat you are the local admin")
        .expect("the tour");
    let block = &readme[start..];
    let block = &block[block.find("```text").unwrap() + 7..];
    let block = &block[..block.find("```").unwrap()];
    let lines: Vec<String> = block
        .lines()
        .filter_map(|l| l.split_once("> ").map(|(_, said)| said))
        // A comment in the tour starts after two spaces: `abends   (…)`.
        .map(|said| said.split("  ").next().unwrap_or(said).trim().to_string())
        .filter(|said| !said.is_empty())
        .collect();
    assert_eq!(lines[0], "/einladen", "{lines:?}");
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let code = Bot::code_in(&run_script(&db, dir.path(), "/einladen\n"));
    let script: String = lines[1..]
        .iter()
        .map(|l| format!("{}\n", l.replace("K7M4-Q2XP-9HWN", &code)))
        .collect();
    let out = run_script(&db, dir.path(), &script);
    for not_understood in ["kenne ich nicht", "verstehe ich nicht", "So geht's"] {
        assert!(!out.contains(not_understood), "{not_understood}:\n{out}");
    }
    assert!(
        out.contains("Frühstück der Initiativen") && out.contains("19:00"),
        "{out}"
    );
    assert!(
        out.contains("Mitglieder (2)") && out.contains("anna – Mitglied"),
        "{out}"
    );
    assert!(out.contains("angemeldet"), "{out}");
}

/// Ctrl-C while lines are being answered ends the terminal chat after the line at hand –
/// the first time, also when the input would go on (stdin stays open here).
#[test]
fn ctrl_c_while_a_line_is_answered_ends_the_chat_after_it() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let mut child = daemon(db.url(), dir.path()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let script: String = (0..300)
        .map(|i| format!("/initiativen gruppe {i}\n"))
        .collect();
    stdin.write_all(script.as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Let it get going, then Ctrl-C (SIGINT) while it is busy answering.
    let _ = read_until(&mut child, "keine Initiativen", 1);
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let mut waited = Duration::ZERO;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            waited < Duration::from_secs(20),
            "the chat did not end after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(100));
        waited += Duration::from_millis(100);
    };
    drop(stdin);
    assert!(status.success(), "{status:?}");
}

/// `/healthz` is a readiness signal: 503 while a configured messenger is not connected yet
/// (here Telegram, whose API answers only later), then 200 with each messenger's state; the
/// log says once at info which messengers are connected, and nothing per command.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_503_until_every_messenger_is_connected() {
    use std::io::{BufRead, BufReader};

    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    // A port where the Bot API will answer, but not yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = daemon(db.url(), dir.path())
        .env("ALLIANZ__TELEGRAM__TOKEN", allianz_tests::telegram::TOKEN)
        .env(
            "ALLIANZ__TELEGRAM__API_URL",
            format!("http://127.0.0.1:{port}"),
        )
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // The log goes to a thread that hands on the web address and keeps every line.
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut log = Vec::new();
    let address = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the daemon says where its web server is");
        log.push(line.clone());
        if let Some(rest) = line.split("web view at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let health = || async {
        let response = reqwest::get(format!("http://{address}/healthz"))
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: serde_json::Value =
            serde_json::from_str(&response.text().await.unwrap()).unwrap();
        (status, body)
    };
    let (status, body) = health().await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "starting");
    assert_eq!(body["messengers"]["telegram"], "connecting");

    let tg = allianz_tests::telegram::StandIn::start_on(port).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let (status, body) = loop {
        let (status, body) = health().await;
        if status == 200 || std::time::Instant::now() > deadline {
            break (status, body);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["messengers"]["telegram"], "connected");

    // Commands leave no trace in the log at the default level.
    let before = {
        log.extend(lines.try_iter());
        log.len()
    };
    assert!(
        log.iter()
            .any(|l| l.contains("INFO") && l.contains("connected") && l.contains("telegram")),
        "{log:#?}"
    );
    for n in 0..5 {
        let person = 500 + n;
        let chat = allianz_tests::telegram::private(person, "Pia");
        tg.say(
            &chat,
            &allianz_tests::telegram::user(person, "Pia"),
            "/hilfe",
        )
        .await;
        tg.nth_message_to(person, 1, Duration::from_secs(10))
            .await
            .expect("an answer");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    log.extend(lines.try_iter());
    assert_eq!(log.len(), before, "{:#?}", &log[before..]);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The processors a process's threads may run on, one `Cpus_allowed_list` per thread.
#[cfg(target_os = "linux")]
fn allowed_cpus(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|task| {
            let status = std::fs::read_to_string(task.ok()?.path().join("status")).ok()?;
            status
                .lines()
                .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
                .map(|list| list.trim().to_string())
        })
        .collect()
}

/// By default every thread of the daemon (runtime, database connections, web server) stays on
/// the one processor it started on; `runtime.one_cpu = false` leaves them where the system
/// puts them.
#[cfg(target_os = "linux")]
#[test]
fn the_daemon_keeps_its_threads_on_one_processor_unless_told_otherwise() {
    use std::io::{BufRead, BufReader};

    let everywhere = allowed_cpus(std::process::id())[0].clone();
    for one_cpu in [true, false] {
        let db = TestDb::sqlite();
        let dir = tempfile::tempdir().unwrap();
        let mut child = daemon(db.url(), dir.path())
            .env("ALLIANZ__RUNTIME__ONE_CPU", one_cpu.to_string())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        // Ready (its database and web server threads are running) once it names its feed.
        let stderr = BufReader::new(child.stderr.take().unwrap());
        for line in stderr.lines() {
            if line.unwrap().contains("web view at") {
                break;
            }
        }
        let threads = allowed_cpus(child.id());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(threads.len() > 2, "{threads:?}");
        if one_cpu {
            assert!(
                threads.iter().all(|t| t == &threads[0]) && threads[0].parse::<u32>().is_ok(),
                "one processor for all: {threads:?}"
            );
        } else {
            assert!(threads.iter().all(|t| *t == everywhere), "{threads:?}");
        }
    }
}
