//! What each command does: [`dispatch`] resolves the context, [`plan`]
//! turns the command into a checked plan, and the plan runs against the
//! server ([`read`], [`actions`], [`export`]) or locally ([`local`],
//! [`interactive`]).

mod actions;
mod audit_report;
mod canned;
mod export;
mod interactive;
mod local;
mod plan;
mod prospect_pbx;
mod read;

use self::actions::*;
use self::audit_report::*;
use self::export::*;
use self::interactive::*;
use self::local::*;
use self::plan::*;
use self::prospect_pbx::*;
use self::read::*;

use std::collections::BTreeMap;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::args::{
    Cli, Command, ConfigCommand, CpeCommand, DateTypeArg, ExportCommand, GlobalArgs,
    NetworkCommand, OrderArg, PbxCommand, ProspectArgs, ProspectsCommand, ReceivablesArgs,
    SearchArgs, TicketCommand, Via,
};
use super::args::{ServiceCommand, SuspendArg};
use super::output::{self as out, Fmt};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Failure};
use crate::api::params::CustomerSearchBy;
use crate::api::{
    AllCustomers, ApiError, City, Client, ClientConfig, ConnectionLogQuery, CpeQuery, Customer,
    CustomerFeed, CustomerPagesQuery, CustomerSearch, DateKind, Disconnect, InvoiceEmail,
    InvoiceOrderBy, InvoicePush, InvoiceSearch, InvoiceSearchBy, InvoiceSms, NewProspect,
    OrderType, PbxCall, PersonKind, Pop, ProspectPlansQuery, ProspectSearch, ReceivableSearchBy,
    ReceivablesQuery, ResetMac, ServiceOrderSearch, ServiceOrderSearchBy, ServiceZone,
    TicketSearch, TicketSearchBy, TrustUnlock,
};
use crate::app::keymap::{Keymap, overrides_from_config};
use crate::app::runner::ClientSource;
use crate::audit::{self, Audit, AuditAttempt, Outcome};
use crate::br::{self, FieldError};
use crate::config::{self, FlagOverrides, Loaded, Paths, Settings};
use crate::console::{self, ConsoleOptions};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::ops::actions::{ActionKind, ActionReply, ActionRequest, InvoiceRequest};
use crate::ops::errors::ErrorContext;
use crate::screenpop::{self, CallError};
use crate::search_kind;
use crate::theme::{Theme, ThemeKind, parse_color};

/// Everything a command needs, resolved once.
struct Ctx {
    lang: Lang,
    fmt: Fmt,
    global: GlobalArgs,
    paths: Paths,
    loaded: Loaded,
}

