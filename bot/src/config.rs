//! Configuration in layers: built-in defaults → TOML file → `ALLIANZ__SECTION__KEY`
//! environment variables (the environment wins). Secrets only from the environment.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use allianz_core::EngineConfig;
use allianz_core::domain::PlatformIdentity;
use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::secret::Secret;

pub const ENV_PREFIX: &str = "ALLIANZ__";

/// Keys that hold secrets: accepted only from the environment.
pub const SECRET_KEYS: &[(&str, &str)] = &[
    ("telegram", "token"),
    ("matrix", "password"),
    ("matrix", "access_token"),
    ("matrix", "store_passphrase"),
    ("http", "metrics_token"),
];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database: DatabaseConfig,
    pub alliance: AllianceConfig,
    pub console: ConsoleConfig,
    pub telegram: TelegramConfig,
    pub matrix: MatrixConfig,
    pub events: EventsConfig,
    pub calendar: CalendarConfig,
    pub http: HttpConfig,
    pub privacy: PrivacyConfig,
    pub limits: LimitsConfig,
    pub budget: BudgetConfig,
    pub vacancies: VacanciesConfig,
    pub log: LogConfig,
    pub runtime: RuntimeConfig,
}

/// The Spendenparlament's default procedure; each round can change it until voting starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BudgetConfig {
    /// `ja/nein` per application, or `punkte` spread over all applications.
    pub ballot: String,
    /// Points per voter in `punkte` mode.
    pub points: u32,
    /// `mitglieder` (active members) or `angemeldete` (registered for the meeting).
    pub eligible: String,
    /// Fewest voters an application needs; 0: none.
    pub quorum: u32,
    /// Percentage of yes among yes and no; 0: more yes than no.
    pub threshold_percent: u32,
    /// Most one application may ask for, e.g. "1.000 €"; empty: no limit.
    pub max_per_application: String,
    pub partial_funding: bool,
    pub secret: bool,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            ballot: "ja/nein".into(),
            points: 10,
            eligible: "mitglieder".into(),
            quorum: 0,
            threshold_percent: 0,
            max_per_application: String::new(),
            partial_funding: false,
            secret: false,
        }
    }
}

