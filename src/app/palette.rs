//! The command palette (`:` as in k9s, or F10 from a text field): every
//! screen and console command by name, filtered as the attendant types,
//! so nothing has to be remembered by key.
//!
//! Entries run the same [`Action`]s the keys run, through the same
//! read-only check, so the palette can never do what a key could not.

use crossterm::event::{Event as CtEvent, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::i18n::{Lang, Msg as T, tr};
use crate::ops::actions::{ActionKind, Target};

use super::keymap::{Action, Keymap};
use super::tools::fold;

/// One thing the palette can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The command word, typed after `:` (English, stable, scriptable).
    pub command: &'static str,
    /// What it does, localized.
    pub label: T,
    /// The action it runs.
    pub action: Action,
}

/// Every entry, in menu order. Entries whose action the profile does not
/// allow (read-only) are hidden when the palette opens.
pub const ENTRIES: &[Entry] = &[
    Entry {
        command: "search",
        label: T::PaletteSearch,
        action: Action::Search,
    },
    Entry {
        command: "network",
        label: T::KeyNetwork,
        action: Action::Network(0),
    },
    Entry {
        command: "pops",
        label: T::NetPalettePops,
        action: Action::Network(1),
    },
    Entry {
        command: "equipment",
        label: T::NetPaletteEquipment,
        action: Action::Network(2),
    },
    Entry {
        command: "zones",
        label: T::NetPaletteZones,
        action: Action::Network(3),
    },
    Entry {
        command: "cpes",
        label: T::NetPaletteCpes,
        action: Action::Network(4),
    },
    Entry {
        command: "who-had",
        label: T::NetPaletteWhoHad,
        action: Action::Network(5),
    },
    Entry {
        command: "prospects",
        label: T::SalesKeyOpen,
        action: Action::Sales,
    },
    Entry {
        command: "plans",
        label: T::SalesKeyPlans,
        action: Action::SalesPlans,
    },
    Entry {
        command: "new-prospect",
        label: T::SalesKeyNew,
        action: Action::NewProspect,
    },
    Entry {
        command: "cities",
        label: T::ToolCities,
        action: Action::Cities,
    },
    Entry {
        command: "receivables",
        label: T::RcvTool,
        action: Action::Receivables,
    },
    Entry {
        command: "pbx",
        label: T::PbxTool,
        action: Action::Pbx,
    },
    Entry {
        command: "next-tab",
        label: T::KeyNextTab,
        action: Action::NextTab,
    },
    Entry {
        command: "prev-tab",
        label: T::KeyPrevTab,
        action: Action::PrevTab,
    },
    Entry {
        command: "audit",
        label: T::KeyAuditLog,
        action: Action::AuditLog,
    },
    Entry {
        command: "messages",
        label: T::KeyMessageLog,
        action: Action::MessageLog,
    },
    Entry {
        command: "help",
        label: T::KeyHelp,
        action: Action::Help,
    },
    Entry {
        command: "quit",
        label: T::KeyQuit,
        action: Action::Quit,
    },
];

/// The keys that run `action` from the screen under the palette (its
/// contexts, and not a letter while a text field has the keyboard), as
/// displayed: the palette teaches only keys that work where the attendant
/// is (issue 13; `p` means "password" on a customer, "plans" only on the
/// sales screen).
pub fn keys_here(app: &super::App, action: Action) -> String {
    let (contexts, typing) = app.screen_contexts();
    app.keymap
        .keys_for(action)
        .iter()
        .filter(|k| {
            let event = crossterm::event::KeyEvent::new(k.code, k.mods);
            app.keymap.dispatch(&event, contexts, typing) == Some(action)
        })
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// The entry of an action of the ops table: its command and label come
/// from its row.
const fn op(kind: ActionKind) -> Entry {
    Entry {
        command: kind.command(),
        label: kind.key_msg(),
        action: Action::Run(kind),
    }
}

/// The actions of the ops table on a customer that [`CUSTOMER_ENTRIES`]
/// does not list, after them: a new action needs no palette edit.
fn unlisted() -> impl Iterator<Item = Entry> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| k.command_kind() == *k && k.target() != Target::Nothing)
        .map(op)
        .filter(|e| !CUSTOMER_ENTRIES.iter().any(|c| c.action == e.action))
}

