//! Canned texts in a form (`Ctrl-T`): the texts offered, the field they
//! go into, inserting one, and refusing a placeholder left in it.

use super::*;

/// A canned text filled for the form's customer, ready to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canned {
    /// The template's name.
    pub name: String,
    /// The filled text ([`crate::ops::templates::fill`]).
    pub text: String,
    /// Placeholders left in the text, their values unknown here.
    pub missing: Vec<Placeholder>,
}

impl Form {
    /// The canned texts offered, filled for this form's target.
    pub fn canned(&self) -> &[Canned] {
        &self.canned
    }

    /// Offers `canned` (filled when the form opens, so a draft kept from
    /// another day gets today's date again).
    pub fn set_canned(&mut self, canned: Vec<Canned>) {
        self.canned = canned;
    }

    /// The field `Ctrl-T` fills now: the focused one if it takes canned
    /// texts, else the first visible one that does; `None` when the form
    /// has none or no text is offered.
    pub fn canned_target(&self) -> Option<FieldId> {
        if self.canned.is_empty() {
            return None;
        }
        let focused = &self.fields[self.focus];
        if focused.canned && !focused.hidden {
            return Some(focused.id);
        }
        self.visible().find(|f| f.canned).map(|f| f.id)
    }

    /// A message at each visible field that got a canned text and still
    /// holds a placeholder: it must not be sent as written.
    pub fn unfilled_errors(&self) -> FormErrors {
        let mut errors = FormErrors::default();
        for f in self.visible().filter(|f| f.templated) {
            let left = templates::unfilled(f.value());
            if !left.is_empty() {
                errors.push(f.id, unfilled_message(&left));
            }
        }
        errors
    }
}

/// "Replace {protocolo} before sending": placeholders left in a text.
pub(super) fn unfilled_message(left: &[Placeholder]) -> FieldMessage {
    FieldMessage {
        msg: Msg::FormTemplateUnfilled,
        args: vec![("placeholders", templates::written_list(left))],
        reason: None,
    }
}

/// Inserts canned text `index` into field `id` at the cursor (a space
/// apart from the text before it), as typed by the attendant; a
/// placeholder left in it is said at once at the field.
pub(super) fn insert_canned<F: ActionForm + ?Sized>(form: &mut F, id: FieldId, index: usize) {
    let f = form.form_mut();
    let Some(canned) = f.canned.get(index).cloned() else {
        return;
    };
    let Some(at) = f.fields.iter().position(|x| x.id == id) else {
        return;
    };
    let field = &mut f.fields[at];
    let Control::Text(input) = &mut field.control else {
        return;
    };
    let before = (input.cursor().checked_sub(1)).and_then(|i| input.value().chars().nth(i));
    let text = match before {
        Some(c) if !c.is_whitespace() => format!(" {}", canned.text),
        _ => canned.text.clone(),
    };
    insert_text(input, &text);
    field.templated = true;
    value_changed(form, at);
    let f = form.form_mut();
    f.focus(id);
    let left = templates::unfilled(f.field(id).value());
    if !left.is_empty() {
        f.field_mut(id).error = Some(unfilled_message(&left));
    }
}
