//! The actions from the command line: checked, confirmed, then sent once
//! through the operations core ([`crate::ops::actions`]) under the audit
//! trail, exactly as the console sends them.

use super::*;

/// `prospects create`, checked; the price may still come from the plans
/// of the CEP, and the neighbourhood may be checked against the cities.
pub(super) struct ProspectPrep {
    pub(super) value_given: bool,
    pub(super) city: Option<String>,
}

/// An audit entry's action in `lang` (one table, in the audit module, for
/// the console and the CLI).
pub(super) fn action_label(lang: Lang, action: &str) -> String {
    crate::ops::actions::action_label(lang, action)
}

/// An action, checked and confirmed.
pub(super) struct ActionPlan {
    pub(super) action: CliAction,
    pub(super) attempt: AuditAttempt,
}

/// An action as the command line builds it: the shared request
/// ([`crate::ops::actions`], the console's too), and for a prospect what
/// is still to be looked up before it is sent.
pub(super) struct CliAction {
    pub(super) request: ActionRequest,
    pub(super) prospect: Option<ProspectPrep>,
    /// `--confirm-mac`: a typed confirmation's characters, given ahead.
    pub(super) confirm_mac: Option<String>,
    /// Lines printed above the question (the trust-unlock history).
    pub(super) notes: Vec<String>,
}

impl From<ActionRequest> for CliAction {
    fn from(request: ActionRequest) -> CliAction {
        CliAction {
            request,
            prospect: None,
            confirm_mac: None,
            notes: Vec::new(),
        }
    }
}

/// An action whose request needs a read first.
pub(super) enum Lookup {
    /// A CPE action on a service's equipment: its `phy_addr` is read
    /// from the customer's record.
    Equipment {
        kind: ActionKind,
        service_id: u64,
        confirm_mac: Option<String>,
    },
    /// Appending to a ticket, found by its protocol: its description is
    /// read, to be kept byte for byte before the text.
    Append { protocol: String, text: String },
    /// A trust unlock about to be asked at a terminal: the service's
    /// unlock history is read for the question ("this would be the 3rd
    /// unlock in 30 days"), as the console's confirmation says it.
    Unlock {
        service_id: u64,
        request: Box<ActionRequest>,
    },
    /// A ticket whose description is a canned text that names the
    /// customer or the service: the service's customer is read first.
    TicketText {
        opening: TicketOpen,
        template: crate::ops::templates::Template,
    },
    /// A ticket closed with a canned text that names the customer, the
    /// service or the protocol: the service's customer and tickets are
    /// read first (`ticket close --service`).
    CloseText {
        id: u64,
        service_id: u64,
        template: crate::ops::templates::Template,
    },
}

/// `ticket open` as given, its description still to be set.
pub(super) struct TicketOpen {
    pub(super) draft: crate::ops::tickets::TicketDraft,
    pub(super) ticket_type: Option<u64>,
    pub(super) order: crate::api::ticket_extras::OrderParams,
}

impl TicketOpen {
    /// The request, built by the core as the console builds it.
    pub(super) fn request(&self, settings: &Settings) -> ActionRequest {
        let attendant = crate::ops::identity::attendant(settings.attendant.as_deref());
        ActionRequest::OpenTicket(crate::ops::tickets::opening(
            crate::ops::tickets::open(&self.draft, attendant.as_deref(), settings.ramal.as_deref()),
            self.ticket_type,
            Some(self.order.clone()),
        ))
    }
}

/// Refuses a command that would write, in read-only mode.
pub(super) fn refuse_read_only(ctx: &Ctx, settings: &Settings) -> Result<(), Failure> {
    if ctx.read_only(settings) {
        return Err(Failure::usage(crate::ops::actions::read_only_refusal(
            ctx.lang,
        )));
    }
    Ok(())
}

/// A CPE action on service `service_id`'s equipment: refused in read-only
/// mode before anything is read; its `phy_addr` is read when it runs.
pub(super) fn equipment(
    ctx: &Ctx,
    settings: &Settings,
    kind: ActionKind,
    service_id: u64,
    confirm_mac: Option<String>,
) -> Result<Plan, Failure> {
    refuse_read_only(ctx, settings)?;
    Ok(Plan::Lookup(Box::new(Lookup::Equipment {
        kind,
        service_id,
        confirm_mac,
    })))
}

