//! Output of the read commands: human tables in Brazilian formats, and JSON
//! records under HubSoft's own field names.
//!
//! A record's JSON is the serialization of the typed value hubdesk decoded
//! (see [`record_json`]): every field the console can show is in it, under
//! the key HubSoft used, and nothing the client does not model (the raw
//! body is never echoed). The PPPoE `senha` is not serializable at all.

use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use crate::api::{
    Address, ApiDate, City, ConnectionRecord, ConnectionStats, Cpe, Customer, CustomerService,
    Equipment, Invoice, LastConnection, Pop, Prospect, ProspectPlan, ServiceOrder, ServicePassword,
    ServiceZone, Speed, Ticket, Traffic,
};
use crate::br;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::mask;
use crate::sanitize;

mod json;
mod tables;
mod tools;

pub use json::*;
pub use tables::*;
pub use tools::*;

mod record;

pub use record::RecordWriter;
/// How values are shown: language and privacy mode.
#[derive(Clone, Copy, Debug)]
pub struct Fmt {
    /// Output language.
    pub lang: Lang,
    /// Privacy mode: personal data masked in tables and JSON alike.
    pub privacy: bool,
}

impl Fmt {
    /// Server text made safe for a terminal cell.
    pub fn text(&self, s: Option<&str>) -> String {
        s.map(|s| sanitize::clean_line(s).trim().to_owned())
            .unwrap_or_default()
    }

    /// A CPF/CNPJ: punctuated, or masked in privacy mode.
    pub fn doc(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::document(s),
            Some(s) => sanitize::clean_line(&br::doc::display(s)).into_owned(),
            None => String::new(),
        }
    }

    /// A phone: `(37) 99911-2233`, or masked.
    pub fn phone(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::phone(s),
            Some(s) => sanitize::clean_line(&br::phone::display(s)).into_owned(),
            None => String::new(),
        }
    }

    /// An e-mail, or masked.
    pub fn email(&self, s: Option<&str>) -> String {
        match s {
            Some(s) if self.privacy => mask::email(s),
            Some(s) => self.text(Some(s)),
            None => String::new(),
        }
    }

    /// `R$ 1.234,56`.
    pub fn money(&self, d: Option<Decimal>) -> String {
        d.map(br::money::format_brl).unwrap_or_default()
    }

    /// `dd/mm/aaaa` or `dd/mm/aaaa HH:MM`.
    pub fn date(&self, d: Option<&ApiDate>) -> String {
        d.map(|d| self.text(Some(&d.to_br()))).unwrap_or_default()
    }

    /// A yes/no flag in the output language.
    pub fn yes_no(&self, b: Option<bool>) -> String {
        match b {
            Some(true) => tr(self.lang, Msg::ConfirmYes).to_owned(),
            Some(false) => tr(self.lang, Msg::ConfirmNo).to_owned(),
            None => String::new(),
        }
    }

    /// A localized header.
    pub fn h(&self, m: Msg) -> String {
        tr(self.lang, m).to_owned()
    }

    /// A one-line address, street number masked in privacy mode.
    pub fn address(&self, a: Option<&Address>) -> String {
        let Some(a) = a else { return String::new() };
        let number = a.numero.as_deref().map(|n| {
            if self.privacy {
                mask::street_number(n)
            } else {
                self.text(Some(n))
            }
        });
        let street: Vec<String> = [a.logradouro.as_deref(), a.endereco.as_deref()]
            .into_iter()
            .flatten()
            .map(|s| self.text(Some(s)))
            .filter(|s| !s.is_empty())
            .collect();
        let mut parts = Vec::new();
        if !street.is_empty() {
            parts.push(street.join(" "));
        }
        if let Some(n) = number.filter(|n| !n.is_empty()) {
            parts.push(n);
        }
        for s in [a.bairro.as_deref(), a.cidade.as_deref(), a.state_code()]
            .into_iter()
            .flatten()
        {
            let s = self.text(Some(s));
            if !s.is_empty() {
                parts.push(s);
            }
        }
        if parts.is_empty() && !self.privacy {
            // Only the server's one-line form exists; it embeds the number,
            // so it is shown only outside privacy mode.
            return self.text(a.completo.as_deref());
        }
        parts.join(", ")
    }
}

/// Columns separated by spaces, one rule under the header: readable in a
/// terminal, in a pager and when pasted into a ticket.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

/// A table for human output: header row, light borders, no colours (the
/// output may go to a file). On a terminal it wraps to the terminal's width.
pub fn table(headers: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE);
    t.set_header(headers);
    if std::io::IsTerminal::is_terminal(&std::io::stdout())
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t
}

#[cfg(test)]
mod tests;