/// Whether `action` is one of the palette's actions on the customer.
pub fn on_customer(action: Action) -> bool {
    matches!(action, Action::Noc(_))
        || CUSTOMER_ENTRIES.iter().any(|e| e.action == action)
        || unlisted().any(|e| e.action == action)
}

/// The actions on the customer on screen, listed only while one is open.
/// They run exactly as their keys do, on the selected service (or ticket,
/// invoice), through the same forms and confirmations (issue 13).
pub const CUSTOMER_ENTRIES: &[Entry] = &[
    op(ActionKind::TrustUnlock),
    op(ActionKind::ResetMac),
    op(ActionKind::Disconnect),
    op(ActionKind::OpenTicket),
    Entry {
        command: "ticket-with-order",
        label: T::KeyTicketWithOrder,
        action: Action::OpenTicketWithOrder,
    },
    op(ActionKind::EditTicket),
    op(ActionKind::CloseTicket),
    op(ActionKind::SendInvoiceEmail),
    Entry {
        command: "reveal-password",
        label: T::KeyRevealPassword,
        action: Action::RevealPassword,
    },
    Entry {
        command: "network-jump",
        label: T::KeyNetworkJump,
        action: Action::NetworkJump,
    },
    Entry {
        command: "watch",
        label: T::KeyWatch,
        action: Action::Watch,
    },
    op(ActionKind::PbxNotify),
    op(ActionKind::PbxMissed),
    Entry {
        command: "close-tab",
        label: T::KeyCloseTab,
        action: Action::CloseTab,
    },
];

/// The open palette.
#[derive(Debug, Default)]
pub struct Palette {
    /// What was typed.
    pub input: Input,
    /// Selected row among the matches.
    pub selected: usize,
    /// The entries offered (allowed by the profile).
    pub entries: Vec<Entry>,
    /// The NOC commands' names, by index: their entries' labels.
    pub commands: Vec<String>,
}

impl Palette {
    /// A palette with the entries `keymap` allows; with `customer` (one is
    /// open), the actions on it first.
    pub fn new(keymap: &Keymap, customer: bool) -> Palette {
        Palette::with_commands(keymap, customer, &[])
    }

    /// [`Palette::new`] with the configured NOC commands, after the
    /// actions on the customer (they run on its selected service): listed
    /// under `noc`, found by their names.
    pub fn with_commands(
        keymap: &Keymap,
        customer: bool,
        commands: &[crate::ops::commands::NocCommand],
    ) -> Palette {
        let noc = commands
            .iter()
            .enumerate()
            .take(usize::from(u8::MAX))
            .map(|(i, _)| Entry {
                command: "noc",
                label: T::KeyNocCommand,
                action: Action::Noc(i as u8),
            });
        let customer_entries = CUSTOMER_ENTRIES
            .iter()
            .copied()
            .chain(unlisted())
            .chain(noc)
            .filter(|_| customer);
        Palette {
            input: Input::default(),
            selected: 0,
            entries: customer_entries
                .chain(ENTRIES.iter().copied())
                .filter(|e| keymap.allows(e.action))
                .collect(),
            commands: commands.iter().map(|c| c.name.clone()).collect(),
        }
    }

    /// What an entry says: a NOC command's name, else its label.
    pub fn label(&self, entry: &Entry, lang: Lang) -> String {
        match entry.action {
            Action::Noc(i) => self
                .commands
                .get(usize::from(i))
                .cloned()
                .unwrap_or_else(|| tr(lang, entry.label).to_owned()),
            _ => tr(lang, entry.label).to_owned(),
        }
    }

