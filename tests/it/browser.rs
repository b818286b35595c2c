//! The web view in a real browser: headless Chromium (Debian's `chromium`, installed by
//! `tests/run.sh`) loads every page through a recording proxy on 127.0.0.1, so any request
//! that would leave the machine – a font, a map tile, a script from elsewhere – shows up
//! and fails the test. The rendered pages are checked, and a screenshot is taken (kept in
//! `tests/screenshots/` when `ALLIANZ_SCREENSHOTS=1`, for the README).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use allianz_tests::web::Site;
use allianz_tests::{Bot, TestDb};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let path = Path::new(dir).join(name);
            if path.is_file() {
                return path;
            }
        }
    }
    panic!("no chromium found: tests/run.sh installs it (Debian: apt-get install chromium)");
}

/// An HTTP proxy that writes down every address the browser asks for and passes on only
/// requests to `site` (host:port); anything else gets 403.
async fn recording_proxy(site: String) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let (site, log) = (site.clone(), log.clone());
            tokio::spawn(async move {
                let _ = relay(client, &site, &log).await;
            });
        }
    });
    (address, seen)
}

async fn relay(mut client: TcpStream, site: &str, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    // One request per connection (GET/HEAD only: no bodies): the answer says `Connection:
    // close`, so the browser opens a new one for the next.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).await? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let line = head.lines().next().unwrap_or_default().to_string();
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    log.lock().unwrap().push(format!("{method} {target}"));
    let Some(path) = target
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_prefix(site))
        .filter(|_| method != "CONNECT")
    else {
        client
            .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .await?;
        return Ok(());
    };
    let path = if path.is_empty() { "/" } else { path };
    // Passed on in origin form, one request per connection to the server.
    let mut forwarded = format!("{method} {path} HTTP/1.1\r\n");
    for header in head.lines().skip(1).filter(|l| !l.is_empty()) {
        let name = header.split(':').next().unwrap_or("").to_ascii_lowercase();
        if !matches!(
            name.as_str(),
            "connection" | "proxy-connection" | "keep-alive"
        ) {
            forwarded.push_str(header);
            forwarded.push_str("\r\n");
        }
    }
    forwarded.push_str("Connection: close\r\n\r\n");
    let mut server = TcpStream::connect(site).await?;
    server.write_all(forwarded.as_bytes()).await?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).await?;
    client.write_all(&answer).await?;
    Ok(())
}

/// Chromium's own housekeeping, which no flag fully silences: its component updater (the
/// CUP2 protocol), network time and the Google account check at start. None of these hosts
/// serves anything a page could load (fonts, tiles and scripts come from elsewhere), so a
/// page's request to them could not hide among these.
fn browsers_own(request: &str) -> bool {
    let host = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    matches!(
        host,
        "update.googleapis.com"
            | "clients2.google.com"
            | "accounts.google.com"
            | "content-autofill.googleapis.com"
            | "optimizationguide-pa.googleapis.com"
            | "safebrowsing.googleapis.com"
    )
}

