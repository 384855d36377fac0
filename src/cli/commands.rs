//! What each command does.

use std::collections::BTreeMap;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::args::{
    Cli, Command, ConfigCommand, DateTypeArg, ExportCommand, GlobalArgs, NetworkCommand, OrderArg,
    PbxCommand, ProspectArgs, ProspectsCommand, ReceivablesArgs, SearchArgs, TicketCommand, Via,
};
use super::output::{self as out, Fmt};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Failure};
use crate::api::params::CustomerSearchBy;
use crate::api::{
    AllCustomers, ApiError, City, Client, ClientConfig, ConnectionLogQuery, Customer,
    CustomerSearch, DateKind, Disconnect, InvoiceEmail, InvoiceOrderBy, InvoicePush, InvoiceSearch,
    InvoiceSearchBy, InvoiceSms, NewProspect, OrderType, PbxCall, PersonKind, Pop,
    ProspectPlansQuery, ProspectSearch, ReceivableSearchBy, ReceivablesQuery, ResetMac,
    ServiceOrderSearch, ServiceOrderSearchBy, ServiceZone, TicketSearch, TicketSearchBy,
    TrustUnlock,
};
use crate::app::keymap::{Keymap, overrides_from_config};
use crate::app::runner::ClientSource;
use crate::audit::{self, Audit, AuditAttempt, Outcome};
use crate::br::{self, FieldError};
use crate::config::{self, FlagOverrides, Loaded, Paths, Settings};
use crate::console::{self, ConsoleOptions};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::ops::actions::{ActionReply, ActionRequest, InvoiceRequest};
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
pub fn dispatch(cli: Cli, prescan_lang: Lang) -> Result<u8, Failure> {
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
    let loaded = match config::load_checked(&paths.config_file, explicit) {
        Ok(l) => l,
        Err(e) => return Err(Failure::config(prescan_lang, &e)),
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
        for w in config::secrets_warning(&loaded, lang)
            .into_iter()
            .chain(config::unknown_keys_warning(&loaded, lang))
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
        Some(Command::Audit { limit }) => show_audit(&ctx, limit),
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
        Some(Command::Unlock { .. }) => "unlock",
        Some(Command::ResetMac { .. }) => "reset-mac",
        Some(Command::Disconnect { .. }) => "disconnect",
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
}

// ---------------------------------------------------------------------------
// The console

fn run_console(ctx: &Ctx, demo: bool, typeahead: bool) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let rt = runtime(ctx.lang)?;
    // The first frame does not wait for the client: building it (the trust
    // store for https, and for --demo the simulator's data first) runs on a
    // blocking task while the terminal is set up; requests await it.
    let sim = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (settings, cc) = if demo {
        let configured = ctx.settings().ok();
        let settings = Settings::demo(
            "http://127.0.0.1".to_owned(),
            demo_login(),
            configured.as_ref(),
        );
        (settings.clone(), ctx.client_config(&settings)?)
    } else {
        let settings = ctx.settings()?;
        let cc = ctx.client_config(&settings)?;
        (settings, cc)
    };
    let timeout = cc.request_timeout;
    let keep = sim.clone();
    let build = rt.spawn_blocking(move || {
        let mut cc = cc;
        if demo {
            // The simulator lives until the console ends: the console talks
            // to it through the real client over real HTTP on 127.0.0.1.
            let handle = crate::sim::start(crate::sim::SimConfig::default()).map_err(|e| {
                crate::api::ApiError::Config {
                    reason: trf(lang, Msg::CliDemoFailed, &[("detail", &e)]),
                }
            })?;
            cc.base_url = handle.base_url();
            if let Ok(mut slot) = keep.lock() {
                *slot = Some(handle);
            }
        }
        Client::new(cc)
    });
    let options = ConsoleOptions {
        client: ClientSource::building(timeout, build),
        settings: crate::app::Settings {
            lang,
            theme: ctx.theme(&settings)?,
            read_only: ctx.read_only(&settings),
            privacy: ctx.fmt.privacy,
            demo,
            profile: settings.profile.clone(),
            attendant: settings.attendant.clone(),
            ramal: settings.ramal.clone(),
            internal_id: settings.internal_id.clone(),
            insecure: ctx.global.insecure,
            cleartext: settings.cleartext_remote(),
            ..crate::app::Settings::default()
        },
        key_overrides: ctx.key_overrides(),
        typeahead: typeahead || settings.typeahead,
        screen_pop: Some(screenpop::default_socket_path(
            &ctx.paths.state_dir,
            &settings.profile,
        )),
        audit_file: Some(ctx.paths.audit_file()),
        warnings: config::secrets_warning(&ctx.loaded, lang)
            .into_iter()
            .chain(config::unknown_keys_warning(&ctx.loaded, lang))
            .chain(cleartext_warning(lang, &settings))
            .collect(),
    };
    let result = rt.block_on(console::run(options));
    // Dropping the runtime waits for the build task, so the simulator (if
    // it was started) is in its slot by now.
    drop(rt);
    if let Some(sim) = sim.lock().ok().and_then(|mut s| s.take()) {
        sim.shutdown();
    }
    let code = result.map_err(|e| Failure::new(EXIT_FAILURE, e.to_string()))?;
    Ok(u8::try_from(code).unwrap_or(EXIT_FAILURE))
}

// ---------------------------------------------------------------------------
// Network commands

/// Starts the embedded simulator for `--demo`, with the demo credentials.
/// The embedded simulator's fixed credentials, for `--demo`.
fn demo_login() -> crate::config::DemoLogin<'static> {
    let d = crate::sim::DEMO_CREDENTIALS;
    crate::config::DemoLogin {
        client_id: d.client_id,
        client_secret: d.client_secret,
        username: d.username,
        password: d.password,
    }
}

fn start_demo(ctx: &Ctx) -> Result<(crate::sim::SimHandle, Settings), Failure> {
    let sim = crate::sim::start(crate::sim::SimConfig::default()).map_err(|e| {
        Failure::new(
            EXIT_FAILURE,
            trf(ctx.lang, Msg::CliDemoFailed, &[("detail", &e)]),
        )
    })?;
    let configured = ctx.settings().ok();
    let settings = Settings::demo(sim.base_url(), demo_login(), configured.as_ref());
    Ok((sim, settings))
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

/// A command whose input has been checked.
enum Plan {
    Search(CustomerSearch),
    Customer(Ref),
    Invoices(InvoiceSearch),
    Tickets(TicketSearch),
    Orders(ServiceOrderSearch),
    Connections(ConnectionLogQuery),
    Login,
    Action(Box<ActionPlan>),
    Network(NetworkKind, Option<String>),
    Cities(Option<String>),
    Plans(ProspectPlansQuery),
    Prospects(ProspectSearch),
    Receivables(ReceivablesQuery),
    Export(AllCustomers),
}

/// Which `/rede` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NetworkKind {
    Pops,
    Equipment,
    Zones,
}

/// `prospects create`, checked; the price may still come from the plans
/// of the CEP, and the neighbourhood may be checked against the cities.
struct ProspectPrep {
    value_given: bool,
    city: Option<String>,
}

/// An audit entry's action in `lang` (one table, in the audit module, for
/// the console and the CLI).
fn action_label(lang: Lang, action: &str) -> String {
    crate::ops::actions::action_label(lang, action)
}

/// An action, checked and confirmed.
struct ActionPlan {
    action: CliAction,
    attempt: AuditAttempt,
}

/// An action as the command line builds it: the shared request
/// ([`crate::ops::actions`], the console's too), and for a prospect what
/// is still to be looked up before it is sent.
struct CliAction {
    request: ActionRequest,
    prospect: Option<ProspectPrep>,
}

impl From<ActionRequest> for CliAction {
    fn from(request: ActionRequest) -> CliAction {
        CliAction {
            request,
            prospect: None,
        }
    }
}

