//! Reads over the paginated routes of current servers, shared by the
//! console and the command line so both ask the same thing the same way:
//! the receivables window (`financeiro/fatura`, or `financeiro` on a 2020
//! server) and who held an address (`extrato_conexao` by address).

use crate::api::{
    ApiError, Client, ConnectionLogBy, Invoice, InvoiceOrderBy, InvoicePagesQuery, OrderType,
    ReceivablesQuery,
};
use crate::i18n::{Lang, Msg, trf};

/// What a receivables read found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReceivablesFound {
    /// The invoices, at most the query's `limit`, in its order.
    pub invoices: Vec<Invoice>,
    /// The route they came from (`financeiro/fatura` or `financeiro`).
    pub route: &'static str,
    /// True when the server had more than `limit` invoices in the window.
    pub more: bool,
}

/// The receivables of `q`: page by page from `financeiro/fatura` until
/// `limit` invoices are read (one page of at most 500 when there is no
/// limit), or the one `financeiro` answer of a server without it. The
/// order `q` asks for is applied here, the same on both routes (the
/// paginated route takes no `order_by`).
pub async fn receivables(
    client: &Client,
    q: &ReceivablesQuery,
) -> Result<ReceivablesFound, ApiError> {
    // Bad parameters fail as they always did, on the 2020 route's rules.
    q.to_call()?;
    let limit = q.limit.map(|l| l as usize);
    let per_page = q
        .limit
        .unwrap_or(crate::api::MAX_PER_PAGE)
        .clamp(1, crate::api::MAX_PER_PAGE);
    let paged = InvoicePagesQuery {
        itens_por_pagina: per_page,
        search: q.search.clone(),
        tipo_data: q.tipo_data,
        tipo_resultado: q.tipo_resultado,
        data_inicio: q.data_inicio,
        data_fim: q.data_fim,
        apenas_quitado: q.apenas_quitado,
        apenas_em_aberto: None,
    };
    let mut feed = client.invoice_feed(&paged).await?;
    let route = feed.route();
    let mut invoices = Vec::new();
    let mut more = false;
    while let Some(page) = feed.next_page().await {
        invoices.extend(page?);
        if limit.is_none_or(|l| invoices.len() >= l) {
            // Whether anything is left, from what the server said (no
            // request just to know): a fuller page, or pages after it.
            let pages_left = match &feed {
                crate::api::InvoiceFeed::Paged { pager, pending } => {
                    pending.is_some() || !pager.is_done()
                }
                crate::api::InvoiceFeed::Fallback(_) => false,
            };
            more = limit.is_some_and(|l| invoices.len() > l) || pages_left;
            break;
        }
    }
    sort_invoices(&mut invoices, q.order_by, q.order_type);
    if let Some(l) = limit {
        invoices.truncate(l);
    }
    Ok(ReceivablesFound {
        invoices,
        route,
        more,
    })
}

/// Orders invoices by `by` (nothing when `None`); missing values last.
pub fn sort_invoices(list: &mut [Invoice], by: Option<InvoiceOrderBy>, order: Option<OrderType>) {
    let Some(by) = by else { return };
    let desc = order == Some(OrderType::Desc);
    let date = |d: &Option<crate::api::ApiDate>, br: &Option<crate::api::ApiDate>| {
        d.as_ref().or(br.as_ref()).and_then(|d| d.date())
    };
    list.sort_by(|a, b| {
        let ord = match by {
            InvoiceOrderBy::DueDate => cmp_some(
                date(&a.data_vencimento, &a.data_vencimento_br),
                date(&b.data_vencimento, &b.data_vencimento_br),
                desc,
            ),
            InvoiceOrderBy::PaymentDate => cmp_some(
                date(&a.data_pagamento, &a.data_pagamento_br),
                date(&b.data_pagamento, &b.data_pagamento_br),
                desc,
            ),
            InvoiceOrderBy::Amount => cmp_some(a.valor, b.valor, desc),
        };
        ord.then(a.id_fatura.cmp(&b.id_fatura))
    });
}

