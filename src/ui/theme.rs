//! Semantic colour roles and the three themes.
//!
//! Drawing code asks for a [`Role`] ("this is a danger value"), never for a
//! colour, so the dark, light and mono themes and a per-profile accent apply
//! everywhere at once.
//!
//! The mono theme sets no colour at all, only modifiers: crossterm 0.29
//! writes an SGR reset when it is told to drop colours, which would erase
//! the reverse/bold of a highlighted cell that also changes colour. Meaning
//! that colour carries elsewhere is carried in mono by modifiers and by the
//! glyphs of [`Theme::glyph`].

use std::fmt;

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text means; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Ordinary text.
    Text,
    /// Secondary text: labels, timestamps, disabled hints.
    Muted,
    /// The profile's accent: focused borders, active tab, titles.
    Accent,
    /// Good state: online, paid, active.
    Ok,
    /// Needs attention: due soon, reduced speed.
    Warning,
    /// Bad state or destructive action: overdue, blocked, disconnect.
    Danger,
    /// The selected row.
    Selection,
    /// Pane and dialog titles.
    Title,
    /// Borders of unfocused panes.
    Border,
    /// Border of the focused pane.
    BorderFocused,
    /// A banner that must not be missed (demo mode, production profile,
    /// read-only, connection lost).
    AlertBanner,
    /// Key names in the hint bar and help.
    Key,
    /// The active tab of the tab bar.
    TabActive,
    /// Inactive tabs.
    TabInactive,
    /// The status line background row.
    StatusBar,
}

/// The three built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    /// Light text on a dark terminal (default).
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours at all: modifiers and glyphs only.
    Mono,
}

impl ThemeKind {
    /// Parses a theme name from config or flags (`dark`, `light`, `mono`,
    /// also `none`/`no-color` for mono).
    pub fn from_name(name: &str) -> Option<ThemeKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeKind::Dark),
            "light" => Some(ThemeKind::Light),
            "mono" | "none" | "no-color" | "nocolor" | "monochrome" => Some(ThemeKind::Mono),
            _ => None,
        }
    }

    /// Chooses the theme: an explicit `--no-color` flag or a non-empty
    /// `NO_COLOR` (see no-color.org) force mono whatever the config says;
    /// otherwise the configured theme, else dark. `no_color_env` is the
    /// value of `NO_COLOR`, passed in so tests need not touch the process
    /// environment.
    pub fn choose(
        configured: Option<ThemeKind>,
        no_color_flag: bool,
        no_color_env: Option<&str>,
    ) -> ThemeKind {
        if no_color_flag || no_color_env.is_some_and(|v| !v.is_empty()) {
            ThemeKind::Mono
        } else {
            configured.unwrap_or_default()
        }
    }
}

/// A colour string from the config that is not a known name or `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColorParseError {
    /// The input as written.
    pub input: String,
}

impl fmt::Display for ColorParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown colour {:?}", self.input)
    }
}

impl std::error::Error for ColorParseError {}

/// Parses an accent colour: a name (`red`, `light-cyan`, `darkgray`...),
/// `#rrggbb`/`#rgb`, or an ANSI index `0`-`255`.
pub fn parse_color(input: &str) -> Result<Color, ColorParseError> {
    let err = || ColorParseError {
        input: input.to_owned(),
    };
    let s = input.trim();
    if let Some(hex) = s.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(err)?;
        return match digits.as_slice() {
            [r1, r2, g1, g2, b1, b2] => Ok(Color::Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            [r, g, b] => Ok(Color::Rgb(r * 17, g * 17, b * 17)),
            _ => Err(err()),
        };
    }
    if let Ok(index) = s.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    Ok(match name.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" | "purple" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "orange" => Color::Rgb(0xff, 0x88, 0x00),
        _ => return Err(err()),
    })
}

/// A resolved theme: kind plus accent. Cheap to copy; the app stores one
/// and every draw function reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    kind: ThemeKind,
    accent: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeKind::Dark)
    }
}

impl Theme {
    /// The theme of `kind` with its default accent.
    pub fn new(kind: ThemeKind) -> Theme {
        let accent = match kind {
            ThemeKind::Dark => Color::Cyan,
            ThemeKind::Light => Color::Blue,
            ThemeKind::Mono => Color::Reset,
        };
        Theme { kind, accent }
    }

    /// Replaces the accent (a per-profile colour, so a production profile
    /// looks different from a test one). Ignored by mono, which has no
    /// colours.
    pub fn with_accent(mut self, accent: Color) -> Theme {
        if self.kind != ThemeKind::Mono {
            self.accent = accent;
        }
        self
    }

    /// Which theme this is.
    pub fn kind(&self) -> ThemeKind {
        self.kind
    }

    /// Whether the theme uses colours at all.
    pub fn has_color(&self) -> bool {
        self.kind != ThemeKind::Mono
    }

    /// The style of a role.
    pub fn style(&self, role: Role) -> Style {
        match self.kind {
            ThemeKind::Mono => mono(role),
            ThemeKind::Dark => self.colored(role, Palette::DARK),
            ThemeKind::Light => self.colored(role, Palette::LIGHT),
        }
    }