/// The record an action targets, for the confirmation question.
fn action_target(lang: Lang, request: &ActionRequest) -> String {
    let (msg, id) = match request {
        ActionRequest::TrustUnlock(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::ResetMac(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::Disconnect(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::OpenTicket(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::Invoice(r) => (Msg::CliTargetInvoice, r.invoice_id()),
        ActionRequest::UpdateTicket(p) => (Msg::CliTargetTicket, p.id_atendimento),
        ActionRequest::CreateProspect(p) => {
            return trf(
                lang,
                Msg::Cli7TargetProspect,
                &[
                    ("name", &p.nome_razaosocial),
                    ("doc", &br::doc::display(&p.cpf_cnpj)),
                    ("plan", &p.id_servico),
                ],
            );
        }
        ActionRequest::PbxNotify(p) | ActionRequest::PbxMissed(p) => return pbx_target(lang, p),
    };
    trf(lang, msg, &[("id", &id)])
}

/// A customer reference: code, CPF/CNPJ, or `service:ID`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ref {
    Code(u64),
    Document(String),
    Service(u64),
}

fn parse_ref(lang: Lang, input: &str) -> Result<Ref, Failure> {
    let s = input.trim();
    let bad = || Failure::usage(trf(lang, Msg::CliBadRef, &[("input", &s)]));
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("service:")
        .or_else(|| lower.strip_prefix("servico:"))
    {
        return match rest.trim().parse::<u64>() {
            Ok(id) if id > 0 => Ok(Ref::Service(id)),
            _ => Err(bad()),
        };
    }
    if s.is_empty() {
        return Err(bad());
    }
    let all_digits = s.bytes().all(|b| b.is_ascii_digit());
    if all_digits && !matches!(s.len(), 11 | 14) {
        return match s.parse::<u64>() {
            Ok(code) if code > 0 => Ok(Ref::Code(code)),
            _ => Err(bad()),
        };
    }
    match br::doc::parse(s) {
        Ok(doc) => Ok(Ref::Document(doc.plain().to_owned())),
        Err(e) if all_digits || s.contains(['.', '/', '-']) => Err(Failure::usage(e.message(lang))),
        Err(_) => Err(bad()),
    }
}

fn parse_day(lang: Lang, input: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    input
        .map(|s| br::dates::parse_date(s).map_err(|e| Failure::usage(e.message(lang))))
        .transpose()
}

/// The error context of a read through `client`: its time limit.
fn reading(client: &Client) -> ErrorContext {
    ErrorContext::read(client.request_timeout().as_secs())
}

fn checked<T>(lang: Lang, r: Result<T, ApiError>) -> Result<T, Failure> {
    // Checks made before sending: no time limit to name.
    r.map_err(|e| Failure::api(lang, &e, ErrorContext::default()))
}

fn plan(ctx: &Ctx, settings: &Settings, command: Command) -> Result<Plan, Failure> {
    let lang = ctx.lang;
    let plan = match command {
        Command::Search(args) => Plan::Search(search_params(lang, args)?),
        Command::Customer { reference } => Plan::Customer(parse_ref(lang, &reference)?),
        Command::Invoices {
            reference,
            all,
            limit,
        } => {
            let (by, term) = match parse_ref(lang, &reference)? {
                Ref::Code(c) => (InvoiceSearchBy::CustomerCode, c.to_string()),
                Ref::Document(d) => (InvoiceSearchBy::Document, d),
                Ref::Service(s) => (InvoiceSearchBy::ServiceId, s.to_string()),
            };
            let mut q = InvoiceSearch::new(by, term);
            q.only_pending = Some(!all);
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::Invoices(q)
        }
        Command::Tickets {
            reference,
            all,
            limit,
        } => {
            let (by, term) = match parse_ref(lang, &reference)? {
                Ref::Code(c) => (TicketSearchBy::CustomerCode, c.to_string()),
                Ref::Document(d) => (TicketSearchBy::Document, d),
                Ref::Service(s) => (TicketSearchBy::ServiceId, s.to_string()),
            };
            let mut q = TicketSearch::new(by, term);
            q.only_open = Some(!all);
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::Tickets(q)
        }
        Command::Orders {
            reference,
            status,
            limit,
        } => {
            let (by, term) = match parse_ref(lang, &reference)? {
                Ref::Code(c) => (ServiceOrderSearchBy::CustomerCode, c.to_string()),
                Ref::Document(d) => (ServiceOrderSearchBy::Document, d),
                Ref::Service(s) => (ServiceOrderSearchBy::ServiceId, s.to_string()),
            };
            let mut q = ServiceOrderSearch::new(by, term);
            q.status = status.map(|s| s.to_api());
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::Orders(q)
        }
        Command::Connections {
            login,
            from,
            to,
            limit,
        } => {
            let mut q = ConnectionLogQuery::new(login);
            q.data_inicio = parse_day(lang, from.as_deref())?;
            q.data_fim = parse_day(lang, to.as_deref())?;
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::Connections(q)
        }
        Command::Login => Plan::Login,
        Command::Unlock { service_id, days } => action(
            ctx,
            settings,
            ActionRequest::TrustUnlock(TrustUnlock {
                id_cliente_servico: service_id,
                dias_desbloqueio: days,
            }),
        )?,
        Command::ResetMac { service_id } => action(
            ctx,
            settings,
            ActionRequest::ResetMac(ResetMac {
                id_cliente_servico: service_id,
            }),
        )?,
        Command::Disconnect { service_id } => action(
            ctx,
            settings,
            ActionRequest::Disconnect(Disconnect {
                id_cliente_servico: service_id,
            }),
        )?,
        Command::SendInvoice {
            invoice_id,
            via,
            to,
        } => {
            let kind = match via {
                Via::Email => {
                    for address in &to {
                        br::email::validate(address)
                            .map_err(|e| Failure::usage(e.message(lang)))?;
                    }
                    ActionRequest::Invoice(InvoiceRequest::Email(InvoiceEmail {
                        id_fatura: invoice_id,
                        email_adicional: to,
                    }))
                }
                Via::Sms => {
                    let mut phones = Vec::new();
                    for phone in &to {
                        let p =
                            br::phone::parse(phone).map_err(|e| Failure::usage(e.message(lang)))?;
                        phones.push(p.digits().to_owned());
                    }
                    ActionRequest::Invoice(InvoiceRequest::Sms(InvoiceSms {
                        id_fatura: invoice_id,
                        telefone_adicional: phones,
                    }))
                }
                Via::Push if !to.is_empty() => {
                    return Err(Failure::usage(tr(lang, Msg::CliPushNoRecipients)));
                }
                Via::Push => ActionRequest::Invoice(InvoiceRequest::Push(InvoicePush {
                    id_fatura: invoice_id,
                })),
            };
            action(ctx, settings, kind)?
        }
        Command::Ticket(TicketCommand::Open {
            service_id,
            description,
            name,
            phone,
            email,
            with_order,
        }) => {
            let phone = br::phone::parse(&phone).map_err(|e| Failure::usage(e.message(lang)))?;
            if let Some(e) = &email {
                br::email::validate(e).map_err(|e| Failure::usage(e.message(lang)))?;
            }
            let attendant = crate::ops::identity::attendant(settings.attendant.as_deref());
            let draft = crate::ops::tickets::TicketDraft {
                service_id,
                description,
                requester: name,
                phone: phone.digits().to_owned(),
                email,
                open_order: with_order,
            };
            action(
                ctx,
                settings,
                ActionRequest::OpenTicket(crate::ops::tickets::open(
                    &draft,
                    attendant.as_deref(),
                    settings.ramal.as_deref(),
                )),
            )?
        }
        Command::Ticket(TicketCommand::Close { id, description }) => {
            // The closing text goes in parametros.texto_fechamento: in the
            // PUT, `descricao` is the customer's opening description and
            // sending it there overwrote what the customer reported.
            let attendant = crate::ops::identity::attendant(settings.attendant.as_deref());
            action(
                ctx,
                settings,
                ActionRequest::UpdateTicket(crate::ops::tickets::close(
                    id,
                    description.as_deref(),
                    attendant.as_deref(),
                    settings.ramal.as_deref(),
                )),
            )?
        }
        Command::Network(n) => match n {
            NetworkCommand::Pops { filter } => Plan::Network(NetworkKind::Pops, filter),
            NetworkCommand::Equipment { filter } => Plan::Network(NetworkKind::Equipment, filter),
            NetworkCommand::Zones { filter } => Plan::Network(NetworkKind::Zones, filter),
        },
        Command::Cities { filter } => Plan::Cities(filter),
        Command::Plans { cep } => {
            let cep = br::cep::parse(&cep).map_err(|e| Failure::usage(e.message(lang)))?;
            let q = ProspectPlansQuery {
                cep: cep.digits().to_owned(),
            };
            checked(lang, q.to_call())?;
            Plan::Plans(q)
        }
        Command::Prospects(ProspectsCommand::Search { name }) => {
            if name.trim().is_empty() {
                return Err(Failure::usage(tr(lang, Msg::SearchEmptyTerm)));
            }
            let q = ProspectSearch { busca: name };
            checked(lang, q.to_call())?;
            Plan::Prospects(q)
        }
        Command::Prospects(ProspectsCommand::Create(args)) => {
            action(ctx, settings, prospect_action(lang, *args)?)?
        }
        Command::Receivables(args) => Plan::Receivables(receivables_query(lang, args)?),
        Command::Pbx(cmd) => action(ctx, settings, pbx_action(lang, settings, cmd)?)?,
        Command::Export(ExportCommand::Customers { from, to, limit }) => {
            let q = AllCustomers {
                data_inicio: parse_day(lang, from.as_deref())?,
                data_fim: parse_day(lang, to.as_deref())?,
                limit,
                ..AllCustomers::default()
            };
            checked(lang, q.to_call())?;
            Plan::Export(q)
        }
        Command::Config(_)
        | Command::Call { .. }
        | Command::Audit { .. }
        | Command::Sim(_)
        | Command::Completions { .. }
        | Command::Man => unreachable!("handled before the runtime starts"),
    };
    Ok(plan)
}

fn search_params(lang: Lang, args: SearchArgs) -> Result<CustomerSearch, Failure> {
    let (kind, term) = match args.by {
        Some(k) => {
            let kind = CustomerSearchBy::from(k);
            (kind, search_kind::term_for(kind, &args.term))
        }
        None => {
            let d = search_kind::detect(&args.term);
            if let Some(problem) = d.problem {
                return Err(Failure::usage(tr(lang, problem.msg())));
            }
            (d.kind, d.term)
        }
    };
    if term.is_empty() {
        return Err(Failure::usage(tr(lang, Msg::SearchEmptyTerm)));
    }
    if let Some(problem) = search_kind::length_problem(&term) {
        return Err(Failure::usage(tr(lang, problem.msg())));
    }
    let mut q = CustomerSearch::new(kind, term);
    // HubSoft answers 5 customers when no limit is sent; ask for the most
    // it gives (100, as the console does) and say when that cap is hit.
    q.limit = Some(args.limit.unwrap_or(CustomerSearch::MAX_LIMIT));
    q.include_cancelled = args.cancelled.then_some(true);
    checked(lang, q.to_call())?;
    Ok(q)
}

/// Checks an action, refuses it under read-only, and asks for confirmation
/// (or requires `--yes` without a terminal). Nothing is sent here.
fn action(ctx: &Ctx, settings: &Settings, action: impl Into<CliAction>) -> Result<Plan, Failure> {
    let action = action.into();
    let request = &action.request;
    let kind = request.kind();
    let lang = ctx.lang;
    if ctx.read_only(settings) {
        return Err(Failure::usage(tr(lang, Msg::ErrReadOnly)));
    }
    checked(lang, request.check())?;
    let what = format!(
        "{} ({})",
        tr(lang, kind.msg()),
        action_target(lang, request)
    );
    if !ctx.global.yes {
        if !super::interactive() {
            return Err(Failure::usage(trf(
                lang,
                Msg::CliNeedsYes,
                &[("action", &what)],
            )));
        }
        if !confirm(lang, &what) {
            return Err(Failure::new(EXIT_USAGE, tr(lang, Msg::CliCancelled)));
        }
    }
    let host = settings.host.clone().unwrap_or_default();
    let attempt = AuditAttempt {
        action: kind.audit_name().to_owned(),
        // As the console does: the profile's attendant, else the system
        // account (issue 12: the CLI recorded nobody).
        attendant: crate::ops::identity::attendant(settings.attendant.as_deref()),
        profile: settings.profile.clone(),
        host,
        customer: match request {
            ActionRequest::PbxNotify(p) | ActionRequest::PbxMissed(p) => p.codigo_cliente,
            _ => None,
        },
        service: match request {
            ActionRequest::TrustUnlock(p) => Some(p.id_cliente_servico),
            ActionRequest::ResetMac(p) => Some(p.id_cliente_servico),
            ActionRequest::Disconnect(p) => Some(p.id_cliente_servico),
            ActionRequest::OpenTicket(p) => Some(p.id_cliente_servico),
            _ => None,
        },
        invoice: match request {
            ActionRequest::Invoice(r) => Some(r.invoice_id()),
            _ => None,
        },
        ticket: match request {
            ActionRequest::UpdateTicket(p) => Some(p.id_atendimento),
            _ => None,
        },
    };
    Ok(Plan::Action(Box::new(ActionPlan { action, attempt })))
}

/// Asks on stderr, reads one line from stdin. Only `s`/`sim`/`y`/`yes` go.
fn confirm(lang: Lang, what: &str) -> bool {
    eprint!(
        "{} {} ",
        trf(lang, Msg::ConfirmPrompt, &[("action", &what)]),
        tr(lang, Msg::CliConfirmChoices)
    );
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(
        line.trim().to_lowercase().as_str(),
        "s" | "sim" | "y" | "yes"
    )
}

async fn execute(
    ctx: &Ctx,
    settings: &Settings,
    client: &Client,
    plan: Plan,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let json = ctx.global.json;
    let api = |e: ApiError| Failure::api(lang, &e, reading(client));
    match plan {
        Plan::Search(q) => {
            let found = client.search_customers(&q).await.map_err(api)?;
            if json {
                print_json(&Value::Array(
                    found.iter().map(|c| out::customer_json(f, c)).collect(),
                ));
            } else if !found.is_empty() {
                say(out::customers_table(f, &found));
            }
            let limit = q.limit.unwrap_or(CustomerSearch::DEFAULT_LIMIT);
            if found.len() as u32 >= limit {
                note(&trf(lang, Msg::SearchTooMany, &[("limit", &limit)]));
            }
            if found.is_empty() {
                return Err(Failure::new(EXIT_REFUSED, tr(lang, Msg::SearchNoResults)));
            }
            Ok(EXIT_OK)
        }
        Plan::Customer(reference) => {
            let customers = find_customer(client, &reference).await.map_err(api)?;
            let Some(customer) = customers.first() else {
                return Err(Failure::new(EXIT_REFUSED, tr(lang, Msg::ErrNotFound)));
            };
            // Only a CPF/CNPJ is shared by several customers; a code or a
            // service names one.
            if customers.len() > 1 && matches!(reference, Ref::Document(_)) {
                note(&trf(
                    lang,
                    Msg::CliSeveralCustomers,
                    &[
                        ("count", &customers.len()),
                        ("code", &customer.codigo_cliente.unwrap_or_default()),
                    ],
                ));
            }
            if json {
                print_json(&out::customer_json(f, customer));
            } else {
                say(out::customer_table(f, customer));
                let services: Vec<_> = customer.servicos.iter().collect();
                if !services.is_empty() {
                    say(out::services_table(f, &services));
                    let details = out::service_details_table(f, &services);
                    if !details.is_empty() {
                        say(details);
                    }
                }
            }
            Ok(EXIT_OK)
        }
        Plan::Invoices(q) => {
            let list = client.customer_invoices(&q).await.map_err(api)?;
            listing(
                ctx,
                &list,
                |i| out::invoice_json(f, i),
                |l| out::invoices_table(f, l),
            )
        }
        Plan::Tickets(q) => {
            let list = client.customer_tickets(&q).await.map_err(api)?;
            listing(
                ctx,
                &list,
                |t| out::ticket_json(f, t),
                |l| out::tickets_table(f, l),
            )
        }
        Plan::Orders(q) => {
            let list = client.service_orders(&q).await.map_err(api)?;
            listing(
                ctx,
                &list,
                |o| out::order_json(f, o),
                |l| out::orders_table(f, l),
            )
        }
        Plan::Connections(q) => {
            let log = client.connection_log(&q).await.map_err(api)?;
            if json {
                print_json(&json!({
                    "registros": log.registros.iter().map(out::connection_json).collect::<Vec<_>>(),
                    "estatisticas": out::stats_json(log.estatisticas.as_ref()),
                }));
            } else if log.registros.is_empty() {
                note(tr(lang, Msg::StateEmpty));
            } else {
                say(out::connections_table(f, &log.registros));
                // The count the console shows (never the server's -1).
                if log.estatisticas.is_some() {
                    let total = log.totals().sessions;
                    say(trf(lang, Msg::CliSessionsTotal, &[("count", &total)]));
                }
            }
            Ok(EXIT_OK)
        }
        Plan::Login => {
            let info = client.login().await.map_err(api)?;
            let user = settings.username.clone().unwrap_or_default();
            if json {
                print_json(&json!({
                    "username": user,
                    "host": client.base_url(),
                    "token_type": info.token_type,
                    "expires_at": audit::time_text(&info.expires_at),
                }));
            } else {
                say(trf(
                    lang,
                    Msg::CliLoggedIn,
                    &[
                        ("user", &user),
                        ("host", &client.base_url()),
                        ("expiry", &br::dates::format_datetime(info.expires_at)),
                    ],
                ));
            }
            Ok(EXIT_OK)
        }
        Plan::Action(mut p) => {
            let action = &mut p.action;
            if let (ActionRequest::CreateProspect(params), Some(prep)) =
                (&mut action.request, &action.prospect)
            {
                prepare_prospect(ctx, client, params, prep).await?;
            }
            run_action(ctx, client, *p).await
        }
        Plan::Network(kind, filter) => show_network(ctx, client, kind, filter.as_deref()).await,
        Plan::Cities(filter) => {
            let filter = filter.as_deref();
            let list: Vec<City> = client
                .cities()
                .await
                .map_err(api)?
                .into_iter()
                .filter_map(|mut c| {
                    let own = [c.nome.as_deref(), c.uf.as_deref(), c.estado.as_deref()];
                    if out::matches(filter, &own) {
                        return Some(c);
                    }
                    c.bairros
                        .retain(|b| out::matches(filter, &[b.nome.as_deref()]));
                    (!c.bairros.is_empty()).then_some(c)
                })
                .collect();
            listing(ctx, &list, out::city_json, |l| out::cities_table(f, l))
        }
        Plan::Plans(q) => {
            let list = client.prospect_plans(&q).await.map_err(api)?;
            listing(ctx, &list, out::plan_json, |l| out::plans_table(f, l))
        }
        Plan::Prospects(q) => {
            let found = client.search_prospects(&q).await.map_err(api)?;
            if json {
                print_json(&Value::Array(
                    found.iter().map(|p| out::prospect_json(f, p)).collect(),
                ));
            } else if !found.is_empty() {
                say(out::prospects_table(f, &found));
            }
            if found.is_empty() {
                return Err(Failure::new(EXIT_REFUSED, tr(lang, Msg::SearchNoResults)));
            }
            Ok(EXIT_OK)
        }
        Plan::Receivables(q) => {
            let list = client.receivables(&q).await.map_err(api)?;
            let today = br::dates::today(chrono::Utc::now());
            let totals = out::totals(&list, today);
            if json {
                print_json(&json!({
                    "faturas": list.iter().map(|i| out::receivable_json(f, i)).collect::<Vec<_>>(),
                    "totais": out::totals_json(&totals),
                }));
            } else {
                if list.is_empty() {
                    note(tr(lang, Msg::StateEmpty));
                } else {
                    say(out::receivables_table(f, &list, today));
                }
                say(trf(
                    lang,
                    Msg::Cli7ReceivablesTotals,
                    &[
                        ("count", &totals.count),
                        ("sum", &br::money::format_brl(totals.sum)),
                        ("overdue", &br::money::format_brl(totals.overdue)),
                    ],
                ));
            }
            // HubSoft documents no default limit here, but servers (and the
            // invoice route beside it) stop at 20: say when the list may
            // have been cut.
            let cap = q.limit.unwrap_or(RECEIVABLES_DEFAULT_LIMIT) as usize;
            if !list.is_empty() && list.len() >= cap {
                note(&trf(
                    lang,
                    Msg::Cli7ReceivablesMore,
                    &[("limit", &list.len())],
                ));
            }
            Ok(EXIT_OK)
        }
        Plan::Export(q) => export_customers(ctx, client, &q).await,
    }
}

/// Prints a list command's records; an empty list is a success.
fn listing<T>(
    ctx: &Ctx,
    list: &[T],
    to_json: impl Fn(&T) -> Value,
    to_table: impl Fn(&[T]) -> comfy_table::Table,
) -> Result<u8, Failure> {
    if ctx.global.json {
        print_json(&Value::Array(list.iter().map(to_json).collect()));
    } else if list.is_empty() {
        note(tr(ctx.lang, Msg::StateEmpty));
    } else {
        say(to_table(list));
    }
    Ok(EXIT_OK)
}

/// Finds the customer(s) a reference points to. `service:ID` has no direct
/// search in `/cliente`, so the customer code is read from a record that
/// names the service (an invoice, a ticket or an order).
async fn find_customer(client: &Client, reference: &Ref) -> Result<Vec<Customer>, ApiError> {
    let search = |by, term: String| {
        let mut q = CustomerSearch::new(by, term);
        q.include_cancelled = Some(true);
        q.last_connection = Some(true);
        q
    };
    let (q, service) = match reference {
        // A code search may answer with more than the one customer; keep
        // the exact code.
        Ref::Code(c) => {
            let found = client
                .search_customers(&search(CustomerSearchBy::Code, c.to_string()))
                .await?;
            return Ok(found
                .into_iter()
                .filter(|x| x.codigo_cliente.is_none_or(|code| code == *c))
                .collect());
        }
        Ref::Document(d) => (search(CustomerSearchBy::Document, d.clone()), None),
        Ref::Service(id) => {
            // Current servers find a customer by service id directly, so a
            // new installation without an invoice yet is found too.
            let holds = |c: &Customer| c.servicos.iter().any(|s| s.id_cliente_servico == Some(*id));
            match client
                .search_customers(&search(CustomerSearchBy::ServiceId, id.to_string()))
                .await
            {
                Ok(found) if found.is_empty() || found.iter().any(holds) => {
                    return Ok(found.into_iter().filter(holds).collect());
                }
                // A server that ignores the unknown `busca` and answers
                // with other customers is treated as one that refused it.
                Ok(_) => {}
                Err(e) if refused_search_kind(&e) => {}
                Err(e) => return Err(e),
            }
            let Some(code) = code_of_service(client, *id).await? else {
                return Ok(Vec::new());
            };
            (search(CustomerSearchBy::Code, code.to_string()), Some(*id))
        }
    };
    let found = client.search_customers(&q).await?;
    Ok(match service {
        // Keep only the customer that really holds the service, if the
        // answer says so; a code is unique, so this is a safeguard.
        Some(id) => found
            .into_iter()
            .filter(|c| {
                c.servicos.is_empty() || c.servicos.iter().any(|s| s.id_cliente_servico == Some(id))
            })
            .collect(),
        None => found,
    })
}

/// Whether `e` is a server refusing a `busca` kind it does not know (a
/// 2020 server asked for `id_cliente_servico`): a business refusal or a
/// validation status, not a network or authentication failure.
fn refused_search_kind(e: &ApiError) -> bool {
    match e {
        ApiError::Refused { .. } => true,
        ApiError::Http { status, .. } => matches!(status, 400 | 404 | 422),
        ApiError::NotFound { .. } => true,
        _ => false,
    }
}

async fn code_of_service(client: &Client, id: u64) -> Result<Option<u64>, ApiError> {
    let mut invoices = InvoiceSearch::new(InvoiceSearchBy::ServiceId, id.to_string());
    invoices.only_pending = Some(false);
    invoices.limit = Some(1);
    let code = client
        .customer_invoices(&invoices)
        .await?
        .iter()
        .find_map(|i| i.cliente.as_ref().and_then(|c| c.codigo_cliente));
    if code.is_some() {
        return Ok(code);
    }
    let mut tickets = TicketSearch::new(TicketSearchBy::ServiceId, id.to_string());
    tickets.only_open = Some(false);
    tickets.limit = Some(1);
    let code = client
        .customer_tickets(&tickets)
        .await?
        .iter()
        .find_map(|t| t.cliente.as_ref().and_then(|c| c.codigo_cliente));
    if code.is_some() {
        return Ok(code);
    }
    let mut orders = ServiceOrderSearch::new(ServiceOrderSearchBy::ServiceId, id.to_string());
    orders.limit = Some(1);
    Ok(client
        .service_orders(&orders)
        .await?
        .iter()
        .find_map(|o| o.cliente.as_ref().and_then(|c| c.codigo_cliente)))
}

/// Writes the attempt, sends the request once, writes the outcome, through
/// [`audit::audited`], the console's path too. SIGINT, SIGTERM or SIGHUP
/// while waiting for the answer abandon it: the trail gets `unknown` and
/// the command exits with 128 + the signal's number.
async fn run_action(ctx: &Ctx, client: &Client, plan: ActionPlan) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let audit_path = ctx.paths.audit_file();
    let audit_failed = |e: std::io::Error| {
        Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::CliAuditFailed,
                &[("path", &audit_path.display()), ("detail", &e)],
            ),
        )
    };
    let audit = Audit::open(&audit_path).map_err(audit_failed)?;
    // Listening before the attempt is written: from then on a signal must
    // leave an outcome line, not kill the process.
    let mut signals = ExitSignals::new();
    tracing::info!(action = plan.attempt.action, "action sent");
    let action_msg = plan.action.request.kind().msg();
    // Sent and judged for the trail exactly as the console does.
    let send = crate::ops::actions::perform(client, &plan.action.request);
    let run = Box::pin(audit::audited(
        &audit,
        plan.attempt.clone(),
        send,
        crate::ops::actions::judge,
    ));
    let (reply, written) = tokio::select! {
        r = run => r.map_err(audit_failed)?,
        code = signals.recv() => {
            // `run` was dropped by select!: its guard wrote `unknown`.
            tracing::info!(action = plan.attempt.action, "action abandoned by a signal");
            return Err(Failure::new(code, tr(lang, Msg::CliInterruptedUnknown)));
        }
    };
    let result = printed(reply);
    // After the request the server's outcome comes first: a failure to
    // record it is a warning after it, never "not sent" (the action went
    // out) and never a reason to repeat it.
    let outcome_not_recorded = |e: std::io::Error| {
        tracing::warn!(action = plan.attempt.action, "outcome not recorded");
        note(&trf(
            lang,
            Msg::CliAuditOutcomeFailed,
            &[("path", &audit_path.display()), ("detail", &e)],
        ));
    };
    match result {
        Ok((msg, extra)) => {
            let msg = msg.map(|m| crate::sanitize::clean_line(&m).trim().to_owned());
            tracing::info!(action = plan.attempt.action, "action confirmed");
            if ctx.global.json {
                let mut v = json!({ "outcome": "ok", "msg": msg });
                if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
                    m.extend(e);
                }
                out::mask_json(&ctx.fmt, &mut v);
                print_json(&v);
            } else {
                let text = msg.unwrap_or_default();
                say(trf(
                    lang,
                    Msg::CliActionDone,
                    &[("action", &tr(lang, action_msg)), ("msg", &text)],
                )
                .trim_end_matches([' ', ':']));
                if let Some(protocol) = extra.get("protocolo").and_then(Value::as_str) {
                    say(trf(lang, Msg::CliProtocol, &[("protocol", &protocol)]));
                }
                if let Some(id) = extra.get("id_prospecto").and_then(Value::as_u64) {
                    say(trf(lang, Msg::Cli7ProspectId, &[("id", &id)]));
                }
            }
            if let Err(e) = written {
                outcome_not_recorded(e);
            }
            Ok(EXIT_OK)
        }
        Err(e) => {
            let unknown = e.outcome_unknown();
            let failure = Failure::api(
                lang,
                &e,
                ErrorContext::action(action_msg, client.request_timeout().as_secs()),
            );
            tracing::info!(
                action = plan.attempt.action,
                unknown,
                "action not confirmed"
            );
            let failure = if unknown {
                Failure::new(
                    EXIT_FAILURE,
                    trf(
                        lang,
                        Msg::CliOutcomeUnknown,
                        &[("detail", &failure.message)],
                    ),
                )
            } else {
                failure
            };
            match written {
                Ok(()) => Err(failure),
                Err(e) => {
                    note(&failure.message);
                    outcome_not_recorded(e);
                    // Already said, in that order.
                    Err(Failure::new(failure.code, ""))
                }
            }
        }
    }
}

