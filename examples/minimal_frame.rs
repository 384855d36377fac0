//! The baseline for "start to first frame" (issue 8, figure 6): the least
//! a ratatui + crossterm program does to put one frame on the screen.
//! Raw mode, alternate screen, one frame inside a synchronized update
//! through a buffered writer, then restore and exit.
//!
//! `cargo build --release --example minimal_frame`; `benches/startup.rs`
//! runs it in a pseudo-terminal next to `hubdesk`.

use std::io::{self, BufWriter, Write};

use crossterm::execute;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::{Block, Paragraph};

fn main() -> io::Result<()> {
    enable_raw_mode()?;
    let out = BufWriter::with_capacity(64 * 1024, io::stdout());
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    execute!(terminal.backend_mut(), EnterAlternateScreen)?;
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| {
        f.render_widget(
            Paragraph::new("minimal frame").block(Block::bordered().title("baseline")),
            f.area(),
        );
    })?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    // Keep the frame up a moment, so that a reader of the PTY sees it
    // before the alternate screen is left (MINIMAL_FRAME_HOLD_MS overrides).
    let wait = std::env::var("MINIMAL_FRAME_HOLD_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    std::thread::sleep(std::time::Duration::from_millis(wait));
    execute!(terminal.backend_mut(), LeaveAlternateScreen)?;
    disable_raw_mode()?;
    terminal.backend_mut().flush()
}