/// Runs the parsed command line.
/// Runs a parsed command. `preloaded` is the config file as the prescan
/// read it, used when it is the file these arguments name.
pub fn dispatch(
    cli: Cli,
    prescan_lang: Lang,
    preloaded: Option<config::Loaded>,
) -> Result<u8, Failure> {
    // Off since the start of main (see `crate::hardening`).
    if cli.global.allow_core_dump
        && let Err(e) = crate::hardening::allow_core_dumps()
    {
        eprintln!("hubdesk: --allow-core-dump: {e}");
    }
    let env = &config::process_env;
    let paths = Paths::resolve(cli.global.config.as_deref(), env)
        .map_err(|e| Failure::config(prescan_lang, &e))?;

    // Commands that must work whatever the config file holds.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = super::help::localize_for_completions(
                <Cli as clap::CommandFactory>::command(),
                prescan_lang,
            );
            clap_complete::generate(*shell, &mut cmd, "hubdesk", &mut std::io::stdout());
            return Ok(EXIT_OK);
        }
        Some(Command::Man) => {
            let cmd = super::help::localize(<Cli as clap::CommandFactory>::command(), prescan_lang);
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut buf)
                .map_err(|e| Failure::new(EXIT_FAILURE, e.to_string()))?;
            print_bytes(&buf);
            return Ok(EXIT_OK);
        }
        Some(Command::Config(ConfigCommand::Path)) => {
            if cli.global.json {
                print_json(&json!({
                    "config": paths.config_file,
                    "data_dir": paths.data_dir,
                    "audit": paths.audit_file(),
                    "log_dir": paths.log_dir(),
                }));
            } else {
                say(paths.config_file.display());
            }
            return Ok(EXIT_OK);
        }
        Some(Command::Config(ConfigCommand::Example)) => {
            print_bytes(config::EXAMPLE.as_bytes());
            return Ok(EXIT_OK);
        }
        _ => {}
    }
    if let Some(Command::Sim(_)) = &cli.command {
        let Some(Command::Sim(args)) = cli.command else {
            unreachable!("matched just above")
        };
        return crate::sim::run_standalone(args)
            .map(|()| EXIT_OK)
            .map_err(|e| {
                Failure::new(
                    EXIT_FAILURE,
                    trf(prescan_lang, Msg::CliDemoFailed, &[("detail", &e)]),
                )
            });
    }

    let explicit = cli.global.config.is_some();
    let loaded = match preloaded.filter(|l| l.path == paths.config_file && (l.exists || !explicit))
    {
        Some(l) => l,
        None => match config::load_checked(&paths.config_file, explicit) {
            Ok(l) => l,
            Err(e) => return Err(Failure::config(prescan_lang, &e)),
        },
    };
    let lang = Lang::detect_from_process(cli.global.lang.as_deref(), loaded.file.lang.as_deref());
    if let Err(e) = crate::logging::init(&paths.log_dir(), cli.global.log_level.filter()) {
        eprintln!(
            "hubdesk: {}",
            trf(
                lang,
                Msg::CliLogInitFailed,
                &[("path", &paths.log_dir().display()), ("detail", &e)]
            )
        );
    }
    // `config check` lists these among its own warnings.
    if !matches!(cli.command, Some(Command::Config(ConfigCommand::Check))) {
        // A file others may rewrite must not run commands.
        config::check_commands_safe(&loaded).map_err(|e| Failure::config(lang, &e))?;
        // A broken canned text is left out and said, never fatal.
        let (_, template_errors) = crate::ops::templates::load(&loaded.file.templates);
        for w in config::secrets_warning(&loaded, lang)
            .into_iter()
            .chain(config::unknown_keys_warning(&loaded, lang))
            .chain(template_errors.iter().map(|e| e.message(lang)))
        {
            eprintln!("hubdesk: {w}");
        }
    }
    let privacy = cli.global.privacy || loaded.file.privacy.unwrap_or(false);
    let ctx = Ctx {
        lang,
        fmt: Fmt { lang, privacy },
        global: cli.global,
        paths,
        loaded,
    };
    let name = command_name(cli.command.as_ref());
    tracing::info!(command = name, "hubdesk started");
    let result = match cli.command {
        None => run_console(&ctx, cli.demo, cli.typeahead),
        Some(Command::Config(ConfigCommand::Check)) => config_check(&ctx),
        Some(Command::Audit {
            limit,
            since,
            summary,
        }) => show_audit(&ctx, limit, since.as_deref(), summary),
        Some(Command::Call { phone }) => screen_pop(&ctx, cli.demo, &phone),
        Some(command) => with_runtime(&ctx, command, cli.demo),
    };
    match &result {
        Ok(code) => tracing::info!(command = name, code, "hubdesk finished"),
        Err(f) => tracing::info!(command = name, code = f.code, "hubdesk failed"),
    }
    result
}

fn command_name(c: Option<&Command>) -> &'static str {
    match c {
        None => "console",
        Some(Command::Search(_)) => "search",
        Some(Command::Customer { .. }) => "customer",
        Some(Command::Invoices { .. }) => "invoices",
        Some(Command::Tickets { .. }) => "tickets",
        Some(Command::Orders { .. }) => "orders",
        Some(Command::Connections { .. }) => "connections",
        Some(Command::WhoHad { .. }) => "who-had",
        Some(Command::Passwords { .. }) => "passwords",
        Some(Command::Cpe(CpeCommand::List { .. })) => "cpe list",
        Some(Command::Unlock { .. }) => "unlock",
        Some(Command::ResetMac { .. }) => "reset-mac",
        Some(Command::Disconnect { .. }) => "disconnect",
        Some(Command::ResetPhy { .. }) => "reset-phy",
        Some(Command::Cpe(CpeCommand::Reboot { .. })) => "cpe reboot",
        Some(Command::Cpe(CpeCommand::Restore { .. })) => "cpe restore",
        Some(Command::Service(ServiceCommand::Enable { .. })) => "service enable",
        Some(Command::Service(ServiceCommand::Suspend { .. })) => "service suspend",
        Some(Command::Service(ServiceCommand::Activate { .. })) => "service activate",
        Some(Command::Ticket(TicketCommand::Append { .. })) => "ticket append",
        Some(Command::SendInvoice { .. }) => "send-invoice",
        Some(Command::Ticket(TicketCommand::Open { .. })) => "ticket open",
        Some(Command::Ticket(TicketCommand::Close { .. })) => "ticket close",
        Some(Command::Login) => "login",
        Some(Command::Config(_)) => "config",
        Some(Command::Audit { .. }) => "audit",
        Some(Command::Sim(_)) => "sim",
        Some(Command::Network(NetworkCommand::Pops { .. })) => "network pops",
        Some(Command::Network(NetworkCommand::Equipment { .. })) => "network equipment",
        Some(Command::Network(NetworkCommand::Zones { .. })) => "network zones",
        Some(Command::Prospects(ProspectsCommand::Search { .. })) => "prospects search",
        Some(Command::Prospects(ProspectsCommand::Create(_))) => "prospects create",
        Some(Command::Plans { .. }) => "plans",
        Some(Command::Cities { .. }) => "cities",
        Some(Command::Receivables(_)) => "receivables",
        Some(Command::Pbx(PbxCommand::Notify { .. })) => "pbx notify",
        Some(Command::Pbx(PbxCommand::Cancel { .. })) => "pbx cancel",
        Some(Command::Export(ExportCommand::Customers { .. })) => "export customers",
        Some(Command::Call { .. }) => "call",
        Some(Command::Completions { .. }) => "completions",
        Some(Command::Man) => "man",
    }
}

