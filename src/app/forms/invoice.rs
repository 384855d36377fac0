//! Resending an invoice by e-mail, SMS or push, with optional extra
//! recipients.

use super::*;

/// How an invoice is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// `enviar_email`.
    Email,
    /// `enviar_sms`.
    Sms,
    /// `enviar_push`: only customers logged into the ISP's app.
    Push,
}

impl Channel {
    /// In the order the choice cycles.
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Sms, Channel::Push];
    const NAMES: &'static [Msg] = &[Msg::ChannelEmail, Msg::ChannelSms, Msg::ChannelPush];

    /// The channel's display name.
    pub fn msg(self) -> Msg {
        Channel::NAMES[self as usize]
    }

    /// The action it performs.
    pub fn kind(self) -> ActionKind {
        match self {
            Channel::Email => ActionKind::SendInvoiceEmail,
            Channel::Sms => ActionKind::SendInvoiceSms,
            Channel::Push => ActionKind::SendInvoicePush,
        }
    }
}

pub use crate::ops::actions::InvoiceRequest;
impl InvoiceRequest {
    /// The channel.
    pub fn channel(&self) -> Channel {
        match self {
            InvoiceRequest::Email(_) => Channel::Email,
            InvoiceRequest::Sms(_) => Channel::Sms,
            InvoiceRequest::Push(_) => Channel::Push,
        }
    }
}

/// `POST /cliente/financeiro/enviar_{email,sms,push}`: the channel and
/// optional recipients beyond those on file.
#[derive(Debug, Clone)]
pub struct InvoiceSendForm {
    form: Form,
}

impl Default for InvoiceSendForm {
    fn default() -> Self {
        InvoiceSendForm::new(Channel::Email)
    }
}

impl InvoiceSendForm {
    /// A form with `channel` preselected and no extra recipients.
    pub fn new(channel: Channel) -> InvoiceSendForm {
        let mut f = InvoiceSendForm {
            form: Form::new(
                ActionKind::SendInvoiceEmail,
                vec![
                    Field {
                        control: Control::Choice {
                            options: Channel::NAMES,
                            selected: channel as usize,
                        },
                        ..Field::text(FieldId::Channel, Msg::FormChannel, "")
                    },
                    Field::text(FieldId::Recipients, Msg::FormExtraEmails, ""),
                ],
            ),
        };
        f.refresh();
        f
    }

    /// The selected channel.
    pub fn channel(&self) -> Channel {
        Channel::ALL[self.form.choice(FieldId::Channel)]
    }

    /// The request for invoice `invoice_id`.
    pub fn to_request(&self, invoice_id: u64) -> Result<InvoiceRequest, FormErrors> {
        let channel = self.channel();
        let raw = self.form.value(FieldId::Recipients);
        let recipients = match channel {
            Channel::Push => Vec::new(),
            Channel::Email | Channel::Sms => parse_recipients(channel, raw)
                .map_err(|m| FormErrors(vec![(FieldId::Recipients, m)]))?,
        };
        Ok(match channel {
            Channel::Email => InvoiceRequest::Email(InvoiceEmail {
                id_fatura: invoice_id,
                email_adicional: recipients,
            }),
            Channel::Sms => InvoiceRequest::Sms(InvoiceSms {
                id_fatura: invoice_id,
                telefone_adicional: recipients,
            }),
            Channel::Push => InvoiceRequest::Push(InvoicePush {
                id_fatura: invoice_id,
            }),
        })
    }
}

/// Reads extra recipients: separated by commas, semicolons or spaces,
/// each validated for `channel` and normalised (phones to digits),
/// duplicates dropped. A phone typed with inner spaces (`37 99911 2233`)
/// is read whole when the piece between commas is one valid phone.
pub fn parse_recipients(channel: Channel, input: &str) -> Result<Vec<String>, FieldMessage> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: String| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    for piece in input
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // A piece with at most one phone's worth of digits is one phone,
        // spaces and all; its error then names the whole piece.
        if channel == Channel::Sms && phone::normalize(piece).len() <= 13 {
            match phone::parse(piece) {
                Ok(p) => add(p.digits().to_owned()),
                Err(e) => return Err(invalid_recipient(piece, FieldMessage::from_error(&e))),
            }
            continue;
        }
        for token in piece.split_whitespace() {
            let result = match channel {
                Channel::Sms => phone::parse(token)
                    .map(|p| p.digits().to_owned())
                    .map_err(|e| FieldMessage::from_error(&e)),
                _ => email::validate(token)
                    .map(str::to_owned)
                    .map_err(|e| FieldMessage::from_error(&e)),
            };
            match result {
                Ok(v) => add(v),
                Err(m) => return Err(invalid_recipient(token, m)),
            }
        }
    }
    Ok(out)
}

fn invalid_recipient(item: &str, reason: FieldMessage) -> FieldMessage {
    FieldMessage {
        msg: Msg::FormRecipientInvalid,
        args: vec![("item", crate::text::truncate(item, 30).into_owned())],
        reason: Some(Box::new(reason)),
    }
}

impl ActionForm for InvoiceSendForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(1).map(|_| ())
    }
    fn refresh(&mut self) {
        let channel = self.channel();
        self.form.kind = channel.kind();
        let field = self.form.field_mut(FieldId::Recipients);
        field.hidden = channel == Channel::Push;
        field.label = match channel {
            Channel::Sms => Msg::FormExtraPhones,
            _ => Msg::FormExtraEmails,
        };
        field.hint = Some(match channel {
            Channel::Sms => Msg::FormExtraPhonesHint,
            _ => Msg::FormExtraEmailsHint,
        });
        self.form.field_mut(FieldId::Channel).hint = Some(match channel {
            Channel::Email => Msg::FormEmailNote,
            Channel::Sms => Msg::FormSmsNote,
            Channel::Push => Msg::FormPushNote,
        });
    }
}