/// What the command line prints of an action's answer: the server's
/// message, and what else it answered that the user needs (the dropped
/// session's login, the queued job, the new ticket's or prospect's id).
fn printed(reply: ActionReply) -> Result<(Option<String>, Value), ApiError> {
    match reply {
        ActionReply::Plain(r) => r.map(|r| (r.msg, json!({}))),
        ActionReply::Disconnect(r) => r.map(|r| (r.msg, json!({ "login": r.login }))),
        ActionReply::Job(r) => r.map(send_job_outcome),
        ActionReply::Ticket(r) => r.map(ticket_outcome),
        ActionReply::Prospect(r) => r.map(|r| {
            let id = r.prospecto.as_ref().and_then(|p| p.id_prospecto);
            (r.msg, json!({ "id_prospecto": id }))
        }),
        // `perform` never answers this (the trail refuses before sending).
        ActionReply::NotSent(reason) => Err(ApiError::Config { reason }),
    }
}

/// The message, id and protocol of a ticket answer, wherever the server
/// put them (nested under `atendimento` or at the top level).
fn ticket_outcome(r: crate::api::TicketResponse) -> (Option<String>, Value) {
    let extra = json!({
        "id_atendimento": r.ticket_id(),
        "protocolo": r.protocol(),
    });
    (r.msg, extra)
}

