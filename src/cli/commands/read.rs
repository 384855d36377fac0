//! Running a plan against the server: the reads and their output.

use super::*;

pub(super) async fn execute(
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
                let today = br::dates::today(chrono::Utc::now());
                print_json(&out::customer_json_at(f, customer, today));
            } else {
                say(out::customer_table(f, customer));
                let services: Vec<_> = customer.servicos.iter().collect();
                if !services.is_empty() {
                    say(out::services_table(f, &services));
                    let details = out::service_details_table(f, &services);
                    if !details.is_empty() {
                        say(details);
                    }
                    let today = br::dates::today(chrono::Utc::now());
                    if let Some(unlocks) = out::unlocks_table(f, &services, today) {
                        say(unlocks);
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
            let code = listing(
                ctx,
                &list,
                |t| out::ticket_json(f, t),
                |l| out::tickets_table(f, l),
            )?;
            if q.with_messages && !json {
                for t in &list {
                    let thread = out::ticket_thread(f, t);
                    if !thread.is_empty() {
                        say(thread);
                    }
                }
            }
            Ok(code)
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
        Plan::WhoHad(q) => {
            let log = crate::ops::bulk::who_had(client, &q).await.map_err(api)?;
            if json {
                print_json(&json!({
                    "busca": q.by.as_param(),
                    "termo_busca": q.login,
                    "registros": log.registros.iter().map(out::connection_json).collect::<Vec<_>>(),
                }));
            } else if log.registros.is_empty() {
                note(&trf(lang, Msg::CliWhoHadNobody, &[("address", &q.login)]));
            } else {
                say(out::who_had_table(f, &log.registros));
            }
            Ok(EXIT_OK)
        }
        Plan::Passwords {
            query,
            show_secrets,
        } => {
            let list = client.service_passwords(&query).await.map_err(api)?;
            if json {
                print_json(&Value::Array(
                    list.iter()
                        .map(|p| out::password_json(p, show_secrets))
                        .collect(),
                ));
            } else if list.is_empty() {
                note(&trf(
                    lang,
                    Msg::CliPasswordsNone,
                    &[("service", &query.id_cliente_servico)],
                ));
            } else {
                say(out::passwords_table(f, &list, show_secrets));
                if !show_secrets {
                    note(tr(lang, Msg::CliPasswordsHidden));
                }
            }
            Ok(EXIT_OK)
        }
        Plan::CpeList {
            query,
            page,
            filter,
        } => show_cpes(ctx, client, query, page, filter.as_deref()).await,
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
        Plan::Resolve { by, term, command } => {
            let code = resolve_customer(ctx, client, by, &term).await?;
            let mut command = *command;
            if let Some(reference) = reference_of(&mut command) {
                *reference = code.to_string();
            }
            match super::plan::plan(ctx, settings, command)? {
                Plan::Resolve { .. } => unreachable!("a code needs no search"),
                next => Box::pin(execute(ctx, settings, client, next)).await,
            }
        }
        Plan::Lookup(l) => match looked_up(ctx, settings, client, *l).await? {
            Plan::Action(p) => run_action(ctx, client, *p).await,
            _ => unreachable!("an action plans an action"),
        },
        Plan::Network(kind, filter) => show_network(ctx, client, kind, filter.as_deref()).await,
        Plan::Cities(filter) => {
            let filter = filter.as_deref();
            let list: Vec<City> = client
                .list_cities()
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
            let found = crate::ops::bulk::receivables(client, &q)
                .await
                .map_err(api)?;
            let list = found.invoices;
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
            // The paginated route says when more remain; the 2020 one cuts
            // at its limit (20 when none is sent) without saying so.
            let cap = q.limit.unwrap_or(RECEIVABLES_DEFAULT_LIMIT) as usize;
            if found.more || (!list.is_empty() && list.len() >= cap) {
                note(&trf(
                    lang,
                    Msg::Cli7ReceivablesMore,
                    &[("limit", &list.len())],
                ));
            }
            Ok(EXIT_OK)
        }
        Plan::Export { query, limit } => export_customers(ctx, client, &query, limit).await,
    }
}

/// Prints a list command's records; an empty list is a success.
pub(super) fn listing<T>(
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
/// The code of the one customer whose `id_cliente` or `id_externo` is
/// `term`; none or several is a refusal that says so.
async fn resolve_customer(
    ctx: &Ctx,
    client: &Client,
    by: CustomerSearchBy,
    term: &str,
) -> Result<u64, Failure> {
    let lang = ctx.lang;
    let mut q = CustomerSearch::new(by, term);
    q.include_cancelled = Some(true);
    let found = client
        .search_customers(&q)
        .await
        .map_err(|e| Failure::api(lang, &e, reading(client)))?;
    let mut codes: Vec<u64> = found.iter().filter_map(|c| c.codigo_cliente).collect();
    codes.sort_unstable();
    codes.dedup();
    match codes.as_slice() {
        [code] => Ok(*code),
        [] => Err(Failure::new(EXIT_REFUSED, tr(lang, Msg::SearchNoResults))),
        several => Err(Failure::new(
            EXIT_REFUSED,
            trf(
                lang,
                Msg::CliRefSeveral,
                &[(
                    "codes",
                    &several
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
            ),
        )),
    }
}

pub(super) async fn find_customer(
    client: &Client,
    reference: &Ref,
) -> Result<Vec<Customer>, ApiError> {
    let search = |by, term: String| {
        let mut q = CustomerSearch::new(by, term);
        q.include_cancelled = Some(true);
        q.last_connection = Some(true);
        // The trust-unlock history (a 2020 server ignores it).
        q.include_unlocks = Some(true);
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
pub(super) fn refused_search_kind(e: &ApiError) -> bool {
    match e {
        ApiError::Refused { .. } | ApiError::NotOffered { .. } => true,
        ApiError::Http { status, .. } => matches!(status, 400 | 404 | 422),
        ApiError::NotFound { .. } => true,
        _ => false,
    }
}

pub(super) async fn code_of_service(client: &Client, id: u64) -> Result<Option<u64>, ApiError> {
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

/// `network pops|equipment|zones`, filtered on every field shown.
pub(super) async fn show_network(
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

/// `cpe list`: one page of `rede/cpe/todos`, filtered on this side, and
/// where it is among the pages.
async fn show_cpes(
    ctx: &Ctx,
    client: &Client,
    query: CpeQuery,
    page: u32,
    filter: Option<&str>,
) -> Result<u8, Failure> {
    let lang = ctx.lang;
    let f = &ctx.fmt;
    let read = crate::ops::bulk::cpe_page(client, query.itens_por_pagina, page)
        .await
        .map_err(|e| Failure::api(lang, &e, reading(client)))?;
    let list = read.cpes;
    let list: Vec<_> = list
        .into_iter()
        .filter(|c| {
            let texts: Vec<Option<&str>> = crate::ops::bulk::cpe_texts(c)
                .into_iter()
                .map(Some)
                .collect();
            out::matches(filter, &texts)
        })
        .collect();
    if ctx.global.json {
        print_json(&json!({
            "pagina": page,
            "ultima_pagina": read.last_page,
            "total_registros": read.total,
            "cpes": list.iter().map(out::cpe_json).collect::<Vec<_>>(),
        }));
        return Ok(EXIT_OK);
    }
    if list.is_empty() {
        note(tr(lang, Msg::StateEmpty));
    } else {
        say(out::cpes_table(f, &list));
    }
    note(&crate::ops::bulk::page_text(
        lang,
        page,
        read.last_page,
        read.total,
    ));
    Ok(EXIT_OK)
}