/// Reads what `lookup` needs, builds its request, then checks and
/// confirms it as every action ([`action`]).
pub(super) async fn looked_up(
    ctx: &Ctx,
    settings: &Settings,
    client: &Client,
    lookup: Lookup,
) -> Result<Plan, Failure> {
    let lang = ctx.lang;
    let api = |e: ApiError| Failure::api(lang, &e, ErrorContext::default());
    let action_plan = match lookup {
        Lookup::Equipment {
            kind,
            service_id,
            confirm_mac,
        } => {
            let customers = find_customer(client, &Ref::Service(service_id))
                .await
                .map_err(api)?;
            let service = customers
                .iter()
                .flat_map(|c| c.servicos.iter())
                .find(|s| s.id_cliente_servico == Some(service_id));
            let Some(service) = service else {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(lang, Msg::CliServiceNotFound, &[("id", &service_id)]),
                ));
            };
            let phy = service
                .phy_addr
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty());
            let subject = crate::ops::actions::Subject {
                id: service_id,
                phy_addr: phy,
            };
            let Some(request) = kind.direct_request(&subject) else {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    tr(lang, Msg::ActionNeedsEquipment),
                ));
            };
            CliAction {
                request,
                prospect: None,
                confirm_mac,
                notes: Vec::new(),
            }
        }
        Lookup::Unlock {
            service_id,
            request,
        } => {
            let today = chrono::Local::now().date_naive();
            // The history informs the question; a failed read does not
            // stop the unlock, it is said instead.
            let note = match find_customer(client, &Ref::Service(service_id)).await {
                Ok(customers) => customers
                    .iter()
                    .flat_map(|c| c.servicos.iter())
                    .find(|s| s.id_cliente_servico == Some(service_id))
                    .and_then(|s| crate::ops::unlocks::UnlockHistory::of(s, today))
                    .map(|h| h.before_another(lang)),
                Err(e) => Some(trf(
                    lang,
                    Msg::CliUnlockHistoryUnread,
                    &[(
                        "detail",
                        &crate::ops::errors::describe(lang, &e, ErrorContext::default()),
                    )],
                )),
            };
            CliAction {
                request: *request,
                prospect: None,
                confirm_mac: None,
                notes: note.into_iter().collect(),
            }
        }
        Lookup::TicketText {
            mut opening,
            template,
        } => {
            let service_id = opening.draft.service_id;
            // A server without the search by service (2020) leaves those
            // values unknown, and the text is then refused by name.
            let (customers, offered) = match find_customer(client, &Ref::Service(service_id)).await
            {
                Ok(c) => (c, true),
                Err(ApiError::NotOffered { .. }) => (Vec::new(), false),
                Err(e) => return Err(api(e)),
            };
            let found = customers.iter().find_map(|c| {
                c.servicos
                    .iter()
                    .find(|s| s.id_cliente_servico == Some(service_id))
                    .map(|s| (c, s))
            });
            let known = match found {
                Some((customer, service)) => {
                    crate::ops::templates::Context::of_service(customer, Some(service))
                }
                None if !offered => Default::default(),
                None => {
                    return Err(Failure::new(
                        EXIT_REFUSED,
                        trf(lang, Msg::CliServiceNotFound, &[("id", &service_id)]),
                    ));
                }
            };
            let known = canned::context(settings, known);
            opening.draft.description = canned::filled(lang, &template, &known)?;
            opening.request(settings).into()
        }
        Lookup::CloseText {
            id,
            service_id,
            template,
        } => {
            let customers = find_customer(client, &Ref::Service(service_id))
                .await
                .map_err(api)?;
            let Some((customer, service)) = customers.iter().find_map(|c| {
                c.servicos
                    .iter()
                    .find(|s| s.id_cliente_servico == Some(service_id))
                    .map(|s| (c, s))
            }) else {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(lang, Msg::CliServiceNotFound, &[("id", &service_id)]),
                ));
            };
            let mut q = Ref::Service(service_id).tickets();
            q.only_open = Some(true);
            let tickets = client.customer_tickets(&q).await.map_err(api)?;
            let Some(ticket) = tickets.iter().find(|t| t.id_atendimento == Some(id)) else {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(lang, Msg::CliTicketNotFound, &[("id", &id)]),
                ));
            };
            let mut known = crate::ops::templates::Context::of_service(customer, Some(service));
            known.protocolo = ticket.protocolo.clone();
            let known = canned::context(settings, known);
            let text = canned::filled(lang, &template, &known)?;
            let attendant = crate::ops::identity::attendant(settings.attendant.as_deref());
            ActionRequest::UpdateTicket(crate::ops::tickets::close(
                id,
                Some(&text),
                attendant.as_deref(),
                settings.ramal.as_deref(),
            ))
            .into()
        }
        Lookup::Append { protocol, text } => {
            let mut q = TicketSearch::new(TicketSearchBy::Protocol, protocol.trim());
            q.only_open = Some(true);
            let found = client.customer_tickets(&q).await.map_err(api)?;
            let ticket = found
                .iter()
                .find(|t| t.protocolo.as_deref().map(str::trim) == Some(protocol.trim()));
            let Some((ticket, id)) = ticket.and_then(|t| Some((t, t.id_atendimento?))) else {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(lang, Msg::CliTicketNotFound, &[("id", &protocol.trim())]),
                ));
            };
            let attendant = crate::ops::identity::attendant(settings.attendant.as_deref());
            let when = br::dates::format_datetime(chrono::Utc::now());
            ActionRequest::AppendTicket(crate::ops::tickets::append(
                id,
                ticket.descricao_abertura.as_deref().unwrap_or_default(),
                &text,
                &when,
                attendant.as_deref(),
                settings.ramal.as_deref(),
            ))
            .into()
        }
    };
    action(ctx, settings, action_plan)
}

