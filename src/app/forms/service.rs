//! The service's state (current HubSoft servers): enabling asks the reason
//! (`motivo_habilitacao`), suspending the kind (`tipo_suspensao`).
//! Activating needs nothing but the service, so it has no form.

use super::*;
use crate::api::service_state::{EnableService, SuspendService, SuspensionKind};

/// `POST /cliente/cliente_servico/habilitar/{id}`: the reason.
#[derive(Debug, Clone)]
pub struct EnableServiceForm {
    form: Form,
}

impl Default for EnableServiceForm {
    fn default() -> Self {
        EnableServiceForm::new()
    }
}

impl EnableServiceForm {
    /// An empty reason.
    pub fn new() -> EnableServiceForm {
        EnableServiceForm {
            form: Form::new(
                ActionKind::EnableService,
                vec![Field::text(FieldId::Reason, Msg::FormEnableReason, "")],
            ),
        }
    }

    /// The request for service `service_id`: the reason is required.
    pub fn to_request(&self, service_id: u64) -> Result<EnableService, FormErrors> {
        let mut errors = FormErrors::default();
        let reason = self.form.value(FieldId::Reason);
        required(&mut errors, FieldId::Reason, reason);
        errors.into_result(|| EnableService {
            id_cliente_servico: service_id,
            motivo_habilitacao: reason.trim().to_owned(),
        })
    }
}

impl ActionForm for EnableServiceForm {
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

/// The kinds of suspension, in the order of the choice.
pub const SUSPENSION_KINDS: [SuspensionKind; 2] =
    [SuspensionKind::Debt, SuspensionKind::CustomerRequest];

/// The words of `kind` ("por débito", "a pedido do cliente").
pub fn suspension_msg(kind: SuspensionKind) -> Msg {
    match kind {
        SuspensionKind::Debt => Msg::SuspendDebt,
        SuspensionKind::CustomerRequest => Msg::SuspendCustomerRequest,
    }
}

/// `POST /cliente/cliente_servico/suspender/{id}`: the kind.
#[derive(Debug, Clone)]
pub struct SuspendServiceForm {
    form: Form,
}

impl Default for SuspendServiceForm {
    fn default() -> Self {
        SuspendServiceForm::new()
    }
}

impl SuspendServiceForm {
    /// "por débito" chosen first, the usual reason.
    pub fn new() -> SuspendServiceForm {
        const NAMES: &[Msg] = &[Msg::SuspendDebt, Msg::SuspendCustomerRequest];
        SuspendServiceForm {
            form: Form::new(
                ActionKind::SuspendService,
                vec![Field {
                    control: Control::Choice {
                        options: NAMES,
                        selected: 0,
                    },
                    ..Field::text(FieldId::SuspendKind, Msg::FormSuspendKind, "")
                }],
            ),
        }
    }

    /// The kind chosen.
    pub fn kind(&self) -> SuspensionKind {
        SUSPENSION_KINDS[self.form.choice(FieldId::SuspendKind) % SUSPENSION_KINDS.len()]
    }

    /// The request for service `service_id`.
    pub fn to_request(&self, service_id: u64) -> Result<SuspendService, FormErrors> {
        Ok(SuspendService {
            id_cliente_servico: service_id,
            tipo_suspensao: self.kind(),
        })
    }
}

impl ActionForm for SuspendServiceForm {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        Ok(())
    }
}