/// The message and the queued job of an invoice send, the job as
/// `--json` shows every record (masked in privacy mode).
fn send_job_outcome(r: crate::api::SendJobResponse) -> (Option<String>, Value) {
    // Privacy masking is applied when the answer is printed.
    let job = r.job.as_ref().map_or(Value::Null, |j| {
        serde_json::to_value(j).unwrap_or(Value::Null)
    });
    (r.msg, json!({ "job": job }))
}

/// The signals that end a command (SIGINT, SIGTERM, SIGHUP), listened to
/// while an action waits for its answer.
struct ExitSignals {
    streams: Vec<(tokio::signal::unix::Signal, u8)>,
}

impl ExitSignals {
    fn new() -> ExitSignals {
        use tokio::signal::unix::{SignalKind, signal};
        let kinds = [
            (SignalKind::interrupt(), signal_hook::consts::SIGINT),
            (SignalKind::terminate(), signal_hook::consts::SIGTERM),
            (SignalKind::hangup(), signal_hook::consts::SIGHUP),
        ];
        ExitSignals {
            streams: kinds
                .into_iter()
                // A signal that cannot be listened to keeps its default.
                .filter_map(|(kind, n)| Some((signal(kind).ok()?, 128 + n as u8)))
                .collect(),
        }
    }

