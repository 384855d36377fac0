//! Canned texts: named ticket texts with placeholders, filled from what is
//! known about the customer, the service, the ticket and the attendant.
//!
//! One function fills a text for both front ends ([`fill`]): the console's
//! `Ctrl-T` in the ticket forms and the CLI's `ticket open|close
//! --template NAME`. The texts come from the config's top-level
//! `[templates]` table ([`load`]); a config without one gets the built-in
//! pt-BR texts ([`DEFAULTS`], the same as in `hubdesk config example`).
//!
//! # Syntax
//!
//! A placeholder is a name between braces: `{cliente}`, `{codigo}`,
//! `{servico}`, `{login}`, `{protocolo}`, `{atendente}`, `{data}`
//! ([`Placeholder`]). Braces are for placeholders only: any other name
//! between them, or a `{` never closed, is a config error
//! ([`TemplateError`]), reported by `hubdesk config check` with the
//! template's name; such a template is left out of the list (and said at
//! start), it never sends half a text. A `}` alone is plain text.
//!
//! # Unknown values
//!
//! A value that is not known when the text is filled (`{protocolo}` while
//! a ticket is being opened; `{cliente}` for a `ticket close` given only a
//! ticket's id) is left in the text as written, `{protocolo}`, and listed
//! in [`Filled::missing`]. It is never sent that way: the console refuses
//! to submit the field while such a placeholder is still in it
//! ([`unfilled`]), telling the attendant to replace it, and the CLI
//! refuses the command (exit 2) naming it.
//!
//! # Sanitizing
//!
//! Values are server data: control characters and escape sequences are
//! made inert ([`crate::sanitize::clean_line`]), line breaks become
//! spaces, and braces become parentheses so a name can never pose as a
//! placeholder. The whole text is one line (the console's fields are
//! single-line, and both front ends must send the same words).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::api::{Customer, CustomerService};
use crate::i18n::{Lang, Msg, trf};

/// A placeholder of a canned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    /// `{cliente}`: the customer's name (fantasy name first, as shown).
    Cliente,
    /// `{codigo}`: the customer code.
    Codigo,
    /// `{servico}`: the service's plan name.
    Servico,
    /// `{login}`: the service's PPPoE/RADIUS login.
    Login,
    /// `{protocolo}`: the ticket's protocol.
    Protocolo,
    /// `{atendente}`: the attendant (the profile's `attendant`, else the
    /// system account, as recorded in the ticket's `parametros`).
    Atendente,
    /// `{data}`: today, `dd/mm/aaaa` (São Paulo).
    Data,
}

impl Placeholder {
    /// Every placeholder, in the order the docs list them.
    pub const ALL: [Placeholder; 7] = [
        Placeholder::Cliente,
        Placeholder::Codigo,
        Placeholder::Servico,
        Placeholder::Login,
        Placeholder::Protocolo,
        Placeholder::Atendente,
        Placeholder::Data,
    ];

    /// The name between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Cliente => "cliente",
            Placeholder::Codigo => "codigo",
            Placeholder::Servico => "servico",
            Placeholder::Login => "login",
            Placeholder::Protocolo => "protocolo",
            Placeholder::Atendente => "atendente",
            Placeholder::Data => "data",
        }
    }

    /// The placeholder written `{name}`.
    pub fn from_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.name() == name)
    }

    /// As written in a text: `{name}`.
    pub fn written(self) -> String {
        format!("{{{}}}", self.name())
    }
}

/// What is known when a text is filled; `None` (or blank) is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The customer's name.
    pub cliente: Option<String>,
    /// The customer code.
    pub codigo: Option<String>,
    /// The service's plan name.
    pub servico: Option<String>,
    /// The service's login.
    pub login: Option<String>,
    /// The ticket's protocol (unknown while opening one).
    pub protocolo: Option<String>,
    /// The attendant.
    pub atendente: Option<String>,
    /// Today.
    pub data: Option<NaiveDate>,
}

impl Context {
    /// The customer's and the service's part, from their records as the
    /// server sent them: the same fields the console shows in a form's
    /// subtitle (the display name, the code, the plan, the login).
    pub fn of_service(customer: &Customer, service: Option<&CustomerService>) -> Context {
        Context {
            cliente: customer.display_name().map(str::to_owned),
            codigo: customer.codigo_cliente.map(|c| c.to_string()),
            servico: service.and_then(|s| s.nome.as_deref().map(str::to_owned)),
            login: service.and_then(|s| s.login.as_deref().map(str::to_owned)),
            ..Context::default()
        }
    }