fn print_json(v: &Value) {
    let text = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".to_owned());
    say(text);
}

/// One line (or block) on stdout. A closed pipe (`hubdesk ... | head`)
/// ends the output quietly instead of panicking like `println!`.
fn say(text: impl std::fmt::Display) {
    print_bytes(format!("{text}\n").as_bytes());
}

fn print_bytes(b: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(b).and_then(|()| stdout.flush());
}

fn note(msg: &str) {
    eprintln!("hubdesk: {msg}");
}

fn runtime(lang: Lang) -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                EXIT_FAILURE,
                trf(lang, Msg::CliRuntimeFailed, &[("detail", &e)]),
            )
        })
}

impl Ctx {
    /// The canned texts of this run (the config's sound ones, else the
    /// built-in ones) and the problems of the others.
    fn templates(
        &self,
    ) -> (
        Vec<crate::ops::templates::Template>,
        Vec<crate::ops::templates::TemplateError>,
    ) {
        crate::ops::templates::load(&self.loaded.file.templates)
    }

    /// The `[[commands]]` entries checked, and the problems of the others.
    fn noc_commands(&self) -> (Vec<crate::ops::commands::NocCommand>, Vec<String>) {
        crate::ops::commands::load(&self.loaded.file.commands, self.lang)
    }

    fn settings(&self) -> Result<Settings, Failure> {
        let flags = FlagOverrides {
            profile: self.global.profile.clone(),
            host: self.global.host.clone(),
        };
        config::resolve(&self.loaded.file, &flags, &config::process_env)
            .map_err(|e| Failure::config(self.lang, &e))
    }

    fn client_for(&self, settings: &Settings) -> Result<Client, Failure> {
        let cc = self.client_config(settings)?;
        Client::new(cc).map_err(|e| Failure::api(self.lang, &e, ErrorContext::default()))
    }

    /// The client's configuration, checked: everything but building it
    /// (which loads the trust store for https).
    fn client_config(&self, settings: &Settings) -> Result<ClientConfig, Failure> {
        let host = settings
            .checked_host()
            .map_err(|e| Failure::config(self.lang, &e))?;
        let credentials = settings
            .credentials()
            .map_err(|e| Failure::config(self.lang, &e))?;
        let mut cc = ClientConfig::new(host, credentials);
        cc.accept_invalid_certs = self.global.insecure;
        cc.allow_insecure_http = settings.insecure_http;
        if let Some(secs) = self.global.timeout {
            let t = Duration::from_secs(secs);
            cc.request_timeout = t;
            cc.slow_timeout = t;
            cc.connect_timeout = cc.connect_timeout.min(t);
        }
        Ok(cc)
    }

    fn read_only(&self, settings: &Settings) -> bool {
        self.global.read_only || settings.read_only
    }

    fn theme(&self, settings: &Settings) -> Result<Theme, Failure> {
        let flag = self.global.theme.map(|t| match t {
            super::args::ThemeArg::Dark => ThemeKind::Dark,
            super::args::ThemeArg::Light => ThemeKind::Light,
            super::args::ThemeArg::Mono => ThemeKind::Mono,
        });
        let no_color = std::env::var("NO_COLOR").ok();
        config::resolve_theme(
            flag,
            self.loaded.file.theme.as_deref(),
            self.global.no_color,
            no_color.as_deref(),
            settings,
        )
        .map_err(|e| Failure::config(self.lang, &e))
    }

    fn key_overrides(&self) -> BTreeMap<String, Vec<String>> {
        overrides_from_config(self.loaded.file.keys.clone())
    }

    /// Where audit lines go besides the file: the config's `audit_sink`,
    /// its socket replaced by `HUBDESK_AUDIT_SOCKET` when set. The one
    /// resolution for the console and the commands; an unknown name is a
    /// bad config (exit 2), never a silent fall-back to the file alone.
    fn audit_sink(&self) -> Result<audit::Sink, Failure> {
        let name = self.loaded.file.audit_sink.as_deref();
        let socket = config::process_env(audit::ENV_AUDIT_SOCKET).map(PathBuf::from);
        audit::Sink::from_setting(name, socket).ok_or_else(|| {
            Failure::config(
                self.lang,
                &config::ConfigError::BadValue {
                    key: "audit_sink".into(),
                    value: name.unwrap_or_default().into(),
                },
            )
        })
    }
}

