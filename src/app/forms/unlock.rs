//! Trust unlock (`POST /cliente/desbloqueio_confianca`): the number of days.

use super::*;

/// `POST /cliente/desbloqueio_confianca`: how many days.
#[derive(Debug, Clone)]
pub struct TrustUnlockForm {
    form: Form,
}

impl Default for TrustUnlockForm {
    fn default() -> Self {
        TrustUnlockForm::new()
    }
}

impl TrustUnlockForm {
    /// Days default to 1, the server's own default.
    pub fn new() -> TrustUnlockForm {
        TrustUnlockForm {
            form: Form::new(
                ActionKind::TrustUnlock,
                vec![Field::text(FieldId::Days, Msg::FormDays, "1").with_hint(Msg::FormDaysHint)],
            ),
        }
    }

    /// The days typed, if valid: a positive whole number.
    pub fn days(&self) -> Result<u32, FieldMessage> {
        parse_days(self.form.value(FieldId::Days))
    }

    /// The last day the service stays unlocked: `today` plus the days.
    pub fn until(&self, today: NaiveDate) -> Option<NaiveDate> {
        let days = self.days().ok()?;
        today.checked_add_days(chrono::Days::new(u64::from(days)))
    }

    /// The request for service `service_id`. The ISP's panel rule
    /// (maximum days, number of unlocks) is checked by the server only.
    pub fn to_request(&self, service_id: u64) -> Result<TrustUnlock, FormErrors> {
        match self.days() {
            Ok(days) => Ok(TrustUnlock {
                id_cliente_servico: service_id,
                dias_desbloqueio: Some(days),
            }),
            Err(m) => Err(FormErrors(vec![(FieldId::Days, m)])),
        }
    }
}

/// A positive whole number of days.
pub fn parse_days(input: &str) -> Result<u32, FieldMessage> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldMessage::new(Msg::FieldEmpty));
    }
    match s.parse::<u32>() {
        Ok(d) if d > 0 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(d),
        _ => Err(FieldMessage::new(Msg::FormDaysInvalid)),
    }
}

impl ActionForm for TrustUnlockForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        self.to_request(1).map(|_| ())
    }
}