impl BudgetConfig {
    pub fn settings(&self) -> Result<allianz_core::domain::RoundSettings, ConfigError> {
        use allianz_core::domain::budget::{BallotForm, Eligibility, Threshold};
        let invalid =
            |key: &'static str, value: String, allowed: &'static str| ConfigError::Invalid {
                key,
                value,
                allowed,
            };
        let ballot = match self.ballot.trim() {
            "ja/nein" | "janein" | "yes/no" => BallotForm::YesNo,
            "punkte" | "points" if (1..=100).contains(&self.points) => {
                BallotForm::Points(self.points)
            }
            "punkte" | "points" => {
                return Err(invalid(
                    "budget.points",
                    self.points.to_string(),
                    "1 bis 100 Punkte",
                ));
            }
            other => {
                return Err(invalid(
                    "budget.ballot",
                    other.to_string(),
                    "\"ja/nein\" oder \"punkte\"",
                ));
            }
        };
        let eligibility = match self.eligible.trim() {
            "mitglieder" | "members" => Eligibility::Members,
            "angemeldete" | "registered" => Eligibility::MeetingRegistered,
            other => {
                return Err(invalid(
                    "budget.eligible",
                    other.to_string(),
                    "\"mitglieder\" oder \"angemeldete\"",
                ));
            }
        };
        let threshold = match self.threshold_percent {
            0 => Threshold::Majority,
            p @ 1..=100 => Threshold::Percent(p),
            p => {
                return Err(invalid(
                    "budget.threshold_percent",
                    p.to_string(),
                    "0 (mehr Ja als Nein) bis 100",
                ));
            }
        };
        let max_per_application = match self.max_per_application.trim() {
            "" => None,
            text => Some(allianz_core::domain::Amount::parse(text).map_err(|_| {
                invalid(
                    "budget.max_per_application",
                    text.to_string(),
                    "ein Betrag wie \"1.000 €\" oder leer",
                )
            })?),
        };
        Ok(allianz_core::domain::RoundSettings {
            ballot,
            max_per_application,
            eligibility,
            quorum: (self.quorum > 0).then_some(self.quorum),
            threshold,
            partial_funding: self.partial_funding,
            secret: self.secret,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    pub commands_per_minute: u32,
    pub invitations_per_day: u32,
    pub polls_per_hour: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let limits = allianz_core::Limits::default();
        Self {
            commands_per_minute: limits.commands_per_minute,
            invitations_per_day: limits.invitations_per_day,
            polls_per_hour: limits.polls_per_hour,
        }
    }
}

/// How long vacant places ("Leerstand") stay listed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VacanciesConfig {
    pub listed_days: u32,
    /// The owner is reminded privately this many days before the listing expires.
    pub remind_days: u32,
}

impl Default for VacanciesConfig {
    fn default() -> Self {
        Self {
            listed_days: 90,
            remind_days: 7,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Delivered messages and taken-in events are kept this long, then deleted.
    pub retention_days: u32,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self { retention_days: 30 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarConfig {
    pub partners: Vec<PartnerFeed>,
    pub refresh: String,
    pub timeout_seconds: u32,
    pub max_kib: u32,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        Self {
            partners: Vec::new(),
            refresh: "0 */30 * * * *".into(),
            timeout_seconds: 20,
            max_kib: 2048,
        }
    }
}

/// A member initiative's calendar.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerFeed {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EventsConfig {
    pub members_may_create: bool,
    /// Members' events wait for an organiser's release before they show.
    pub member_events_reviewed: bool,
    pub reminders: String,
    pub grace_minutes: u32,
    pub default_length_minutes: u32,
    /// Points each member spreads over the meetup topics.
    pub topic_points: u32,
}

impl Default for EventsConfig {
    fn default() -> Self {
        Self {
            members_may_create: false,
            member_events_reviewed: true,
            reminders: "7d 1d 1h".into(),
            grace_minutes: 30,
            default_length_minutes: 120,
            topic_points: 3,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    pub url: String,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "sqlite://data/allianz.db".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllianceConfig {
    pub name: String,
    pub timezone: String,
    pub admins: Vec<String>,
    pub code_of_conduct: String,
    pub invitation_valid_days: u32,
    pub link_code_valid_minutes: u32,
}

impl Default for AllianceConfig {
    fn default() -> Self {
        Self {
            name: "Unsere Allianz".into(),
            timezone: "Europe/Berlin".into(),
            admins: Vec::new(),
            code_of_conduct: "Wir begegnen uns mit Respekt, hören einander zu und lösen \
                              Konflikte im Gespräch. Diskriminierung hat bei uns keinen Platz."
                .into(),
            invitation_valid_days: 14,
            link_code_valid_minutes: 15,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleConfig {
    pub enabled: bool,
    pub history_file: String,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            history_file: "data/console-history.txt".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TelegramConfig {
    #[serde(skip_serializing)]
    pub token: Option<Secret>,
    pub api_url: String,
    /// How many messages a chat that has been quiet receives at once; after that one a
    /// second (Telegram's rate per chat). Groups also keep 20 a minute.
    pub chat_burst: u32,
}

impl Default for TelegramConfig {
    fn default() -> Self {
        Self {
            token: None,
            api_url: "https://api.telegram.org".into(),
            chat_burst: 60,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MatrixConfig {
    /// Empty: the Matrix adapter stays off.
    pub homeserver: String,
    pub user: String,
    #[serde(skip_serializing)]
    pub password: Option<Secret>,
    #[serde(skip_serializing)]
    pub access_token: Option<Secret>,
    /// Encrypts the session and key store on disk (from the first start on).
    #[serde(skip_serializing)]
    pub store_passphrase: Option<Secret>,
    /// Session and end-to-end encryption state: the bot stays the same device across restarts.
    pub data_dir: String,
}

impl Default for MatrixConfig {
    fn default() -> Self {
        Self {
            homeserver: String::new(),
            user: String::new(),
            password: None,
            access_token: None,
            store_passphrase: None,
            data_dir: "data/matrix".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    pub listen: String,
    /// The address the public reaches the web view at (behind a reverse proxy), for absolute
    /// links in the news feed; empty: taken from each request.
    pub public_url: String,
    /// If set, `/metrics` answers only with `Authorization: Bearer <token>` (environment
    /// only: `ALLIANZ__HTTP__METRICS_TOKEN`).
    #[serde(skip_serializing)]
    pub metrics_token: Option<Secret>,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            public_url: String::new(),
            metrics_token: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    pub level: String,
    /// `text` for people, `json` (one object per line) for log collectors.
    pub format: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            // Quiet by default: the terminal chat shares the screen with the logs, so the bot
            // says at info only what happens once (where the feed is, which messengers are
            // connected) or rarely, never per command or per sync; libraries only warn.
            // matrix-sdk's HTTP client logs harmless 404s (missing account data) as errors;
            // the adapter logs real failures itself, with context.
            level: "warn,allianz_bot=info,allianz_core=info,matrix_sdk::http_client=off".into(),
            format: "text".into(),
        }
    }
}

/// How the daemon uses the machine's processors.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuntimeConfig {
    /// All threads on the processor the daemon starts on (why: `cpu.rs`).
    pub one_cpu: bool,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self { one_cpu: true }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("Konfigurationsdatei {path} nicht lesbar / config file not readable: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Syntax(String),
    #[error(
        "„{section}.{key}“ ist ein Geheimnis und darf nicht in der Datei stehen; setze stattdessen \
         die Umgebungsvariable {env} / „{section}.{key}“ is a secret: set {env} instead of \
         writing it into the file"
    )]
    SecretInFile {
        section: &'static str,
        key: &'static str,
        env: String,
    },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Several(Vec<ConfigError>),
    #[error("Ungültiger Wert für „{key}“: „{value}“. Erlaubt / allowed: {allowed}")]
    Invalid {
        key: &'static str,
        value: String,
        allowed: &'static str,
    },
}

pub fn env_name(section: &str, key: &str) -> String {
    format!(
        "{ENV_PREFIX}{}__{}",
        section.to_uppercase(),
        key.to_uppercase()
    )
}

impl Config {
    /// Loads defaults, then `path` (if given), then the environment, and validates.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = path {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Unreadable {
                path: path.to_path_buf(),
                source,
            })?;
            reject_secrets_in_file(&text)?;
            // Read from the path, so errors name the file.
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed(ENV_PREFIX).split("__"));
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError::Syntax(describe_figment_error(e)))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks every value and reports every bad one at once.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut problems = Vec::new();
        let url = &self.database.url;
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            problems.push(ConfigError::Invalid {
                key: "database.url",
                value: url.clone(),
                allowed: "sqlite://PFAD (z. B. sqlite://data/allianz.db) oder postgres://…",
            });
        }
        if let Err(e) = self.timezone() {
            problems.push(e);
        }
        if let Err(e) = self.admins() {
            problems.push(e);
        }
        if !(1..=365).contains(&self.alliance.invitation_valid_days) {
            problems.push(ConfigError::Invalid {
                key: "alliance.invitation_valid_days",
                value: self.alliance.invitation_valid_days.to_string(),
                allowed: "1 bis 365 Tage",
            });
        }
        if !(1..=1440).contains(&self.alliance.link_code_valid_minutes) {
            problems.push(ConfigError::Invalid {
                key: "alliance.link_code_valid_minutes",
                value: self.alliance.link_code_valid_minutes.to_string(),
                allowed: "1 bis 1440 Minuten",
            });
        }
        if self.alliance.code_of_conduct.trim().is_empty() {
            problems.push(ConfigError::Invalid {
                key: "alliance.code_of_conduct",
                value: String::new(),
                allowed: "ein nicht leerer Text",
            });
        }
        if let Err(e) = self.default_reminders() {
            problems.push(e);
        }
        if let Err(e) = self.budget.settings() {
            problems.push(e);
        }
        if self.events.grace_minutes > 1440 {
            problems.push(ConfigError::Invalid {
                key: "events.grace_minutes",
                value: self.events.grace_minutes.to_string(),
                allowed: "0 bis 1440 Minuten",
            });
        }
        if !(1..=24 * 60).contains(&self.events.default_length_minutes) {
            problems.push(ConfigError::Invalid {
                key: "events.default_length_minutes",
                value: self.events.default_length_minutes.to_string(),
                allowed: "1 bis 1440 Minuten",
            });
        }
        if cron::Schedule::from_str(&self.calendar.refresh).is_err() {
            problems.push(ConfigError::Invalid {
                key: "calendar.refresh",
                value: self.calendar.refresh.clone(),
                allowed: "ein Cron-Ausdruck mit Sekunden zuerst, z. B. \"0 */30 * * * *\"",
            });
        }
        if !(1..=300).contains(&self.calendar.timeout_seconds) {
            problems.push(ConfigError::Invalid {
                key: "calendar.timeout_seconds",
                value: self.calendar.timeout_seconds.to_string(),
                allowed: "1 bis 300 Sekunden",
            });
        }
        if !(1..=65536).contains(&self.calendar.max_kib) {
            problems.push(ConfigError::Invalid {
                key: "calendar.max_kib",
                value: self.calendar.max_kib.to_string(),
                allowed: "1 bis 65536 KiB",
            });
        }
        for partner in &self.calendar.partners {
            if partner.name.trim().is_empty() || !is_http_url(&partner.url) {
                problems.push(ConfigError::Invalid {
                    key: "calendar.partners",
                    value: format!("{} = {}", partner.name, partner.url),
                    allowed: "Name und http(s)-Adresse, z. B. { name = \"Tafel Suhl\", url = \"https://tafel-suhl.de/termine.ics\" }",
                });
            }
        }
        if !self.http.public_url.is_empty() && !is_http_url(&self.http.public_url) {
            problems.push(ConfigError::Invalid {
                key: "http.public_url",
                value: self.http.public_url.clone(),
                allowed: "eine Adresse mit https://, z. B. https://allianz.example.org",
            });
        }
        if self.http.listen.parse::<SocketAddr>().is_err() {
            problems.push(ConfigError::Invalid {
                key: "http.listen",
                value: self.http.listen.clone(),
                allowed: "ADRESSE:PORT, z. B. 127.0.0.1:8080",
            });
        }
        if !is_http_url(&self.telegram.api_url) {
            problems.push(ConfigError::Invalid {
                key: "telegram.api_url",
                value: self.telegram.api_url.clone(),
                allowed: "eine http(s)-Adresse, z. B. https://api.telegram.org",
            });
        }
        if !self.matrix.homeserver.is_empty() && !is_http_url(&self.matrix.homeserver) {
            problems.push(ConfigError::Invalid {
                key: "matrix.homeserver",
                value: self.matrix.homeserver.clone(),
                allowed: "leer (aus) oder eine http(s)-Adresse, z. B. https://matrix.example.org",
            });
        }
        if !(1..=730).contains(&self.vacancies.listed_days) {
            problems.push(ConfigError::Invalid {
                key: "vacancies.listed_days",
                value: self.vacancies.listed_days.to_string(),
                allowed: "1 bis 730 Tage",
            });
        }
        if self.vacancies.remind_days >= self.vacancies.listed_days {
            problems.push(ConfigError::Invalid {
                key: "vacancies.remind_days",
                value: self.vacancies.remind_days.to_string(),
                allowed: "weniger Tage als vacancies.listed_days",
            });
        }
        if !(1..=3650).contains(&self.privacy.retention_days) {
            problems.push(ConfigError::Invalid {
                key: "privacy.retention_days",
                value: self.privacy.retention_days.to_string(),
                allowed: "1 bis 3650 Tage",
            });
        }
        for (key, value) in [
            (
                "limits.commands_per_minute",
                self.limits.commands_per_minute,
            ),
            (
                "limits.invitations_per_day",
                self.limits.invitations_per_day,
            ),
            ("limits.polls_per_hour", self.limits.polls_per_hour),
        ] {
            if !(1..=10_000).contains(&value) {
                problems.push(ConfigError::Invalid {
                    key,
                    value: value.to_string(),
                    allowed: "1 bis 10000",
                });
            }
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.level).is_err() {
            problems.push(ConfigError::Invalid {
                key: "log.level",
                value: self.log.level.clone(),
                allowed: "error, warn, info, debug, trace (oder ein Filter wie allianz_bot=debug)",
            });
        }
        if !["text", "json"].contains(&self.log.format.as_str()) {
            problems.push(ConfigError::Invalid {
                key: "log.format",
                value: self.log.format.clone(),
                allowed: "text oder json",
            });
        }
        match problems.len() {
            0 => Ok(()),
            1 => Err(problems.remove(0)),
            _ => Err(ConfigError::Several(problems)),
        }
    }

    pub fn timezone(&self) -> Result<Tz, ConfigError> {
        self.alliance
            .timezone
            .parse()
            .map_err(|_| ConfigError::Invalid {
                key: "alliance.timezone",
                value: self.alliance.timezone.clone(),
                allowed: "ein IANA-Zeitzonenname, z. B. Europe/Berlin",
            })
    }

    /// The configured admins; with none configured, the terminal chat's local user is admin.
    pub fn admins(&self) -> Result<Vec<PlatformIdentity>, ConfigError> {
        if self.alliance.admins.is_empty() {
            return Ok(vec![
                PlatformIdentity::console("lokal").expect("valid console identity"),
            ]);
        }
        self.alliance
            .admins
            .iter()
            .map(|a| {
                PlatformIdentity::parse(a).map_err(|_| ConfigError::Invalid {
                    key: "alliance.admins",
                    value: a.clone(),
                    allowed: "console:<name>, telegram:<zahl> oder matrix:@name:server",
                })
            })
            .collect()
    }

    /// The default reminders in minutes; `keine` for none.
    pub fn default_reminders(&self) -> Result<Vec<u32>, ConfigError> {
        let text = self.events.reminders.trim();
        if ["keine", "none", ""].contains(&text) {
            return Ok(Vec::new());
        }
        allianz_core::domain::event::parse_reminder_offsets(text).map_err(|_| {
            ConfigError::Invalid {
                key: "events.reminders",
                value: self.events.reminders.clone(),
                allowed: "Abstände wie \"7d 1d 1h\" (Tage d, Stunden h, Minuten min) oder \"keine\"",
            }
        })
    }

    pub fn engine_config(&self) -> Result<EngineConfig, ConfigError> {
        Ok(EngineConfig {
            admins: self.admins()?,
            code_of_conduct: self.alliance.code_of_conduct.clone(),
            invitation_ttl: chrono::Duration::days(i64::from(self.alliance.invitation_valid_days)),
            link_code_ttl: chrono::Duration::minutes(i64::from(
                self.alliance.link_code_valid_minutes,
            )),
            timezone: self.timezone()?,
            events: allianz_core::EventRules {
                members_may_create: self.events.members_may_create,
                member_events_reviewed: self.events.member_events_reviewed,
                reminders: self.default_reminders()?,
                grace: chrono::Duration::minutes(i64::from(self.events.grace_minutes)),
                default_length: chrono::Duration::minutes(i64::from(
                    self.events.default_length_minutes,
                )),
                topic_points: self.events.topic_points,
            },
            retention: chrono::Duration::days(i64::from(self.privacy.retention_days)),
            limits: allianz_core::Limits {
                commands_per_minute: self.limits.commands_per_minute,
                invitations_per_day: self.limits.invitations_per_day,
                polls_per_hour: self.limits.polls_per_hour,
            },
            budget: self.budget.settings()?,
            vacancies: allianz_core::VacancyRules {
                listed_for: chrono::Duration::days(i64::from(self.vacancies.listed_days)),
                remind_before: chrono::Duration::days(i64::from(self.vacancies.remind_days)),
            },
        })
    }
}

fn is_http_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len()
}

fn reject_secrets_in_file(text: &str) -> Result<(), ConfigError> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| ConfigError::Syntax(format!("TOML: {e}")))?;
    for (section, key) in SECRET_KEYS {
        let present = table
            .get(*section)
            .and_then(|s| s.as_table())
            .is_some_and(|s| s.contains_key(*key));
        if present {
            return Err(ConfigError::SecretInFile {
                section,
                key,
                env: env_name(section, key),
            });
        }
    }
    Ok(())
}

/// Figment's errors in the operator's words: which key, what was expected (in German and
/// English), what was found, and where it came from (the file or the environment variable).
fn describe_figment_error(e: figment::Error) -> String {
    e.into_iter()
        .map(|e| {
            let key = e.path.join(".");
            let source = match &e.metadata {
                Some(m) if m.source.is_some() => {
                    format!(
                        "Datei / file {}",
                        m.source
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    )
                }
                Some(_) => {
                    let parts: Vec<String> = e.path.iter().map(|p| p.to_uppercase()).collect();
                    format!("Umgebung / environment {ENV_PREFIX}{}", parts.join("__"))
                }
                None => String::new(),
            };
            let what = match &e.kind {
                figment::error::Kind::UnknownField(field, _) => {
                    format!("unbekannter Schlüssel / unknown key „{field}“")
                }
                figment::error::Kind::InvalidType(actual, expected)
                | figment::error::Kind::InvalidValue(actual, expected) => {
                    let found = match actual {
                        figment::error::Actual::Str(text) => format!("„{text}“"),
                        figment::error::Actual::Signed(n) => n.to_string(),
                        figment::error::Actual::Unsigned(n) => n.to_string(),
                        figment::error::Actual::Bool(b) => b.to_string(),
                        other => other.to_string(),
                    };
                    format!(
                        "erwartet / expected {}, gefunden / found {found}",
                        expected_in_words(expected)
                    )
                }
                kind => kind.to_string(),
            };
            format!("„{key}“: {what} ({source})")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What serde expected, as people say it.
fn expected_in_words(expected: &str) -> String {
    let e = expected.to_lowercase();
    if ["u8", "u16", "u32", "u64", "i32", "i64", "integer"]
        .iter()
        .any(|t| e.contains(t))
    {
        "eine ganze Zahl / a whole number (z. B. / e.g. 30)".into()
    } else if e.contains("bool") {
        "true oder / or false".into()
    } else if e.contains("string") {
        "Text in Anführungszeichen / text in quotes (\"…\")".into()
    } else if e.contains("sequence") {
        "eine Liste / a list [ … ]".into()
    } else {
        expected.to_string()
    }
}
