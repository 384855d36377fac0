//! The copy key: what it offers for the focused item, and the report of a
//! finished copy.

use crate::audit::AuditEntry;
use crate::i18n::Msg as T;

use super::super::status::StatusKind;
use super::super::{App, Changed, CustomerView, Effect, Pane};
use super::{Overlay, needs};

/// One thing the copy key can copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyItem {
    /// The key that picks it in the chooser.
    pub key: char,
    /// What it is, for the menu and the status line.
    pub what: T,
    /// The text copied.
    pub text: String,
}

/// What the copy key offers for the focused item.
pub fn copy_items(view: &CustomerView) -> Vec<CopyItem> {
    let mut out: Vec<(char, T, Option<String>)> = Vec::new();
    match view.focus {
        Pane::Customer | Pane::Services => {
            let s = view.selected_service();
            out.push((
                'l',
                T::WhatLogin,
                s.and_then(|s| s.login.as_deref().map(str::to_owned)),
            ));
            let last_ip = s
                .and_then(|s| s.ultima_conexao.as_ref())
                .and_then(|lc| lc.ultimo_ipv4.clone());
            out.push(('i', T::WhatIp, last_ip));
            out.push((
                'm',
                T::WhatMac,
                s.and_then(|s| s.mac_addr.as_deref().map(str::to_owned)),
            ));
            out.push((
                'd',
                T::WhatDocument,
                view.customer.data.as_ref().and_then(|c| c.cpf_cnpj.clone()),
            ));
        }
        Pane::Invoices => {
            let i = view.selected_invoice();
            out.push((
                'l',
                T::WhatBoletoLine,
                i.and_then(|i| i.linha_digitavel.clone()),
            ));
            out.push(('b', T::WhatBarcode, i.and_then(|i| i.codigo_barras.clone())));
            out.push((
                'p',
                T::WhatPixCode,
                i.and_then(|i| i.pix().map(str::to_owned)),
            ));
            out.push(('k', T::WhatInvoiceLink, i.and_then(|i| i.link.clone())));
        }
        Pane::Tickets => {
            out.push((
                'p',
                T::WhatProtocol,
                view.selected_ticket().and_then(|t| t.protocolo.clone()),
            ));
        }
        Pane::Orders => {}
        Pane::Connections => {
            let r = view
                .connections
                .data
                .as_ref()
                .and_then(|c| c.registros.get(view.sel(Pane::Connections)));
            out.push(('i', T::WhatIp, r.and_then(|r| r.framedipaddress.clone())));
            out.push(('m', T::WhatMac, r.and_then(|r| r.callingstationid.clone())));
            out.push(('l', T::WhatLogin, r.and_then(|r| r.username.clone())));
        }
    }
    out.into_iter()
        .filter_map(|(key, what, text)| {
            let text = text?.trim().to_owned();
            (!text.is_empty()).then_some(CopyItem { key, what, text })
        })
        .collect()
}

pub(super) fn copy(app: &mut App, view: &CustomerView, fx: &mut Vec<Effect>) -> Changed {
    let mut items = copy_items(view);
    match items.len() {
        0 => needs(app, T::CopyNothing),
        1 => {
            let item = items.remove(0);
            fx.push(Effect::Copy {
                what: item.what,
                text: item.text,
            });
            Changed::No
        }
        _ => {
            app.overlay = Some(Overlay::CopyMenu { items });
            Changed::Yes
        }
    }
}

/// A copy finished: the status line says where the text went (never a
/// "copied" it cannot know) and shows it, so the attendant can read it out
/// if the paste fails; it stays until another message replaces it.
pub(in crate::app) fn on_copied(app: &mut App, report: crate::clipboard::CopyReport) -> Changed {
    let kind = if report.is_ok() {
        StatusKind::Ok
    } else {
        StatusKind::Error
    };
    app.set_result(kind, report.status_text(app.lang()));
    Changed::Yes
}

/// The audit entries arrived.
pub(in crate::app) fn on_audit(app: &mut App, result: Result<Vec<AuditEntry>, String>) -> Changed {
    if let Some(Overlay::Audit { entries, .. }) = app.overlay.as_mut() {
        *entries = Some(result);
        return Changed::Yes;
    }
    Changed::No
}