    /// The entries matching what was typed, best first: a command that
    /// starts with the text, then one that contains it, then a label that
    /// contains every typed word.
    pub fn matches(&self, lang: Lang) -> Vec<Entry> {
        let typed = fold(self.input.value().trim().trim_start_matches(':'));
        if typed.is_empty() {
            return self.entries.clone();
        }
        let mut scored: Vec<(u8, usize, Entry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let label = fold(&self.label(e, lang));
                let score = if e.command.starts_with(&typed) {
                    0
                } else if e.command.contains(&typed) {
                    1
                } else if typed.split_whitespace().all(|w| label.contains(w)) {
                    2
                } else {
                    return None;
                };
                Some((score, i, *e))
            })
            .collect();
        scored.sort_by_key(|(score, i, _)| (*score, *i));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }

    /// The entry Enter would run.
    pub fn chosen(&self, lang: Lang) -> Option<Entry> {
        self.matches(lang).get(self.selected).copied()
    }

    /// Edits the text; the selection goes back to the best match.
    pub fn edit(&mut self, key: KeyEvent) -> bool {
        let before = self.input.value().to_owned();
        let handled = self.input.handle_event(&CtEvent::Key(key)).is_some();
        if self.input.value() != before {
            self.selected = 0;
        }
        handled
    }

    /// Moves the selection by `delta` rows, within the matches.
    pub fn step(&mut self, lang: Lang, down: bool) {
        let n = self.matches(lang).len();
        if n == 0 {
            return;
        }
        self.selected = if down {
            (self.selected + 1).min(n - 1)
        } else {
            self.selected.saturating_sub(1)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(p: &mut Palette, s: &str) {
        p.input = Input::new(s.into());
        p.selected = 0;
    }

    #[test]
    fn command_prefix_wins_then_label_words() {
        let mut p = Palette::new(&Keymap::default(), false);
        typed(&mut p, "cit");
        assert_eq!(p.chosen(Lang::En).map(|e| e.command), Some("cities"));
        typed(&mut p, ":cities");
        assert_eq!(p.chosen(Lang::En).map(|e| e.command), Some("cities"));
        // The pt-BR label finds it too, accents or not.
        typed(&mut p, "cidades");
        assert_eq!(p.chosen(Lang::PtBr).map(|e| e.command), Some("cities"));
        typed(&mut p, "zzzz");
        assert_eq!(p.chosen(Lang::En), None);
    }

    #[test]
    fn empty_text_lists_everything_in_order() {
        let p = Palette::new(&Keymap::default(), false);
        let all: Vec<_> = p.matches(Lang::En).iter().map(|e| e.command).collect();
        let expected: Vec<_> = ENTRIES.iter().map(|e| e.command).collect();
        assert_eq!(all, expected);
    }

    #[test]
    fn customer_actions_are_listed_only_with_a_customer_and_found_in_portuguese() {
        let p = Palette::new(&Keymap::default(), false);
        assert!(p.entries.iter().all(|e| e.action != Action::Unlock));
        let mut p = Palette::new(&Keymap::default(), true);
        typed(&mut p, ":desbloq");
        assert_eq!(p.chosen(Lang::PtBr).map(|e| e.action), Some(Action::Unlock));
        typed(&mut p, ":unlock");
        assert_eq!(p.chosen(Lang::En).map(|e| e.action), Some(Action::Unlock));
        typed(&mut p, "reset mac");
        assert_eq!(
            p.chosen(Lang::PtBr).map(|e| e.action),
            Some(Action::ResetMac)
        );
        // Read-only: gone.
        let (ro, _) = Keymap::new(&Default::default(), true);
        let p = Palette::new(&ro, true);
        assert!(p.entries.iter().all(|e| ro.allows(e.action)));
        assert!(p.entries.iter().all(|e| e.action != Action::Disconnect));
    }

    #[test]
    fn every_entry_action_has_a_binding_row() {
        for e in ENTRIES.iter().chain(CUSTOMER_ENTRIES) {
            // Panics if the action has no row in the keymap table.
            let _ = e.action.spec();
        }
    }
}
