//! From a parsed command to a [`Plan`]: arguments checked and normalised,
//! nothing sent yet.

use super::*;

/// A command whose input has been checked.
pub(super) enum Plan {
    Search(CustomerSearch),
    Customer(Ref),
    Invoices(InvoiceSearch),
    Tickets(TicketSearch),
    Orders(ServiceOrderSearch),
    Connections(ConnectionLogQuery),
    WhoHad(ConnectionLogQuery),
    Passwords {
        query: crate::api::ServicePasswordsQuery,
        show_secrets: bool,
    },
    CpeList {
        query: CpeQuery,
        /// The server's page number (from 0).
        page: u32,
        filter: Option<String>,
    },
    Login,
    Action(Box<ActionPlan>),
    /// An action whose request needs a read first (the service's
    /// equipment, the ticket's description); confirmed after it.
    Lookup(Box<Lookup>),
    Network(NetworkKind, Option<String>),
    Cities(Option<String>),
    Plans(ProspectPlansQuery),
    Prospects(ProspectSearch),
    Receivables(ReceivablesQuery),
    Export {
        query: CustomerPagesQuery,
        limit: Option<u32>,
    },
    /// A command whose customer reference is an `id_cliente` (`c:`/`id:`)
    /// or an `id_externo` (`x:`/`ext:`), which the record routes do not
    /// take: the customer is searched by it first (current servers), then
    /// `command` is planned again with the code found.
    Resolve {
        by: CustomerSearchBy,
        term: String,
        command: Box<Command>,
    },
}

/// Which `/rede` list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NetworkKind {
    Pops,
    Equipment,
    Zones,
}

/// A customer reference: code, CPF/CNPJ, or `service:ID`; the key of the
/// record routes, mapped to their searches in one place (the console sends
/// the same ones).
pub(super) type Ref = crate::api::CustomerKey;

