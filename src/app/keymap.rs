//! The one table of key bindings.
//!
//! Every key the console reacts to is declared once in [`DEFAULT_BINDINGS`]:
//! the action it triggers, the context (pane) it belongs to, its default
//! keys and the catalog id of its description. The rows of the actions
//! that write to HubSoft come from their row in [`crate::ops::actions`]
//! (keys, description, risk, and the context of what they act on), and an
//! action of that table the keymap does not place gets a row at the end
//! ([`specs`]). From that table the
//! [`Keymap`] dispatches key events, the hint bar lists the keys of the
//! current pane, and the `?` help overlay is generated, so the three can
//! never disagree. User overrides from the configuration are applied on top
//! and problems come back as [`KeymapWarning`]s instead of panics.
//!
//! Read-only profiles remove every action that writes to HubSoft: its keys
//! stop dispatching and it disappears from hints and help. [`Keymap::allows`]
//! lets `update` check again at execution time, so an action that reaches
//! the app by another path (a command, a stale message) is still refused.

mod combo;
mod table;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::{Lang, Msg, trf};

pub use combo::{KeyCombo, KeyParseError};
pub use table::{Action, ActionSpec, Context, DEFAULT_BINDINGS, Risk, context_of, specs};

/// A problem found in the user's key overrides. The override is skipped (or
/// the conflicting key dropped) and the console starts anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapWarning {
    /// The configuration names an action that does not exist.
    UnknownAction {
        /// The name as written.
        name: String,
    },
    /// A key string could not be parsed.
    BadKey {
        /// The action it was meant for.
        action: String,
        /// The key string as written.
        key: String,
    },
    /// Two actions that can be active together got the same key; the key
    /// stays with `kept` and is removed from `dropped`.
    Duplicate {
        /// The key, as displayed.
        key: String,
        /// Action that keeps the key.
        kept: String,
        /// Action that lost it.
        dropped: String,
    },
}

impl KeymapWarning {
    /// The warning in the user's language, for the status line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KeymapWarning::UnknownAction { name } => {
                trf(lang, Msg::KeymapUnknownAction, &[("name", name)])
            }
            KeymapWarning::BadKey { action, key } => {
                trf(lang, Msg::KeymapBadKey, &[("action", action), ("key", key)])
            }
            KeymapWarning::Duplicate { key, kept, dropped } => trf(
                lang,
                Msg::KeymapDuplicate,
                &[("key", key), ("kept", kept), ("dropped", dropped)],
            ),
        }
    }
}

impl fmt::Display for KeymapWarning {
    /// English rendering for logs; the UI shows the catalog text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapWarning::UnknownAction { name } => {
                write!(f, "keys: unknown action {name:?} ignored")
            }
            KeymapWarning::BadKey { action, key } => {
                write!(f, "keys: {action}: unknown key {key:?} ignored")
            }
            KeymapWarning::Duplicate { key, kept, dropped } => write!(
                f,
                "keys: {key} is bound to both {kept} and {dropped}; kept for {kept}"
            ),
        }
    }
}

pub use crate::config::KeyList;

/// The keys bound to `action`, as shown in hints and help ("q/Ctrl-C").
pub fn keys_label(keymap: &Keymap, action: Action) -> String {
    keymap
        .keys_for(action)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// Converts a config section (`action = "key"` or `action = ["k1", "k2"]`)
/// into the map [`Keymap::new`] takes.
pub fn overrides_from_config(section: BTreeMap<String, KeyList>) -> BTreeMap<String, Vec<String>> {
    section
        .into_iter()
        .map(|(action, keys)| (action, keys.into_vec()))
        .collect()
}

/// One action with its effective keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The table row.
    pub spec: ActionSpec,
    /// Effective keys after overrides (may be empty: unbound).
    pub keys: Vec<KeyCombo>,
}

/// A key hint: the keys as displayed and the action they trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyHint {
    /// Keys joined with `/`, e.g. `"↑/k"`.
    pub keys: String,
    /// The action.
    pub action: Action,
    /// Catalog message describing it.
    pub msg: Msg,
}

/// The effective key bindings: the table, user overrides, read-only mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    read_only: bool,
    /// Which NOC commands change something (`writes = true`): refused in
    /// read-only mode like the actions that write.
    noc_writes: Vec<bool>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&BTreeMap::new(), false).0
    }
}

/// Whether bindings in `a` and `b` can be active at the same time: the
/// same context, the global one with any non-modal one, and the service
/// actions with every customer pane's own keys (see `Pane::contexts`).
fn overlap(a: Context, b: Context) -> bool {
    let pane = |c: Context| matches!(c, Context::Financial | Context::Tickets | Context::Orders);
    a == b
        || (a == Context::Global && !b.is_modal())
        || (b == Context::Global && !a.is_modal())
        || (a == Context::Subscriber && pane(b))
        || (b == Context::Subscriber && pane(a))
}