/// Runs Chromium headless on `url` through the proxy with `extra` arguments; its stdout.
async fn chromium_run(proxy: &str, profile: &Path, url: &str, extra: &[String]) -> String {
    let mut command = tokio::process::Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-domain-reliability",
            "--metrics-recording-only",
            "--no-pings",
            "--disable-breakpad",
            "--disable-client-side-phishing-detection",
            "--disable-field-trial-config",
            "--disable-search-engine-choice-screen",
            "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,\
             InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,\
             AutofillServerCommunication,NetworkTimeServiceQuerying,PrivacySandboxSettings4,\
             SafeBrowsing,SignInProfileCreation,AccountConsistency",
            "--hide-scrollbars",
            "--lang=de-DE",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--proxy-server=http://{proxy}"))
        // Without this, Chromium talks to 127.0.0.1 directly, around the proxy.
        .arg("--proxy-bypass-list=<-loopback>")
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    let output = tokio::time::timeout(Duration::from_secs(120), command.output())
        .await
        .expect("chromium finished within two minutes")
        .expect("chromium runs");
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// An alliance with something on every page.
async fn alliance(db: &TestDb) -> Bot {
    let bot = Bot::new(db).await;
    bot.make_member("mia").await;
    bot.say_in(&bot.group_text("lokal", "/kanal verbinden"))
        .await;
    for line in [
        "/termin neu in 10 Tagen 18 Uhr | Netzwerktreffen Südthüringen | Rathaus Suhl | Alle Initiativen stellen sich vor",
        "/termin neu jeden ersten Montag im Monat 19 Uhr | Online-Stammtisch | https://meet.example.org/stammtisch",
        "/initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | tafel@suhl.example | https://tafel-suhl.example | Armut, Ernährung",
        "/initiative Tafel Suhl ort 50.6098, 10.6934",
        "/initiative neu Dorfladen Plus | Zella-Mehlis | Ein Laden für alle im Dorf | laden@zm.example | - | Nahversorgung",
        "/initiative Dorfladen Plus ort 50.6533, 10.6644",
        "/initiative neu Jugendclub Nord | Schleusingen | Treffpunkt für Jugendliche | jc@example.org | - | Jugend",
        "/initiative Jugendclub Nord ort 50.5101, 10.7549",
        "/leerstand neu Ehemalige Bäckerei | Suhl, Steinweg 12 | Laden | 80 m² mit Schaufenster | Stadtverwaltung",
        "/leerstand L1 ort 50.6105, 10.6920",
        "/ankuendigung öffentlich Stadtputz am Samstag\nTreffpunkt 10 Uhr am Markt.",
        "/runde neu Frühjahrstopf | 1.000 € | Anträge bis 31.12.2099",
        "/antrag Kühlschrank | 450 € | Tafel Suhl | Lebensmittel länger frisch halten",
        "/antrag A1 zulassen",
    ] {
        let said = bot.say("lokal", line).await;
        assert!(!said.is_empty(), "{line}");
    }
    for line in [
        "/abstimmung start 1",
        "/stimme A1 ja",
        "/abstimmung schließen 1",
        "/runde 1 veröffentlichen",
    ] {
        bot.handle(&bot.group_text("lokal", line)).await;
        bot.deliver_all().await;
    }
    bot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_in_a_browser_and_nothing_is_loaded_from_elsewhere() {
    let db = TestDb::sqlite();
    let bot = alliance(&db).await;
    let site = Site::serve(&db, bot.engine.clone(), "Bündnis Südthüringen").await;
    let host = site.url.trim_start_matches("http://").to_string();
    let (proxy, seen) = recording_proxy(host.clone()).await;
    let profile = tempfile::tempdir().unwrap();

    for (path, shown) in [
        (
            "/",
            vec![
                "Bündnis Südthüringen",
                "Netzwerktreffen Südthüringen",
                "Stadtputz",
            ],
        ),
        (
            "/termine",
            vec![
                "Netzwerktreffen Südthüringen",
                "Online-Stammtisch",
                "Rathaus Suhl",
            ],
        ),
        ("/termine/vergangen", vec!["Rückblick"]),
        (
            "/initiativen",
            vec!["Tafel Suhl", "Dorfladen Plus", "<circle"],
        ),
        ("/initiativen?thema=jugend", vec!["Jugendclub Nord"]),
        ("/leerstand", vec!["Ehemalige Bäckerei", "Laden"]),
        ("/neuigkeiten", vec!["Treffpunkt 10 Uhr am Markt."]),
        ("/runden", vec!["Frühjahrstopf"]),
        ("/runden/1", vec!["Kühlschrank", "450,00 €", "gefördert"]),
    ] {
        let dom = chromium_run(
            &proxy,
            profile.path(),
            &format!("{}{path}", site.url),
            &["--dump-dom".to_string()],
        )
        .await;
        for text in shown {
            assert!(dom.contains(text), "{path}: {text:?} not rendered:\n{dom}");
        }
    }

    // A screenshot of the initiatives, as a phone-sized and a desktop window.
    let shots = match std::env::var("ALLIANZ_SCREENSHOTS").as_deref() {
        Ok("1") => Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots"),
        _ => profile.path().join("shots"),
    };
    std::fs::create_dir_all(&shots).unwrap();
    for (name, path, size) in [
        ("initiativen.png", "/initiativen", "900,1100"),
        ("termine-handy.png", "/termine", "390,844"),
    ] {
        let file = shots.join(name);
        chromium_run(
            &proxy,
            profile.path(),
            &format!("{}{path}", site.url),
            &[
                format!("--screenshot={}", file.display()),
                format!("--window-size={size}"),
            ],
        )
        .await;
        let png = std::fs::read(&file).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
        assert!(
            png.len() > 10_000,
            "{name} shows something ({} bytes)",
            png.len()
        );
    }

    // The browser asked for pages and our stylesheet – from 127.0.0.1 only.
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|r| r.ends_with("/stil.css")),
        "the stylesheet was loaded: {seen:#?}"
    );
    let elsewhere: Vec<&String> = seen
        .iter()
        .filter(|r| !r.contains(&format!("http://{host}/")) && !browsers_own(r))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "requests left 127.0.0.1: {elsewhere:#?}"
    );
    db.cleanup().await;
}