    /// The exit code (128 + the number) of the first signal to arrive.
    async fn recv(&mut self) -> u8 {
        let waits = self.streams.iter_mut().map(|(s, code)| {
            let code = *code;
            Box::pin(async move {
                s.recv().await;
                code
            })
        });
        let waits: Vec<_> = waits.collect();
        if waits.is_empty() {
            return std::future::pending().await;
        }
        let (code, _, _) = futures::future::select_all(waits).await;
        code
    }
}

// ---------------------------------------------------------------------------
// Local commands

fn show_audit(ctx: &Ctx, limit: usize) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let path = ctx.paths.audit_file();
    let trail = audit::read_trail(&path, limit).map_err(|e| {
        Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::CliAuditFailed,
                &[("path", &path.display()), ("detail", &e)],
            ),
        )
    })?;
    let entries = trail.entries;
    // Skipped, and said (on stderr, so `--json` stays a list of entries).
    if !trail.torn.is_empty() {
        let lines: Vec<String> = trail.torn.iter().map(usize::to_string).collect();
        note(&trf(
            lang,
            Msg::CliAuditTornLines,
            &[
                ("count", &trail.torn.len()),
                ("path", &path.display()),
                ("lines", &lines.join(", ")),
            ],
        ));
    }
    if ctx.global.json {
        print_json(&serde_json::to_value(&entries).unwrap_or(Value::Null));
        return Ok(EXIT_OK);
    }
    if entries.is_empty() {
        note(tr(lang, Msg::StateEmpty));
        return Ok(EXIT_OK);
    }
    let f = &ctx.fmt;
    let mut t = out::table(vec![
        f.h(Msg::ColTime),
        f.h(Msg::ColAction),
        f.h(Msg::ColOutcome),
        f.h(Msg::ColServiceId),
        f.h(Msg::ColInvoiceId),
        f.h(Msg::ColTicketId),
        f.h(Msg::ColAttendant),
        f.h(Msg::ColMessage),
    ]);
    let id = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for e in &entries {
        let outcome = match (e.phase, e.outcome) {
            (_, Some(Outcome::Ok)) => Msg::CliOutcomeOk,
            (_, Some(Outcome::Refused)) => Msg::CliOutcomeRefused,
            (_, Some(Outcome::Failed)) => Msg::CliOutcomeFailed,
            (_, Some(Outcome::Unknown)) => Msg::CliOutcomeUnknownShort,
            (_, None) => Msg::CliOutcomeSent,
        };
        t.add_row(vec![
            br::dates::format_datetime(e.time),
            action_label(lang, &e.attempt.action),
            f.h(outcome),
            id(e.attempt.service),
            id(e.attempt.invoice),
            id(e.attempt.ticket),
            f.text(e.attempt.attendant.as_deref()),
            crate::text::truncate(&f.text(e.msg.as_deref()), 50).into_owned(),
        ]);
    }
    say(t);
    Ok(EXIT_OK)
}