fn cmp_some<T: Ord>(a: Option<T>, b: Option<T>, desc: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) if desc => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// What a NOC engineer holding an address typed: the `extrato_conexao`
/// search it is, and the term as the server wants it. An IPv4 address, a
/// MAC (any of `:`, `-`, `.` or no separator; sent as `AA:BB:CC:DD:EE:FF`)
/// or an IPv6 address (the WAN one unless `lan`); anything else is `None`.
pub fn address_kind(term: &str, ipv6_lan: bool) -> Option<(ConnectionLogBy, String)> {
    let t = term.trim();
    if t.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some((ConnectionLogBy::Ipv4, t.to_owned()));
    }
    // An IPv6 prefix (`2804:…::/64`) names a LAN delegation.
    let (addr, prefix) = match t.split_once('/') {
        Some((a, p)) if p.parse::<u8>().is_ok_and(|p| p <= 128) => (a, true),
        Some(_) => return None,
        None => (t, false),
    };
    if addr.parse::<std::net::Ipv6Addr>().is_ok() {
        let by = if ipv6_lan || prefix {
            ConnectionLogBy::Ipv6Lan
        } else {
            ConnectionLogBy::Ipv6Wan
        };
        return Some((by, t.to_ascii_lowercase()));
    }
    let hex: String = t
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    let separators_ok = t.len() == 12 || t.len() == 14 || t.len() == 17;
    if hex.len() == 12 && separators_ok && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        let up = hex.to_ascii_uppercase();
        let mac = (0..6)
            .map(|i| &up[i * 2..i * 2 + 2])
            .collect::<Vec<_>>()
            .join(":");
        return Some((ConnectionLogBy::Mac, mac));
    }
    None
}

/// Who held the address of `q` (`extrato_conexao` by `ipv4`, `mac`,
/// `ipv6_wan` or `ipv6_lan`). A 2020 server knows `busca=login` only and
/// refuses the others with its "busca must be one of" message: that comes
/// back as [`ApiError::NotOffered`], so both front ends say this server
/// does not offer the search instead of showing a validation error.
pub async fn who_had(
    client: &Client,
    q: &crate::api::ConnectionLogQuery,
) -> Result<crate::api::ConnectionLog, ApiError> {
    match client.connection_log(q).await {
        Err(ApiError::Refused { msg, errors, .. })
            if q.by != ConnectionLogBy::Login
                && std::iter::once(&msg)
                    .chain(errors.iter())
                    .any(|m| m.contains("(busca)") || m.contains("busca inválida")) =>
        {
            Err(ApiError::NotOffered {
                route: search_route(q.by),
                status: 400,
            })
        }
        other => other,
    }
}

/// How a refused address search is named to the attendant.
fn search_route(by: ConnectionLogBy) -> &'static str {
    match by {
        ConnectionLogBy::Login => "cliente/extrato_conexao",
        ConnectionLogBy::Ipv4 => "cliente/extrato_conexao?busca=ipv4",
        ConnectionLogBy::Mac => "cliente/extrato_conexao?busca=mac",
        ConnectionLogBy::Ipv6Wan => "cliente/extrato_conexao?busca=ipv6_wan",
        ConnectionLogBy::Ipv6Lan => "cliente/extrato_conexao?busca=ipv6_lan",
    }
}

/// One page of `rede/cpe/todos` and where it is among the pages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CpePageRead {
    /// The page read (the server counts from 0).
    pub page: u32,
    /// Its CPEs (empty past the last page).
    pub cpes: Vec<crate::api::Cpe>,
    /// `ultima_pagina`, when the server sent it.
    pub last_page: Option<u32>,
    /// `total_registros`, when the server sent it.
    pub total: Option<u64>,
    /// Whether a next page may hold more.
    pub more: bool,
}

/// Reads page `page` (from 0) of `rede/cpe/todos`, `per_page` CPEs a page.
pub async fn cpe_page(client: &Client, per_page: u32, page: u32) -> Result<CpePageRead, ApiError> {
    let query = crate::api::CpeQuery {
        itens_por_pagina: per_page,
    };
    let mut pager = crate::api::Pager::resume(client.clone(), query, page);
    let cpes = pager.next_page().await.transpose()?.unwrap_or_default();
    Ok(CpePageRead {
        page,
        more: !pager.is_done(),
        cpes,
        last_page: pager.last_page(),
        total: pager.total_records(),
    })
}

