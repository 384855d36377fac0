//! A service's trust-unlock history in words, the same for the console
//! (Serviços pane, the unlock confirmation) and the command line
//! (`customer`, the `unlock` question). ISPs cap unlocks: the attendant
//! must know how many were granted lately before promising one.

use chrono::NaiveDate;

use crate::api::{ApiDate, CustomerService};
use crate::i18n::{Lang, Msg, tr, trf};

/// The window the count looks back over, in days.
pub const WINDOW_DAYS: u64 = 30;

/// What the history says, for the words below.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnlockHistory {
    /// Unlocks granted in the last [`WINDOW_DAYS`] days.
    pub recent: usize,
    /// The day the latest unlock ends (or ended), when it says.
    pub last_end: Option<NaiveDate>,
    /// The day it is, to tell "ended" from "ends".
    pub today: NaiveDate,
}

impl UnlockHistory {
    /// The history of `service`; `None` when the server did not send one
    /// (a 2020 server): then nothing is said, rather than "none".
    pub fn of(service: &CustomerService, today: NaiveDate) -> Option<UnlockHistory> {
        service.desbloqueios.as_ref()?;
        let since = today
            .checked_sub_days(chrono::Days::new(WINDOW_DAYS))
            .unwrap_or(today);
        Some(UnlockHistory {
            recent: service.unlocks_since(since),
            last_end: service
                .last_unlock()
                .and_then(|u| u.ends())
                .and_then(ApiDate::date),
            today,
        })
    }

    /// "2 unlocks in 30 days; the last ended on 01/12/2026" (the pane and
    /// `customer`).
    pub fn summary(&self, lang: Lang) -> String {
        let count = match self.recent {
            0 => tr(lang, Msg::UnlocksNoneRecent).to_owned(),
            1 => tr(lang, Msg::UnlocksRecentOne).to_owned(),
            n => trf(lang, Msg::UnlocksRecentMany, &[("count", &n)]),
        };
        self.with_last(lang, count)
    }

    /// "This would be the 3rd unlock in 30 days; the last ended on
    /// 01/12/2026" (before another one: the confirmation, `unlock`).
    pub fn before_another(&self, lang: Lang) -> String {
        let text = match self.recent {
            0 => tr(lang, Msg::UnlocksNoneRecent).to_owned(),
            n => {
                let nth = n + 1;
                let msg = match (nth % 10, nth % 100) {
                    (_, 11..=13) => Msg::UnlockNthTh,
                    (1, _) => Msg::UnlockNthSt,
                    (2, _) => Msg::UnlockNthNd,
                    (3, _) => Msg::UnlockNthRd,
                    _ => Msg::UnlockNthTh,
                };
                trf(lang, msg, &[("n", &nth)])
            }
        };
        self.with_last(lang, text)
    }

    fn with_last(&self, lang: Lang, text: String) -> String {
        match self.last_end {
            Some(end) => {
                let msg = if end >= self.today {
                    Msg::UnlockLastEnds
                } else {
                    Msg::UnlockLastEnded
                };
                let date = crate::br::dates::format_date(end);
                trf(lang, msg, &[("text", &text), ("date", &date)])
            }
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::UnlockRecord;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn record(granted: &str, ends: &str) -> UnlockRecord {
        serde_json::from_value(serde_json::json!({
            "observacao": "Acordo de pagamento",
            "data_cadastro": granted,
            "data_fim": ends,
        }))
        .unwrap()
    }

    fn service(unlocks: Option<Vec<UnlockRecord>>) -> CustomerService {
        CustomerService {
            desbloqueios: unlocks,
            ..CustomerService::default()
        }
    }

    #[test]
    fn nothing_is_said_without_a_history() {
        assert_eq!(UnlockHistory::of(&service(None), day(28)), None);
    }

    #[test]
    fn none_recent_is_said_as_such() {
        let h = UnlockHistory::of(&service(Some(vec![])), day(28)).unwrap();
        assert_eq!(h.before_another(Lang::En), "No unlock in the last 30 days");
        assert_eq!(
            h.summary(Lang::PtBr),
            "Nenhum desbloqueio nos últimos 30 dias"
        );
        let old = service(Some(vec![record("2026-08-01", "2026-08-04")]));
        let h = UnlockHistory::of(&old, day(28)).unwrap();
        assert_eq!(
            h.before_another(Lang::En),
            "No unlock in the last 30 days; the last ended on 04/08/2026"
        );
    }

    #[test]
    fn ordinals_and_plurals_in_both_languages() {
        let two = service(Some(vec![
            record("2026-11-10", "2026-11-13"),
            record("2026-11-25", "2026-11-30"),
            record("2026-09-01", "2026-09-02"),
        ]));
        let h = UnlockHistory::of(&two, day(28)).unwrap();
        assert_eq!(h.recent, 2);
        assert_eq!(
            h.before_another(Lang::En),
            "This would be the 3rd unlock in 30 days; the last ends on 30/11/2026"
        );
        assert_eq!(
            h.before_another(Lang::PtBr),
            "Este seria o 3º desbloqueio em 30 dias; o último termina em 30/11/2026"
        );
        assert_eq!(
            h.summary(Lang::PtBr),
            "2 desbloqueios em 30 dias; o último termina em 30/11/2026"
        );
        let later = UnlockHistory {
            today: day(30) + chrono::Days::new(1),
            ..h.clone()
        };
        assert_eq!(
            later.summary(Lang::En),
            "2 unlocks in 30 days; the last ended on 30/11/2026"
        );
        let nth = |recent| {
            UnlockHistory {
                recent,
                last_end: None,
                today: day(28),
            }
            .before_another(Lang::En)
        };
        assert_eq!(nth(1), "This would be the 2nd unlock in 30 days");
        assert_eq!(nth(10), "This would be the 11th unlock in 30 days");
        assert_eq!(nth(20), "This would be the 21st unlock in 30 days");
        let one = UnlockHistory {
            recent: 1,
            last_end: None,
            today: day(28),
        };
        assert_eq!(one.summary(Lang::En), "1 unlock in 30 days");
        assert_eq!(one.summary(Lang::PtBr), "1 desbloqueio em 30 dias");
    }
}