impl Keymap {
    /// Builds the keymap from the table plus `overrides` (action name →
    /// key strings; an empty list unbinds the action). `read_only` removes
    /// every action that writes to HubSoft. Never fails: problems are
    /// returned as warnings for the status line and the log.
    pub fn new(
        overrides: &BTreeMap<String, Vec<String>>,
        read_only: bool,
    ) -> (Keymap, Vec<KeymapWarning>) {
        let mut warnings = Vec::new();
        let mut bindings: Vec<Binding> = specs()
            .iter()
            .map(|spec| Binding {
                spec: *spec,
                keys: spec
                    .keys
                    .iter()
                    .map(|k| KeyCombo::parse(k).expect("default key strings parse (tested)"))
                    .collect(),
            })
            .collect();
        let mut overridden = vec![false; bindings.len()];

        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                warnings.push(KeymapWarning::UnknownAction { name: name.clone() });
                continue;
            };
            let idx = bindings
                .iter()
                .position(|b| b.spec.action == action)
                .expect("from_name only returns table actions");
            let mut parsed = Vec::new();
            for key in keys {
                match KeyCombo::parse(key) {
                    Ok(combo) if !parsed.contains(&combo) => parsed.push(combo),
                    Ok(_) => {}
                    Err(_) => warnings.push(KeymapWarning::BadKey {
                        action: action.name(),
                        key: key.clone(),
                    }),
                }
            }
            bindings[idx].keys = parsed;
            overridden[idx] = true;
        }

        // Resolve duplicates: a user's explicit choice beats a default; among
        // equals the earlier table row keeps the key.
        let order: Vec<usize> = {
            let mut v: Vec<usize> = (0..bindings.len()).collect();
            v.sort_by_key(|&i| (!overridden[i], i));
            v
        };
        let mut claimed: Vec<(KeyCombo, Context, usize)> = Vec::new();
        for &i in &order {
            let ctx = bindings[i].spec.context;
            let mut kept = Vec::new();
            for key in std::mem::take(&mut bindings[i].keys) {
                match claimed
                    .iter()
                    .find(|(k, c, _)| *k == key && overlap(*c, ctx))
                {
                    Some(&(_, _, owner)) => warnings.push(KeymapWarning::Duplicate {
                        key: key.to_string(),
                        kept: bindings[owner].spec.action.name(),
                        dropped: bindings[i].spec.action.name(),
                    }),
                    None => {
                        claimed.push((key, ctx, i));
                        kept.push(key);
                    }
                }
            }
            bindings[i].keys = kept;
        }

        (
            Keymap {
                bindings,
                read_only,
                noc_writes: Vec::new(),
            },
            warnings,
        )
    }

    /// Whether the profile is read-only.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Whether `action` may run under this keymap's mode. `update` calls this
    /// again before executing, so read-only holds even for actions that did
    /// not come from a key.
    pub fn allows(&self, action: Action) -> bool {
        if let Action::Noc(i) = action {
            return !(self.read_only && self.noc_writes.get(usize::from(i)) != Some(&false));
        }
        !(self.read_only && action.risk() != Risk::Safe)
    }

    /// Binds the NOC commands (`[[commands]]`) to their keys on the
    /// customer screen, after the table: a key the console already uses
    /// there stays the console's (a command must not change what a known
    /// key does), and the command is left without a key, said in a
    /// warning. Commands past the 255th are ignored.
    pub fn bind_commands(
        &mut self,
        commands: &[crate::ops::commands::NocCommand],
    ) -> Vec<KeymapWarning> {
        let mut warnings = Vec::new();
        let row = *Action::Noc(0).spec();
        self.bindings
            .retain(|b| !matches!(b.spec.action, Action::Noc(_)));
        self.noc_writes = commands.iter().map(|c| c.writes).collect();
        for (i, command) in commands.iter().enumerate().take(usize::from(u8::MAX)) {
            let action = Action::Noc(i as u8);
            let mut keys = Vec::new();
            match KeyCombo::parse(&command.key) {
                Err(_) => warnings.push(KeymapWarning::BadKey {
                    action: command.name.clone(),
                    key: command.key.clone(),
                }),
                Ok(combo) => {
                    let owner = self
                        .bindings
                        .iter()
                        .find(|b| b.keys.contains(&combo) && overlap(b.spec.context, row.context));
                    match owner {
                        Some(b) => warnings.push(KeymapWarning::Duplicate {
                            key: combo.to_string(),
                            kept: match b.spec.action {
                                Action::Noc(j) => commands[usize::from(j)].name.clone(),
                                other => other.name(),
                            },
                            dropped: command.name.clone(),
                        }),
                        None => keys.push(combo),
                    }
                }
            }
            self.bindings.push(Binding {
                spec: ActionSpec { action, ..row },
                keys,
            });
        }
        warnings
    }

    /// Effective bindings that are allowed, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(|b| self.allows(b.spec.action))
    }

    /// Effective keys of `action` (empty when unbound or not allowed).
    pub fn keys_for(&self, action: Action) -> &[KeyCombo] {
        self.bindings()
            .find(|b| b.spec.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// Which action `event` triggers. `contexts` lists the active contexts,
    /// most specific first ([`Context::Global`] need not be included: it is
    /// consulted last, except that a modal top context only lets Interrupt
    /// and Suspend through). With `text_focus`, keys that type a character
    /// never dispatch and only `text_safe` actions fire, so the caller feeds
    /// everything else to the text field. Release/repeat-less terminals send
    /// only presses; release events are ignored.
    pub fn dispatch(
        &self,
        event: &KeyEvent,
        contexts: &[Context],
        text_focus: bool,
    ) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(event);
        if text_focus && combo.is_typing() {
            return None;
        }
        let modal = contexts.first().is_some_and(|c| c.is_modal());
        let candidates = contexts
            .iter()
            .copied()
            .chain(std::iter::once(Context::Global));
        for ctx in candidates {
            for b in self.bindings().filter(|b| b.spec.context == ctx) {
                if !b.keys.contains(&combo) {
                    continue;
                }
                if text_focus && !b.spec.text_safe {
                    continue;
                }
                if modal
                    && ctx == Context::Global
                    && !matches!(b.spec.action, Action::Interrupt | Action::Suspend)
                {
                    continue;
                }
                return Some(b.spec.action);
            }
        }
        None
    }

    /// Hints for the hint bar: the `hint` actions of `contexts` (most
    /// specific first), then the global ones, skipping unbound and
    /// disallowed actions.
    pub fn hints(&self, contexts: &[Context]) -> Vec<KeyHint> {
        let modal = contexts.first().is_some_and(|c| c.is_modal());
        let mut order: Vec<Context> = contexts.to_vec();
        if !modal && !order.contains(&Context::Global) {
            order.push(Context::Global);
        }
        let mut out = Vec::new();
        for ctx in order {
            for b in self
                .bindings()
                .filter(|b| b.spec.context == ctx && b.spec.hint)
            {
                if b.keys.is_empty() {
                    continue;
                }
                out.push(KeyHint {
                    keys: join_keys(&b.keys),
                    action: b.spec.action,
                    msg: b.spec.msg,
                });
            }
        }
        out
    }

    /// Everything for the help overlay, grouped by context in
    /// [`Context::ALL`] order; unbound and disallowed actions are left out,
    /// and the pane digits collapse into one `1-6` row.
    pub fn help_groups(&self) -> Vec<(Context, Vec<KeyHint>)> {
        let mut groups = Vec::new();
        for ctx in Context::ALL {
            let mut rows: Vec<KeyHint> = Vec::new();
            // The pane digits and the tab keys: one row each.
            let mut pane_keys: Vec<KeyCombo> = Vec::new();
            let mut tab_keys: Vec<KeyCombo> = Vec::new();
            for b in self.bindings().filter(|b| b.spec.context == ctx) {
                if b.keys.is_empty() {
                    continue;
                }
                let (first, keys) = match b.spec.action {
                    Action::GoToPane(_) => (Action::GoToPane(1), &mut pane_keys),
                    Action::Tab(_) => (Action::Tab(1), &mut tab_keys),
                    _ => {
                        rows.push(KeyHint {
                            keys: join_keys(&b.keys),
                            action: b.spec.action,
                            msg: b.spec.msg,
                        });
                        continue;
                    }
                };
                if keys.is_empty() {
                    rows.push(KeyHint {
                        keys: String::new(),
                        action: first,
                        msg: b.spec.msg,
                    });
                }
                keys.extend(&b.keys);
            }
            for row in rows.iter_mut().filter(|r| r.keys.is_empty()) {
                row.keys = match row.action {
                    Action::Tab(_) => digits_range(&tab_keys, KeyModifiers::ALT, '9'),
                    _ => digits_range(&pane_keys, KeyModifiers::NONE, '6'),
                };
            }
            if !rows.is_empty() {
                groups.push((ctx, rows));
            }
        }
        groups
    }
}

fn join_keys(keys: &[KeyCombo]) -> String {
    keys.iter()
        .map(KeyCombo::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// `1-6` (`Alt-1…9`) when the keys are the default digits 1 to `last`
/// with `mods`, else the plain list.
fn digits_range(keys: &[KeyCombo], mods: KeyModifiers, last: char) -> String {
    let defaults: Vec<KeyCombo> = ('1'..=last)
        .map(|c| KeyCombo::new(KeyCode::Char(c), mods))
        .collect();
    if keys != defaults.as_slice() {
        return join_keys(keys);
    }
    match defaults.first() {
        Some(first) if mods.is_empty() => format!("{first}-{last}"),
        Some(first) => format!("{first}…{last}"),
        None => String::new(),
    }
}