/// What a CPE filter searches: the MAC or serial, and each subscriber's
/// name, document, plan and status.
pub fn cpe_texts(c: &crate::api::Cpe) -> Vec<&str> {
    let mut v: Vec<&str> = c.phy_addr.as_deref().into_iter().collect();
    for s in &c.servicos {
        v.extend(
            [
                s.nome_razaosocial.as_deref(),
                s.cpf_cnpj.as_deref(),
                s.servico.as_deref(),
                s.status.as_deref(),
            ]
            .into_iter()
            .flatten(),
        );
    }
    v
}

/// The first listed reading's received signal, `-19,5 dBm`, when there is one.
pub fn cpe_rx_text(c: &crate::api::Cpe) -> Option<String> {
    let rx = c
        .historico_parametros
        .iter()
        .filter_map(|r| r.parametros.as_ref()?.rx_signal)
        .next()?;
    Some(format!("{rx:.1} dBm").replace('.', ","))
}

/// "Page 3 of 12 · 1.180 in all" for a pager that read page `page` (from
/// 0); the parts the server did not send are left out.
pub fn page_text(lang: Lang, page: u32, last_page: Option<u32>, total: Option<u64>) -> String {
    let shown = u64::from(page) + 1;
    let mut text = match last_page {
        Some(last) => trf(
            lang,
            Msg::PagesPageOf,
            &[("page", &shown), ("pages", &(u64::from(last) + 1))],
        ),
        None => trf(lang, Msg::PagesPage, &[("page", &shown)]),
    };
    if let Some(t) = total {
        text.push_str(" · ");
        text.push_str(&trf(lang, Msg::PagesTotal, &[("total", &t)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_apart() {
        assert_eq!(
            address_kind(" 100.64.3.7 ", false),
            Some((ConnectionLogBy::Ipv4, "100.64.3.7".into()))
        );
        for mac in [
            "aa:bb:cc:00:11:22",
            "AA-BB-CC-00-11-22",
            "aabb.cc00.1122",
            "aabbcc001122",
        ] {
            assert_eq!(
                address_kind(mac, false),
                Some((ConnectionLogBy::Mac, "AA:BB:CC:00:11:22".into())),
                "{mac}"
            );
        }
        assert_eq!(
            address_kind("2804:14C::1", false),
            Some((ConnectionLogBy::Ipv6Wan, "2804:14c::1".into()))
        );
        assert_eq!(
            address_kind("2804:14c::1", true).map(|k| k.0),
            Some(ConnectionLogBy::Ipv6Lan)
        );
        assert_eq!(
            address_kind("2804:14c:100::/56", false).map(|k| k.0),
            Some(ConnectionLogBy::Ipv6Lan)
        );
        for bad in [
            "",
            "joao.silva",
            "300.1.1.1",
            "aabbcc00112",
            "aa:bb:cc:00:11:2g",
            "::/200",
        ] {
            assert_eq!(address_kind(bad, false), None, "{bad}");
        }
    }

    fn inv(id: u64, due: &str, valor: i64) -> Invoice {
        Invoice {
            id_fatura: Some(id),
            data_vencimento: crate::api::ApiDate::parse(due),
            valor: Some(valor.into()),
            ..Invoice::default()
        }
    }

    #[test]
    fn invoices_sort_the_same_on_both_routes() {
        let mut l = vec![
            inv(1, "2024-03-10", 50),
            inv(2, "2024-03-01", 90),
            inv(3, "2024-03-05", 10),
        ];
        sort_invoices(&mut l, Some(InvoiceOrderBy::DueDate), Some(OrderType::Asc));
        assert_eq!(
            l.iter().map(|i| i.id_fatura.unwrap()).collect::<Vec<_>>(),
            [2, 3, 1]
        );
        sort_invoices(&mut l, Some(InvoiceOrderBy::Amount), Some(OrderType::Desc));
        assert_eq!(
            l.iter().map(|i| i.id_fatura.unwrap()).collect::<Vec<_>>(),
            [2, 1, 3]
        );
        sort_invoices(&mut l, None, None);
        assert_eq!(
            l.iter().map(|i| i.id_fatura.unwrap()).collect::<Vec<_>>(),
            [2, 1, 3]
        );
    }
}
