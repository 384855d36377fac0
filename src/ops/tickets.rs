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
    fn only_an_edit_sends_descricao() {
        let u = edit_description(3, " Corrigido ", None, None);
        let body = u.to_call().unwrap().body.unwrap();
        assert_eq!(body["descricao"], json!("Corrigido"));
        assert_eq!(body["fechar_atendimento"], json!(false));
    }
}