fn config_check(ctx: &Ctx) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let loaded = &ctx.loaded;
    let file = &loaded.file;
    let mut warnings: Vec<String> = Vec::new();
    if !loaded.exists {
        say(trf(
            lang,
            Msg::CliNoConfigFile,
            &[("path", &loaded.path.display())],
        ));
    } else {
        say(trf(
            lang,
            Msg::CliConfigFile,
            &[("path", &loaded.path.display())],
        ));
    }
    for key in config::unknown_keys(&loaded.text) {
        warnings.push(trf(lang, Msg::CfgUnknownKey, &[("key", &key)]));
    }
    let (_, key_warnings) = Keymap::new(&ctx.key_overrides(), false);
    warnings.extend(key_warnings.iter().map(|w| w.message(lang)));
    if let Some(theme) = &file.theme
        && ThemeKind::from_name(theme).is_none()
    {
        warnings.push(trf(
            lang,
            Msg::CfgBadValue,
            &[("key", &"theme"), ("value", theme)],
        ));
    }
    // Any other value would silently fall back to English.
    if let Some(l) = &file.lang
        && !["pt", "en"]
            .iter()
            .any(|p| l.trim().to_ascii_lowercase().starts_with(p))
    {
        warnings.push(trf(
            lang,
            Msg::CfgBadValue,
            &[("key", &"lang"), ("value", l)],
        ));
    }
    if let Some(name) = &file.default_profile
        && !file.profiles.contains_key(name)
    {
        warnings.push(trf(lang, Msg::CfgNoSuchProfile, &[("name", name)]));
    }
    for (name, profile) in &file.profiles {
        if let Some(accent) = &profile.accent
            && parse_color(accent).is_err()
        {
            warnings.push(trf(
                lang,
                Msg::CfgBadValue,
                &[
                    ("key", &format!("profiles.{name}.accent")),
                    ("value", accent),
                ],
            ));
        }
        let flags = FlagOverrides {
            profile: Some(name.clone()),
            host: None,
        };
        let no_env = |_: &str| None;
        match config::resolve(file, &flags, &no_env) {
            Ok(s) if s.host.is_some() => {
                if let Err(e) = s.checked_host() {
                    warnings.push(e.message(lang));
                }
                warnings.extend(cleartext_warning(lang, &s));
            }
            Ok(_) => {}
            Err(e @ config::ConfigError::HostUserinfo { .. }) => warnings.push(e.message(lang)),
            Err(_) => {}
        }
    }
    if let Err(e) = config::check_commands_safe(loaded) {
        warnings.push(e.message(lang));
    }
    let with_secrets = config::profiles_with_secrets(file);
    if !with_secrets.is_empty() {
        let names = with_secrets.join(", ");
        warnings.push(trf(lang, Msg::CfgSecretsInFile, &[("profiles", &names)]));
        if config::readable_by_others(&loaded.path) {
            warnings.push(trf(
                lang,
                Msg::CfgSecretsReadable,
                &[("path", &loaded.path.display())],
            ));
        }
    }

    // The settings this run would use, sources of secrets but never values.
    match ctx.settings() {
        Ok(s) => {
            let dash = || "—".to_owned();
            let lines = [
                (Msg::CliCheckProfile, s.profile.clone()),
                (Msg::CliCheckHost, s.host.clone().unwrap_or_else(dash)),
                (Msg::CliCheckUser, s.username.clone().unwrap_or_else(dash)),
                (
                    Msg::CliCheckClientSecret,
                    s.client_secret_source().describe(lang).to_owned(),
                ),
                (
                    Msg::CliCheckPassword,
                    s.password_source().describe(lang).to_owned(),
                ),
                (
                    Msg::CliCheckAudit,
                    ctx.paths.audit_file().display().to_string(),
                ),
                (Msg::CliCheckLogs, ctx.paths.log_dir().display().to_string()),
            ];
            for (label, value) in lines {
                say(format!("  {}: {}", tr(lang, label), value));
            }
        }
        Err(f) => warnings.push(f.message),
    }
    for w in &warnings {
        say(format!("{} {w}", tr(lang, Msg::CliWarning)));
    }
    if warnings.is_empty() {
        say(tr(lang, Msg::CliConfigOk));
        Ok(EXIT_OK)
    } else {
        Ok(EXIT_USAGE)
    }
}

