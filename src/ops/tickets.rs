//! The ticket requests both front ends send.
//!
//! In `PUT /atendimento/{id}` the `descricao` key is the ticket's *opening*
//! description: what the customer reported (documentation §3.2, and the
//! "Editar" example of HubSoft's collection). Sending a closing text there
//! overwrites the customer's words, so a close puts its text in
//! `parametros.texto_fechamento` and never sends `descricao`. On open, the
//! description is sent exactly as typed; who opened the ticket goes in
//! `parametros` (see [`super::identity`]).

use serde_json::json;

use crate::api::ticket_extras::{OrderParams, TicketOpening};
use crate::api::{NewTicket, TicketUpdate};

use super::identity;

/// What an attendant fills in to open a ticket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TicketDraft {
    /// `id_cliente_servico`.
    pub service_id: u64,
    /// What the customer reports, sent verbatim.
    pub description: String,
    /// Who asked (`nome`).
    pub requester: String,
    /// The requester's phone, digits.
    pub phone: String,
    /// The requester's e-mail.
    pub email: Option<String>,
    /// Also open a service order.
    pub open_order: bool,
}

/// `POST /atendimento` for `draft`, sent by `attendant` (from extension
/// `ramal`, if any).
pub fn open(draft: &TicketDraft, attendant: Option<&str>, ramal: Option<&str>) -> NewTicket {
    NewTicket {
        id_cliente_servico: draft.service_id,
        descricao: draft.description.trim().to_owned(),
        nome: draft.requester.trim().to_owned(),
        telefone: draft.phone.clone(),
        email: draft
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned),
        abrir_os: Some(draft.open_order),
        parametros: identity::parametros(attendant, ramal),
    }
}

/// `ticket` with the ticket type (`id_tipo_atendimento`; none: HubSoft's
/// default, SAC) and, when it opens a service order, the order's
/// parameters (dropped when it does not, or when all are empty: HubSoft's
/// defaults then). A 2020 server ignores both fields and opens a SAC ticket
/// with a default order, as it always did.
pub fn opening(
    ticket: NewTicket,
    ticket_type: Option<u64>,
    order: Option<OrderParams>,
) -> TicketOpening {
    let order = order
        .filter(|_| ticket.abrir_os == Some(true))
        .filter(|o| *o != OrderParams::default());
    TicketOpening {
        ticket,
        id_tipo_atendimento: ticket_type,
        ordem_servico: order,
    }
}

/// The line that separates an appended text from the description before
/// it: when (`when`, already formatted dd/mm/aaaa hh:mm) and who.
pub fn append_separator(when: &str, attendant: &str) -> String {
    format!("--- {when} · {attendant} (hubdesk) ---")
}

/// `PUT /atendimento/{id}` adding `text` to the end of the ticket's
/// description `original`, under a dated, signed separator. HubSoft has
/// no route to add a message to a ticket; the description is the only
/// place, and the customer's words in it are kept byte for byte: the new
/// description starts with `original`, untouched.
pub fn append(
    ticket_id: u64,
    original: &str,
    text: &str,
    when: &str,
    attendant: Option<&str>,
    ramal: Option<&str>,
) -> TicketUpdate {
    let who = identity::attendant(attendant).unwrap_or_else(|| "hubdesk".to_owned());
    let separator = append_separator(when, &crate::sanitize::clean_line(&who));
    let mut descricao = String::with_capacity(original.len() + text.len() + 64);
    descricao.push_str(original);
    if !original.is_empty() {
        descricao.push_str("\n\n");
    }
    descricao.push_str(&separator);
    descricao.push('\n');
    descricao.push_str(text.trim());
    TicketUpdate {
        id_atendimento: ticket_id,
        descricao: Some(descricao),
        fechar_atendimento: false,
        parametros: identity::parametros(attendant, ramal),
    }
}

/// `PUT /atendimento/{id}` closing the ticket (and its service orders) with
/// `closing_text` in `parametros.texto_fechamento`; the opening
/// description is left as the customer gave it.
pub fn close(
    ticket_id: u64,
    closing_text: Option<&str>,
    attendant: Option<&str>,
    ramal: Option<&str>,
) -> TicketUpdate {
    let mut parametros = identity::parametros(attendant, ramal);
    if let Some(text) = closing_text.map(str::trim).filter(|t| !t.is_empty()) {
        parametros.insert("texto_fechamento".into(), json!(text));
    }
    TicketUpdate {
        id_atendimento: ticket_id,
        descricao: None,
        fechar_atendimento: true,
        parametros,
    }
}