pub(super) fn parse_ref(lang: Lang, input: &str) -> Result<Ref, Failure> {
    let s = input.trim();
    let bad = || Failure::usage(trf(lang, Msg::CliBadRef, &[("input", &s)]));
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("service:")
        .or_else(|| lower.strip_prefix("servico:"))
        .or_else(|| lower.strip_prefix("s:"))
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

pub(super) fn parse_day(
    lang: Lang,
    input: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Failure> {
    input
        .map(|s| br::dates::parse_date(s).map_err(|e| Failure::usage(e.message(lang))))
        .transpose()
}

/// The customer reference of a command that takes one.
pub(super) fn reference_of(command: &mut Command) -> Option<&mut String> {
    match command {
        Command::Customer { reference }
        | Command::Invoices { reference, .. }
        | Command::Tickets { reference, .. }
        | Command::Orders { reference, .. } => Some(reference),
        Command::Receivables(a) => a.customer.as_mut(),
        _ => None,
    }
}

/// A reference the search box's prefixes name as a customer id or an
/// external id (one parser, [`crate::search_kind::prefixed`], for the
/// console and the command line).
fn searched_ref(reference: &str) -> Option<(CustomerSearchBy, String)> {
    let d = crate::search_kind::prefixed(reference.trim())?;
    matches!(
        d.kind,
        CustomerSearchBy::CustomerId | CustomerSearchBy::ExternalId
    )
    .then_some((d.kind, d.term))
}

pub(super) fn plan(ctx: &Ctx, settings: &Settings, mut command: Command) -> Result<Plan, Failure> {
    let lang = ctx.lang;
    if let Some((by, term)) = reference_of(&mut command).and_then(|r| searched_ref(r)) {
        return Ok(Plan::Resolve {
            by,
            term,
            command: Box::new(command),
        });
    }
    let plan = match command {
        Command::Search(args) => Plan::Search(search_params(lang, args)?),
        Command::Customer { reference } => Plan::Customer(parse_ref(lang, &reference)?),
        Command::Invoices {
            reference,
            all,
            limit,
        } => {
            let mut q = parse_ref(lang, &reference)?.invoices();
            q.only_pending = Some(!all);
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::Invoices(q)
        }
        Command::Tickets {
            reference,
            all,
            limit,
            messages,
        } => {
            let mut q = parse_ref(lang, &reference)?.tickets();
            q.only_open = Some(!all);
            q.limit = limit;
            q.with_messages = messages;
            checked(lang, q.to_call())?;
            Plan::Tickets(q)
        }
        Command::Orders {
            reference,
            status,
            limit,
        } => {
            let mut q = parse_ref(lang, &reference)?.orders();
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
        Command::WhoHad {
            address,
            lan,
            from,
            to,
            limit,
        } => {
            let Some((by, term)) = crate::ops::bulk::address_kind(&address, lan) else {
                return Err(Failure::usage(trf(
                    lang,
                    Msg::CliWhoHadNotAddress,
                    &[("input", &address.trim())],
                )));
            };
            let mut q = ConnectionLogQuery::by(by, term);
            q.data_inicio = parse_day(lang, from.as_deref())?;
            q.data_fim = parse_day(lang, to.as_deref())?;
            q.limit = limit;
            checked(lang, q.to_call())?;
            Plan::WhoHad(q)
        }
        Command::Passwords {
            service_id,
            show_secrets,
        } => {
            let query = crate::api::ServicePasswordsQuery {
                id_cliente_servico: service_id,
            };
            checked(lang, query.to_call())?;
            Plan::Passwords {
                query,
                show_secrets,
            }
        }
        Command::Cpe(CpeCommand::List {
            page,
            per_page,
            filter,
        }) => {
            if page == 0 {
                return Err(Failure::usage(trf(
                    lang,
                    Msg::CliCpeBadPage,
                    &[("page", &page)],
                )));
            }
            let query = CpeQuery {
                itens_por_pagina: per_page,
            };
            checked(lang, query.to_call(page - 1))?;
            Plan::CpeList {
                query,
                page: page - 1,
                filter,
            }
        }
        Command::Login => Plan::Login,
        Command::Unlock { service_id, days } => {
            let request = ActionRequest::TrustUnlock(TrustUnlock {
                id_cliente_servico: service_id,
                dias_desbloqueio: days,
            });
            if ctx.global.yes || !crate::cli::interactive() {
                action(ctx, settings, request)?
            } else {
                // Asked at a terminal: the question says how many unlocks
                // the service had lately, read first (nothing is read for
                // a refused or malformed one).
                refuse_read_only(ctx, settings)?;
                checked(lang, request.check())?;
                Plan::Lookup(Box::new(Lookup::Unlock {
                    service_id,
                    request: Box::new(request),
                }))
            }
        }
        Command::ResetMac { service_id } => action(
            ctx,
            settings,
            ActionRequest::ResetMac(ResetMac {
                id_cliente_servico: service_id,
            }),
        )?,
        Command::ResetPhy { service_id } => action(
            ctx,
            settings,
            ActionRequest::ResetPhy(crate::api::service_actions::ResetPhy {
                id_cliente_servico: service_id,
            }),
        )?,
        Command::Cpe(CpeCommand::Reboot { service_id }) => {
            equipment(ctx, settings, ActionKind::RebootCpe, service_id, None)?
        }
        Command::Cpe(CpeCommand::Restore {
            service_id,
            confirm_mac,
        }) => equipment(
            ctx,
            settings,
            ActionKind::RestoreCpe,
            service_id,
            confirm_mac,
        )?,
        Command::Service(cmd) => {
            use crate::api::service_state::{
                ActivateService, EnableService, SuspendService, SuspensionKind,
            };
            let request = match cmd {
                ServiceCommand::Enable { service_id, reason } => {
                    if reason.trim().is_empty() {
                        return Err(Failure::usage(tr(lang, Msg::FieldEmpty)));
                    }
                    ActionRequest::EnableService(EnableService {
                        id_cliente_servico: service_id,
                        motivo_habilitacao: reason.trim().to_owned(),
                    })
                }
                ServiceCommand::Suspend { service_id, kind } => {
                    ActionRequest::SuspendService(SuspendService {
                        id_cliente_servico: service_id,
                        tipo_suspensao: match kind {
                            SuspendArg::Debt => SuspensionKind::Debt,
                            SuspendArg::Request => SuspensionKind::CustomerRequest,
                        },
                    })
                }
                ServiceCommand::Activate { service_id } => {
                    ActionRequest::ActivateService(ActivateService {
                        id_cliente_servico: service_id,
                    })
                }
            };
            action(ctx, settings, request)?
        }
        Command::Ticket(TicketCommand::Append { protocol, text }) => {
            if text.trim().is_empty() {
                return Err(Failure::usage(tr(lang, Msg::FieldEmpty)));
            }
            refuse_read_only(ctx, settings)?;
            Plan::Lookup(Box::new(Lookup::Append { protocol, text }))
        }
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
            template,
            name,
            phone,
            email,
            with_order,
            ticket_type,
            order_type,
            order_status,
            technicians,
        }) => {
            let phone = br::phone::parse(&phone).map_err(|e| Failure::usage(e.message(lang)))?;
            if let Some(e) = &email {
                br::email::validate(e).map_err(|e| Failure::usage(e.message(lang)))?;
            }
            let opening = TicketOpen {
                draft: crate::ops::tickets::TicketDraft {
                    service_id,
                    description: description.unwrap_or_default(),
                    requester: name,
                    phone: phone.digits().to_owned(),
                    email,
                    open_order: with_order,
                },
                ticket_type,
                order: crate::api::ticket_extras::OrderParams {
                    id_tipo_ordem_servico: order_type,
                    status: order_status,
                    ids_tecnicos: technicians,
                },
            };
            match template {
                None => action(ctx, settings, opening.request(settings))?,
                // The customer's name, code, plan or login: read from
                // the service's customer before the text is filled.
                Some(name) => {
                    let template = canned::find(ctx, &name)?;
                    if canned::needs_record(&template) {
                        refuse_read_only(ctx, settings)?;
                        Plan::Lookup(Box::new(Lookup::TicketText { opening, template }))
                    } else {
                        let known = canned::context(settings, Default::default());
                        let mut opening = opening;
                        opening.draft.description = canned::filled(lang, &template, &known)?;
                        action(ctx, settings, opening.request(settings))?
                    }
                }
            }
        }
        Command::Ticket(TicketCommand::Close {
            id,
            description,
            template,
            service,
        }) => {
            // `ticket close` knows the ticket's id only (HubSoft reads no
            // ticket by id): the attendant and the date fill; with
            // `--service` the ticket's customer and protocol are read
            // first; the rest is refused rather than sent as written.
            let description = match template {
                Some(name) => {
                    let template = canned::find(ctx, &name)?;
                    if let Some(service_id) = service.filter(|_| canned::needs_ticket(&template)) {
                        refuse_read_only(ctx, settings)?;
                        return Ok(Plan::Lookup(Box::new(Lookup::CloseText {
                            id,
                            service_id,
                            template,
                        })));
                    }
                    let known = canned::context(settings, Default::default());
                    Some(canned::filled(lang, &template, &known)?)
                }
                None => description,
            };
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
            let query = CustomerPagesQuery {
                data_inicio: parse_day(lang, from.as_deref())?,
                data_fim: parse_day(lang, to.as_deref())?,
                // Every service, cancelled ones too, as `cliente/all`.
                cancelado: Some(true),
                ..CustomerPagesQuery::default()
            };
            // `--limit` keeps the 2020 route's bounds (more than zero).
            let bounds = AllCustomers {
                limit,
                ..AllCustomers::default()
            };
            checked(lang, bounds.to_call())?;
            checked(lang, query.to_call(0))?;
            Plan::Export { query, limit }
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

pub(super) fn search_params(lang: Lang, args: SearchArgs) -> Result<CustomerSearch, Failure> {
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

/// What servers return from `/financeiro` without a `limit`.
pub(super) const RECEIVABLES_DEFAULT_LIMIT: u32 = 20;

/// `receivables`: the 30-day window without a customer is refused here,
/// in the user's language, before anything is sent.
pub(super) fn receivables_query(
    lang: Lang,
    a: ReceivablesArgs,
) -> Result<ReceivablesQuery, Failure> {
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