// ---------------------------------------------------------------------------
// Issue 7: network, prospects, receivables, PBX, export, screen pop

/// What servers return from `/financeiro` without a `limit`.
const RECEIVABLES_DEFAULT_LIMIT: u32 = 20;
/// Two exports closer than this may get the server's cached answer.
const EXPORT_CACHE_WINDOW: Duration = Duration::from_secs(10 * 60);

fn usage_of(lang: Lang, e: &impl FieldError) -> Failure {
    Failure::usage(e.message(lang))
}

/// `prospects create`: every field checked, the person type from the document.
fn prospect_action(lang: Lang, a: ProspectArgs) -> Result<CliAction, Failure> {
    let doc = br::doc::parse(&a.document).map_err(|e| usage_of(lang, &e))?;
    let tipo_pessoa = match doc.kind() {
        br::doc::DocKind::Cpf => PersonKind::Individual,
        br::doc::DocKind::Cnpj => PersonKind::Company,
    };
    let phone = br::phone::parse(&a.phone).map_err(|e| usage_of(lang, &e))?;
    let cep = br::cep::parse(&a.cep).map_err(|e| usage_of(lang, &e))?;
    let email = a
        .email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    if let Some(e) = &email {
        br::email::validate(e).map_err(|e| usage_of(lang, &e))?;
    }
    let value = a
        .value
        .as_deref()
        .map(|v| br::money::parse_brl(v).map_err(|e| usage_of(lang, &e)))
        .transpose()?;
    let params = NewProspect {
        cep: cep.digits().to_owned(),
        id_servico: a.plan,
        valor: value.unwrap_or_default(),
        nome_razaosocial: a.name.trim().to_owned(),
        cpf_cnpj: doc.plain().to_owned(),
        telefone: phone.digits().to_owned(),
        email,
        observacao: a
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        tipo_pessoa,
        bairro: a.neighbourhood.trim().to_owned(),
        endereco: a.street.trim().to_owned(),
        numero: a.number.trim().to_owned(),
    };
    Ok(CliAction {
        request: ActionRequest::CreateProspect(params),
        prospect: Some(ProspectPrep {
            value_given: value.is_some(),
            city: a
                .city
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
        }),
    })
}

/// Before a prospect is sent (and audited): the plan's price for the CEP
/// when none was given, and the neighbourhood checked against the cities
/// route when a city was given (a known one takes the server's spelling).
async fn prepare_prospect(
    ctx: &Ctx,
    client: &Client,
    params: &mut NewProspect,
    prep: &ProspectPrep,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let api = |e: ApiError| Failure::api(lang, &e, reading(client));
    if !prep.value_given {
        let q = ProspectPlansQuery {
            cep: params.cep.clone(),
        };
        let plans = client.prospect_plans(&q).await.map_err(api)?;
        let price = plans
            .iter()
            .find(|x| x.id_servico == Some(params.id_servico))
            .and_then(|x| x.valor);
        match price {
            Some(v) => params.valor = v,
            None => {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(
                        lang,
                        Msg::Cli7PlanNotAtCep,
                        &[
                            ("plan", &params.id_servico),
                            ("cep", &br::cep::display(&params.cep)),
                        ],
                    ),
                ));
            }
        }
    }
    if let Some(city) = &prep.city {
        let cities = client.cities().await.map_err(api)?;
        let wanted = out::fold(city);
        let found = cities
            .iter()
            .find(|c| c.nome.as_deref().is_some_and(|n| out::fold(n) == wanted));
        match found {
            None => note(&trf(lang, Msg::Cli7CityUnknown, &[("city", city)])),
            Some(c) => {
                let bairro = out::fold(&params.bairro);
                let known = c
                    .bairros
                    .iter()
                    .filter_map(|b| b.nome.as_deref())
                    .find(|b| out::fold(b).trim() == bairro.trim());
                match known {
                    Some(b) => params.bairro = b.trim().to_owned(),
                    None => note(&trf(
                        lang,
                        Msg::Cli7NeighbourhoodUnknown,
                        &[
                            ("bairro", &params.bairro),
                            ("city", &c.nome.as_deref().unwrap_or(city)),
                        ],
                    )),
                }
            }
        }
    }
    checked(lang, params.to_call()).map(drop)
}

/// `receivables`: the 30-day window without a customer is refused here,
/// in the user's language, before anything is sent.
fn receivables_query(lang: Lang, a: ReceivablesArgs) -> Result<ReceivablesQuery, Failure> {
    let from = parse_day(lang, a.from.as_deref())?;
    let to = parse_day(lang, a.to.as_deref())?;
    let search = match a.customer {
        None => None,
        Some(r) => Some(match parse_ref(lang, &r)? {
            Ref::Code(c) => (ReceivableSearchBy::CustomerCode, c.to_string()),
            Ref::Document(d) => (ReceivableSearchBy::Document, d),
            Ref::Service(s) => (ReceivableSearchBy::ServiceId, s.to_string()),
        }),
    };
    if search.is_none()
        && let (Some(f), Some(t)) = (from, to)
    {
        let days = (t - f).num_days();
        let max = ReceivablesQuery::MAX_DAYS_WITHOUT_SEARCH;
        if days > max {
            return Err(Failure::usage(trf(
                lang,
                Msg::Cli7ReceivablesWindow,
                &[
                    ("max", &max),
                    ("days", &days),
                    ("from", &br::dates::format_date(f)),
                    ("to", &br::dates::format_date(t)),
                ],
            )));
        }
    }
    let q = ReceivablesQuery {
        search,
        tipo_data: a.date_type.map(|d| match d {
            DateTypeArg::Due => DateKind::DueDate,
            DateTypeArg::Payment => DateKind::PaymentDate,
        }),
        tipo_resultado: None,
        data_inicio: from,
        data_fim: to,
        order_by: a.order.map(|o| match o {
            OrderArg::Due => InvoiceOrderBy::DueDate,
            OrderArg::Payment => InvoiceOrderBy::PaymentDate,
            OrderArg::Value => InvoiceOrderBy::Amount,
        }),
        order_type: a.desc.then_some(OrderType::Desc),
        limit: a.limit,
        apenas_quitado: a.paid_only.then_some(true),
    };
    checked(lang, q.to_call())?;
    Ok(q)
}

/// `pbx notify|cancel`: the pop-up's owner is `--ramal`/`--internal-id`,
/// else the profile's `ramal` (digits: an extension; anything else: an
/// internal id, which HubSoft takes alphanumeric).
fn pbx_action(lang: Lang, settings: &Settings, cmd: PbxCommand) -> Result<ActionRequest, Failure> {
    let (notify, phone, customer, target) = match cmd {
        PbxCommand::Notify {
            phone,
            customer,
            target,
        } => (true, Some(phone), customer, target),
        PbxCommand::Cancel {
            phone,
            customer,
            target,
        } => (false, phone, customer, target),
    };
    let phone = phone
        .map(|p| {
            br::phone::parse(&p)
                .map(|p| p.digits().to_owned())
                .map_err(|e| usage_of(lang, &e))
        })
        .transpose()?;
    let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let (ramal, ident) = match (blank(target.ramal), blank(target.internal_id)) {
        (None, None) => match blank(settings.ramal.clone()) {
            Some(r) if r.bytes().all(|b| b.is_ascii_digit()) => (Some(r), None),
            Some(id) => (None, Some(id)),
            None => (None, None),
        },
        given => given,
    };
    if ramal.is_none() && ident.is_none() {
        return Err(Failure::usage(tr(lang, Msg::Cli7PbxNoRamal)));
    }
    let call = PbxCall {
        ramal,
        identificador_interno: ident,
        codigo_cliente: customer,
        id_cliente: None,
        telefone: phone,
    };
    Ok(if notify {
        ActionRequest::PbxNotify(call)
    } else {
        ActionRequest::PbxMissed(call)
    })
}