    /// The value of `p`, cleaned; `None` when unknown or blank.
    pub fn value(&self, p: Placeholder) -> Option<String> {
        let raw = match p {
            Placeholder::Cliente => self.cliente.clone(),
            Placeholder::Codigo => self.codigo.clone(),
            Placeholder::Servico => self.servico.clone(),
            Placeholder::Login => self.login.clone(),
            Placeholder::Protocolo => self.protocolo.clone(),
            Placeholder::Atendente => self.atendente.clone(),
            Placeholder::Data => self.data.map(crate::br::dates::format_date),
        }?;
        let clean = clean_value(&raw);
        (!clean.is_empty()).then_some(clean)
    }
}

/// Server data made safe to place in a text: inert controls, one line,
/// no braces, trimmed.
fn clean_value(raw: &str) -> String {
    crate::sanitize::clean_line(raw)
        .replace('{', "(")
        .replace('}', ")")
        .trim()
        .to_owned()
}

/// A named canned text, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Its name (the TOML key), shown in the list.
    pub name: String,
    /// Its text, placeholders unfilled.
    pub text: String,
}

/// What is wrong with a configured text, or with a name asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A name between braces that is no placeholder.
    UnknownPlaceholder {
        /// The template's name.
        template: String,
        /// What was written between the braces (cleaned, shortened).
        placeholder: String,
    },
    /// A `{` without its `}`.
    Unclosed {
        /// The template's name.
        template: String,
    },
    /// A blank text or a blank name.
    Empty {
        /// The template's name.
        template: String,
    },
    /// `--template NAME` names no template.
    NotFound {
        /// The name asked for.
        name: String,
        /// The names there are.
        names: Vec<String>,
    },
}

impl TemplateError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TemplateError::UnknownPlaceholder {
                template,
                placeholder,
            } => trf(
                lang,
                Msg::TplUnknownPlaceholder,
                &[
                    ("name", template),
                    ("placeholder", &format!("{{{placeholder}}}")),
                    ("known", &known_list()),
                ],
            ),
            TemplateError::Unclosed { template } => {
                trf(lang, Msg::TplUnclosed, &[("name", template)])
            }
            TemplateError::Empty { template } => trf(lang, Msg::TplEmpty, &[("name", template)]),
            TemplateError::NotFound { name, names } => trf(
                lang,
                Msg::TplNotFound,
                &[("name", name), ("names", &names.join(", "))],
            ),
        }
    }
}