    /// A glyph that carries a role's meaning without colour (and doubles
    /// it with colour): `✔` ok, `▲` warning, `✖` danger; empty otherwise.
    pub fn glyph(&self, role: Role) -> &'static str {
        match role {
            Role::Ok => "✔",
            Role::Warning => "▲",
            Role::Danger => "✖",
            _ => "",
        }
    }

    fn colored(&self, role: Role, p: Palette) -> Style {
        let s = Style::new();
        match role {
            Role::Text => s.fg(p.text),
            Role::Muted => s.fg(p.muted),
            Role::Accent => s.fg(self.accent),
            Role::Ok => s.fg(p.ok),
            Role::Warning => s.fg(p.warning),
            Role::Danger => s.fg(p.danger).add_modifier(Modifier::BOLD),
            Role::Selection => s
                .fg(p.selection_fg)
                .bg(p.selection_bg)
                .add_modifier(Modifier::BOLD),
            Role::Title => s.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::Border => s.fg(p.muted),
            Role::BorderFocused => s.fg(self.accent),
            Role::AlertBanner => s
                .fg(Color::White)
                .bg(p.alert_bg)
                .add_modifier(Modifier::BOLD),
            Role::Key => s.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::TabActive => s
                .fg(p.selection_fg)
                .bg(self.accent)
                .add_modifier(Modifier::BOLD),
            Role::TabInactive => s.fg(p.muted),
            Role::StatusBar => s.fg(p.text),
        }
    }
}

#[derive(Clone, Copy)]
struct Palette {
    text: Color,
    muted: Color,
    ok: Color,
    warning: Color,
    danger: Color,
    selection_fg: Color,
    selection_bg: Color,
    alert_bg: Color,
}

impl Palette {
    const DARK: Palette = Palette {
        text: Color::Reset,
        muted: Color::DarkGray,
        ok: Color::Green,
        warning: Color::Yellow,
        danger: Color::LightRed,
        selection_fg: Color::Black,
        selection_bg: Color::Cyan,
        alert_bg: Color::Red,
    };
    const LIGHT: Palette = Palette {
        text: Color::Reset,
        muted: Color::Gray,
        ok: Color::Green,
        warning: Color::Rgb(0xb0, 0x60, 0x00),
        danger: Color::Red,
        selection_fg: Color::White,
        selection_bg: Color::Blue,
        alert_bg: Color::Red,
    };
}

/// Mono: modifiers only. No `fg`/`bg` anywhere (see the module docs).
fn mono(role: Role) -> Style {
    let s = Style::new();
    match role {
        Role::Text | Role::Ok | Role::Border | Role::StatusBar => s,
        Role::Muted | Role::TabInactive => s.add_modifier(Modifier::DIM),
        Role::Accent | Role::Title | Role::Key | Role::BorderFocused => {
            s.add_modifier(Modifier::BOLD)
        }
        Role::Warning => s.add_modifier(Modifier::UNDERLINED),
        Role::Danger => s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Role::Selection | Role::TabActive => s.add_modifier(Modifier::REVERSED),
        Role::AlertBanner => s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_ROLES: [Role; 15] = [
        Role::Text,
        Role::Muted,
        Role::Accent,
        Role::Ok,
        Role::Warning,
        Role::Danger,
        Role::Selection,
        Role::Title,
        Role::Border,
        Role::BorderFocused,
        Role::AlertBanner,
        Role::Key,
        Role::TabActive,
        Role::TabInactive,
        Role::StatusBar,
    ];

    #[test]
    fn mono_sets_no_colour_in_any_role_even_with_an_accent() {
        let theme = Theme::new(ThemeKind::Mono).with_accent(Color::Red);
        for role in ALL_ROLES {
            let s = theme.style(role);
            assert_eq!((s.fg, s.bg), (None, None), "{role:?} has a colour in mono");
        }
        assert!(
            theme
                .style(Role::Selection)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn roles_that_must_stand_out_differ_from_text_in_every_theme() {
        for kind in [ThemeKind::Dark, ThemeKind::Light, ThemeKind::Mono] {
            let t = Theme::new(kind);
            for role in [
                Role::Danger,
                Role::Warning,
                Role::Selection,
                Role::AlertBanner,
                Role::TabActive,
            ] {
                assert_ne!(t.style(role), t.style(Role::Text), "{kind:?} {role:?}");
            }
            assert_ne!(t.style(Role::Danger), t.style(Role::Warning), "{kind:?}");
        }
    }

    #[test]
    fn accent_changes_focused_border_and_title() {
        let t = Theme::default().with_accent(parse_color("#ff8800").unwrap());
        assert_eq!(
            t.style(Role::BorderFocused).fg,
            Some(Color::Rgb(0xff, 0x88, 0))
        );
        assert_eq!(t.style(Role::Title).fg, Some(Color::Rgb(0xff, 0x88, 0)));
    }

    #[test]
    fn parse_colours() {
        assert_eq!(parse_color("red"), Ok(Color::Red));
        assert_eq!(parse_color(" Cyan "), Ok(Color::Cyan));
        assert_eq!(parse_color("light-cyan"), Ok(Color::LightCyan));
        assert_eq!(parse_color("dark_grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("#ff8800"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("#F80"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        for bad in ["", "#ff88", "#gg0000", "reddish", "256", "#ff8800ff"] {
            assert!(parse_color(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn no_color_env_and_flag_force_mono() {
        let dark = Some(ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(dark, false, None), ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(None, false, None), ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(dark, false, Some("1")), ThemeKind::Mono);
        // no-color.org: an empty NO_COLOR does not count.
        assert_eq!(ThemeKind::choose(dark, false, Some("")), ThemeKind::Dark);
        assert_eq!(
            ThemeKind::choose(Some(ThemeKind::Light), true, None),
            ThemeKind::Mono
        );
        assert_eq!(ThemeKind::from_name("MONO"), Some(ThemeKind::Mono));
        assert_eq!(ThemeKind::from_name("solarized"), None);
    }
}