fn pbx_target(lang: Lang, p: &PbxCall) -> String {
    let who = match (&p.ramal, &p.identificador_interno) {
        (Some(r), _) => trf(lang, Msg::Cli7TargetRamal, &[("ramal", r)]),
        (None, Some(id)) => trf(lang, Msg::Cli7TargetInternalId, &[("id", id)]),
        (None, None) => String::new(),
    };
    let phone = p
        .telefone
        .as_deref()
        .map_or_else(|| "—".to_owned(), |t| br::phone::display(t).into_owned());
    trf(
        lang,
        Msg::Cli7TargetPbx,
        &[("who", &who), ("phone", &phone)],
    )
}

/// `network pops|equipment|zones`, filtered on every field shown.
async fn show_network(
    ctx: &Ctx,
    client: &Client,
    kind: NetworkKind,
    filter: Option<&str>,
) -> Result<u8, Failure> {
    let f = &ctx.fmt;
    let api = |e: ApiError| Failure::api(ctx.lang, &e, reading(client));
    let equipment_matches =
        |e: &crate::api::Equipment| out::matches(filter, &out::equipment_fields(e));
    match kind {
        NetworkKind::Equipment => {
            let mut list = client.network_equipment().await.map_err(api)?;
            list.retain(&equipment_matches);
            listing(ctx, &list, out::equipment_json, |l| {
                out::equipment_table(f, l)
            })
        }
        NetworkKind::Pops => {
            let mut list: Vec<Pop> = client.network_pops().await.map_err(api)?;
            list.retain(|p| {
                out::matches(filter, &[p.nome.as_deref()])
                    || p.equipamentos.iter().any(&equipment_matches)
            });
            listing(ctx, &list, out::pop_json, |l| out::pops_table(f, l))
        }
        NetworkKind::Zones => {
            let mut list: Vec<ServiceZone> = client.service_zones().await.map_err(api)?;
            list.retain(|z| {
                out::matches(filter, &[z.nome.as_deref(), z.descricao.as_deref()])
                    || z.interfaces.iter().any(|i| {
                        out::matches(
                            filter,
                            &[i.nome.as_deref(), i.descricao.as_deref(), i.tipo.as_deref()],
                        ) || i
                            .equipamento_conexao
                            .as_ref()
                            .is_some_and(equipment_matches)
                    })
            });
            listing(ctx, &list, out::zone_json, |l| out::zones_table(f, l))
        }
    }
}

fn last_export_file(paths: &Paths) -> PathBuf {
    paths.state_dir.join("last-export.json")
}

/// How long ago the last export from `host` started, if one is recorded.
fn last_export_age(paths: &Paths, host: &str) -> Option<Duration> {
    let text = std::fs::read_to_string(last_export_file(paths)).ok()?;
    let map: serde_json::Map<String, Value> = serde_json::from_str(&text).ok()?;
    let secs = map.get(host)?.as_u64()?;
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .ok()
}

/// Records now as the start of an export from `host`. Best effort: a
/// state dir that cannot be written only loses the cache note.
fn record_export(paths: &Paths, host: &str) {
    let file = last_export_file(paths);
    let mut map: serde_json::Map<String, Value> = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    map.insert(host.to_owned(), json!(now));
    let written = std::fs::create_dir_all(&paths.state_dir)
        .and_then(|()| std::fs::write(&file, Value::Object(map).to_string()));
    if let Err(e) = written {
        tracing::debug!(error = %e, "last export time not recorded");
    }
}

fn export_progress_text(lang: Lang, count: u64, bytes: u64) -> String {
    trf(
        lang,
        Msg::Cli7ExportProgress,
        &[("count", &count), ("size", &out::size(bytes))],
    )
}

/// `export customers`: `cliente/all` streamed to stdout as JSON Lines, one
/// customer per line under HubSoft's names (as `customer --json`, so never
/// the PPPoE password). Memory stays flat: one customer at a time.
async fn export_customers(ctx: &Ctx, client: &Client, q: &AllCustomers) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let host = client.base_url().to_owned();
    if let Some(ago) = last_export_age(&ctx.paths, &host)
        && ago < EXPORT_CACHE_WINDOW
    {
        let minutes = ago.as_secs().div_ceil(60).max(1);
        note(&trf(
            lang,
            Msg::Cli7ExportCacheNote,
            &[("minutes", &minutes)],
        ));
    }
    record_export(&ctx.paths, &host);
    let mut stream = client
        .stream_all_customers(q)
        .await
        .map_err(|e| Failure::api(lang, &e, reading(client)))?;
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut count: u64 = 0;
    let mut result = Ok(EXIT_OK);
    while let Some(item) = stream.next_customer().await {
        match item {
            Ok(c) => {
                let line = out::customer_json(f, &c).to_string();
                // A closed pipe (`| head`) ends the export quietly.
                if w.write_all(line.as_bytes())
                    .and_then(|()| w.write_all(b"\n"))
                    .is_err()
                {
                    break;
                }
                count += 1;
                if let Some(bar) = &progress
                    && count.is_multiple_of(250)
                {
                    bar.set_message(export_progress_text(lang, count, stream.bytes_read()));
                }
            }
            Err(e) => {
                let failure = Failure::api(lang, &e, reading(client));
                result = Err(Failure::new(
                    failure.code,
                    trf(
                        lang,
                        Msg::Cli7ExportPartial,
                        &[("count", &count), ("detail", &failure.message)],
                    ),
                ));
                break;
            }
        }
    }
    let _ = w.flush();
    drop(w);
    if let Some(bar) = progress {
        bar.finish_and_clear();
        if result.is_ok() {
            note(&trf(
                lang,
                Msg::Cli7ExportDone,
                &[("count", &count), ("size", &out::size(stream.bytes_read()))],
            ));
        }
    }
    result
}

/// `call PHONE`: hands the number to the console of this profile.
fn screen_pop(ctx: &Ctx, demo: bool, phone: &str) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let phone = br::phone::parse(phone).map_err(|e| usage_of(lang, &e))?;
    let profile = if demo {
        Settings::demo(String::new(), demo_login(), None).profile
    } else {
        ctx.settings()?.profile
    };
    let path = screenpop::default_socket_path(&ctx.paths.state_dir, &profile);
    let rt = runtime(lang)?;
    match rt.block_on(screenpop::send_call(&path, phone.digits())) {
        Ok(digits) => {
            if ctx.global.json {
                print_json(&json!({ "ok": true, "telefone": digits }));
            } else {
                say(trf(
                    lang,
                    Msg::Cli7CallSent,
                    &[("phone", &br::phone::display(&digits))],
                ));
            }
            Ok(EXIT_OK)
        }
        Err(CallError::NoConsole(p)) => Err(Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::Cli7CallNoConsole,
                &[("profile", &profile), ("path", &p.display())],
            ),
        )),
        Err(CallError::Timeout) => Err(Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::Cli7CallTimeout,
                &[("secs", &screenpop::IO_TIMEOUT.as_secs())],
            ),
        )),
        Err(CallError::Refused(code)) => Err(Failure::new(
            EXIT_REFUSED,
            trf(lang, Msg::Cli7CallRefused, &[("code", &code)]),
        )),
        Err(CallError::Io(e)) => Err(Failure::new(
            EXIT_FAILURE,
            trf(lang, Msg::Cli7CallFailed, &[("detail", &e)]),
        )),
    }
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
