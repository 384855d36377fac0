//! Opening a ticket (`POST /atendimento`) and editing or closing one
//! (`PUT /atendimento/{id}`).

use super::*;

/// `POST /atendimento`: description, requester, phone, e-mail, and
/// whether to open a service order too.
#[derive(Debug, Clone)]
pub struct TicketForm {
    form: Form,
}

impl TicketForm {
    /// Switches "also open a service order" on or off.
    pub fn set_open_order(&mut self, on: bool) {
        self.form.field_mut(FieldId::OpenOrder).control = Control::Switch(on);
        self.refresh();
    }

    /// A form prefilled with the customer's name, phone (normalised to
    /// `DDNNNNNNNNN`) and e-mail, as the server sent them.
    pub fn new(customer_name: &str, phone: Option<&str>, email: Option<&str>) -> TicketForm {
        let name = crate::sanitize::clean_line(customer_name);
        let phone = phone.map(phone::normalize).unwrap_or_default();
        let email = email.map(str::trim).unwrap_or_default();
        let mut f = TicketForm {
            form: Form::new(
                ActionKind::OpenTicket,
                vec![
                    Field::text(FieldId::Description, Msg::FormDescription, "").with_canned(),
                    Field::text(FieldId::Requester, Msg::FormRequester, name.trim()),
                    Field::text(FieldId::Phone, Msg::FormPhone, &phone)
                        .with_hint(Msg::FormPhoneHint),
                    Field::text(FieldId::Email, Msg::FormEmailOptional, email),
                    Field::switch(FieldId::OpenOrder, Msg::FormOpenOrder, false)
                        .with_hint(Msg::FormOpenOrderHint),
                    // HubSoft lists no ticket or order types through its
                    // API: their ids, as the ISP's panel shows them.
                    Field::text(FieldId::TicketType, Msg::FormTicketType, ""),
                    Field::text(FieldId::OrderType, Msg::FormOrderType, ""),
                    Field::text(FieldId::OrderStatus, Msg::FormOrderStatus, "")
                        .with_hint(Msg::FormOrderStatusHint),
                    Field::text(FieldId::OrderTechs, Msg::FormOrderTechs, ""),
                ],
            ),
        };
        f.refresh();
        f
    }

    /// The request, or the errors at their fields. The description is sent
    /// as typed; the attendant (and extension) go in `parametros`, built by
    /// [`crate::ops::tickets::open`] exactly as the command line does.
    pub fn to_request(
        &self,
        service_id: u64,
        attendant: Option<&str>,
        ramal: Option<&str>,
    ) -> Result<TicketOpening, FormErrors> {
        let f = &self.form;
        let mut errors = FormErrors::default();
        let ticket_type = optional_id(
            &mut errors,
            FieldId::TicketType,
            f.value(FieldId::TicketType),
        );
        let open_order = f.switch(FieldId::OpenOrder);
        let order = if open_order {
            let kind = optional_id(&mut errors, FieldId::OrderType, f.value(FieldId::OrderType));
            let techs = id_list(
                &mut errors,
                FieldId::OrderTechs,
                f.value(FieldId::OrderTechs),
            );
            let status = f.value(FieldId::OrderStatus).trim();
            Some(OrderParams {
                id_tipo_ordem_servico: kind,
                status: (!status.is_empty()).then(|| status.to_owned()),
                ids_tecnicos: techs,
            })
        } else {
            None
        };
        required(
            &mut errors,
            FieldId::Description,
            f.value(FieldId::Description),
        );
        required(&mut errors, FieldId::Requester, f.value(FieldId::Requester));
        let phone = check_phone(&mut errors, FieldId::Phone, f.value(FieldId::Phone));
        let email = check_optional_email(&mut errors, FieldId::Email, f.value(FieldId::Email));
        errors.into_result(|| {
            let draft = crate::ops::tickets::TicketDraft {
                service_id,
                description: f.value(FieldId::Description).to_owned(),
                requester: f.value(FieldId::Requester).to_owned(),
                phone: phone.unwrap_or_default(),
                email,
                open_order,
            };
            crate::ops::tickets::opening(
                crate::ops::tickets::open(&draft, attendant, ramal),
                ticket_type,
                order,
            )
        })
    }
}

impl ActionForm for TicketForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        // The service id and attendant do not affect field validity.
        self.to_request(1, None, None).map(|_| ())
    }
    fn refresh(&mut self) {
        let order = self.form.switch(FieldId::OpenOrder);
        for id in [
            FieldId::OrderType,
            FieldId::OrderStatus,
            FieldId::OrderTechs,
        ] {
            self.form.field_mut(id).hidden = !order;
        }
    }
}

/// An optional positive id typed in a field (empty: none).
fn optional_id(errors: &mut FormErrors, id: FieldId, value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<u64>() {
        Ok(n) if n > 0 && v.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => {
            errors.push(id, FieldMessage::new(Msg::FormIdInvalid));
            None
        }
    }
}

