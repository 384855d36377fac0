//! The attendant-facing words for API errors, shared by the console's
//! panes, its action results and the CLI, so the same error reads the same
//! everywhere.

use crate::api::ApiError;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;

/// The text of an authentication failure: hubdesk's advice, and HubSoft's
/// own message beside it when the server sent one (a 401 used to replace
/// it with ours).
pub fn auth_failed(lang: Lang, err: &ApiError) -> String {
    match err.server_auth_message() {
        Some(server) => trf(
            lang,
            Msg::ErrAuthFailedServer,
            &[("msg", &clean_line(server))],
        ),
        None => tr(lang, Msg::ErrAuthFailed).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubsofts_words_are_kept_beside_the_advice() {
        let e = ApiError::Auth {
            msg: "The user credentials were incorrect.".into(),
        };
        let t = auth_failed(Lang::En, &e);
        assert!(t.contains("The user credentials were incorrect."), "{t}");
        assert!(t.contains("client_secret"), "{t}");
        let ours = ApiError::Auth {
            msg: crate::api::AUTH_REFUSED_WITHOUT_REASON.into(),
        };
        assert_eq!(
            auth_failed(Lang::En, &ours),
            tr(Lang::En, Msg::ErrAuthFailed)
        );
        let hostile = ApiError::Auth {
            msg: "bad\u{1b}[2Jnews".into(),
        };
        assert!(!auth_failed(Lang::PtBr, &hostile).contains('\u{1b}'));
    }
}