/// A typed confirmation (the row says [`Confirm::Typed`]): the last 4
/// characters of the equipment's MAC, from `--confirm-mac` or typed at
/// the terminal. Nothing is sent without them, `--yes` or not.
fn typed_check(lang: Lang, request: &ActionRequest, given: Option<&str>) -> Result<(), Failure> {
    use crate::ops::actions::{Confirm, typed_matches};
    if request.kind().confirmation() != Confirm::Typed {
        return Ok(());
    }
    let phy = request.phy_addr().unwrap_or_default();
    let typed = match given {
        Some(t) => t.to_owned(),
        None if crate::cli::interactive() => {
            eprint!("{} ", trf(lang, Msg::CliTypeMacEnd, &[("mac", &phy)]));
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_err() {
                line.clear();
            }
            line
        }
        None => return Err(Failure::usage(tr(lang, Msg::CliRestoreNeedsMac))),
    };
    if typed_matches(phy, &typed) {
        Ok(())
    } else {
        Err(Failure::usage(trf(
            lang,
            Msg::CliMacMismatch,
            &[("mac", &phy)],
        )))
    }
}

/// The record an action targets, for the confirmation question.
pub(super) fn action_target(lang: Lang, request: &ActionRequest) -> String {
    let (msg, id) = match request {
        ActionRequest::TrustUnlock(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::ResetMac(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::ResetPhy(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::EnableService(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::SuspendService(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::ActivateService(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::AppendTicket(p) => (Msg::CliTargetTicket, p.id_atendimento),
        ActionRequest::RebootCpe { service, cpe } => {
            return trf(
                lang,
                Msg::CliTargetEquipment,
                &[("id", service), ("mac", &cpe.phy_addr)],
            );
        }
        ActionRequest::RestoreCpe { service, cpe } => {
            return trf(
                lang,
                Msg::CliTargetEquipment,
                &[("id", service), ("mac", &cpe.phy_addr)],
            );
        }
        ActionRequest::Disconnect(p) => (Msg::CliTargetService, p.id_cliente_servico),
        ActionRequest::OpenTicket(p) => (Msg::CliTargetService, p.ticket.id_cliente_servico),
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

/// Checks an action, refuses it under read-only, and asks for confirmation
/// (or requires `--yes` without a terminal). Nothing is sent here.
pub(super) fn action(
    ctx: &Ctx,
    settings: &Settings,
    action: impl Into<CliAction>,
) -> Result<Plan, Failure> {
    let action = action.into();
    let request = &action.request;
    let kind = request.kind();
    let lang = ctx.lang;
    if ctx.read_only(settings) {
        return Err(Failure::usage(crate::ops::actions::read_only_refusal(lang)));
    }
    checked(lang, request.check())?;
    typed_check(lang, request, action.confirm_mac.as_deref())?;
    let what = format!(
        "{} ({})",
        tr(lang, kind.msg()),
        action_target(lang, request)
    );
    if !ctx.global.yes {
        if !crate::cli::interactive() {
            return Err(Failure::usage(trf(
                lang,
                Msg::CliNeedsYes,
                &[("action", &what)],
            )));
        }
        for line in &action.notes {
            eprintln!("{}", crate::sanitize::clean_line(line));
        }
        if !confirm(lang, &what) {
            return Err(Failure::new(EXIT_USAGE, tr(lang, Msg::CliCancelled)));
        }
    }
    let host = settings.host.clone().unwrap_or_default();
    let attempt = request.attempt(
        &AuditAttempt::default(),
        // As the console does: the profile's attendant, else the system
        // account (issue 12: the CLI recorded nobody).
        crate::ops::identity::attendant(settings.attendant.as_deref()),
        settings.profile.clone(),
        host,
    );
    Ok(Plan::Action(Box::new(ActionPlan { action, attempt })))
}

/// Asks on stderr, reads one line from stdin. Only `s`/`sim`/`y`/`yes` go.
pub(super) fn confirm(lang: Lang, what: &str) -> bool {
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

/// Writes the attempt, sends the request once, writes the outcome, through
/// [`audit::audited`], the console's path too. SIGINT, SIGTERM or SIGHUP
/// while waiting for the answer abandon it: the trail gets `unknown` and
/// the command exits with 128 + the signal's number.
pub(super) async fn run_action(
    ctx: &Ctx,
    client: &Client,
    plan: ActionPlan,
) -> Result<u8, Failure> {
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
    let audit = Audit::open_with(&audit_path, ctx.audit_sink()?).map_err(audit_failed)?;
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
pub(super) fn printed(reply: ActionReply) -> Result<(Option<String>, Value), ApiError> {
    match reply {
        ActionReply::Plain(r) => r.map(|r| (r.msg, json!({}))),
        ActionReply::Disconnect(r) => r.map(|r| (r.msg, json!({ "login": r.login }))),
        // The service as it is now: its new status first.
        ActionReply::ServiceState(r) => (*r).map(|r| {
            let state = r.cliente_servico.as_ref();
            let extra = json!({
                "id_cliente_servico": state.and_then(|s| s.id_cliente_servico),
                "status": state.and_then(|s| s.status_text()),
            });
            (r.msg, extra)
        }),
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
pub(super) fn ticket_outcome(r: crate::api::TicketResponse) -> (Option<String>, Value) {
    let extra = json!({
        "id_atendimento": r.ticket_id(),
        "protocolo": r.protocol(),
    });
    (r.msg, extra)
}

/// The message and the queued job of an invoice send, the job as
/// `--json` shows every record (masked in privacy mode).
pub(super) fn send_job_outcome(r: crate::api::SendJobResponse) -> (Option<String>, Value) {
    // Privacy masking is applied when the answer is printed.
    let job = r.job.as_ref().map_or(Value::Null, |j| {
        serde_json::to_value(j).unwrap_or(Value::Null)
    });
    (r.msg, json!({ "job": job }))
}

/// The signals that end a command (SIGINT, SIGTERM, SIGHUP), listened to
/// while an action waits for its answer.
pub(super) struct ExitSignals {
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
