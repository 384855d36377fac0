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

/// The open palette.
#[derive(Debug, Default)]
pub struct Palette {
    /// What was typed.
    pub input: Input,
    /// Selected row among the matches.
    pub selected: usize,
    /// The entries offered (allowed by the profile).
    pub entries: Vec<Entry>,
}

impl Palette {
    /// A palette with the entries `keymap` allows.
    pub fn new(keymap: &Keymap) -> Palette {
        Palette {
            input: Input::default(),
            selected: 0,
            entries: ENTRIES
                .iter()
                .copied()
                .filter(|e| keymap.allows(e.action))
                .collect(),
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
                let label = fold(tr(lang, e.label));
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
        let mut p = Palette::new(&Keymap::default());
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
        let p = Palette::new(&Keymap::default());
        let all: Vec<_> = p.matches(Lang::En).iter().map(|e| e.command).collect();
        let expected: Vec<_> = ENTRIES.iter().map(|e| e.command).collect();
        assert_eq!(all, expected);
    }

    #[test]
    fn every_entry_action_has_a_binding_row() {
        for e in ENTRIES {
            // Panics if the action has no row in the keymap table.
            let _ = e.action.spec();
        }
    }
}