/// Ids separated by commas, spaces or semicolons.
fn id_list(errors: &mut FormErrors, id: FieldId, value: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for part in value
        .split([',', ';', ' '])
        .filter(|p| !p.trim().is_empty())
    {
        match optional_id(errors, id, part) {
            Some(n) => out.push(n),
            None => return Vec::new(),
        }
    }
    out
}

/// Appending to a ticket's description (HubSoft has no route to add a
/// message to a ticket): the attendant's text only; the description it
/// goes after is the one read from the server, sent back untouched
/// ([`crate::ops::tickets::append`]).
#[derive(Debug, Clone)]
pub struct TicketAppendForm {
    form: Form,
    ticket_id: u64,
    original: String,
}

impl TicketAppendForm {
    /// A form for ticket `ticket_id` whose description, as the server
    /// sent it, is `original`.
    pub fn new(ticket_id: u64, original: &str) -> TicketAppendForm {
        TicketAppendForm {
            form: Form::new(
                ActionKind::AppendTicket,
                vec![
                    Field::text(FieldId::AppendText, Msg::FormAppendText, "")
                        .with_hint(Msg::FormAppendHint),
                ],
            ),
            ticket_id,
            original: original.to_owned(),
        }
    }

    /// The ticket's id.
    pub fn ticket_id(&self) -> u64 {
        self.ticket_id
    }

    /// The text typed.
    pub fn text(&self) -> &str {
        self.form.value(FieldId::AppendText)
    }

    /// The request: `original`, then the separator dated `when` and
    /// signed, then the text.
    pub fn to_request(
        &self,
        when: &str,
        attendant: Option<&str>,
        ramal: Option<&str>,
    ) -> Result<TicketUpdate, FormErrors> {
        let mut errors = FormErrors::default();
        required(&mut errors, FieldId::AppendText, self.text());
        errors.into_result(|| {
            crate::ops::tickets::append(
                self.ticket_id,
                &self.original,
                self.text(),
                when,
                attendant,
                ramal,
            )
        })
    }
}

impl ActionForm for TicketAppendForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request("", None, None).map(|_| ())
    }
}

/// `PUT /atendimento/{id}`: change the description, or close the ticket
/// with a closing text.
#[derive(Debug, Clone)]
pub struct TicketUpdateForm {
    form: Form,
    ticket_id: u64,
    original: String,
}

impl TicketUpdateForm {
    /// A form for ticket `ticket_id` whose description is `description`;
    /// `close` preselects closing. The description is flattened to one
    /// line (the field is single-line); it is sent only if changed.
    pub fn new(ticket_id: u64, description: &str, close: bool) -> TicketUpdateForm {
        let original = crate::sanitize::clean_line(description).trim().to_owned();
        let mut f = TicketUpdateForm {
            form: Form::new(
                ActionKind::EditTicket,
                vec![
                    Field::switch(FieldId::CloseTicket, Msg::FormCloseTicket, close),
                    Field::text(FieldId::Description, Msg::FormDescription, &original)
                        .with_canned(),
                    Field::text(FieldId::ClosingText, Msg::FormClosingText, "")
                        .with_hint(Msg::FormClosingHint)
                        .with_canned(),
                ],
            ),
            ticket_id,
            original,
        };
        f.refresh();
        f.form.focus = if close { 2 } else { 1 };
        f
    }

    /// Whether the form closes the ticket.
    pub fn closing(&self) -> bool {
        self.form.switch(FieldId::CloseTicket)
    }

    /// The ticket's id.
    pub fn ticket_id(&self) -> u64 {
        self.ticket_id
    }

    /// The request, built by [`crate::ops::tickets`] as the command line
    /// builds it: a close puts the closing text in
    /// `parametros.texto_fechamento` and never sends `descricao` (the
    /// customer's opening text); an edit sends `descricao` only when it
    /// changed.
    pub fn to_request(
        &self,
        attendant: Option<&str>,
        ramal: Option<&str>,
    ) -> Result<TicketUpdate, FormErrors> {
        let f = &self.form;
        let mut errors = FormErrors::default();
        let closing = self.closing();
        if closing {
            required(
                &mut errors,
                FieldId::ClosingText,
                f.value(FieldId::ClosingText),
            );
        } else {
            required(
                &mut errors,
                FieldId::Description,
                f.value(FieldId::Description),
            );
        }
        errors.into_result(|| {
            if closing {
                crate::ops::tickets::close(
                    self.ticket_id,
                    Some(f.value(FieldId::ClosingText)),
                    attendant,
                    ramal,
                )
            } else {
                let description = f.value(FieldId::Description).trim();
                let mut u = crate::ops::tickets::edit_description(
                    self.ticket_id,
                    description,
                    attendant,
                    ramal,
                );
                if description == self.original {
                    u.descricao = None;
                }
                u
            }
        })
    }
}

impl ActionForm for TicketUpdateForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(None, None).map(|_| ())
    }
    fn refresh(&mut self) {
        let closing = self.closing();
        self.form.kind = if closing {
            ActionKind::CloseTicket
        } else {
            ActionKind::EditTicket
        };
        self.form.field_mut(FieldId::Description).hidden = closing;
        self.form.field_mut(FieldId::ClosingText).hidden = !closing;
    }
}