/// `PUT /atendimento/{id}` replacing the opening description with
/// `description`: an explicit correction by the attendant, the only
/// request that ever sends `descricao` on an existing ticket.
pub fn edit_description(
    ticket_id: u64,
    description: &str,
    attendant: Option<&str>,
    ramal: Option<&str>,
) -> TicketUpdate {
    TicketUpdate {
        id_atendimento: ticket_id,
        descricao: Some(description.trim().to_owned()),
        fechar_atendimento: false,
        parametros: identity::parametros(attendant, ramal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn closing_never_sends_the_opening_description() {
        let u = close(7, Some("Trocado o conector"), Some("ana"), None);
        let body = u.to_call().unwrap().body.unwrap();
        assert!(body.get("descricao").is_none(), "{body}");
        assert_eq!(body["fechar_atendimento"], json!(true));
        assert_eq!(
            body["parametros"]["texto_fechamento"],
            json!("Trocado o conector")
        );
        assert_eq!(body["parametros"]["atendente"], json!("ana"));
        let bare = close(7, None, None, None).to_call().unwrap().body.unwrap();
        assert!(bare.get("descricao").is_none());
        assert!(bare["parametros"].get("texto_fechamento").is_none());
    }

    #[test]
    fn opening_keeps_the_customer_text_verbatim() {
        let draft = TicketDraft {
            service_id: 11,
            description: "  Sem sinal desde ontem  ".into(),
            requester: "Ana".into(),
            phone: "37999112233".into(),
            email: Some(" ".into()),
            open_order: true,
        };
        let t = open(&draft, Some("maria"), Some("2001"));
        assert_eq!(t.descricao, "Sem sinal desde ontem");
        assert_eq!(t.email, None);
        assert_eq!(t.abrir_os, Some(true));
        assert_eq!(
            Value::Object(t.parametros),
            json!({"atendente": "maria", "origem": "hubdesk", "ramal": "2001"})
        );
    }

    #[test]
    fn appending_keeps_the_customer_text_byte_for_byte() {
        // Spaces, a trailing newline, accents and a tab: all kept.
        let original = "  Cliente relata: sem sinal\tdesde ontem à noite.\n";
        let u = append(
            9,
            original,
            "  Pedi para reiniciar a ONU ",
            "04/12/2026 10:15",
            Some("ana"),
            None,
        );
        let sent = u.descricao.as_deref().unwrap();
        assert!(sent.as_bytes().starts_with(original.as_bytes()), "{sent:?}");
        assert_eq!(
            &sent[original.len()..],
            "\n\n--- 04/12/2026 10:15 · ana (hubdesk) ---\nPedi para reiniciar a ONU"
        );
        assert!(!u.fechar_atendimento);
        assert_eq!(u.parametros["atendente"], json!("ana"));
        // Through the client's body too.
        let body = u.to_call().unwrap().body.unwrap();
        assert!(body["descricao"].as_str().unwrap().starts_with(original));
        // An empty description gets no blank lines before the separator.
        let bare = append(9, "", "x", "04/12/2026 10:15", Some("ana"), None);
        assert!(bare.descricao.unwrap().starts_with("--- 04/12/2026"));
    }

    #[test]
    fn order_parameters_go_only_with_an_order() {
        let draft = TicketDraft {
            service_id: 11,
            description: "x".into(),
            requester: "Ana".into(),
            phone: "37999112233".into(),
            email: None,
            open_order: false,
        };
        let params = OrderParams {
            id_tipo_ordem_servico: Some(2),
            status: None,
            ids_tecnicos: vec![],
        };
        let o = opening(open(&draft, None, None), Some(125), Some(params.clone()));
        assert_eq!(o.id_tipo_atendimento, Some(125));
        assert_eq!(o.ordem_servico, None);
        assert!(o.to_call().is_ok());
        let with = TicketDraft {
            open_order: true,
            ..draft
        };
        let o = opening(open(&with, None, None), None, Some(params.clone()));
        assert_eq!(o.ordem_servico, Some(params));
        let o = opening(open(&with, None, None), None, Some(OrderParams::default()));
        assert_eq!(o.ordem_servico, None);
    }

    #[test]
    fn only_an_edit_sends_descricao() {
        let u = edit_description(3, " Corrigido ", None, None);
        let body = u.to_call().unwrap().body.unwrap();
        assert_eq!(body["descricao"], json!("Corrigido"));
        assert_eq!(body["fechar_atendimento"], json!(false));
    }
}
