//! What the result views show after an action succeeded, read from the
//! server's answer (never parsed out of its `msg`).

use crate::api::envelope::ActionResponse;
use crate::api::invoices::SendJobResponse;
use crate::api::tickets::TicketResponse;

use super::forms::Channel;

/// A ticket just opened: its protocol (shown large and copyable) and the
/// service orders opened with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketOpened {
    /// `atendimento.protocolo`, as text (20 digits on current servers).
    pub protocol: Option<String>,
    /// `atendimento.id_atendimento`, for a later edit.
    pub ticket_id: Option<u64>,
    /// Numbers (or ids) of the service orders opened with `abrir_os`.
    pub service_orders: Vec<String>,
    /// The server's `msg`, verbatim.
    pub message: Option<String>,
}

impl TicketOpened {
    /// Reads the answer of `POST /atendimento`.
    pub fn from_response(r: &TicketResponse) -> TicketOpened {
        let ticket = r.atendimento.as_ref();
        TicketOpened {
            protocol: r.protocol().map(str::to_owned),
            ticket_id: r.ticket_id(),
            service_orders: ticket
                .map(|t| {
                    t.service_orders()
                        .iter()
                        .filter_map(|o| {
                            o.numero_ordem_servico
                                .clone()
                                .or_else(|| o.id_ordem_servico.map(|id| id.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            message: r.msg.clone(),
        }
    }

    /// The text the copy key copies: the protocol.
    pub fn copy_text(&self) -> Option<&str> {
        self.protocol.as_deref()
    }
}

/// One recipient the server queued, with how many times it was listed
/// (HubSoft repeats an address once per contact that holds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedRecipient {
    /// The recipient's name, when sent.
    pub name: Option<String>,
    /// The e-mail address or phone.
    pub target: String,
    /// Times listed in the job.
    pub count: usize,
}

/// An invoice handed to the server's sending queue. Success here means
/// queued: the view must never say "delivered".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceQueued {
    /// The channel.
    pub channel: Channel,
    /// The invoice.
    pub invoice_id: u64,
    /// The recipients listed in the job (none for push, which reports none).
    pub recipients: Vec<QueuedRecipient>,
    /// The server's `msg`, verbatim.
    pub message: Option<String>,
}

impl InvoiceQueued {
    /// Reads the answer of `enviar_email` / `enviar_sms`.
    pub fn from_job(channel: Channel, invoice_id: u64, r: &SendJobResponse) -> InvoiceQueued {
        let mut recipients: Vec<QueuedRecipient> = Vec::new();
        if let Some(job) = &r.job {
            let listed = match channel {
                Channel::Sms => &job.telefones,
                _ => &job.emails,
            };
            for rec in listed {
                let Some(target) = rec.target().map(str::trim).filter(|t| !t.is_empty()) else {
                    continue;
                };
                match recipients.iter_mut().find(|q| q.target == target) {
                    Some(q) => q.count += 1,
                    None => recipients.push(QueuedRecipient {
                        name: rec.display_name().map(str::to_owned),
                        target: target.to_owned(),
                        count: 1,
                    }),
                }
            }
        }
        InvoiceQueued {
            channel,
            invoice_id,
            recipients,
            message: r.msg.clone(),
        }
    }

    /// Reads the answer of `enviar_push`, which lists no recipients.
    pub fn from_push(invoice_id: u64, r: &ActionResponse) -> InvoiceQueued {
        InvoiceQueued {
            channel: Channel::Push,
            invoice_id,
            recipients: Vec::new(),
            message: r.msg.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_opened_reads_protocol_and_orders_from_fields() {
        let r: TicketResponse = serde_json::from_value(serde_json::json!({
            "status": "success",
            "msg": "Atendimento 99999 aberto",
            "atendimento": {
                "id_atendimento": 812,
                "protocolo": 20250128085356853228u128.to_string(),
                "ordens_servico": [{"numero_ordem_servico": "2025000123"}, {"id_ordem_servico": 78}]
            }
        }))
        .unwrap();
        let t = TicketOpened::from_response(&r);
        assert_eq!(t.protocol.as_deref(), Some("20250128085356853228"));
        assert_eq!(t.copy_text(), Some("20250128085356853228"));
        assert_eq!(t.ticket_id, Some(812));
        assert_eq!(t.service_orders, ["2025000123", "78"]);
        assert_eq!(
            TicketOpened::from_response(&TicketResponse::default()).copy_text(),
            None,
            "never guessed from msg"
        );
    }

    #[test]
    fn queued_recipients_come_from_the_job_and_repeat_counts() {
        let r: SendJobResponse = serde_json::from_value(serde_json::json!({
            "status": "success",
            "msg": "o sistema fará o agendamento do disparo",
            "job": {
                "queue": "emails",
                "emails": [
                    {"email": "macielrsf@gmail.com", "nome": "Maciel", "name": "Maciel"},
                    {"email": "macielrsf@gmail.com", "nome": "Maciel", "name": "Maciel"},
                    {"email": "extra@x.com"},
                    {"email": "  "}
                ],
                "telefones": [{"telefone": "37999112233"}]
            }
        }))
        .unwrap();
        let q = InvoiceQueued::from_job(Channel::Email, 50949, &r);
        assert_eq!(
            q.recipients,
            [
                QueuedRecipient {
                    name: Some("Maciel".into()),
                    target: "macielrsf@gmail.com".into(),
                    count: 2
                },
                QueuedRecipient {
                    name: None,
                    target: "extra@x.com".into(),
                    count: 1
                },
            ]
        );
        let sms = InvoiceQueued::from_job(Channel::Sms, 50949, &r);
        assert_eq!(sms.recipients.len(), 1);
        assert_eq!(sms.recipients[0].target, "37999112233");
    }
}
