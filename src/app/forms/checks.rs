//! The shared field checks every form's `check` calls: each puts its
//! message at the field and keeps what was typed.

use super::*;

/// Keeps the value of a typed `br` parse, or puts its error at `id`.
pub(crate) fn check<T, E: FieldError>(
    errors: &mut FormErrors,
    id: FieldId,
    parsed: Result<T, E>,
) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(id, FieldMessage::from_error(&e));
            None
        }
    }
}

pub(crate) fn required(errors: &mut FormErrors, id: FieldId, value: &str) -> bool {
    if value.trim().is_empty() {
        errors.push(id, FieldMessage::new(Msg::FieldEmpty));
        false
    } else {
        true
    }
}

pub(crate) fn check_phone(errors: &mut FormErrors, id: FieldId, value: &str) -> Option<String> {
    check(errors, id, phone::parse(value)).map(|p| p.digits().to_owned())
}

pub(crate) fn check_optional_email(
    errors: &mut FormErrors,
    id: FieldId,
    value: &str,
) -> Option<String> {
    if value.trim().is_empty() {
        return None;
    }
    check(errors, id, email::validate(value)).map(str::to_owned)
}

// ---------------------------------------------------------------------------
// Any form
