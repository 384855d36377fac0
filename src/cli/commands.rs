//! What each command does.

use std::collections::BTreeMap;
use std::future::Future;
use std::io::{BufRead, Write};
use std::time::Duration;

use serde_json::{Value, json};

use super::args::{Cli, Command, ConfigCommand, GlobalArgs, SearchArgs, TicketCommand, Via};
use super::output::{self as out, Fmt};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Failure};
use crate::api::params::CustomerSearchBy;
use crate::api::{
    ApiError, Client, ClientConfig, ConnectionLogQuery, Customer, CustomerSearch, Disconnect,
    InvoiceEmail, InvoicePush, InvoiceSearch, InvoiceSearchBy, InvoiceSms, NewTicket, ResetMac,
    ServiceOrderSearch, ServiceOrderSearchBy, TicketSearch, TicketSearchBy, TicketUpdate,
    TrustUnlock,
};
use crate::app::keymap::{Keymap, overrides_from_config};
use crate::audit::{self, Audit, AuditAttempt, Outcome};
use crate::br::{self, FieldError};
use crate::config::{self, FlagOverrides, Loaded, Paths, Settings};
use crate::console::{self, ConsoleOptions};
use crate::i18n::{Lang, Msg, tr, trf};
use crate::search_kind;
use crate::ui::theme::{Theme, ThemeKind, parse_color};

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
    // `config check` lists it among its own warnings.
    if !matches!(cli.command, Some(Command::Config(ConfigCommand::Check)))
        && let Some(w) = config::secrets_warning(&loaded, lang)
    {
        eprintln!("hubdesk: {w}");
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
        None => run_console(&ctx, cli.demo),
        Some(Command::Config(ConfigCommand::Check)) => config_check(&ctx),
        Some(Command::Audit { limit }) => show_audit(&ctx, limit),
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
        Client::new(cc).map_err(|e| Failure::api(self.lang, &e, None))
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

fn run_console(ctx: &Ctx, demo: bool) -> Result<u8, Failure> {
    let lang = ctx.lang;
    // The simulator lives as long as this function: the console talks to
    // it through the real client over real HTTP on 127.0.0.1.
    let (sim, settings) = if demo {
        let (sim, settings) = start_demo(ctx)?;
        (Some(sim), settings)
    } else {
        (None, ctx.settings()?)
    };
    let client = ctx.client_for(&settings)?;
    let options = ConsoleOptions {
        client,
        lang,
        theme: ctx.theme(&settings)?,
        read_only: ctx.read_only(&settings),
        privacy: ctx.fmt.privacy,
        demo,
        profile: settings.profile.clone(),
        attendant: settings.attendant.clone(),
        ramal: settings.ramal.clone(),
        insecure: ctx.global.insecure,
        key_overrides: ctx.key_overrides(),
        warnings: config::secrets_warning(&ctx.loaded, lang)
            .into_iter()
            .collect(),
    };
    let rt = runtime(ctx.lang)?;
    let result = rt.block_on(console::run(options));
    if let Some(sim) = sim {
        sim.shutdown();
    }
    let code = result.map_err(|e| Failure::new(EXIT_FAILURE, e.to_string()))?;
    Ok(u8::try_from(code).unwrap_or(EXIT_FAILURE))
}

// ---------------------------------------------------------------------------
// Network commands

/// Starts the embedded simulator for `--demo`, with the demo credentials.
fn start_demo(ctx: &Ctx) -> Result<(crate::sim::SimHandle, Settings), Failure> {
    let sim = crate::sim::start(crate::sim::SimConfig::default()).map_err(|e| {
        Failure::new(
            EXIT_FAILURE,
            trf(ctx.lang, Msg::CliDemoFailed, &[("detail", &e)]),
        )
    })?;
    let configured = ctx.settings().ok();
    let settings = Settings::demo(sim.base_url(), configured.as_ref());
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
    let client = ctx.client_for(&settings)?;
    let rt = runtime(ctx.lang)?;
    let result = rt.block_on(execute(ctx, &settings, &client, plan));
    if let Some(sim) = sim {
        sim.shutdown();
    }
    result
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
}

/// An action, checked and confirmed.
struct ActionPlan {
    kind: ActionKind,
    attempt: AuditAttempt,
}

enum ActionKind {
    Unlock(TrustUnlock),
    ResetMac(ResetMac),
    Disconnect(Disconnect),
    Email(InvoiceEmail),
    Sms(InvoiceSms),
    Push(InvoicePush),
    Open(NewTicket),
    Close(TicketUpdate),
}

impl ActionKind {
    fn msg(&self) -> Msg {
        match self {
            ActionKind::Unlock(_) => Msg::ActionTrustUnlock,
            ActionKind::ResetMac(_) => Msg::ActionResetMac,
            ActionKind::Disconnect(_) => Msg::ActionDisconnect,
            ActionKind::Email(_) => Msg::ActionSendInvoiceEmail,
            ActionKind::Sms(_) => Msg::ActionSendInvoiceSms,
            ActionKind::Push(_) => Msg::ActionSendInvoicePush,
            ActionKind::Open(_) => Msg::ActionOpenTicket,
            ActionKind::Close(_) => Msg::ActionCloseTicket,
        }
    }

    fn audit_name(&self) -> &'static str {
        match self {
            ActionKind::Unlock(_) => audit::action::TRUST_UNLOCK,
            ActionKind::ResetMac(_) => audit::action::RESET_MAC,
            ActionKind::Disconnect(_) => audit::action::DISCONNECT,
            ActionKind::Email(_) => audit::action::SEND_INVOICE_EMAIL,
            ActionKind::Sms(_) => audit::action::SEND_INVOICE_SMS,
            ActionKind::Push(_) => audit::action::SEND_INVOICE_PUSH,
            ActionKind::Open(_) => audit::action::OPEN_TICKET,
            ActionKind::Close(_) => audit::action::CLOSE_TICKET,
        }
    }

    fn check(&self) -> Result<(), ApiError> {
        match self {
            ActionKind::Unlock(p) => p.to_call().map(drop),
            ActionKind::ResetMac(p) => p.to_call().map(drop),
            ActionKind::Disconnect(p) => p.to_call().map(drop),
            ActionKind::Email(p) => p.to_call().map(drop),
            ActionKind::Sms(p) => p.to_call().map(drop),
            ActionKind::Push(p) => p.to_call().map(drop),
            ActionKind::Open(p) => p.to_call().map(drop),
            ActionKind::Close(p) => p.to_call().map(drop),
        }
    }

    /// The record the action targets, for the confirmation question.
    fn target(&self, lang: Lang) -> String {
        let (msg, id) = match self {
            ActionKind::Unlock(p) => (Msg::CliTargetService, p.id_cliente_servico),
            ActionKind::ResetMac(p) => (Msg::CliTargetService, p.id_cliente_servico),
            ActionKind::Disconnect(p) => (Msg::CliTargetService, p.id_cliente_servico),
            ActionKind::Open(p) => (Msg::CliTargetService, p.id_cliente_servico),
            ActionKind::Email(p) => (Msg::CliTargetInvoice, p.id_fatura),
            ActionKind::Sms(p) => (Msg::CliTargetInvoice, p.id_fatura),
            ActionKind::Push(p) => (Msg::CliTargetInvoice, p.id_fatura),
            ActionKind::Close(p) => (Msg::CliTargetTicket, p.id_atendimento),
        };
        trf(lang, msg, &[("id", &id)])
    }
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

fn checked<T>(lang: Lang, r: Result<T, ApiError>) -> Result<T, Failure> {
    r.map_err(|e| Failure::api(lang, &e, None))
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
            ActionKind::Unlock(TrustUnlock {
                id_cliente_servico: service_id,
                dias_desbloqueio: days,
            }),
        )?,
        Command::ResetMac { service_id } => action(
            ctx,
            settings,
            ActionKind::ResetMac(ResetMac {
                id_cliente_servico: service_id,
            }),
        )?,
        Command::Disconnect { service_id } => action(
            ctx,
            settings,
            ActionKind::Disconnect(Disconnect {
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
                    ActionKind::Email(InvoiceEmail {
                        id_fatura: invoice_id,
                        email_adicional: to,
                    })
                }
                Via::Sms => {
                    let mut phones = Vec::new();
                    for phone in &to {
                        let p =
                            br::phone::parse(phone).map_err(|e| Failure::usage(e.message(lang)))?;
                        phones.push(p.digits().to_owned());
                    }
                    ActionKind::Sms(InvoiceSms {
                        id_fatura: invoice_id,
                        telefone_adicional: phones,
                    })
                }
                Via::Push if !to.is_empty() => {
                    return Err(Failure::usage(tr(lang, Msg::CliPushNoRecipients)));
                }
                Via::Push => ActionKind::Push(InvoicePush {
                    id_fatura: invoice_id,
                }),
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
            action(
                ctx,
                settings,
                ActionKind::Open(NewTicket {
                    id_cliente_servico: service_id,
                    descricao: description,
                    nome: name,
                    telefone: phone.digits().to_owned(),
                    email,
                    abrir_os: with_order.then_some(true),
                    parametros: identity(settings),
                }),
            )?
        }
        Command::Ticket(TicketCommand::Close { id, description }) => {
            let parametros = identity(settings);
            action(
                ctx,
                settings,
                ActionKind::Close(TicketUpdate {
                    id_atendimento: id,
                    descricao: description,
                    fechar_atendimento: true,
                    parametros,
                }),
            )?
        }
        Command::Config(_)
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
    let mut q = CustomerSearch::new(kind, term);
    q.limit = args.limit;
    q.include_cancelled = args.cancelled.then_some(true);
    checked(lang, q.to_call())?;
    Ok(q)
}

/// Checks an action, refuses it under read-only, and asks for confirmation
/// (or requires `--yes` without a terminal). Nothing is sent here.
fn action(ctx: &Ctx, settings: &Settings, kind: ActionKind) -> Result<Plan, Failure> {
    let lang = ctx.lang;
    if ctx.read_only(settings) {
        return Err(Failure::usage(tr(lang, Msg::ErrReadOnly)));
    }
    checked(lang, kind.check())?;
    let what = format!("{} ({})", tr(lang, kind.msg()), kind.target(lang));
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
        attendant: settings.attendant.clone(),
        profile: settings.profile.clone(),
        host,
        customer: None,
        service: match &kind {
            ActionKind::Unlock(p) => Some(p.id_cliente_servico),
            ActionKind::ResetMac(p) => Some(p.id_cliente_servico),
            ActionKind::Disconnect(p) => Some(p.id_cliente_servico),
            ActionKind::Open(p) => Some(p.id_cliente_servico),
            _ => None,
        },
        invoice: match &kind {
            ActionKind::Email(p) => Some(p.id_fatura),
            ActionKind::Sms(p) => Some(p.id_fatura),
            ActionKind::Push(p) => Some(p.id_fatura),
            _ => None,
        },
        ticket: match &kind {
            ActionKind::Close(p) => Some(p.id_atendimento),
            _ => None,
        },
    };
    Ok(Plan::Action(Box::new(ActionPlan { kind, attempt })))
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
    let api = |e: ApiError| Failure::api(lang, &e, None);
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
            if customers.len() > 1 {
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
                if let Some(total) = log.estatisticas.as_ref().and_then(|s| s.total_conexoes) {
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
        Plan::Action(p) => run_action(ctx, client, *p).await,
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
        Ref::Code(c) => (search(CustomerSearchBy::Code, c.to_string()), None),
        Ref::Document(d) => (search(CustomerSearchBy::Document, d.clone()), None),
        Ref::Service(id) => {
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

/// Writes the attempt, sends the request once, writes the outcome.
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
    let id = audit.attempt(&plan.attempt).map_err(audit_failed)?;
    tracing::info!(action = plan.attempt.action, attempt = %id, "action sent");
    let action_msg = plan.kind.msg();
    let result: Result<(Option<String>, Value), ApiError> = match &plan.kind {
        ActionKind::Unlock(p) => msg_only(client.trust_unlock(p)).await,
        ActionKind::ResetMac(p) => msg_only(client.reset_mac(p)).await,
        ActionKind::Push(p) => msg_only(client.send_invoice_push(p)).await,
        ActionKind::Disconnect(p) => client
            .request_disconnect(p)
            .await
            .map(|r| (r.msg, json!({}))),
        ActionKind::Email(p) => client
            .send_invoice_email(p)
            .await
            .map(|r| (r.msg, json!({}))),
        ActionKind::Sms(p) => client.send_invoice_sms(p).await.map(|r| (r.msg, json!({}))),
        ActionKind::Open(p) => client.open_ticket(p).await.map(|r| {
            let t = r.atendimento.unwrap_or_default();
            (
                r.msg,
                json!({
                    "id_atendimento": t.id_atendimento,
                    "protocolo": t.protocolo,
                }),
            )
        }),
        ActionKind::Close(p) => client.update_ticket(p).await.map(|r| {
            let t = r.atendimento.unwrap_or_default();
            (
                r.msg,
                json!({
                    "id_atendimento": t.id_atendimento,
                    "protocolo": t.protocolo,
                }),
            )
        }),
    };
    match result {
        Ok((msg, extra)) => {
            let msg = msg.map(|m| crate::sanitize::clean_line(&m).trim().to_owned());
            audit
                .outcome(&id, Outcome::Ok, msg.as_deref())
                .map_err(audit_failed)?;
            tracing::info!(action = plan.attempt.action, attempt = %id, "action confirmed");
            if ctx.global.json {
                let mut v = json!({ "outcome": "ok", "msg": msg });
                if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
                    m.extend(e);
                }
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
            }
            Ok(EXIT_OK)
        }
        Err(e) => {
            let unknown = e.outcome_unknown();
            let failure = Failure::api(lang, &e, Some(action_msg));
            let outcome = if unknown {
                Outcome::Unknown
            } else if failure.code == EXIT_REFUSED {
                Outcome::Refused
            } else {
                Outcome::Failed
            };
            // The server's own words when it gave any; else the English
            // error text (routes and statuses, never a body or a secret).
            let audit_msg = audit::error_msg(&e);
            audit
                .outcome(&id, outcome, Some(&audit_msg))
                .map_err(audit_failed)?;
            tracing::info!(action = plan.attempt.action, attempt = %id, ?outcome, "action not confirmed");
            if unknown {
                return Err(Failure::new(
                    EXIT_FAILURE,
                    trf(
                        lang,
                        Msg::CliOutcomeUnknown,
                        &[("detail", &failure.message)],
                    ),
                ));
            }
            Err(failure)
        }
    }
}

async fn msg_only(
    f: impl Future<Output = Result<crate::api::ActionResponse, ApiError>>,
) -> Result<(Option<String>, Value), ApiError> {
    f.await.map(|r| (r.msg, json!({})))
}

// ---------------------------------------------------------------------------
// Local commands

fn show_audit(ctx: &Ctx, limit: usize) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let path = ctx.paths.audit_file();
    let entries = audit::read_latest(&path, limit).map_err(|e| {
        Failure::new(
            EXIT_FAILURE,
            trf(
                lang,
                Msg::CliAuditFailed,
                &[("path", &path.display()), ("detail", &e)],
            ),
        )
    })?;
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
            audit::action_label(lang, &e.attempt.action),
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
        if let Ok(s) = config::resolve(file, &flags, &no_env)
            && s.host.is_some()
            && let Err(e) = s.checked_host()
        {
            warnings.push(e.message(lang));
        }
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

/// The attendant's identity for a ticket's `parametros`: HubSoft records
/// the shared API user as author, so say who it was.
fn identity(settings: &Settings) -> serde_json::Map<String, Value> {
    let mut parametros = serde_json::Map::new();
    parametros.insert("origem".into(), json!("hubdesk"));
    if let Some(a) = &settings.attendant {
        parametros.insert("atendente".into(), json!(a));
    }
    if let Some(r) = &settings.ramal {
        parametros.insert("ramal".into(), json!(r));
    }
    parametros
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
        let code = |e: ApiError| Failure::api(l, &e, None).code;
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
        let f = Failure::api(Lang::En, &e, None);
        assert!(!f.message.contains('\x1b'));
    }
}
