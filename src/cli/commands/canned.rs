//! `--template NAME` of `ticket open` and `ticket close`: the canned text
//! filled by the same core as the console's `Ctrl-T`
//! ([`crate::ops::templates::fill`]). A value the command cannot know is
//! refused before anything is sent (exit 2), never sent as `{name}`.

use super::*;
use crate::ops::templates::{self, Context, Placeholder, Template};

/// The placeholders whose values come from the customer's record.
const FROM_RECORD: [Placeholder; 4] = [
    Placeholder::Cliente,
    Placeholder::Codigo,
    Placeholder::Servico,
    Placeholder::Login,
];

/// The template called `name` (accents and case aside); an unknown or
/// broken one is a usage error naming the ones there are.
pub(super) fn find(ctx: &Ctx, name: &str) -> Result<Template, Failure> {
    let (list, errors) = ctx.templates();
    match templates::find(&list, name) {
        Ok(t) => Ok(t.clone()),
        Err(e) => {
            // A broken text of that name says what is wrong with it.
            let folded = crate::text::fold(name.trim());
            let broken = errors.iter().find(|b| match b {
                templates::TemplateError::UnknownPlaceholder { template, .. }
                | templates::TemplateError::Unclosed { template }
                | templates::TemplateError::Empty { template } => {
                    crate::text::fold(template) == folded
                }
                templates::TemplateError::NotFound { .. } => false,
            });
            Err(Failure::usage(broken.unwrap_or(&e).message(ctx.lang)))
        }
    }
}

/// Whether filling `template` needs the customer's record.
pub(super) fn needs_record(template: &Template) -> bool {
    templates::unfilled(&template.text)
        .iter()
        .any(|p| FROM_RECORD.contains(p))
}

/// Whether filling `template` as a closing text needs the ticket's
/// service read: the customer's values or the ticket's protocol.
pub(super) fn needs_ticket(template: &Template) -> bool {
    needs_record(template) || templates::unfilled(&template.text).contains(&Placeholder::Protocolo)
}

/// `known` plus the attendant (as recorded in the ticket) and today.
pub(super) fn context(settings: &Settings, known: Context) -> Context {
    Context {
        atendente: crate::ops::identity::attendant(settings.attendant.as_deref()),
        data: Some(br::dates::today(chrono::Utc::now())),
        ..known
    }
}

/// `template` filled from `ctx`; a placeholder left without a value is
/// a usage error naming it.
pub(super) fn filled(lang: Lang, template: &Template, ctx: &Context) -> Result<String, Failure> {
    let filled = templates::fill(template, ctx);
    if filled.missing.is_empty() {
        return Ok(filled.text);
    }
    Err(Failure::usage(trf(
        lang,
        Msg::CliTemplateUnknownValues,
        &[
            ("name", &crate::sanitize::clean_line(&template.name)),
            ("placeholders", &templates::written_list(&filled.missing)),
        ],
    )))
}