/// `{cliente}, {codigo}, …`: the placeholders there are.
fn known_list() -> String {
    Placeholder::ALL
        .iter()
        .map(|p| p.written())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The built-in texts, used when the config has no `[templates]`. In
/// pt-BR whatever the interface language: they are written into HubSoft,
/// where the ISP's staff reads them in Portuguese.
pub const DEFAULTS: &[(&str, &str)] = &[
    (
        "sem conexão",
        "Cliente {cliente} (código {codigo}) relata estar sem conexão no serviço {servico}, \
         login {login}. Verificados o sinal e a autenticação; orientado a reiniciar a ONU e o \
         roteador. Atendido por {atendente} em {data}.",
    ),
    (
        "lentidão",
        "Cliente {cliente} (código {codigo}) relata lentidão no serviço {servico}, login \
         {login}. Orientado a testar a velocidade pelo cabo, com os demais aparelhos \
         desconectados, e a retornar com o resultado. Atendido por {atendente} em {data}.",
    ),
    (
        "troca de equipamento",
        "Solicitada a troca do equipamento do cliente {cliente} (código {codigo}), serviço \
         {servico}, login {login}, por defeito. Agendar visita técnica; após a troca, \
         atualizar o MAC do serviço. Registrado por {atendente} em {data}.",
    ),
    (
        "segunda via",
        "Cliente {cliente} (código {codigo}) solicitou a segunda via da fatura; enviada por \
         e-mail e SMS aos contatos cadastrados. Atendido por {atendente} em {data}.",
    ),
];

/// The built-in texts ([`DEFAULTS`]).
pub fn defaults() -> Vec<Template> {
    DEFAULTS
        .iter()
        .map(|(name, text)| Template {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// The texts a run offers: the configured ones that are sound, or the
/// built-in ones when the config defines none; and every problem found
/// (each template's, in name order), for the start-up warnings and
/// `config check`. A broken text is left out, never offered half-right.
pub fn load(configured: &BTreeMap<String, String>) -> (Vec<Template>, Vec<TemplateError>) {
    if configured.is_empty() {
        return (defaults(), Vec::new());
    }
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in configured {
        let problems = check(name, text);
        if problems.is_empty() {
            ok.push(Template {
                name: name.trim().to_owned(),
                text: text.clone(),
            });
        } else {
            errors.extend(problems);
        }
    }
    (ok, errors)
}

/// Every problem of the text `text` named `name` (empty: sound).
pub fn check(name: &str, text: &str) -> Vec<TemplateError> {
    let template = crate::sanitize::clean_line(name).trim().to_owned();
    if template.is_empty() || text.trim().is_empty() {
        return vec![TemplateError::Empty { template }];
    }
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Bad(placeholder) => Some(TemplateError::UnknownPlaceholder {
                template: template.clone(),
                placeholder,
            }),
            Piece::Unclosed => Some(TemplateError::Unclosed {
                template: template.clone(),
            }),
            Piece::Text(_) | Piece::Slot(_) => None,
        })
        .collect()
}

/// The template called `name`: the same name, else the same name with
/// accents and case aside (`--template "sem conexao"` finds "sem
/// conexão").
pub fn find<'a>(templates: &'a [Template], name: &str) -> Result<&'a Template, TemplateError> {
    let wanted = name.trim();
    let folded = crate::text::fold(wanted);
    templates
        .iter()
        .find(|t| t.name == wanted)
        .or_else(|| {
            templates
                .iter()
                .find(|t| crate::text::fold(&t.name) == folded)
        })
        .ok_or_else(|| TemplateError::NotFound {
            name: crate::sanitize::clean_line(wanted).into_owned(),
            names: templates.iter().map(|t| t.name.clone()).collect(),
        })
}

/// A filled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The text, one line; an unknown value's placeholder is left as
    /// written.
    pub text: String,
    /// The placeholders whose value was unknown, in order, once each.
    pub missing: Vec<Placeholder>,
}

/// Fills `template` from `ctx`: the one filling of the console and the
/// CLI. A value that is unknown leaves its placeholder in the text and in
/// [`Filled::missing`]. Broken placeholders (which [`load`] never lets
/// through) are kept as written.
pub fn fill(template: &Template, ctx: &Context) -> Filled {
    let mut text = String::with_capacity(template.text.len() + 64);
    let mut missing: Vec<Placeholder> = Vec::new();
    for piece in pieces(&template.text) {
        match piece {
            Piece::Text(t) => text.push_str(&crate::sanitize::clean_line(&t)),
            Piece::Slot(p) => match ctx.value(p) {
                Some(v) => text.push_str(&v),
                None => {
                    text.push_str(&p.written());
                    if !missing.contains(&p) {
                        missing.push(p);
                    }
                }
            },
            Piece::Bad(inner) => {
                text.push('{');
                text.push_str(&crate::sanitize::clean_line(&inner));
                text.push('}');
            }
            Piece::Unclosed => text.push('{'),
        }
    }
    Filled {
        text: text.trim().to_owned(),
        missing,
    }
}

/// The placeholders still written in `text` (once each, in order): what
/// must be replaced before a text that came from a template is sent.
pub fn unfilled(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        if let Piece::Slot(p) = piece
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    out
}

/// `{protocolo}, {cliente}`: placeholders as a list for a message.
pub fn written_list(list: &[Placeholder]) -> String {
    list.iter()
        .map(|p| p.written())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text cut at its braces.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Plain text.
    Text(String),
    /// A placeholder.
    Slot(Placeholder),
    /// Braces around something that is no placeholder (shortened).
    Bad(String),
    /// A `{` never closed (the rest of the text follows as text).
    Unclosed,
}

/// The longest unknown name quoted back in a message.
const QUOTED: usize = 30;

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let inner = &after[..close];
                out.push(match Placeholder::from_name(inner) {
                    Some(p) => Piece::Slot(p),
                    None => Piece::Bad(
                        crate::text::truncate(&crate::sanitize::clean_line(inner), QUOTED)
                            .into_owned(),
                    ),
                });
                rest = &after[close + 1..];
            }
            None => {
                out.push(Piece::Unclosed);
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests;