fn with_runtime(ctx: &Ctx, command: Command, demo: bool) -> Result<u8, Failure> {
    let (sim, settings) = if demo {
        let (sim, settings) = start_demo(ctx)?;
        (Some(sim), settings)
    } else {
        (None, ctx.settings()?)
    };
    // Bad input is refused before secrets are fetched or anything is sent.
    let plan = plan(ctx, &settings, command)?;
    if ctx.global.insecure {
        eprintln!("hubdesk: {}", tr(ctx.lang, Msg::HdInsecureWarning));
    }
    if let Some(w) = cleartext_warning(ctx.lang, &settings) {
        eprintln!("hubdesk: {w}");
    }
    let client = ctx.client_for(&settings)?;
    let rt = runtime(ctx.lang)?;
    let result = rt.block_on(execute(ctx, &settings, &client, plan));
    if let Some(sim) = sim {
        sim.shutdown();
    }
    result
}

/// The warning of a plain-http remote server (`insecure_http = true`),
/// said on every run.
fn cleartext_warning(lang: Lang, settings: &Settings) -> Option<String> {
    settings.cleartext_remote().then(|| {
        let host = settings.host.as_deref().unwrap_or_default();
        trf(
            lang,
            Msg::CfgCleartextHost,
            &[("host", &crate::sanitize::clean_line(host))],
        )
    })
}

/// The error context of a read through `client`: its time limit.
fn reading(client: &Client) -> ErrorContext {
    ErrorContext::read(client.request_timeout().as_secs())
}

fn checked<T>(lang: Lang, r: Result<T, ApiError>) -> Result<T, Failure> {
    // Checks made before sending: no time limit to name.
    r.map_err(|e| Failure::api(lang, &e, ErrorContext::default()))
}

fn usage_of(lang: Lang, e: &impl FieldError) -> Failure {
    Failure::usage(e.message(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_codes_documents_or_services() {
        let l = Lang::En;
        assert_eq!(parse_ref(l, "1234").unwrap(), Ref::Code(1234));
        assert_eq!(parse_ref(l, "service:99").unwrap(), Ref::Service(99));
        assert_eq!(parse_ref(l, "SERVICO:7").unwrap(), Ref::Service(7));
        assert_eq!(
            parse_ref(l, "123.456.789-09").unwrap(),
            Ref::Document("12345678909".into())
        );
        assert_eq!(
            parse_ref(l, "12345678909").unwrap(),
            Ref::Document("12345678909".into())
        );
        for bad in [
            "",
            "service:",
            "service:0",
            "0",
            "abc",
            "123.456.789-00",
            "12345678900",
        ] {
            let e = parse_ref(l, bad).unwrap_err();
            assert_eq!(e.code, EXIT_USAGE, "{bad}");
        }
    }

    #[test]
    fn api_errors_map_to_exit_codes() {
        let l = Lang::En;
        let code = |e: ApiError| Failure::api(l, &e, ErrorContext::default()).code;
        assert_eq!(
            code(ApiError::Refused {
                route: "r",
                msg: "no".into(),
                errors: vec![]
            }),
            1
        );
        assert_eq!(
            code(ApiError::NotFound {
                route: "r",
                msg: None
            }),
            1
        );
        assert_eq!(
            code(ApiError::Forbidden {
                route: "r",
                msg: None
            }),
            1
        );
        assert_eq!(
            code(ApiError::InvalidRequest {
                field: "limit",
                reason: "x".into()
            }),
            2
        );
        assert_eq!(code(ApiError::Config { reason: "x".into() }), 2);
        assert_eq!(code(ApiError::Auth { msg: "x".into() }), 3);
        assert_eq!(
            code(ApiError::Http {
                route: "r",
                status: 500,
                excerpt: String::new()
            }),
            4
        );
        assert_eq!(
            code(ApiError::Network {
                route: "r",
                timeout: true,
                sent: true,
                detail: String::new()
            }),
            4
        );
        assert_eq!(
            code(ApiError::Decode {
                route: "r",
                path: ".".into(),
                detail: String::new()
            }),
            4
        );
    }

    #[test]
    fn server_text_in_errors_is_sanitized() {
        let e = ApiError::Refused {
            route: "r",
            msg: "bad\x1b]0;pwned\x07".into(),
            errors: vec![],
        };
        let f = Failure::api(Lang::En, &e, ErrorContext::default());
        assert!(!f.message.contains('\x1b'));
    }
}
